"""Which part of a side a casualty claim is about: the whole side, or a subset of it.

"Six Varnians on board" and "his brother Bob" are about some of the people on board, not all
of them; their figures are no rival toll for the side. A claim's *victim subset* keeps such
claims out of the side's conflicts and casualty rows. Precision over recall: only clear cues count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarise.reconcile.families import family_hits
from summarise.reconcile.names import KIN_WORDS, described_names, person_name
from summarise.reconcile.nations import is_people, nation_of

# groups for whom a nationality names a subset (for armed sides it names the side itself)
NON_COMBATANT_FAMILIES = frozenset({"civilians", "passengers", "relatives"})

_KIN = re.compile(rf"\b({KIN_WORDS})\b", re.I)
_SINGLE_LEADER = re.compile(r"\b(commander|leader|chief)\b(?!s)", re.I)
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|ag|al|el|bin|ben|de|van))+")
_PLURAL_DEMONYM = re.compile(r"\b([A-Z][a-z]+(?:ans|ese|ish|is))\b")
_FROM_PLACE = re.compile(r"\bfrom\s+([A-Z][a-z]+)\b")


@lru_cache(maxsize=4096)  # pure on two strings, and the same victims recur across many claims
def victim_subset(victims: str, family_id: str | None) -> str | None:
    """A key for the subset of a side the victims are, or None when they are the side as a whole."""
    for run in _CAPITALISED_RUN.findall(victims):
        person = person_name(run)
        if person and not family_hits(person.lower()) and not _names_a_group(run, victims):
            return "person:" + person.lower()
    kin = _KIN.search(victims)
    if kin:
        return "kin:" + victims.lower()
    leader = _SINGLE_LEADER.search(victims)
    if leader:
        return "individual:" + leader.group(1).lower()
    if family_id in NON_COMBATANT_FAMILIES:
        demonym = _PLURAL_DEMONYM.search(victims) or _FROM_PLACE.search(victims)
        if demonym:
            return "nation:" + demonym.group(1).lower()[:4]
    if family_id is None:
        # "50 Varnians" placed on no side are still one nation's people, not "people" at large
        people = [word for word in re.findall(r"[A-Z][a-z]+", victims) if is_people(word)]
        if people:
            return "nation:" + "+".join(sorted({nation_of(word) or word for word in people})).lower()
    return None


def _names_a_group(run: str, victims: str) -> bool:
    """"Varnia's Kestrel" in "fighters from Varnia's Kestrel mercenary group" is a nation and a
    group the words describe, not a person."""
    if any(nation_of(token) for token in run.split()):
        return True
    return any(name in run for hit in family_hits(victims.lower()) for name in described_names(victims, hit))
