"""Disputes beyond numbers: accounts of one non-casualty fact that differ. Best effort, offline,
precision over recall. Two detectors:

* **Different years for one statement.** Sentences that say the same kind of thing ("took power
  in 2020" / "took power in 2022") are keyed by the two content words before the year; a key
  whose sentences name different years, and whose sentences are alike beyond the key, is a
  dispute with one side per year.
* **Contrasting accounts in one article.** A reported statement followed (within two sentences)
  by one that opens with "But", "However" or "According to X," and is also reported, where both
  speak of the same object ("a helicopter ... made an emergency landing" / "hit a helicopter,
  causing it to crash"). Party words and generic nouns do not count as a shared object.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extract.reconcile.families import family_hits
from extract.reconcile.text import Sentence, sentences
from schemas import Article, Dispute, DisputeSide

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_STOP = frozenset(
    """a an the in on at of for to by and or its their his her this that these those since from with as was were
    is are be been has have had which who it during after before""".split()
)
SENTENCE_SIMILARITY = 55.0
_CONTRAST_OPENING = re.compile(r"^\s*(?:but|however|yet|according to\b[^,]{2,60},)", re.I)
_CONTRAST_INSIDE = re.compile(r",\s*however,", re.I)
_REPORTED = re.compile(
    r"\b(?:said|says|say|reported|reports|announced|claimed|claims|stated|asserted|told|denied|according to)\b", re.I
)
_OBJECT = re.compile(r"\b(?:a|an|the)\s+([a-z][a-z-]{3,})\b")
_GENERIC_NOUNS = frozenset(
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
_TIME_OPENING = re.compile(r"^\s*(?:(?:late |early )?on\s+[A-Z]\w+(?:\s+\d{1,2})?,?\s+|yesterday,?\s+|earlier,?\s+)", re.I)
_ACCORDING_TO = re.compile(r"according to\s+([^,]{2,60}),", re.I)


def find_disputes(articles: list[Article]) -> list[Dispute]:
    article_sentences = {a.id: sentences(a) for a in articles}
    disputes = _year_disputes(articles, article_sentences) + _contrast_disputes(articles, article_sentences)
    for number, dispute in enumerate(disputes, start=1):
        dispute.id = f"d{number}"
    return disputes


def _year_key(sentence: str, year_start: int) -> tuple[str, ...] | None:
    words = [w for w in re.findall(r"[a-z]+", sentence[:year_start].lower()) if w not in _STOP]
    return tuple(words[-2:]) if len(words) >= 2 else None


def _phrase_before(sentence: str, year_start: int) -> str:
    return " ".join(sentence[:year_start].split()[-4:])


def _year_disputes(articles: list[Article], article_sentences: dict[str, list[Sentence]]) -> list[Dispute]:
    by_key: dict[tuple, list[tuple[str, Sentence]]] = {}
    for article in articles:
        for sentence in article_sentences[article.id]:
            for match in _YEAR.finditer(sentence.text):
                key = _year_key(sentence.text, match.start())
                if key:
                    by_key.setdefault(key, []).append((match.group(1), sentence))
    disputes = []
    for key, items in by_key.items():
        years = sorted({year for year, _ in items})
        if len(years) < 2 or not _alike_across_years(items):
            continue
        sides = []
        for year in years:
            held = list(dict.fromkeys(s for y, s in items if y == year))
            sources = ", ".join(dict.fromkeys(s.article for s in held))
            sides.append(
                DisputeSide(statement=f"{year}: {held[0].text}", source=sources, mentions=[s.mention() for s in held])
            )
        first_year, first = items[0]
        phrase = _phrase_before(first.text, first.text.index(first_year))
        disputes.append(Dispute(id="", about=f"the year: \"... {phrase} ____\"", sides=sides))
    return disputes


def _alike_across_years(items: list[tuple[str, Sentence]]) -> bool:
    for i, (year_a, a) in enumerate(items):
        for year_b, b in items[i + 1 :]:
            if year_a != year_b and a is not b and fuzz.token_set_ratio(_YEAR.sub("", a.text), _YEAR.sub("", b.text)) >= SENTENCE_SIMILARITY:
                return True
    return False


def _objects(text: str) -> set[str]:
    found = set()
    for noun in _OBJECT.findall(text.lower()):
        if noun not in _GENERIC_NOUNS and not family_hits(noun):
            found.add(noun)
    return found


def _source(text: str) -> str | None:
    match = _ACCORDING_TO.search(text)
    if match:
        return match.group(1).strip()
    match = _SOURCE_BEFORE_VERB.search(text)
    return _TIME_OPENING.sub("", match.group(1)).strip() if match else None


def _contrast_disputes(articles: list[Article], article_sentences: dict[str, list[Sentence]]) -> list[Dispute]:
    disputes = []
    for article in articles:
        items = article_sentences[article.id]
        for i, first in enumerate(items):
            if not _REPORTED.search(first.text):
                continue
            found = (_contrast(first, second) for second in items[i + 1 : i + 3])
            dispute = next((d for d in found if d is not None), None)
            if dispute is not None:
                disputes.append(dispute)
    return disputes


def _contrast(first: Sentence, second: Sentence) -> Dispute | None:
    """``second`` contrasts with the reported ``first`` about a shared object, or None."""
    if not (_CONTRAST_OPENING.search(second.text) or _CONTRAST_INSIDE.search(second.text)):
        return None
    if not _REPORTED.search(second.text):
        return None
    shared = sorted(_objects(first.text) & _objects(second.text))
    if not shared:
        return None
    sides = [
        DisputeSide(statement=s.text.strip(), source=_source(s.text), mentions=[s.mention()]) for s in (first, second)
    ]
    return Dispute(id="", about=f"the {shared[0]}", sides=sides)
