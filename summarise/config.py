"""Run configuration: one object passed from the CLI (or a newsroom tool) to the pipeline.

Options are checked here, at the boundary, so the stages behind it can trust them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from extract.llm.config import LLMConfig, default_cache_dir

ExtractorChoice = Literal["auto", "llm", "offline"]

# ``hook(stage, done, total)``: the run's one progress hook. ``stage`` is "ingest", "extract",
# "reconcile", "parties" or "narrative" (the last two only with the LLM, "parties" inside
# "reconcile"); each stage is announced as (stage, 0, total) and ends with (stage, total, total);
# "extract" counts articles, the others are one step. It may be called from a worker thread.
ProgressHook = Callable[[str, int, int], None]

__all__ = ["ExtractorChoice", "LLMConfig", "ProgressHook", "RunConfig", "default_cache_dir"]


class RunConfig(BaseModel):
    """Everything one ``summarise FOLDER`` run needs."""

    extractor: ExtractorChoice = "auto"
    llm: LLMConfig = Field(default_factory=LLMConfig)
    output_dir: Path | None = None
    formats: list[Literal["md", "json", "html"]] = Field(default_factory=lambda: ["md", "json", "html"])
    max_file_bytes: int = Field(default=2_000_000, ge=1)
    progress: ProgressHook | None = Field(default=None, exclude=True, repr=False,
                                          description="told how the run goes; see ProgressHook")
