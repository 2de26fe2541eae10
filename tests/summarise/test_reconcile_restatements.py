"""Restatements of one claim inside one article merge; distinct claims of one article stay apart.

Every sentence here is invented (the Orva ferry, the Varnian Ferry Line); no corpus text.
"""

from __future__ import annotations

from datetime import date

import pytest

from schemas import Outcome
from summarise.reconcile import reconcile
from tests.support.builders import EXACT, VAGUE, article, claim, extraction, report

DAY = date(2031, 5, 2)
TEXT = (
    "Ferry line tells families no one survived\n"
    "The Varnian Ferry Line told families that none of the passengers survived.\n"
    "It said the ferry was lost with everyone on board and that no one survived.\n"
    "The ferry line also said several crew members died and several villagers on the shore died.\n"
)
ART = article("f.txt", TEXT, DAY, "AFP")
LINE = "the Varnian Ferry Line"


def _everyone():
    return claim(ART, "no one survived\n", Outcome.killed, "everyone", VAGUE("no one survived"), LINE)


def _passengers():
    return claim(ART, "none of the passengers survived", Outcome.killed, "the passengers", VAGUE("none"), LINE)


def _villagers():
    return claim(ART, "several villagers on the shore died", Outcome.killed, "villagers on the shore", VAGUE("several"), LINE)


def _merged(claims):
    summary = reconcile([ART], [extraction(ART, claims)], report())
    return sorted(len(c.mentions) for c in summary.claims)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_everyone_beside_named_victims_is_one_claim_in_either_order(order):
    claims = [_everyone(), _passengers()]
    assert _merged([claims[i] for i in order]) == [2]


def test_unnamed_victims_that_are_not_everyone_stay_apart_from_named_ones():
    several = claim(ART, "several crew members died", Outcome.killed, "several", VAGUE("several"), LINE)
    assert _merged([_passengers(), several]) == [1, 1]


def test_everyone_does_not_join_two_different_named_victims_of_one_article():
    # "none of the passengers" and "several villagers" are two claims: "no one survived" may
    # restate either, but it never makes them one
    assert len(_merged([_passengers(), _everyone(), _villagers()])) >= 2


def test_two_figures_by_one_claimant_in_one_article_stay_apart():
    text = "The ferry line said 12 passengers were killed. Later it said 30 passengers were killed.\n"
    art = article("g.txt", text, DAY, "AFP")
    claims = [
        claim(art, "12 passengers were killed", Outcome.killed, "12 passengers", EXACT(12), "the ferry line"),
        claim(art, "30 passengers were killed", Outcome.killed, "30 passengers", EXACT(30), "the ferry line"),
    ]
    summary = reconcile([art], [extraction(art, claims)], report())
    assert sorted(c.count.min for c in summary.claims) == [12, 30]
