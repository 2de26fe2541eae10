"""``report.html``: one self-contained page, no network, no script, every statement one click from
its quote.

Every citation of a verified quote is a link ``#m-<article-slug>-<start>-<end>`` to a ``<mark>`` with
that id inside the article's text (``html_text``); other quotes are shown unlinked or withheld
(``common.QuoteState``). Everything that came from an article or a model is escaped with
``html.escape``; a Content-Security-Policy forbids scripts and every fetch, so even a missed escape
could not run code or reach the network. Text not about the event is left out of the page.
"""

from __future__ import annotations

import html
import re

from schemas import (
    ArticleStatus,
    CasualtyFigure,
    Conflict,
    ConflictKind,
    EventSummary,
    Evidence,
    SummaryArticle,
    SummaryClaim,
)
from summarise.render import charts
from summarise.render.common import (
    WITHHELD_NOTES,
    Index,
    QuoteState,
    adds_to_quotes,
    all_mentions,
    conflict_kind_label,
    count_label,
    coverage_line,
    day_label,
    not_extracted,
    other_incident_notes,
    outcome_label,
    place_suffix,
    range_label,
    slugify,
    speakers,
    support_line,
    usage_line,
)
from summarise.render.html_style import STYLE
from summarise.render.html_text import Highlight, article_text_html

CSP = "default-src 'none'; style-src 'unsafe-inline'"
_BRACKETS = re.compile(r"\[([^\[\]]+)\]")


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def render_html(summary: EventSummary) -> str:
    """The whole report as one HTML document."""
    index = Index.of(summary)
    body = "\n".join(
        part
        for part in (
            _header(summary, index),
            _figures(summary),
            _conflicts(summary, index),
            _claims(summary, index),
            _disputes(summary, index),
            _timeline(summary, index),
            _attributions(summary, index),
            _sources(summary),
            _articles(summary, index),
            _not_extracted(summary),
            _run_report(summary),
        )
        if part
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(summary.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def claim_anchor(claim_id: str) -> str:
    return f"claim-{slugify(claim_id)}"


def cite(mention: Evidence, index: Index) -> str:
    """One citation: the article id linked to its highlighted quote, then the quote."""
    state = index.state(mention)
    source = f'<span class="src">{esc(mention.article)}</span>'
    if state is QuoteState.verified:
        return (
            f'<a class="cite" href="#{esc(index.anchor(mention))}">{source} '
            f"<q>{esc(mention.quote)}</q></a>"
        )
    if state is QuoteState.unchecked:
        return f'<span class="cite">{source} <q>{esc(mention.quote)}</q></span>'
    return f'<span class="cite withheld">{source} {esc(WITHHELD_NOTES[state])}</span>'


def cite_list(mentions: list[Evidence], index: Index) -> str:
    if not mentions:
        return '<p class="muted">no citation</p>'
    return '<ul class="cites">' + "".join(f"<li>{cite(m, index)}</li>" for m in mentions) + "</ul>"


def _section(anchor: str, title: str, inner: str) -> str:
    return f'<section id="{anchor}">\n<h2>{esc(title)}</h2>\n{inner}\n</section>'


REFS_SHOWN = 4  # claim ids shown inline in one headline citation; the rest fold into a list below


def _header(summary: EventSummary, index: Index) -> str:
    narrative, folded = _linked_narrative(summary.narrative, index)
    links = [
        ("figures", "Figures", summary.figures), ("conflicts", "Conflicts", summary.conflicts),
        ("claims", "Claims", summary.claims), ("disputes", "Disputes", summary.disputes),
        ("timeline", "Timeline", summary.timeline), ("attributions", "Who said what", summary.attributions),
        ("sources", "Sources", True), ("articles", "Articles", summary.articles), ("run", "Run report", True),
    ]
    nav = " · ".join(f'<a href="#{a}">{t}</a>' for a, t, present in links if present)
    more = ""
    if folded:
        items = "".join(f'<li id="refs-{n}">{full}</li>' for n, full in enumerate(folded, start=1))
        more = f'<details class="refs"><summary>Every citation of the headline</summary><ol>{items}</ol></details>'
    return (
        f"<header>\n<h1>{esc(summary.title)}</h1>\n"
        f'<p class="meta">{coverage_line(summary)} · extractor {esc(summary.report.extractor)}</p>\n'
        f'<nav>{nav}</nav>\n<div class="headline"><p class="narrative">{narrative}</p>{more}</div>\n</header>'
    )


def _linked_narrative(narrative: str, index: Index) -> tuple[str, list[str]]:
    """The escaped narrative with ``[c1, c2: 000.txt]`` turned into links to claims and articles.

    A citation naming more than ``REFS_SHOWN`` claims (or articles) shows the first ones and a link
    to its full form, returned in the second list so the headline box never holds a long run."""
    folded: list[str] = []

    def link(match: re.Match) -> str:
        ids, _, articles = match.group(1).partition(":")
        claim_links = [_link_if(i.strip(), index.claims, claim_anchor) for i in ids.split(",")]
        article_links = [
            _link_if(a.strip(), index.articles, lambda a: f"article-{index.slug(a)}") for a in articles.split(",")
        ] if articles else []
        full = ", ".join(claim_links) + (": " + ", ".join(article_links) if articles else "")
        if len(claim_links) <= REFS_SHOWN and len(article_links) <= REFS_SHOWN:
            return f'<span class="ref">[{full}]</span>'
        folded.append(f'<span class="ref">[{full}]</span>')
        hidden = len(claim_links) - REFS_SHOWN
        short = ", ".join(claim_links[:REFS_SHOWN]) + (f" and {hidden} more" if hidden > 0 else "")
        if articles:
            short += f": {len(article_links)} articles"
        return f'<span class="ref">[{short} · <a href="#refs-{len(folded)}">all</a>]</span>'

    return _BRACKETS.sub(link, esc(narrative)), folded


def _link_if(escaped_name: str, known: dict, anchor_of) -> str:
    name = html.unescape(escaped_name)
    if name in known:
        return f'<a href="#{esc(anchor_of(name))}">{escaped_name}</a>'
    return escaped_name


FOLD_AFTER = 8  # a casualty row with more figures than this shows the rest behind a <details>
CHART_LEGEND = (
    '<div class="chart-legend"><strong>What the pictures show.</strong> Each strip is one row of the table: '
    "one lane per figure, lanes grouped by who gives them. ● a figure, ▬ a range, ○→ “at least N” "
    "(no upper bound, the arrow runs on), ←○ “at most N”; the grey band is the row’s credible range. "
    "Words with no number (“dozens”) are listed under the strip, not drawn. Where the articles of "
    "different days give a row’s figures, a step chart shows each claimant’s figure by publication "
    "date; each claimant has its own marker shape and line pattern, named in the legend.</div>"
)


def _figures(summary: EventSummary) -> str:
    if not summary.figures:
        return _section("figures", "Casualty figures", '<p class="muted">No casualty figure was found.</p>')
    claims = {c.id: c for c in summary.claims}
    published = {a.id: a.published for a in summary.articles}
    rows, pictures = [], []
    for n, f in enumerate(summary.figures, start=1):
        notes = other_incident_notes(summary, f)
        conservative = "—" if f.low is None else str(f.low)  # the conservative figure
        rows.append(
            f'<tr><td data-label="Victims">{esc(f.victims)}</td><td data-label="Outcome">{esc(outcome_label(f.outcome))}</td>'
            f'<td data-label="Figures by claimant">{_by_claimant(f, notes)}</td>'
            f'<td class="num" data-label="Conservative">{conservative}</td>'
            f'<td class="num" data-label="Range">{esc(range_label(f.low, f.high))}</td></tr>'
        )
        pictures.append(_figure_pictures(n, f, notes, claims, published))
    table = (
        '<div class="table-wrap"><table class="figures stack"><thead><tr><th>Victims</th><th>Outcome</th>'
        "<th>Figures by claimant</th><th>Conservative</th><th>Range</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table></div>"
        '<p class="muted">Conservative: the lowest credible lower bound. Figures are never added up.</p>'
    )
    return _section("figures", "Casualty figures", CHART_LEGEND + '<div class="pictures">' + "".join(pictures) + "</div>" + table)


def _by_claimant(figure: CasualtyFigure, notes: dict[str, str]) -> str:
    """The row's figures grouped by claimant, one line each; past ``FOLD_AFTER`` figures the rest fold."""
    shown: list[str] = []
    folded: list[str] = []
    count_shown, count_folded = 0, 0
    for claimant, figures in charts.grouped_by_claimant(figure.by_claimant):
        values = ", ".join(
            f'<a href="#{esc(claim_anchor(b.claim))}">{esc(b.claim)}</a> <strong>{esc(count_label(b.count))}</strong>'
            + (f' <span class="badge warn">{esc(notes[b.claim])}</span>' if b.claim in notes else "")
            for b in figures
        )
        line = f"<li>{esc(claimant)}: {values}</li>"
        if count_shown < FOLD_AFTER:  # a claimant's line is never split between the two lists
            shown.append(line)
            count_shown += len(figures)
        else:
            folded.append(line)
            count_folded += len(figures)
    out = f'<ul class="plain by">{"".join(shown)}</ul>'
    if folded:
        out += (
            f'<details class="more"><summary>{count_folded} more figures</summary>'
            f'<ul class="plain by">{"".join(folded)}</ul></details>'
        )
    return out


def _figure_pictures(n: int, figure: CasualtyFigure, notes: dict[str, str], claims: dict, published: dict) -> str:
    """One row's pictures: its strip, its words with no number, and its toll over time if it moved."""
    about = f"{figure.victims} {outcome_label(figure.outcome)}"
    strip = charts.figure_strip(figure, f"Figures for {about}, by claimant", notes)
    vague = charts.vague_figures(figure)
    words = ""
    if vague:
        listed = "; ".join(f"“{esc(b.count.text)}” ({esc(b.claimant.label())}, {esc(b.claim)})" for b in vague)
        words = f'<p class="vague muted">No number, not drawn: {listed}</p>'
    if not strip and not vague:
        words = '<p class="vague muted">No figure to draw.</p>'
    toll = charts.toll_chart(f"Figures for {about} by publication date", charts.toll_series(figure, claims, published))
    strip_title = '<p class="chart-title">By claimant</p>' if toll and strip else ""
    toll_html = f'<div class="toll"><p class="chart-title">Over time, by publication date</p>{toll}</div>' if toll else ""
    return (
        f'<figure class="figure-row" id="figure-row-{n}"><figcaption>{esc(about)}</figcaption>'
        f'<div class="charts"><div class="strip-box">{strip_title}{strip}{words}</div>{toll_html}</div></figure>'
    )


def _badges(claim: SummaryClaim) -> str:
    out = ""
    if claim.hedged:
        out += ' <span class="badge">hedged</span>'
    if claim.possibly_other_incident:
        out += ' <span class="badge warn">may describe another incident</span>'
    return out


def _conflict(conflict: Conflict, index: Index) -> str:
    kind = conflict_kind_label(conflict)
    dates = {f.claim: f.as_of for f in conflict.figures}
    sides = []
    for claim_id in conflict.claims:
        claim = index.claims.get(claim_id)
        if claim is None:
            continue
        when = dates.get(claim_id) or claim.as_of
        what = (
            f'<div class="figure">{esc(count_label(claim.count))}</div>'
            f'<div class="muted"><a href="#{esc(claim_anchor(claim.id))}">{esc(claim.id)}</a> · '
            f"{esc(claim.victims)} {esc(outcome_label(claim.outcome))}{esc(place_suffix(claim))} · as of {esc(day_label(when))}{_badges(claim)}</div>"
        )
        sides.append(_side(claim.claimant.label(), what, claim.mentions, index))
    note = f'<p class="muted">{esc(conflict.note)}</p>' if conflict.note else ""
    return (
        f'<article class="conflict" id="conflict-{esc(slugify(conflict.id))}">'
        f'<h3>{esc(conflict.about)} <span class="badge {"alert" if conflict.kind is ConflictKind.contradictory else ""}">{kind}</span></h3>'
        f'<div class="sides">{"".join(sides)}</div>{note}</article>'
    )


def _side(who: str, what_html: str, mentions: list[Evidence], index: Index) -> str:
    """One side of a conflict or dispute: who says it, what (already HTML), and the citations."""
    return f'<div class="side"><div class="who">{esc(who)}</div>{what_html}{cite_list(mentions, index)}</div>'


def _conflicts(summary: EventSummary, index: Index) -> str:
    if not summary.conflicts:
        return ""
    return _section("conflicts", "Conflicting figures", "\n".join(_conflict(c, index) for c in summary.conflicts))


def _claims(summary: EventSummary, index: Index) -> str:
    if not summary.claims:
        return ""
    labels = {g.id: g.label for g in summary.source_groups}
    items = []
    for claim in summary.claims:
        carried = ", ".join(labels.get(g, g) for g in dict.fromkeys(claim.source_groups))
        items.append(
            f'<li id="{esc(claim_anchor(claim.id))}"><span class="cid">{esc(claim.id)}</span> '
            f"<strong>{esc(claim.claimant.label())}</strong>: <span class=\"fig\">{esc(count_label(claim.count))}</span> "
            f"{esc(claim.victims)} {esc(outcome_label(claim.outcome))}{esc(place_suffix(claim))}{_badges(claim)}"
            f'<div class="muted">{esc(support_line(claim, carried))}</div>'
            f"{cite_list(claim.mentions, index)}</li>"
        )
    return _section("claims", "Claims", '<ol class="claims">' + "\n".join(items) + "</ol>")


def _disputes(summary: EventSummary, index: Index) -> str:
    if not summary.disputes:
        return ""
    blocks = []
    for d in summary.disputes:
        sides = "".join(
            _side(s.source or "unattributed", f"<p>{esc(s.statement)}</p>", s.mentions, index) for s in d.sides
        )
        blocks.append(f'<article class="conflict"><h3>{esc(d.about)}</h3><div class="sides">{sides}</div></article>')
    return _section("disputes", "Disputed facts", "\n".join(blocks))


def _timeline(summary: EventSummary, index: Index) -> str:
    if not summary.timeline:
        return ""
    rows = "".join(
        f'<li><time datetime="{e.when.isoformat()}">{e.when.isoformat()}</time>'
        f"{' ' + esc(e.what) if adds_to_quotes(e.what, e.mentions) else ''}"
        f"{cite_list(e.mentions, index)}</li>"
        for e in sorted(summary.timeline, key=lambda e: e.when)
    )
    return _section("timeline", "Timeline", f'<ol class="timeline">{rows}</ol>')


def _attributions(summary: EventSummary, index: Index) -> str:
    if not summary.attributions:
        return ""
    items = []
    for speaker in speakers(summary):
        about = ", ".join(esc(x) for x in speaker.about)
        about = f' <span class="muted">({about})</span>' if about else ""
        said = "".join(
            f'<li><span class="badge">{esc(a.mode.value)}</span>'
            f"{f' <q>{esc(a.statement)}</q>' if adds_to_quotes(a.statement, a.mentions) else ''}{cite_list(a.mentions, index)}</li>"
            for a in speaker.statements
        )
        items.append(f'<li><strong>{esc(speaker.name)}</strong>{about}<ul class="plain">{said}</ul></li>')
    return _section("attributions", "Who said what", '<ul class="plain spaced">' + "".join(items) + "</ul>")


def _sources(summary: EventSummary) -> str:
    rows = "".join(
        f'<tr><td data-label="Group">{esc(g.id)}</td><td data-label="Source">{esc(g.label)}</td>'
        f'<td data-label="Basis">{esc(g.basis.value)}</td>'
        f"<td data-label=\"Articles\">{', '.join(esc(a) for a in g.articles)}</td></tr>"
        for g in summary.source_groups
    )
    table = (
        '<p class="muted">Corroboration counts independent source groups, not articles.</p>'
        '<div class="table-wrap"><table class="stack"><thead><tr><th>Group</th><th>Source</th><th>Basis</th>'
        f"<th>Articles</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )
    return _section("sources", "Sources", table)


def _article(article: SummaryArticle, index: Index, highlights: list[Highlight]) -> str:
    """One article as a closed ``<details>``: its facts in the summary line, then notes and text."""
    title = f" — {esc(article.title)}" if article.title else ""
    return (
        f'<details class="article" id="article-{esc(index.slug(article.id))}">'
        f'<summary><span class="src">{esc(article.id)}</span>{title}{_article_badges(article)}'
        f'<span class="muted"> · {" · ".join(_article_facts(article))}</span></summary>'
        f"{_article_notes(article)}{_article_body(article, highlights)}</details>"
    )


def _article_body(article: SummaryArticle, highlights: list[Highlight]) -> str:
    if not article.text:
        return '<p class="muted">No text in this summary.</p>'
    return f'<div class="article-text">{article_text_html(article.text, article.excluded, highlights)}</div>'


def _article_facts(article: SummaryArticle) -> list[str]:
    facts = [esc(x) for x in (article.outlet, article.wire and f"wire: {article.wire}") if x]
    if article.published:
        facts.append(article.published.isoformat())
    facts.append(f"group {esc(article.source_group)}")
    return facts


def _article_badges(article: SummaryArticle) -> str:
    badges = ""
    if article.status is not ArticleStatus.extracted:
        badges += f' <span class="badge alert">{esc(article.status.value)}</span>'
    if article.possibly_other_incident:
        badges += ' <span class="badge warn">may describe another incident</span>'
    return badges


def _article_notes(article: SummaryArticle) -> str:
    notes = []
    if article.scope_note:
        notes.append(f'<p class="muted">Scope: {esc(article.scope_note)}</p>')
    if article.status_reason:
        notes.append(f'<p class="muted">{esc(article.status.value)}: {esc(article.status_reason)}</p>')
    if article.url:
        notes.append(f'<p class="muted">URL (not fetched): {esc(article.url)}</p>')
    return "".join(notes)


def _articles(summary: EventSummary, index: Index) -> str:
    if not summary.articles:
        return ""
    by_article: dict[str, list[Highlight]] = {}
    for mention in all_mentions(summary):
        if index.state(mention) is QuoteState.verified:
            by_article.setdefault(mention.article, []).append(Highlight(mention.start, mention.end, index.anchor(mention)))
    blocks = [_article(a, index, by_article.get(a.id, [])) for a in summary.articles]
    intro = '<p class="muted">Quotes are highlighted; text not about the event is left out.</p>'
    return _section("articles", "Articles", intro + "\n".join(blocks))


def _not_extracted(summary: EventSummary) -> str:
    rows = not_extracted(summary)
    if not rows:
        return ""
    items = "".join(
        f'<li><span class="src">{esc(a)}</span> <span class="badge alert">{esc(s)}</span> {esc(r)}</li>' for a, s, r in rows
    )
    return _section("not-extracted", "Articles not extracted", f'<ul class="plain spaced">{items}</ul>')


def _run_report(summary: EventSummary) -> str:
    r = summary.report
    facts = [
        ("Extractor", esc(r.extractor)),
        ("Articles", f"{r.articles_read} read, {r.articles_extracted} extracted, {len(r.failures)} failed, "
                     f"{len(r.skipped_files)} skipped"),
        ("Dropped items", str(r.dropped_items)),
    ]
    usage = usage_line(summary)
    if usage:
        facts.append(("Usage", esc(usage)))
    facts += [("Warning", esc(w)) for w in r.warnings]
    rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts)
    return _section("run", "Run report", f'<div class="table-wrap"><table class="run">{rows}</table></div>')
