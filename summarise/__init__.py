"""summarise: turn a folder of news reports about one event into a sourced, conflict-aware summary.

    from pathlib import Path
    from summarise import RunConfig, run_pipeline, write_outputs

    result = run_pipeline(Path("reports/"), RunConfig(extractor="offline"))
    result.summary                # schemas.EventSummary: claims, conflicts, sources, run report
    write_outputs(result.summary, Path("out/"), ["md", "json", "html"])

The public API is what ``__all__`` names: the run calls (``run_pipeline`` on a folder,
``run_articles`` on in-memory ``Article`` objects, and their ``*_async`` forms for a running event loop), their configuration and result, the schema types they return, and the error tree
(``SummariseError`` is its root; see ``extract.errors``). Imports are lazy so that
``import summarise`` stays cheap for the CLI; type checkers see the real types.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from extract.errors import (
        ArticleError,
        AuthenticationFailed,
        ConfigError,
        EndpointError,
        EndpointUnreachable,
        GoldError,
        IngestError,
        InputError,
        LLMCallFailed,
        LLMError,
        ModelNotFound,
        SummariseError,
    )
    from schemas import Article, ArticleExtraction, EventSummary
    from summarise.config import LLMConfig, RunConfig
    from summarise.pipeline import PipelineResult, run_articles, run_articles_async, run_pipeline, run_pipeline_async
    from summarise.render import write_outputs

# Where each public name lives; looked up on first use.
_HOME = {
    "RunConfig": "summarise.config",
    "LLMConfig": "summarise.config",
    "PipelineResult": "summarise.pipeline",
    "run_pipeline": "summarise.pipeline",
    "run_pipeline_async": "summarise.pipeline",
    "run_articles": "summarise.pipeline",
    "run_articles_async": "summarise.pipeline",
    "write_outputs": "summarise.render",
    "Article": "schemas",
    "ArticleExtraction": "schemas",
    "EventSummary": "schemas",
    **{name: "extract.errors" for name in (
        "SummariseError", "InputError", "ConfigError", "IngestError", "GoldError", "ArticleError",
        "LLMError", "EndpointError", "EndpointUnreachable", "AuthenticationFailed", "ModelNotFound",
        "LLMCallFailed",
    )},
}

__all__ = [
    "__version__",
    "run_pipeline", "run_pipeline_async", "run_articles", "run_articles_async", "PipelineResult", "RunConfig", "LLMConfig", "write_outputs",
    "Article", "ArticleExtraction", "EventSummary",
    "SummariseError", "InputError", "ConfigError", "IngestError", "GoldError", "ArticleError",
    "LLMError", "EndpointError", "EndpointUnreachable", "AuthenticationFailed", "ModelNotFound", "LLMCallFailed",
]


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(_HOME[name]), name)
    raise AttributeError(f"module 'summarise' has no attribute {name!r}")
