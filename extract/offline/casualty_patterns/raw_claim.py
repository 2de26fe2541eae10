"""A claim as one pattern family finds it, and the readings every family shares: the figure that
begins at a position, a single person named as one ("the driver"), and a negation just before a verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.text.casualty_words import NEGATED, PAIR_NOUNS, PEOPLE_NOUNS
from extract.text.numbers import NUMBER, parse_number
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
    claimant: str | None = None  # who the sentence says gave the figure ("cited by X"), else its speaker


def count_at(counts, start: int):
    """The figure that begins at ``start`` (an opening quote and a space allowed before it), or None."""
    for c_start, c_end, count in counts:
        if start <= c_start <= start + 2:
            return c_start, c_end, count
    return None


def negated_before(sentence: str, position: int) -> bool:
    """True when a negation stands just before ``position`` ("never killed", "rarely reports")."""
    return bool(NEGATED.search(sentence[max(0, position - 40) : position]))


_POSSESSOR_OF = re.compile(r"['\u2019]s?\s+(?:[\w-]+\s+){0,2}?(?P<noun>[\w-]+)\b")
_SINGLE_PERSON_WORDS = re.compile(r"(?:a|an|the|his|her|their|its|our|my)\s+((?:[\w-]+\b[ \t]*){1,4})", re.I)
# Singular-looking nouns that name a group ("killed the police" is no figure of one).
_COLLECTIVE = frozenset("police staff crew personnel family youth them others militia".split())
_IRREGULAR_PLURALS = frozenset("people children".split())


def single_person_at(sentence: str, position: int):
    """'killed a policeman', 'killed the driver', 'killed her friend', 'a former police officer':
    one person, as a figure (start, end, Count); the first people noun within three words is the
    head. 'a young couple' is two people (the figure ends after "a", so the phrase names them)."""
    match = _SINGLE_PERSON_WORDS.match(sentence, position)
    if match is None:
        return None
    for word in re.finditer(r"[\w-]+", match.group(1)):
        noun = word.group(0).lower()
        if noun in ("and", "or", "of", "in", "at", "on", "with", "who", "which", "that"):
            return None
        possessor = _POSSESSOR_OF.match(sentence, match.start(1) + word.end())
        if possessor:  # "the farmer's son" is one person, "the farmer's dog" no one
            owned = possessor.group("noun")
            if persons_named_by(owned) != 1:
                return None
            return match.start(), match.start(), Count(min=1, max=1, text=sentence[match.start(): possessor.start("noun")].strip())
        if noun in PAIR_NOUNS and not re.match(r"['\u2019]|\s+of\b", sentence[match.start(1) + word.end():]):
            # "an elderly couple": two people ("a couple of X" is vague, read as a figure)
            end = match.start(1) + word.end()
            return match.start(), match.start(1), Count(min=2, max=2, text=sentence[match.start(): end])
        if persons_named_by(noun) == 1:
            head = match.start(1) + word.start()
            text = sentence[match.start(): head].strip()
            return match.start(), match.start() + len(text), Count(min=1, max=1, text=text)
    return None


# One person and their own kin, counted together: "a woman and her two daughters" (3), "Ivo Lent
# and his wife" (2). Each part after the first opens with a possessive, so that "a soldier and
# two civilians" (two sides, two claims) is never summed.
_KIN_JOINER = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)
_POSSESSIVE = re.compile(r"(?:his|her|their|our|my)\s+", re.I)
_ONE_PERSON = re.compile(r"(?:(?i:a|an|one|the)\s+(?:[\w-]+\s+){0,3}?(?P<noun>[\w-]+)|(?P<name>[A-Z][a-z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]+){0,2}))")


def kin_group_count(phrase: str) -> Count | None:
    """The number of people in "a woman and her two daughters" (3) or "a man and his son" (2),
    or None for a phrase that is not one person and their kin."""
    parts = _KIN_JOINER.split(phrase.strip())
    if len(parts) < 2 or not all(_POSSESSIVE.match(part) for part in parts[1:]):
        return None
    first = _ONE_PERSON.fullmatch(parts[0])
    total = 1 if first and first.group("name") else persons_named_by(first.group("noun")) if first else None
    if total is None:
        return None
    for part in parts[1:]:
        kin = part[_POSSESSIVE.match(part).end() :]
        figure = re.match(rf"(?P<n>{NUMBER})\s+(?P<noun>[\w-]+)$", kin, re.I)
        if figure and figure.group("noun").lower() in PEOPLE_NOUNS:
            n = parse_number(figure.group("n"))
            if n is None:
                return None
            total += n
        elif re.fullmatch(r"(?:[\w-]+\s+){0,2}?[\w-]+", kin) and persons_named_by(kin.split()[-1]):
            total += persons_named_by(kin.split()[-1])
        else:
            return None
    return Count(min=total, max=total, text=phrase.strip())


def persons_named_by(noun: str) -> int | None:
    """How many people a singular noun names ("wife": 1, "couple": 2), None for any other word
    (a plural, a group such as "family", a thing)."""
    noun = noun.lower()
    if noun in PAIR_NOUNS:
        return 2
    if noun not in PEOPLE_NOUNS or noun.endswith("s") or noun in _COLLECTIVE or noun in _IRREGULAR_PLURALS:
        return None
    return None if noun.endswith("men") else 1  # "men", "policemen": plurals without an s
