"""The client proper: one AsyncOpenAI client with instructor, the transport retries and the mapping
of openai's errors (the design is in ``extract.llm.client``'s docstring); its httpx client, with
the answer size cap and the requests sent before this client exists, is ``extract.llm.http``'s.

Everything here needs openai and instructor, which take about a second of CPU to import; a run
whose every answer is in the cache never needs them, so this module loads only after the first
cache miss (on a worker thread: ``extract.llm.session.LLMSession.ready_client``) or when one of
its names is reached through ``extract.llm.client``. What the cache key needs (endpoint kind,
model, mode value) lives in ``extract.llm.client`` without these imports.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
import instructor
import openai
from instructor import Mode
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from openai.types.chat import ChatCompletion
from pydantic import BaseModel
from tenacity import AsyncRetrying, retry_if_exception

from extract.errors import AuthenticationFailed, EndpointUnreachable, LLMCallFailed, LLMError, ModelNotFound
from extract.llm.client import (
    MAX_RETRY_AFTER_SECONDS,
    PLACEHOLDER_KEY,
    Endpoint,
    EndpointKind,
    RunDeadline,
    RunGuard,
    Sleep,
    backoff_seconds,
    clean_completion,
    count_tokens,
    json_mode_body,
    logger,
    mode_name,
    one_line,
    resolve_target,
    retry_after_seconds,
    retry_after_was_capped,
)
from extract.llm.config import LLMConfig
from extract.llm.http import AnswerTooLarge, EarlyAsyncClient, http_client_for
from schemas import Usage

T = TypeVar("T", bound=BaseModel)

# instructor logs every failed attempt at ERROR; without a handler Python's last-resort handler
# would print those lines to stderr next to the CLI's own one-line error. An application that
# configures logging still receives them.
logging.getLogger("instructor").addHandler(logging.NullHandler())


_MODE_BY_NAME = {"tools": Mode.TOOLS, "json": Mode.JSON, "json_schema": Mode.JSON_SCHEMA, "md_json": Mode.MD_JSON}


def choose_mode(config: LLMConfig, kind: EndpointKind | None = None) -> Mode:
    """The instructor mode ``extract.llm.client.mode_name`` names."""
    return _MODE_BY_NAME[mode_name(config, kind)]



class RequestDeadlineExceeded(Exception):
    """One attempt outlived ``LLMConfig.timeout`` (the whole attempt, not one read)."""


def _cause(error: BaseException) -> BaseException | None:
    return error.__cause__ or error.__context__


def _is_transient(error: BaseException) -> bool:
    """Worth another attempt: no connection, a timeout, 408, 429 or a 5xx (not an oversized
    answer: it would come again)."""
    if isinstance(error, RequestDeadlineExceeded):
        return True
    if isinstance(error, openai.APIConnectionError):  # includes timeouts
        return not isinstance(_cause(error), AnswerTooLarge)
    if isinstance(error, openai.APIStatusError):
        return error.status_code in (408, 429) or error.status_code >= 500
    return False



def map_api_error(
    error: BaseException, endpoint: Endpoint, model: str, api_key: str | None = None, *, answered_once: bool = False
) -> LLMError:
    """One line per failure; run-fatal kinds get their own class. ``api_key`` is blanked wherever
    the error's own text (a server's message, a connection error) would carry it. A refused
    connection is ``EndpointUnreachable`` only while no request of the run was ever answered
    (``answered_once``); later it is that request's ``LLMCallFailed``."""
    if isinstance(error, LLMError):
        return error
    mapped = _mapped_error(error, endpoint, model, answered_once)
    if api_key and api_key in str(mapped):
        return type(mapped)(str(mapped).replace(api_key, "***"))
    return mapped


def _mapped_error(error: BaseException, endpoint: Endpoint, model: str, answered_once: bool) -> LLMError:
    if isinstance(error, RequestDeadlineExceeded):
        return LLMCallFailed(f"the LLM endpoint {endpoint.public_url} did not answer within {error} s")
    if isinstance(error, openai.APITimeoutError):
        return LLMCallFailed(f"the LLM endpoint {endpoint.public_url} timed out")
    if isinstance(error, openai.APIConnectionError):
        cause = _cause(error)
        detail = f" ({one_line(str(cause))})" if cause and str(cause) else ""
        if isinstance(cause, AnswerTooLarge):
            return LLMCallFailed(f"the LLM endpoint {endpoint.public_url} sent an answer over the limit{detail}")
        if isinstance(cause, httpx.ConnectError) and not answered_once:
            return EndpointUnreachable(f"cannot reach the LLM endpoint {endpoint.public_url}{detail}")
        # a reset, a body cut short, a refused connection after others were answered: this request only
        return LLMCallFailed(f"the connection to the LLM endpoint {endpoint.public_url} failed{detail or ''}")
    if isinstance(error, (openai.AuthenticationError, openai.PermissionDeniedError)):
        return AuthenticationFailed(
            f"the LLM endpoint {endpoint.public_url} refused the API key (HTTP {error.status_code})"
        )
    if isinstance(error, openai.NotFoundError):
        return ModelNotFound(f"the LLM endpoint {endpoint.public_url} has no model {model!r} (HTTP 404)")
    if isinstance(error, openai.APIStatusError):
        return LLMCallFailed(
            f"the LLM endpoint {endpoint.public_url} answered HTTP {error.status_code}: {_short(error)}"
        )
    return LLMCallFailed(f"LLM call failed: {type(error).__name__}: {one_line(str(error))}")


def _short(error: openai.APIStatusError) -> str:
    body = error.body
    message = None
    if isinstance(body, dict):
        inner = body.get("error")
        message = inner.get("message") if isinstance(inner, dict) else body.get("message")
    return one_line(str(message or error.message or ""))



@dataclass
class LLMClient:
    """One AsyncOpenAI client, shared by the requests of one event loop (httpx binds to the loop
    it was created in), plus the instructor mode and retry policy. A run opens one, in its
    ``extract.llm.session.LLMSession``."""

    config: LLMConfig = field(repr=False)  # its base_url may carry credentials
    endpoint: Endpoint
    model: str
    mode: Mode
    openai_client: openai.AsyncOpenAI
    sleep: Sleep = field(default=asyncio.sleep)
    guard: RunGuard = field(default_factory=lambda: RunGuard(retries_left=0, breaker_after=1))
    deadline: RunDeadline | None = None  # the run's (``LLMConfig.deadline``), shared by its requests

    def __post_init__(self) -> None:
        self.guard = RunGuard(retries_left=self.config.retry_budget, breaker_after=self.config.breaker_after)

    async def raw_completion(self, usage: Usage, **kwargs: Any) -> Any:
        """One chat completion with transport retries; every attempt counted in ``usage``. Each
        attempt has ``config.timeout`` seconds in all; retries come out of the run's budget, and an
        open circuit breaker fails the call before any HTTP request. Past the run's deadline no
        attempt starts, and the attempt in flight is cut at it."""
        guard, deadline = self.guard, self.deadline
        if deadline is not None and deadline.reached():
            raise deadline.error()
        if guard.open:
            raise LLMCallFailed(
                f"not asked: the LLM endpoint {self.endpoint.public_url} failed "
                f"{guard.consecutive_failures} requests in a row (circuit breaker open for the rest of the run)"
            )
        attempts = 0

        def stop(state: Any) -> bool:
            if state.attempt_number >= self.config.max_retries + 1 or guard.open:
                return True
            if deadline is not None and deadline.reached():
                return True  # no new attempt: the last one's error stands
            return not guard.take_retry()

        def wait(state: Any) -> float:
            error = state.outcome.exception()
            if retry_after_was_capped(error) and not guard.warned_retry_after:
                guard.warned_retry_after = True
                logger.warning(
                    "the LLM endpoint %s asked to wait %.0f s before retrying; waiting %.0f s (the cap)",
                    self.endpoint.public_url, retry_after_seconds(error), MAX_RETRY_AFTER_SECONDS,
                )
            wait_for = backoff_seconds(error, state.attempt_number)
            if deadline is not None:  # never wait past the deadline (the next attempt then fails on it)
                wait_for = min(wait_for, max(deadline.left(), 0.0))
            return wait_for

        retrying = AsyncRetrying(
            stop=stop,
            retry=retry_if_exception(_is_transient),
            wait=wait,
            sleep=self.sleep,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    attempts += 1
                    usage.calls += 1
                    if attempts > 1:
                        usage.retries += 1
                    response = await self._one_attempt(kwargs)
                    count_tokens(usage, response)
                    guard.succeeded()
                    return clean_completion(response)
        except (openai.OpenAIError, RequestDeadlineExceeded) as error:
            guard.failed()
            raise self._error(error) from None
        raise LLMCallFailed("LLM call failed: no attempt was made")  # unreachable: stop >= 1

    async def _one_attempt(self, kwargs: dict[str, Any]) -> Any:
        """One HTTP request, bounded as a whole by ``config.timeout`` (httpx's own timeout bounds
        each read only, which a dripping server never trips)."""
        deadline = self.deadline
        if deadline is not None and deadline.reached():
            raise deadline.error()  # not transient: no retry, not a failure of the endpoint
        limit = self.config.timeout
        cut_by_run = deadline is not None and deadline.left() < limit
        if cut_by_run:
            assert deadline is not None
            limit = max(deadline.left(), 0.0)
        try:
            return await asyncio.wait_for(self._chat_completion(kwargs), limit)
        except TimeoutError:
            if cut_by_run:
                assert deadline is not None
                raise deadline.error() from None
            raise RequestDeadlineExceeded(f"{self.config.timeout:g}") from None

    async def _chat_completion(self, kwargs: dict[str, Any]) -> ChatCompletion:
        """POST /chat/completions with ``kwargs`` as the body: what ``chat.completions.create`` sends
        for a completion that is not streamed (instructor's requests never are), with the bearer
        key, parsed as a ``ChatCompletion``. Called on the client itself because reaching
        ``.chat`` imports ``openai.resources``, every resource of the API (files, audio, vector
        stores...), which took 0.8 s of a cold run's first request on these machines."""
        return await self.openai_client.post(
            "/chat/completions", cast_to=ChatCompletion, body=kwargs, options={"security": {"bearer_auth": True}}
        )

    async def structured(
        self,
        response_model: type[T],
        messages: list[dict[str, str]],
        parameters: dict[str, Any],
        usage: Usage,
        max_reasks: int,
    ) -> T:
        """Ask for ``response_model``; instructor re-asks (up to ``max_reasks``) when the answer
        does not parse or validate. No validation context is passed on purpose: instructor renders
        messages as Jinja templates when given one, and article text is untrusted."""
        schema = response_model.model_json_schema()
        schema_in_prompt = getattr(response_model, "schema_in_prompt", True)

        async def create(**kwargs: Any) -> Any:
            return await self.raw_completion(usage, **json_mode_body(kwargs, messages, schema, schema_in_prompt))

        patched = instructor.patch(create=create, mode=self.mode)
        try:
            return await patched(
                response_model=response_model,
                messages=messages,
                max_retries=max_reasks,
                strict=False,
                model=self.model,
                **parameters,
            )
        except LLMError:
            raise
        except InstructorRetryException as error:
            cause = error.__cause__
            if isinstance(cause, LLMError):
                raise cause from None
            raise LLMCallFailed(
                f"the model's answer did not validate after {error.n_attempts} attempt(s): "
                f"{one_line(str(cause or error), 160)}"
            ) from None
        except IncompleteOutputException:
            raise LLMCallFailed("the model's answer was cut off (max_tokens reached)") from None
        except openai.OpenAIError as error:
            raise self._error(error) from None

    def _error(self, error: BaseException) -> LLMError:
        key = self.config.api_key.get_secret_value() if self.config.api_key else None
        return map_api_error(error, self.endpoint, self.model, api_key=key, answered_once=self.guard.answered_once)

    async def aclose(self) -> None:
        await self.openai_client.close()



def build_client(config: LLMConfig, sleep: Sleep = asyncio.sleep, deadline: RunDeadline | None = None,
                 http_client: EarlyAsyncClient | None = None) -> LLMClient:
    """The client for one event loop: call inside the loop that will use it. ``http_client`` is
    the run's httpx client when requests went ahead of this client on it (``extract.llm.http``);
    by default a new one (``extract.llm.http.http_client_for``). The client closes it."""
    endpoint, model = resolve_target(config)
    key = config.api_key.get_secret_value() if config.api_key else None
    headers = {"api-key": key} if endpoint.kind == "azure" and key else None
    openai_client = openai.AsyncOpenAI(
        api_key=key or PLACEHOLDER_KEY,
        base_url=endpoint.base_url,
        timeout=config.timeout,
        max_retries=0,  # tenacity owns retries
        default_headers=headers,
        http_client=http_client or http_client_for(config),
    )
    return LLMClient(
        config=config,
        endpoint=endpoint,
        model=model,
        mode=choose_mode(config, endpoint.kind),
        openai_client=openai_client,
        sleep=sleep,
        deadline=deadline,
    )
