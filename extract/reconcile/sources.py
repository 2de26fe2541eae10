"""Source independence: which articles rest on one dispatch and so count as one source.

Two articles share a source group when they credit the same wire, or when their in-scope texts
are near-duplicates (Jaccard similarity of word 5-gram shingles at or above
``NEAR_DUPLICATE_JACCARD``; candidate pairs are found on a fixed quarter sample of the shingles,
so two very short texts may be missed). Groups are the connected components of those links; every article is
in exactly one group. Shingles are compared through an inverted index, so the cost grows with the
shared shingles, not with the square of the number of articles.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter

from schemas import Article, SourceGroup

SHINGLE_WORDS = 5
NEAR_DUPLICATE_JACCARD = 0.4
# a shingle found in more articles than this is boilerplate, not evidence of a shared dispatch
COMMON_SHINGLE_ARTICLES = 50
SAMPLE_EVERY = 4
MIN_SAMPLED_SHARED = 2

_WORD = re.compile(r"[a-z0-9]+")


def normalise_wire(wire: str | None) -> str | None:
    if not wire or not wire.strip():
        return None
    return re.sub(r"[^a-z0-9]+", " ", wire.lower()).strip() or None


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """Word ``size``-grams as stable integers (crc32: the same in every process)."""
    words = _WORD.findall(text.lower())
    return {zlib.crc32(" ".join(words[i : i + size]).encode()) for i in range(max(0, len(words) - size + 1))}


def near_duplicate_pairs(articles: list[Article], threshold: float = NEAR_DUPLICATE_JACCARD) -> list[tuple[int, int, float]]:
    """Pairs of article indexes whose in-scope texts are near-duplicates, with their Jaccard score."""
    sets = [shingles(a.scope_text()) for a in articles]
    # candidates come from a fixed sample of the shingles (hash mod SAMPLE_EVERY), which keeps the
    # Jaccard estimate and cuts the pair counting; each candidate is then scored on every shingle
    index: dict[int, list[int]] = {}
    for i, shingle_set in enumerate(sets):
        for shingle in shingle_set:
            if shingle % SAMPLE_EVERY == 0:
                index.setdefault(shingle, []).append(i)
    shared: Counter = Counter()
    for holders in index.values():
        if 1 < len(holders) <= COMMON_SHINGLE_ARTICLES:
            for x, i in enumerate(holders):
                for j in holders[x + 1 :]:
                    shared[(i, j)] += 1
    pairs = []
    for (i, j), sampled in sorted(shared.items()):
        if sampled < MIN_SAMPLED_SHARED:
            continue
        common = len(sets[i] & sets[j])
        union = len(sets[i]) + len(sets[j]) - common
        score = common / union if union else 0.0
        if score >= threshold:
            pairs.append((i, j, score))
    return pairs


def source_groups(articles: list[Article]) -> tuple[list[SourceGroup], dict[str, str]]:
    """Group articles by credited wire and near-duplicate text; return the groups (``s1``, ``s2``...
    in order of their first article) and each article's group id."""
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    first_with_wire: dict[str, int] = {}
    for i, article in enumerate(articles):
        wire = normalise_wire(article.wire)
        if wire is not None:
            union(i, first_with_wire.setdefault(wire, i))
    duplicate_links = near_duplicate_pairs(articles)
    for i, j, _ in duplicate_links:
        union(i, j)
    linked_by_text = {find(i) for i, j, _ in duplicate_links}

    members: dict[int, list[int]] = {}
    for i in range(len(articles)):
        members.setdefault(find(i), []).append(i)
    groups: list[SourceGroup] = []
    group_of: dict[str, str] = {}
    for number, (root, indexes) in enumerate(sorted(members.items(), key=lambda kv: kv[1][0]), start=1):
        group_id = f"s{number}"
        ids = [articles[i].id for i in indexes]
        wires = [articles[i].wire.strip() for i in indexes if normalise_wire(articles[i].wire)]
        if len(ids) == 1:
            basis = "single article"
            label = wires[0] if wires else f"independent: {ids[0]}"
        elif root in linked_by_text and len({normalise_wire(w) for w in wires}) != 1:
            basis = "near-duplicate text"
            label = " / ".join(dict.fromkeys(wires)) if wires else "near-duplicate text: " + ", ".join(ids)
        else:
            basis = "credited wire"
            label = Counter(wires).most_common(1)[0][0] if wires else ", ".join(ids)
        groups.append(SourceGroup(id=group_id, label=label, articles=ids, basis=basis))
        for article_id in ids:
            group_of[article_id] = group_id
    return groups, group_of
