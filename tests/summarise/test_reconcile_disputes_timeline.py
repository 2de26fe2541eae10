"""Disputes beyond numbers and the timeline, on fictional text."""

from __future__ import annotations

from datetime import date

from schemas import ExcludedRange
from summarise.reconcile.disputes import find_disputes
from summarise.reconcile.timeline import build_timeline
from tests.support.builders import article


def test_one_statement_with_different_years_is_a_dispute_with_a_side_per_year():
    a = article("a.txt", "A council led by General Soren Vask took power in 2027, ending civilian rule.")
    b = article("b.txt", "A council led by Gen. Soren Vask took power in 2028 and expelled foreign advisers.")
    c = article("c.txt", "The council that took power in 2027 promised elections.")
    [dispute] = find_disputes([a, b, c])
    assert "took power" in dispute.about
    years = [side.statement[:4] for side in dispute.sides]
    assert years == ["2027", "2028"]
    assert {m.article for m in dispute.sides[0].mentions} == {"a.txt", "c.txt"}


def test_the_same_year_everywhere_is_no_dispute():
    a = article("a.txt", "A council led by General Soren Vask took power in 2027.")
    b = article("b.txt", "General Soren Vask's council took power in 2027, residents recalled.")
    assert find_disputes([a, b]) == []


def test_contrasting_accounts_of_one_object_in_an_article_are_a_dispute():
    text = (
        "On Friday the army said a drone made a forced landing after a technical fault. "
        "However, according to the rebels, their fighters shot down the drone over the hills."
    )
    [dispute] = find_disputes([article("a.txt", text)])
    assert dispute.about == "the drone"
    assert [side.source for side in dispute.sides] == ["the army", "the rebels"]
    for side in dispute.sides:
        [mention] = side.mentions
        assert text[mention.start : mention.end] == mention.quote


def test_a_contrast_without_a_shared_object_is_no_dispute():
    text = "The rebels said dozens of soldiers were captured. But the army said its units withdrew in good order."
    assert find_disputes([article("a.txt", text)]) == []


def test_disputes_never_read_excluded_text():
    text = "Story. Next story: the ministry said a bridge collapsed. However, engineers said the bridge was closed.\n"
    art = article("a.txt", text)
    art.excluded.append(ExcludedRange(start=text.index("Next"), end=len(text), reason="second story"))
    assert find_disputes([art]) == []


def test_weekdays_resolve_against_the_publication_date_and_retellings_merge():
    monday = date(2031, 4, 14)
    a = article("a.txt", "Rebels attacked the town of Orlak on Saturday, the army said.", monday)
    b = article("b.txt", "Rebels attacked the town of Orlak on Saturday, officials said.", monday)
    c = article("c.txt", "Rebels attacked the town of Orlak on Saturday, witnesses said.")  # undated: unresolvable
    [entry] = build_timeline([a, b, c], {})
    assert entry.when == date(2031, 4, 12)
    assert [m.article for m in entry.mentions] == ["a.txt", "b.txt"]


def test_boilerplate_and_background_dates_stay_out_of_the_timeline():
    published = date(2031, 4, 14)
    text = (
        "Since April 1, 2031, we have disabled all advertising on this site.\n"
        "A rebel fighter patrols Orlak on March 2, 2029, in a file photo.\n"
        "The army announced on Sunday that the town had been retaken.\n"
    )
    entries = build_timeline([article("a.txt", text, published)], {})
    assert [(e.when, e.what[:8]) for e in entries] == [(date(2031, 4, 13), "The army")]


def test_a_toll_update_stands_on_the_day_its_claim_gives_not_the_events_day_it_names():
    from schemas import Outcome
    from tests.support.builders import EXACT, claim, extraction

    wednesday = date(2031, 4, 16)
    text = ("Fourteen people have now died after Sunday's crush at the stadium, police said on Tuesday. "
            "The toll from Sunday's crush has reached 21, officials said.")
    art = article("a.txt", text, wednesday)
    claims = [claim(art, "Fourteen people have now died after Sunday's crush at the stadium, police said on Tuesday.",
                    Outcome.killed, "people", EXACT(14), "police"),
              claim(art, "The toll from Sunday's crush has reached 21, officials said.", Outcome.killed, "people",
                    EXACT(21), "officials")]
    entries = build_timeline([art], {"a.txt": extraction(art, claims)})
    # the stated day for the 14; the report's own day for the 21, whose only date names the crush
    assert [(e.when, e.what[:8]) for e in entries] == [(date(2031, 4, 15), "Fourteen"), (wednesday, "The toll")]
