"""A disk cache of validated LLM answers, so a re-run over the same articles costs nothing.

The key is the sha256 of canonical JSON (sorted keys, no whitespace) of everything that decides
the answer: model, endpoint kind, messages, answer schema, request parameters and prompt version.
Nothing that does not change the answer is part of it: not the base URL (a local server on another
port, or behind another host name, answers the same), and never the API key (not in a key, not in
an entry). Only answers that parsed and validated against the answer schema and then passed their
checks in code (every quote grounded, a grouping that holds: ``extract.llm.ask.Asker.ask_checked``)
are stored; an answer that failed them, or a failed call, stores nothing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import diskcache

CACHE_FORMAT = 1  # bump when the stored value's shape changes


def canonical_json(value: Any) -> str:
    """Sorted keys, no whitespace: equal values give equal text, whatever their key order."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def cache_key(
    *,
    model: str,
    endpoint_kind: str,
    messages: list[dict[str, Any]],
    schema: dict[str, Any],
    parameters: dict[str, Any],
    prompt_version: str,
) -> str:
    """sha256 hex of the canonical JSON of one request."""
    payload = {
        "format": CACHE_FORMAT,
        "model": model,
        "endpoint": {"kind": endpoint_kind},
        "messages": messages,
        "schema": schema,
        "parameters": parameters,
        "prompt_version": prompt_version,
    }
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


class AnswerCache:
    """Validated answers (plain JSON-able dicts) by request key, on disk."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._cache = diskcache.Cache(str(directory))

    def get(self, key: str) -> dict[str, Any] | None:
        value = self._cache.get(key)
        return value if isinstance(value, dict) else None

    def put(self, key: str, answer: dict[str, Any]) -> None:
        """Store an answer. Callers pass only answers that validated and passed their checks."""
        self._cache.set(key, answer)

    def __len__(self) -> int:
        return len(self._cache)

    def close(self) -> None:
        self._cache.close()

    def __enter__(self) -> AnswerCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def clear_cache(cache_dir: Path) -> int:
    """Empty the cache in ``cache_dir``; return how many entries were removed (0 if none)."""
    if not Path(cache_dir).is_dir():
        return 0
    with diskcache.Cache(str(cache_dir)) as cache:
        return cache.clear()
