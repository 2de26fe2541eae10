"""The union-find keeps the smallest key as each set's root, whatever the order of unions."""

from __future__ import annotations

from summarise.reconcile.union_find import UnionFind


def test_roots_are_the_smallest_key_of_each_set():
    sets: UnionFind[int] = UnionFind()
    sets.union(4, 3)
    sets.union(3, 1)
    sets.union(7, 8)
    assert [sets.find(k) for k in (1, 3, 4, 7, 8, 5)] == [1, 1, 1, 7, 7, 5]


def test_string_keys():
    sets: UnionFind[str] = UnionFind()
    sets.union("p:b", "p:c")
    sets.union("p:c", "p:a")
    assert sets.find("p:b") == "p:a"
    assert sets.find("o:x") == "o:x"
