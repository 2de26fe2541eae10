"""What every LLM request of a run shares: prompt templates, compact answer schemas, and one
validated, cached answer at a time.

Used by the extractor (``extract.llm.extractor``), party resolution (``summarise.llm_assist.parties``) and
the narrative (``summarise.llm_assist.narrative``): each sends a request, checks the answer in code, and
re-asks with the reasons. Every answer that parsed against its schema is cached (the prompt version
is part of the key), so a re-run replays the same answers, re-asks included, without an HTTP call.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from string import Template
from typing import Any, TypeVar

from pydantic import BaseModel

from extract.llm.cache import AnswerCache, cache_key
from extract.llm.client import CallStats, LLMClient, Sleep, build_client, one_line
from extract.llm.config import LLMConfig
from schemas import Usage

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")

Messages = list[dict[str, str]]


# ---------------------------------------------------------------------------------------------
# Prompts


@dataclass(frozen=True)
class PromptTemplate:
    version: str
    system: str
    user: Template
    reask: Template


PROMPT_SECTIONS = ("system", "user", "reask")


def load_prompt(name: str) -> PromptTemplate:
    """Read ``prompts/<name>``: a ``version: N`` first line, then ``[system]``, ``[user]``, ``[reask]``."""
    text = resources.files("prompts").joinpath(name).read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    if not first.startswith("version:"):
        raise ValueError(f"prompt {name} must start with a 'version:' line")
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in rest.splitlines():
        if line.strip() in {f"[{s}]" for s in PROMPT_SECTIONS}:
            current = sections.setdefault(line.strip()[1:-1], [])
        elif current is not None:
            current.append(line)
    missing = set(PROMPT_SECTIONS) - sections.keys()
    if missing:
        raise ValueError(f"prompt {name} lacks section(s) {sorted(missing)}")
    body = {k: "\n".join(v).strip() for k, v in sections.items()}
    return PromptTemplate(
        version=first.partition(":")[2].strip(),
        system=body["system"],
        user=Template(body["user"]),
        reask=Template(body["reask"]),
    )


def data_block_text(text: str) -> str:
    """Article text cannot close its own ``<article>`` data block."""
    return text.replace("</article", "</ article")


def reask_messages(messages: Messages, rejected: str, reasons: str) -> Messages:
    """The conversation for a re-ask: the rejected answer as the assistant turn, then the reasons."""
    return messages + [
        {"role": "assistant", "content": rejected},
        {"role": "user", "content": reasons},
    ]


# ---------------------------------------------------------------------------------------------
# Answer schemas


class CompactModel(BaseModel):
    """An answer model whose JSON Schema has no generated titles: they repeat the field names and
    cost prompt tokens on every request (instructor's JSON mode sends the schema as text)."""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        schema = super().model_json_schema(*args, **kwargs)
        return {**schema_without_titles(schema), "title": schema["title"]}  # instructor names the tool by it


def schema_without_titles(schema: Any) -> Any:
    if isinstance(schema, list):
        return [schema_without_titles(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key == "title" and isinstance(value, str):
            continue
        if key in ("properties", "$defs"):  # mappings of names to schemas: keep every name
            out[key] = {name: schema_without_titles(sub) for name, sub in value.items()}
        else:
            out[key] = schema_without_titles(value)
    return out


# ---------------------------------------------------------------------------------------------
# Asking


@dataclass
class UsageTally:
    """Usage of one article or one step, across its calls, re-asks, retries and cache hits."""

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


@dataclass
class Asker:
    """Asks for validated answers on behalf of one article or one step: its requests share the
    client, the cache, the request parameters (besides model, messages and answer format; part of
    the cache key), the prompt version and the tally their usage is counted in."""

    client: LLMClient
    cache: AnswerCache | None
    parameters: dict[str, Any]
    prompt_version: str
    tally: UsageTally = field(default_factory=UsageTally)

    async def answer(self, answer_model: type[T], messages: Messages) -> T:
        """One answer that parsed as ``answer_model``: from the cache, else from the endpoint (then
        cached). Raises ``LLMError`` when the call fails for good."""
        key = self._key(answer_model, messages)
        cached = self._cached(answer_model, key)
        if cached is not None:
            self.tally.cache_hits += 1
            return cached
        stats = self.tally.stats
        before = stats.calls - stats.retries
        try:
            answer = await self.client.structured(
                answer_model, messages, self.parameters, stats, self.client.config.max_reasks
            )
        finally:
            attempts = stats.calls - stats.retries - before
            self.tally.reasks += max(attempts - 1, 0)  # instructor's re-asks for answers that did not parse
        if self.cache is not None:
            self.cache.put(key, answer.model_dump(mode="json"))  # validated, so safe to keep
        return answer

    async def reask(self, answer_model: type[T], messages: Messages) -> T:
        """``answer`` for a re-ask conversation, counted as one re-ask (also when the call fails)
        unless the cache answered it: a re-ask from the cache cost nothing."""
        hits_before = self.tally.cache_hits
        try:
            return await self.answer(answer_model, messages)
        finally:
            if self.tally.cache_hits == hits_before:
                self.tally.reasks += 1

    async def checked(
        self,
        answer_model: type[T],
        messages: Messages,
        check: Callable[[T], list[str]],
        reasons: Callable[[list[str]], str],
    ) -> tuple[T | None, list[str]]:
        """Ask, check the answer in code, and re-ask once with ``reasons(problems)`` when it fails
        (if ``max_reasks`` allows). Returns the answer that passed, or None and the last problems."""
        answer = await self.answer(answer_model, messages)
        problems = check(answer)
        if problems and self.client.config.max_reasks > 0:
            again = reask_messages(messages, answer.model_dump_json(), reasons(problems))
            answer = await self.reask(answer_model, again)
            problems = check(answer)
        return (None, problems) if problems else (answer, [])

    def _key(self, answer_model: type[BaseModel], messages: Messages) -> str:
        endpoint = self.client.endpoint
        return cache_key(
            model=self.client.model,
            endpoint_kind=endpoint.kind,
            base_url=endpoint.public_url,
            messages=messages,
            schema=answer_model.model_json_schema(),
            parameters={**self.parameters, "mode": self.client.mode.value},
            prompt_version=self.prompt_version,
        )

    def _cached(self, answer_model: type[T], key: str) -> T | None:
        """The cached answer, or None when there is none or it no longer validates."""
        hit = self.cache.get(key) if self.cache is not None else None
        if hit is None:
            return None
        try:
            return answer_model.model_validate(hit)
        except ValueError:
            return None


async def with_client(config: LLMConfig, sleep: Sleep, work: Callable[[LLMClient, AnswerCache | None], Awaitable[R]]) -> R:
    """Run ``work`` with a client and cache opened for it, closing both afterwards."""
    client = build_client(config, sleep=sleep)  # httpx binds to the running loop: one per event loop
    cache = AnswerCache(config.cache_dir) if config.use_cache else None
    try:
        return await work(client, cache)
    finally:
        await client.aclose()
        if cache is not None:
            cache.close()


def one_line_error(error: BaseException, limit: int = 200) -> str:
    """An exception as one short line for a warning or an article's error."""
    return one_line(str(error), limit) or type(error).__name__
