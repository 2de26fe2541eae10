"""The OpenAI-compatible client: endpoint kind, instructor mode, transport retries, error mapping.

This module imports nothing heavy: it holds what a request goes to (endpoint, model, the
instructor mode's name and value: all a cache key needs), output cleaning, the retry policy's
arithmetic and the JSON mode's request body (``json_mode_body``, ``early_body``). The client
itself (``LLMClient``, ``build_client``, openai's error mapping) is in ``extract.llm.openai_client``
with openai and instructor, which take about a second of CPU to import; the HTTP side (the answer
size cap, the requests sent before that client exists) is in ``extract.llm.http`` with httpx. Their
names are reached here too, and load on first use, so a run whose every answer is in the cache
never imports them.

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
- a ``Retry-After`` longer than ``MAX_RETRY_AFTER_SECONDS`` is cut to it, with one warning per run;
- a run may have a deadline (``LLMConfig.deadline``, ``RunDeadline``): past it no request is sent
  and a request in flight is cut at it, each failing with "run deadline of N s reached" (not
  counted by the circuit breaker: the endpoint did nothing wrong).
Only an endpoint that cannot be used at all is an ``EndpointError`` (the run stops): no answer to
a connection before any request of the run got one, 401/403, an unknown model. A reset, a body
cut short or a timeout on one request is that request's ``LLMCallFailed``.

Every failure leaves this module as one ``LLMError`` subclass with a one-line message. The API key
never appears in a message (it is blanked even where the server echoes it), a log line or a cache key.
"""

from __future__ import annotations

import email.utils
import functools
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit, urlunsplit

from extract.errors import (  # noqa: F401  (re-exported: the errors belong to this client)
    AuthenticationFailed,
    EndpointError,
    EndpointUnreachable,
    LLMCallFailed,
    LLMError,
    ModelNotFound,
)
from extract.llm.config import InstructorModeName, LLMConfig
from schemas import Usage

if TYPE_CHECKING:  # the client proper, for type checkers; at run time it loads on first use (``__getattr__``)
    from extract.llm.http import AnswerTooLarge as AnswerTooLarge
    from extract.llm.http import CappedTransport as CappedTransport
    from extract.llm.openai_client import LLMClient as LLMClient
    from extract.llm.openai_client import RequestDeadlineExceeded as RequestDeadlineExceeded
    from extract.llm.openai_client import build_client as build_client
    from extract.llm.openai_client import choose_mode as choose_mode
    from extract.llm.openai_client import map_api_error as map_api_error

EndpointKind = Literal["openai", "azure", "local", "unknown"]

OPENAI_BASE_URL = "https://api.openai.com/v1"
MAX_RETRY_AFTER_SECONDS = 60.0  # a longer Retry-After is cut to this, with one warning per run
MAX_ANSWER_BYTES = 4 * 1024 * 1024  # an answer body beyond this fails its call (a real answer is a few kB)
BACKOFF_BASE_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 20.0
DEFAULT_LOCAL_MODEL = "default"  # llama.cpp serves one model and ignores the name
PLACEHOLDER_KEY = "not-needed"  # the openai client insists on a key; local servers ignore it

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


# ``instructor.Mode`` value by ``LLMConfig.mode`` name, spelled out so that the cache key (which holds
# the value) is known without importing instructor; a test checks them against instructor's own.
MODE_VALUES: dict[InstructorModeName, str] = {
    "tools": "tool_call",
    "json": "json_mode",
    "json_schema": "json_schema_mode",
    "md_json": "markdown_json_mode",
}


def mode_name(config: LLMConfig, kind: EndpointKind | None = None) -> InstructorModeName:
    """TOOLS for OpenAI and Azure; JSON (json_object with the schema) for llama.cpp, loopback and
    unknown servers, because llama.cpp answers 500 to ``json_schema``; ``config.mode`` overrides."""
    if config.mode != "auto":
        return config.mode
    kind = kind or endpoint_kind(config.base_url)
    return "tools" if kind in ("openai", "azure") else "json"


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


@dataclass(frozen=True)
class RunDeadline:
    """``LLMConfig.deadline`` on the clock: when the run's last request may still be in flight.
    Started when the run's session opens (``extract.llm.session.LLMSession``)."""

    seconds: float
    at: float  # time.monotonic() at which it falls

    @classmethod
    def start(cls, seconds: float | None) -> RunDeadline | None:
        return None if seconds is None else cls(seconds, time.monotonic() + seconds)

    def left(self) -> float:
        """Seconds until the deadline (0 or less: reached)."""
        return self.at - time.monotonic()

    def reached(self) -> bool:
        return self.left() <= 0

    def error(self) -> LLMCallFailed:
        """The failure of every request the deadline stops: that article's (or step's) error."""
        return LLMCallFailed(f"run deadline of {self.seconds:g} s reached")


def one_line(text: str, limit: int = 200) -> str:
    """``text`` as one line for a terminal: no control characters, whitespace runs as one space,
    cut to ``limit`` characters."""
    text = " ".join(clean_string(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# What the requests go to (all a cache key needs), and the client itself on first use


def resolve_target(config: LLMConfig) -> tuple[Endpoint, str]:
    """Endpoint and model name, checked before any call: raises ``ModelNotFound`` when OpenAI or
    Azure get no model, ``AuthenticationFailed`` when they get no key."""
    endpoint = resolve_endpoint(config)
    model = resolve_model(config, endpoint.kind)
    if config.api_key is None and endpoint.kind in ("openai", "azure"):
        raise AuthenticationFailed(f"no API key for {endpoint.public_url}: set OPENAI_API_KEY")
    return endpoint, model


@dataclass(frozen=True)
class RequestTarget:
    """What one run's requests go to and how they ask, known before (and without) the client:
    everything of it an answer's cache key holds. ``mode`` is the instructor mode's value."""

    config: LLMConfig = field(repr=False)  # its base_url may carry credentials
    endpoint: Endpoint
    model: str
    mode: str


def request_target(config: LLMConfig) -> RequestTarget:
    """``resolve_target`` with the instructor mode; raises as it does."""
    endpoint, model = resolve_target(config)
    return RequestTarget(config=config, endpoint=endpoint, model=model, mode=MODE_VALUES[mode_name(config, endpoint.kind)])


Sleep = Callable[[float], Awaitable[None]]  # how the client waits between transport retries


def default_ssl_context() -> Any:
    """The TLS context httpx makes by default (``httpx.create_ssl_context()``: ``SSL_CERT_FILE``,
    else ``SSL_CERT_DIR``, else certifi's bundle), made here without importing httpx so that the
    run's HTTP client can have it built on a worker thread while httpx imports: loading the
    certificates takes about 50 ms, without the interpreter lock. One per process and setting
    (an ``SSLContext`` may serve many clients). A test checks it against httpx's own."""
    import os

    return _ssl_context(os.environ.get("SSL_CERT_FILE") or None, os.environ.get("SSL_CERT_DIR") or None)


@functools.lru_cache(maxsize=4)
def _ssl_context(cert_file: str | None, cert_dir: str | None) -> Any:
    import ssl

    if cert_file:
        return ssl.create_default_context(cafile=cert_file)
    if cert_dir:
        return ssl.create_default_context(capath=cert_dir)
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


# ---------------------------------------------------------------------------------------------
# The JSON mode's request body, and the requests code can send before instructor is loaded


def json_mode_body(kwargs: dict[str, Any], messages: list[dict[str, str]], schema: dict[str, Any],
                   schema_in_prompt: bool) -> dict[str, Any]:
    """The body to send for instructor's JSON-mode ``kwargs`` (``response_format: json_object``):
    the answer's schema goes in ``response_format`` too, because llama.cpp constrains its grammar
    to a schema only when it is given there; and for an answer model whose prompt shows the shape
    by example (``schema_in_prompt = False``) the system message is ``messages``' own again,
    without the schema instructor appends to it as text (those tokens buy nothing). Other
    ``kwargs`` are returned as they are."""
    format_ = kwargs.get("response_format")
    if not (isinstance(format_, dict) and format_.get("type") == "json_object"):
        return kwargs
    body = {**kwargs, "response_format": {"type": "json_object", "schema": schema}}
    sent = kwargs.get("messages") or []
    if not schema_in_prompt and sent and sent[0].get("role") == "system" and messages and messages[0]["role"] == "system":
        body["messages"] = [{**sent[0], "content": messages[0]["content"]}, *sent[1:]]
    return body


def early_body(target: RequestTarget, answer_model: Any, messages: list[dict[str, str]],
               parameters: dict[str, Any]) -> dict[str, Any] | None:
    """The body instructor's JSON mode sends to ask ``messages`` for ``answer_model``, known here
    without instructor, so that the request can leave before openai and instructor are loaded
    (``extract.llm.http``); None where code cannot know it for sure: any other mode, an answer
    model whose schema goes into the prompt as instructor's text, messages instructor would merge
    (two turns of one role in a row), an Azure endpoint (its key goes in another header; a base URL
    never has a query: ``LLMConfig`` refuses one). In JSON mode instructor sends the model, the messages and the parameters as
    they are, with ``response_format: json_object`` (a test checks this against instructor)."""
    if target.mode != MODE_VALUES["json"] or getattr(answer_model, "schema_in_prompt", True):
        return None
    if target.endpoint.kind == "azure":
        return None
    if not messages or messages[0].get("role") != "system" or any(
        a.get("role") == b.get("role") for a, b in zip(messages, messages[1:], strict=False)
    ):
        return None
    if not all(isinstance(m.get("content"), str) for m in messages):
        return None
    asked = {"messages": [dict(m) for m in messages], "model": target.model, **parameters,
             "response_format": {"type": "json_object"}}
    return json_mode_body(asked, messages, answer_model.model_json_schema(), schema_in_prompt=False)

# The client proper and what needs openai, instructor or httpx live in ``extract.llm.openai_client``;
# these names of it are reached here, and importing it (0.5 s and more) waits for the first of them.
_CLIENT_NAMES = frozenset({
    "LLMClient", "RequestDeadlineExceeded", "build_client", "choose_mode",
    "map_api_error",
})


_HTTP_NAMES = frozenset({"AnswerTooLarge", "CappedTransport"})  # in ``extract.llm.http`` (httpx only)


def __getattr__(name: str) -> Any:
    if name in _HTTP_NAMES:
        from extract.llm import http

        return getattr(http, name)
    if name in _CLIENT_NAMES:
        from extract.llm import openai_client

        return getattr(openai_client, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
