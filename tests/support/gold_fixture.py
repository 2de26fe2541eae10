"""Turn a corpus ``gold.yaml`` into reconciler input: ``Article``s and ``ArticleExtraction``s.

Articles are read by path (the corpus is never copied); ``wire`` and ``published`` come from the
gold annotation and an ``off_topic_from`` line starts an excluded range to the end of the file.
Each gold claim becomes a ``CasualtyClaim`` whose evidence is located by
``extract.text.grounding.locate``; the gold claim id stays traceable through ``GoldInput.refs``.
Gold attributions become ``Attribution``s in every listed article where their evidence is found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extract.text.background import event_start
from extract.text.claim_facts import with_facts
from extract.text.grounding import GroundingFailure, locate
from schemas import (
    Article,
    ArticleExtraction,
    Attribution,
    CasualtyClaim,
    Claimant,
    EventSummary,
    ExcludedRange,
    SummaryClaim,
)
from summarise.evaluate.gold import Gold, load_gold


@dataclass(frozen=True)
class ClaimRef:
    """Where a gold claim landed: enough to find the SummaryClaim that holds it."""

    article: str
    start: int
    end: int
    outcome: str
    count: tuple


@dataclass
class GoldInput:
    gold: Gold
    articles: list[Article]
    extractions: list[ArticleExtraction]
    refs: dict[str, ClaimRef] = field(default_factory=dict)
    unlocated: list[str] = field(default_factory=list)

    def summary_claim(self, summary: EventSummary, gold_id: str) -> SummaryClaim:
        """The summary claim holding gold claim ``gold_id`` (AssertionError when none does)."""
        ref = self.refs[gold_id]
        for claim in summary.claims:
            if claim.outcome.value != ref.outcome or _count_tuple(claim.count) != ref.count:
                continue
            if any((m.article, m.start, m.end) == (ref.article, ref.start, ref.end) for m in claim.mentions):
                return claim
        raise AssertionError(f"no summary claim holds gold claim {gold_id}")


def _count_tuple(count) -> tuple:
    return (count.min, count.max, count.vague)


def load_article(path: Path, gold: Gold) -> Article:
    text = path.read_text(encoding="utf-8")
    meta = gold.articles.get(path.name)
    excluded = []
    if meta and meta.off_topic_from:
        start = text.find(meta.off_topic_from)
        if start < 0:
            raise ValueError(f"{path}: off_topic_from line not found in the article")
        excluded.append(ExcludedRange(start=start, end=len(text), reason="off-topic (gold off_topic_from)"))
    title = next((line.strip() for line in text.splitlines() if len(line.strip()) > 15), None)
    return Article(
        id=path.name,
        text=text,
        title=title,
        published=meta.published if meta else None,
        wire=meta.wire if meta else None,
        excluded=excluded,
    )


def gold_input(event_dir: str | Path) -> GoldInput:
    event_dir = Path(event_dir)
    gold = load_gold(event_dir)
    articles = [load_article(p, gold) for p in sorted((event_dir / "articles").iterdir()) if p.is_file()]
    result = GoldInput(
        gold=gold, articles=articles, extractions=[ArticleExtraction(article=a.id, extractor="gold") for a in articles]
    )
    _add_claims(result)
    _add_attributions(result)
    return result


def _add_claims(result: GoldInput) -> None:
    """Each gold claim whose evidence is found, as a ``CasualtyClaim`` of its article; the others
    are listed in ``result.unlocated``."""
    by_id = {a.id: (a, ex) for a, ex in zip(result.articles, result.extractions, strict=False)}
    start = event_start(result.articles)
    for gold_claim in result.gold.claims:
        article, extraction = by_id[gold_claim.article]
        evidence = locate(gold_claim.evidence, article)
        if isinstance(evidence, GroundingFailure):
            result.unlocated.append(gold_claim.id)
            continue
        extraction.claims.append(with_facts(CasualtyClaim(
            outcome=gold_claim.outcome, victims=gold_claim.victims, count=gold_claim.count,
            claimant=Claimant(name=gold_claim.claimant), evidence=evidence,
        ), article, start))
        result.refs[gold_claim.id] = ClaimRef(
            article.id, evidence.start, evidence.end, gold_claim.outcome.value, _count_tuple(gold_claim.count)
        )


def _add_attributions(result: GoldInput) -> None:
    """Each gold attribution, in every listed article where its evidence is found."""
    by_id = {a.id: (a, ex) for a, ex in zip(result.articles, result.extractions, strict=False)}
    for gold_attribution in result.gold.attributions:
        for article_id in gold_attribution.articles:
            article, extraction = by_id[article_id]
            evidence = locate(gold_attribution.evidence, article)
            if isinstance(evidence, GroundingFailure):
                continue
            extraction.attributions.append(Attribution(
                speaker=gold_attribution.speaker, role=gold_attribution.role,
                affiliation=gold_attribution.affiliation, statement=evidence.quote, evidence=evidence,
            ))
