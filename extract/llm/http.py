"""The run's HTTP client: the answer size cap, and requests sent before the openai client exists.

This module needs httpx, not openai or instructor. Importing openai takes about 1 s of CPU on
these machines (its ``types`` package), more than the time a run may take to send its first
request, and instructor needs openai to shape a request. So a run's first requests, whose bodies
code knows without instructor (``extract.llm.client.early_body``), leave through this client
(``EarlyAsyncClient.send_early``) while openai and instructor import on a worker thread
(``extract.llm.session.LLMSession``). The openai client is then built on this same httpx client:
when instructor's request for an article has the body of a request sent early, ``send`` answers
it with that request's response (or raises its error) instead of sending it again, so openai,
instructor, the transport retries and the error mapping see exactly what they would have seen.

A request sent early and never matched is a request the endpoint answered for nothing; it is
logged as a warning when the client closes (a test checks that a run leaves none). One still in
flight then (the run was cut short: a deadline, an endpoint error) is cancelled.
"""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
from typing import Any

import httpcore  # noqa: F401  (httpx imports it when its transport is made; here it loads while the TLS context is built)
import httpx

from extract.llm.client import MAX_ANSWER_BYTES, PLACEHOLDER_KEY, resolve_endpoint
from extract.llm.config import LLMConfig

logger = logging.getLogger("summarise.llm")

# openai.DEFAULT_CONNECTION_LIMITS, spelled out so that this module need not import openai (a test
# checks them against openai's own).
CONNECTION_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)
CHAT_COMPLETIONS = "chat/completions"


class AnswerTooLarge(httpx.ReadError):
    """The answer body is larger than ``MAX_ANSWER_BYTES``; it is not read further."""


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


def body_key(body: Any) -> str:
    """A request body as canonical JSON: equal for equal bodies, whatever their key order or spacing."""
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def chat_completions_url(base_url: str) -> httpx.URL:
    """Where openai posts a chat completion for ``base_url``: its path with a trailing slash, then
    ``chat/completions`` (openai's ``_enforce_trailing_slash`` and ``_prepare_url``)."""
    base = httpx.URL(base_url)
    path = base.raw_path if base.raw_path.endswith(b"/") else base.raw_path + b"/"
    return base.copy_with(raw_path=path + CHAT_COMPLETIONS.encode())


class EarlyAsyncClient(httpx.AsyncClient):
    """The httpx client of a run (the one the openai client is given), able to send a chat
    completion before openai is loaded (``send_early``) and to answer openai's request for the
    same body with that response (``send``)."""

    def __init__(self, base_url: str, api_key: str, timeout: float, ssl_context: ssl.SSLContext | None = None) -> None:
        # openai.DefaultAsyncHttpxClient's settings (follow redirects, openai's connection limits);
        # ``ssl_context`` is httpx's default one, when the caller had it made already
        verify: ssl.SSLContext | bool = True if ssl_context is None else ssl_context
        super().__init__(
            timeout=timeout,
            follow_redirects=True,
            verify=verify,
            transport=CappedTransport(httpx.AsyncHTTPTransport(verify=verify, limits=CONNECTION_LIMITS)),
        )
        self._early_url = chat_completions_url(base_url)
        self._early_headers = {"Authorization": f"Bearer {api_key}", "Accept": "application/json"}
        self._early: dict[str, list[asyncio.Task[httpx.Response]]] = {}
        self.sent_early = 0  # requests sent ahead of the openai client (for tests and benchmarks)

    def send_early(self, body: dict[str, Any]) -> None:
        """POST ``body`` to the chat completions URL now, on a task of the running loop; its response
        waits for openai's request with the same body."""
        request = self.build_request("POST", self._early_url, json=body, headers=self._early_headers)
        task = asyncio.ensure_future(super().send(request))
        self._early.setdefault(body_key(body), []).append(task)
        self.sent_early += 1

    def _take_early(self, request: httpx.Request) -> asyncio.Task[httpx.Response] | None:
        if not self._early or request.method != "POST" or request.url != self._early_url:
            return None
        try:
            key = body_key(json.loads(request.content))
        except ValueError:
            return None
        waiting = self._early.get(key)
        if not waiting:
            return None
        task = waiting.pop(0)
        if not waiting:
            del self._early[key]
        return task

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        """The response of the request sent early with this body (its error, if it failed), else
        ``request`` sent now. A cancelled wait (a deadline) cancels the early request too."""
        task = self._take_early(request)
        if task is None:
            return await super().send(request, **kwargs)
        response = await task
        response.request = request  # openai reads its own request's headers off the response
        return response

    async def aclose(self) -> None:
        """Close, cancelling early requests still in flight (a run cut short) and warning of any
        the endpoint answered that no request took: those answers were paid for nothing."""
        unused = [task for tasks in self._early.values() for task in tasks]
        self._early.clear()
        answered = sum(1 for task in unused if task.done() and not task.cancelled() and task.exception() is None)
        for task in unused:
            task.cancel()
        await asyncio.gather(*unused, return_exceptions=True)
        if answered:
            logger.warning("%d request(s) sent ahead of the LLM client were answered and never used", answered)
        await super().aclose()


def http_client_for(config: LLMConfig, ssl_context: ssl.SSLContext | None = None) -> EarlyAsyncClient:
    """The httpx client for ``config``'s endpoint (create it inside the loop that will use it)."""
    key = config.api_key.get_secret_value() if config.api_key else None
    return EarlyAsyncClient(resolve_endpoint(config).base_url, key or PLACEHOLDER_KEY, config.timeout, ssl_context)
