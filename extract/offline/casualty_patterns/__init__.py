"""Find casualty claims in one sentence of English news copy, with regular patterns only.

Each pattern family answers "who was killed / wounded / captured / missing, and how many"; one
module a kind of phrasing:
- ``passive``: subject + participle ("seven fighters were killed and 12 wounded", "17 dead",
  "N people died", "88 on board feared dead", a headline's "Pupils killed at school");
- ``active``: verb + object ("killed 50 Russians and 10 soldiers", "killing or arresting at least
  15 fighters", "lost three of its own fighters", "the deaths of 10 rebels", "took 30 hostages");
- ``tallies``: a death toll ("the death toll rose to 41", "the number of miners killed has risen
  to 17", "was more than double the 1,200"), a tally noun ("resulted in 5 fatalities"), losses
  with a named sufferer ("the army suffered heavy losses", "casualties among X"), no survivors
  ("none of those on board survived"), bodies ("videos of numerous corpses of soldiers"), people on board a craft that vanished ("carrying 239 passengers, disappeared");
- ``groups``: a part of a group with a known fate ("X was among the casualties", "Four of the dead
  were police officers"), a part named after "including" ("killed 12 people, including three
  children"), which takes the outcome of the claim before it, and the figures of a list that
  leaves the verb out ("40 died in Karsk, 12 in Tull and one in Vemar"), which take the first's,
  and a figure set beside a claim ("up from an earlier estimate of 60", "far fewer than the 38
  reported by X"), which counts its victims; one person and their kin are counted together
  ("a woman and her two daughters": 3), a couple as two.
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
from extract.offline.casualty_patterns.active import (
    active_claims,
    blew_up_claims,
    hostage_claims,
    injuries_claims,
    left_claims,
)
from extract.offline.casualty_patterns.groups import (
    accounted_claims,
    among_claims,
    compared_claims,
    each_claims,
    gapped_claims,
    included_parts,
    including_claims,
    part_of_claims,
    victim_count_claims,
)
from extract.offline.casualty_patterns.passive import passive_claims
from extract.offline.casualty_patterns.raw_claim import RawClaim
from extract.offline.casualty_patterns.tallies import (
    aboard_missing_claims,
    body_claims,
    death_toll_claims,
    loss_claims,
    nationals_aboard_claims,
    survivor_claims,
    tally_claims,
)
from extract.text.casualty_words import HEDGE
from extract.text.numbers import find_count_phrases
from schemas import Outcome

__all__ = ["RawClaim", "find_claims"]

# Each family is ``family(sentence, counts, active_spans)`` and yields RawClaims. In this order:
# the active family records the spans it reads, so that the passive family does not read "killed"
# in "Raiders killed 50 herders" again as a participle; an earlier claim wins an overlap in
# ``_dedupe``.
_FAMILIES = (
    active_claims, death_toll_claims, passive_claims, body_claims, survivor_claims, among_claims,
    loss_claims, aboard_missing_claims, hostage_claims, tally_claims, part_of_claims, left_claims,
    victim_count_claims, blew_up_claims, injuries_claims,
)

# Every family yields a claim only where one of its trigger words begins a word (each module
# declares its families' words), and "including" only after another claim: a family whose words
# are not in the sentence is not run, and a sentence with none of them is passed over before the
# figure search. The words are searched for in the lower-cased sentence without IGNORECASE,
# several times faster; a sentence with one of the four letters that IGNORECASE matches to an
# ASCII letter lower() does not turn into ("\u0130", "\u0131", "\u017f", "\u212a") is searched
# as it is, with IGNORECASE.
_TRIGGER_WORDS = {**active.TRIGGER_WORDS, **passive.TRIGGER_WORDS, **tallies.TRIGGER_WORDS, **groups.TRIGGER_WORDS}
assert set(_TRIGGER_WORDS) == set(_FAMILIES), "every family declares its trigger words"
_LOWER = {family: re.compile(rf"\b(?:{words})") for family, words in _TRIGGER_WORDS.items()}
_ANY_CASE = {family: re.compile(rf"\b(?:{words})", re.I) for family, words in _TRIGGER_WORDS.items()}
# Every place where some trigger word begins (a zero-width match, so no word hides inside another's
# match): the families are then told apart by matching at those few places only.
_ANY_LOWER = re.compile(r"\b(?=" + "|".join(_TRIGGER_WORDS.values()) + ")")
_ANY_ANY_CASE = re.compile(r"\b(?=" + "|".join(_TRIGGER_WORDS.values()) + ")", re.I)
_CASE_ODD_LETTER = re.compile("[\u0130\u0131\u017f\u212a]")


def _families_to_run(sentence: str) -> list:
    """The families whose trigger words are in ``sentence``, in their order (none: no claim)."""
    if _CASE_ODD_LETTER.search(sentence):
        text, any_trigger, triggers = sentence, _ANY_ANY_CASE, _ANY_CASE
    else:
        text, any_trigger, triggers = sentence.lower(), _ANY_LOWER, _LOWER
    starts = [m.start() for m in any_trigger.finditer(text)]
    if not starts:
        return []
    return [family for family in _FAMILIES if any(triggers[family].match(text, at) for at in starts)]


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


def find_claims(sentence: str, aboard_died: bool = False, after: Outcome | None = None) -> list[RawClaim]:
    """Every casualty claim the patterns find in ``sentence``, de-duplicated. ``aboard_died``: the
    article says everyone on board died, so nationals counted on board are among the dead.
    ``after``: the outcome of the previous sentence's claim, which a breakdown continues
    ("Karsk accounted for 73, Tull for 45")."""
    families = _families_to_run(sentence)
    distributive = bool(_EACH.search(sentence))
    aboard = aboard_died and bool(_ABOARD.search(sentence))
    accounted = bool(_ACCOUNTED_FOR.search(sentence))
    they_include = _THEY_INCLUDE.match(sentence) if after is not None else None
    if not families and not distributive and not aboard and not accounted and not they_include:
        return []
    counts = _LazyCounts(sentence)
    found: list[RawClaim] = []
    active_spans: list[tuple[int, int]] = []
    for family in families:
        found.extend(family(sentence, counts, active_spans))
    if aboard:
        found = _dedupe([*found, *nationals_aboard_claims(sentence, counts)])
    if accounted:
        found = _dedupe([*accounted_claims(sentence, counts, after), *found])
    if they_include:
        found = _dedupe([*found, *included_parts(sentence, counts, they_include.end(), after)])
    if not found:
        # "including" names a part of a claim found before it
        return _distribute(sentence, counts, []) if distributive else []
    hedged = bool(HEDGE.search(sentence))
    found = [replace(claim, hedged=hedged) for claim in found]
    found.extend(including_claims(sentence, counts, found))
    found.extend(gapped_claims(sentence, counts, found))
    compared = list(compared_claims(sentence, counts, found))
    if compared:  # "up from an earlier estimate of 60" read alone has no victims: these name them
        found = [c for c in found if not any(k.start < c.end and c.start < k.end for k in compared)] + compared
    return _distribute(sentence, counts, _dedupe(found))


_EACH = re.compile(r"\beach\s", re.I)
_ACCOUNTED_FOR = re.compile(r"\baccounted\s+for\s", re.I)
# The parts of the previous sentence's victims: "They include a teacher and a nurse", "Among them was Ivo Lent".
_THEY_INCLUDE = re.compile(r"(?:they|those\s+\w+)\s+(?:also\s+)?(?:include|included)\s+|among\s+them\s+(?:was|were|is|are)\s+", re.I)
_ABOARD = re.compile(r"\b(?:on\s*board|aboard|on\s+(?:the|that)\s+\w+)", re.I)


def _distribute(sentence: str, counts, found: list[RawClaim]) -> list[RawClaim]:
    """A figure given to each item of a list ("two victims each from A, B and C") is a claim per
    item: those claims replace any claim another family read on the same figure."""
    if not _EACH.search(sentence):
        return found
    each = list(each_claims(sentence, counts))
    if not each:
        return found
    figures = {figure for figure, _ in each}
    kept = [c for c in found if not any(c.start < end and start < c.end for start, end in figures)]
    return kept + [claim for _, claim in each]


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
