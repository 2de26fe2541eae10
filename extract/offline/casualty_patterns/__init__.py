"""Find casualty claims in one sentence of English news copy, with regular patterns only.

Each pattern family answers "who was killed / wounded / captured / missing, and how many"; one
module a kind of phrasing:
- ``passive``: subject + participle ("seven fighters were killed and 12 wounded", "17 dead",
  "N people died");
- ``active``: verb + object ("killed 50 Russians and 10 soldiers", "killing or arresting at least
  15 fighters", "lost three of its own fighters", "the deaths of 10 rebels", "took 30 hostages");
- ``tallies``: a death toll ("the death toll rose to 41"), a tally noun ("resulted in 5
  fatalities"), losses with a named sufferer ("the army suffered heavy losses", "casualties among
  X"), no survivors ("none of those on board survived"), bodies ("videos of numerous corpses of
  soldiers"), people on board a craft that vanished ("carrying 239 passengers, disappeared");
- ``groups``: a part of a group with a known fate ("X was among the casualties", "Four of the dead
  were police officers"), and a part named after "including" ("killed 12 people, including three
  children"), which takes the outcome of the claim before it.
A figure counts only when it is attached to people (a people noun, a demonym or a pronoun), so
"killed two birds", "five targets were dealt with", dates and years never make a claim.
The vocabulary and the phrase helpers live in ``extract.text.casualty_words``. Pure functions over a
sentence string; offsets are relative to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extract.offline.casualty_patterns import active, groups, passive, tallies
from extract.offline.casualty_patterns.active import active_claims, hostage_claims
from extract.offline.casualty_patterns.groups import among_claims, including_claims, part_of_claims
from extract.offline.casualty_patterns.passive import passive_claims
from extract.offline.casualty_patterns.raw_claim import RawClaim
from extract.offline.casualty_patterns.tallies import (
    aboard_missing_claims,
    body_claims,
    death_toll_claims,
    loss_claims,
    survivor_claims,
    tally_claims,
)
from extract.text.casualty_words import HEDGE
from extract.text.numbers import find_count_phrases

__all__ = ["RawClaim", "find_claims"]

# Each family is ``family(sentence, counts, active_spans)`` and yields RawClaims. In this order:
# the active family records the spans it reads, so that the passive family does not read "killed"
# in "Raiders killed 50 herders" again as a participle; an earlier claim wins an overlap in
# ``_dedupe``.
_FAMILIES = (
    active_claims, death_toll_claims, passive_claims, body_claims, survivor_claims, among_claims,
    loss_claims, aboard_missing_claims, hostage_claims, tally_claims, part_of_claims,
)

# Every family yields a claim only where one of its trigger words begins a word (each module
# declares its own), and "including" only after another claim: a sentence with none of them holds
# no claim, and is passed over before the figure search and the families. The words are searched
# for in the lower-cased sentence without IGNORECASE, several times faster; a sentence with one of
# the four letters that IGNORECASE matches to an ASCII letter lower() does not turn into
# ("İ", "ı", "ſ", "K") is searched as it is.
_TRIGGER_WORDS = r"\b(?:" + "|".join(m.TRIGGER_WORDS for m in (active, passive, tallies, groups)) + ")"
_ANY_TRIGGER_LOWER = re.compile(_TRIGGER_WORDS)
_ANY_TRIGGER = re.compile(_TRIGGER_WORDS, re.I)
_CASE_ODD_LETTER = re.compile("[\u0130\u0131\u017f\u212a]")


def may_hold_claim(sentence: str) -> bool:
    """False when no family can find a claim in ``sentence``: none of their trigger words is in it."""
    if _CASE_ODD_LETTER.search(sentence):
        return bool(_ANY_TRIGGER.search(sentence))
    return bool(_ANY_TRIGGER_LOWER.search(sentence.lower()))


class _LazyCounts(Sequence):
    """The figures of a sentence (``find_count_phrases``), found the first time a family reads
    them: most families look only after their trigger matched, and the search is the costliest step."""

    def __init__(self, sentence: str):
        self._sentence = sentence
        self._counts: list | None = None

    def _found(self) -> list:
        if self._counts is None:
            self._counts = find_count_phrases(self._sentence)
        return self._counts

    def __getitem__(self, index):
        return self._found()[index]

    def __len__(self) -> int:
        return len(self._found())

    def __iter__(self):
        return iter(self._found())


def find_claims(sentence: str) -> list[RawClaim]:
    """Every casualty claim the patterns find in ``sentence``, de-duplicated."""
    if not may_hold_claim(sentence):
        return []
    counts = _LazyCounts(sentence)
    found: list[RawClaim] = []
    active_spans: list[tuple[int, int]] = []
    for family in _FAMILIES:
        found.extend(family(sentence, counts, active_spans))
    if not found:
        return []  # "including" names a part of a claim found before it
    hedged = bool(HEDGE.search(sentence))
    found = [replace(claim, hedged=hedged) for claim in found]
    found.extend(including_claims(sentence, counts, found))
    return _dedupe(found)


def _dedupe(claims: list[RawClaim]) -> list[RawClaim]:
    """Drop a claim whose span overlaps an earlier one with the same (or a covering) outcome:
    two families may read the same words."""
    kept: list[RawClaim] = []
    for claim in claims:
        clash = any(
            k.start < claim.end and claim.start < k.end and (k.outcome == claim.outcome or k.outcome.parts() >= claim.outcome.parts())
            for k in kept
        )
        if not clash:
            kept.append(claim)
    return kept
