"""Conflicts among claims of plain "people", who get no victim party: only clear disagreements."""

from __future__ import annotations

from datetime import date

from schemas import Outcome
from summarise.reconcile import reconcile
from tests.support.builders import EXACT, article, claim, count, extraction, report

K = Outcome.killed
DAY = date(2031, 5, 8)


def _summary(text: str, *claims_of):
    art = article("a.txt", text, DAY)
    return reconcile([art], [extraction(art, [claim(art, *c) for c in claims_of])], report())


def test_two_named_claimants_with_incompatible_tolls_in_one_report_conflict():
    text = "The Flood Agency said 31 people had died. The Relief Committee said 40 people had died."
    summary = _summary(text, ("The Flood Agency said 31 people had died.", K, "people", EXACT(31), "The Flood Agency"),
                       ("The Relief Committee said 40 people had died.", K, "people", EXACT(40), "The Relief Committee"))
    assert [(k.outcome, k.kind.value, [f.count.min for f in k.figures]) for k in summary.conflicts] == [
        (K, "contradictory", [31, 40])]


def test_a_part_of_the_dead_is_no_rival_toll():
    text = "The Flood Agency said 31 people had died. Fourteen of the dead were in Brenmoor, the committee said."
    summary = _summary(text, ("The Flood Agency said 31 people had died.", K, "people", EXACT(31), "The Flood Agency"),
                       ("Fourteen of the dead were in Brenmoor, the committee said.", K, "the dead",
                        count("Fourteen", 14, 14), "the committee"))
    assert summary.conflicts == []


def test_compatible_figures_unattributed_figures_and_one_claimant_in_shorter_words_do_not_conflict():
    text = ("The Flood Agency said at least 12 people had died. The Relief Committee said 20 people died. "
            "The agency said 9 people had died. In all 50 people died.")
    summary = _summary(
        text,
        ("The Flood Agency said at least 12 people had died.", K, "people", count("at least 12", 12), "The Flood Agency"),
        ("The Relief Committee said 20 people died.", K, "people", EXACT(20), "The Relief Committee"),
        ("The agency said 9 people had died.", K, "people", EXACT(9), "the agency"),
        ("In all 50 people died.", K, "people", EXACT(50), "the article"),
    )
    # 9 against 20 is the one disagreement: the agency's own 9 is no rival to its 12, the article's 50 no claimant's
    assert [[f.count.min for f in k.figures] for k in summary.conflicts] == [[20, 9]]


def test_figures_of_different_reports_are_a_toll_that_rose_not_a_conflict():
    first = article("a.txt", "The Flood Agency said 12 people had died.", date(2031, 5, 4))
    later = article("b.txt", "The Relief Committee said 40 people had died.", DAY)
    summary = reconcile([first, later], [
        extraction(first, [claim(first, first.text, K, "people", EXACT(12), "The Flood Agency")]),
        extraction(later, [claim(later, later.text, K, "people", EXACT(40), "The Relief Committee")]),
    ], report())
    assert summary.conflicts == []


def test_an_attacker_is_never_set_against_the_victims():
    text = "Police said 8 people were killed. The mayor said the gunman, 1, was killed."
    summary = _summary(text, ("Police said 8 people were killed.", K, "people", EXACT(8), "Police"),
                       ("The mayor said the gunman, 1, was killed.", K, "the gunman", EXACT(1), "The mayor"))
    assert summary.conflicts == []


def test_a_part_is_told_by_of_the_dead_not_by_of_the_groups_fighters():
    from summarise.reconcile.conflicts import is_part

    text = "Fourteen of the dead were in Brenmoor. Three of the group's fighters were killed."
    summary = _summary(text, ("Fourteen of the dead were in Brenmoor.", K, "the dead", count("Fourteen", 14, 14), "x"),
                       ("Three of the group's fighters were killed.", K, "fighters", count("Three", 3, 3), "y"))
    assert [is_part(c) for c in summary.claims] == [True, False]
