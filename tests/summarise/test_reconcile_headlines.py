"""A headline, or the article's own later words, restating a figure its body credits is that claim.

Inside one article the article's voice (unattributed) giving the same outcome and figure for the
same victims as the one claimant of that figure joins that claimant's claim; "40" beside "at least
40" is one figure. Two claimants, other victims, another role, another place, "more than 40"
or another article never merge that way. Every sentence is invented (the Orva ferry, Velmar).
"""

from __future__ import annotations

from datetime import date

from schemas import Claimant, Outcome
from summarise.reconcile import reconcile
from summarise.reconcile.merge import same_figure
from tests.support.builders import AT_LEAST, EXACT, article, claim, count, extraction, report

DAY = date(2031, 6, 9)
VOICE = Claimant(name="the article", role="unattributed")


def _claims(art, found):
    return reconcile([art], [extraction(art, found)], report()).claims


def test_an_unattributed_headline_is_the_claim_its_body_credits():
    text = "Orva ferry death toll rises to 40: official\nAt least 40 people died when the ferry sank, the transport ministry said.\n"
    art = article("a.txt", text, DAY)
    found = [
        claim(art, "Orva ferry death toll rises to 40: official", Outcome.killed, "people", EXACT(40), VOICE),
        claim(art, "At least 40 people died when the ferry sank, the transport ministry said.", Outcome.killed,
              "people", AT_LEAST(40), "the transport ministry"),
    ]
    (merged,) = _claims(art, found)
    assert len(merged.mentions) == 2
    assert merged.claimant.name == "the transport ministry"  # never the headline's "the article"
    assert merged.count.label() == "at least 40"


def test_the_article_restating_its_own_figure_in_two_forms_is_one_claim():
    text = "Forty dead as Orva ferry sinks\nAt least 40 people died in the sinking.\nThe 40 dead were mostly fishermen.\n"
    art = article("b.txt", text, DAY)
    found = [
        claim(art, "Forty dead as Orva ferry sinks", Outcome.killed, "dead", count("Forty", 40, 40), VOICE),
        claim(art, "At least 40 people died in the sinking.", Outcome.killed, "people", AT_LEAST(40), VOICE),
        claim(art, "The 40 dead were mostly fishermen.", Outcome.killed, "dead", EXACT(40), VOICE),
    ]
    assert [len(c.mentions) for c in _claims(art, found)] == [3]


def test_the_article_beside_two_claimants_of_its_figure_restates_neither():
    text = (
        "Orva ferry toll at 40\n"
        "The transport ministry said 40 people died. The coastguard also said 40 people died.\n"
    )
    art = article("c.txt", text, DAY)
    found = [
        claim(art, "Orva ferry toll at 40", Outcome.killed, "people", EXACT(40), VOICE),
        claim(art, "The transport ministry said 40 people died.", Outcome.killed, "people", EXACT(40), "the transport ministry"),
        claim(art, "The coastguard also said 40 people died.", Outcome.killed, "people", EXACT(40), "the coastguard"),
    ]
    claims = _claims(art, found)
    assert len(claims) == 3
    assert all(len(c.mentions) == 1 for c in claims)


def test_a_restatement_never_joins_other_victims_another_role_or_another_place():
    text = (
        "Forty villagers dead in Velmar\n"
        "The army said 40 soldiers were killed.\n"
        "Police said 40 people were killed in the old town.\n"
        "Five people remain in intensive care.\n"
        "At least five children were among the patients, the hospital said.\n"
    )
    art = article("d.txt", text, DAY)
    found = [
        claim(art, "Forty villagers dead in Velmar", Outcome.killed, "villagers", count("Forty", 40, 40), VOICE),
        claim(art, "The army said 40 soldiers were killed.", Outcome.killed, "soldiers", EXACT(40), "the army"),
        claim(art, "Police said 40 people were killed in the old town.", Outcome.killed, "people", EXACT(40), "police",
              place_within="in the old town"),
        claim(art, "Five people remain in intensive care.", Outcome.wounded, "people", count("Five", 5, 5), VOICE),
        claim(art, "At least five children were among the patients, the hospital said.", Outcome.wounded,
              "children", count("At least five", 5, None), VOICE),
    ]
    claims = _claims(art, found)
    assert [len(c.mentions) for c in claims] == [1, 1, 1, 1, 1]


def test_more_than_a_figure_is_no_restatement_of_it():
    assert same_figure(EXACT(40), AT_LEAST(40))
    assert not same_figure(EXACT(40), count("more than 40", 40, None))
    assert not same_figure(EXACT(40), count("dozens", vague=True))
    text = "The ministry said 40 people died. The ministry later said the toll was higher than 40.\n"
    art = article("e.txt", text, DAY)
    found = [
        claim(art, "The ministry said 40 people died.", Outcome.killed, "people", EXACT(40), "the ministry"),
        claim(art, "the toll was higher than 40", Outcome.killed, "people", count("higher than 40", 40, None), "the ministry"),
    ]
    assert len(_claims(art, found)) == 2


def test_a_headline_never_restates_another_article_s_claim():
    first = article("f1.txt", "Orva ferry death toll rises to 40\n", DAY)
    second = article("f2.txt", "At least 40 people died, the transport ministry said.\n", DAY)
    summary = reconcile(
        [first, second],
        [
            extraction(first, [claim(first, "Orva ferry death toll rises to 40", Outcome.killed, "people", EXACT(40), VOICE)]),
            extraction(second, [claim(second, "At least 40 people died, the transport ministry said.", Outcome.killed,
                                      "people", AT_LEAST(40), "the transport ministry")]),
        ],
        report(),
    )
    assert len(summary.claims) == 2


def test_the_claimant_labels_the_claim_even_when_its_own_line_is_no_sentence():
    # a bulleted line has no closing stop: the figure's words may come from the restatement, the
    # claimant never does
    text = "\u2022 Police say a lone man set off the device and died in the blast\nThe bomber died at the scene.\n"
    art = article("g.txt", text, DAY)
    found = [
        claim(art, "\u2022 Police say a lone man set off the device and died in the blast", Outcome.killed,
              "a lone man", count("a lone man", 1, 1), "Police"),
        claim(art, "The bomber died at the scene.", Outcome.killed, "The bomber", count("The bomber", 1, 1), VOICE),
    ]
    (merged,) = _claims(art, found)
    assert merged.claimant.name == "Police" and len(merged.mentions) == 2
