"""Contrasting accounts in one article. A reported statement followed (within two sentences) by
one that opens with "But", "However" or "According to X," and is also reported, where both speak
of the same object ("a helicopter ... made an emergency landing" / "hit a helicopter, causing it
to crash"). Party words and generic nouns do not count as a shared object."""

from __future__ import annotations

import re

from extract.text.families import family_hits
from extract.text.sentences import Sentence
from schemas import Article, Dispute, DisputeSide
from summarise.reconcile.disputes.common import GENERIC_NOUNS, reported_source
from summarise.reconcile.prefilter import LowerCased

_CONTRAST_OPENING = re.compile(r"^\s*(?:but|however|yet|according to\b[^,]{2,60},)", re.I)
_CONTRAST_INSIDE = re.compile(r",\s*however,", re.I)
_REPORTED = re.compile(
    r"\b(?:said|says|say|reported|reports|announced|claimed|claims|stated|asserted|told|denied|according to)\b", re.I
)
_REPORTED_FAST = LowerCased(_REPORTED)  # most sentences are tested: the cheaper way round re.I
_OBJECT = re.compile(r"\b(?:a|an|the)\s+([a-z][a-z-]{3,})\b")


def contrast_disputes(articles: list[Article], article_sentences: dict[str, list[Sentence]]) -> list[Dispute]:
    """One dispute per reported sentence that a sentence soon after contrasts with."""
    disputes = []
    for article in articles:
        items = article_sentences[article.id]
        for i, first in enumerate(items):
            if not _REPORTED_FAST.search(first.text):
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
        DisputeSide(statement=s.text.strip(), source=reported_source(s.text), mentions=[s.mention()]) for s in (first, second)
    ]
    return Dispute(id="", about=f"the {shared[0]}", sides=sides)


def _objects(text: str) -> set[str]:
    found = set()
    for noun in _OBJECT.findall(text.lower()):
        if noun not in GENERIC_NOUNS and not family_hits(noun):
            found.add(noun)
    return found
