"""The LLM extractor: the model quotes, code locates, checks and normalises.

For each article (concurrently, bounded by ``LLMConfig.concurrency``):
1. only in-scope text is sent, inside a delimited data block, split into overlapping chunks when
   longer than ``max_context_chars``;
2. the model answers ``ArticleAnswer`` (quotes and words, never offsets or numbers);
3. code places each quote with ``extract.grounding.locate`` and checks that a claim's count words
   sit inside its quote; failing items are re-asked with the reason (up to ``max_reasks`` rounds),
   then dropped as ``DroppedItem`` and never shown (also when the re-ask call itself fails: the
   items already grounded are kept);
4. count words become a ``Count`` through ``extract.numbers.parse_count``.

One article's failure sets that article's ``error``; endpoint unreachable, a refused key or an
unknown model abort the run with the ``LLMError`` (see ``extract.llm.RUN_FATAL_ERRORS``).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from string import Template
from typing import Any, Literal

from pydantic import BaseModel, Field

from extract.cache import AnswerCache, cache_key
from extract.config import LLMConfig
from extract.grounding import GroundingFailure, locate, normalise_with_map
from extract.llm import RUN_FATAL_ERRORS, CallStats, LLMClient, LLMError, build_client, clean_string, resolve_target
from extract.numbers import parse_count
from schemas import (
    Article,
    ArticleExtraction,
    Attribution,
    CasualtyClaim,
    DroppedItem,
    Event,
    Evidence,
    Outcome,
    SpeechMode,
    Usage,
)

PROMPT_FILE = "extract_v1.txt"
MAX_ANSWER_TOKENS = 2048
CHUNK_OVERLAP_FRACTION = 0.1
UNSTATED = "(not stated)"


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


class ArticleAnswer(BaseModel):
    """Casualty claims, attributions and events in one article, each with a verbatim quote."""

    claims: list[ClaimAnswer] = Field(default_factory=list)
    attributions: list[AttributionAnswer] = Field(default_factory=list)
    events: list[EventAnswer] = Field(default_factory=list)

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The schema without pydantic's generated titles: they repeat the field names and cost
        prompt tokens on every request (instructor's JSON mode sends the schema as text)."""
        schema = super().model_json_schema(*args, **kwargs)
        return {**_without_titles(schema), "title": schema["title"]}  # instructor names the tool by it


def _without_titles(schema: Any) -> Any:
    if isinstance(schema, list):
        return [_without_titles(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key == "title" and isinstance(value, str):
            continue
        if key in ("properties", "$defs"):  # mappings of names to schemas: keep every name
            out[key] = {name: _without_titles(sub) for name, sub in value.items()}
        else:
            out[key] = _without_titles(value)
    return out


# ---------------------------------------------------------------------------------------------
# Prompt


@dataclass(frozen=True)
class PromptTemplate:
    version: str
    system: str
    user: Template
    reask: Template


def load_prompt(name: str = PROMPT_FILE) -> PromptTemplate:
    """Read a template: a ``version: N`` first line, then ``[system]``, ``[user]``, ``[reask]``."""
    text = resources.files("prompts").joinpath(name).read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    if not first.startswith("version:"):
        raise ValueError(f"prompt {name} must start with a 'version:' line")
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in rest.splitlines():
        if line.strip() in ("[system]", "[user]", "[reask]"):
            current = sections.setdefault(line.strip()[1:-1], [])
        elif current is not None:
            current.append(line)
    missing = {"system", "user", "reask"} - sections.keys()
    if missing:
        raise ValueError(f"prompt {name} lacks section(s) {sorted(missing)}")
    body = {k: "\n".join(v).strip() for k, v in sections.items()}
    return PromptTemplate(
        version=first.partition(":")[2].strip(),
        system=body["system"],
        user=Template(body["user"]),
        reask=Template(body["reask"]),
    )


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


def data_block_text(text: str) -> str:
    """Article text cannot close its own data block."""
    return text.replace("</article", "</ article")


def build_messages(prompt: PromptTemplate, article_id: str, text: str) -> list[dict[str, str]]:
    user = prompt.user.safe_substitute(article_id=article_id.replace('"', "'"), article_text=data_block_text(text))
    return [{"role": "system", "content": prompt.system}, {"role": "user", "content": user}]


# ---------------------------------------------------------------------------------------------
# Grounding the answer (pure)


@dataclass
class Failure:
    kind: str
    quote: str
    reason: str
    item: dict[str, Any]


@dataclass
class Grounded:
    claims: list[CasualtyClaim] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def count(self, kind: str) -> int:
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
    carrier = article.wire or article.outlet
    for item in answer.claims:
        evidence = locate(item.quote, article)
        if isinstance(evidence, GroundingFailure):
            grounded.failures.append(Failure("claim", item.quote, evidence.reason, item.model_dump()))
            continue
        words = find_within(item.count_text, evidence) if item.count_text.strip() else None
        if words is None:
            reason = f"count_text {item.count_text!r} is not inside the quote"
            grounded.failures.append(Failure("claim", item.quote, reason, item.model_dump()))
            continue
        try:
            count = parse_count(words)
        except ValueError as error:
            grounded.failures.append(Failure("claim", item.quote, f"count {words!r}: {error}", item.model_dump()))
            continue
        grounded.claims.append(
            CasualtyClaim(
                outcome=Outcome(item.outcome),
                victims=_text_or(item.victims, UNSTATED),
                count=count,
                claimant=_text_or(item.claimant, UNSTATED),
                carrier=carrier,
                hedged=item.hedged,
                evidence=evidence,
            )
        )
    for item in answer.attributions:
        evidence = locate(item.quote, article)
        if isinstance(evidence, GroundingFailure):
            grounded.failures.append(Failure("attribution", item.quote, evidence.reason, item.model_dump()))
            continue
        speaker = _text_or(item.speaker, None)
        if speaker is None:
            grounded.failures.append(Failure("attribution", item.quote, "no speaker given", item.model_dump()))
            continue
        grounded.attributions.append(
            Attribution(
                speaker=speaker,
                role=_text_or(item.role, None),
                affiliation=_text_or(item.affiliation, None),
                mode=SpeechMode(item.mode),
                # a statement that is not verbatim inside the quote falls back to the quote itself
                statement=find_within(item.statement, evidence) or evidence.quote,
                evidence=evidence,
            )
        )
    for item in answer.events:
        evidence = locate(item.quote, article)
        if isinstance(evidence, GroundingFailure):
            grounded.failures.append(Failure("event", item.quote, evidence.reason, item.model_dump()))
            continue
        grounded.events.append(
            Event(
                description=_text_or(item.description, evidence.quote),
                place=_text_or(item.place, None),
                when_text=_text_or(item.when_text, None),
                evidence=evidence,
            )
        )
    return grounded


def describe_failures(failures: Sequence[Failure]) -> str:
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
    def claim_key(c: CasualtyClaim):
        return (c.evidence.start, c.evidence.end, c.outcome, c.count.min, c.count.max, c.count.text)

    seen_claims = {claim_key(c) for c in extraction.claims}
    for claim in grounded.claims:
        if claim_key(claim) not in seen_claims:
            seen_claims.add(claim_key(claim))
            extraction.claims.append(claim)
    seen_attr = {(a.evidence.start, a.evidence.end, a.speaker.casefold()) for a in extraction.attributions}
    for attribution in grounded.attributions:
        key = (attribution.evidence.start, attribution.evidence.end, attribution.speaker.casefold())
        if key not in seen_attr:
            seen_attr.add(key)
            extraction.attributions.append(attribution)
    seen_events = {(e.evidence.start, e.evidence.end) for e in extraction.events}
    for event in grounded.events:
        key = (event.evidence.start, event.evidence.end)
        if key not in seen_events:
            seen_events.add(key)
            extraction.events.append(event)


# ---------------------------------------------------------------------------------------------
# The extractor


@dataclass
class _Tally:
    """Usage of one article, accumulated across chunks, calls, re-asks and retries."""

    stats: CallStats = field(default_factory=CallStats)
    reasks: int = 0
    cache_hits: int = 0

    def usage(self, seconds: float) -> Usage:
        return Usage(
            calls=self.stats.calls,
            prompt_tokens=self.stats.prompt_tokens,
            completion_tokens=self.stats.completion_tokens,
            reasks=self.reasks,
            retries=self.stats.retries,
            cache_hits=self.cache_hits,
            seconds=round(seconds, 3),
        )


class LLMExtractor:
    """Extract with any OpenAI-compatible endpoint. ``extract`` raises only run-fatal
    ``LLMError``s (``RUN_FATAL_ERRORS``); any other failure is that article's ``error``."""

    def __init__(self, config: LLMConfig, *, sleep=asyncio.sleep) -> None:
        self.config = config
        self.prompt = load_prompt()
        self._sleep = sleep
        _, self.model = resolve_target(config)  # fails fast on a missing key or model
        self.name = f"llm:{self.model}"
        self.schema = ArticleAnswer.model_json_schema()

    # -- public ---------------------------------------------------------------------------------

    def extract(self, articles: Sequence[Article]) -> list[ArticleExtraction]:
        """One ArticleExtraction per article, in order. Runs its own event loop."""
        return asyncio.run(self.aextract(articles))

    async def aextract(self, articles: Sequence[Article]) -> list[ArticleExtraction]:
        if not articles:
            return []
        client = build_client(self.config, sleep=self._sleep)  # one per run: httpx binds to its loop
        cache = AnswerCache(self.config.cache_dir) if self.config.use_cache else None
        semaphore = asyncio.Semaphore(self.config.concurrency)
        progress = _Progress(len(articles), enabled=self.config.progress and sys.stderr.isatty())

        async def one(article: Article) -> ArticleExtraction:
            async with semaphore:
                result = await self._extract_article(client, cache, article)
                progress.step()
                return result

        tasks = [asyncio.create_task(one(a)) for a in articles]
        try:
            done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
            for task in done:
                if task.exception() is not None:
                    raise task.exception()
            return [t.result() for t in tasks]
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            progress.close()
            await client.aclose()
            if cache is not None:
                cache.close()

    # -- per article ----------------------------------------------------------------------------

    async def _extract_article(self, client: LLMClient, cache: AnswerCache | None, article: Article) -> ArticleExtraction:
        started = time.monotonic()
        tally = _Tally()
        extraction = ArticleExtraction(article=article.id, extractor=self.name)
        try:
            for chunk in split_chunks(in_scope_text(article), self.config.max_context_chars):
                if chunk.strip():
                    await self._extract_chunk(client, cache, article, chunk, extraction, tally)
        except RUN_FATAL_ERRORS:
            raise
        except LLMError as error:
            extraction = ArticleExtraction(article=article.id, extractor=self.name, error=f"{article.id}: {error}")
        except Exception as error:  # a bug must not cost the other articles their results
            extraction = ArticleExtraction(
                article=article.id, extractor=self.name, error=f"{article.id}: {type(error).__name__}: {error}"
            )
        extraction.usage = tally.usage(time.monotonic() - started)
        return extraction

    async def _extract_chunk(
        self,
        client: LLMClient,
        cache: AnswerCache | None,
        article: Article,
        chunk: str,
        extraction: ArticleExtraction,
        tally: _Tally,
    ) -> None:
        messages = build_messages(self.prompt, article.id, chunk)
        answer = await self._ask(client, cache, messages, tally)
        grounded = ground_answer(answer, article)
        merge_unique(extraction, grounded)
        failures = grounded.failures
        for _ in range(self.config.max_reasks):
            if not failures:
                break
            reask = messages + [
                {"role": "assistant", "content": reask_answer_json(failures)},
                {"role": "user", "content": self.prompt.reask.safe_substitute(problems=describe_failures(failures))},
            ]
            hits_before = tally.cache_hits
            try:
                corrected = ground_answer(await self._ask(client, cache, reask, tally), article)
            except RUN_FATAL_ERRORS:
                raise
            except LLMError as error:  # the items already grounded stay; the failed ones go
                failures = [replace(f, reason=f"{f.reason}; the re-ask failed: {error}") for f in failures]
                break
            finally:
                if tally.cache_hits == hits_before:  # a re-ask answered from the cache cost nothing
                    tally.reasks += 1
            merge_unique(extraction, corrected)
            failures = still_failing(failures, corrected)
        extraction.dropped.extend(DroppedItem(kind=f.kind, reason=f.reason, quote=f.quote) for f in failures)

    def _parameters(self) -> dict[str, Any]:
        """Request parameters besides model, messages and the answer format (part of the cache key)."""
        return {"temperature": self.config.temperature, "max_tokens": MAX_ANSWER_TOKENS}

    async def _ask(
        self, client: LLMClient, cache: AnswerCache | None, messages: list[dict[str, str]], tally: _Tally
    ) -> ArticleAnswer:
        """One validated answer: from the cache, else from the endpoint (then cached)."""
        parameters = self._parameters()
        key = cache_key(
            model=client.model,
            endpoint_kind=client.endpoint.kind,
            base_url=client.endpoint.public_url,
            messages=messages,
            schema=self.schema,
            parameters={**parameters, "mode": client.mode.value},
            prompt_version=self.prompt.version,
        )
        if cache is not None:
            hit = cache.get(key)
            if hit is not None:
                try:
                    answer = ArticleAnswer.model_validate(hit)
                except ValueError:
                    answer = None
                if answer is not None:
                    tally.cache_hits += 1
                    return answer
        before = tally.stats.calls - tally.stats.retries
        try:
            answer = await client.structured(ArticleAnswer, messages, parameters, tally.stats, self.config.max_reasks)
        finally:
            attempts = tally.stats.calls - tally.stats.retries - before
            tally.reasks += max(attempts - 1, 0)  # instructor's re-asks for answers that did not parse
        if cache is not None:
            cache.put(key, answer.model_dump(mode="json"))  # validated, so safe to keep
        return answer


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
