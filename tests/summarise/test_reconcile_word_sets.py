"""The prefix-filter index finds exactly the sets a comparison with every set would."""

from __future__ import annotations

import random

from summarise.reconcile.word_sets import WordSetIndex


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b)


def test_similar_sets_are_those_a_full_comparison_finds():
    rng = random.Random(7)
    words = [f"w{n}" for n in range(40)]
    sets = [frozenset(rng.sample(words, rng.randint(1, 12))) for _ in range(300)]
    sets += sets[:20]  # copies share one entry
    index = WordSetIndex(sets)
    for threshold in (0.2, 0.3, 0.5, 1.0):
        for words_of in sets[:60]:
            expected = {other for other in sets if _jaccard(words_of, other) >= threshold}
            found = index.similar(words_of, threshold)
            assert len(found) == len(set(found))
            assert set(found) == expected


def test_holders_number_every_copy_and_unknown_words_bring_no_candidates():
    index = WordSetIndex([frozenset({"army", "rebels"}), frozenset({"flood"}), frozenset({"army", "rebels"})])
    assert index.holders[frozenset({"army", "rebels"})] == [0, 2]
    assert index.similar(frozenset({"army", "rebels", "unseen"}), 0.5) == [frozenset({"army", "rebels"})]
    assert index.similar(frozenset({"unseen"}), 0.1) == []
