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
cannot answer: a fully cached re-run never imports them. The run's deadline (``LLMConfig.deadline``)
starts when the session opens: past it, an answer the cache cannot give fails at once, without a
request ("run deadline of N s reached"), and a request in flight is cut at it. The endpoint, model and instructor mode
the cache keys need are resolved when the session opens (``extract.llm.client.request_target``),
so a missing key or model still fails there, before any request.

Why a module of its own beside ``ask.py``: this is the lifetime of the run's shared resources
(open, close, which loop), ``ask.py`` is how one request is asked and checked; an ``Asker`` needs
nothing of the session but its client and cache.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from extract.llm.ask import Asker
from extract.llm.cache import AnswerCache
from extract.llm.client import RequestTarget, RunDeadline, Sleep, request_target
from extract.llm.config import LLMConfig
from schemas import Usage

if TYPE_CHECKING:
    from extract.llm.openai_client import LLMClient


def build_client(config: LLMConfig, sleep: Sleep = asyncio.sleep, deadline: RunDeadline | None = None) -> LLMClient:
    """``extract.llm.openai_client.build_client``, imported only when a session needs its client."""
    from extract.llm.openai_client import build_client as build

    return build(config, sleep=sleep, deadline=deadline)


class LLMSession:
    """The run's client, cache and askers; an async context manager (open it inside the loop
    that will use it)."""

    def __init__(self, config: LLMConfig, *, sleep: Sleep = asyncio.sleep) -> None:
        self.config = config
        self._sleep = sleep
        self._target: RequestTarget | None = None
        self._client: LLMClient | None = None
        self._cache: AnswerCache | None = None
        self._askers: list[Asker] = []
        self._deadline: RunDeadline | None = None

    async def __aenter__(self) -> LLMSession:
        self._target = request_target(self.config)  # raises on a missing key or model
        self._deadline = RunDeadline.start(self.config.deadline)  # the run's clock starts here
        self._cache = AnswerCache(self.config.cache_dir) if self.config.use_cache else None
        return self

    async def __aexit__(self, *exc: object) -> None:
        client, cache, self._client, self._cache, self._target = self._client, self._cache, None, None, None
        try:
            if client is not None:
                await client.aclose()
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
        """The run's one client, built on first use (call inside the session's event loop)."""
        target = self.target  # raises when the session is not open
        if self._client is None:
            self._client = build_client(target.config, sleep=self._sleep, deadline=self._deadline)
        return self._client

    @property
    def model(self) -> str:
        return self.target.model

    def asker(self, prompt_version: str, parameters: dict[str, Any]) -> Asker:
        """A new asker for one article or one step, counted in ``usage``."""
        asker = Asker(self.target, lambda: self.client, self._cache, parameters, prompt_version,
                      deadline=self._deadline)
        self._askers.append(asker)
        return asker

    @property
    def usage(self) -> Usage:
        """Every request asked through this session so far (seconds not included: askers overlap)."""
        total = Usage()
        for asker in self._askers:
            total = total.add(asker.usage)
        return total
