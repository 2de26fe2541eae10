"""The sentences of a folder indexed by content word, so that a finder gets a sentence's
counterparts without comparing it with every other sentence.

* ``aligned``: the sentences of other articles whose content-word Jaccard with a sentence reaches a
  threshold, through the prefix-filter index of ``summarise.reconcile.word_sets`` (the one source
  grouping uses too); each candidate is checked with the exact Jaccard.
* ``best_counterpart``: the sentence sharing most content words with a set of words, through the
  postings of those words.

Both answer in document order (articles in order, sentences in order), as a scan would.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cached_property

from extract.text.sentences import Sentence
from summarise.reconcile.sources import _content_words
from summarise.reconcile.word_sets import WordSetIndex


class SentenceIndex:
    """``sentences`` (in document order) with their content words in a ``WordSetIndex``, built on
    the first question: a folder where no finder has a sentence to align never pays for it."""

    def __init__(self, sentences: list[Sentence]):
        self.sentences = sentences

    @cached_property
    def words(self) -> list[frozenset[str]]:
        return [_content_words(s.text) for s in self.sentences]

    @cached_property
    def _sets(self) -> WordSetIndex:
        return WordSetIndex(self.words)

    def aligned(self, number: int, threshold: float) -> list[int]:
        """The sentences of other articles whose content-word Jaccard with sentence ``number`` is
        at least ``threshold`` (> 0), in document order."""
        article = self.sentences[number].article
        found = [
            other
            for words in self._sets.similar(self.words[number], threshold)
            for other in self._sets.holders[words]
            if self.sentences[other].article != article
        ]
        return sorted(found)

    def best_counterpart(self, words: frozenset[str], least: int, allowed: Callable[[int], bool]) -> int | None:
        """The first sentence (in document order) among those ``allowed`` that shares the most of
        ``words``, at least ``least`` of them; None when none shares that many."""
        shared = Counter(other for word in words for other in self._sets.postings.get(word, ()))
        best, best_shared = None, least - 1
        for other in sorted(n for n, count in shared.items() if count > best_shared):
            if shared[other] > best_shared and allowed(other):
                best, best_shared = other, shared[other]
        return best
