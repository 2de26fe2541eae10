"""Locate a quote in its article: the model quotes, code finds the characters.

Three passes, from the strictest to the most lenient; none returns a span in an excluded range:
1. exact substring;
2. normalised: curly/straight quotes, dashes, runs of whitespace and case folded, with a map back
   to the original offsets so the span returned is the article's own text;
3. fuzzy: the best approximate alignment (rapidfuzz) at or above ``FUZZY_THRESHOLD``.
Anything else is rejected with a reason. Pure functions; no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from schemas import Alignment, Article, Evidence

FUZZY_THRESHOLD = 90.0
MIN_QUOTE_CHARS = 8

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)


@dataclass(frozen=True)
class GroundingFailure:
    """Why a quote could not be placed in its article."""

    reason: str


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Fold quotes, dashes, whitespace runs and case; return the folded text and, for each of its
    characters, the index of the original character it came from."""
    out: list[str] = []
    index: list[int] = []
    previous_space = True  # drops leading whitespace
    for i, ch in enumerate(text):
        ch = ch.translate(_FOLD)
        if ch.isspace():
            if previous_space:
                continue
            ch = " "
            previous_space = True
        else:
            previous_space = False
        for folded in ch.casefold():
            out.append(folded)
            index.append(i)
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


def _strip_outer_quotes(quote: str) -> str:
    return quote.strip().strip("\"'\u201c\u201d\u2018\u2019 ").strip()


def locate(quote: str, article: Article) -> Evidence | GroundingFailure:
    """Find ``quote`` in ``article`` and return its evidence, or why it is not there.

    A quote that lands in an excluded range (navigation, a second story) is rejected too: such
    text never backs a claim.
    """
    if not quote or len(quote.strip()) < MIN_QUOTE_CHARS:
        return GroundingFailure(f"quote is too short to locate: {quote!r}")
    text = article.text
    candidates = [quote, quote.strip(), _strip_outer_quotes(quote)]
    for candidate in candidates:
        start = _find_in_scope(text, candidate, article)
        if start is not None:
            return _evidence(article, start, start + len(candidate), Alignment.exact)

    folded_text, index = normalise_with_map(text)
    for candidate in candidates:
        folded_quote, _ = normalise_with_map(candidate)
        if len(folded_quote) < MIN_QUOTE_CHARS:
            continue
        pos = folded_text.find(folded_quote)
        while pos != -1:
            start, end = index[pos], index[pos + len(folded_quote) - 1] + 1
            if article.in_scope(start, end):
                return _evidence(article, start, end, Alignment.normalised)
            pos = folded_text.find(folded_quote, pos + 1)

    folded_quote, _ = normalise_with_map(_strip_outer_quotes(quote))
    if len(folded_quote) >= MIN_QUOTE_CHARS and folded_text:
        match = fuzz.partial_ratio_alignment(folded_quote, folded_text, score_cutoff=FUZZY_THRESHOLD)
        if match is not None and match.dest_end > match.dest_start:
            start, end = index[match.dest_start], index[match.dest_end - 1] + 1
            if article.in_scope(start, end):
                return _evidence(article, start, end, Alignment.fuzzy)
            return GroundingFailure("quote is in text excluded from the event (boilerplate or another story)")
    return GroundingFailure(f"quote not found in {article.id}: {quote[:80]!r}")


def _find_in_scope(text: str, needle: str, article: Article) -> int | None:
    if not needle:
        return None
    pos = text.find(needle)
    while pos != -1:
        if article.in_scope(pos, pos + len(needle)):
            return pos
        pos = text.find(needle, pos + 1)
    return None


def _evidence(article: Article, start: int, end: int, alignment: Alignment) -> Evidence:
    return Evidence(article=article.id, start=start, end=end, quote=article.text[start:end], alignment=alignment)


def span_evidence(article: Article, start: int, end: int) -> Evidence:
    """Evidence for a span code already knows (the offline extractor's matches)."""
    return _evidence(article, start, end, Alignment.exact)
