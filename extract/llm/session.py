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

Why a module of its own beside ``ask.py``: this is the lifetime of the run's shared resources
(open, close, which loop), ``ask.py`` is how one request is asked and checked; an ``Asker`` needs
nothing of the session but its client and cache.
"""

from __future__ import annotations

import asyncio
from typing import Any

from extract.llm.ask import Asker
from extract.llm.cache import AnswerCache
from extract.llm.client import LLMClient, Sleep, build_client
from extract.llm.config import LLMConfig
from schemas import Usage


class LLMSession:
    """The run's client, cache and askers; an async context manager (open it inside the loop
    that will use it)."""

    def __init__(self, config: LLMConfig, *, sleep: Sleep = asyncio.sleep) -> None:
        self.config = config
        self._sleep = sleep
        self._client: LLMClient | None = None
        self._cache: AnswerCache | None = None
        self._askers: list[Asker] = []

    async def __aenter__(self) -> LLMSession:
        self._client = build_client(self.config, sleep=self._sleep)  # raises on a missing key or model
        self._cache = AnswerCache(self.config.cache_dir) if self.config.use_cache else None
        return self

    async def __aexit__(self, *exc: object) -> None:
        client, cache, self._client, self._cache = self._client, self._cache, None, None
        try:
            if client is not None:
                await client.aclose()
        finally:
            if cache is not None:
                cache.close()

    @property
    def client(self) -> LLMClient:
        if self._client is None:
            raise RuntimeError("the LLM session is not open: use it as `async with LLMSession(config) as session`")
        return self._client

    @property
    def model(self) -> str:
        return self.client.model

    def asker(self, prompt_version: str, parameters: dict[str, Any]) -> Asker:
        """A new asker for one article or one step, counted in ``usage``."""
        asker = Asker(self.client, self._cache, parameters, prompt_version)
        self._askers.append(asker)
        return asker

    @property
    def usage(self) -> Usage:
        """Every request asked through this session so far (seconds not included: askers overlap)."""
        total = Usage()
        for asker in self._askers:
            total = total.add(asker.usage)
        return total
