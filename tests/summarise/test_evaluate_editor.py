"""What an editor needs, scored against fictional gold: key figures in the lead, casualty-table rows
mixing victim sides, disputes found; and the corpus benchmark's Markdown table."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from schemas import CasualtyFigure, Claimant, Dispute, DisputeSide, Evidence, FigureByClaimant, Outcome, SummaryClaim
from summarise.evaluate import evaluate, format_eval_table
from summarise.evaluate.editor import first_paragraph, numbers_written, sides_share_a_row
from summarise.evaluate.gold import GoldDispute, GoldKeyFigure, GoldReconciliation
from tests.summarise.test_evaluate import (
    ARTICLES,
    KESSA_UMBRELLAS,
    REBELS_KILLED,
    SOLDIERS_CAPTURED,
    _mention,
    _summary,
    count,
    extraction,
    gold_claim,
    kessa_gold,
    system_claim,
)

CIVILIANS_WOUNDED = gold_claim("g-a3", "a.txt", "wounded", "civilians", count(None, None, "several", True),
                               "several civilians were wounded in the crossfire")


# --- key figures in the lead -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("The toll rose to 2,975 on Tuesday.", {2975}),
        ("The toll rose to 2975.", {2975}),
        ("Seven fighters and twenty-two soldiers died; Thirty one were hurt.", {7, 22, 31}),
        ("Twelve [c12: 003_ab12cd.txt] were killed.", {12}),  # citations hold ids, not figures
        ("Flight KX370 lost 1.5 tonnes of fuel.", set()),  # a code and a decimal are no counts
        ("At least 65, then 361 dead.", {65, 361}),
    ],
)
def test_numbers_are_read_as_written_in_digits_or_words(text, numbers):
    assert numbers_written(text) == numbers


def test_the_lead_is_the_narrative_up_to_its_first_blank_line():
    assert first_paragraph("First part.\nStill first.\n\nSecond part.") == "First part.\nStill first."


def _key_figure_report(narrative: str):
    gold = kessa_gold(key_figures=[GoldKeyFigure(about="rebels killed", numbers=[12, 4]),
                                   GoldKeyFigure(about="soldiers captured", numbers=[30])])
    return evaluate(_summary([], [], [], narrative), [], gold, ARTICLES)


def test_a_key_figure_is_found_when_any_of_its_numbers_is_in_the_lead():
    report = _key_figure_report("Four rebels were killed [c1: b.txt], and 30 soldiers were captured.")
    assert (report.key_figures.found, report.key_figures.total, report.key_figures.misses) == (2, 2, [])
    assert report.key_figures.checks[0].found == [4]


def test_a_key_figure_only_in_a_later_paragraph_or_citation_is_missed():
    report = _key_figure_report("At least 12 rebels were killed [c30: a.txt].\n\nLater, 30 soldiers were captured.")
    assert (report.key_figures.found, report.key_figures.total) == (1, 2)
    assert report.key_figures.misses == ["soldiers captured"]
    assert "missing       soldiers captured (any of 30)" in format_eval_table(report)
    assert json.loads(report.model_dump_json())["key_figures"]["misses"] == ["soldiers captured"]


# --- casualty-table rows mixing victim sides ---------------------------------------------------


def _claim(cid: str, outcome: Outcome, victims: str, c, mention: Evidence) -> SummaryClaim:
    return SummaryClaim(id=cid, outcome=outcome, victims=victims, count=c, claimant=Claimant(name="x"), mentions=[mention])


def _row(victims: str, outcome: Outcome, *claims: SummaryClaim) -> CasualtyFigure:
    return CasualtyFigure(victim_party=None, victims=victims, outcome=outcome,
                          by_claimant=[FigureByClaimant(claim=c.id, claimant=c.claimant, count=c.count) for c in claims])


def _rows_report(rows_of):
    rebels = system_claim("a.txt", "at least 12 rebels dead", "killed", "rebels", count(12, None))
    soldiers = system_claim("a.txt", "dozens of soldiers were captured", "captured", "soldiers", count(None, None, "dozens", True))
    civilians = system_claim("a.txt", "several civilians were wounded in the crossfire", "wounded", "civilians",
                             count(None, None, "several", True))
    claims = {
        "s1": _claim("s1", Outcome.killed, "rebels", count(12, None), _mention(rebels)),
        "s2": _claim("s2", Outcome.captured, "soldiers", count(None, None, "dozens", True), _mention(soldiers)),
        "s3": _claim("s3", Outcome.wounded, "civilians", count(None, None, "several", True), _mention(civilians)),
    }
    summary = _summary(list(claims.values()), [], [])
    summary.figures = rows_of(claims)
    gold = kessa_gold(claims=[REBELS_KILLED, SOLDIERS_CAPTURED, CIVILIANS_WOUNDED])
    return evaluate(summary, [extraction("a.txt", rebels, soldiers, civilians)], gold, ARTICLES)


def test_a_row_holding_claims_of_opposed_sides_is_mixed():
    report = _rows_report(lambda c: [_row("people", Outcome.casualties, c["s1"], c["s3"]), _row("soldiers", Outcome.captured, c["s2"])])
    assert report.mixed_rows.rows == 2 and len(report.mixed_rows.mixed) == 1
    row = report.mixed_rows.mixed[0]
    assert row.victims == "people" and row.sides == ["civilians", "separatists"]
    assert row.gold_claims == {"g-a1": "separatists", "g-a3": "civilians"}
    assert "rows mixing victim sides  1/2" in format_eval_table(report)


def test_rows_of_one_side_each_are_not_mixed():
    report = _rows_report(lambda c: [_row(c[k].victims, c[k].outcome, c[k]) for k in ("s1", "s2", "s3")])
    assert report.mixed_rows.rows == 3 and report.mixed_rows.mixed == []


@pytest.mark.parametrize(
    ("sides", "together"),
    [
        ({"separatists", "unknown"}, True),  # unknown goes with every side
        ({"national_army", "contractors"}, True),  # allies held by one umbrella
        ({"army_and_allies", "contractors", "unknown"}, True),
        ({"national_army", "separatists"}, False),
        ({"army_and_allies", "civilians"}, False),
        (set(), True),
    ],
)
def test_sides_share_a_row_only_alone_or_under_one_umbrella(sides, together):
    assert sides_share_a_row(sides, KESSA_UMBRELLAS) is together


# --- disputes ----------------------------------------------------------------------------------


def _dispute(did: str, about: str, *articles: str) -> Dispute:
    sides = [DisputeSide(statement=ARTICLES[a].text[:20], mentions=[Evidence(article=a, start=0, end=20, quote=ARTICLES[a].text[:20])])
             for a in articles]
    return Dispute(id=did, about=about, sides=sides)


def _disputes_report(disputes: list[Dispute]):
    summary = _summary([], [], [])
    summary.disputes = disputes
    gold = kessa_gold(reconciliation=GoldReconciliation(disputes=[
        GoldDispute(about="how many helicopters were lost", articles=["a.txt"]),
        GoldDispute(about="who holds the river crossing", articles=["a.txt", "b.txt"]),
    ]))
    return evaluate(summary, [], gold, ARTICLES).disputes


def test_a_gold_dispute_is_found_by_shared_words_in_its_articles_or_by_exactly_its_articles():
    found = _disputes_report([_dispute("d1", "the helicopter", "a.txt"), _dispute("d2", "a denial", "a.txt", "b.txt")])
    assert (found.found, found.gold, found.system) == (2, 2, 2)
    assert [(c.status, c.dispute) for c in found.checks] == [("found", "d1"), ("found", "d2")]


def test_a_dispute_about_something_else_or_elsewhere_is_not_found():
    found = _disputes_report([_dispute("d1", "the helicopter", "b.txt"), _dispute("d2", "a denial", "a.txt")])
    assert (found.found, found.gold) == (0, 2)
    assert [c.status for c in found.checks] == ["not found", "not found"]


def test_one_summary_dispute_stands_for_one_gold_dispute():
    found = _disputes_report([_dispute("d1", "helicopters lost at the river crossing", "a.txt", "b.txt")])
    assert found.found == 1 and sum(c.status == "found" for c in found.checks) == 1


# --- the corpus benchmark's table --------------------------------------------------------------


def _score_corpus():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "score_corpus.py"
    spec = importlib.util.spec_from_file_location("score_corpus", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_prints_one_markdown_row_per_event_a_failure_and_totals():
    bench = _score_corpus()
    good = _key_figure_report("At least 12 rebels were killed.")
    table = bench.markdown_table({"kessa": good, "kessa-again": good}, {"broken": "GoldError: bad | yaml"})
    lines = table.splitlines()
    assert lines[0].startswith("| event | claim P | claim R | merges | conflicts | key figures in lead | mixed rows |")
    assert all(line.count(" | ") == len(bench.COLUMNS) - 1 for line in lines if "FAILED" not in line)
    assert lines[2].startswith("| broken | FAILED: GoldError: bad \\| yaml")
    assert "| kessa | " in table and " | 1/2 | " in lines[3]
    assert lines[-1].startswith("| **all** |") and " | 2/4 | " in lines[-1]
