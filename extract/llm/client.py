"""The OpenAI-compatible client: endpoint kind, instructor mode, transport retries, error mapping.

Two loops with separate limits (DESIGN.md):
- transport retries (429, 5xx, connection errors, timeouts) live here, in tenacity around one raw
  HTTP call, honouring Retry-After. The openai client itself is built with ``max_retries=0`` so
  that nothing else retries behind our back (and a replayed test never hides a missing
  interaction behind a retried ``APIConnectionError``);
- re-asks (the answer failed validation) live in instructor and in ``extract.llm.ask``; they only
  ever see parse or validation errors, never an API error.

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

import instructor
import openai
from instructor import Mode
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

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
MAX_RETRY_AFTER_SECONDS = 60.0
BACKOFF_BASE_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 20.0
DEFAULT_LOCAL_MODEL = "default"  # llama.cpp serves one model and ignores the name
PLACEHOLDER_KEY = "not-needed"  # the openai client insists on a key; local servers ignore it

T = TypeVar("T", bound=BaseModel)

# instructor logs every failed attempt at ERROR; without a handler Python's last-resort handler
# would print those lines to stderr next to the CLI's own one-line error. An application that
# configures logging still receives them.
logging.getLogger("instructor").addHandler(logging.NullHandler())


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


def _is_transient(error: BaseException) -> bool:
    """Worth another attempt: no connection, a timeout, 408, 429 or a 5xx."""
    if isinstance(error, openai.APIConnectionError):  # includes timeouts
        return True
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
    """Retry-After when the server gave one (capped), else exponential backoff."""
    asked = retry_after_seconds(error)
    if asked is not None and asked >= 0:
        return min(asked, MAX_RETRY_AFTER_SECONDS)
    return min(BACKOFF_BASE_SECONDS * 2 ** (attempt - 1), BACKOFF_MAX_SECONDS)


def map_api_error(error: BaseException, endpoint: Endpoint, model: str, api_key: str | None = None) -> LLMError:
    """One line per failure; run-fatal kinds get their own class. ``api_key`` is blanked wherever
    the error's own text (a server's message, a connection error) would carry it."""
    if isinstance(error, LLMError):
        return error
    mapped = _mapped_error(error, endpoint, model)
    if api_key and api_key in str(mapped):
        return type(mapped)(str(mapped).replace(api_key, "***"))
    return mapped


def _mapped_error(error: BaseException, endpoint: Endpoint, model: str) -> LLMError:
    if isinstance(error, openai.APITimeoutError):
        return LLMCallFailed(f"the LLM endpoint {endpoint.public_url} timed out")
    if isinstance(error, openai.APIConnectionError):
        cause = error.__cause__ or error.__context__
        detail = f" ({one_line(str(cause))})" if cause and str(cause) else ""
        return EndpointUnreachable(f"cannot reach the LLM endpoint {endpoint.public_url}{detail}")
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

    async def raw_completion(self, usage: Usage, **kwargs: Any) -> Any:
        """One chat completion with transport retries; every attempt counted in ``usage``."""
        attempts = 0
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.config.max_retries + 1),
            retry=retry_if_exception(_is_transient),
            wait=lambda state: backoff_seconds(state.outcome.exception(), state.attempt_number),
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
                    response = await self.openai_client.chat.completions.create(**kwargs)
                    count_tokens(usage, response)
                    return clean_completion(response)
        except openai.OpenAIError as error:
            raise self._error(error) from None
        raise LLMCallFailed("LLM call failed: no attempt was made")  # unreachable: stop >= 1

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
        return map_api_error(error, self.endpoint, self.model, api_key=key)

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
    )
    return LLMClient(
        config=config,
        endpoint=endpoint,
        model=model,
        mode=choose_mode(config, endpoint.kind),
        openai_client=openai_client,
        sleep=sleep,
    )
