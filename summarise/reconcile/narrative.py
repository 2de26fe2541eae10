"""The offline headline paragraph: a few template sentences built only from reconciled figures.

Every sentence cites the claims behind it and their articles, e.g. ``[c1, c2: 000.txt, 002.txt]``,
so an editor can check each one; nothing is said that is not a claim, a conflict or a figure in the
summary. The main toll leads: the first death row of the whole event (a part's row, a subset or a
place, only where no whole row has deaths) in the order below. Where its claims are dated
(``as_of``), the lead gives the latest toll (the figure with the latest date, with its claimant
and date), where the figure changed over time where it started, and, where the reconciler found
claimants contradicting each other on it, each one's latest figure; where none is dated, its
accounts as below. Then the other rows: figures in dispute, deaths, then the largest (at most
``MAX_FIGURES`` rows in all), each as its accounts and the verdict of its conflict's kind; a row
with more different figures than ``MAX_ACCOUNTS`` shows its most widely reported figures. A claim
from an article that may describe another incident appears only in a figure's list of accounts,
beside claims surely about this event and marked as such, never on its own. Pure function.
"""

from __future__ import annotations

import re
from datetime import date

from schemas import CasualtyFigure, Conflict, ConflictKind, EventSummary, Outcome, SummaryClaim
from summarise.reconcile.conflicts import rival_pairs
from summarise.reconcile.rows import claims_by_sentence, comparable_claims, named_claimant, same_claimant

MAX_FIGURES = 3  # the headline stays short: the report carries the rest
MAX_ACCOUNTS = 4  # claimants named per figure

_OUTCOME_PHRASES = {
    Outcome.killed: ("were killed", "may have been killed"),
    Outcome.wounded: ("were wounded", "may have been wounded"),
    Outcome.captured: ("were captured", "may have been captured"),
    Outcome.missing: ("are missing", "may be missing"),
    Outcome.killed_or_captured: ("were killed or captured", "may have been killed or captured"),
    Outcome.casualties: ("were killed or wounded", "may have been killed or wounded"),
}


def template_narrative(summary: EventSummary) -> str:
    """A short paragraph on the main casualty figures, each sentence citing claims and articles."""
    claims = {c.id: c for c in summary.claims}
    parties = {p.id: p.name for p in summary.parties}
    sentences: list[str] = []
    dated = _ClaimDates(summary)
    by_sentence = claims_by_sentence(summary.claims)
    for figure in _headline_figures(summary.figures, claims, summary.conflicts):
        conflict = _conflict_for(figure, summary.conflicts)
        main = not sentences and figure.outcome is Outcome.killed
        latest = _latest_toll(figure, claims, conflict, dated, by_sentence) if main else []
        sentences.extend(latest or _figure_sentences(figure, claims, conflict, parties, by_sentence))
    if not sentences and not summary.figures:
        # No casualty table was built: fall back to the best-corroborated single claims.
        in_scope = [c for c in claims.values() if not c.possibly_other_incident]
        ranked = sorted(in_scope, key=lambda c: (-len(set(c.source_groups)), c.id))
        sentences = [_claim_sentence(claim) for claim in ranked[:MAX_FIGURES]]
    if not sentences:
        read = summary.report.articles_read or len(summary.articles)
        return f"No casualty figure about this event was found in the {read} articles read."
    return " ".join(sentences)


def cite(claims: list[SummaryClaim]) -> str:
    """``[c1, c2: 000.txt, 002.txt]``: the claim ids, then their articles in first-mention order."""
    ids = ", ".join(c.id for c in claims)
    articles = ", ".join(dict.fromkeys(m.article for c in claims for m in c.mentions))
    return f"[{ids}: {articles}]" if articles else f"[{ids}]"


def _headline_figures(figures: list[CasualtyFigure], claims: dict[str, SummaryClaim],
                      conflicts: list[Conflict]) -> list[CasualtyFigure]:
    """Disputed figures first, then deaths, then the largest figures; a row is dropped when none
    of its claims is surely about this event."""
    usable = [f for f in figures if any(b.claim in claims and not claims[b.claim].possibly_other_incident
                                        for b in f.by_claimant)]

    def weight(figure: CasualtyFigure) -> tuple:
        biggest = max((b.count.max or b.count.min or 0 for b in figure.by_claimant), default=0)
        disputed = _conflict_for(figure, conflicts) is not None
        return (not disputed, figure.outcome is not Outcome.killed, -biggest, figure.victims)

    ranked = sorted(usable, key=weight)
    deaths = [f for f in ranked if f.outcome is Outcome.killed]
    # the main toll leads: the whole event's, a part's (a place, a subset) only where no whole has deaths
    main = next((f for f in deaths if not f.victim_subset and not f.place_within), deaths[0] if deaths else None)
    if main is not None:
        ranked = [main] + [f for f in ranked if f is not main]
    return ranked[:MAX_FIGURES]


class _ClaimDates:
    """When each claim's figure stands (its ``as_of``) and where it was told, to order claims in time."""

    def __init__(self, summary: EventSummary) -> None:
        self._order = {a.id: i for i, a in enumerate(summary.articles)}

    def when(self, claim: SummaryClaim) -> date | None:
        return claim.as_of

    def key(self, claim: SummaryClaim) -> tuple:
        """Later is larger: the latest date, then the later article, then the earlier place in it
        (a report's first figure is its headline toll)."""
        latest = max(claim.mentions, key=lambda m: self._order.get(m.article, 0))
        return (claim.as_of or date.min, self._order.get(latest.article, 0), -latest.start)


def _latest_toll(figure: CasualtyFigure, claims: dict[str, SummaryClaim], conflict: Conflict | None,
                 dated: _ClaimDates, by_sentence: dict) -> list[str]:
    """The latest toll of a death row, then each claimant's latest figure where the claimants
    disagree; nothing when no claim of the row is dated (the caller lists the accounts then)."""
    cited = [claims[b.claim] for b in figure.by_claimant if b.claim in claims]
    whole = comparable_claims([c for c in cited if c.count.min is not None], by_sentence)  # no part, no breakdown
    candidates = [c for c in whole if not c.possibly_other_incident and dated.when(c)]
    if not candidates:
        return []
    latest = max(candidates, key=dated.key)
    # the same figure told that day in that report by a named claimant is cited before the article's own voice
    latest = next((c for c in candidates if _named(c) and not _named(latest) and c.as_of == latest.as_of
                   and (c.count.min, c.count.max) == (latest.count.min, latest.count.max)
                   and {m.article for m in c.mentions} & {m.article for m in latest.mentions}), latest)
    what = f"{latest.count.label()} {figure.victims} {_participle(figure.outcome)}"
    earliest = min(candidates, key=dated.key)
    rose = ""
    if conflict is not None and conflict.kind is ConflictKind.changed_over_time and dated.when(earliest) != dated.when(latest):
        rose = f", up from {earliest.count.label()} on {_day(dated.when(earliest))} {cite([earliest])}"
        if (earliest.count.min or 0) > (latest.count.min or 0):
            rose = rose.replace(", up from", ", down from")
    sentences = [f"The latest toll is {what}{' (hedged)' if latest.hedged else ''}, according to "
                 f"{_claimant(latest)} on {_day(dated.when(latest))} {cite([latest])}{rose}."]
    # the claimants the conflict found contradicting each other, if it did
    rivals = []
    if conflict is not None and conflict.kind is ConflictKind.contradictory:
        in_row = [claims[i] for i in conflict.claims if i in claims]
        paired = {c.id for pair in rival_pairs(in_row) for c in pair}
        rivals = [c for c in in_row if c.id in paired]
    # each rival's latest figure, and the latest toll's own claimant's where it is one of the sides
    # (a rival the reports do not date is still a side: "64 certified" against a study's estimate)
    pool = candidates + [c for c in rivals if c not in candidates and not c.possibly_other_incident]
    sides = _latest_by_claimant(pool, ([latest] if rivals and _named(latest) else []) + rivals, dated)
    if len(sides) > 1 and len({(c.count.min, c.count.max) for c in sides}) > 1 and _disputed(sides):
        accounts = [f"{c.count.label()} according to {_claimant(c)} ({_day(dated.when(c))}) {cite([c])}" for c in sides]
        sentences.append("Claimants disagree; their latest figures are " + "; ".join(accounts) + ".")
    return sentences


def _latest_by_claimant(candidates: list[SummaryClaim], in_conflict: list[SummaryClaim],
                        dated: _ClaimDates) -> list[SummaryClaim]:
    """The latest figure of each claimant of the conflict (one claimant under several names counts
    once), latest first: a side's earlier figure, since revised, is not what it says now."""
    latest: list[SummaryClaim] = []
    for claim in sorted(candidates, key=dated.key, reverse=True):
        if any(same_claimant(claim, side) for side in in_conflict) and not any(same_claimant(claim, kept) for kept in latest):
            latest.append(claim)
    return latest


def _named(claim: SummaryClaim) -> bool:
    """A claimant the article credits, not its own voice."""
    return named_claimant(claim)


def _disputed(sides: list[SummaryClaim]) -> bool:
    """Some two claimants' latest figures cannot both be true."""
    return any(not a.count.overlaps(b.count) for i, a in enumerate(sides) for b in sides[i + 1:])


def _day(when: date | None) -> str:
    return f"{when.day} {when:%B %Y}" if when else "an undated report"


def _conflict_for(figure: CasualtyFigure, conflicts: list[Conflict]) -> Conflict | None:
    ids = {b.claim for b in figure.by_claimant}
    for conflict in conflicts:
        if conflict.outcome == figure.outcome and ids & set(conflict.claims):
            return conflict
    return None


def _figure_sentences(figure: CasualtyFigure, claims: dict[str, SummaryClaim], conflict: Conflict | None,
                      parties: dict[str, str], by_sentence: dict) -> list[str]:
    cited = [claims[b.claim] for b in figure.by_claimant if b.claim in claims]
    # a part the row holds unkeyed ("five of the injured died") or a breakdown is no account of the row's figure
    whole = {c.id for c in comparable_claims([c for c in cited if c.count.min is not None], by_sentence)}
    cited = [c for c in cited if c.count.min is None or c.id in whole] or cited
    about_this_event = [c for c in cited if not c.possibly_other_incident]
    if len(about_this_event) == 1 and (conflict is None or len(cited) == 1):
        return [_claim_sentence(about_this_event[0])]
    accounts = [
        f"{c.count.label()}{' (hedged)' if c.hedged else ''} according to {_claimant(c)}"
        f"{' (in a report that may describe another incident)' if c.possibly_other_incident else ''} {cite([c])}"
        for c in _shown_accounts(cited)
    ]
    what = f"{_victims_phrase(figure, parties)} {_participle(figure.outcome)}"
    # "differ" only where the reconciler found a conflict: several figures may well agree
    if conflict is None:
        lead = f"Several accounts give figures for {what}"
    elif conflict.kind is ConflictKind.changed_over_time:
        lead = f"The figure for {what} changed over time"
    else:
        lead = f"Accounts of {what} differ"
    sentences = [f"{lead}: " + "; ".join(accounts) + "."]
    verdict = _verdict(figure, conflict)
    if verdict:
        sentences.append(f"{verdict} {cite(cited)}.")
    return sentences


_VERDICTS = {
    ConflictKind.contradictory: "These figures contradict each other",
    ConflictKind.lower_bounds: "These figures are compatible lower bounds",
    ConflictKind.changed_over_time: "The figure moved between reports of different days, not between sources",
    ConflictKind.moved_or_disputed: "These figures cannot all be true, and the reports do not say whether the toll "
                                    "moved or the sources disagree",
}


def _shown_accounts(cited: list[SummaryClaim]) -> list[SummaryClaim]:
    """Numeric figures before vague words, one per claimant and figure, at most MAX_ACCOUNTS; where
    the accounts give more different figures than that, the most widely reported figures (by
    articles), each by its best-carried claim."""
    numeric = [c for c in cited if c.count.min is not None or c.count.max is not None]
    if len({(c.count.min, c.count.max) for c in numeric}) > MAX_ACCOUNTS:
        return _most_reported(numeric)
    ranked = numeric + [c for c in cited if c not in numeric] if numeric else cited
    seen: set[tuple[str, str]] = set()
    shown = []
    for claim in ranked:
        key = (claim.claimant.label().lower(), claim.count.label().lower())
        if key not in seen:
            seen.add(key)
            shown.append(claim)
    return shown[:MAX_ACCOUNTS]


def _most_reported(numeric: list[SummaryClaim]) -> list[SummaryClaim]:
    """One claim per figure for the ``MAX_ACCOUNTS`` figures the most articles give (first told first
    on a tie), each the claim carried by the most independent sources."""
    articles: dict[tuple, set[str]] = {}
    best: dict[tuple, SummaryClaim] = {}
    for claim in numeric:
        figure = (claim.count.min, claim.count.max)
        articles.setdefault(figure, set()).update(m.article for m in claim.mentions)
        if figure not in best or len(set(claim.source_groups)) > len(set(best[figure].source_groups)):
            best[figure] = claim
    ranked = sorted(best, key=lambda f: -len(articles[f]))  # a stable sort keeps first-told order on a tie
    return [best[f] for f in ranked[:MAX_ACCOUNTS]]


def _victims_phrase(figure: CasualtyFigure, parties: dict[str, str]) -> str:
    """The figure's own words when short, else the side's name (articles' phrases can run long)."""
    if len(figure.victims.split()) <= 4 or figure.victim_party not in parties:
        return figure.victims
    return parties[figure.victim_party]


def _verdict(figure: CasualtyFigure, conflict: Conflict | None) -> str | None:
    parts = []
    if conflict is not None:
        parts.append(_VERDICTS[conflict.kind])
    if figure.low is not None:  # the conservative figure
        parts.append(f"the most conservative figure is {figure.low}")
    if not parts:
        return None
    return _capitalise("; ".join(parts))


def _claim_sentence(claim: SummaryClaim) -> str:
    """``12 rebel fighters were killed, according to the army [c1: 000.txt].``"""
    plain, hedged = _OUTCOME_PHRASES[claim.outcome]
    happened = hedged if claim.hedged else plain
    count = claim.count
    if count.min is not None or count.max is not None or len(count.text.split()) == 1:
        # "thousands of people", "many of our citizens": an amount noun, or a vague amount before a
        # determined noun phrase, takes "of"
        needs_of = _AMOUNT_NOUN.fullmatch(count.text.strip()) or _DETERMINED.match(claim.victims)
        joiner = " of " if count.vague and needs_of and not claim.victims.lower().startswith("of ") else " "
        what = f"{count.label()}{joiner}{claim.victims} {happened}"
    else:  # a vague phrase such as "no one survived" reads badly as a number word
        what = f"{claim.victims} {happened} (“{count.text}”)"
    return _capitalise(f"{what}, according to {_claimant(claim)} {cite([claim])}.")


_AMOUNT_NOUN = re.compile(r"(?:dozens|hundreds|thousands|millions|scores|tens)", re.IGNORECASE)
_DETERMINED = re.compile(r"(?:the|our|their|his|her|its|these|those|my|your)\s", re.IGNORECASE)


def _claimant(claim: SummaryClaim) -> str:
    """The claimant mid-sentence: a leading article ("The", "A", "An") is lowered, other capitals
    may be names."""
    name = claim.claimant.label()
    first, _, rest = name.partition(" ")
    return f"{first.lower()} {rest}" if first in _LEADING_ARTICLES and rest else name


_LEADING_ARTICLES = frozenset({"The", "A", "An"})


def _participle(outcome: Outcome) -> str:
    """``killed``, ``killed or captured``, ``missing``: the plain phrase without its verb."""
    return _OUTCOME_PHRASES[outcome][0].split(" ", 1)[1]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
