"""Sets of words indexed so that the sets similar to one are found without comparing it with
every other: the one index behind rewrite detection (``sources``) and sentence alignment
(``disputes.alignment``). Pure, no I/O.

``similar`` finds the sets whose Jaccard with a set reaches a threshold by prefix filtering: with
the words of every set ordered rarest first, two sets with Jaccard >= t share a word among the
first ``len - ceil(t * len) + 1`` of each (their overlap is at least ``t * len`` of either, and the
first shared word comes before the rest of the overlap in both), so only those prefixes are
indexed, and the postings of rare words are short. Each candidate is then checked with the exact
Jaccard, so the answer is the one a comparison with every set would give.
"""

from __future__ import annotations

import math

# floating point may put t * len a hair above an integer: a prefix one word too long only adds candidates
_EPSILON = 1e-9


class WordSetIndex:
    """``sets`` (numbered in their order) with the postings of each word. Equal sets (copies of one
    dispatch) share one entry in the prefix index, so a candidate is checked once however many
    items hold it; ``holders`` gives the numbers of the items that hold each distinct set."""

    def __init__(self, sets: list[frozenset[str]]):
        self.sets = sets
        self.postings: dict[str, list[int]] = {}
        for number, words in enumerate(sets):
            for word in words:
                self.postings.setdefault(word, []).append(number)
        # rarest first, ties by the word itself: one order for every prefix
        ranked = sorted(self.postings, key=lambda w: (len(self.postings[w]), w))
        self._rank = {word: rank for rank, word in enumerate(ranked)}
        self.holders: dict[frozenset[str], list[int]] = {}
        for number, words in enumerate(sets):
            self.holders.setdefault(words, []).append(number)
        self._prefix_postings: dict[float, dict[str, list[frozenset[str]]]] = {}

    def similar(self, words: frozenset[str], threshold: float) -> list[frozenset[str]]:
        """The distinct indexed sets whose Jaccard with ``words`` is at least ``threshold`` (> 0),
        in no particular order."""
        postings = self._prefix_index(threshold)
        candidates = {other for word in self._prefix(words, threshold) for other in postings.get(word, ())}
        found = []
        for other in candidates:
            common = len(words & other)
            if common and common / (len(words) + len(other) - common) >= threshold:
                found.append(other)
        return found

    def _prefix(self, words: frozenset[str], threshold: float) -> list[str]:
        """The rarest ``len - ceil(threshold * len) + 1`` of ``words`` (a word no indexed set holds
        counts as the rarest: it can bring no candidate)."""
        ordered = sorted(words, key=lambda word: self._rank.get(word, -1))
        keep = len(ordered) - max(1, math.ceil(threshold * len(ordered) - _EPSILON)) + 1
        return ordered[:keep]

    def _prefix_index(self, threshold: float) -> dict[str, list[frozenset[str]]]:
        if threshold not in self._prefix_postings:
            postings: dict[str, list[frozenset[str]]] = {}
            for words in self.holders:
                for word in self._prefix(words, threshold):
                    postings.setdefault(word, []).append(words)
            self._prefix_postings[threshold] = postings
        return self._prefix_postings[threshold]
