"""Sync entry points over the async code, callable from inside a running event loop too.

``asyncio.run`` refuses to start inside a running loop (a notebook, a web service's handler);
there the coroutine runs on a fresh loop in a worker thread, and the caller blocks until it is
done, as a sync call does. Imports nothing heavy: the offline pipeline uses it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

R = TypeVar("R")


def run_sync(coroutine: Coroutine[Any, Any, R]) -> R:
    """Run ``coroutine`` to its end and return its result (or raise its exception)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no loop running in this thread: the usual case
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="summarise-run") as worker:
        return worker.submit(asyncio.run, coroutine).result()
