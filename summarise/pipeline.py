"""The main job as a library call: articles in, sourced summary out.

    from pathlib import Path
    from summarise import RunConfig, run_pipeline, write_outputs

    result = run_pipeline(Path("event_folder"), RunConfig(extractor="offline"))
    result.summary            # schemas.EventSummary: claims, conflicts, sources, run report
    result.rendered["md"]     # the Markdown text (also "json" and "html")
    write_outputs(result.summary, Path("out"), ["md", "json", "html"])

Four entry points, all returning a ``PipelineResult``:

- ``run_pipeline(folder, config)`` and ``await run_pipeline_async(folder, config)`` read a folder;
- ``run_articles(articles, config)`` and ``await run_articles_async(articles, config)`` take
  ``schemas.Article``s already in memory (a newsroom service that has no files).

The sync ones also work when called from inside a running event loop (a notebook, a web
service): the run then goes on a worker thread with its own loop. None of them writes anything;
writing is the caller's choice. Whole-run failures raise ``IngestError`` (bad folder), a
``ConfigError`` or an ``EndpointError`` (endpoint unreachable, authentication, unknown model); a
single article's failure never raises and is reported in ``summary.report.failures``.

With the LLM extractor, the run opens one ``extract.llm.session.LLMSession`` (one client, one
answer cache, one event loop) used by extraction, party resolution (``summarise.llm_assist.parties``)
and the headline paragraph (``summarise.llm_assist.narrative``), and closes it at the end. The two
extra steps' usage is added to ``summary.report.usage``; when either falls back (the offline
resolver, or whatever narrative ``reconcile`` wrote), ``summary.report.warnings`` says why. The
summary ``reconcile`` returns is never changed: the final one is a copy with those additions.

``RunConfig.progress``, when set, is told each stage's start and end and every extracted article
(``summarise.config.ProgressHook``); the CLI draws its progress bar from it. It changes nothing else.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.errors import ConfigError
from extract.extractor import Extractor
from extract.ingest import ingest_event_folder
from extract.llm.loop import run_sync
from schemas import Article, ArticleExtraction, ArticleFailure, EventSummary, RunReport, Usage
from summarise.config import RunConfig

if TYPE_CHECKING:  # the offline run never imports the LLM client
    from extract.llm.session import LLMSession
    from summarise.reconcile import reconcile as reconcile
    from summarise.reconcile.parties import PartyResolution
    from summarise.render import RENDERERS as RENDERERS
    from summarise.render import write_outputs as write_outputs

# The stages after extraction are imported when a run reaches them (``_stage``), not with this
# module: an LLM run's first requests need none of them, and its session imports them on its
# worker thread while the model answers (``LLMSession.load_later``). ``summarise.pipeline.reconcile``
# and the others still resolve (``__getattr__``), and a test may replace them here.
_STAGES = {"reconcile": "summarise.reconcile", "RENDERERS": "summarise.render", "write_outputs": "summarise.render"}
LATER_MODULES = (*dict.fromkeys(_STAGES.values()), "summarise.llm_assist.parties", "summarise.llm_assist.narrative")


def _stage(name: str) -> Any:
    """This module's ``reconcile``, ``RENDERERS`` or ``write_outputs``, imported on first use."""
    if name not in globals():
        globals()[name] = getattr(import_module(_STAGES[name]), name)
    return globals()[name]


def __getattr__(name: str) -> Any:
    if name in _STAGES:
        return _stage(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


# ---------------------------------------------------------------------------------------------
# Entry points


def run_pipeline(folder: Path, config: RunConfig | None = None) -> PipelineResult:
    """Ingest ``folder`` (or its ``articles/`` subfolder), extract every article, reconcile, and
    render every format in memory."""
    return run_sync(run_pipeline_async(folder, config))


async def run_pipeline_async(folder: Path, config: RunConfig | None = None) -> PipelineResult:
    """``run_pipeline`` as a coroutine, for callers that already run an event loop."""
    config = config or RunConfig()
    chosen = choose_extractor(config)  # options that cannot work fail before the folder is read
    _tell(config, "ingest", 0, 1)
    ingested = await asyncio.to_thread(ingest_event_folder, Path(folder), max_file_bytes=config.max_file_bytes)
    _tell(config, "ingest", 1, 1)
    return await _run(ingested.articles, ingested.skipped, config, chosen)


def run_articles(articles: Sequence[Article], config: RunConfig | None = None) -> PipelineResult:
    """Extract, reconcile and render ``articles`` already in memory (no folder, nothing skipped)."""
    return run_sync(run_articles_async(articles, config))


async def run_articles_async(articles: Sequence[Article], config: RunConfig | None = None) -> PipelineResult:
    """``run_articles`` as a coroutine, for callers that already run an event loop."""
    config = config or RunConfig()
    return await _run(list(articles), [], config, choose_extractor(config))


# ---------------------------------------------------------------------------------------------
# The run


def _tell(config: RunConfig, stage: str, done: int, total: int) -> None:
    if config.progress is not None:
        config.progress(stage, done, total)


def _extract_each(extractor: Extractor, articles: list[Article], config: RunConfig) -> list[ArticleExtraction]:
    """``extractor.extract(articles)``, one article at a time when progress is wanted (the offline
    extractor treats each article on its own, so the results are the same: only the claims'
    background facts compare with the run's first report, so they are filled again against it)."""
    if config.progress is None:
        return list(extractor.extract(articles))
    from extract.text.background import event_start
    from extract.text.claim_facts import extraction_with_facts

    _tell(config, "extract", 0, len(articles))
    extractions: list[ArticleExtraction] = []
    start = event_start(articles)
    for done, article in enumerate(articles, 1):
        extractions += [extraction_with_facts(e, article, start) for e in extractor.extract([article])]
        _tell(config, "extract", done, len(articles))
    return extractions


async def _run(articles: list[Article], skipped: list[ArticleFailure], config: RunConfig,
               chosen: tuple[Extractor, list[str]]) -> PipelineResult:
    extractor, notices = chosen
    if wants_llm(config):
        from extract.llm.extractor import LLMExtractor
        from extract.llm.session import LLMSession

        assert isinstance(extractor, LLMExtractor)  # what choose_extractor picks when wants_llm
        on_article = None if config.progress is None else (lambda done, total: _tell(config, "extract", done, total))
        async with LLMSession(config.llm) as session:
            session.load_later(*LATER_MODULES)
            extractions = await extractor.aextract(articles, session, on_article=on_article)
            report = run_report(extractor.name, articles, skipped, extractions)
            _tell(config, "reconcile", 0, 1)
            summary = await reconcile_with_llm(articles, extractions, report, session, config)
    else:  # CPU work on a worker thread, so that an async caller's loop is not held up
        extractions = await asyncio.to_thread(_extract_each, extractor, articles, config)
        report = run_report(extractor.name, articles, skipped, extractions)
        _tell(config, "reconcile", 0, 1)
        summary = await asyncio.to_thread(_stage("reconcile"), articles, extractions, report)
        _tell(config, "reconcile", 1, 1)
    renderers = _stage("RENDERERS")
    rendered: dict[str, str] = {fmt: renderers[fmt](summary) for fmt in config.formats}
    return PipelineResult(articles, extractions, summary, rendered, notices)


async def reconcile_with_llm(articles: list[Article], extractions: list[ArticleExtraction], report: RunReport,
                             session: LLMSession, config: RunConfig | None = None) -> EventSummary:
    """Reconcile with the LLM party resolver, then let the model write the narrative, both through
    ``session``. Each step falls back by itself (with a warning); an ``EndpointError`` raises.

    ``reconcile`` is sync and calls its resolver halfway, so it runs on a worker thread and its
    resolver hands the call back to this loop, where the session's client lives. ``config`` only
    carries the progress hook."""
    from summarise.llm_assist.narrative import narrate
    from summarise.llm_assist.parties import PartyStep, resolve_with_llm

    config = config or RunConfig()
    loop = asyncio.get_running_loop()
    steps: list[PartyStep] = []

    def resolver(names: list[str]) -> PartyResolution:  # on reconcile's worker thread
        _tell(config, "parties", 0, 1)
        steps.append(asyncio.run_coroutine_threadsafe(resolve_with_llm(session, names), loop).result())
        _tell(config, "parties", 1, 1)
        return steps[-1].resolution

    summary = await asyncio.to_thread(_stage("reconcile"), articles, extractions, report, resolver=resolver)
    _tell(config, "reconcile", 1, 1)
    _tell(config, "narrative", 0, 1)
    narrative = await narrate(session, summary)
    _tell(config, "narrative", 1, 1)
    usage = Usage()
    warnings: list[str] = []
    for step in steps:
        usage, warnings = usage.add(step.usage), warnings + step.warnings
    usage = usage.add(narrative.usage)
    warnings += [narrative.warning] if narrative.warning else []
    return with_llm_steps(summary, usage, warnings, narrative.text)


def with_llm_steps(summary: EventSummary, usage: Usage, warnings: list[str], narrative: str | None) -> EventSummary:
    """A copy of ``summary`` with the LLM steps' usage and warnings in its report and the model's
    narrative when it was kept (else the summary's own stays). ``summary`` is not changed."""
    report = summary.report.model_copy(
        update={"usage": summary.report.usage.add(usage), "warnings": [*summary.report.warnings, *warnings]}
    )
    update: dict[str, object] = {"report": report}
    if narrative is not None:
        update["narrative"] = narrative
    return summary.model_copy(update=update)


__all__ = [
    "ConfigError", "PipelineResult", "choose_extractor", "run_articles", "run_articles_async", "run_pipeline",
    "run_pipeline_async", "write_outputs",
]
