"""One validated, cached LLM answer for the steps after extraction (party resolution, narrative).

Shared by ``extract.llm_parties`` and ``extract.llm_narrative``: both send one request, check the
answer in code, and re-ask once with the reasons. Like the extractor, every answer that parsed
against its schema is cached (the prompt version is part of the key), so a re-run replays the
same answers, re-asks included, without an HTTP call.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from extract.cache import AnswerCache, cache_key
from extract.config import LLMConfig
from extract.llm import CallStats, LLMClient, Sleep, build_client, clean_string
from schemas import Usage

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")


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


@dataclass
class StepTally:
    """Usage of one step, across its calls, re-asks, retries and cache hits."""

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


async def ask_cached(
    client: LLMClient,
    cache: AnswerCache | None,
    answer_model: type[T],
    messages: list[dict[str, str]],
    parameters: dict[str, Any],
    prompt_version: str,
    tally: StepTally,
) -> T:
    """One answer that parsed as ``answer_model``: from the cache, else from the endpoint (then
    cached). Raises ``LLMError`` when the call fails for good."""
    schema = answer_model.model_json_schema()
    key = cache_key(
        model=client.model,
        endpoint_kind=client.endpoint.kind,
        base_url=client.endpoint.public_url,
        messages=messages,
        schema=schema,
        parameters={**parameters, "mode": client.mode.value},
        prompt_version=prompt_version,
    )
    if cache is not None:
        hit = cache.get(key)
        if hit is not None:
            try:
                answer = answer_model.model_validate(hit)
            except ValueError:
                answer = None
            if answer is not None:
                tally.cache_hits += 1
                return answer
    before = tally.stats.calls - tally.stats.retries
    try:
        answer = await client.structured(answer_model, messages, parameters, tally.stats, client.config.max_reasks)
    finally:
        attempts = tally.stats.calls - tally.stats.retries - before
        tally.reasks += max(attempts - 1, 0)  # instructor's re-asks for answers that did not parse
    if cache is not None:
        cache.put(key, answer.model_dump(mode="json"))
    return answer


def reask_messages(messages: list[dict[str, str]], answer: BaseModel, reask: str) -> list[dict[str, str]]:
    """The conversation for a re-ask: the rejected answer as the assistant turn, then the reasons."""
    return messages + [
        {"role": "assistant", "content": answer.model_dump_json()},
        {"role": "user", "content": reask},
    ]


async def checked_answer(
    client: LLMClient,
    cache: AnswerCache | None,
    answer_model: type[T],
    messages: list[dict[str, str]],
    parameters: dict[str, Any],
    prompt_version: str,
    check: Callable[[T], list[str]],
    reask: Callable[[list[str]], str],
    tally: StepTally,
) -> tuple[T | None, list[str]]:
    """Ask, check the answer in code, and re-ask once with the problems when it fails (if
    ``max_reasks`` allows). Returns the answer that passed, or None and the last problems."""
    answer = await ask_cached(client, cache, answer_model, messages, parameters, prompt_version, tally)
    problems = check(answer)
    if problems and client.config.max_reasks > 0:
        hits_before = tally.cache_hits
        try:
            again = reask_messages(messages, answer, reask(problems))
            answer = await ask_cached(client, cache, answer_model, again, parameters, prompt_version, tally)
        finally:
            if tally.cache_hits == hits_before:  # a re-ask answered from the cache cost nothing
                tally.reasks += 1
        problems = check(answer)
    return (None, problems) if problems else (answer, [])


async def with_client(config: LLMConfig, sleep: Sleep, work: Callable[[LLMClient, AnswerCache | None], Awaitable[R]]) -> R:
    """Run ``work`` with a client and cache opened for it, closing both afterwards."""
    client = build_client(config, sleep=sleep)  # httpx binds to the running loop: one per step
    cache = AnswerCache(config.cache_dir) if config.use_cache else None
    try:
        return await work(client, cache)
    finally:
        await client.aclose()
        if cache is not None:
            cache.close()


def one_line_error(error: BaseException, limit: int = 200) -> str:
    """An exception as one short line for a warning."""
    text = " ".join(clean_string(str(error)).split()) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
