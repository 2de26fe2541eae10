"""Conflicts: claims about the same victims and outcome whose figures differ, side by side.

Claims are compared per victim party, role, place within the event and subset (the claims' facts,
see ``extract.text.claim_facts``) and per plain outcome: a part (a subset, a place) is never the
rival of its whole, and an attacker's death never the rival of the victims' toll; a claim
with a combined outcome ("killed or captured") joins the rows of its parts that other claims
state, else its own. Vague figures ("dozens") are left to the casualty table. A row with two or
more different figures is a ``Conflict``: ``contradictory`` when some two intervals do not
overlap, ``lower_bounds`` when every pair is compatible (then the note gives the range).

Claims with no victim party ("12 people") are compared too, more strictly, since a false conflict
misleads an editor: only whole-event victims (plain "people", "the dead", "miners"... never a
part such as "children", "six of the dead" or "the men in the east shaft", never an attacker),
only figures that one article sets side by side (a toll that rose over days is no disagreement,
and a claimant's own lower figure later is a revision), only different claimants who are named
(not the article's own voice), and only figures that cannot both be true.
"""

from __future__ import annotations

import re

from schemas import Conflict, ConflictKind, FigureByClaimant, Outcome, SummaryClaim
from summarise.reconcile.merge import count_key, is_vague, role_key

PLAIN_OUTCOMES = (Outcome.killed, Outcome.wounded, Outcome.captured, Outcome.missing)


def _rows(claims: list[SummaryClaim], subset_of: dict[str, str | None]) -> dict[tuple, list[SummaryClaim]]:
    by_victims: dict[tuple, list[SummaryClaim]] = {}
    for claim in claims:
        if claim.victim_party and not is_vague(claim.count):
            key = (claim.victim_party, subset_of.get(claim.id), role_key(claim.victim_role), claim.place_within)
            by_victims.setdefault(key, []).append(claim)
    rows: dict[tuple, list[SummaryClaim]] = {}
    for victims, members in by_victims.items():
        plain = {c.outcome for c in members if c.outcome in PLAIN_OUTCOMES}
        for claim in members:
            parts = [o for o in PLAIN_OUTCOMES if o in claim.outcome.parts() and o in plain]
            for outcome in parts or [claim.outcome]:
                rows.setdefault((*victims, outcome), []).append(claim)
    return rows


# the words for everyone an event hurt, as the articles name them without a side
WHOLE_EVENT_VICTIMS = frozenset({
    "people", "persons", "dead", "victims", "lives", "bodies", "miners", "passengers", "fans", "supporters",
    "residents", "workers", "spectators", "worshippers", "shoppers", "villagers",
})
_UNRESOLVED = re.compile(r"(?:its|their|his|her)\s", re.IGNORECASE)  # "its governor": whose, we cannot tell
_HARDEST_HIT = re.compile(r"\b(?:hardest|worst)[- ]hit\b", re.IGNORECASE)  # "Brask was hardest hit with 42"
_PARTITIVE = (r"\s+(?:of\s+(?:them|whom)\b|of\s+(?:the|those|these)\s+(?:dead|victims|bodies|deceased|killed|casualties)\b"
              r"|were\s+(?:children|teenagers|women|men)\b)")  # "six of the dead", not "three of the group's fighters"


def find_conflicts(
    claims: list[SummaryClaim], subset_of: dict[str, str | None], party_names: dict[str, str],
) -> list[Conflict]:
    """Conflicts among claims of one victim party, then among claims of whole-event victims with no
    party (see the module docstring)."""
    conflicts: list[Conflict] = []
    for (victim_party, _subset, _role, _place, outcome), members in _rows(claims, subset_of).items():
        if len({count_key(c.count) for c in members}) < 2:
            continue
        contradictory = any(not a.count.overlaps(b.count) for i, a in enumerate(members) for b in members[i + 1 :])
        _append(conflicts, members, victim_party, party_names.get(victim_party, victim_party), outcome, contradictory)
    for outcome, members in _unnamed_victim_disagreements(claims, subset_of).items():
        _append(conflicts, members, None, members[0].victims, outcome, True)
    return conflicts


def _append(conflicts: list[Conflict], members: list[SummaryClaim], victim_party: str | None, victims: str,
            outcome: Outcome, contradictory: bool) -> None:
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


def _unnamed_victim_disagreements(
    claims: list[SummaryClaim], subset_of: dict[str, str | None]
) -> dict[Outcome, list[SummaryClaim]]:
    """Per plain outcome, the whole-event claims with no victim party that another claimant's figure
    in the same article contradicts, in claim order."""
    eligible = [c for c in claims if c.victim_party is None and c.outcome in PLAIN_OUTCOMES
                and subset_of.get(c.id) is None and c.place_within is None and role_key(c.victim_role) == "people"
                and not is_vague(c.count) and names_whole_event(c)
                and _named_claimant(c)]
    found: dict[Outcome, set[str]] = {}
    for i, a in enumerate(eligible):
        for b in eligible[i + 1:]:
            if (a.outcome == b.outcome and not a.count.overlaps(b.count) and not same_claimant(a, b)
                    and {m.article for m in a.mentions} & {m.article for m in b.mentions}):
                found.setdefault(a.outcome, set()).update({a.id, b.id})
    return {outcome: [c for c in claims if c.id in ids] for outcome, ids in found.items()}


def _named_claimant(claim: SummaryClaim) -> bool:
    """Someone the article credits: not its own unattributed voice, not "its governor"."""
    claimant = claim.claimant
    unattributed = (claimant.role or "").lower() == "unattributed" or claimant.name.lower() == "the article"
    return not unattributed and not _UNRESOLVED.match(claimant.name)


def names_whole_event(claim: SummaryClaim) -> bool:
    """ "people", "the dead", "22 miners": everyone hurt; not "six of the dead", "the injured in ward 3"."""
    words = [w for w in re.findall(r"[a-z]+", claim.victims.lower()) if w not in ("the", "more", "other")]
    return len(words) == 1 and words[0] in WHOLE_EVENT_VICTIMS and not is_part(claim)


def is_part(claim: SummaryClaim) -> bool:
    """The figure counts part of the victims: "Fourteen of the dead", "Brask was hardest hit with 42"."""
    figure = re.escape(claim.count.text)
    return any(re.search(figure + _PARTITIVE, m.quote, re.IGNORECASE) or _HARDEST_HIT.search(m.quote)
               for m in claim.mentions)


def same_claimant(a: SummaryClaim, b: SummaryClaim) -> bool:
    """One party, or one name written shorter ("the agency" for "the National ... Agency")."""
    if a.claimant_party and a.claimant_party == b.claimant_party:
        return True
    words_a, words_b = (set(re.findall(r"[a-z]+", c.claimant.name.lower())) - {"the"} for c in (a, b))
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


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

