"""A claim as one pattern family finds it, and the readings every family shares: the figure that
begins at a position, a single person named as one ("the driver"), and a negation just before a verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.text.casualty_words import NEGATED, PEOPLE_NOUNS
from schemas import Count, Outcome


@dataclass(frozen=True)
class RawClaim:
    """A claim found in a sentence, before claimant and evidence are attached."""

    outcome: Outcome
    victims: str
    count: Count
    start: int  # the figure (or trigger) within the sentence, for de-duplication
    end: int
    hedged: bool


def count_at(counts, start: int):
    """The figure that begins at ``start`` (an opening quote and a space allowed before it), or None."""
    for c_start, c_end, count in counts:
        if start <= c_start <= start + 2:
            return c_start, c_end, count
    return None


def negated_before(sentence: str, position: int) -> bool:
    """True when a negation stands just before ``position`` ("never killed", "rarely reports")."""
    return bool(NEGATED.search(sentence[max(0, position - 40) : position]))


_SINGLE_PERSON_WORDS = re.compile(r"(?:a|an|the)\s+((?:[\w-]+\b[ \t]*){1,4})", re.I)
# Singular-looking nouns that name a group ("killed the police" is no figure of one).
_COLLECTIVE = frozenset("police staff crew personnel family youth them others militia".split())


def single_person_at(sentence: str, position: int):
    """'killed a policeman', 'killed the driver', 'a former police officer': one person, as a
    figure (start, end, Count); the first people noun within three words is the head."""
    match = _SINGLE_PERSON_WORDS.match(sentence, position)
    if match is None:
        return None
    for word in re.finditer(r"[\w-]+", match.group(1)):
        noun = word.group(0).lower()
        if noun in ("and", "or", "of", "in", "at", "on", "with", "who", "which", "that"):
            return None
        if noun in PEOPLE_NOUNS and not noun.endswith("s") and noun not in _COLLECTIVE:
            head = match.start(1) + word.start()
            text = sentence[match.start(): head].strip()
            return match.start(), match.start() + len(text), Count(min=1, max=1, text=text)
    return None
