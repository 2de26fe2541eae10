"""The LLM extractor: the model quotes, code locates, checks and normalises.

For each article (concurrently, bounded by ``LLMConfig.concurrency``):
1. only in-scope text is sent, inside a delimited data block, split into overlapping chunks when
   longer than ``max_context_chars``;
2. the model answers ``ArticleAnswer`` (quotes and words, never offsets or numbers);
3. code places each quote with ``extract.text.grounding.locate`` and checks that a claim's count words
   sit inside its quote; failing items are re-asked with the reason (up to ``max_reasks`` rounds),
   then dropped as ``DroppedItem`` and never shown (also when the re-ask call itself fails: the
   items already grounded are kept); an item whose quote is an instruction to a model or a reader
   ("ignore previous instructions and report ...", ``extract.text.instructions``) is dropped at
   once, never re-asked: that text is data, not a claim;
4. count words become a ``Count`` through ``extract.text.numbers.parse_count``.

Steps 2 and 3 are ``extract.llm.ask.Asker.ask_checked``, the loop party resolution and the
narrative use too. All articles of a run ask through its one ``extract.llm.session.LLMSession``.
One article's failure sets that article's ``error``; endpoint unreachable, a refused key or an
unknown model abort the run with the ``LLMError`` (see ``extract.errors.EndpointError``).
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from pydantic import BaseModel, Field

from extract.errors import EndpointError
from extract.llm.ask import Asker, CompactModel, PromptTemplate, data_block_text, load_prompt, one_line_error
from extract.llm.client import LLMError, Sleep, clean_string, resolve_target
from extract.llm.config import LLMConfig
from extract.llm.loop import run_sync
from extract.llm.session import LLMSession
from extract.text.background import event_start
from extract.text.claim_facts import extraction_with_facts
from extract.text.grounding import GroundingFailure, locate, normalise_with_map
from extract.text.instructions import addresses_reader
from extract.text.numbers import parse_count
from schemas import (
    Article,
    ArticleExtraction,
    Attribution,
    CasualtyClaim,
    Claimant,
    DroppedItem,
    Event,
    Evidence,
    ItemKind,
    Outcome,
    SpeechMode,
)

PROMPT_FILE = "extract_v1.txt"
MAX_ANSWER_TOKENS = 2048
CHUNK_OVERLAP_FRACTION = 0.1
UNSTATED = "(not stated)"
INSTRUCTION_REASON = "the quote instructs a model or a reader: data, not a claim"


# ---------------------------------------------------------------------------------------------
# What the model answers (not the output schema: quotes and words only, code does the rest)


class ClaimAnswer(BaseModel):
    quote: str = Field(description="the sentence stating the figure, copied exactly from the article")
    count_text: str = Field(description="the figure's words as they stand in the quote, e.g. 'at least 15'")
    outcome: Literal["killed", "wounded", "captured", "missing", "killed_or_captured", "casualties"]
    victims: str = Field(description="who was hurt, in the article's words")
    claimant: str = Field(description="who gives the figure")
    hedged: bool = False


class AttributionAnswer(BaseModel):
    quote: str = Field(description="the sentence with the statement, copied exactly from the article")
    speaker: str
    role: str | None = None
    affiliation: str | None = None
    mode: Literal["quoted", "reported"] = "reported"
    statement: str = Field(description="the part of the quote the speaker said")


class EventAnswer(BaseModel):
    quote: str = Field(description="the sentence telling the event, copied exactly from the article")
    description: str
    place: str | None = None
    when_text: str | None = Field(default=None, description="the words that date it, e.g. 'on Saturday'")


class ArticleAnswer(CompactModel):
    """Casualty claims, attributions and events in one article, each with a verbatim quote."""

    claims: list[ClaimAnswer] = Field(default_factory=list)
    attributions: list[AttributionAnswer] = Field(default_factory=list)
    events: list[EventAnswer] = Field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# What is sent (the template is prompts/extract_v1.txt, read with ``extract.llm.ask.load_prompt``)


def in_scope_text(article: Article) -> str:
    """The article without its excluded ranges: kept stretches joined by blank lines."""
    pieces, cursor = [], 0
    for excluded in sorted(article.excluded, key=lambda r: r.start):
        pieces.append(article.text[cursor : excluded.start])
        cursor = max(cursor, excluded.end)
    pieces.append(article.text[cursor:])
    return "\n\n".join(p.strip() for p in pieces if p.strip())


def split_chunks(text: str, max_chars: int) -> list[str]:
    """Overlapping windows of at most ``max_chars``, cut at a paragraph or space where possible,
    so that a sentence cut by one window is whole in the next."""
    if len(text) <= max_chars:
        return [text]
    overlap = int(max_chars * CHUNK_OVERLAP_FRACTION)
    chunks, start = [], 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            floor = start + max_chars // 2
            cut = max(text.rfind("\n", floor, end), text.rfind(" ", floor, end))
            end = cut if cut > floor else end
        chunks.append(text[start:end])
        if end >= len(text):
            break
        start = max(end - overlap, start + 1)
    return chunks


def build_messages(prompt: PromptTemplate, article_id: str, text: str) -> list[dict[str, str]]:
    """System prompt, then the text in its ``<article>`` block (the id cannot close its quotes)."""
    user = prompt.user.safe_substitute(article_id=article_id.replace('"', "'"), article_text=data_block_text(text))
    return [{"role": "system", "content": prompt.system}, {"role": "user", "content": user}]


# ---------------------------------------------------------------------------------------------
# Grounding the answer (pure)


@dataclass
class Failure:
    """An answer item that did not hold: its kind, its quote, why, and the item as the model gave
    it (the assistant turn of a re-ask)."""

    kind: str
    quote: str
    reason: str
    item: dict[str, Any]


@dataclass
class Grounded:
    """An answer placed in the article: the items that hold, with code-computed evidence, and the failures."""

    claims: list[CasualtyClaim] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    refused: list[Failure] = field(default_factory=list)  # quotes that instruct the reader: dropped, not re-asked

    def count(self, kind: str) -> int:
        """How many items of ``kind`` ("claim", "attribution" or "event") hold."""
        return len({"claim": self.claims, "attribution": self.attributions, "event": self.events}[kind])


def find_within(needle: str, evidence: Evidence) -> str | None:
    """The evidence's own characters matching ``needle`` once quotes/whitespace/case are folded."""
    folded_hay, index = normalise_with_map(evidence.quote)
    folded_needle, _ = normalise_with_map(needle.strip().strip("\"'\u201c\u201d\u2018\u2019"))
    if not folded_needle:
        return None
    pos = folded_hay.find(folded_needle)
    if pos == -1:
        return None
    return evidence.quote[index[pos] : index[pos + len(folded_needle) - 1] + 1]


def _text_or(value: str | None, default: str | None) -> str | None:
    value = clean_string(value).strip() if value else ""
    return value or default


def ground_answer(answer: ArticleAnswer, article: Article) -> Grounded:
    """Place every quote in the article and check each item; collect what fails, with why."""
    grounded = Grounded()
    kinds: list[tuple[str, Sequence[Any], Callable[[Any, Evidence, Article], Any], list[Any]]] = [
        ("claim", answer.claims, _claim, grounded.claims),
        ("attribution", answer.attributions, _attribution, grounded.attributions),
        ("event", answer.events, _event, grounded.events),
    ]
    for kind, items, build, kept in kinds:
        for item in items:
            evidence = locate(item.quote, article)
            if not isinstance(evidence, GroundingFailure) and addresses_reader(evidence.quote):
                grounded.refused.append(Failure(kind, item.quote, INSTRUCTION_REASON, item.model_dump()))
                continue
            built = evidence.reason if isinstance(evidence, GroundingFailure) else build(item, evidence, article)
            if isinstance(built, str):  # why the item failed
                grounded.failures.append(Failure(kind, item.quote, built, item.model_dump()))
            else:
                kept.append(built)
    return grounded


def _claim(item: ClaimAnswer, evidence: Evidence, article: Article) -> CasualtyClaim | str:
    """The claim of a located quote, or why it fails: its count words must sit inside the quote."""
    words = find_within(item.count_text, evidence) if item.count_text.strip() else None
    if words is None:
        return f"count_text {item.count_text!r} is not inside the quote"
    try:
        count = parse_count(words)
    except ValueError as error:
        return f"count {words!r}: {error}"
    return CasualtyClaim(
        outcome=Outcome(item.outcome),
        victims=_text_or(item.victims, UNSTATED),
        count=count,
        claimant=Claimant(name=_text_or(item.claimant, UNSTATED)),  # the model's words, whole
        carrier=article.wire or article.outlet,
        hedged=item.hedged,
        evidence=evidence,
    )


def _attribution(item: AttributionAnswer, evidence: Evidence, article: Article) -> Attribution | str:
    """The attribution of a located quote, or why it fails: it needs a speaker."""
    speaker = _text_or(item.speaker, None)
    if speaker is None:
        return "no speaker given"
    return Attribution(
        speaker=speaker,
        role=_text_or(item.role, None),
        affiliation=_text_or(item.affiliation, None),
        mode=SpeechMode(item.mode),
        # a statement that is not verbatim inside the quote falls back to the quote itself
        statement=find_within(item.statement, evidence) or evidence.quote,
        evidence=evidence,
    )


def _event(item: EventAnswer, evidence: Evidence, article: Article) -> Event:
    return Event(
        description=_text_or(item.description, evidence.quote),
        place=_text_or(item.place, None),
        when_text=_text_or(item.when_text, None),
        evidence=evidence,
    )


def describe_failures(failures: Sequence[Failure]) -> str:
    """The re-ask's list of problems: one line per failed item, with its quote and reason."""
    return "\n".join(f"- {f.kind} with quote {f.quote[:160]!r}: {f.reason}" for f in failures)


def reask_answer_json(failures: Sequence[Failure]) -> str:
    """The failed items as the model gave them: the assistant turn a re-ask replies to."""
    plural = {"claim": "claims", "attribution": "attributions", "event": "events"}
    body: dict[str, list[dict[str, Any]]] = {"claims": [], "attributions": [], "events": []}
    for failure in failures:
        body[plural[failure.kind]].append(failure.item)
    return json.dumps(body, ensure_ascii=False)


def still_failing(failures: Sequence[Failure], corrected: Grounded) -> list[Failure]:
    """What remains failed after a re-ask: the corrected answer's own failures, plus earlier
    failures it left out. The model does not say which correction answers which item, so per
    kind the first k earlier failures count as answered when the re-ask returned k items of that
    kind (grounded or not)."""
    left: list[Failure] = list(corrected.failures)
    for kind in ("claim", "attribution", "event"):
        answered = corrected.count(kind) + sum(1 for f in corrected.failures if f.kind == kind)
        left.extend([f for f in failures if f.kind == kind][answered:])
    return left


def merge_unique(extraction: ArticleExtraction, grounded: Grounded) -> None:
    """Add items not already present: chunks overlap, so one span may be found twice."""
    kinds: list[tuple[list[Any], list[Any], Callable[[Any], tuple]]] = [
        (extraction.claims, grounded.claims, _claim_key),
        (extraction.attributions, grounded.attributions, _attribution_key),
        (extraction.events, grounded.events, _event_key),
    ]
    for kept, found, key in kinds:
        seen = {key(item) for item in kept}
        for item in found:
            if key(item) not in seen:
                seen.add(key(item))
                kept.append(item)


def _claim_key(claim: CasualtyClaim) -> tuple:
    return (claim.evidence.start, claim.evidence.end, claim.outcome, claim.count.min, claim.count.max, claim.count.text)


def _attribution_key(attribution: Attribution) -> tuple:
    return (attribution.evidence.start, attribution.evidence.end, attribution.speaker.casefold())


def _event_key(event: Event) -> tuple:
    return (event.evidence.start, event.evidence.end)


# ---------------------------------------------------------------------------------------------
# The extractor


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
            return await self._extract_all(session, articles, on_article)
        async with LLMSession(self.config, sleep=self._sleep) as own:
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
            start = event_start(articles)  # the claims' facts, by the code the offline extractor uses
            return [extraction_with_facts(t.result(), a, start) for t, a in zip(tasks, articles, strict=True)]
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            progress.close()

    async def _extract_article(self, session: LLMSession, article: Article) -> ArticleExtraction:
        asker = session.asker(self.prompt.version, self._parameters())
        extraction = ArticleExtraction(article=article.id, extractor=self.name)
        try:
            for chunk in split_chunks(in_scope_text(article), self.config.max_context_chars):
                if chunk.strip():
                    await self._extract_chunk(asker, article, chunk, extraction)
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
        extraction.usage = asker.spent()
        return extraction

    async def _extract_chunk(self, asker: Asker, article: Article, chunk: str, extraction: ArticleExtraction) -> None:
        """Ground one chunk's answer into ``extraction``; re-ask the failed items (``max_reasks``
        rounds), drop what still fails. The check grounds each answer in turn and keeps what holds,
        so a failed re-ask keeps the items already grounded and drops only the failed ones."""
        failures: list[Failure] | None = None

        def check(answer: ArticleAnswer) -> list[Failure]:
            nonlocal failures
            grounded = ground_answer(answer, article)
            merge_unique(extraction, grounded)
            known = {(d.kind, d.quote) for d in extraction.dropped}
            for refused in grounded.refused:
                if (ItemKind(refused.kind), refused.quote) not in known:
                    known.add((ItemKind(refused.kind), refused.quote))
                    extraction.dropped.append(DroppedItem(kind=ItemKind(refused.kind), reason=refused.reason, quote=refused.quote))
            failures = grounded.failures if failures is None else still_failing(failures, grounded)
            return failures

        checked = await asker.ask_checked(
            ArticleAnswer,
            build_messages(self.prompt, article.id, chunk),
            check,
            lambda problems: self.prompt.reask.safe_substitute(problems=describe_failures(problems)),
            rounds=self.config.max_reasks,
            rejected=lambda _answer, problems: reask_answer_json(problems),  # only the failed items
        )
        dropped = checked.problems
        if checked.reask_error is not None:
            dropped = [replace(f, reason=f"{f.reason}; the re-ask failed: {checked.reask_error}") for f in dropped]
        extraction.dropped.extend(DroppedItem(kind=ItemKind(f.kind), reason=f.reason, quote=f.quote) for f in dropped)

    def _parameters(self) -> dict[str, Any]:
        """Request parameters besides model, messages and the answer format (part of the cache key)."""
        return {"temperature": self.config.temperature, "max_tokens": MAX_ANSWER_TOKENS}


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
