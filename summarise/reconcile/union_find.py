"""Disjoint sets over ordered keys (article indexes, party keys). Pure, no I/O.

A union keeps the smaller root, so a set's root is its smallest key whatever order the unions
came in: groups then number themselves the same way on every run.
"""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K", int, str)  # the keys in use: article indexes and party keys


class UnionFind(Generic[K]):
    def __init__(self) -> None:
        self.parent: dict[K, K] = {}

    def add(self, key: K) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: K) -> K:
        """The root of ``key``'s set (a key not seen before is a set of its own)."""
        self.add(key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
