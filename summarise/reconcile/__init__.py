"""Reconciliation: per-article extractions in, one ``EventSummary`` out. Pure functions, no I/O.

Stages (each its own module): source groups (``sources``: a credited wire, near-duplicate text or
a reworded copy), event scope (``scope``), party resolution (``parties``, which parses each name
with ``names`` against the keyword ``families``, fed by the articles' own appositions from
``harvest``), claim merging (``merge``), conflicts (``conflicts``),
the casualty table (``figures``), disputes (``disputes``), the timeline (``timeline``),
attributions (``attributions``) and the headline paragraph (``narrative``). It works the same on the offline and the LLM extractor's output:
it reads only ``ArticleExtraction``.

Victims no party could be told for, but which the claimant calls its own ("three of its
fighters"), belong to the claimant's party.

Each claim's facts (victim role, party words, subset, place within the event, as-of date,
background) were filled by the extractor (``extract.text.claim_facts``); reconciliation reads
them and never re-reads the article for them. Items whose evidence does not hold in its article
(wrong article, offsets off, or inside an excluded range) are dropped and counted in the report,
never shown; so are claims marked ``background`` (another incident's figure, a running total). The headline ``narrative`` is
the template paragraph written from the reconciled figures (``summarise.reconcile.narrative``); the
renderers print it as it is, and an LLM-written one may replace it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extract.text.victims import victim_words
from schemas import (
    Article,
    ArticleExtraction,
    ArticleFailure,
    ArticleStatus,
    Attribution,
    CasualtyClaim,
    EventSummary,
    Evidence,
    Party,
    PartyKind,
    RunReport,
    SummaryArticle,
)
from summarise.reconcile.attributions import attribution_name, merge_attributions
from summarise.reconcile.conflicts import find_conflicts
from summarise.reconcile.disputes import find_disputes
from summarise.reconcile.event_scope import flag_other_incidents
from summarise.reconcile.figures import casualty_figures
from summarise.reconcile.harvest import harvest_names
from summarise.reconcile.merge import ClaimMention, is_article_voice, merge_claims, normalise_words
from summarise.reconcile.narrative import template_narrative
from summarise.reconcile.parties import PartyResolution, resolve_parties
from summarise.reconcile.sources import source_groups
from summarise.reconcile.timeline import build_timeline

__all__ = ["reconcile", "resolve_parties", "PartyResolution", "victim_names"]

Resolver = Callable[[list[str]], PartyResolution]

_OWN_SIDE = re.compile(
    r"\b(?:its|their|our|(?:the\s+)?(?:group|movement|organi[sz]ation|alliance|front|coalition|army|force)(?:'s|’s))"
    r"(?:\s+own)?\s+(?:\w+\s+)?(?:fighters|members|men|combatants|gunmen|militants|soldiers|troops)\b",
    re.I,
)


def reconcile(
    articles: list[Article],
    extractions: list[ArticleExtraction],
    report: RunReport,
    title: str | None = None,
    resolver: Resolver = resolve_parties,
) -> EventSummary:
    """Build the event summary from the articles and their extractions.

    An extraction for an unknown article, or a second one for the same article, is ignored with a
    warning; one that carries an ``error`` marks its article failed. Claims and attributions whose
    evidence does not hold are dropped and counted (see the module docstring). Disputes, the
    timeline and the other-incident check read only the articles that were extracted; every
    article keeps its entry and source group. ``title`` defaults to the first article title.
    ``resolver`` may be swapped for an LLM-backed party resolver. The caller's ``report`` is
    copied, never changed.
    """
    report = report.model_copy(deep=True)  # the caller's report is not mutated
    by_article = _extractions_by_article(articles, extractions, report)
    usable = {aid: ex for aid, ex in by_article.items() if not ex.error}
    order = {a.id: i for i, a in enumerate(articles)}
    texts = {a.id: a for a in articles}

    claims = [(order[aid], c) for aid, ex in usable.items() for c in ex.claims if _holds(c.evidence, texts[aid], report, "claim")]
    attributions = [
        (order[aid], a) for aid, ex in usable.items() for a in ex.attributions if _holds(a.evidence, texts[aid], report, "attribution")
    ]

    extracted_articles = [a for a in articles if a.id in usable]
    claims = [(i, c) for i, c in claims if not _background(c, report)]
    groups, group_of = source_groups(articles)
    scope_notes = flag_other_incidents(extracted_articles)

    names = _names(articles, claims, attributions)
    resolution = resolver(names)
    known = {p.id: p for p in resolution.parties}
    mentions = [_claim_mention(order_index, claim, resolution, known, scope_notes) for order_index, claim in claims]
    summary_claims, subset_of = merge_claims(mentions, group_of)
    summary_attributions = merge_attributions(attributions, resolution)

    parties = _used_parties(known, summary_claims, summary_attributions)
    party_names = {p.id: p.name for p in parties}
    figures = casualty_figures(summary_claims, subset_of, party_names)
    conflicts = find_conflicts(summary_claims, subset_of, party_names)
    summary_articles = [_summary_article(a, by_article.get(a.id), group_of[a.id], scope_notes) for a in articles]
    summary = EventSummary(
        title=title or _default_title(articles),
        articles=summary_articles,
        parties=parties,
        claims=summary_claims,
        figures=figures,
        conflicts=conflicts,
        disputes=find_disputes(extracted_articles),
        attributions=summary_attributions,
        timeline=build_timeline(extracted_articles, usable),
        source_groups=groups,
        report=report,
    )
    # the paragraph reads the summary it heads, so it is built from a first, narrative-less one
    return summary.model_copy(update={"narrative": template_narrative(summary)})


def _extractions_by_article(
    articles: list[Article], extractions: list[ArticleExtraction], report: RunReport
) -> dict[str, ArticleExtraction]:
    known = {a.id for a in articles}
    by_article: dict[str, ArticleExtraction] = {}
    for extraction in extractions:
        if extraction.article not in known:
            report.warnings.append(f"{extraction.article}: extraction for an article that was not read; ignored")
            continue
        if extraction.article in by_article:
            report.warnings.append(f"{extraction.article}: more than one extraction; the first is used")
            continue
        by_article[extraction.article] = extraction
    failed = {f.article for f in report.failures}
    for extraction in by_article.values():
        if extraction.error and extraction.article not in failed:
            report.failures.append(ArticleFailure(article=extraction.article, reason=extraction.error))
    return by_article


def _holds(evidence: Evidence, article: Article, report: RunReport, kind: str) -> bool:
    ok = (
        evidence.article == article.id
        and evidence.end <= len(article.text)
        and evidence.holds_in(article.text)
        and article.in_scope(evidence.start, evidence.end)
    )
    if not ok:
        report.dropped_items += 1
        report.warnings.append(f"{article.id}: {kind} dropped, its evidence is not in-scope text of the article: {evidence.quote[:60]!r}")
    return ok


def _background(claim: CasualtyClaim, report: RunReport) -> bool:
    """True, counted as dropped, for a claim the extractor marked ``background`` ("the worst since
    2009, when 80 died"): it is no claim of this event."""
    if claim.background:
        report.dropped_items += 1
        span = f"{claim.evidence.start}-{claim.evidence.end}"
        report.warnings.append(f"{claim.evidence.article}: claim at {span} dropped, another incident's figure told as background")
    return claim.background


def victim_names(claim: CasualtyClaim) -> str:
    """The victims as a name: the figure's own words taken out ("seven separatist fighters" ->
    "separatist fighters"), so party aliases are names, not tolls."""
    return victim_words(claim.victims, claim.count.text)


def _names(articles, claims, attributions: list[tuple[int, Attribution]]) -> list[str]:
    names: list[str] = []
    for _, claim in claims:
        names += [claim.claimant.label(), victim_names(claim)]
    for _, attribution in attributions:
        names += [attribution_name(attribution), attribution.speaker]
    for article in articles:
        names += harvest_names(article)
    return names


def _claim_mention(
    order_index: int, claim: CasualtyClaim, resolution: PartyResolution, known: dict[str, Party], scope_notes
) -> ClaimMention:
    claimant = claim.claimant.label()  # the name the resolver was given
    claimant_party = resolution.party(claimant)
    victim_party = resolution.party(victim_names(claim))
    if victim_party is None and _OWN_SIDE.search(claim.victims):
        victim_party = claimant_party  # "three of its fighters": the claimant's own losses
    return ClaimMention(
        claim=claim,
        article_order=order_index,
        claimant_key=claimant_party or resolution.person_of.get(claimant) or normalise_words(claimant),
        claimant_party=claimant_party,
        victim_party=victim_party,
        victim_parts=_parts(victim_party, known),
        victim_subset=claim.victim_subset,
        victim_role=claim.victim_role,
        place_within=claim.place_within,
        other_incident=claim.evidence.article in scope_notes,
        article_voice=is_article_voice(claim.claimant),
    )


def _parts(party_id: str | None, known: dict[str, Party]) -> frozenset[str]:
    """The ids a party id stands for (a coalition's members); empty for None."""
    if party_id is None:
        return frozenset()
    party = known.get(party_id)
    return party.parts() if party else frozenset({party_id})


def _used_parties(known: dict[str, Party], claims, attributions) -> list[Party]:
    """The parties the claims and attributions name, then the members of coalitions among them."""
    used = []
    for claim in claims:
        used += [claim.claimant_party, claim.victim_party]
    used += [a.party for a in attributions]
    wanted = {p for p in used if p}
    for party_id in list(wanted):
        wanted.update(_parts(party_id, known))
    ordered = list(dict.fromkeys(p for p in used if p))
    ordered += sorted(wanted - set(ordered))
    # an id a swapped-in resolver gave without its party: shown under its id
    return [known.get(pid) or Party(id=pid, name=pid, kind=PartyKind.side) for pid in ordered]


def _summary_article(
    article: Article, extraction: ArticleExtraction | None, group: str, scope_notes: dict[str, str]
) -> SummaryArticle:
    if extraction is None:
        status, reason = ArticleStatus.skipped, "no extraction for this article"
    elif extraction.error:
        status, reason = ArticleStatus.failed, extraction.error
    else:
        status, reason = ArticleStatus.extracted, None
    return SummaryArticle(
        id=article.id,
        title=article.title,
        published=article.published,
        outlet=article.outlet,
        wire=article.wire,
        url=article.url,
        source_group=group,
        status=status,
        status_reason=reason,
        possibly_other_incident=article.id in scope_notes,
        scope_note=scope_notes.get(article.id),
        excluded=article.excluded,
        text=article.scope_text(),  # text not about the event never enters the summary
    )


def _default_title(articles: list[Article]) -> str:
    titled = [a.title for a in articles if a.title]
    return titled[0] if titled else "Event summary"
