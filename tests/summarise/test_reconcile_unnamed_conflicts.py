"""Conflicts among claims of plain "people", who get no victim party: every row of comparable figures
that differ, with how they differ, and never a part, a breakdown or an attacker beside the whole."""

from __future__ import annotations

from datetime import date

from schemas import Outcome
from summarise.reconcile import reconcile
from tests.support.builders import AT_LEAST, EXACT, article, claim, count, extraction, report

K = Outcome.killed
W = Outcome.wounded
DAY = date(2031, 5, 8)


def _summary(text: str, *claims_of, published: date | None = DAY):
    art = article("a.txt", text, published)
    return reconcile([art], [extraction(art, [claim(art, *c) for c in claims_of])], report())


def _reports(*reports):
    """``reports``: (article id, date, text, [(quote, outcome, victims, count, claimant), ...])."""
    arts = [article(aid, text, day) for aid, day, text, _ in reports]
    extractions = [extraction(art, [claim(art, *c) for c in claims]) for art, (_, _, _, claims) in zip(arts, reports, strict=True)]
    return reconcile(arts, extractions, report())


def test_two_named_claimants_with_incompatible_tolls_in_one_report_conflict():
    text = "The Flood Agency said 31 people had died. The Relief Committee said 40 people had died."
    summary = _summary(text, ("The Flood Agency said 31 people had died.", K, "people", EXACT(31), "The Flood Agency"),
                       ("The Relief Committee said 40 people had died.", K, "people", EXACT(40), "The Relief Committee"))
    [conflict] = summary.conflicts
    assert (conflict.outcome, conflict.kind.value, [f.count.min for f in conflict.figures]) == (K, "contradictory", [31, 40])
    assert "Claimants disagree" in conflict.note and "The Relief Committee says 40" in conflict.note


def test_a_part_of_the_dead_is_no_rival_toll():
    text = "The Flood Agency said 31 people had died. Fourteen of the dead were in Brenmoor, the committee said."
    summary = _summary(text, ("The Flood Agency said 31 people had died.", K, "people", EXACT(31), "The Flood Agency"),
                       ("Fourteen of the dead were in Brenmoor, the committee said.", K, "the dead",
                        count("Fourteen", 14, 14), "the committee"))
    assert summary.conflicts == []


def test_a_row_of_figures_is_one_conflict_and_only_two_named_claimants_make_it_contradictory():
    text = ("The Flood Agency said at least 12 people had died. The Relief Committee said 20 people died. "
            "The agency said 9 people had died. In all 50 people died.")
    summary = _summary(
        text,
        ("The Flood Agency said at least 12 people had died.", K, "people", count("at least 12", 12), "The Flood Agency"),
        ("The Relief Committee said 20 people died.", K, "people", EXACT(20), "The Relief Committee"),
        ("The agency said 9 people had died.", K, "people", EXACT(9), "the agency"),
        ("In all 50 people died.", K, "people", EXACT(50), "the article"),
    )
    [conflict] = summary.conflicts
    assert [f.count.min for f in conflict.figures] == [12, 20, 9, 50]
    assert conflict.kind.value == "contradictory"
    # 20 against 9 is the disagreement: the agency's own 9 is no rival to its 12, the article's 50 no claimant's
    assert "The Relief Committee says 20 [c2], the agency 9 [c3]" in conflict.note


def test_figures_of_reports_of_different_days_changed_over_time_earliest_first():
    summary = _reports(
        ("b.txt", DAY, "The Flood Agency said 31 people had died.",
         [("The Flood Agency said 31 people had died.", K, "people", EXACT(31), "The Flood Agency")]),
        ("a.txt", date(2031, 5, 4), "The Flood Agency said 12 people had died.",
         [("The Flood Agency said 12 people had died.", K, "people", EXACT(12), "The Flood Agency")]),
    )
    [conflict] = summary.conflicts
    assert conflict.kind.value == "changed_over_time"
    assert [(f.count.min, f.as_of) for f in conflict.figures] == [(12, date(2031, 5, 4)), (31, DAY)]
    assert conflict.note.startswith("The figure rose from 12 (4 May 2031) to 31 (8 May 2031), not a disagreement")
    assert "disagree:" not in conflict.note and "cannot" not in conflict.note


def test_a_claimants_later_lower_figure_is_noted_as_its_revision():
    summary = _reports(
        ("a.txt", date(2031, 5, 4), "Police said 14 people had died.",
         [("Police said 14 people had died.", K, "people", EXACT(14), "Police")]),
        ("b.txt", DAY, "Police said 12 people had died.", [("Police said 12 people had died.", K, "people", EXACT(12), "Police")]),
    )
    [conflict] = summary.conflicts
    assert conflict.kind.value == "changed_over_time" and conflict.note.startswith("The figure fell from 14")
    assert "Police revised its own 14 [c1] down to 12 [c2]" in conflict.note


def test_figures_of_undated_reports_are_moved_or_disputed_never_said_to_disagree():
    summary = _reports(
        ("a.txt", None, "Officials said 12 people had died.", [("Officials said 12 people had died.", K, "people", EXACT(12), "Officials")]),
        ("b.txt", None, "Medics said 31 people had died.", [("Medics said 31 people had died.", K, "people", EXACT(31), "Medics")]),
    )
    [conflict] = summary.conflicts
    assert conflict.kind.value == "moved_or_disputed"
    assert "whether the toll moved or the sources disagree, the reports do not say" not in conflict.note
    assert "do not say whether the toll moved or the sources disagree" in conflict.note


def test_compatible_lower_bounds_of_one_day_are_a_range():
    text = "Officials said at least 12 people had died. Medics said at least 20 people had died."
    summary = _summary(text, ("Officials said at least 12 people had died.", K, "people", AT_LEAST(12), "Officials"),
                       ("Medics said at least 20 people had died.", K, "people", AT_LEAST(20), "Medics"))
    [conflict] = summary.conflicts
    assert conflict.kind.value == "lower_bounds" and "not a sum" in conflict.note


def test_a_figure_the_sentence_calls_earlier_is_a_revision_not_a_rival():
    text = "The governor said the official toll had been raised to 28 from 11."
    quote = text
    summary = _summary(text, (quote, K, "people", EXACT(28), "The governor"), (quote, K, "people", EXACT(11), "The governor"),
                       published=None)
    [conflict] = summary.conflicts
    assert conflict.kind.value == "changed_over_time"
    assert [f.count.min for f in conflict.figures] == [11, 28]  # the earlier figure first, though undated
    assert "(an earlier figure)" in conflict.note


def test_two_figures_of_one_claimant_in_one_sentence_are_a_breakdown_not_a_conflict():
    text = "The operator said the ship carried 144 passengers and six crew members, all of whom died."
    summary = _summary(text, (text, K, "passengers", EXACT(144), "The operator"), (text, K, "crew members", count("six", 6, 6), "The operator"))
    assert summary.conflicts == []


def test_the_dead_of_one_site_and_a_toll_the_dead_include_are_parts():
    text = ("The agency said 40 people had died. Relatives of the 11 people who died inside the chapel were told. "
            "The dead include 12 people killed in Brenmoor, the agency said.")
    summary = _summary(
        text,
        ("The agency said 40 people had died.", K, "people", EXACT(40), "The agency"),
        ("Relatives of the 11 people who died inside the chapel were told.", K, "people", EXACT(11), "Relatives"),
        ("The dead include 12 people killed in Brenmoor, the agency said.", K, "people", EXACT(12), "the agency"),
    )
    assert summary.conflicts == []
    assert {c.count.min: c.place_within for c in summary.claims} == {40: None, 11: "inside the chapel", 12: "in Brenmoor"}


def test_others_are_everyone_hurt_unless_the_sentence_counts_someone_else():
    text = ("A gunman killed himself and 14 others. Police said 19 people had died. "
            "Three soldiers and 12 others were killed, the army said.")
    summary = _summary(
        text,
        ("A gunman killed himself and 14 others.", K, "others", EXACT(14), "the article"),
        ("A gunman killed himself and 14 others.", K, "himself", count("himself", 1, 1), "the article"),
        ("Police said 19 people had died.", K, "people", EXACT(19), "Police"),
        ("Three soldiers and 12 others were killed, the army said.", K, "soldiers", count("Three", 3, 3), "the army"),
        ("Three soldiers and 12 others were killed, the army said.", K, "others", EXACT(12), "the army"),
    )
    [conflict] = summary.conflicts
    assert sorted(f.count.min for f in conflict.figures) == [14, 19]


def test_the_injured_still_in_care_are_their_own_row_not_rivals_of_all_the_injured():
    text = ("Police said 47 people were injured. Some 15 people are being treated in critical care, officials said. "
            "Officials said 18 people remain in critical care.")
    summary = _summary(
        text,
        ("Police said 47 people were injured.", W, "people", EXACT(47), "Police"),
        ("Some 15 people are being treated in critical care, officials said.", W, "people", count("Some 15", 15, 15), "officials"),
        ("Officials said 18 people remain in critical care.", W, "people", EXACT(18), "Officials"),
    )
    [conflict] = summary.conflicts
    assert sorted(f.count.min for f in conflict.figures) == [15, 18]
    assert conflict.about == "people wounded (critical care)"


def test_an_attacker_is_never_set_against_the_victims():
    text = "Police said 8 people were killed. The mayor said the gunman, 1, was killed."
    summary = _summary(text, ("Police said 8 people were killed.", K, "people", EXACT(8), "Police"),
                       ("The mayor said the gunman, 1, was killed.", K, "the gunman", EXACT(1), "The mayor"))
    assert summary.conflicts == []


def test_places_written_several_ways_are_one_row_and_a_part_above_its_reports_whole_is_flagged():
    text = ("Officials said 90 people had died: 20 in the State of Brask, 30 in Lorwick and 40 in Tamsey. "
            "Officials said 25 had died in Brask state, 35 in Lorwick and 410 in Tomsey.")
    first, second = text.split(". ")
    first += "."
    summary = _summary(
        text,
        (first, K, "people", EXACT(90), "Officials"),
        (first, K, "people", EXACT(20), "Officials"),
        (second, K, "people", EXACT(25), "Officials"),
        (first, K, "people", EXACT(40), "Officials"),
        (second, K, "people", EXACT(410), "Officials"),
    )
    by_place = {k.about: sorted(f.count.min for f in k.figures) for k in summary.conflicts}
    assert by_place == {"people in the State of Brask killed": [20, 25], "people in Tamsey killed": [40, 410]}
    tamsey = next(k for k in summary.conflicts if "Tamsey" in k.about)
    assert "410 [c5] is more than the whole toll its report gives (90, a.txt): possibly a misprint" in tamsey.note


def test_a_part_is_told_by_of_the_dead_not_by_of_the_groups_fighters():
    from summarise.reconcile.rows import is_part

    text = ("Fourteen of the dead were in Brenmoor. Three of the group's fighters were killed. "
            "More than 90 of the 180 passengers on board were from Varnia.")
    summary = _summary(text, ("Fourteen of the dead were in Brenmoor.", K, "the dead", count("Fourteen", 14, 14), "x"),
                       ("Three of the group's fighters were killed.", K, "fighters", count("Three", 3, 3), "y"),
                       ("More than 90 of the 180 passengers on board were from Varnia.", Outcome.missing, "passengers",
                        count("More than 90", 91), "z"))
    assert [is_part(c) for c in summary.claims] == [True, False, True]
