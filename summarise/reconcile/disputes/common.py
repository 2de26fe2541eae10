"""What several dispute finders share: the stop words and generic nouns that carry no subject,
and who a reported sentence names as its source."""

from __future__ import annotations

import re

STOP_WORDS = frozenset(
    """a an the in on at of for to by and or its their his her this that these those since from with as was were
    is are be been has have had which who it during after before""".split()
)
GENERIC_NOUNS = frozenset(
    """fighting clash clashes statement statements losses loss casualties attack attacks people country area region
    district districts town city border group groups video videos report reports situation operation operations
    source sources toll number side sides units unit forces force movement members member spokesman spokesperson
    government authorities alliance coalition media information north south east west conflict violence week
    weeks month months year years time days past decade""".split()
)
_SOURCE_BEFORE_VERB = re.compile(
    r"(?:^|,\s*|\bbut\s+|\bhowever,?\s+)((?:the |a |an )?[\w'’ -]{2,40}?)\s+(?:had\s+|has\s+)?"
    r"(?:said|says|reported|announced|claimed|stated|asserted|told)\b",
    re.I,
)
TIME_OPENING = re.compile(r"^\s*(?:(?:late |early )?on\s+[A-Z]\w+(?:\s+\d{1,2})?,?\s+|yesterday,?\s+|earlier,?\s+|later,?\s+|meanwhile,?\s+)", re.I)
_ACCORDING_TO = re.compile(r"according to\s+([^,]{2,60}),", re.I)


def reported_source(text: str) -> str | None:
    """Who ``text`` says its statement comes from ("according to X," or "X said"), or None."""
    match = _ACCORDING_TO.search(text)
    if match:
        return match.group(1).strip()
    match = _SOURCE_BEFORE_VERB.search(text)
    return TIME_OPENING.sub("", match.group(1)).strip() if match else None


def gist(text: str, words: int = 12) -> str:
    """The first ``words`` words of ``text``, with "..." when there are more."""
    split = text.split()
    return " ".join(split[:words]) + (" ..." if len(split) > words else "")
