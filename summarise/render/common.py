"""What every output format shares: labels, anchors, lookups and the check that gates each quote.

A quote is printed only when its offsets do not touch an excluded range of its article and, when
the summary carries the article's text, point at exactly that quote in it (``QuoteState``); a
quote whose article has no text in the summary cannot be checked, and is printed without a link.
Anything else is shown as a note, never as text. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from schemas import (
    ArticleStatus,
    CasualtyFigure,
    Conflict,
    ConflictKind,
    Count,
    EventSummary,
    Evidence,
    Outcome,
    SummaryArticle,
    SummaryAttribution,
    SummaryClaim,
)

OMITTED_MARKER = "[text not about the event omitted]"

OUTCOME_LABELS = {
    Outcome.killed: "killed",
    Outcome.wounded: "wounded",
    Outcome.captured: "captured",
    Outcome.missing: "missing",
    Outcome.killed_or_captured: "killed or captured",
    Outcome.casualties: "casualties (killed or wounded)",
}


class QuoteState(str, Enum):
    """Whether a mention's quote may be shown, and why not."""

    verified = "verified"  # text[start:end] == quote, outside every excluded range
    unchecked = "unchecked"  # the article is known but its text was not carried: shown, unlinked
    out_of_scope = "out_of_scope"  # touches text not about the event: withheld
    mismatch = "mismatch"  # offsets do not point at the quote: withheld
    unknown_article = "unknown_article"  # no such article in the summary: withheld

    @property
    def shown(self) -> bool:
        return self in (QuoteState.verified, QuoteState.unchecked)


WITHHELD_NOTES = {
    QuoteState.out_of_scope: "quote withheld: it touches text not about the event",
    QuoteState.mismatch: "quote withheld: it is not at the cited place in the article",
    QuoteState.unknown_article: "quote withheld: the article is not in this summary",
}


def quote_state(mention: Evidence, article: SummaryArticle | None) -> QuoteState:
    """Decide whether ``mention``'s quote may be printed (see the module docstring)."""
    if article is None:
        return QuoteState.unknown_article
    if any(mention.start < r.end and mention.end > r.start for r in article.excluded):
        return QuoteState.out_of_scope
    if not article.text:
        return QuoteState.unchecked
    if article.text[mention.start : mention.end] != mention.quote or mention.start >= mention.end:
        return QuoteState.mismatch
    return QuoteState.verified


@dataclass(frozen=True)
class Index:
    """Lookups over one summary, built once per render."""

    articles: dict[str, SummaryArticle]
    claims: dict[str, SummaryClaim]
    slugs: dict[str, str]

    @classmethod
    def of(cls, summary: EventSummary) -> Index:
        return cls(
            articles={a.id: a for a in summary.articles},
            claims={c.id: c for c in summary.claims},
            slugs=article_slugs([a.id for a in summary.articles]),
        )

    def state(self, mention: Evidence) -> QuoteState:
        return quote_state(mention, self.articles.get(mention.article))

    def slug(self, article_id: str) -> str:
        return self.slugs.get(article_id) or slugify(article_id)

    def anchor(self, mention: Evidence) -> str:
        """The HTML id of the highlighted quote: ``m-<article-slug>-<start>-<end>``."""
        return f"m-{self.slug(mention.article)}-{mention.start}-{mention.end}"


def all_mentions(summary: EventSummary) -> list[Evidence]:
    """Every mention the summary cites: claims, dispute sides, attributions, then the timeline."""
    mentions = [m for c in summary.claims for m in c.mentions]
    mentions += [m for d in summary.disputes for s in d.sides for m in s.mentions]
    mentions += [m for a in summary.attributions for m in a.mentions]
    mentions += [m for e in summary.timeline for m in e.mentions]
    return mentions


def slugify(text: str) -> str:
    """An id-safe form of an article id: letters, digits, ``_`` and ``-`` only."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "article"


def article_slugs(article_ids: list[str]) -> dict[str, str]:
    """A unique slug per article id (``a.txt`` and ``a-txt`` must not share anchors)."""
    taken: set[str] = set()
    slugs: dict[str, str] = {}
    for article_id in article_ids:
        base = slug = slugify(article_id)
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs[article_id] = slug
    return slugs


def plural(n: int, word: str) -> str:
    """``1 article``, ``2 articles``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def outcome_label(outcome: Outcome) -> str:
    return OUTCOME_LABELS.get(outcome, outcome.value)


def place_suffix(claim: SummaryClaim) -> str:
    """" in the capital alone" for a figure of part of the event's area, else "": said after the
    outcome, so a reader never takes one place's figure for the whole toll."""
    label = claim.place_label()
    return f" {label}" if label else ""


def count_label(count: Count) -> str:
    """The figure as an editor reads it: ``12``, ``at least 20``, ``10-15`` or the vague word."""
    label = count.label()
    if count.vague and count.min is None and count.max is None:
        return f"“{label}” (no number)"
    return label


def range_label(low: int | None, high: int | None) -> str:
    """A casualty-table range: ``3–12``, ``from 2 (no upper bound)`` or an em dash."""
    if low is None and high is None:
        return "—"
    if high is None:
        return f"from {low} (no upper bound)"
    if low is None or low == high:
        return str(high)
    return f"{low}–{high}"


def coverage_line(summary: EventSummary) -> str:
    """``6 articles, 4 extracted, resting on 3 independent sources``: what the report stands on."""
    extracted = [a for a in summary.articles if a.status is ArticleStatus.extracted]
    groups = {a.source_group for a in extracted}
    return f"{len(summary.articles)} articles, {len(extracted)} extracted, resting on {len(groups)} independent sources"


def support_line(claim: SummaryClaim, carriers: str = "") -> str:
    """``2 independent sources (NPA, Radio Vellmar), 3 articles``: how widely a claim is carried.

    ``carriers`` names the source groups; it is left out when empty."""
    sources = plural(group_count(claim), "independent source") + (f" ({carriers})" if carriers else "")
    return f"{sources}, {plural(len(claim_articles(claim)), 'article')}"


_KIND_LABELS = {
    ConflictKind.contradictory: "contradictory",
    ConflictKind.changed_over_time: "changed over time",
    ConflictKind.lower_bounds: "compatible lower bounds",
    ConflictKind.moved_or_disputed: "moved or disputed",
}


def conflict_kind_label(conflict: Conflict) -> str:
    """How a conflict's figures differ, for a heading: "changed over time" is no dispute."""
    return _KIND_LABELS[conflict.kind]


def day_label(when: date | None) -> str:
    """``12 May 2031``, or an em dash for an undated figure."""
    return f"{when.day} {when:%b %Y}" if when else "—"


def group_count(claim: SummaryClaim) -> int:
    """Independent sources carrying a claim (groups, not articles)."""
    return len(set(claim.source_groups))


def claim_articles(claim: SummaryClaim) -> list[str]:
    """The articles a claim cites, in first-mention order."""
    return list(dict.fromkeys(m.article for m in claim.mentions))


def not_extracted(summary: EventSummary) -> list[tuple[str, str, str]]:
    """``(article id, status, reason)`` for every article that was not extracted.

    Articles marked failed or skipped come first; failures and skipped files listed only in the
    run report are added when no article entry covers them.
    """
    rows = [
        (a.id, a.status.value, a.status_reason or "no reason given")
        for a in summary.articles
        if a.status is not ArticleStatus.extracted
    ]
    seen = {row[0] for row in rows}
    for status, failures in (("failed", summary.report.failures), ("skipped", summary.report.skipped_files)):
        for failure in failures:
            if failure.article not in seen:
                rows.append((failure.article, status, failure.reason))
                seen.add(failure.article)
    return rows


def usage_line(summary: EventSummary) -> str | None:
    """LLM usage in one line, or None when the run made no calls."""
    u = summary.report.usage
    if not (u.calls or u.prompt_tokens or u.completion_tokens):
        return None
    return (
        f"{u.calls} calls, {u.prompt_tokens} prompt + {u.completion_tokens} completion tokens, "
        f"{u.reasks} re-asks, {u.retries} retries, {u.cache_hits} cache hits, {u.seconds:.1f} s"
    )


@dataclass
class SpeakerStatements:
    """One speaker of the "who said what" section with everything the articles carry of them
    (not ``extract.text.claimants.Speaker``, which is a speaker as one sentence names them)."""

    name: str
    about: list[str]  # role and affiliation, where some mention gives them
    statements: list[SummaryAttribution]


def speakers(summary: EventSummary) -> list[SpeakerStatements]:
    """Attributions grouped by speaker (case and a leading "the" aside), in first-mention order,
    so an editor reads each speaker's words together."""
    grouped: dict[str, SpeakerStatements] = {}
    for attribution in summary.attributions:
        key = re.sub(r"^the\s+", "", attribution.speaker.strip().lower())
        speaker = grouped.setdefault(key, SpeakerStatements(attribution.speaker, [], []))
        for detail in (attribution.role, attribution.affiliation):
            if detail and detail not in speaker.about:
                speaker.about.append(detail)
        speaker.statements.append(attribution)
    return list(grouped.values())


def adds_to_quotes(text: str, mentions: list[Evidence]) -> bool:
    """False when ``text`` is just the sentence its citation quotes (reported speech, a timeline
    entry told in the article's words): the report then shows the quote once."""
    said = " ".join(text.split())
    return not any(" ".join(m.quote.split()) == said for m in mentions)


def other_incident_notes(summary: EventSummary, figure: CasualtyFigure) -> dict[str, str]:
    """For each claim of a casualty-table row that may describe another incident, the note to show
    beside it. Such a claim is left out of the row's figures when the row has others (figures.py)."""
    elsewhere = {c.id for c in summary.claims if c.possibly_other_incident}
    flagged = [b.claim for b in figure.by_claimant if b.claim in elsewhere]
    counted = len(flagged) == len(figure.by_claimant)
    note = "may describe another incident" + ("" if counted else "; not counted")
    return {claim: note for claim in flagged}
