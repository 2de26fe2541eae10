"""Verb + object: "killed 50 Russians and 10 soldiers", "killing or arresting at least 15 fighters",
"lost three of its own fighters", "the deaths of 10 rebels", "claimed the lives of four guards",
"killing himself and 12 others", and hostage-taking ("took 30 hostages", "released 14 captives").
"""

from __future__ import annotations

import re

from extract.offline.casualty_patterns.raw_claim import RawClaim, count_at, negated_before, single_person_at
from extract.text.casualty_words import clean_np, combine, head_mentions_people, object_np
from schemas import Count, Outcome

_ACTIVE_VERB = r"neutrali[sz](?:ed|ing|es)|kill(?:ed|ing|s)?|wound(?:ed|ing|s)?|injur(?:ed|ing|es)|captur(?:ed|ing|es)|arrest(?:ed|ing|s)?|abduct(?:ed|ing|s)?|kidnapp(?:ed|ing)|detain(?:ed|ing|s)?|execut(?:ed|ing|es)|massacr(?:ed|ing|es)|murder(?:ed|ing|s)?|lost|los(?:ing|es)|loss\s+of|deaths?\s+of|seiz(?:ed|ing)|(?:claim|tak|cost)(?:ed|ing|es|s)?\s+the\s+lives\s+of|took\s+the\s+lives\s+of"
_ACTIVE_RE = re.compile(
    rf"\b(?P<first>{_ACTIVE_VERB})(?:\s+(?:and|or)\s+(?P<second>{_ACTIVE_VERB}))?[\"\u201d\u2019]?\s+(?=\S)", re.I
)

_EVERYONE = re.compile(r"(everyone|everybody)(?:\s+else)?(?:\s+(?:aboard|on\s+board|onboard))?", re.I)


def active_claims(sentence, counts, active_spans):
    """'killed 50 Russians and 10 soldiers', 'killing or arresting at least 15 fighters', 'killed
    everyone on board'."""
    for verb in _ACTIVE_RE.finditer(sentence):
        if negated_before(sentence, verb.start()):
            continue
        outcome = combine(verb.group("first"), verb.group("second"))
        everyone = _EVERYONE.match(sentence, verb.end())
        if everyone and outcome is Outcome.killed:
            text = everyone.group(0)
            yield RawClaim(outcome, text, Count(text=text, vague=True), everyone.start(), everyone.end(), False)
            active_spans.append((verb.start(), everyone.end()))
        else:
            yield from _object_claims(sentence, counts, verb, outcome, active_spans)


def _object_claims(sentence, counts, verb, outcome, active_spans):
    """One claim per figure of the verb's object, the figures joined by "and"."""
    verb_word = verb.group("first").lower()
    position = verb.end()
    while figure := count_at(counts, position) or single_person_at(sentence, position) or _reflexive_at(sentence, position):
        c_start, c_end, count = figure
        np, np_end = object_np(sentence, c_end)
        if count.text.lower() in ("himself", "herself"):
            np = count.text
        elif not _object_names_victims(verb_word, np):
            return
        yield RawClaim(outcome, clean_np(np) or "people", count, c_start, c_end, False)
        active_spans.append((verb.start(), np_end))
        # "killing himself, 22 others and ...": after the doer himself a comma may join the next figure
        joiner = r"\s*,\s*(?:and\s+)?|\s+and\s+" if np == count.text else r"\s+and\s+"
        more = re.match(joiner, sentence[np_end:])
        if not more:
            return
        position = np_end + more.end()


_REFLEXIVE = re.compile(r"(?:him|her)self\b", re.I)


def _reflexive_at(sentence: str, position: int):
    """'killing himself': the doer, one person, as a figure (start, end, Count)."""
    match = _REFLEXIVE.match(sentence, position)
    return (match.start(), match.end(), Count(min=1, max=1, text=match.group(0))) if match else None


def _object_names_victims(verb_word: str, np: str) -> bool:
    """True when the noun phrase after a figure makes it a count of victims of ``verb_word``
    ("more" after a figure is more of the people just named: "injuring more than 1,000 more")."""
    if np.strip().lower() in ("more", "others", "more people"):
        return True
    if not np.strip():
        return not verb_word.startswith(("los", "death"))  # "killed 12." names people; "lost 12." need not
    if not head_mentions_people(np):
        return False  # "killed two birds", "the loss of several districts"
    return not (verb_word.startswith("los") and re.search(r"\sto\s", np))  # "lost 40 employees to rivals"


# Releasing captives says they were held: "released 14 captives" is a figure of people captured.
_HOSTAGE_TAKING = re.compile(
    r"\b(?:took|take|takes|taking|taken|seized|seizing|holding|held|captured|capturing|"
    r"released|releasing|freed|freeing|swapped|exchanged)\s+(?=\S)",
    re.I,
)
_CAPTIVES = re.compile(r"\s*(?:of\s+)?(?:[\w-]+\s+){0,2}?(?:hostages?|prisoners?|captives?)\b", re.I)


def hostage_claims(sentence, counts, active_spans):
    """'took 30 hostages', 'holding dozens of prisoners': people taken captive."""
    for verb in _HOSTAGE_TAKING.finditer(sentence):
        figure = count_at(counts, verb.end()) or single_person_at(sentence, verb.end())
        if figure is None:
            continue
        c_start, c_end, count = figure
        np, _ = object_np(sentence, c_end)
        if _CAPTIVES.match(np):
            yield RawClaim(Outcome.captured, clean_np(np), count, c_start, c_end, False)


# "The blast killed 22 and left another 116 needing treatment": those left in need of care are wounded.
_LEFT = re.compile(r"\bleft\s+(?:(?:another|a\s+further)\s+)?(?=\S)", re.I)
_NEEDING_CARE = re.compile(
    r"\s*(?:needing|requiring|in\s+need\s+of|with)\s+(?:[\w-]+\s+){0,2}?(?:treatment|care|injuries|wounds|burns)\b", re.I
)


def left_claims(sentence, counts, active_spans):
    """'left another 116 needing treatment', 'left 30 people with serious injuries': wounded."""
    if not _NEEDING_CARE.search(sentence):
        return  # the figures need not be read
    for verb in _LEFT.finditer(sentence):
        figure = count_at(counts, verb.end())
        if figure is None:
            continue
        c_start, c_end, count = figure
        np = re.match(r"\s*(?:[\w-]+\s+)?(?:[\w-]+)(?=\s+(?:needing|requiring|in\s+need|with)\b)", sentence[c_end:])
        np_end = c_end + np.end() if np and head_mentions_people(np.group(0)) else c_end
        if _NEEDING_CARE.match(sentence, np_end):
            victims = clean_np(sentence[c_end:np_end]) or "people"
            yield RawClaim(Outcome.wounded, victims, count, c_start, c_end, False)


# A bomber who "blew himself up" died by his own bomb.
_BLEW_UP = re.compile(r"\b(?:blew|blown|blowing|blows|blow)\s+(?P<who>himself|herself|themselves)\s+up\b", re.I)


def blew_up_claims(sentence, counts, active_spans):
    """'X blew himself up': X was killed (one person; "themselves": a vague number)."""
    for match in _BLEW_UP.finditer(sentence):
        who = match.group("who")
        count = Count(text=who, vague=True) if who.lower() == "themselves" else Count(min=1, max=1, text=who)
        yield RawClaim(Outcome.killed, who, count, match.start("who"), match.end("who"), False)


# Injuries someone has: "some people have life-threatening injuries", "12 suffered serious burns".
_HAS_INJURIES = re.compile(
    r"\s+(?:have|has|had|suffered|sustained|received)\s+(?:[\w\"'\u201c\u201d-]+\s+){0,3}?(?:injuries|wounds|burns)\b", re.I
)


def injuries_claims(sentence, counts, active_spans):
    """'some people have life-threatening injuries', '12 children suffered serious burns': wounded."""
    if not _HAS_INJURIES.search(sentence):
        return  # the figures need not be read
    for c_start, c_end, count in counts:
        np = re.match(r"(?:\s+[\w-]+){0,3}?(?=\s+(?:have|has|had|suffered|sustained|received)\b)", sentence[c_end:])
        if np is None or count.vague:  # "some have injuries" names no figure
            continue
        if np.group(0).strip() and not head_mentions_people(np.group(0)):
            continue
        if _HAS_INJURIES.match(sentence, c_end + np.end()) and not negated_before(sentence, c_start):
            yield RawClaim(Outcome.wounded, clean_np(np.group(0)) or "people", count, c_start, c_end, False)


# A family's claim stands on one of its words (at the start of a word): no word, no claim.
TRIGGER_WORDS = {
    active_claims: _ACTIVE_VERB,
    hostage_claims: r"hostage|prisoner|captive",
    left_claims: r"left",
    blew_up_claims: r"blew|blown|blow",
    injuries_claims: r"injuries|wounds|burns",
}
