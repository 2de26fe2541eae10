"""The rows of the casualty table and which of a row's claims count its victims as a whole.

A row is the claims' facts (``row_key``: victim party, subset, outcome, ``merge.role_key`` and
``place_key``, one place written several ways or misprinted by one vowel being one row). Of a row's
claims, ``counts_the_row`` keeps those that count its victims as a whole, strictly where no party
names them ("12 people"), since a false rival figure misleads an editor: for the whole event only
the words for everyone hurt (plain "people", "the dead", "quake victims", "others" where the
sentence counts no one else), never a part such as "six of the dead", "150 of the 239 passengers
were from Varnia" or "including the 17 most hurt"; for a keyed part (a place, a subset) the claims
keyed so. ``without_breakdowns`` drops, from a whole row, two figures of one claimant in one
sentence ("144 passengers and six crew"), unless the sentence says one replaced the other (``cue``:
"raised from 64 to 2,975"). Used by the casualty table's range, the conflicts and the lead.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from schemas import SummaryClaim
from summarise.reconcile.merge import count_key, role_key

LOOK_BACK = 20  # claims of one sentence compared pairwise, at most

# words that place a figure without naming the place: "in the", "neighbouring", "alone", "state of"
_PLACE_FILLER = re.compile(
    r"\b(?:in|at|from|on|inside|the|a|one|neighbou?ring|nearby|alone|itself|so|far|of|"
    r"state|province|region|district|county|department|prefecture)\b"
)


def place_key(place: str | None) -> str | None:
    """The place a figure covers as rows compare it: the name alone, without its preposition,
    "the", "alone" or an administrative word ("in the State of Brask", "Brask state" -> "brask");
    None for the whole event (and for words that name no place once those are taken out)."""
    if not place:
        return None
    folded = unicodedata.normalize("NFKD", place).encode("ascii", "ignore").decode().lower()
    words = _PLACE_FILLER.sub(" ", re.sub(r"[^a-z0-9' ]+", " ", folded)).split()
    return " ".join(words) or None


_VOWELS = frozenset("aeiouy")
MISPRINT_MIN_LETTERS = 6  # shorter names differ by one vowel too often ("Mali", "Bali")


def place_keys(claims: list[SummaryClaim]) -> dict[str, str]:
    """``place_within`` -> its row's key (``place_key``), one name misprinted by one vowel
    ("Brasko" beside "Brosko", six letters or more) taking the key its other spelling has most often."""
    counts: dict[str, int] = {}
    of_place: dict[str, str] = {}
    for claim in claims:
        key = place_key(claim.place_within)
        if key is not None:
            of_place[claim.place_within] = key
            counts[key] = counts.get(key, 0) + 1
    canonical = {key: key for key in counts}
    by_shape: dict[tuple[int, str], list[str]] = {}
    for key in counts:
        by_shape.setdefault((len(key), key[0]), []).append(key)
    for keys in by_shape.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if len(a) >= MISPRINT_MIN_LETTERS and _one_vowel_apart(a, b):
                    rare, common = sorted((a, b), key=lambda k: (counts[k], k == a))
                    canonical[rare] = canonical[common]
    return {place: canonical[key] for place, key in of_place.items()}


def _one_vowel_apart(a: str, b: str) -> bool:
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differ) == 1 and differ[0][0] in _VOWELS and differ[0][1] in _VOWELS


def row_key(claim: SummaryClaim, subset_of: dict[str, str | None], places: dict[str, str] | None = None) -> tuple:
    """The casualty-table row of a claim: (victim party, subset, outcome, role, place key);
    ``places`` (``place_keys``) folds misprinted names into one row."""
    place = (places or {}).get(claim.place_within or "") or place_key(claim.place_within)
    return (claim.victim_party, subset_of.get(claim.id), claim.outcome, role_key(claim.victim_role), place)


# the words for everyone an event hurt, as the articles name them without a side
WHOLE_EVENT_VICTIMS = frozenset({
    "people", "persons", "dead", "victims", "lives", "bodies", "miners", "passengers", "fans", "supporters",
    "residents", "workers", "spectators", "worshippers", "shoppers", "villagers", "deaths", "injured", "wounded",
})
# the event named before "victims": "quake victims", "bombing victims" are still everyone hurt
_EVENT_NOUNS = frozenset({
    "attack", "bombing", "blast", "explosion", "quake", "earthquake", "crash", "flood", "storm", "hurricane",
    "shooting", "fire", "crush", "collapse", "disaster", "tsunami", "landslide", "cyclone", "typhoon",
})
_OTHERS = frozenset({"others", "more", "other people", "more people"})
_UNRESOLVED = re.compile(r"(?:its|their|his|her)\s", re.IGNORECASE)  # "its governor": whose, we cannot tell
_HARDEST_HIT = re.compile(r"\b(?:hardest|worst)[- ]hit\b", re.IGNORECASE)  # "Brask was hardest hit with 42"
_PARTITIVE = (r"\s+(?:of\s+(?:them|whom)\b|of\s+(?:the|those|these)\s+(?:dead|victims|bodies|deceased|killed|casualties|injured|wounded)\b"
              r"|were\s+(?:children|teenagers|women|men)\b"
              # "150 of the 239 passengers were from Varnia": part of them by where they came from
              r"|of\s+(?:the|those|these)\s+[^,.;]{0,60}?\s(?:were|was)\s+(?:from|children|women|men|teenagers|nationals|citizens)\b)")
# the figure a sentence says the toll includes: "including the 17 most seriously injured", "among them 12"
_INCLUDED_BEFORE = re.compile(r"\b(?:including|among\s+(?:them|whom))\s+(?:the\s+)?$", re.IGNORECASE)
_NATION_WORDS = re.compile(r"\b(?:nationals|citizens|compatriots)\b", re.IGNORECASE)  # a nation's part, its nation lost

# a figure the sentence says came before another: "increased to 34 from 16", "up from an earlier
# estimate of 72", "the toll, then just 16"; and one it says replaced another: "rose to 361"
_CHANGE = r"\b(?:rose|risen|rising|raised|raises|increas\w*|climb\w*|jump\w*|revis\w*|lower\w*|cut|reduc\w*|fell|fallen|dropp\w*|mov\w*|put|brought|up|down)\b"
_EARLIER_BEFORE = re.compile(
    r"(?:" + _CHANGE + r"[^.;]{0,80}?\bfrom|\b(?:earlier|previous|initial|first|former|original|old)\s+(?:\w+\s+)?"
    r"(?:toll|figure|count|estimate|tally|number)\b[^.;]{0,40}?|\bthen\s+(?:just|only)?)\s*(?:of\s+)?$",
    re.IGNORECASE,
)
# a figure a later report recalls: "In December, the Times reported ...", "... had estimated in March"
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_RECALLED = re.compile(r"^\s*(?:In|Back\s+in|Last)\s+" + _MONTHS + r"\b|\b(?:said|reported|estimated|put|gave)\s+(?:\w+\s+){0,3}?in\s+" + _MONTHS + r"\b")
_LATER_BEFORE = re.compile(_CHANGE + r"[^.;]{0,80}?\bto\s+$", re.IGNORECASE)




def counts_the_row(claim: SummaryClaim, key: tuple, by_sentence: dict) -> bool:
    """Whether the claim counts the victims of its row (``key`` = party, subset, role, place key,
    outcome) as a whole: see the module docstring. ``by_sentence`` is ``claims_by_sentence``."""
    party, subset, _role, place, _outcome = key
    if subset or place:
        return party is not None or subset is not None or names_whole_event(claim, placed=True)
    if is_part(claim) or _NATION_WORDS.search(claim.victims):
        return False
    return party is not None or names_whole_event(claim) or _others_are_everyone(claim, by_sentence)


def comparable_claims(members: list[SummaryClaim], by_sentence: dict) -> list[SummaryClaim]:
    """Of one row's claims (one ``row_key``), those that count its victims as a whole
    (``counts_the_row``), less a whole row's breakdowns (``without_breakdowns``)."""
    if not members:
        return []
    first = members[0]
    key = (first.victim_party, first.victim_subset, role_key(first.victim_role), place_key(first.place_within), first.outcome)
    return without_breakdowns([c for c in members if counts_the_row(c, key, by_sentence)], key)


def claims_by_sentence(claims: list[SummaryClaim]) -> dict[tuple[str, int], list[SummaryClaim]]:
    """(article, sentence start) -> the claims one of whose mentions is that sentence."""
    index: dict[tuple[str, int], list[SummaryClaim]] = {}
    for claim in claims:
        for mention in claim.mentions:
            index.setdefault((mention.article, mention.start), []).append(claim)
    return index


def names_whole_event(claim: SummaryClaim, placed: bool = False) -> bool:
    """ "people", "the dead", "22 miners", "quake victims": everyone hurt; not "six of the dead",
    "the injured in ward 3". ``placed`` also takes victims named with their place ("people in
    Brenmoor") for a row of that place."""
    victims = claim.victims.lower()
    if placed:
        victims = re.sub(r"\s+(?:in|at)\s+.*$", "", victims)
    words = [w for w in re.findall(r"[a-z]+", victims) if w not in ("the", "more", "other", "all", "those", "these")]
    if words and words[-1] == "victims":
        words = [w for w in words[:-1] if w not in _EVENT_NOUNS] + ["victims"]
    # a placed claim's part is its place ("Brask was hardest hit with 42" is Brask's toll)
    return len(words) == 1 and words[0] in WHOLE_EVENT_VICTIMS and (placed or not is_part(claim))


def _others_are_everyone(claim: SummaryClaim, by_sentence: dict) -> bool:
    """ "killing himself and 22 others", "while 59 others were injured": "others" are everyone hurt
    when the sentence counts no one else with the same outcome but the attacker ("three soldiers
    and 12 others were killed": the 12 are a part)."""
    if " ".join(claim.victims.lower().split()) not in _OTHERS or role_key(claim.victim_role) != "people":
        return False
    for mention in claim.mentions:
        for other in by_sentence.get((mention.article, mention.start), []):
            if other.id != claim.id and other.outcome == claim.outcome and role_key(other.victim_role) != "attackers":
                return False
    return True


def is_part(claim: SummaryClaim) -> bool:
    """The figure counts part of the victims: "Fourteen of the dead", "Brask was hardest hit with
    42", "150 of the 239 passengers were from Varnia", "including the 17 most seriously injured"."""
    figure = re.escape(claim.count.text)
    for mention in claim.mentions:
        if re.search(figure + _PARTITIVE, mention.quote, re.IGNORECASE) or _HARDEST_HIT.search(mention.quote):
            return True
        at = mention.quote.lower().find(claim.count.text.lower())
        if at >= 0 and _INCLUDED_BEFORE.search(mention.quote[:at]):
            return True
    return False


def without_breakdowns(members: list[SummaryClaim], key: tuple) -> list[SummaryClaim]:
    """The row's claims less a whole row's breakdowns: two figures of one claimant in one sentence
    ("144 passengers and 5 other crew") are parts, unless the sentence says one replaced the other."""
    if key[1] or key[3]:
        return members
    by_span: dict[tuple[str, int], list[SummaryClaim]] = {}
    for claim in members:
        for mention in claim.mentions:
            by_span.setdefault((mention.article, mention.start), []).append(claim)
    parts: set[str] = set()
    for together in by_span.values():
        if len(together) < 2 or len({count_key(c.count) for c in together}) < 2:
            continue
        for i, a in enumerate(together[:LOOK_BACK]):
            for b in together[i + 1:LOOK_BACK]:
                if count_key(a.count) != count_key(b.count) and _one_voice(a, b) and not (cue(a) or cue(b)):
                    parts.update({a.id, b.id})
    return [c for c in members if c.id not in parts]


def _one_voice(a: SummaryClaim, b: SummaryClaim) -> bool:
    return same_claimant(a, b) or (not named_claimant(a) and not named_claimant(b))


def cue(claim: SummaryClaim) -> str | None:
    """'earlier' when a sentence calls the figure a former one ("from 16", "an earlier figure of
    72", "In December, the Times reported 1,052"), 'later' when it says the toll moved to it
    ("rose to 361"), else None."""
    found = None
    for mention in claim.mentions:
        told = _cue_in(claim.count.text, mention.quote)
        if told == "earlier":
            return told
        found = found or told
    return found


@lru_cache(maxsize=8192)  # pure on two strings; conflicts ask it of each claim several times
def _cue_in(figure: str, quote: str) -> str | None:
    at = quote.lower().find(figure.lower())
    if at < 0:
        return None
    before = quote[:at]
    if _EARLIER_BEFORE.search(before) or _RECALLED.search(quote):
        return "earlier"
    return "later" if _LATER_BEFORE.search(before) else None


# --- claimants -----------------------------------------------------------------------------


def named_claimant(claim: SummaryClaim) -> bool:
    """Someone the article credits: not its own unattributed voice, not "its governor"."""
    claimant = claim.claimant
    unattributed = (claimant.role or "").lower() == "unattributed" or claimant.name.lower() == "the article"
    return not unattributed and not _UNRESOLVED.match(claimant.name)


def same_claimant(a: SummaryClaim, b: SummaryClaim) -> bool:
    """One party, or one name written shorter ("the agency" for "the National ... Agency")."""
    if a.claimant_party and a.claimant_party == b.claimant_party:
        return True
    words_a, words_b = (set(re.findall(r"[a-z]+", c.claimant.name.lower())) - {"the"} for c in (a, b))
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


