"""Which sentences of an article may state a casualty figure: the ones the LLM extractor asks about.

A small model follows "for each numbered sentence, fill these fields" far better than "find every
figure in this article" (measured on Qwen2.5-Coder-1.5B: the whole-article request answered empty
lists). Code therefore picks the sentences: a figure (digits, number words, "dozens") and a word
of casualty reporting in the same sentence. Recall matters more than precision here: the model
is asked about every candidate and may answer nothing for it; a sentence left out is a claim lost.
Pure functions over strings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.text.casualty_words import CAPTURED, KILLED, MISSING, WOUNDED
from extract.text.numbers import find_count_phrases
from extract.text.sentences import Sentence

# Nouns and verbs of casualty reporting beyond the outcome participles: a toll, bodies, victims,
# lives lost, people trapped or rescued, the verbs of "killing at least 12".
_REPORTING_WORDS = (
    r"toll|deaths?|dead|bod(?:y|ies)|victims?|casualt(?:y|ies)|fatalit(?:y|ies)|lives|"
    r"kill(?:s|ing|ed)?|die[ds]?|dying|injur(?:e|es|ing|ies|y)|wound(?:s|ing)?|trapped|survivors?|"
    r"rescued|evacuated|displaced|homeless|hostages?|prisoners?|abduct(?:ed|ing)|"
    r"unaccounted|remains|aboard|on\s*board"
)
_CASUALTY_WORD = re.compile(rf"\b(?:{KILLED}|{WOUNDED}|{CAPTURED}|{MISSING}|{_REPORTING_WORDS})\b", re.I)


def is_candidate(sentence: str) -> bool:
    """True when ``sentence`` holds a figure and a word of casualty reporting."""
    return bool(_CASUALTY_WORD.search(sentence)) and bool(find_count_phrases(sentence))


def candidate_sentences(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences that may state a casualty figure, in article order."""
    return [s for s in sentences if is_candidate(s.text)]


def batches(candidates: Sequence[Sentence], max_sentences: int, max_chars: int) -> list[list[Sentence]]:
    """Consecutive runs of candidates, each at most ``max_sentences`` long and about ``max_chars``
    of text (a longer single sentence is a batch of its own): one request each, so that the
    answer stays short enough for a small model to finish."""
    out: list[list[Sentence]] = []
    current: list[Sentence] = []
    size = 0
    for sentence in candidates:
        if current and (len(current) >= max_sentences or size + len(sentence.text) > max_chars):
            out.append(current)
            current, size = [], 0
        current.append(sentence)
        size += len(sentence.text)
    if current:
        out.append(current)
    return out
