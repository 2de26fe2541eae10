"""Different years for one statement. Sentences that say the same kind of thing ("took power in
2020" / "took power in 2022") are keyed by the two content words before the year; a key whose
sentences name different years, and whose sentences are alike beyond the key, is a dispute with
one side per year."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extract.text.sentences import Sentence
from schemas import Article, Dispute, DisputeSide
from summarise.reconcile.disputes.common import STOP_WORDS

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
SENTENCE_SIMILARITY = 55.0


def year_disputes(articles: list[Article], article_sentences: dict[str, list[Sentence]]) -> list[Dispute]:
    """One dispute per statement whose sentences, alike beyond the year, name different years."""
    by_key: dict[tuple, list[tuple[str, Sentence]]] = {}
    for article in articles:
        for sentence in article_sentences[article.id]:
            for match in _YEAR.finditer(sentence.text):
                key = _year_key(sentence.text, match.start())
                if key:
                    by_key.setdefault(key, []).append((match.group(1), sentence))
    disputes = []
    for items in by_key.values():
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


def _year_key(sentence: str, year_start: int) -> tuple[str, ...] | None:
    words = [w for w in re.findall(r"[a-z]+", sentence[:year_start].lower()) if w not in STOP_WORDS]
    return tuple(words[-2:]) if len(words) >= 2 else None


def _phrase_before(sentence: str, year_start: int) -> str:
    return " ".join(sentence[:year_start].split()[-4:])


def _alike_across_years(items: list[tuple[str, Sentence]]) -> bool:
    for i, (year_a, a) in enumerate(items):
        for year_b, b in items[i + 1 :]:
            if year_a != year_b and a is not b and fuzz.token_set_ratio(_YEAR.sub("", a.text), _YEAR.sub("", b.text)) >= SENTENCE_SIMILARITY:
                return True
    return False
