"""Source independence: which articles rest on one dispatch and so count as one source.

Two articles share a source group when they credit the same wire, when their in-scope texts
are near-duplicates (Jaccard similarity of word 5-gram shingles at or above
``NEAR_DUPLICATE_JACCARD``; candidate pairs are found on a fixed quarter sample of the shingles,
so two very short texts may be missed), or when one is a *rewrite* of the other: a reworded copy
shares few 5-grams but tells the same sentences in other words, so at least
``REWRITE_ALIGNED_SHARE`` of the sentences of each must have a counterpart in the other with
content-word Jaccard at or above ``REWRITE_SENTENCE_JACCARD``. Two reports that merely quote the
same statement align on a few sentences, not on most of them. Groups are the connected
components of those links; every article is in exactly one group. Shingles and words are compared
through inverted indexes, and sentences through a prefix-filter index (``word_sets``), so the cost
grows with what articles share, not with the square of their number.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import accumulate, chain, combinations

from extract.text.sentences import split_sentences
from schemas import Article, SourceBasis, SourceGroup
from summarise.reconcile.union_find import UnionFind
from summarise.reconcile.word_sets import WordSetIndex

SHINGLE_WORDS = 5
NEAR_DUPLICATE_JACCARD = 0.4
# a shingle found in more articles than this is boilerplate, not evidence of a shared dispatch
COMMON_SHINGLE_ARTICLES = 50
SAMPLE_EVERY = 4
MIN_SAMPLED_SHARED = 2

_WORD = re.compile(r"[a-z0-9]+")

REWRITE_SENTENCE_JACCARD = 0.3
REWRITE_ALIGNED_SHARE = 0.6
# a pair is scored for rewriting only when its articles share this share of their content words
REWRITE_CANDIDATE_JACCARD = 0.2
MIN_CONTENT_WORDS = 4
_STOPWORDS = frozenset(
    """the a an and or of to in on at for with by from that this is was were had has have be been it its
    their his her as said says after but over into than more about which who while also not no""".split()
)


def normalise_wire(wire: str | None) -> str | None:
    if not wire or not wire.strip():
        return None
    return re.sub(r"[^a-z0-9]+", " ", wire.lower()).strip() or None


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """Word ``size``-grams as stable integers (crc32: the same in every process)."""
    words = _WORD.findall(text.lower())
    # the words are ASCII, so the bytes of a gram are a slice of the joined text's bytes
    joined = " ".join(words).encode()
    starts = list(accumulate((len(word) + 1 for word in words), initial=0))
    return {zlib.crc32(joined[starts[i] : starts[i + size] - 1]) for i in range(max(0, len(words) - size + 1))}


def shared_item_counts(item_sets: list[set] | list[frozenset]) -> Counter:
    """For every pair of indexes (i < j) whose sets share items, how many they share; items held by
    more than ``COMMON_SHINGLE_ARTICLES`` sets are boilerplate and not counted. Goes through an
    inverted index, so the cost grows with what the sets share, not with the number of pairs."""
    index: dict = {}
    for i, items in enumerate(item_sets):
        for item in items:
            index.setdefault(item, []).append(i)
    shared: Counter = Counter()
    for holders in index.values():
        if 1 < len(holders) <= COMMON_SHINGLE_ARTICLES:
            shared.update(combinations(holders, 2))  # holders are in index order, so i < j
    return shared


# a predicate on a pair of article indexes: true when the caller already has the two joined
Joined = Callable[[int, int], bool]


def near_duplicate_pairs(
    articles: list[Article], threshold: float = NEAR_DUPLICATE_JACCARD, skip: Joined | None = None
) -> Iterator[tuple[int, int, float]]:
    """Pairs of article indexes whose in-scope texts are near-duplicates, with their Jaccard score,
    in order of the pair. Lazy: ``skip`` is asked just before a pair is scored, so a caller that
    joins each pair as it comes can pass over the pairs it already has joined."""
    return _near_duplicate_pairs([a.scope_text() for a in articles], threshold, skip)


def _near_duplicate_pairs(texts: list[str], threshold: float, skip: Joined | None) -> Iterator[tuple[int, int, float]]:
    sets = [shingles(text) for text in texts]
    # candidates come from a fixed sample of the shingles (hash mod SAMPLE_EVERY), which keeps the
    # Jaccard estimate and cuts the pair counting; each candidate is then scored on every shingle
    shared = shared_item_counts([{s for s in shingle_set if s % SAMPLE_EVERY == 0} for shingle_set in sets])
    # most pairs share one sampled shingle by chance: drop them before sorting (the test is the
    # pair's own, so the pairs left come in the same order)
    for i, j in sorted(pair for pair, sampled in shared.items() if sampled >= MIN_SAMPLED_SHARED):
        if skip is not None and skip(i, j):
            continue
        common = len(sets[i] & sets[j])
        union = len(sets[i]) + len(sets[j]) - common
        score = common / union if union else 0.0
        if score >= threshold:
            yield i, j, score


def _content_words(text: str) -> frozenset[str]:
    words = set(_WORD.findall(text.lower()))  # each distinct word tested once: a text repeats many
    words -= _STOPWORDS
    return frozenset(w for w in words if len(w) > 2)


def rewrite_pairs(articles: list[Article], skip: Joined | None = None) -> Iterator[tuple[int, int, float]]:
    """Pairs of article indexes where each tells most of the other's sentences in other words, in
    order of the pair; lazy, with ``skip`` as in ``near_duplicate_pairs``.

    The share of a pair is found without comparing every sentence of one with every sentence of
    the other: the sentences of every candidate article go into one ``WordSetIndex``, which gives
    each distinct sentence the articles holding a counterpart of it (exact Jaccard, as a full
    comparison would), and a pair's share counts the sentences whose counterparts include the other."""
    return _rewrite_pairs([a.scope_text() for a in articles], skip)


def _rewrite_pairs(texts: list[str], skip: Joined | None) -> Iterator[tuple[int, int, float]]:
    vocab = [_content_words(t) for t in texts]
    candidates = []
    similar = []  # the pairs' own test first, then sorting what is left: the same pairs in the same order
    for (i, j), common in shared_item_counts(vocab).items():
        union = len(vocab[i]) + len(vocab[j]) - common
        if union and common / union >= REWRITE_CANDIDATE_JACCARD:
            similar.append((i, j))
    for i, j in sorted(similar):
        if not (skip is not None and skip(i, j)):
            candidates.append((i, j))
    sentences: dict[int, list[frozenset[str]]] = {}
    for i in sorted({i for pair in candidates for i in pair}):
        found = (_content_words(s.text) for s in split_sentences(texts[i]))
        sentences[i] = [w for w in found if len(w) >= MIN_CONTENT_WORDS]
    owners = [i for i, words in sentences.items() for _ in words]
    index = WordSetIndex([words for i in sentences for words in sentences[i]])
    # for each distinct sentence, the articles holding a sentence aligned with it
    counterparts = {
        words: {owners[n] for similar in index.similar(words, REWRITE_SENTENCE_JACCARD) for n in index.holders[similar]}
        for words in index.holders
    }

    def aligned_share(i: int, j: int) -> float:
        """Share of the sentences of article ``i`` that have a counterpart in article ``j``."""
        if not sentences[i]:
            return 0.0
        return sum(1 for words in sentences[i] if j in counterparts[words]) / len(sentences[i])

    for i, j in candidates:
        if skip is not None and skip(i, j):
            continue  # joined since the candidates were listed
        score = min(aligned_share(i, j), aligned_share(j, i))
        if score >= REWRITE_ALIGNED_SHARE:
            yield i, j, score


def source_groups(articles: list[Article]) -> tuple[list[SourceGroup], dict[str, str]]:
    """Group articles by credited wire, near-duplicate text and rewrites; return the groups (``s1``,
    ``s2``... in order of their first article) and each article's group id.

    A group's ``basis`` is ``single article``, ``credited wire`` (every wire its articles credit
    is the same one) or ``near-duplicate text`` (a near-duplicate or rewrite link joined it, and
    its articles credit several wires or none)."""
    sets: UnionFind[int] = UnionFind()

    first_with_wire: dict[str, int] = {}
    for i, article in enumerate(articles):
        wire = normalise_wire(article.wire)
        if wire is not None:
            sets.union(i, first_with_wire.setdefault(wire, i))
    # a pair already joined by text links is not scored: its link would change neither the groups
    # nor which of them a text link joined (so each clique of copies costs a spanning tree of checks)
    by_text: UnionFind[int] = UnionFind()

    def joined_by_text(i: int, j: int) -> bool:
        return by_text.find(i) == by_text.find(j)

    texts = [a.scope_text() for a in articles]
    duplicate_links = []
    for link in chain(_near_duplicate_pairs(texts, NEAR_DUPLICATE_JACCARD, joined_by_text), _rewrite_pairs(texts, joined_by_text)):
        by_text.union(link[0], link[1])
        sets.union(link[0], link[1])
        duplicate_links.append(link)
    linked_by_text = {sets.find(i) for i, j, _ in duplicate_links}

    members: dict[int, list[int]] = {}
    for i in range(len(articles)):
        members.setdefault(sets.find(i), []).append(i)
    groups: list[SourceGroup] = []
    group_of: dict[str, str] = {}
    for number, (root, indexes) in enumerate(sorted(members.items(), key=lambda kv: kv[1][0]), start=1):
        group_id = f"s{number}"
        ids = [articles[i].id for i in indexes]
        wires = [articles[i].wire.strip() for i in indexes if normalise_wire(articles[i].wire)]
        if len(ids) == 1:
            basis = SourceBasis.single_article
            label = wires[0] if wires else f"independent: {ids[0]}"
        elif root in linked_by_text and len({normalise_wire(w) for w in wires}) != 1:
            basis = SourceBasis.near_duplicate_text
            label = " / ".join(dict.fromkeys(wires)) if wires else "near-duplicate text: " + ", ".join(ids)
        else:
            basis = SourceBasis.credited_wire
            label = Counter(wires).most_common(1)[0][0] if wires else ", ".join(ids)
        groups.append(SourceGroup(id=group_id, label=label, articles=ids, basis=basis))
        for article_id in ids:
            group_of[article_id] = group_id
    return groups, group_of
