"""Builders for the reconciler tests: fictional articles and claims with code-computed offsets.

Every sentence here is invented ("Varnia", "the Northern Liberation Front"); no corpus text.
"""

from __future__ import annotations

from datetime import date

from extract.text.claim_facts import with_facts
from extract.text.grounding import span_evidence
from schemas import Article, ArticleExtraction, Attribution, CasualtyClaim, Claimant, Count, Outcome, RunReport


def article(article_id: str, text: str, published: date | None = None, wire: str | None = None, **extra) -> Article:
    return Article(id=article_id, text=text, published=published, wire=wire, **extra)


def count(text: str, low: int | None = None, high: int | None = None, vague: bool = False) -> Count:
    return Count(min=low, max=high, text=text, vague=vague)


EXACT = lambda n: count(str(n), n, n)  # noqa: E731
AT_LEAST = lambda n: count(f"at least {n}", n, None)  # noqa: E731
VAGUE = lambda words="dozens": count(words, vague=True)  # noqa: E731


def claim(
    art: Article, quote: str, outcome: Outcome, victims: str, figure: Count, claimant: str | Claimant,
    event_start: date | None = None, **extra,
) -> CasualtyClaim:
    """A claim of ``quote`` with its facts filled as an extractor fills them (``with_facts``; its
    background rules compare with ``event_start``, default the article's date); facts given in
    ``extra`` win. A claimant given as a string is its name."""
    start = art.text.index(quote)
    built = CasualtyClaim(
        outcome=outcome, victims=victims, count=figure,
        claimant=Claimant(name=claimant) if isinstance(claimant, str) else claimant,
        evidence=span_evidence(art, start, start + len(quote)), **extra,
    )
    return with_facts(built, art, event_start).model_copy(update=extra)


def attribution(art: Article, quote: str, speaker: str, **extra) -> Attribution:
    start = art.text.index(quote)
    return Attribution(speaker=speaker, statement=quote, evidence=span_evidence(art, start, start + len(quote)), **extra)


def extraction(art: Article, claims=(), attributions=(), error: str | None = None) -> ArticleExtraction:
    return ArticleExtraction(
        article=art.id, extractor="test", claims=list(claims), attributions=list(attributions), error=error
    )


def report() -> RunReport:
    return RunReport(extractor="test")
