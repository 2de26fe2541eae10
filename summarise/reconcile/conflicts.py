"""Conflicts: claims about the same victims and outcome whose figures differ, and how they differ.

Claims are compared in the rows of the casualty table (``figures.row_key``: victim party, subset,
role, place within the event) per plain outcome: a part (a subset, a place) is never the rival of
its whole, and an attacker's death never the rival of the victims' toll; a claim with a combined
outcome ("killed or captured") joins the rows of its parts that other claims state, else its own.
Vague figures ("dozens") are left to the casualty table. A row whose comparable claims give two or
more different figures is a ``Conflict`` (unless they differ only in how open they are: "22" and
"at least 22"), its figures dated ones earliest to latest (a figure the
sentence calls earlier, "raised to 34 from 16", before the other figures of its day), then the
undated ones. Its kind says how they differ, nothing is summed:

* ``contradictory``: two named claimants (not an article's own voice) give figures for the same
  time (the same ``as_of`` day, or one undated report) that cannot both be true;
* ``changed_over_time``: every figure is dated and any two that cannot both be true were given on
  different days, or on one day by one claimant (a revision); a later lower figure of a claimant
  is noted as its revision;
* ``lower_bounds``: every pair is compatible (the note gives the range), the figures undated or of
  one day;
* ``moved_or_disputed``: figures that cannot all be true where the reports do not date them apart
  nor set two claimants against each other.

Which claims a row compares is strict where no party names the victims ("12 people"), since a false
conflict misleads an editor: for the whole event only the words for everyone hurt (plain "people",
"the dead", "quake victims", "others" where the sentence counts no one else), never a part such as
"six of the dead", "the 11 people who died inside the church" (its place is its row) or "including
the 17 most hurt"; for a keyed part (a place, a subset) the claims keyed so. In every whole row, two
figures of one claimant in one sentence ("144 passengers and six crew") are a breakdown, not a
revision, unless the sentence says one replaced the other ("raised from 64 to 2,975").

Every step is linear or bounded in the size of a row (10,000 claims stay fast): a pair that cannot
both be true is looked for among the few claims with the highest lower and lowest upper bounds.
"""

from __future__ import annotations

import re
from datetime import date

from schemas import Conflict, ConflictKind, FigureByClaimant, Outcome, SummaryClaim
from summarise.reconcile.merge import count_key, is_vague
from summarise.reconcile.rows import (
    claims_by_sentence,
    counts_the_row,
    cue,
    named_claimant,
    place_keys,
    row_key,
    same_claimant,
    without_breakdowns,
)

PLAIN_OUTCOMES = (Outcome.killed, Outcome.wounded, Outcome.captured, Outcome.missing)
CANDIDATES = 12  # claims per end of a slot searched for a pair that cannot both be true
LOOK_BACK = 20  # earlier figures searched for a claimant's own previous one

def find_conflicts(
    claims: list[SummaryClaim], subset_of: dict[str, str | None], party_names: dict[str, str],
) -> list[Conflict]:
    """One conflict per row of comparable claims with two or more different figures (see the
    module docstring), in row order."""
    order = {c.id: i for i, c in enumerate(claims)}
    by_sentence = claims_by_sentence(claims)
    rows = {key: without_breakdowns([c for c in members if counts_the_row(c, key, by_sentence)], key)
            for key, members in _rows(claims, subset_of).items()}
    conflicts: list[Conflict] = []
    for key, comparable in rows.items():
        outcome = key[-1]
        if len({count_key(c.count) for c in comparable}) < 2 or _agree(comparable):
            continue
        ordered = _in_time_order(comparable, order)
        rivals = _rivals(ordered)
        kind = _kind(ordered, rivals)
        conflicts.append(Conflict(
            id=f"k{len(conflicts) + 1}",
            about=_about(key, ordered, party_names),
            victim_party=key[0],
            outcome=outcome,
            claims=[c.id for c in ordered],
            kind=kind,
            figures=[FigureByClaimant(claim=c.id, claimant=c.claimant, count=c.count, as_of=c.as_of) for c in ordered],
            note=_note(ordered, kind, outcome, rivals) + _beyond_whole(ordered, key, rows),
        ))
    return conflicts


def _agree(members: list[SummaryClaim]) -> bool:
    """Figures that differ only in how open they are ("1" and "at least 1", "22" and "at least
    22"): one lower bound, every pair compatible. Nothing for an editor to weigh."""
    return len({c.count.min or 0 for c in members}) == 1 and _incompatible_pair(members, lambda a, b: True) is None


def _beyond_whole(ordered: list[SummaryClaim], key: tuple, rows: dict[tuple, list[SummaryClaim]]) -> str:
    """For a part's row (a place, a subset), a figure above the whole toll its own report gives
    ("732 in Brask" in a report of 225 dead in all): said, since it is likely a misprint."""
    party, subset, role, place, outcome = key
    if not subset and not place:
        return ""
    whole: dict[str, int] = {}  # article -> the highest whole figure it gives
    for claim in rows.get((party, None, role, None, outcome), []):
        for article in {m.article for m in claim.mentions}:
            whole[article] = max(whole.get(article, 0), claim.count.max if claim.count.max is not None else 10**9)
    notes = []
    for claim in ordered:
        above = [(a, whole[a]) for a in dict.fromkeys(m.article for m in claim.mentions) if a in whole]
        if any((claim.count.min or 0) > total for _, total in above):
            article, total = next((a, t) for a, t in above if (claim.count.min or 0) > t)
            notes.append(f"{claim.count.label()} [{claim.id}] is more than the whole toll its report gives ({total}, "
                         f"{article}): possibly a misprint")
    return (" " + "; ".join(notes) + ".") if notes else ""


# --- rows and the claims they compare ---------------------------------------------------------


def _rows(claims: list[SummaryClaim], subset_of: dict[str, str | None]) -> dict[tuple, list[SummaryClaim]]:
    """(party, subset, role, place key, plain outcome) -> non-vague claims, in claim order."""
    by_victims: dict[tuple, list[SummaryClaim]] = {}
    places = place_keys(claims)
    for claim in claims:
        if not is_vague(claim.count):
            party, subset, _outcome, role, place = row_key(claim, subset_of, places)
            by_victims.setdefault((party, subset, role, place), []).append(claim)
    rows: dict[tuple, list[SummaryClaim]] = {}
    for victims, members in by_victims.items():
        plain = {c.outcome for c in members if c.outcome in PLAIN_OUTCOMES}
        for claim in members:
            parts = [o for o in PLAIN_OUTCOMES if o in claim.outcome.parts() and o in plain]
            for outcome in parts or [claim.outcome]:
                rows.setdefault((*victims, outcome), []).append(claim)
    return rows


# --- time ------------------------------------------------------------------------------------


_CUE_RANK = {"earlier": 0, None: 1, "later": 2}


def _in_time_order(members: list[SummaryClaim], order: dict[str, int]) -> list[SummaryClaim]:
    """Dated claims earliest first (on one day: a figure called earlier, then the others, then one
    the toll moved to; then first told), then the undated ones in claim order."""
    dated = sorted((c for c in members if c.as_of), key=lambda c: (c.as_of, _CUE_RANK[cue(c)], order[c.id]))
    return dated + [c for c in members if not c.as_of]


def _slots(members: list[SummaryClaim], by_report: bool = False) -> dict[object, list[SummaryClaim]]:
    """The claims given at one time: one ``as_of`` day (with ``by_report``, one day in one
    report), or one undated report. A figure the sentence calls earlier belongs to no time of its own."""
    slots: dict[object, list[SummaryClaim]] = {}
    for claim in members:
        if cue(claim) == "earlier":
            continue
        for article in dict.fromkeys(m.article for m in claim.mentions):
            if claim.as_of is None:
                slots.setdefault(("undated", article), []).append(claim)
            elif by_report:
                slots.setdefault((claim.as_of, article), []).append(claim)
        if claim.as_of and not by_report:
            slots.setdefault(claim.as_of, []).append(claim)
    return slots


def _incompatible_pair(members: list[SummaryClaim], accept) -> tuple[SummaryClaim, SummaryClaim] | None:
    """Two claims whose figures cannot both be true and that ``accept`` takes, searched among the
    ``CANDIDATES`` highest lower bounds against the ``CANDIDATES`` lowest upper bounds."""
    highs = sorted(members, key=lambda c: -(c.count.min or 0))[:CANDIDATES]
    lows = sorted((c for c in members if c.count.max is not None), key=lambda c: c.count.max)[:CANDIDATES]
    for a in highs:
        for b in lows:
            if a is not b and (a.count.min or 0) > b.count.max and accept(a, b):
                return a, b
    return None


def rival_pairs(claims: list[SummaryClaim]) -> list[tuple[SummaryClaim, SummaryClaim]]:
    """The pairs of one row's claims that make it ``contradictory`` (see ``_rivals``): for the lead,
    which claimants disagree."""
    return _rivals(claims)


def _rivals(ordered: list[SummaryClaim]) -> list[tuple[SummaryClaim, SummaryClaim]]:
    """Pairs of named claimants whose figures cannot both be true: per time (see ``_slots``), and
    for a side's losses also across days between claimants of different sides (the army's count of
    its dead against its enemy's is a dispute whatever the day, not a toll that moved)."""
    def rivals(a: SummaryClaim, b: SummaryClaim) -> bool:
        return named_claimant(a) and named_claimant(b) and not same_claimant(a, b)

    pairs = []
    days = set()  # the days a pair of one report was found for: one report's pair says it best
    for key, slot in _slots(ordered, by_report=True).items():
        pair = _incompatible_pair(slot, rivals)
        if pair and _ids(pair) not in {_ids(p) for p in pairs}:
            pairs.append(pair)
            days.add(key[0])
    for day, slot in _slots(ordered).items():
        pair = _incompatible_pair(slot, rivals) if isinstance(day, date) and day not in days else None
        if pair and _ids(pair) not in {_ids(p) for p in pairs}:
            pairs.append(pair)
    if ordered[0].victim_party is not None:
        sides = [c for c in ordered if c.claimant_party and cue(c) != "earlier"]
        pair = _incompatible_pair(sides, lambda a, b: rivals(a, b) and a.claimant_party != b.claimant_party)
        if pair and _ids(pair) not in {_ids(p) for p in pairs}:
            pairs.append(pair)
    return pairs


def _ids(pair: tuple[SummaryClaim, SummaryClaim]) -> tuple[str, str]:
    return pair[0].id, pair[1].id  # claims compared by id: pydantic equality walks every field


def _kind(ordered: list[SummaryClaim], rivals: list[tuple[SummaryClaim, SummaryClaim]]) -> ConflictKind:
    if rivals:
        return ConflictKind.contradictory
    if _incompatible_pair(ordered, lambda a, b: True) is None:
        days = {c.as_of for c in ordered}
        return ConflictKind.changed_over_time if all(days) and len(days) > 1 else ConflictKind.lower_bounds
    # at one time (a day, an undated report), two voices' figures that cannot both be true, one of
    # them an article's own; or figures of an undated report against another report's
    one_time = any(_incompatible_pair(slot, lambda a, b: not same_claimant(a, b)) for slot in _slots(ordered).values())
    if one_time or _undated_against_others(ordered):
        return ConflictKind.moved_or_disputed
    return ConflictKind.changed_over_time


def _undated_against_others(ordered: list[SummaryClaim]) -> bool:
    """Whether an undated report's figure cannot be true with a figure of another report or of a
    dated one: nothing then orders the two in time. Linear in the claims."""
    groups: dict[object, tuple[int, float]] = {}  # report (or all dated claims) -> (highest low, lowest high)
    for claim in ordered:
        group = "dated" if claim.as_of else claim.mentions[0].article
        low, high = groups.get(group, (0, float("inf")))
        top = claim.count.max if claim.count.max is not None else float("inf")
        groups[group] = (max(low, claim.count.min or 0), min(high, top))
    if len(groups) < 2 or set(groups) == {"dated"}:
        return False
    by_low = sorted(groups, key=lambda g: -groups[g][0])[:2]
    by_high = sorted(groups, key=lambda g: groups[g][1])[:2]
    return any(g != h and groups[g][0] > groups[h][1] for g in by_low for h in by_high)


def _about(key: tuple, ordered: list[SummaryClaim], party_names: dict[str, str]) -> str:
    party, subset, _role, place, outcome = key
    first = ordered[0]
    victims = party_names.get(party, party) if party and not subset and not place else first.victims
    where = next((c.place_within for c in ordered if c.place_within), None)
    if where and place:
        base = re.sub(r"\s+(?:in|at)\s+.*$", "", victims)
        where = re.sub(r"^The\b", "the", where)
        phrase = where if _PREPOSITION.match(where) else f"in {where}"
        victims = f"{base} {phrase}"
    condition = subset.split(":", 1)[1] if subset and subset.startswith("condition:") else None
    return f"{victims} {outcome.value.replace('_', ' ')}" + (f" ({condition})" if condition else "")


_PREPOSITION = re.compile(r"(?:in|at|from|on|inside)\b")


def _day(when: date | None) -> str:
    return f"{when.day} {when:%b %Y}" if when else "undated"


def _figure_text(claim: SummaryClaim, outcome: Outcome, dated: bool = True) -> str:
    extra = "" if claim.outcome == outcome else f" {claim.outcome.value.replace('_', ' ')}"
    flag = " (possibly another incident)" if claim.possibly_other_incident else ""
    earlier = " (an earlier figure)" if cue(claim) == "earlier" else ""
    when = f" ({_day(claim.as_of)})" if dated and claim.as_of else ""
    return f"{claim.claimant.label()} says {claim.count.label()}{extra}{when}{earlier} [{claim.id}]{flag}"


def _note(ordered: list[SummaryClaim], kind: ConflictKind, outcome: Outcome,
          rivals: list[tuple[SummaryClaim, SummaryClaim]]) -> str:
    who = "; ".join(_figure_text(c, outcome) for c in ordered)
    dated = [c for c in ordered if c.as_of]
    moved = len({c.as_of for c in dated}) > 1 and len({count_key(c.count) for c in dated}) > 1
    if kind is ConflictKind.contradictory:
        pairs = rivals[:3]
        against = "; ".join(f"{a.claimant.label()} says {a.count.label()} [{a.id}], {b.claimant.label()} "
                            f"{b.count.label()} [{b.id}] ({_when_given(a, b)})" for a, b in pairs)
        also = f" {_span(dated)}." if moved else ""
        return f"Claimants disagree: {against}.{also} All figures, dated ones earliest first: {who}."
    if kind is ConflictKind.changed_over_time:
        revisions = _revisions(dated) if outcome is Outcome.killed else ""  # the missing and the injured still in care fall
        return f"{_movement(dated or ordered)}, not a disagreement between sources: {who}.{revisions}"
    if kind is ConflictKind.moved_or_disputed:
        undated = len(ordered) - len(dated)
        why = (f"{undated} of the figures {'is' if undated == 1 else 'are'} undated" if undated
               else "some were given on one day, one of them in an article's own voice")
        also = f" {_span(dated)}." if moved else ""
        return (f"The figures cannot all be true, and the reports do not say whether the toll moved or the sources "
                f"disagree: {why}.{also} The dated figures earliest first, then the undated: {who}.")
    low = min(c.count.min or 0 for c in ordered)
    top = max(c.count.min or 0 for c in ordered)
    if any(c.count.max is None for c in ordered):
        span = f"at least {low}, and at least {top} by the highest claim"
    else:
        span = f"between {low} and {max(c.count.max for c in ordered)}"
    return f"Compatible lower bounds, not a sum: {span}. {who}."


def _when_given(a: SummaryClaim, b: SummaryClaim) -> str:
    if a.as_of and a.as_of == b.as_of:
        return f"both on {_day(a.as_of)}"
    shared = [m.article for m in a.mentions if m.article in {n.article for n in b.mentions}]
    return f"both in {shared[0]}" if shared else "at the same time"


def _movement(dated: list[SummaryClaim]) -> str:
    """ "The figure rose from 65 (19 Sep 2017) to 361 (1 Oct 2017)": first and last, and which way."""
    first, last = dated[0], dated[-1]
    lows = [c.count.min or 0 for c in dated]
    if all(a <= b for a, b in zip(lows, lows[1:], strict=False)):
        verb = "rose"
    elif all(a >= b for a, b in zip(lows, lows[1:], strict=False)):
        verb = "fell"
    else:
        verb = "moved"
    def when(claim: SummaryClaim) -> str:
        return f" ({_day(claim.as_of)})" if claim.as_of else ""

    return f"The figure {verb} from {first.count.label()}{when(first)} to {last.count.label()}{when(last)}"


def _span(dated: list[SummaryClaim]) -> str:
    """ "The dated figures run from 12 (4 May 2031) to 31 and 40 (8 May 2031)": the first and last day's figures."""
    def figures(day: date) -> str:
        labels = list(dict.fromkeys(c.count.label() for c in dated if c.as_of == day))
        return ", ".join(labels[:-1]) + f" and {labels[-1]}" if len(labels) > 1 else labels[0]

    first, last = dated[0].as_of, dated[-1].as_of
    return f"The dated figures run from {figures(first)} ({_day(first)}) to {figures(last)} ({_day(last)})"


def _revisions(dated: list[SummaryClaim]) -> str:
    """A claimant's later figure below its own earlier one: a revision, said as such."""
    notes = []
    for i, later in enumerate(dated):
        for earlier in reversed(dated[max(0, i - LOOK_BACK):i]):
            if same_claimant(earlier, later) and named_claimant(later):
                if later.count.max is not None and later.count.max < (earlier.count.min or 0):
                    notes.append(f"{later.claimant.label()} revised its own {earlier.count.label()} [{earlier.id}] "
                                 f"down to {later.count.label()} [{later.id}]")
                break
    return (" " + "; ".join(notes) + ".") if notes else ""
