"""How every LLM request of a run is asked: prompt templates, compact answer schemas, one
validated, cached answer at a time, and the one ask → check → re-ask → fall back step.

Used by the extractor (``extract.llm.extractor``), party resolution (``summarise.llm_assist.parties``) and
the narrative (``summarise.llm_assist.narrative``), each through an ``Asker`` of the run's
``extract.llm.session.LLMSession``: each sends a request, checks the answer in code, and re-asks with
the reasons (``Asker.ask_checked``); the two steps that can do without the model fall back with a
warning (``Asker.ask_or_fall_back``). Re-asks are apart from transport retries, which live in the
client. Only an answer that passed its checks is cached, under the key of the request it answered
(the conversation so far, the prompt version and the schema: ``extract.llm.cache``): the first
answer when it passed, else the re-ask answer that did. An answer that failed its checks (not
grounded, a grouping that leaves names out) is never stored, nor is anything of a conversation cut
short by a failed call: a re-run asks that request again, and a re-ask whose answer passed last
time is then answered from the cache when the model repeats itself.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from string import Template
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from extract.errors import EndpointError, LLMError
from extract.llm.cache import AnswerCache, cache_key
from extract.llm.client import RequestTarget, RunDeadline, early_body, one_line
from schemas import Usage

if TYPE_CHECKING:
    from extract.llm.openai_client import LLMClient

T = TypeVar("T", bound=BaseModel)

logger = logging.getLogger("summarise.llm")

Messages = list[dict[str, str]]
Pending = list[tuple[str, dict[str, Any]]]  # (cache key, answer) of a new answer, stored once it passed


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
        # Built once per model and arguments: instructor and the client ask for it several times
        # per request, and generating it was most of the client's CPU per request. A copy goes
        # out, so a caller that edits it cannot change the next request.
        try:
            key = (cls, args, tuple(sorted(kwargs.items())))
            hash(key)
        except TypeError:
            key = None
        if key is None or key not in _SCHEMAS:
            schema = super().model_json_schema(*args, **kwargs)
            built = {**schema_without_titles(schema), "title": schema["title"]}  # instructor names the tool by it
            if key is None:
                return built
            _SCHEMAS[key] = built
        return copy.deepcopy(_SCHEMAS[key])


_SCHEMAS: dict[tuple[Any, ...], dict[str, Any]] = {}


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


P = TypeVar("P")  # one problem of a checked answer: a line of text, or the extractor's ``Failure``


@dataclass
class Checked(Generic[T, P]):
    """What ``Asker.ask_checked`` ended with: the last answer, its problems (none: it passed), and
    the error of a re-ask that failed (then ``problems`` are those of the answer before it)."""

    answer: T
    problems: list[P]
    reask_error: LLMError | None = None


@dataclass(frozen=True)
class Fallback:
    """How a step that can do without the model says that it did: ``"{step}: {answer} failed the
    checks (…); {instead}"`` or ``"{step}: the LLM call failed (…); {instead}"``."""

    step: str  # "party resolution"
    answer: str  # "the model's grouping"
    instead: str  # "used the offline resolver"

    def checks_failed(self, problems: list[str]) -> str:
        return (f"{self.step}: {self.answer} failed the checks ({len(problems)} problem(s), first: {problems[0]}); "
                f"{self.instead}")

    def call_failed(self, error: LLMError) -> str:
        return f"{self.step}: the LLM call failed ({one_line_error(error)}); {self.instead}"

    def bug(self, error: Exception) -> str:
        return f"{self.step}: failed unexpectedly ({type(error).__name__}: {one_line_error(error)}); {self.instead}"


def rejected_answer(answer: BaseModel, problems: list[Any]) -> str:
    """The assistant turn of a re-ask: by default the whole rejected answer."""
    return answer.model_dump_json()


@dataclass
class Asker:
    """Asks for validated answers on behalf of one article or one step of an ``LLMSession``: its
    requests share the session's target (endpoint, model, mode: part of the cache key), client
    (``await client()`` builds it on the session's first cache miss) and cache, the request parameters
    (besides model, messages and answer format; part of the cache key), the prompt version, and
    the ``Usage`` they are counted in (``schemas.Usage``, the one tally; the session sums every asker's).
    ``send_early``, when given, is handed each request's ``extract.llm.client.early_body`` (as a
    function, called only while the client is not ready): the request leaves at once when code
    knows its body, and the client's request for it then takes its answer."""

    target: RequestTarget
    client: Callable[[], Awaitable[LLMClient]]
    cache: AnswerCache | None
    parameters: dict[str, Any]
    prompt_version: str
    usage: Usage = field(default_factory=Usage)
    started: float = field(default_factory=time.monotonic)
    deadline: RunDeadline | None = None  # the run's: past it, a cache miss fails without a request
    send_early: Callable[[Callable[[], dict[str, Any] | None]], None] | None = None

    def spent(self) -> Usage:
        """What this asker's requests cost so far, with the seconds since it was made."""
        return self.usage.model_copy(update={"seconds": round(time.monotonic() - self.started, 3)})

    async def answer(self, answer_model: type[T], messages: Messages, pending: Pending | None = None) -> T:
        """One answer that parsed as ``answer_model``: from the cache, else from the endpoint. A
        new answer is added to ``pending``; it is never stored here: only ``ask_checked`` stores,
        an answer that passed its checks. Raises ``LLMError`` when the call fails for good."""
        key = self._key(answer_model, messages)
        cached = self._cached(answer_model, key)
        if cached is not None:
            self.usage.cache_hits += 1
            return cached
        if self.deadline is not None and self.deadline.reached():
            raise self.deadline.error()  # no new request (nor the client's import) past the run's deadline
        if self.send_early is not None:
            self.send_early(lambda: early_body(self.target, answer_model, messages, self.parameters))
        usage = self.usage
        before = usage.calls - usage.retries
        try:
            client = await self.client()
            answer = await client.structured(
                answer_model, messages, self.parameters, usage, self.target.config.max_reasks
            )
        finally:
            attempts = usage.calls - usage.retries - before
            usage.reasks += max(attempts - 1, 0)  # instructor's re-asks for answers that did not parse
        if pending is not None:
            pending.append((key, answer.model_dump(mode="json")))
        return answer

    def _store(self, pending: Pending) -> None:
        """Store answers that passed their checks."""
        if self.cache is not None:
            for key, answer in pending:
                self.cache.put(key, answer)

    async def reask(self, answer_model: type[T], messages: Messages, pending: Pending | None = None) -> T:
        """``answer`` for a re-ask conversation, counted as one re-ask (also when the call fails)
        unless the cache answered it: a re-ask from the cache cost nothing."""
        hits_before = self.usage.cache_hits
        try:
            return await self.answer(answer_model, messages, pending)
        finally:
            if self.usage.cache_hits == hits_before:
                self.usage.reasks += 1

    async def ask_checked(
        self,
        answer_model: type[T],
        messages: Messages,
        check: Callable[[T], list[P]],
        reasons: Callable[[list[P]], str],
        *,
        rounds: int,
        rejected: Callable[[T, list[P]], str] = rejected_answer,
    ) -> Checked[T, P]:
        """The one ask → check → re-ask loop: ask, ``check`` the answer in code, and while it has
        problems re-ask (at most ``rounds`` times) with the conversation so far replaced by
        ``rejected(answer, problems)`` as the assistant turn and ``reasons(problems)`` as the
        user's. The first call's ``LLMError`` raises; a failed re-ask ends the loop with the
        problems it was meant to fix and its error (an ``EndpointError`` always raises).

        ``check`` is called once per answer, in order, so it may keep state across rounds (the
        extractor keeps the items each answer grounds).

        Only the answer that passed is cached, under the key of the request it answered (a new
        answer only: one from the cache is there already); an answer with problems never is, so
        a re-run asks for it again (see the module's docstring)."""
        pending: Pending = []  # the latest answer, when it is new
        answer = await self.answer(answer_model, messages, pending)
        problems = check(answer)
        for _ in range(rounds):
            if not problems:
                break
            again = reask_messages(messages, rejected(answer, problems), reasons(problems))
            pending.clear()  # the answer before had problems: never stored
            try:
                answer = await self.reask(answer_model, again, pending)
            except EndpointError:
                raise
            except LLMError as error:
                return Checked(answer, problems, error)  # cut short: nothing stored
            problems = check(answer)
        if not problems:
            self._store(pending)
        return Checked(answer, problems)

    async def ask_or_fall_back(
        self,
        answer_model: type[T],
        messages: Messages,
        check: Callable[[T], list[str]],
        reasons: Callable[[list[str]], str],
        fallback: Fallback,
    ) -> tuple[T | None, str | None]:
        """``ask_checked`` for a step that can do without the model: the answer that passed (re-asked
        once at most, if ``max_reasks`` allows) and no warning, or None and the warning that says
        why the step falls back. Only an ``EndpointError`` raises. Any other exception, a bug
        included, is caught here and only here: the run goes on with the fallback, the warning names
        the exception, and its traceback is logged."""
        try:
            checked = await self.ask_checked(
                answer_model, messages, check, reasons, rounds=min(self.target.config.max_reasks, 1)
            )
        except EndpointError:
            raise
        except LLMError as error:
            return None, fallback.call_failed(error)
        except Exception as error:  # a bug must not cost the run its summary; it is logged, not hidden
            logger.exception("%s failed unexpectedly", fallback.step)
            return None, fallback.bug(error)
        if checked.reask_error is not None:
            return None, fallback.call_failed(checked.reask_error)
        if checked.problems:
            return None, fallback.checks_failed([str(p) for p in checked.problems])
        return checked.answer, None

    def _key(self, answer_model: type[BaseModel], messages: Messages) -> str:
        target = self.target
        return cache_key(
            model=target.model,
            endpoint_kind=target.endpoint.kind,
            messages=messages,
            schema=answer_model.model_json_schema(),
            parameters={**self.parameters, "mode": target.mode},
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


def one_line_error(error: BaseException, limit: int = 200) -> str:
    """An exception as one short line for a warning or an article's error."""
    return one_line(str(error), limit) or type(error).__name__
