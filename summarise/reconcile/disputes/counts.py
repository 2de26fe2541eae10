"""Different counts of one thing. The same counted noun, not a casualty ("227 passengers", "12
districts"), given as different exact numbers by different articles. Only a bare figure right
before its noun counts ("153 Varnish passengers" is a subset, "more than 200 passengers" is not
exact), a coordinated noun is another thing ("239 passengers and crew"), units of measure and time
are left out, and an article that gives two figures for the noun is passed over (it counts
different groups). A count told as a snapshot ("currently", "so far"), or from articles published
more than ``MAX_DAYS_APART`` days apart, may have changed: no dispute."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.text.numbers import TENS, UNITS
from extract.text.sentences import Sentence
from schemas import Article, Dispute, DisputeSide
from summarise.reconcile.disputes.common import STOP_WORDS
from summarise.reconcile.prefilter import LowerCased

_NUMBER_WORDS = {**UNITS, **TENS}
_FIGURE = r"\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_COUNTED = re.compile(
    rf"(?<![\w$€£.,-])(?P<figure>{_FIGURE})\s+(?P<noun>[a-z]{{3,}}s)\b(?!['’])"
    r"(?P<coord>\s+and\s+(?!\d)(?:the\s+)?[a-z]{3,}\b)?",
    re.I,
)
_COUNTED_FAST = LowerCased(_COUNTED)
# a figure after these is not exact ("more than 200 passengers"), or is a part ("150 of the")
_INEXACT_BEFORE = re.compile(
    r"\b(?:more|fewer|less|over|under|about|around|nearly|almost|some|least|most|up\s+to|roughly|approximately"
    r"|estimated|than|another|additional|other|first|last|every|per)\s*$",
    re.I,
)
_MEASURE_NOUNS = frozenset(
    """years days hours minutes seconds weeks months decades centuries times miles kilometres kilometers kms metres
    meters feet yards inches percent points dollars euros pounds francs tons tonnes litres liters gallons knots degrees
    acres hectares rounds pages episodes votes seats goals runs others ones""".split()
)
_PART_BEFORE = re.compile(r"\b(?:of|in)\s*$")  # "one of 150 passengers", "in 12 districts": not a count of the thing
_NAME_BEFORE = re.compile(r"[A-Z][\w-]*\s*$")
# a count in a casualty clause is a casualty figure: those are conflicts, not disputes
_CASUALTY_WORDS = re.compile(
    r"\b(?:kill\w*|dead|deaths?|died|die|dying|wound\w*|injur\w*|hurt|captur\w*|kidnap\w*|abduct\w*|hostages?"
    r"|execut\w*|perish\w*|casualt\w*|bodies|lives|massacr\w*|slain|(?:are|were|is|was|remain\w*|still|reported|gone)\s+missing)\b",
    re.I,
)
CASUALTY_WINDOW_CHARS = 40
# a count told as a snapshot ("four vessels are currently searching") changes over time: no dispute
_SNAPSHOT = re.compile(r"\b(?:currently|now|so far|to date|at present|at the moment|as of)\b", re.I)
# figures from reports published further apart than this may both have been right at the time
MAX_DAYS_APART = 3


@dataclass(frozen=True)
class _Count:
    noun: str
    value: int
    sentence: Sentence


def count_disputes(articles: list[Article], article_sentences: dict[str, list[Sentence]]) -> list[Dispute]:
    """One dispute per counted noun that articles give different exact figures for, one side per figure."""
    by_noun: dict[str, dict[str, list[_Count]]] = {}
    published = {a.id: a.published for a in articles}
    for article in articles:
        for sentence in article_sentences[article.id]:
            for found in _counts(sentence):
                by_noun.setdefault(found.noun, {}).setdefault(article.id, []).append(found)
    disputes = []
    for noun, per_article in by_noun.items():
        # an article that gives two figures for one noun counts different groups: not a statement of "the" figure
        single = [found for found in per_article.values() if len({c.value for c in found}) == 1]
        values = sorted({found[0].value for found in single})
        if len(single) < 2 or len(values) < 2 or _far_apart([found[0].sentence.article for found in single], published):
            continue
        sides = []
        for value in values:
            held = [c for found in single for c in found if c.value == value]
            sides.append(
                DisputeSide(
                    statement=f"{value} {noun}",  # the sentences are in the mentions
                    source=", ".join(dict.fromkeys(c.sentence.article for c in held)),
                    mentions=[c.sentence.mention() for c in held],
                )
            )
        disputes.append(Dispute(id="", about=f"the number of {noun}", sides=sides))
    return disputes


def _counts(sentence: Sentence) -> list[_Count]:
    """Exact figures of a non-casualty counted noun in ``sentence``."""
    text = sentence.text
    found = []
    snapshot: bool | None = None  # whether the sentence tells a snapshot, read at its first count
    for match in _COUNTED_FAST.finditer(text):  # the groups are lower-cased on either path
        noun = match.group("noun").lower()
        figure = match.group("figure").lower()
        if noun in _MEASURE_NOUNS or noun in STOP_WORDS or noun.endswith(("ss", "us", "is")):
            continue
        if figure.isdigit() and len(figure) == 4 and figure[:2] in ("19", "20"):  # a year
            continue
        # every test here only rules a count out, so their order changes nothing: the cheap ones
        # on the short window come before the ones that read the whole text before the figure
        window = text[max(0, match.start() - CASUALTY_WINDOW_CHARS) : match.end() + CASUALTY_WINDOW_CHARS]
        if _CASUALTY_WORDS.search(window):
            continue
        if snapshot is None:
            snapshot = _SNAPSHOT.search(text) is not None
        if snapshot:
            continue
        before = text[: match.start()]
        if _INEXACT_BEFORE.search(before) or _PART_BEFORE.search(before):
            continue
        if _NAME_BEFORE.search(before):  # a model or flight number: "Boeing 777 jets"
            continue
        coord = " ".join(match.group("coord").lower().split()) if match.group("coord") else ""
        value = _NUMBER_WORDS.get(figure) if figure in _NUMBER_WORDS else int(figure.replace(",", ""))
        found.append(_Count(noun + (" " + coord.replace(" the ", " ") if coord else ""), value, sentence))
    return found


def _far_apart(article_ids: list[str], published: dict) -> bool:
    """Whether two of the articles that have a publication date were published more than
    ``MAX_DAYS_APART`` days apart."""
    dates = sorted(published[a] for a in article_ids if published.get(a))
    return len(dates) >= 2 and (dates[-1] - dates[0]).days > MAX_DAYS_APART
