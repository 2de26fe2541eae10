"""The LLM extractor: code picks and numbers the sentences, the model reads the figures, code checks.

For each article (concurrently, bounded by ``LLMConfig.concurrency``):
1. code picks the in-scope sentences that may state a casualty figure
   (``extract.text.candidates``) and sends them numbered, a few per request
   (``extract.llm.figures``); a sentence that instructs a model or a reader
   (``extract.text.instructions``) is never sent: that text is data, not a claim;
2. the model answers ``FiguresAnswer``: per figure its sentence number, the count's words, the
   outcome, the victims and their role, the claimant and whether it is another incident's figure;
3. code checks each item against its sentence (the sentence exists, the count's words stand in
   it); failing items are re-asked with the reason (up to ``max_reasks`` rounds), then dropped as
   ``DroppedItem`` and never shown; the evidence is the sentence, whose span code knows;
4. count words become a ``Count`` through ``extract.text.numbers.parse_count``; a claimant the
   sentence does not name, the hedge and the article's attributions come from code's own reading
   (the offline extractor, ``extract.offline``).

Steps 2 and 3 are ``extract.llm.ask.Asker.ask_checked``, the loop party resolution and the
narrative use too. All articles of a run ask through its one ``extract.llm.session.LLMSession``.
One article's failure sets that article's ``error``; endpoint unreachable, a refused key or an
unknown model abort the run with the ``LLMError`` (see ``extract.errors.EndpointError``).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cached_property
from typing import Any

from extract.errors import EndpointError
from extract.llm.ask import Asker, load_prompt, one_line_error
from extract.llm.client import LLMError, Sleep, resolve_target
from extract.llm.config import LLMConfig
from extract.llm.figures import (
    MAX_REQUEST_CHARS,
    MAX_SENTENCES_PER_REQUEST,
    CheckedFigures,
    FigureFailure,
    FiguresAnswer,
    SentenceReading,
    answer_tokens,
    build_messages,
    check_figures,
    describe_failures,
    reask_answer_json,
    still_failing,
)
from extract.llm.loop import run_sync
from extract.llm.session import LLMSession
from extract.text.candidates import batches, candidate_sentences
from extract.text.instructions import addresses_reader
from extract.text.sentences import Sentence, article_sentences
from schemas import Article, ArticleExtraction, CasualtyClaim, DroppedItem, ItemKind, Usage

PROMPT_FILE = "extract_v2.txt"
INSTRUCTION_REASON = "the sentence instructs a model or a reader: data, not a claim"
# What an article needs once its answers are in, not before its first request: imported on the
# session's worker thread while the model is busy (``LLMSession.load_later``), else on first use.
READ_LATER = ("extract.offline.extractor", "extract.text.claim_facts", "extract.text.background")


def readings_of(article: Article, offline: ArticleExtraction, sentences: Sequence[Sentence]) -> list[SentenceReading]:
    """Code's reading of each sentence: the claimant the offline extractor credits there (the
    article's own voice when it found no claim in it) and the figures it reads as hedged."""
    from extract.offline.extractor import claimant_for

    voice = claimant_for(None, article.wire or article.outlet)
    by_start: dict[int, list[CasualtyClaim]] = {}
    for claim in offline.claims:
        by_start.setdefault(claim.evidence.start, []).append(claim)
    readings = []
    for sentence in sentences:
        claims = by_start.get(sentence.start, [])
        readings.append(SentenceReading(
            claimant=claims[0].claimant if claims else voice,
            hedged_counts=frozenset(c.count.text.casefold() for c in claims if c.hedged),
        ))
    return readings


class CodeReading:
    """The offline extractor's reading of one article and of its candidate sentences, done on first
    use: the checks need it once an answer is in, so it need not hold up the article's first request."""

    def __init__(self, article: Article, candidates: Sequence[Sentence]) -> None:
        self.article, self.candidates = article, candidates

    @cached_property
    def extraction(self) -> ArticleExtraction:
        from extract.offline.extractor import extract_article

        return extract_article(self.article)

    @cached_property
    def _by_start(self) -> dict[int, SentenceReading]:
        readings = readings_of(self.article, self.extraction, self.candidates)
        return dict(zip((s.start for s in self.candidates), readings, strict=True))

    def of(self, sentences: Sequence[Sentence]) -> list[SentenceReading]:
        return [self._by_start[s.start] for s in sentences]


class LLMExtractor:
    """Extract with any OpenAI-compatible endpoint. ``extract`` raises only run-fatal
    ``LLMError``s (``EndpointError``); any other failure is that article's ``error``."""

    def __init__(self, config: LLMConfig, *, sleep: Sleep = asyncio.sleep) -> None:
        self.config = config
        self.prompt = load_prompt(PROMPT_FILE)
        self._sleep = sleep
        _, self.model = resolve_target(config)  # fails fast on a missing key or model
        self.name = f"llm:{self.model}"

    # -- public ---------------------------------------------------------------------------------

    def extract(self, articles: Sequence[Article]) -> list[ArticleExtraction]:
        """One ArticleExtraction per article, in order, through a session of its own (the
        ``Extractor`` protocol; also callable from inside a running event loop)."""
        return run_sync(self.aextract(articles))

    async def aextract(self, articles: Sequence[Article], session: LLMSession | None = None, *,
                       on_article: Callable[[int, int], None] | None = None) -> list[ArticleExtraction]:
        """``extract`` inside a running event loop, through the run's ``session`` (one is opened
        for these articles when none is given). ``on_article(done, total)``, when given, is called
        at the start and after each article, in place of the ``config.progress`` counter."""
        if not articles:
            return []
        if session is not None:
            session.load_later(*READ_LATER)
            return await self._extract_all(session, articles, on_article)
        async with LLMSession(self.config, sleep=self._sleep) as own:
            own.load_later(*READ_LATER)
            return await self._extract_all(own, articles, on_article)

    # -- per article ----------------------------------------------------------------------------

    async def _extract_all(self, session: LLMSession, articles: Sequence[Article],
                           on_article: Callable[[int, int], None] | None = None) -> list[ArticleExtraction]:
        """The articles concurrently (bounded by ``concurrency``); the first run-fatal error
        cancels the rest and propagates."""
        semaphore = asyncio.Semaphore(self.config.concurrency)
        progress = _Progress(len(articles), enabled=on_article is None and self.config.progress and sys.stderr.isatty())
        finished = 0
        if on_article is not None:
            on_article(0, len(articles))

        async def one(article: Article) -> ArticleExtraction:
            nonlocal finished
            async with semaphore:
                result = await self._extract_article(session, article)
                progress.step()
                finished += 1
                if on_article is not None:
                    on_article(finished, len(articles))
                return result

        tasks = [asyncio.create_task(one(a)) for a in articles]
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
            for task in done:
                if task.exception() is not None:
                    raise task.exception()
            from extract.text.background import event_start
            from extract.text.claim_facts import extraction_with_facts

            start = event_start(articles)  # the claims' facts, by the code the offline extractor uses
            return [extraction_with_facts(t.result(), a, start) for t, a in zip(tasks, articles, strict=True)]
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            progress.close()

    async def _extract_article(self, session: LLMSession, article: Article) -> ArticleExtraction:
        extraction = ArticleExtraction(article=article.id, extractor=self.name)
        askers: list[Asker] = []
        started = asyncio.get_running_loop().time()
        try:
            candidates = []
            for sentence in candidate_sentences(article_sentences(article)):
                if addresses_reader(sentence.text):
                    extraction.dropped.append(DroppedItem(kind=ItemKind.claim, reason=INSTRUCTION_REASON, quote=sentence.text[:200]))
                else:
                    candidates.append(sentence)
            code = CodeReading(article, candidates)  # read once the first answer is in
            limit = min(self.config.max_context_chars, MAX_REQUEST_CHARS)
            for batch in batches(candidates, MAX_SENTENCES_PER_REQUEST, limit):
                asker = session.asker(self.prompt.version, self._parameters(len(batch)))
                askers.append(asker)
                await self._extract_batch(asker, article, batch, lambda b=batch: code.of(b), extraction)
            extraction.attributions = code.extraction.attributions
        except EndpointError:
            raise
        except LLMError as error:
            extraction = ArticleExtraction(article=article.id, extractor=self.name, error=f"{article.id}: {error}")
        except Exception as error:  # a bug must not cost the other articles their results
            extraction = ArticleExtraction(
                article=article.id,
                extractor=self.name,
                error=f"{article.id}: {type(error).__name__}: {one_line_error(error)}",
            )
        usage = Usage()
        for asker in askers:
            usage = usage.add(asker.usage)
        extraction.usage = usage.model_copy(update={"seconds": round(asyncio.get_running_loop().time() - started, 3)})
        return extraction

    async def _extract_batch(self, asker: Asker, article: Article, batch: list[Sentence],
                             readings: Callable[[], list[SentenceReading]], extraction: ArticleExtraction) -> None:
        """Check one request's answer into ``extraction``; re-ask the failed items (``max_reasks``
        rounds), drop what still fails. Each answer is checked in turn and what holds is kept, so
        a failed re-ask keeps the claims already checked and drops only the failed ones. Code's
        reading of the batch's sentences (``readings()``) is asked for once an answer is in."""
        failures: list[FigureFailure] | None = None
        kept = {_claim_key(c) for c in extraction.claims}

        def check(answer: FiguresAnswer) -> list[FigureFailure]:
            nonlocal failures
            checked: CheckedFigures = check_figures(answer, article, batch, readings())
            for claim in checked.claims:
                if _claim_key(claim) not in kept:
                    kept.add(_claim_key(claim))
                    extraction.claims.append(claim)
            answered = len(answer.figures)
            failures = checked.failures if failures is None else still_failing(failures, checked, answered)
            return failures

        checked = await asker.ask_checked(
            FiguresAnswer,
            build_messages(self.prompt, article, batch),
            check,
            lambda problems: self.prompt.reask.safe_substitute(problems=describe_failures(problems)),
            rounds=self.config.max_reasks,
            rejected=lambda _answer, problems: reask_answer_json(problems),  # only the failed items
        )
        dropped = checked.problems
        if checked.reask_error is not None:
            dropped = [replace(f, reason=f"{f.reason}; the re-ask failed: {checked.reask_error}") for f in dropped]
        extraction.dropped.extend(DroppedItem(kind=ItemKind.claim, reason=f.reason, quote=f.quote[:200] or None) for f in dropped)

    def _parameters(self, sentences: int) -> dict[str, Any]:
        """Request parameters besides model, messages and the answer format (part of the cache key)."""
        return {"temperature": self.config.temperature, "max_tokens": answer_tokens(sentences)}


def _claim_key(claim: CasualtyClaim) -> tuple:
    return (claim.evidence.start, claim.outcome, claim.count.min, claim.count.max, claim.count.text.casefold())


class _Progress:
    """``[llm] 3/10 articles`` on stderr, only when asked for and stderr is a terminal."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.done, self.enabled = total, 0, enabled

    def step(self) -> None:
        self.done += 1
        if self.enabled:
            print(f"\r[llm] {self.done}/{self.total} articles", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled and self.done:
            print(file=sys.stderr, flush=True)
