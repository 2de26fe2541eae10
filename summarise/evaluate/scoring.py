"""Score one run (extractions + reconciled summary) against gold: claims, merges, conflicts,
source independence, off-topic leaks and span validity, and what an editor needs (``editor``: key
figures in the lead, casualty-table rows mixing victim sides, disputes). Pure functions; no I/O.

System claims are tied to the summary through mentions: a SummaryClaim covers a system claim when
one of its mentions is in the same article, overlaps the claim's evidence span, and the outcomes
are compatible (one sentence may back a "killed" and a "wounded" claim).
"""

from __future__ import annotations

import html
import json
import re
from itertools import combinations

from pydantic import BaseModel, Field

from schemas import Article, ArticleExtraction, EventSummary, Evidence, SummaryClaim
from summarise.evaluate.editor import (
    DisputesCheck,
    KeyFiguresCheck,
    MixedRowsCheck,
    check_disputes,
    check_key_figures,
    check_mixed_rows,
)
from summarise.evaluate.gold import Gold
from summarise.evaluate.matching import (
    ClaimMatch,
    GoldMiss,
    MatchedPair,
    SystemClaimRef,
    match_claims,
    outcomes_compatible,
)
from summarise.render.common import all_mentions
from summarise.render.markdown_report import md_inline

LEAK_CONTEXT_CHARS = 30


class ClaimScores(BaseModel):
    system: int
    gold: int
    matched: int
    precision: float
    recall: float
    f1: float


class ArticleScore(BaseModel):
    article: str
    system: int
    gold: int
    matched: int
    precision: float
    recall: float


class MergeCheck(BaseModel):
    """One gold ``same_claim`` group: did one SummaryClaim take every member's system claim?"""

    group: list[str]
    status: str = Field(description="'merged', 'split' or 'not extracted' (a member had no match)")
    summary_claim: str | None = None
    note: str | None = None


class ConflictCheck(BaseModel):
    """One gold conflict: does some summary Conflict hold every member's system claim?"""

    about: str
    claims: list[str]
    status: str = Field(description="'shown', 'not shown' or 'not extracted' (fewer than 2 members matched)")
    conflict: str | None = None
    covered: int = Field(default=0, description="matched members the best summary Conflict holds")
    matched: int = Field(default=0, description="members with a matched system claim")


class SourceCheck(BaseModel):
    """Pairwise agreement of the summary's source groups with gold ``independent_sources``."""

    pairs: int
    agreeing: int
    exact: bool
    disagreements: list[str] = Field(default_factory=list)


class Leak(BaseModel):
    word: str
    where: str = Field(description="the rendered format, or 'summary.json'")
    context: str


class InvalidSpan(BaseModel):
    article: str
    start: int
    end: int
    quote: str
    found: str | None = Field(description="the article's text at those offsets; None if no such article")


class SpanCheck(BaseModel):
    mentions: int
    valid: int
    invalid: list[InvalidSpan] = Field(default_factory=list)


class EvalReport(BaseModel):
    event: str
    extractor: str
    claims: ClaimScores
    per_article: list[ArticleScore]
    matches: list[MatchedPair]
    misses: list[GoldMiss]
    false_positives: list[SystemClaimRef]
    merges: list[MergeCheck]
    merge_rate: float = Field(description="merged groups / gold same_claim groups (1.0 when there are none)")
    conflicts: list[ConflictCheck]
    conflicts_shown: int
    conflict_rate: float = Field(description="conflicts shown / gold conflicts (1.0 when there are none)")
    key_figures: KeyFiguresCheck
    mixed_rows: MixedRowsCheck
    disputes: DisputesCheck
    sources: SourceCheck
    leaks: list[Leak]
    spans: SpanCheck
    seconds: float | None = Field(default=None, description="wall time of the run, set by run_eval")


def evaluate(
    summary: EventSummary,
    extractions: list[ArticleExtraction],
    gold: Gold,
    articles: list[Article] | dict[str, Article] | None = None,
    rendered: dict[str, str] | None = None,
) -> EvalReport:
    """Score a run. ``articles`` defaults to the texts in ``summary.articles``; ``rendered``
    (format -> text) is scanned for off-topic words along with the summary JSON."""
    by_id = _articles_by_id(summary, articles)
    match = match_claims(extractions, gold, by_id)
    merges = check_merges(summary, gold, match)
    conflicts = check_conflicts(summary, gold, match)
    return EvalReport(
        event=str(gold.event.get("name") or summary.title),
        extractor=summary.report.extractor,
        claims=ClaimScores(
            system=match.system_total,
            gold=match.gold_total,
            matched=len(match.pairs),
            precision=match.precision,
            recall=match.recall,
            f1=match.f1,
        ),
        per_article=per_article_scores(match, gold, extractions),
        matches=match.pairs,
        misses=match.misses,
        false_positives=match.false_positives,
        merges=merges,
        merge_rate=_rate(sum(m.status == "merged" for m in merges), len(merges)),
        conflicts=conflicts,
        conflicts_shown=sum(c.status == "shown" for c in conflicts),
        conflict_rate=_rate(sum(c.status == "shown" for c in conflicts), len(conflicts)),
        key_figures=check_key_figures(summary, gold),
        mixed_rows=check_mixed_rows(summary, gold, gold_claims_by_summary_claim(summary, match)),
        disputes=check_disputes(summary, gold),
        sources=check_sources(summary, gold),
        leaks=find_leaks(summary, gold.reconciliation.must_not_appear, rendered),
        spans=check_spans(summary, by_id),
    )


def _articles_by_id(
    summary: EventSummary, articles: list[Article] | dict[str, Article] | None
) -> dict[str, Article]:
    if isinstance(articles, dict):
        return articles
    if articles is not None:
        return {a.id: a for a in articles}
    return {a.id: Article(id=a.id, text=a.text) for a in summary.articles}


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def per_article_scores(match: ClaimMatch, gold: Gold, extractions: list[ArticleExtraction]) -> list[ArticleScore]:
    """Precision and recall restricted to each article that has system or gold claims."""
    ids = sorted({c.article for c in gold.claims} | {e.article for e in extractions if e.claims})
    rows = []
    for aid in ids:
        system = sum(len(e.claims) for e in extractions if e.article == aid)
        gold_n = sum(c.article == aid for c in gold.claims)
        matched = sum(p.system.article == aid for p in match.pairs)
        rows.append(
            ArticleScore(
                article=aid,
                system=system,
                gold=gold_n,
                matched=matched,
                precision=matched / system if system else (1.0 if not gold_n else 0.0),
                recall=_rate(matched, gold_n),
            )
        )
    return rows


# --- reconciliation ----------------------------------------------------------------------------


def mention_covers(mention: Evidence, ref: SystemClaimRef) -> bool:
    """The mention is in the claim's article and shares at least one character with its evidence."""
    return mention.article == ref.article and max(mention.start, ref.start) < min(mention.end, ref.end)


def summary_claims_covering(summary: EventSummary, ref: SystemClaimRef) -> set[str]:
    """Ids of the SummaryClaims that took this system claim."""
    return {c.id for c in summary.claims if _claim_covers(c, ref)}


def _claim_covers(claim: SummaryClaim, ref: SystemClaimRef) -> bool:
    return outcomes_compatible(claim.outcome, ref.outcome) and any(mention_covers(m, ref) for m in claim.mentions)


def _claim_holds_figure(claim: SummaryClaim, ref: SystemClaimRef) -> bool:
    """``_claim_covers``, and of the system claim's own figure: a sentence may hold several claims
    ("killing himself and 22 others"), and the row of the 1 does not hold the 22. A vague summary
    claim holds any vague figure of its sentences (vague words merge across articles)."""
    vague = claim.count.min is None and claim.count.max is None
    return (vague or claim.count.label() == ref.count) and _claim_covers(claim, ref)


def gold_claims_by_summary_claim(summary: EventSummary, match: ClaimMatch) -> dict[str, set[str]]:
    """SummaryClaim id -> the gold claims matched by the system claims it took, figure by figure
    (``_claim_holds_figure``): what a casualty-table row holds, for the mixed-rows check."""
    by_claim: dict[str, set[str]] = {}
    for pair in match.pairs:
        for claim_id in (c.id for c in summary.claims if _claim_holds_figure(c, pair.system)):
            by_claim.setdefault(claim_id, set()).add(pair.gold)
    return by_claim


def _refs_by_gold(match: ClaimMatch) -> dict[str, SystemClaimRef]:
    return {p.gold: p.system for p in match.pairs}


def check_merges(summary: EventSummary, gold: Gold, match: ClaimMatch) -> list[MergeCheck]:
    """For each gold ``same_claim`` group, is there one SummaryClaim covering every member?"""
    refs = _refs_by_gold(match)
    checks = []
    for group in gold.reconciliation.same_claim:
        unmatched = [g for g in group if g not in refs]
        if unmatched:
            checks.append(MergeCheck(group=group, status="not extracted", note="no system claim for " + ", ".join(unmatched)))
            continue
        covering = [summary_claims_covering(summary, refs[g]) for g in group]
        common = set.intersection(*covering) if covering else set()
        if common:
            checks.append(MergeCheck(group=group, status="merged", summary_claim=sorted(common)[0]))
        else:
            spread = ", ".join(f"{g}->{'/'.join(sorted(c)) or 'none'}" for g, c in zip(group, covering, strict=False))
            checks.append(MergeCheck(group=group, status="split", note=spread))
    return checks


def check_conflicts(summary: EventSummary, gold: Gold, match: ClaimMatch) -> list[ConflictCheck]:
    """For each gold conflict, is there a summary Conflict whose claims cover every matched member?

    Members the extractor missed cannot be shown and are not held against the reconciler, but at
    least two members must be matched for a conflict to exist at all.
    """
    refs = _refs_by_gold(match)
    checks = []
    for gold_conflict in gold.reconciliation.conflicts:
        matched = [refs[g] for g in gold_conflict.claims if g in refs]
        base = dict(about=gold_conflict.about, claims=gold_conflict.claims, matched=len(matched))
        if len(matched) < 2:
            checks.append(ConflictCheck(status="not extracted", **base))
            continue
        covering = [summary_claims_covering(summary, ref) for ref in matched]
        best_id, best = None, 0
        for conflict in summary.conflicts:
            held = sum(bool(c & set(conflict.claims)) for c in covering)
            if held > best:
                best_id, best = conflict.id, held
        shown = best == len(matched)
        checks.append(
            ConflictCheck(status="shown" if shown else "not shown", conflict=best_id, covered=best, **base)
        )
    return checks


def check_sources(summary: EventSummary, gold: Gold) -> SourceCheck:
    """Every pair of gold-grouped articles: same group in gold iff same group in the summary.

    An article absent from ``summary.source_groups`` counts as a group of its own.
    """
    gold_group = {a: name for name, arts in gold.reconciliation.independent_sources.items() for a in arts}
    system_group = {a: g.id for g in summary.source_groups for a in g.articles}
    disagreements, pairs = [], 0
    for a, b in combinations(sorted(gold_group), 2):
        pairs += 1
        gold_same = gold_group[a] == gold_group[b]
        system_same = a in system_group and system_group.get(a) == system_group.get(b)
        if gold_same != system_same:
            verdict = "one source in gold, separate in summary" if gold_same else "separate in gold, one source in summary"
            disagreements.append(f"{a} / {b}: {verdict}")
    return SourceCheck(pairs=pairs, agreeing=pairs - len(disagreements), exact=not disagreements, disagreements=disagreements)


def summary_json_without_article_texts(summary: EventSummary) -> str:
    """The summary as JSON with ``articles[].text`` and ``articles[].title`` emptied: the article's
    own words are the source, not output."""
    return json.dumps(_without_article_texts(summary.model_dump(mode="json")), ensure_ascii=False)


def find_leaks(summary: EventSummary, words: list[str], rendered: dict[str, str] | None = None) -> list[Leak]:
    """Occurrences (case-insensitive) of gold ``must_not_appear`` words in what the outputs state.

    The article words an output carries to show its sources are not scanned: in the JSON the
    articles' texts and titles, in the Markdown each article's title in its row of the articles
    table, in the HTML each article's text pane and its title in the pane's summary line. The
    report's own title and everything else are scanned. A renderer whose markup no longer
    matches these shows more leaks, never fewer.
    """
    outputs = {"summary.json": summary_json_without_article_texts(summary)}
    for fmt, text in (rendered or {}).items():
        if fmt == "json":
            outputs[fmt] = _strip_json_article_texts(text)
        elif fmt == "md":
            outputs[fmt] = _strip_markdown_article_titles(text, summary)
        elif fmt == "html":
            outputs[fmt] = _strip_html_article_panes(text, summary)
        else:
            outputs[fmt] = text
    leaks = []
    for word in words:
        for where, text in outputs.items():
            pos = text.casefold().find(word.casefold())
            if pos != -1:
                lo, hi = max(0, pos - LEAK_CONTEXT_CHARS), pos + len(word) + LEAK_CONTEXT_CHARS
                leaks.append(Leak(word=word, where=where, context=" ".join(text[lo:hi].split())))
    return leaks


def _strip_json_article_texts(text: str) -> str:
    """A rendered ``summary.json`` with its article texts and titles emptied (as it is when it does not parse)."""
    try:
        data = json.loads(text)
    except ValueError:
        return text
    return json.dumps(_without_article_texts(data), ensure_ascii=False)


def _without_article_texts(data: object) -> object:
    if isinstance(data, dict):
        for article in data.get("articles") or []:
            if isinstance(article, dict):
                article["text"] = ""
                article["title"] = ""
    return data


# the article's text as ``html_text.article_text_html`` writes it: escaped, so no "</div>" inside
_HTML_ARTICLE_PANE = re.compile(r'<div class="article-text">.*?</div>', re.DOTALL)


def _strip_html_article_panes(text: str, summary: EventSummary) -> str:
    """``report.html`` without the articles' text panes and the titles in their summary lines."""
    text = _HTML_ARTICLE_PANE.sub('<div class="article-text"></div>', text)
    for article in summary.articles:
        if article.title:
            source = f'<span class="src">{html.escape(article.id)}</span>'
            text = text.replace(f"{source} — {html.escape(article.title)}", source)
    return text


def _strip_markdown_article_titles(text: str, summary: EventSummary) -> str:
    """``summary.md`` without the titles in the articles table (``| id | title | ...``)."""
    for article in summary.articles:
        if article.title:
            row = f"| {md_inline(article.id)} | "
            text = text.replace(f"{row}{md_inline(article.title)} |", f"{row} |")
    return text


def check_spans(summary: EventSummary, articles: dict[str, Article]) -> SpanCheck:
    """Every mention must satisfy ``text[start:end] == quote`` in its article."""
    mentions = all_mentions(summary)
    invalid = []
    for m in mentions:
        article = articles.get(m.article)
        found = article.text[m.start : m.end] if article is not None else None
        if found != m.quote:
            invalid.append(InvalidSpan(article=m.article, start=m.start, end=m.end, quote=m.quote, found=found))
    return SpanCheck(mentions=len(mentions), valid=len(mentions) - len(invalid), invalid=invalid)
