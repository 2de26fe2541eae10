"""The main job as a library call: folder in, sourced summary out.

    from pathlib import Path
    from summarise import RunConfig, run_pipeline, write_outputs

    result = run_pipeline(Path("event_folder"), RunConfig(extractor="offline"))
    result.summary            # schemas.EventSummary: claims, conflicts, sources, run report
    result.rendered["md"]     # the Markdown text (also "json" and "html")
    write_outputs(result.summary, Path("out"), ["md", "json", "html"])

``run_pipeline`` reads the folder and may call the LLM endpoint (through the extractor) but writes
nothing; writing is the caller's choice. Whole-run failures raise ``IngestError`` (bad folder) or
an ``LLMError`` (endpoint unreachable, authentication, unknown model); a single article's failure
never raises and is reported in ``summary.report.failures``.

With the LLM extractor, two more calls follow extraction: party resolution
(``summarise.llm_assist.parties``) and the headline paragraph (``summarise.llm_assist.narrative``). Their usage is
added to ``summary.report.usage``; when either fails short of a run-fatal error, the offline
resolver or the template paragraph stands in and ``summary.report.warnings`` says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import ConfigError, EndpointError
from extract.extractor import Extractor
from extract.ingest import articles_folder, ingest_folder
from schemas import Article, ArticleExtraction, ArticleFailure, EventSummary, RunReport, Usage
from summarise.config import LLMConfig, RunConfig
from summarise.reconcile import reconcile
from summarise.render import RENDERERS, write_outputs


@dataclass
class PipelineResult:
    articles: list[Article]
    extractions: list[ArticleExtraction]
    summary: EventSummary
    rendered: dict[str, str]
    notices: list[str] = field(default_factory=list)


def wants_llm(config: RunConfig) -> bool:
    """True when the options ask for the LLM: ``--extractor llm``, or ``auto`` with an endpoint."""
    return config.extractor == "llm" or (config.extractor == "auto" and config.llm.is_configured())


def choose_extractor(config: RunConfig) -> tuple[Extractor, list[str]]:
    """The extractor the options ask for, and the notices a user should see about that choice."""
    if not wants_llm(config):
        from extract.offline.extractor import PatternExtractor

        notice = (
            "no LLM endpoint configured: using the offline pattern extractor "
            "(set --model/--base-url or OPENAI_API_KEY for LLM extraction)"
            if config.extractor == "auto"
            else "using the offline pattern extractor (--extractor offline)"
        )
        return PatternExtractor(), [notice]
    if not config.llm.is_configured():
        raise ConfigError("--extractor llm needs an endpoint: --model, --base-url, --api-key or OPENAI_API_KEY")
    from extract.llm.extractor import LLMExtractor

    return LLMExtractor(config.llm), []


def run_report(extractor_name: str, articles: list[Article], skipped: list[ArticleFailure],
               extractions: list[ArticleExtraction]) -> RunReport:
    """Count what the run did: failures, dropped items and usage summed over every article."""
    failures = [ArticleFailure(article=e.article, reason=e.error) for e in extractions if e.error]
    usage_by_article = {e.article: e.usage for e in extractions if e.usage is not None}
    total = Usage()
    for usage in usage_by_article.values():
        total = total.add(usage)
    return RunReport(
        extractor=extractor_name,
        articles_read=len(articles),
        articles_extracted=sum(1 for e in extractions if not e.error),
        failures=failures,
        skipped_files=skipped,
        dropped_items=sum(len(e.dropped) for e in extractions),
        usage=total,
        usage_by_article=usage_by_article,
    )


def run_pipeline(folder: Path, config: RunConfig | None = None) -> PipelineResult:
    """Ingest ``folder`` (or its ``articles/`` subfolder), extract every article, reconcile, and
    render every format in memory."""
    config = config or RunConfig()
    extractor, notices = choose_extractor(config)
    ingested = ingest_folder(articles_folder(Path(folder)), max_file_bytes=config.max_file_bytes)
    extractions = extractor.extract(ingested.articles)
    report = run_report(extractor.name, ingested.articles, ingested.skipped, extractions)
    if wants_llm(config):
        summary = reconcile_with_llm(ingested.articles, extractions, report, config.llm)
    else:
        summary = reconcile(ingested.articles, extractions, report)
    rendered = {fmt: RENDERERS[fmt](summary) for fmt in config.formats}
    return PipelineResult(ingested.articles, extractions, summary, rendered, notices)


def reconcile_with_llm(articles: list[Article], extractions: list[ArticleExtraction], report: RunReport,
                       llm: LLMConfig) -> EventSummary:
    """Reconcile with the LLM party resolver, then let the model write the narrative. Run-fatal
    ``LLMError``s raise; any other failure of either step falls back and is a warning."""
    from summarise.llm_assist.narrative import write_narrative
    from summarise.llm_assist.parties import LLMPartyResolver

    resolver = LLMPartyResolver(llm)
    warnings: list[str] = []
    try:
        summary = reconcile(articles, extractions, report, resolver=resolver)
        warnings += resolver.warnings
    except EndpointError:
        raise
    except Exception as error:  # a resolution reconcile cannot use: the offline resolver instead
        warnings.append(f"party resolution failed ({type(error).__name__}: {error}); used the offline resolver")
        summary = reconcile(articles, extractions, report)
    usage = resolver.usage
    try:
        summary.narrative, narrative_usage, warning = write_narrative(summary, llm)
        usage = usage.add(narrative_usage)
        warnings += [warning] if warning else []
    except EndpointError:
        raise
    except Exception as error:  # write_narrative falls back itself; this guards a bug in it
        warnings.append(f"narrative failed ({type(error).__name__}: {error}); used the template paragraph")
    summary.report.usage = summary.report.usage.add(usage)
    summary.report.warnings += warnings
    return summary


__all__ = ["ConfigError", "PipelineResult", "choose_extractor", "run_pipeline", "write_outputs"]
