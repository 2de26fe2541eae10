"""The whole offline account of fictional events of kinds the corpus lacks, as a reader would take it.

Each folder under ``tests/data/events/`` is one invented event (its README.md says so and lists
what a reader should take from it): a flood, a mine collapse, a shipwreck, a stadium crush and a
mass shooting, each told by a wire dispatch, a rewrite crediting the same agency, a local outlet
and a later update. Every event has a toll that rises over days, a second claimant who disputes
the official figure, a background figure of an earlier incident that must stay out, parts of the
toll (children, one site) that are not rival tolls, and injured or missing people.

One test function per expectation, parametrized over the events. Where today's system gets an
expectation wrong, that event's case is marked ``xfail(strict=True)`` with what is wrong: the
assertion keeps the right behaviour, so the list of xfails is the measurement of what the
reconciler misses on unseen kinds of events, and a fix shows up as an XPASS that fails the suite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import pytest

from schemas import CasualtyFigure, EventSummary, Outcome, SummaryClaim
from summarise import RunConfig, run_pipeline
from tests.support.paths import PROJECT_ROOT

EVENTS_DIR = PROJECT_ROOT / "tests" / "data" / "events"
ARTICLES = ("01-wire.txt", "02-rewrite.txt", "03-local.txt", "04-update.txt")


@dataclass(frozen=True)
class Part:
    """A figure for part of the dead (children, one site): never a rival to the whole toll."""

    count: int
    words: str  # a word the claim's victims must carry so a reader knows which part it is


@dataclass(frozen=True)
class Step:
    """One day of the toll: the date, and the ways an article may write the figure."""

    when: date
    figure: int
    spellings: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    kind: str
    official: str  # regex on the claimant's label: the authority giving the running toll
    challenger: str  # regex on the claimant's label: who disputes it
    steps: tuple[Step, ...]  # the official toll, in date order
    challenger_figures: tuple[int, ...]  # the challenger's death figures, in date order
    disputed: tuple[int, int]  # (official, challenger) figures that cannot both be true
    background: int  # the toll of an earlier incident, which must not enter
    background_year: str  # the year the reports give for it
    parts: tuple[Part, ...]
    others: tuple[tuple[Outcome, int], ...]  # injured and missing figures the reports give
    not_casualties: tuple[int, ...] = field(default=())  # people on board, rescued...
    lead_sides: tuple[str, ...] = ()  # regexes naming, in the lead, each side of the last disagreement
    earlier: tuple[tuple[int, str], ...] = ()  # other incidents' tolls told as an aside, with words of their sentence

    @property
    def latest(self) -> int:
        return self.steps[-1].figure


EVENTS = {
    "flood": Event(
        kind="flood",
        official=r"disaster (management )?agency|^the agency$",
        challenger=r"relief committee",
        steps=(Step(date(2033, 5, 4), 12, ("12", "twelve")), Step(date(2033, 5, 6), 19, ("19", "Nineteen")),
               Step(date(2033, 5, 8), 31, ("31",))),
        challenger_figures=(27, 40),
        disputed=(31, 40),
        background=80,
        background_year="2009",
        parts=(Part(6, "children"), Part(14, "Brenmoor")),
        others=((Outcome.missing, 30), (Outcome.missing, 9), (Outcome.wounded, 45)),
        lead_sides=(r"agency", r"committee"),
        earlier=((23, "earlier this month"),),
    ),
    "mine-collapse": Event(
        kind="mine-collapse",
        official=r"ministry",
        challenger=r"union|korbel",
        steps=(Step(date(2033, 10, 11), 4, ("4", "Four")), Step(date(2033, 10, 12), 9, ("9", "nine")),
               Step(date(2033, 10, 14), 17, ("17",))),
        challenger_figures=(15, 22),
        disputed=(17, 22),
        background=44,
        background_year="1998",
        parts=(Part(11, "east shaft"),),
        others=((Outcome.missing, 23), (Outcome.missing, 3), (Outcome.wounded, 6)),
        lead_sides=(r"ministry", r"union"),
    ),
    "shipwreck": Event(
        kind="shipwreck",
        official=r"coast guard",
        challenger=r"families' association|ferre",
        steps=(Step(date(2033, 6, 18), 7, ("7", "seven")), Step(date(2033, 6, 19), 15, ("15",)),
               Step(date(2033, 6, 21), 26, ("26",))),
        challenger_figures=(35,),
        disputed=(26, 35),
        background=96,
        background_year="2011",
        parts=(Part(5, "children"), Part(8, "Pellan")),
        others=((Outcome.missing, 48), (Outcome.missing, 22)),
        not_casualties=(212, 157),
        lead_sides=(r"coast guard", r"famil"),
    ),
    "stadium-crush": Event(
        kind="stadium-crush",
        official=r"police",
        challenger=r"supporters'? trust|lorre",
        steps=(Step(date(2034, 4, 9), 9, ("9", "Nine")), Step(date(2034, 4, 10), 14, ("14", "Fourteen")),
               Step(date(2034, 4, 12), 21, ("21",))),
        challenger_figures=(27,),
        disputed=(21, 27),
        background=71,
        background_year="1989",
        parts=(Part(3, "teenagers"),),
        others=((Outcome.wounded, 60), (Outcome.wounded, 118)),
        lead_sides=(r"police", r"trust"),
    ),
    "mass-shooting": Event(
        kind="mass-shooting",
        official=r"police",
        challenger=r"mayor|brandt",
        steps=(Step(date(2034, 3, 3), 5, ("5", "five")), Step(date(2034, 3, 3), 7, ("7", "seven")),
               Step(date(2034, 3, 5), 8, ("8", "Eight"))),
        challenger_figures=(9,),
        disputed=(7, 9),
        background=9,  # the 2016 school shooting; the mayor's withdrawn 9 is a claim of this event
        background_year="2016",
        parts=(Part(1, "petrol station"),),
        others=((Outcome.wounded, 11), (Outcome.wounded, 14)),
        lead_sides=(r"police",),  # the mayor withdrew the 9, so the last word is the police's alone
    ),
}

# Where today's system falls short, per test and event: the one-line reason becomes the xfail.
XFAIL: dict[str, dict[str, str]] = {
    "latest": {
    },
    "evolution": {
    },
    "timeline": {
    },
    "challenger": {
        "shipwreck": "the association's 35 is credited to 'relatives at the port terminal', words describing it",
    },
    "conflict": {
        "shipwreck": "the association's 35 is credited to 'relatives at the port terminal', words describing it",
    },
    "claimant_names": {
    },
    "part_claim": {
        "mass-shooting-petrol-station": "the 1's part is 'a cashier' (its subset): 'at the Marsh Road petrol station' is lost",
    },
    "others": {
    },
    "lead_sides": {
        "shipwreck": "the association's 35 is credited to 'relatives at the port terminal', words describing it",
    },
}


def cases(test: str, items=None):
    """The parametrize cases of one expectation: every event, or ``items`` as (event, extra, id)."""
    reasons = XFAIL.get(test, {})
    params = []
    for event, extra, case_id in items if items is not None else [(e, None, e.kind) for e in EVENTS.values()]:
        reason = reasons.get(case_id)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(event, extra, id=case_id, marks=marks))
    return params


@cache
def summary_of(kind: str) -> EventSummary:
    return run_pipeline(EVENTS_DIR / kind, RunConfig(extractor="offline")).summary


def said_by(claim: SummaryClaim, pattern: str) -> bool:
    return re.search(pattern, claim.claimant.label(), re.IGNORECASE) is not None


def killed_claims(summary: EventSummary) -> list[SummaryClaim]:
    return [c for c in summary.claims if c.outcome == Outcome.killed]


def whole_toll_row(summary: EventSummary, event: Event) -> CasualtyFigure:
    """The casualty row of the whole toll: the killed row holding the first dispatch's official figure."""
    claims = {c.id: c for c in summary.claims}
    first = event.steps[0].figure
    rows = [f for f in summary.figures if f.outcome == Outcome.killed
            and any(b.count.min == first and said_by(claims[b.claim], event.official) for b in f.by_claimant)]
    assert len(rows) == 1, f"expected one whole-toll row with the official {first}, got {len(rows)}"
    return rows[0]


def first_published(summary: EventSummary, claim: SummaryClaim) -> date:
    dates = {a.id: a.published for a in summary.articles}
    return min(dates[m.article] for m in claim.mentions)


def numbers_in(text: str) -> set[int]:
    return {int(n.replace(",", "")) for n in re.findall(r"(?<![\w.])\d[\d,]*(?![\w])", text)}


# --- sources ---------------------------------------------------------------------------------


@pytest.mark.parametrize("event, _", cases("rewrite"))
def test_the_rewrite_and_its_dispatch_are_one_source_and_the_others_independent(event, _):
    groups = sorted(sorted(g.articles) for g in summary_of(event.kind).source_groups)
    assert groups == [["01-wire.txt", "02-rewrite.txt"], ["03-local.txt"], ["04-update.txt"]]


# --- the toll and its evolution --------------------------------------------------------------


@pytest.mark.parametrize("event, _", cases("latest"))
def test_the_latest_toll_is_a_death_claim_of_the_official_side(event, _):
    summary = summary_of(event.kind)
    latest_day = event.steps[-1].when
    assert any(c.count.min == event.latest and said_by(c, event.official) and first_published(summary, c) == latest_day
               for c in killed_claims(summary))


@pytest.mark.parametrize("event, _", cases("evolution"))
def test_the_official_toll_rises_in_date_order_in_one_casualty_row(event, _):
    summary = summary_of(event.kind)
    claims = {c.id: c for c in summary.claims}
    row = whole_toll_row(summary, event)
    official = sorted(((first_published(summary, claims[b.claim]), b.count.min) for b in row.by_claimant
                       if said_by(claims[b.claim], event.official) and b.count.min is not None),
                      key=lambda pair: pair[0])
    figures = list(dict.fromkeys(figure for _, figure in official))
    assert figures == [step.figure for step in event.steps]


@pytest.mark.parametrize("event, _", cases("timeline"))
def test_the_timeline_dates_each_toll_on_its_own_day(event, _):
    timeline = summary_of(event.kind).timeline
    assert min(entry.when for entry in timeline) == event.steps[0].when
    for step in event.steps:
        assert any(entry.when == step.when and any(re.search(rf"\b{s}\b", entry.what) for s in step.spellings)
                   for entry in timeline), f"no timeline entry on {step.when} gives {step.figure}"


# --- the claimants who disagree --------------------------------------------------------------


@pytest.mark.parametrize("event, _", cases("challenger"))
def test_the_challengers_figures_are_its_own_claims_in_the_toll_row(event, _):
    summary = summary_of(event.kind)
    claims = {c.id: c for c in summary.claims}
    row = whole_toll_row(summary, event)
    theirs = sorted(((first_published(summary, claims[b.claim]), b.count.min) for b in row.by_claimant
                     if said_by(claims[b.claim], event.challenger)), key=lambda pair: pair[0])
    assert list(dict.fromkeys(figure for _, figure in theirs)) == list(event.challenger_figures)
    official_parties = {c.claimant_party for c in summary.claims if said_by(c, event.official)}
    assert not any(claims[b.claim].claimant_party in official_parties - {None} for b in row.by_claimant
                   if said_by(claims[b.claim], event.challenger))


@pytest.mark.parametrize("event, _", cases("conflict"))
def test_a_conflict_sets_the_official_figure_against_the_challengers(event, _):
    summary = summary_of(event.kind)
    claims = {c.id: c for c in summary.claims}
    official, challenger = event.disputed
    assert any(
        k.outcome == Outcome.killed and k.kind.value == "contradictory"
        and any(f.count.min == official and said_by(claims[f.claim], event.official) for f in k.figures)
        and any(f.count.min == challenger and said_by(claims[f.claim], event.challenger) for f in k.figures)
        for k in summary.conflicts
    )


@pytest.mark.parametrize("event, _", cases("claimant_names"))
def test_claimants_are_named_without_the_dateline(event, _):
    dateline = re.compile(r"^[A-Z][A-Z ]{2,}\s*[-—–]")
    assert [c.claimant.name for c in summary_of(event.kind).claims if dateline.match(c.claimant.name)] == []


# --- what must stay out ----------------------------------------------------------------------


def background_claims(summary: EventSummary, event: Event) -> list[SummaryClaim]:
    """Claims of an earlier incident's toll: its figure, told in a sentence giving its year (or,
    for an aside, the words of that sentence)."""
    tolls = [(event.background, event.background_year), *event.earlier]
    return [c for c in summary.claims for figure, words in tolls if figure in (c.count.min, c.count.max)
            and any(words in m.quote for m in c.mentions)]


@pytest.mark.parametrize("event, _", cases("background"))
def test_the_earlier_incidents_toll_is_no_claim_figure_or_conflict(event, _):
    summary = summary_of(event.kind)
    ids = {c.id for c in background_claims(summary, event)}
    assert ids == set()
    assert not [b.claim for f in summary.figures for b in f.by_claimant if b.claim in ids]
    assert not [f.claim for k in summary.conflicts for f in k.figures if f.claim in ids]


@pytest.mark.parametrize("event, _", cases("background_lead"))
def test_the_earlier_incidents_toll_is_not_in_the_lead(event, _):
    summary = summary_of(event.kind)
    cited = set(re.findall(r"\bc\d+\b", summary.narrative))
    assert cited & {c.id for c in background_claims(summary, event)} == set()
    # in the shooting 9 is also the mayor's (withdrawn) figure, so there only the cited claims count
    if event.kind != "mass-shooting":
        assert event.background not in numbers_in(summary.narrative)
    assert not {figure for figure, _ in event.earlier} & numbers_in(summary.narrative)


@pytest.mark.parametrize("event, number", cases("not_casualties", [(EVENTS["shipwreck"], n, f"shipwreck-{n}")
                                                              for n in EVENTS["shipwreck"].not_casualties]))
def test_people_on_board_and_rescued_are_not_casualty_claims(event, number):
    assert [c.id for c in summary_of(event.kind).claims if number in (c.count.min, c.count.max)] == []


@pytest.mark.parametrize("event, _", cases("perpetrator", [(EVENTS["mass-shooting"], None, "mass-shooting")]))
def test_the_gunmans_death_is_not_in_the_victims_toll(event, _):
    summary = summary_of(event.kind)
    claims = {c.id: c for c in summary.claims}
    row = whole_toll_row(summary, event)
    shot_by_police = [b.claim for b in row.by_claimant
                      if any(re.search(r"shot (him|dead by (police|officers))", m.quote) for m in claims[b.claim].mentions)
                      and claims[b.claim].count.min == 1]
    assert shot_by_police == []


# --- parts of the toll -----------------------------------------------------------------------


PART_CASES = [(event, part, f"{event.kind}-{part.words.replace(' ', '-')}") for event in EVENTS.values()
              for part in event.parts]


@pytest.mark.parametrize("event, part", cases("part_row", PART_CASES))
def test_a_part_of_the_dead_is_not_a_rival_figure_in_the_whole_toll_row(event, part):
    summary = summary_of(event.kind)
    row = whole_toll_row(summary, event)
    claims = {c.id: c for c in summary.claims}
    assert [b.claim for b in row.by_claimant if b.count.min == part.count
            and re.search(part.words, claims[b.claim].victims + " " + " ".join(m.quote for m in claims[b.claim].mentions),
                          re.IGNORECASE)] == []


@pytest.mark.parametrize("event, part", cases("part_claim", PART_CASES))
def test_a_part_of_the_dead_is_a_claim_that_says_which_part(event, part):
    summary = summary_of(event.kind)
    # the part is said by the victims' words or by the claim's facts (its subset or place within the event)
    assert any(c.count.min == part.count
               and re.search(part.words, " ".join(filter(None, (c.victims, c.victim_subset, c.place_within))), re.IGNORECASE)
               for c in killed_claims(summary))


# --- injured and missing ---------------------------------------------------------------------


OTHER_CASES = [(event, other, f"{event.kind}-{other[0].value}-{other[1]}") for event in EVENTS.values()
               for other in event.others]


@pytest.mark.parametrize("event, other", cases("others", OTHER_CASES))
def test_injured_and_missing_figures_are_claims_with_their_outcome(event, other):
    outcome, figure = other
    assert any(c.outcome == outcome and c.count.min == figure for c in summary_of(event.kind).claims)


# --- the lead paragraph ----------------------------------------------------------------------


@pytest.mark.parametrize("event, _", cases("lead_latest"))
def test_the_lead_gives_the_latest_toll(event, _):
    assert event.latest in numbers_in(summary_of(event.kind).narrative)


@pytest.mark.parametrize("event, _", cases("lead_sides"))
def test_the_lead_gives_each_side_of_the_last_disagreement(event, _):
    narrative = summary_of(event.kind).narrative
    sentences = re.split(r"(?<=[.;])\s+", narrative)
    figures = (event.latest, event.challenger_figures[-1])[: len(event.lead_sides)]
    for side, figure in zip(event.lead_sides, figures, strict=True):
        assert any(figure in numbers_in(s) and re.search(side, s, re.IGNORECASE) for s in sentences), (side, figure)
