"""Figures of another incident told as background never become claims of the event."""

from __future__ import annotations

from datetime import date

import pytest

from extract.text.background import background_reason, event_start
from tests.support.builders import article

START = date(2031, 5, 4)

BACKGROUND = [
    ("It is the worst flooding in Varnia since 2019, when 80 people died after the river overflowed.", "80"),
    ("The 2019 floods, the worst in the province's recent history, killed 80 people.", "80"),
    ("The collapse is the deadliest in the basin since a 2010 gas blast killed 44 miners.", "44"),
    ("It is the deadliest wreck off Kelna since the Osprey went down in 2015 with the loss of 96 lives.", "96"),
    ("The attack was the worst since a 2020 shooting in Orlak in which nine people died.", "nine"),
    ("It would be the worst attack since 56 were killed in the harbour bombings", "56"),
    ("As many as 1,800 people died in 2012 when a storm breached the levees.", "1,800"),
    ("The quake came on the anniversary of the Kelna quake of 2001 that killed 5,000 people.", "5,000"),
    ("The tremor struck years after another quake killed thousands in the capital.", "thousands"),
    ("More than 500,000 people have been killed since the war began.", "500,000"),
]

THIS_EVENT = [
    ("The attack, the deadliest since the war began, killed 12 people.", "12"),
    ("The attack, the deadliest since 2019, killed 12 people.", "12"),
    ("Floods killed 12 people, the worst since 2019.", "12"),
    ("The toll from this week's floods has risen to 31, the agency said.", "31"),
    ("More than 4,600 people died as a result of last year's storm, a study found.", "4,600"),
]


@pytest.mark.parametrize("quote, figure", BACKGROUND)
def test_another_incidents_figure_is_told_as_background(quote, figure):
    assert background_reason(quote, figure, date(2031, 5, 6), START) is not None


@pytest.mark.parametrize("quote, figure", THIS_EVENT)
def test_this_events_figure_is_not_background(quote, figure):
    assert background_reason(quote, figure, date(2032, 2, 1), START) is None


def test_earlier_this_month_is_background_only_in_a_report_told_as_it_happens():
    quote = "Earlier this month a tremor in the south left at least 90 people dead."
    assert background_reason(quote, "at least 90", START, START) is not None
    assert background_reason(quote, "at least 90", date(2031, 5, 20), START) is None


@pytest.mark.parametrize("published", [None, date(2031, 5, 20)])
def test_an_earlier_incident_brought_in_as_an_aside_is_background_dated_or_not(published):
    quote = "The coast is prone to storms, and earlier this month a smaller cyclone in the north killed at least 40 people."
    assert background_reason(quote, "at least 40", published, START) is not None


@pytest.mark.parametrize("quote, figure", [
    ("Earlier this month, a powerful earthquake killed more than 300 people in the capital.", "more than 300"),
    ("Rescuers are still searching, and earlier this month the quake killed 300 people.", "300"),
    ("In a report to parliament earlier this month, the ministry said 1,400 more deaths occurred.", "1,400"),
    ("A bomb went off and earlier this week an attack on the market killed 12, but 30 died in the blast.", "30"),
])
def test_a_follow_up_retelling_its_own_event_with_an_earlier_period_keeps_the_figure(quote, figure):
    assert background_reason(quote, figure, None, START) is None


def test_a_year_is_background_only_well_before_the_event():
    quote = "As many as 1,800 people died in 2030 when the storm breached the levees."
    assert background_reason(quote, "1,800", START, START) is None
    assert background_reason(quote, "1,800", START, None) is None  # no date to compare with


def test_the_event_starts_at_the_first_report_or_the_year_most_reports_name():
    dated = [article("a.txt", "x", date(2031, 5, 6)), article("b.txt", "y", date(2031, 5, 4))]
    assert event_start(dated) == date(2031, 5, 4)
    undated = [article("a.txt", "The 2031 floods, the worst since 2019."), article("b.txt", "In 2031 the river rose.")]
    assert event_start(undated) == date(2031, 1, 1)
