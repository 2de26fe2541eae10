"""Where and how to call an OpenAI-compatible endpoint: checked here, at the boundary, so the LLM
client behind it can trust its options."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator

InstructorModeName = Literal["auto", "tools", "json", "json_schema", "md_json"]


def default_cache_dir() -> Path:
    """``$SUMMARISE_CACHE_DIR``, else the user's cache folder (XDG on Linux)."""
    if os.environ.get("SUMMARISE_CACHE_DIR"):
        return Path(os.environ["SUMMARISE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summarise"


class LLMConfig(BaseModel):
    """Where and how to call an OpenAI-compatible endpoint."""

    model: str | None = None
    base_url: str | None = None
    api_key: SecretStr | None = Field(default=None, repr=False)
    mode: InstructorModeName = "auto"
    concurrency: int = Field(default=4, ge=1, le=64)
    timeout: float = Field(default=120.0, gt=0, description="seconds for one whole request attempt")
    max_retries: int = Field(default=3, ge=0, le=10, description="transport retries (429, 5xx, connection)")
    retry_budget: int = Field(default=20, ge=0, description="transport retries for the whole run, all requests together")
    breaker_after: int = Field(
        default=5, ge=1, description="consecutive failed requests after which the run's remaining requests fail at once"
    )
    deadline: float | None = Field(
        default=None, gt=0, allow_inf_nan=False,
        description="seconds for the run's LLM requests, from the opening of its session: after it no request "
        "is sent (cached answers still count) and one in flight is cut; what is left is that article's error",
    )
    max_reasks: int = Field(default=1, ge=0, le=2, description="re-asks when an answer fails validation")
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    max_context_chars: int = Field(default=12000, ge=500, description="at most this many characters of numbered sentences in one request (and never more than 2,400)")
    cache_dir: Path = Field(default_factory=default_cache_dir)
    use_cache: bool = True
    progress: bool = False

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"base URL must start with http:// or https://, got {value!r}")
        if value is not None and ("?" in value or "#" in value):
            # the client appends paths to the base URL, and a key in a query string would end up
            # in logs: keys go in --api-key or OPENAI_API_KEY
            raise ValueError("base URL must not carry a query string or fragment; pass a key with --api-key")
        return value.rstrip("/") if value else value

    @classmethod
    def from_environment(cls, **overrides) -> LLMConfig:
        """Fill unset fields from OPENAI_API_KEY, OPENAI_BASE_URL and SUMMARISE_MODEL / OPENAI_MODEL."""
        values = {k: v for k, v in overrides.items() if v is not None}
        values.setdefault("model", os.environ.get("SUMMARISE_MODEL") or os.environ.get("OPENAI_MODEL"))
        values.setdefault("base_url", os.environ.get("OPENAI_BASE_URL") or None)
        if "api_key" not in values and os.environ.get("OPENAI_API_KEY"):
            values["api_key"] = os.environ["OPENAI_API_KEY"]
        return cls(**{k: v for k, v in values.items() if v is not None})

    def is_configured(self) -> bool:
        """An endpoint is configured when any of model, base URL or key is given."""
        return bool(self.model or self.base_url or self.api_key)
