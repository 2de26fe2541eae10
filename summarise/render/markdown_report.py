"""``summary.md``: the reconciled account as Markdown an editor reads or pastes.

Every statement cites its articles as ``[000.txt] “quote”``. All text that came from articles or
from a model goes through ``md_inline`` so it cannot open a table cell, a link, emphasis or raw
HTML. Article bodies are never printed, so excluded ranges cannot leak from here.
"""

from __future__ import annotations

import re

from schemas import ArticleStatus, Conflict, EventSummary, Evidence, SummaryClaim
from summarise.render.common import (
    WITHHELD_NOTES,
    Index,
    adds_to_quotes,
    conflict_kind_label,
    count_label,
    coverage_line,
    day_label,
    not_extracted,
    other_incident_notes,
    outcome_label,
    range_label,
    speakers,
    support_line,
    usage_line,
)

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# A citation such as [c1, c2: 000.txt] after escaping, not followed by what would make it a link.
_ESCAPED_CITATION = re.compile(r"\\\[((?:[\w.,: -]|\\_)+)\\\](?![(\[:\\])")


def md_inline(text: str | None) -> str:
    """Untrusted text made inert for one Markdown line (and one table cell)."""
    if not text:
        return ""
    flat = " ".join(text.split())
    return _ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", flat))


def md_narrative(text: str) -> str:
    """``md_inline``, but citations such as ``[c1: 000.txt]`` keep their plain brackets."""
    return _ESCAPED_CITATION.sub(r"[\1]", md_inline(text))


def render_markdown(summary: EventSummary) -> str:
    """The whole report as Markdown, ending with a newline."""
    index = Index.of(summary)
    sections = [
        _header(summary),
        _figures(summary),
        _claims(summary, index),
        _conflicts(summary, index),
        _disputes(summary, index),
        _timeline(summary, index),
        _attributions(summary, index),
        _sources(summary),
        _not_extracted(summary),
        _run_report(summary),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def citation(mention: Evidence, index: Index) -> str:
    """``[000.txt] “quote”``, or the article and why its quote is withheld."""
    state = index.state(mention)
    where = f"[{md_inline(mention.article)}]"
    if state.shown:
        return f"{where} “{md_inline(mention.quote)}”"
    return f"{where} ({WITHHELD_NOTES[state]})"


def citations(mentions: list[Evidence], index: Index) -> str:
    return "; ".join(citation(m, index) for m in mentions) or "(no citation)"


def _header(summary: EventSummary) -> str:
    return f"# {md_inline(summary.title)}\n\n{md_narrative(summary.narrative)}\n\n_{coverage_line(summary)}._"


def _figures(summary: EventSummary) -> str:
    if not summary.figures:
        return "## Casualty figures\n\nNo casualty figure was found."
    rows = [
        "| Victims | Outcome | Figures by claimant | Conservative | Range |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in summary.figures:
        notes = other_incident_notes(summary, f)
        by = "; ".join(
            f"{md_inline(b.claimant.label())}: {md_inline(count_label(b.count))} ({md_inline(b.claim)})"
            + (f" _({notes[b.claim]})_" if b.claim in notes else "")
            for b in f.by_claimant
        )
        conservative = "—" if f.low is None else str(f.low)  # the conservative figure
        rows.append(
            f"| {md_inline(f.victims)} | {outcome_label(f.outcome)} | {by} | {conservative} | {range_label(f.low, f.high)} |"
        )
    note = "Conservative: the lowest credible lower bound. Figures are never added up."
    return "## Casualty figures\n\n" + "\n".join(rows) + f"\n\n_{note}_"


def claim_heading(claim: SummaryClaim) -> str:
    """``the army: 12 rebel fighters killed (hedged)``: one claim in one line, escaped."""
    marks = []
    if claim.hedged:
        marks.append("hedged")
    if claim.possibly_other_incident:
        marks.append("may describe another incident")
    suffix = f" _({', '.join(marks)})_" if marks else ""
    place = f" {md_inline(claim.place_label())}" if claim.place_within else ""
    return (
        f"{md_inline(claim.claimant.label())}: **{md_inline(count_label(claim.count))}** "
        f"{md_inline(claim.victims)} {outcome_label(claim.outcome)}{place}{suffix}"
    )


def _section(title: str, parts: list[str], between: str = "\n") -> str:
    """``## title`` and its parts, or nothing when there are no parts."""
    return between.join([f"## {title}", *parts]) if parts else ""


def _claims(summary: EventSummary, index: Index) -> str:
    lines = []
    for claim in summary.claims:
        lines.append(f"- **{md_inline(claim.id)}** {claim_heading(claim)} · {support_line(claim)}")
        lines.extend(f"  - {citation(m, index)}" for m in claim.mentions)
    return _section("Claims", lines)


def _conflict_table(conflict: Conflict, index: Index) -> str:
    """One line per figure, in the conflict's order (dated ones earliest first): when, who, what, where."""
    dates = {f.claim: f.as_of for f in conflict.figures}
    lines = ["| as of | claimant | figure | sources |", "| --- | --- | --- | --- |"]
    for claim_id in conflict.claims:
        claim = index.claims.get(claim_id)
        if claim is not None:
            lines.append(f"| {day_label(dates.get(claim_id) or claim.as_of)} | {md_inline(claim.claimant.label())} "
                         f"({md_inline(claim.id)}) | **{md_inline(count_label(claim.count))}** | {citations(claim.mentions, index)} |")
    return "\n".join(lines)


def _conflicts(summary: EventSummary, index: Index) -> str:
    blocks = []
    for conflict in summary.conflicts:
        heading = f"### {md_inline(conflict.about)} ({conflict_kind_label(conflict)})"
        block = f"{heading}\n\n{_conflict_table(conflict, index)}"
        if conflict.note:
            block += f"\n\n_{md_inline(conflict.note)}_"
        blocks.append(block)
    return _section("Conflicting figures", blocks, between="\n\n")


def _disputes(summary: EventSummary, index: Index) -> str:
    blocks = []
    for dispute in summary.disputes:
        sides = []
        for side in dispute.sides:
            who = f"**{md_inline(side.source)}**: " if side.source else ""
            sides.append(f"- {who}{md_inline(side.statement)} — {citations(side.mentions, index)}")
        blocks.append("\n".join([f"### {md_inline(dispute.about)}", "", *sides]))
    return _section("Disputed facts", blocks, between="\n\n")


def _timeline(summary: EventSummary, index: Index) -> str:
    return _section("Timeline", [
        f"- **{entry.when.isoformat()}**{' ' + md_inline(entry.what) if adds_to_quotes(entry.what, entry.mentions) else ''}"
        f" — {citations(entry.mentions, index)}"
        for entry in sorted(summary.timeline, key=lambda e: e.when)
    ])


def _attributions(summary: EventSummary, index: Index) -> str:
    lines = []
    for speaker in speakers(summary):
        about = ", ".join(md_inline(x) for x in speaker.about)
        lines.append(f"- **{md_inline(speaker.name)}**" + (f" ({about})" if about else ""))
        for a in speaker.statements:
            said = f" “{md_inline(a.statement)}”" if adds_to_quotes(a.statement, a.mentions) else ""
            lines.append(f"  - {a.mode.value}{said} — {citations(a.mentions, index)}")
    return _section("Who said what", lines)


def _sources(summary: EventSummary) -> str:
    lines = ["## Sources", "", "_Corroboration counts independent source groups, not articles._", ""]
    if summary.source_groups:
        lines += ["| Group | Source | Basis | Articles |", "| --- | --- | --- | --- |"]
        for g in summary.source_groups:
            articles = ", ".join(md_inline(a) for a in g.articles)
            lines.append(f"| {md_inline(g.id)} | {md_inline(g.label)} | {md_inline(g.basis.value)} | {articles} |")
        lines.append("")
    lines += ["| Article | Title | Outlet | Published | Group | Notes |", "| --- | --- | --- | --- | --- | --- |"]
    for a in summary.articles:
        lines.append(
            f"| {md_inline(a.id)} | {md_inline(a.title)} | {md_inline(a.outlet or a.wire)} | "
            f"{a.published.isoformat() if a.published else ''} | {md_inline(a.source_group)} | {_article_notes(a)} |"
        )
    return "\n".join(lines)


def _article_notes(article) -> str:
    notes = []
    if article.status is not ArticleStatus.extracted:
        notes.append(article.status.value)
    if article.possibly_other_incident:
        notes.append("may describe another incident" + (f": {md_inline(article.scope_note)}" if article.scope_note else ""))
    if article.excluded:
        reasons = ", ".join(dict.fromkeys(md_inline(r.reason) for r in article.excluded))
        notes.append(f"text not about the event left out ({reasons})")
    return "; ".join(notes)


def _not_extracted(summary: EventSummary) -> str:
    return _section("Articles not extracted", [
        f"- {md_inline(article)}: {status}, {md_inline(reason)}" for article, status, reason in not_extracted(summary)
    ])


def _run_report(summary: EventSummary) -> str:
    r = summary.report
    parts = [
        f"extractor {md_inline(r.extractor)}",
        f"{r.articles_read} articles read, {r.articles_extracted} extracted",
        f"{len(r.failures)} failed, {len(r.skipped_files)} skipped",
        f"{r.dropped_items} dropped items",
    ]
    usage = usage_line(summary)
    if usage:
        parts.append(f"usage: {usage}")
    lines = ["## Run report", "", " · ".join(parts)]
    lines += [f"- warning: {md_inline(w)}" for w in r.warnings]
    return "\n".join(lines)
