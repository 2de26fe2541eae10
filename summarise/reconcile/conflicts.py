"""Conflicts: claims about the same victims and outcome whose figures differ, side by side.

Claims are compared per victim party (and subset, see ``victims``) and per plain outcome; a claim
with a combined outcome ("killed or captured") joins the rows of its parts that other claims
state, else its own. Vague figures ("dozens") are left to the casualty table. A row with two or
more different figures is a ``Conflict``: ``contradictory`` when some two intervals do not
overlap, ``lower_bounds`` when every pair is compatible (then the note gives the range).
"""

from __future__ import annotations

from schemas import Conflict, ConflictKind, FigureByClaimant, Outcome, SummaryClaim
from summarise.reconcile.merge import count_key, is_vague

PLAIN_OUTCOMES = (Outcome.killed, Outcome.wounded, Outcome.captured, Outcome.missing)


def _rows(claims: list[SummaryClaim], subset_of: dict[str, str | None]) -> dict[tuple, list[SummaryClaim]]:
    by_victims: dict[tuple, list[SummaryClaim]] = {}
    for claim in claims:
        if claim.victim_party and not is_vague(claim.count):
            by_victims.setdefault((claim.victim_party, subset_of.get(claim.id)), []).append(claim)
    rows: dict[tuple, list[SummaryClaim]] = {}
    for victims, members in by_victims.items():
        plain = {c.outcome for c in members if c.outcome in PLAIN_OUTCOMES}
        for claim in members:
            parts = [o for o in PLAIN_OUTCOMES if o in claim.outcome.parts() and o in plain]
            for outcome in parts or [claim.outcome]:
                rows.setdefault((*victims, outcome), []).append(claim)
    return rows


def find_conflicts(
    claims: list[SummaryClaim], subset_of: dict[str, str | None], party_names: dict[str, str]
) -> list[Conflict]:
    conflicts: list[Conflict] = []
    for (victim_party, _subset, outcome), members in _rows(claims, subset_of).items():
        if len({count_key(c.count) for c in members}) < 2:
            continue
        contradictory = any(not a.count.overlaps(b.count) for i, a in enumerate(members) for b in members[i + 1 :])
        victims = party_names.get(victim_party, victim_party)
        conflicts.append(
            Conflict(
                id=f"k{len(conflicts) + 1}",
                about=f"{victims} {outcome.value.replace('_', ' ')}",
                victim_party=victim_party,
                outcome=outcome,
                claims=[c.id for c in members],
                kind=ConflictKind.contradictory if contradictory else ConflictKind.lower_bounds,
                figures=[FigureByClaimant(claim=c.id, claimant=c.claimant, count=c.count) for c in members],
                note=_note(members, contradictory, outcome),
            )
        )
    return conflicts


def _figure_text(claim: SummaryClaim, outcome: Outcome) -> str:
    extra = "" if claim.outcome == outcome else f" {claim.outcome.value.replace('_', ' ')}"
    flag = " (possibly another incident)" if claim.possibly_other_incident else ""
    return f"{claim.claimant.label()} says {claim.count.label()}{extra} [{claim.id}]{flag}"


def _note(members: list[SummaryClaim], contradictory: bool, outcome: Outcome) -> str:
    who = "; ".join(_figure_text(c, outcome) for c in members)
    if contradictory:
        return f"The figures cannot all be true: {who}."
    low = min(c.count.min or 0 for c in members)
    top = max(c.count.min or 0 for c in members)
    if any(c.count.max is None for c in members):
        span = f"at least {low}, and at least {top} by the highest claim"
    else:
        span = f"between {low} and {max(c.count.max for c in members)}"
    return f"Compatible lower bounds, not a sum: {span}. {who}."

