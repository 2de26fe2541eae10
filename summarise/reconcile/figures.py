"""The casualty table: one row per outcome, victim role, party and place (and subset), every
claimant's figure.

The row key is the claims' facts (``row_key``: party, subset, outcome, ``merge.role_key`` and
``place_key``): an attacker's death never shares a row with its victims'. A part (a subset such as
children, a nationality or the injured still in hospital, or a place within the event) has a row of
its own, listed right after the row of its whole, never in it and never added to it. One place
written several ways ("in the State of Brask", "Brask state", "neighbouring Brask state") is one row.

Derived numbers follow the conflict-data habits, never a sum across claimants:
``low`` is the conservative figure, the lowest credible lower bound (ACLED: the lowest ``min``
among non-vague claims that count the row's victims as a whole, ``rows.comparable_claims``: a part
the row holds unkeyed, "including the 17 most hurt", bounds nothing), ``low``/``high`` the range
(UCDP), ``high`` None when some claim is open or vague.
They are computed from the claims not flagged as possibly another incident, unless every claim
of the row is flagged.
"""

from __future__ import annotations

from schemas import CasualtyFigure, FigureByClaimant, SummaryClaim, place_label
from summarise.reconcile.merge import is_vague, row_role
from summarise.reconcile.rows import claims_by_sentence, comparable_claims, place_keys, row_key


def casualty_figures(
    claims: list[SummaryClaim], subset_of: dict[str, str | None], party_names: dict[str, str]
) -> list[CasualtyFigure]:
    rows: dict[tuple, list[SummaryClaim]] = {}
    places = place_keys(claims)
    for claim in claims:
        rows.setdefault(row_key(claim, subset_of, places), []).append(claim)
    figures = []
    by_sentence = claims_by_sentence(claims)
    for (victim_party, subset, outcome, _role, _place), members in _parts_after_wholes(rows):
        place = next((c.place_within for c in members if c.place_within), None)
        in_scope = [c for c in members if not c.possibly_other_incident] or members
        numeric = [c for c in in_scope if not is_vague(c.count)]
        # a part the row holds unkeyed ("six of the dead", "144 passengers and six crew") bounds nothing
        counted = comparable_claims(numeric, by_sentence) or numeric
        low = min((c.count.min or 0 for c in counted), default=None)
        open_or_vague = len(numeric) < len(in_scope) or any(c.count.max is None for c in counted)
        high = None if open_or_vague or not counted else max(c.count.max for c in counted)
        if victim_party and not subset and not place:
            victims = party_names.get(victim_party, victim_party)
        else:  # a part's row says which part: "people in the capital", "children"
            victims = f"{members[0].victims} {place_label(place)}" if place else members[0].victims
        figures.append(
            CasualtyFigure(
                victim_party=victim_party,
                victims=victims,
                outcome=outcome,
                victim_role=row_role([c.victim_role for c in members]),
                victim_subset=subset,
                place_within=place,
                by_claimant=[FigureByClaimant(claim=c.id, claimant=c.claimant, count=c.count, as_of=c.as_of) for c in members],
                low=low,
                high=high,
            )
        )
    return figures


def _parts_after_wholes(rows: dict[tuple, list[SummaryClaim]]) -> list[tuple[tuple, list[SummaryClaim]]]:
    """The rows in first-claim order, each part's row (a subset or a place) moved right after the
    row of its whole: the whole of its party, outcome and role, else the party-less whole of that
    outcome and role ("children" under "people"), else left where it stands."""
    wholes = {(key[0], key[2], key[3]): key for key in rows if key[1] is None and key[4] is None}
    under: dict[tuple, list[tuple]] = {}
    for key in rows:
        if key[1] is None and key[4] is None:
            continue
        whole = wholes.get((key[0], key[2], key[3])) or wholes.get((None, key[2], key[3]))
        if whole is not None:
            under.setdefault(whole, []).append(key)
    moved = {part for parts in under.values() for part in parts}
    ordered: list[tuple[tuple, list[SummaryClaim]]] = []
    for key, members in rows.items():
        if key in moved:
            continue
        ordered.append((key, members))
        ordered += [(part, rows[part]) for part in under.get(key, [])]
    return ordered
