"""Split article text into sentences that keep their character offsets.

Lines are paragraphs in the corpus formats (plain text, one paragraph a line or blank-line
separated), so a sentence never crosses a line break. Within a line a sentence ends at ``.``, ``!``
or ``?`` (and any closing quote right after it) followed by whitespace and a capital letter, a
digit or an opening quote, unless the word before the full stop is an abbreviation ("Col.",
"U.S.", "Mr.") or a single initial. The one splitter of the project: the offline extractor, the
reconcile steps (``article_sentences``) and the narrative check all split with it. Pure
functions; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas import Article, Evidence

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen col lt sgt capt maj cpl pte adm brig cmdr gov sen rep rev st mt ft
    jr sr inc ltd co corp no vs etc al jan feb mar apr jun jul aug sep sept oct nov dec
    calif fla mass wash ariz colo conn penn tenn va approx dept est fig govt
    """.split()
)
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)]*(?=\s+[\"'\u201c\u2018(]?[A-Z0-9\u00c0-\u00de])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == article_text[start:end]``; ``paragraph`` counts lines with text;
    ``article`` is the id of the article it was split from ("" for bare text)."""

    start: int
    end: int
    text: str
    paragraph: int
    article: str = ""

    def mention(self) -> Evidence:
        return Evidence(article=self.article, start=self.start, end=self.end, quote=self.text)


def _is_abbreviation(line: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial, not a sentence."""
    if line[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", line[max(0, dot - 40) : dot])  # a window: linear on a long line
    if not word:
        return False
    token = word.group(1)
    if "." in token:  # U.S., U.N., a.m.
        return True
    if len(token) == 1 and token.isupper():  # an initial: "Ivo K. Lent"
        return True
    return token.lower() in ABBREVIATIONS


def split_sentences(text: str, article: str = "") -> list[Sentence]:
    """All sentences of ``text`` in order, each with its offsets; blank stretches are skipped.
    ``article`` is the id the sentences carry (their mentions cite it)."""
    sentences: list[Sentence] = []
    paragraph = -1
    for line_match in re.finditer(r"[^\n]+", text):
        line = line_match.group(0)
        if not line.strip():
            continue
        paragraph += 1
        offset = line_match.start()
        begin = 0
        for end_match in _END.finditer(line):
            if _is_abbreviation(line, end_match.start()):
                continue
            _append(sentences, line, offset, begin, end_match.end(), paragraph, article)
            begin = end_match.end()
        _append(sentences, line, offset, begin, len(line), paragraph, article)
    return sentences


def article_sentences(article: Article) -> list[Sentence]:
    """The in-scope sentences of an article (``Article.scope_text`` blanks excluded ranges), so
    nothing from a second story or a donation appeal reaches a dispute or the timeline.

    Reconciliation asks for them more than once per article (disputes, then the timeline): they
    are split once and kept by id, text and excluded ranges (all they depend on), for the last
    ``SENTENCE_CACHE_ARTICLES`` articles asked about; each call gets a list of its own."""
    key = (article.id, article.text, tuple((r.start, r.end) for r in article.excluded))
    found = _SPLIT.get(key)
    if found is None:
        found = tuple(s for s in split_sentences(article.scope_text(), article.id) if article.in_scope(s.start, s.end))
        _SPLIT[key] = found
        if len(_SPLIT) > SENTENCE_CACHE_ARTICLES:
            del _SPLIT[next(iter(_SPLIT))]  # the oldest first: a dict keeps insertion order
    return list(found)


SENTENCE_CACHE_ARTICLES = 8192  # more than a large folder holds, so a second pass over it finds them all
_SPLIT: dict[tuple[str, str, tuple[tuple[int, int], ...]], tuple[Sentence, ...]] = {}


def _append(
    out: list[Sentence], line: str, offset: int, start: int, end: int, paragraph: int, article: str
) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    s = offset + start + lead
    out.append(Sentence(start=s, end=s + len(stripped), text=stripped, paragraph=paragraph, article=article))
