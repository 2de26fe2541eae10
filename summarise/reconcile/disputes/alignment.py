"""The sentences of a folder indexed by content word, so that a finder gets a sentence's
counterparts without comparing it with every other sentence.

* ``aligned``: the sentences of other articles whose content-word Jaccard with a sentence reaches a
  threshold, by prefix filtering: with the words of every sentence ordered rarest first, two sets
  with Jaccard >= t share a word among the first ``len - ceil(t * len) + 1`` of each, so only
  those prefixes are indexed, and the postings of rare words are short. Each candidate is then
  checked with the exact Jaccard.
* ``best_counterpart``: the sentence sharing most content words with a set of words, through the
  postings of those words.

Both answer in document order (articles in order, sentences in order), as a scan would.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

from extract.text.sentences import Sentence
from summarise.reconcile.sources import _content_words

# floating point may put t * len a hair above an integer: a prefix one word too long only adds candidates
_EPSILON = 1e-9


class SentenceIndex:
    """``sentences`` (in document order) with their content words and the postings of each word.
    Sentences with the same content words (copies of one dispatch) share one entry in the prefix
    index, so a candidate set of words is checked once however many sentences hold it."""

    def __init__(self, sentences: list[Sentence]):
        self.sentences = sentences
        self.words = [_content_words(s.text) for s in sentences]
        self._postings: dict[str, list[int]] = {}
        for number, words in enumerate(self.words):
            for word in words:
                self._postings.setdefault(word, []).append(number)
        # rarest first, ties by the word itself: one order for every prefix
        ranked = sorted(self._postings, key=lambda w: (len(self._postings[w]), w))
        self._rank = {word: rank for rank, word in enumerate(ranked)}
        self._holders: dict[frozenset[str], list[int]] = {}
        for number, words in enumerate(self.words):
            self._holders.setdefault(words, []).append(number)
        self._prefix_postings: dict[float, dict[str, list[frozenset[str]]]] = {}

    def aligned(self, number: int, threshold: float) -> list[int]:
        """The sentences of other articles whose content-word Jaccard with sentence ``number`` is
        at least ``threshold`` (> 0), in document order."""
        postings = self._prefix_index(threshold)
        own, article = self.words[number], self.sentences[number].article
        candidates = {other for word in self._prefix(own, threshold) for other in postings.get(word, ())}
        found = []
        for words in candidates:
            common = len(own & words)
            if common and common / (len(own) + len(words) - common) >= threshold:
                found += [other for other in self._holders[words] if self.sentences[other].article != article]
        return sorted(found)

    def best_counterpart(self, words: frozenset[str], least: int, allowed: Callable[[int], bool]) -> int | None:
        """The first sentence (in document order) among those ``allowed`` that shares the most of
        ``words``, at least ``least`` of them; None when none shares that many."""
        shared = Counter(other for word in words for other in self._postings.get(word, ()))
        best, best_shared = None, least - 1
        for other in sorted(n for n, count in shared.items() if count > best_shared):
            if shared[other] > best_shared and allowed(other):
                best, best_shared = other, shared[other]
        return best

    def _prefix(self, words: frozenset[str], threshold: float) -> list[str]:
        """The rarest ``len - ceil(threshold * len) + 1`` of ``words``."""
        ordered = sorted(words, key=self._rank.__getitem__)
        keep = len(ordered) - max(1, math.ceil(threshold * len(ordered) - _EPSILON)) + 1
        return ordered[:keep]

    def _prefix_index(self, threshold: float) -> dict[str, list[frozenset[str]]]:
        if threshold not in self._prefix_postings:
            postings: dict[str, list[frozenset[str]]] = {}
            for words in self._holders:
                for word in self._prefix(words, threshold):
                    postings.setdefault(word, []).append(words)
            self._prefix_postings[threshold] = postings
        return self._prefix_postings[threshold]
