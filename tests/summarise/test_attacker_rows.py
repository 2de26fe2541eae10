"""End to end on a fictional event (invented town, people and figures): an attacker's death never
shares a casualty-table row or a conflict with the victims', and a part sits under its whole."""

from __future__ import annotations

from datetime import date

from schemas import Outcome, VictimRole
from summarise.config import RunConfig
from summarise.pipeline import run_articles
from tests.support.builders import article

REPORTS = [
    article("01.txt", "Bomber kills six at Tessin market\n\n"
            "A suicide bomber killed six people at the covered market in the town of Tessin on Friday, police said. "
            "The bomber, a 30-year-old man, died in the blast, police spokesman Ivo Marrel said.\n",
            published=date(2035, 6, 1)),
    article("02.txt", "Tessin market toll rises to nine\n\n"
            "Nine people have now died after Friday's bombing at the Tessin market, police said on Sunday. "
            "The attacker blew himself up near the fish stalls, killing himself and nine others. "
            "Three of the dead were children, police said.\n",
            published=date(2035, 6, 3)),
    article("03.txt", "Gunman shot dead after attack in Tessin\n\n"
            "A gunman killed two guards at the Tessin depot before he was shot dead by police, officials said.\n",
            published=date(2035, 6, 3)),
]


def _summary():
    return run_articles(REPORTS, RunConfig(extractor="offline")).summary


def test_an_attackers_death_never_shares_a_row_with_the_victims():
    summary = _summary()
    claims = {c.id: c for c in summary.claims}
    for row in summary.figures:
        roles = {claims[b.claim].victim_role for b in row.by_claimant}
        assert not (VictimRole.attackers in roles and roles - {VictimRole.attackers, VictimRole.unknown}), row
    killed_attackers = [c for c in summary.claims if c.victim_role == VictimRole.attackers and c.outcome == Outcome.killed]
    assert killed_attackers, "the bomber's and the gunman's deaths are claims of their own"


def test_an_attackers_death_is_never_a_rival_figure_of_the_victims_toll():
    summary = _summary()
    claims = {c.id: c for c in summary.claims}
    for conflict in summary.conflicts:
        roles = {claims[cid].victim_role for cid in conflict.claims}
        assert VictimRole.attackers not in roles or roles <= {VictimRole.attackers, VictimRole.unknown}


def test_a_part_of_the_dead_sits_after_its_whole_and_is_never_its_rival():
    summary = _summary()
    [part] = [row for row in summary.figures if row.victim_subset and row.victim_subset.startswith("part:")]
    whole = summary.figures.index(part) - 1
    assert summary.figures[whole].victim_subset is None and summary.figures[whole].outcome == part.outcome
    part_claims = {b.claim for b in part.by_claimant}
    assert all(not part_claims & set(conflict.claims) for conflict in summary.conflicts)


def test_the_update_stands_at_the_day_its_statement_names():
    summary = _summary()
    [nine] = [c for c in summary.claims if c.count.min == 9 and c.victim_role != VictimRole.attackers
              and any("said on Sunday" in m.quote for m in c.mentions)]
    assert nine.as_of == date(2035, 6, 3)
