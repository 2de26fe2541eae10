"""The OpenAI-compatible client: endpoint kind, instructor mode, transport retries, error mapping.

Two loops with separate limits (DESIGN.md):
- transport retries (429, 5xx, connection errors, timeouts) live here, in tenacity around one raw
  HTTP call, honouring Retry-After. The openai client itself is built with ``max_retries=0`` so
  that nothing else retries behind our back (and a replayed test never hides a missing
  interaction behind a retried ``APIConnectionError``);
- re-asks (the answer failed validation) live in instructor and in ``extract.llm.ask``; they only
  ever see parse or validation errors, never an API error.

Bounds on a misbehaving endpoint (each one ends that request, never the run):
- ``LLMConfig.timeout`` is a deadline for one whole attempt (connect, send, read every byte), not
  for one socket read: a server that drips its answer a byte at a time is cut off at the deadline;
- an answer body larger than ``MAX_ANSWER_BYTES`` is not read further: that call fails;
- a run has a retry budget (``LLMConfig.retry_budget`` transport retries shared by every request)
  and a circuit breaker: after ``LLMConfig.breaker_after`` consecutive failed requests the rest
  of the run's requests fail at once, without an HTTP call, naming the breaker;
- a ``Retry-After`` longer than ``MAX_RETRY_AFTER_SECONDS`` is cut to it, with one warning per run.
Only an endpoint that cannot be used at all is an ``EndpointError`` (the run stops): no answer to
a connection before any request of the run got one, 401/403, an unknown model. A reset, a body
cut short or a timeout on one request is that request's ``LLMCallFailed``.

Every failure leaves this module as one ``LLMError`` subclass with a one-line message. The API key
never appears in a message (it is blanked even where the server echoes it), a log line or a cache key.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit, urlunsplit

import httpx
import instructor
import openai
from instructor import Mode
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel
from tenacity import AsyncRetrying, retry_if_exception

from extract.errors import (  # noqa: F401  (re-exported: the errors belong to this client)
    AuthenticationFailed,
    EndpointError,
    EndpointUnreachable,
    LLMCallFailed,
    LLMError,
    ModelNotFound,
)
from extract.llm.config import LLMConfig
from schemas import Usage

EndpointKind = Literal["openai", "azure", "local", "unknown"]

OPENAI_BASE_URL = "https://api.openai.com/v1"
MAX_RETRY_AFTER_SECONDS = 60.0  # a longer Retry-After is cut to this, with one warning per run
MAX_ANSWER_BYTES = 4 * 1024 * 1024  # an answer body beyond this fails its call (a real answer is a few kB)
BACKOFF_BASE_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 20.0
DEFAULT_LOCAL_MODEL = "default"  # llama.cpp serves one model and ignores the name
PLACEHOLDER_KEY = "not-needed"  # the openai client insists on a key; local servers ignore it

T = TypeVar("T", bound=BaseModel)

# instructor logs every failed attempt at ERROR; without a handler Python's last-resort handler
# would print those lines to stderr next to the CLI's own one-line error. An application that
# configures logging still receives them.
logging.getLogger("instructor").addHandler(logging.NullHandler())

logger = logging.getLogger("summarise.llm")


def count_tokens(usage: Usage, response: Any) -> None:
    """Add the token usage of one completion to ``usage`` (zero when the server reports none)."""
    reported = getattr(response, "usage", None)
    usage.prompt_tokens += getattr(reported, "prompt_tokens", 0) or 0
    usage.completion_tokens += getattr(reported, "completion_tokens", 0) or 0


@dataclass(frozen=True)
class Endpoint:
    """Where requests go. ``public_url`` has no credentials or query string: safe for keys and logs."""

    kind: EndpointKind
    base_url: str = field(repr=False)  # may carry credentials
    public_url: str


def endpoint_kind(base_url: str | None) -> EndpointKind:
    """OpenAI when no base URL is given; Azure by host; loopback hosts are local servers."""
    if not base_url:
        return "openai"
    host = (urlsplit(base_url).hostname or "").lower()
    if host == "api.openai.com":
        return "openai"
    if host.endswith(".azure.com"):  # *.openai.azure.com and other Azure hosts
        return "azure"
    if host in {"localhost", "127.0.0.1", "::1", "0.0.0.0"} or host.startswith("127."):
        return "local"
    return "unknown"


def public_url(url: str) -> str:
    """The URL without user:password or query (an Azure ``?api-key=`` must never leak)."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


def resolve_endpoint(config: LLMConfig) -> Endpoint:
    """Where ``config`` sends requests: OpenAI's own URL when it names none."""
    base_url = config.base_url or OPENAI_BASE_URL
    return Endpoint(kind=endpoint_kind(config.base_url), base_url=base_url, public_url=public_url(base_url))


_MODE_BY_NAME = {"tools": Mode.TOOLS, "json": Mode.JSON, "json_schema": Mode.JSON_SCHEMA, "md_json": Mode.MD_JSON}


def choose_mode(config: LLMConfig, kind: EndpointKind | None = None) -> Mode:
    """TOOLS for OpenAI and Azure; JSON (json_object with the schema) for llama.cpp, loopback and
    unknown servers, because llama.cpp answers 500 to ``json_schema``; ``config.mode`` overrides."""
    if config.mode != "auto":
        return _MODE_BY_NAME[config.mode]
    kind = kind or endpoint_kind(config.base_url)
    return Mode.TOOLS if kind in ("openai", "azure") else Mode.JSON


def resolve_model(config: LLMConfig, kind: EndpointKind) -> str:
    if config.model:
        return config.model
    if kind in ("openai", "azure"):
        raise ModelNotFound("no model given: pass --model or set SUMMARISE_MODEL")
    return DEFAULT_LOCAL_MODEL


# ---------------------------------------------------------------------------------------------
# Sanitising model output


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_CONTROL = re.compile(r"[\t\n\r]+")


def clean_string(value: str) -> str:
    """Drop raw control characters (llama.cpp's JSON grammar lets them into strings) and turn
    tabs and newlines into single spaces: a quote is one run of text."""
    return _LINE_CONTROL.sub(" ", _CONTROL.sub("", value))


def clean_strings(value: Any) -> Any:
    """``clean_string`` applied to every string inside a JSON value."""
    if isinstance(value, str):
        return clean_string(value)
    if isinstance(value, list):
        return [clean_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: clean_strings(v) for k, v in value.items()}
    return value


def clean_json_text(text: str | None) -> str | None:
    """Re-serialise a JSON answer with clean strings; text that is not JSON only loses its raw
    control characters (the parser then reports it, and instructor re-asks)."""
    if not text:
        return text
    try:
        data = json.loads(text, strict=False)  # strict=False admits raw control characters
    except ValueError:  # json.JSONDecodeError included
        return _CONTROL.sub("", text)
    return json.dumps(clean_strings(data), ensure_ascii=False)


def clean_completion(response: Any) -> Any:
    """Clean the message content and tool-call arguments of a chat completion in place."""
    for choice in getattr(response, "choices", None) or []:
        message = choice.message
        if isinstance(message.content, str):
            message.content = clean_json_text(message.content)
        for call in message.tool_calls or []:
            function = getattr(call, "function", None)
            if function is not None and isinstance(function.arguments, str):
                function.arguments = clean_json_text(function.arguments)
    return response


# ---------------------------------------------------------------------------------------------
# Transport retries


class RequestDeadlineExceeded(Exception):
    """One attempt outlived ``LLMConfig.timeout`` (the whole attempt, not one read)."""


class AnswerTooLarge(httpx.ReadError):
    """The answer body is larger than ``MAX_ANSWER_BYTES``; it is not read further."""


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


def retry_after_seconds(error: BaseException) -> float | None:
    """Seconds the server asked us to wait (``retry-after-ms``, ``retry-after`` seconds or date)."""
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    try:
        if headers.get("retry-after-ms"):
            return float(headers["retry-after-ms"]) / 1000
        value = headers.get("retry-after")
        if value is None:
            return None
        try:
            return float(value)
        except ValueError:
            when = email.utils.parsedate_to_datetime(value)
            return when.timestamp() - time.time()
    except (TypeError, ValueError, OverflowError):
        return None


def backoff_seconds(error: BaseException, attempt: int) -> float:
    """Retry-After when the server gave one (capped at ``MAX_RETRY_AFTER_SECONDS``), else
    exponential backoff."""
    asked = retry_after_seconds(error)
    if asked is not None and asked >= 0:
        return min(asked, MAX_RETRY_AFTER_SECONDS)
    return min(BACKOFF_BASE_SECONDS * 2 ** (attempt - 1), BACKOFF_MAX_SECONDS)


def retry_after_was_capped(error: BaseException) -> bool:
    asked = retry_after_seconds(error)
    return asked is not None and asked > MAX_RETRY_AFTER_SECONDS


@dataclass
class RunGuard:
    """The bounds one run's requests share: the retry budget, the circuit breaker (open after
    ``breaker_after`` consecutive failed requests, then for the rest of the run), whether a
    connection ever got an answer, and the once-per-run Retry-After warning."""

    retries_left: int
    breaker_after: int
    consecutive_failures: int = 0
    answered_once: bool = False
    warned_retry_after: bool = False

    @property
    def open(self) -> bool:
        return self.consecutive_failures >= self.breaker_after

    def take_retry(self) -> bool:
        """Spend one retry of the run's budget; False when none is left."""
        if self.retries_left <= 0:
            return False
        self.retries_left -= 1
        return True

    def succeeded(self) -> None:
        self.consecutive_failures = 0
        self.answered_once = True

    def failed(self) -> None:
        self.consecutive_failures += 1


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


def one_line(text: str, limit: int = 200) -> str:
    """``text`` as one line for a terminal: no control characters, whitespace runs as one space,
    cut to ``limit`` characters."""
    text = " ".join(clean_string(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# The client


Sleep = Callable[[float], Awaitable[None]]


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

    def __post_init__(self) -> None:
        self.guard = RunGuard(retries_left=self.config.retry_budget, breaker_after=self.config.breaker_after)

    async def raw_completion(self, usage: Usage, **kwargs: Any) -> Any:
        """One chat completion with transport retries; every attempt counted in ``usage``. Each
        attempt has ``config.timeout`` seconds in all; retries come out of the run's budget, and an
        open circuit breaker fails the call before any HTTP request."""
        guard = self.guard
        if guard.open:
            raise LLMCallFailed(
                f"not asked: the LLM endpoint {self.endpoint.public_url} failed "
                f"{guard.consecutive_failures} requests in a row (circuit breaker open for the rest of the run)"
            )
        attempts = 0

        def stop(state: Any) -> bool:
            if state.attempt_number >= self.config.max_retries + 1 or guard.open:
                return True
            return not guard.take_retry()

        def wait(state: Any) -> float:
            error = state.outcome.exception()
            if retry_after_was_capped(error) and not guard.warned_retry_after:
                guard.warned_retry_after = True
                logger.warning(
                    "the LLM endpoint %s asked to wait %.0f s before retrying; waiting %.0f s (the cap)",
                    self.endpoint.public_url, retry_after_seconds(error), MAX_RETRY_AFTER_SECONDS,
                )
            return backoff_seconds(error, state.attempt_number)

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
        try:
            return await asyncio.wait_for(self.openai_client.chat.completions.create(**kwargs), self.config.timeout)
        except TimeoutError:
            raise RequestDeadlineExceeded(f"{self.config.timeout:g}") from None

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

        async def create(**kwargs: Any) -> Any:
            format_ = kwargs.get("response_format")
            if isinstance(format_, dict) and format_.get("type") == "json_object":
                # llama.cpp constrains its grammar to the schema only when it is given here.
                kwargs["response_format"] = {"type": "json_object", "schema": schema}
            return await self.raw_completion(usage, **kwargs)

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


def resolve_target(config: LLMConfig) -> tuple[Endpoint, str]:
    """Endpoint and model name, checked before any call: raises ``ModelNotFound`` when OpenAI or
    Azure get no model, ``AuthenticationFailed`` when they get no key."""
    endpoint = resolve_endpoint(config)
    model = resolve_model(config, endpoint.kind)
    if config.api_key is None and endpoint.kind in ("openai", "azure"):
        raise AuthenticationFailed(f"no API key for {endpoint.public_url}: set OPENAI_API_KEY")
    return endpoint, model


class _CappedBody(httpx.AsyncByteStream):
    """A response body that fails with ``AnswerTooLarge`` once more than ``limit`` bytes came."""

    def __init__(self, stream: httpx.AsyncByteStream, limit: int) -> None:
        self._stream, self._limit = stream, limit

    async def __aiter__(self) -> Any:
        received = 0
        async for chunk in self._stream:
            received += len(chunk)
            if received > self._limit:
                raise AnswerTooLarge(f"more than {self._limit} bytes")
            yield chunk

    async def aclose(self) -> None:
        await self._stream.aclose()


class CappedTransport(httpx.AsyncBaseTransport):
    """The HTTP transport with the answer size cap: a declared length over ``limit`` fails at the
    headers, a longer body (chunked, or lying about its length) fails once the limit is passed."""

    def __init__(self, inner: httpx.AsyncBaseTransport, limit: int = MAX_ANSWER_BYTES) -> None:
        self._inner, self._limit = inner, limit

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self._limit:
            await response.aclose()
            raise AnswerTooLarge(f"{declared} bytes declared, more than {self._limit}")
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _CappedBody(response.stream, self._limit)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def build_client(config: LLMConfig, sleep: Sleep = asyncio.sleep) -> LLMClient:
    """The client for one event loop: call inside the loop that will use it."""
    endpoint, model = resolve_target(config)
    key = config.api_key.get_secret_value() if config.api_key else None
    headers = {"api-key": key} if endpoint.kind == "azure" and key else None
    openai_client = openai.AsyncOpenAI(
        api_key=key or PLACEHOLDER_KEY,
        base_url=endpoint.base_url,
        timeout=config.timeout,
        max_retries=0,  # tenacity owns retries
        default_headers=headers,
        http_client=openai.DefaultAsyncHttpxClient(
            timeout=config.timeout,
            transport=CappedTransport(httpx.AsyncHTTPTransport(limits=openai.DEFAULT_CONNECTION_LIMITS)),
        ),
    )
    return LLMClient(
        config=config,
        endpoint=endpoint,
        model=model,
        mode=choose_mode(config, endpoint.kind),
        openai_client=openai_client,
        sleep=sleep,
    )
