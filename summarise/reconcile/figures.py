"""The casualty table: one row per victim party (and subset) and outcome, every claimant's figure.

Derived numbers follow the conflict-data habits, never a sum across claimants:
``low`` is the conservative figure, the lowest credible lower bound (ACLED: the lowest ``min``
among non-vague claims), ``low``/``high`` the range (UCDP), ``high`` None when some claim is open
or vague.
They are computed from the claims not flagged as possibly another incident, unless every claim
of the row is flagged.
"""

from __future__ import annotations

from schemas import CasualtyFigure, FigureByClaimant, SummaryClaim
from summarise.reconcile.merge import is_vague


def casualty_figures(
    claims: list[SummaryClaim], subset_of: dict[str, str | None], party_names: dict[str, str]
) -> list[CasualtyFigure]:
    rows: dict[tuple, list[SummaryClaim]] = {}
    for claim in claims:
        rows.setdefault((claim.victim_party, subset_of.get(claim.id), claim.outcome), []).append(claim)
    figures = []
    for (victim_party, subset, outcome), members in rows.items():
        in_scope = [c for c in members if not c.possibly_other_incident] or members
        counted = [c for c in in_scope if not is_vague(c.count)]
        low = min((c.count.min or 0 for c in counted), default=None)
        open_or_vague = len(counted) < len(in_scope) or any(c.count.max is None for c in counted)
        high = None if open_or_vague or not counted else max(c.count.max for c in counted)
        if victim_party and not subset:
            victims = party_names.get(victim_party, victim_party)
        else:
            victims = members[0].victims
        figures.append(
            CasualtyFigure(
                victim_party=victim_party,
                victims=victims,
                outcome=outcome,
                by_claimant=[FigureByClaimant(claim=c.id, claimant=c.claimant, count=c.count) for c in members],
                low=low,
                high=high,
            )
        )
    return figures
