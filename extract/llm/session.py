"""One LLM session per run: the client, the answer cache and the usage of every request.

    async with LLMSession(config) as session:
        extractions = await LLMExtractor(config).aextract(articles, session)
        ...  # party resolution and the narrative ask through the same session

A run with an endpoint opens one ``LLMSession`` (the pipeline does, in ``summarise.pipeline``)
and closes it at the end: one ``AsyncOpenAI`` client and one disk cache, on the one event loop
the run's coroutine runs on (httpx binds a client to the loop it was opened in, so the session
must be opened, used and closed inside the same loop). Each article and each step asks through
an ``Asker`` of the session (``session.asker(...)``), which counts its own ``schemas.Usage``;
``session.usage`` is the sum of all of them.

The client (and with it openai, instructor and httpx) is built on the first request the cache
cannot answer: a fully cached re-run never imports them. That first miss starts their import on a
worker thread (``ready_client``; about 1 s of CPU, most of it openai's types) and the loop goes on:
each request whose body code knows without instructor (``extract.llm.client.early_body``: the
extractor's, in JSON mode) leaves at once through the run's httpx client (``send_early``), and
instructor's request with that body is answered by its response once the client is built
(``extract.llm.http``), so a run's first requests do not wait for the import. The modules the
run needs once answers are in (``load_later``: the offline reading the checks use, reconcile, the
renderers) import on that thread after the client, while the model is busy.

The run's deadline (``LLMConfig.deadline``) starts when the session opens: past it, an answer the
cache cannot give fails at once, without a request ("run deadline of N s reached"), and a request
in flight is cut at it. The endpoint, model and instructor mode the cache keys need are resolved
when the session opens (``extract.llm.client.request_target``), so a missing key or model still
fails there, before any request.

Why a module of its own beside ``ask.py``: this is the lifetime of the run's shared resources
(open, close, which loop), ``ask.py`` is how one request is asked and checked; an ``Asker`` needs
nothing of the session but its client and cache.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from typing import TYPE_CHECKING, Any

from extract.llm.ask import Asker
from extract.llm.cache import AnswerCache
from extract.llm.client import RequestTarget, RunDeadline, Sleep, default_ssl_context, request_target
from extract.llm.config import LLMConfig
from schemas import Usage

if TYPE_CHECKING:
    from extract.llm.http import EarlyAsyncClient
    from extract.llm.openai_client import LLMClient

# Loaded with the client on its worker thread: instructor registers its OpenAI handlers on the
# first request it shapes, and importing them there would hold up the event loop. Only a warm-up:
# if instructor moves the module, the import fails here and instructor loads its own on first use.
INSTRUCTOR_HANDLERS = "instructor.v2.providers.openai.handlers"


def build_client(config: LLMConfig, sleep: Sleep = asyncio.sleep, deadline: RunDeadline | None = None,
                 http_client: EarlyAsyncClient | None = None) -> LLMClient:
    """``extract.llm.openai_client.build_client``, imported only when a session needs its client."""
    from extract.llm.openai_client import build_client as build

    return build(config, sleep=sleep, deadline=deadline, http_client=http_client)


def load_client_stack(later: Iterable[str] = ()) -> None:
    """Import the client (openai, instructor, httpx), instructor's OpenAI handlers, then ``later``."""
    import_module("extract.llm.openai_client")
    try:
        import_module(INSTRUCTOR_HANDLERS)
    except ImportError:
        pass
    for name in later:
        import_module(name)


class LLMSession:
    """The run's client, cache and askers; an async context manager (open it inside the loop
    that will use it)."""

    def __init__(self, config: LLMConfig, *, sleep: Sleep = asyncio.sleep) -> None:
        self.config = config
        self._sleep = sleep
        self._target: RequestTarget | None = None
        self._client: LLMClient | None = None
        self._http: EarlyAsyncClient | None = None
        self._loading: asyncio.Future[None] | None = None
        self._later: list[str] = []
        self._cache: AnswerCache | None = None
        self._askers: list[Asker] = []
        self._deadline: RunDeadline | None = None

    async def __aenter__(self) -> LLMSession:
        self._target = request_target(self.config)  # raises on a missing key or model
        self._deadline = RunDeadline.start(self.config.deadline)  # the run's clock starts here
        self._cache = AnswerCache(self.config.cache_dir) if self.config.use_cache else None
        return self

    async def __aexit__(self, *exc: object) -> None:
        client, http, cache = self._client, self._http, self._cache
        self._client, self._http, self._cache, self._target = None, None, None, None
        try:
            if client is not None:
                await client.aclose()  # closes the httpx client too
            elif http is not None:  # requests went early, and the run ended before the client was built
                await http.aclose()
        finally:
            if cache is not None:
                cache.close()

    @property
    def target(self) -> RequestTarget:
        """Endpoint, model and instructor mode of the run's requests (no client needed)."""
        if self._target is None:
            raise RuntimeError("the LLM session is not open: use it as `async with LLMSession(config) as session`")
        return self._target

    @property
    def client(self) -> LLMClient:
        """The run's one client, built on first use (call inside the session's event loop). This
        imports the client on the loop's thread; askers wait for ``ready_client`` instead."""
        target = self.target  # raises when the session is not open
        if self._client is None:
            self._client = build_client(target.config, sleep=self._sleep, deadline=self._deadline,
                                        http_client=self._http)
        return self._client

    async def ready_client(self) -> LLMClient:
        """The run's one client, its imports done on a worker thread (the first caller starts them)
        while the loop goes on sending requests early (``send_early``) and answering from the cache."""
        _ = self.target  # raises when the session is not open
        if self._client is None:
            if self._loading is None:
                # one turn of the loop first: the other articles' requests and the first one's
                # connection get going before the imports take their share of the interpreter
                await asyncio.sleep(0)
            if self._loading is None:
                self._loading = asyncio.ensure_future(asyncio.to_thread(load_client_stack, tuple(self._later)))
            await asyncio.shield(self._loading)
        return self.client

    def load_later(self, *modules: str) -> None:
        """Modules the run needs once its first answers are in: imported on the client's worker
        thread after the client (while the model is busy) when that thread has not started yet."""
        self._later.extend(modules)

    def send_early(self, body_of: Callable[[], dict[str, Any] | None]) -> None:
        """While the client is not built, send a request with the body ``body_of()`` gives (none:
        None) now: instructor's request with the same body is then answered by its response
        (``extract.llm.http``)."""
        if self._client is not None:
            return
        body = body_of()
        if body is None:
            return
        if self._http is None:
            self._http = self._open_http()
        self._http.send_early(body)

    def _open_http(self) -> EarlyAsyncClient:
        """The run's httpx client; its TLS context is built on a thread while httpx imports here."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="summarise-tls") as worker:
            context = worker.submit(default_ssl_context)
            from extract.llm.http import http_client_for

            return http_client_for(self.target.config, context.result())

    @property
    def model(self) -> str:
        return self.target.model

    def asker(self, prompt_version: str, parameters: dict[str, Any]) -> Asker:
        """A new asker for one article or one step, counted in ``usage``."""
        asker = Asker(self.target, self.ready_client, self._cache, parameters, prompt_version,
                      deadline=self._deadline, send_early=self.send_early)
        self._askers.append(asker)
        return asker

    @property
    def usage(self) -> Usage:
        """Every request asked through this session so far (seconds not included: askers overlap)."""
        total = Usage()
        for asker in self._askers:
            total = total.add(asker.usage)
        return total
