"""The facts that make claims comparable, computed by code from general English (invented names)."""

from __future__ import annotations

from datetime import date

import pytest

from extract.text.claim_facts import as_of, condition_subset, place_told_elsewhere, place_within, with_facts
from extract.text.victims import claim_subset, victim_party, victim_role
from schemas import VictimRole
from tests.support.builders import EXACT, article, claim


@pytest.mark.parametrize("victims, role", [
    ("12 people", VictimRole.people),
    ("civilians", VictimRole.people),
    ("the gunman", VictimRole.attackers),
    ("two suicide bombers", VictimRole.attackers),
    ("three police officers", VictimRole.security_forces),
    ("soldiers of the Varnish army", VictimRole.security_forces),
    ("seven rebel fighters", VictimRole.fighters),
    ("Kestrel mercenaries", VictimRole.fighters),
    ("separatist gunmen", VictimRole.fighters),  # a group's fighters, not one attack's perpetrators
    ("all 40 passengers and crew", VictimRole.passengers_and_crew),
    ("everyone aboard", VictimRole.passengers_and_crew),
    ("two firefighters", VictimRole.rescuers_and_aid_workers),
    ("bodies believed to be from the army's side", VictimRole.security_forces),
    ("bodies on the ground", VictimRole.unknown),
    ("hostages", VictimRole.unknown),
])
def test_the_victims_role_comes_from_their_head_noun(victims, role):
    assert victim_role(victims, f"Officials said {victims} were killed.") == role


@pytest.mark.parametrize("victims, sentence, before", [
    ("himself", "The man opened fire in the hall, killing himself and four others.", ""),
    ("a lone man", "Police say a lone man detonated a device and died in the blast.", ""),
    ("he", "A gunman killed three people before he was shot dead by police, officers said.", ""),
    ("he", "It was confirmed that he died in the blast.", "Police named the bomber behind the attack."),
])
def test_a_lone_attacker_is_told_by_what_the_sentence_says_he_did(victims, sentence, before):
    assert victim_role(victims, sentence, before) == VictimRole.attackers


def test_a_lone_person_with_no_attack_cue_is_no_attacker():
    assert victim_role("he", "His family said he died in hospital on Monday.") != VictimRole.attackers


@pytest.mark.parametrize("victims, party", [
    ("soldiers of the Varnish army", "soldiers"),
    ("Kestrel mercenaries", "Kestrel"),
    ("12 people", None),
    ("civilians", None),
])
def test_the_victims_party_is_the_named_side(victims, party):
    assert victim_party(victims) == party


@pytest.mark.parametrize("victims, figure, sentence, subset", [
    ("the dead", "Three", "Three of the dead were teenagers, police said.", "part:teenagers"),
    ("the dead", "One", "One of the dead was a nurse at the depot.", "part:nurse"),
    ("he", "he", "He died later.", "individual:he"),
    ("his brother and two cousins", "two", "His brother and two cousins were killed.", "kin:his brother and two cousins"),
    ("people", "40", "At least 40 people were killed, officials said.", None),
])
def test_a_subset_is_a_part_of_the_victims(victims, figure, sentence, subset):
    assert claim_subset(victims, figure, sentence) == subset


@pytest.mark.parametrize("figure, sentence, place", [
    ("at least 94", "The toll rose to 230, at least 94 in the capital alone.", "in the capital alone"),
    ("Fourteen", "Fourteen of the dead were in Lorwick, the mayor said.", "in Lorwick"),
    ("Eleven", "Eleven of the dead were recovered from the west shaft.", "from the west shaft"),
    ("40", "Officials said 40 had died in Orvale, 12 in Brisk and three in Tamsey.", "in Orvale"),
    ("12", "Officials said 40 had died in Orvale, 12 in Brisk and three in Tamsey.", "in Brisk"),
    # a list naming a place with a lower-case "of" in it, and a figure "found dead" there
    ("12", "He said 81 have died in Orvale, 37 in Brisk, 12 in the State of Tamsey and one in Lorwick.", "in the State of Tamsey"),
    ("Nine", "Nine were found dead in the state of Tamsey, 30 died in Brisk and four in Lorwick.", "in the state of Tamsey"),
    # the subject of a toll: hardest hit, or two places side by side
    ("31", "The state of Brask, north of the capital, was hardest hit with 31 deaths, its governor said.", "The state of Brask"),
    ("six", "Orvale, a town east of the capital, saw 14 deaths, while Brisk state recorded six deaths.", "Brisk state"),
    # a figure the toll includes, a group defined by where it died, a place named by a pronoun
    ("51", "Officials said the dead include 51 people killed in Orvale by the quake.", "in Orvale"),
    ("7", "Relatives of the 7 people who died inside the chapel during the service spoke.", "inside the chapel"),
    ("64", "The mayor gave a figure of 64 dead in his city.", "in his city"),
    # beside another figure: "in and around X"; a site's wreckage; a toll from one site alone
    ("9", "At least 48 people were killed, up from 9 deaths in and around Orvale.", "in and around Orvale"),
    ("five", "The mayor said five people were still missing inside the wreckage of the tax office, officials said.",
     "inside the wreckage of the tax office"),
    ("as high as 19", "Some put the death toll from the depot alone as high as 19.", "from the depot alone"),
])
def test_a_place_within_the_event_needs_a_clear_cue(figure, sentence, place):
    assert place_within(figure, sentence) == place


def test_a_figure_told_again_with_its_place_takes_the_place_its_article_gives_it():
    text = "88 deaths in Orvale so far\n\nThe agency said 88 of those deaths were in Orvale."
    assert place_told_elsewhere("88", "88 deaths in Orvale so far", text) == "in Orvale"
    assert place_told_elsewhere("88", "88 deaths in Brisk so far", text) is None


@pytest.mark.parametrize("figure, sentence, condition", [
    ("Some 15", "Some 15 people are being treated for burns in critical care, a health official said.", "condition:critical care"),
    ("14", "Fire: 14 still in critical care after the blaze", "condition:critical care"),
    ("Eleven", "Eleven people are still receiving critical hospital care, doctors said.", "condition:critical care"),
    ("Forty", "Forty victims remained in three hospitals on Friday, officials said.", "condition:in hospital"),
    ("30", "Officials said a total of 30 people — including the 9 most seriously hurt — remain in hospital.",
     "condition:in hospital"),
    # inside an aside, the figure's own words give its condition, not the clause around it
    ("9", "Officials said a total of 30 people — including the 9 most seriously hurt — remain in hospital.",
     "condition:critical care"),
    ("9", "Officials said a total of 30 people — including 9 children — remain in hospital.", None),
    ("around 40", "Police said around 40 people were taken to four hospitals after the fire.", None),  # how they were counted
    ("48", "Some 48 people were hurt in the blast and 9 of those taken to hospital were children.", None),
])
def test_an_injured_figure_by_its_condition_is_a_part(figure, sentence, condition):
    assert condition_subset(figure, sentence) == condition


@pytest.mark.parametrize("figure, sentence", [
    ("22", "Twenty-two people were killed at the concert hall on Monday, police said."),  # the whole event's site
    ("22", "22 people were killed in Orvale and 59 injured, police said."),  # beside another figure, still the whole
    ("12", "Police recorded 12 deaths, while the army recorded 15 deaths."),  # claimants, not places
    ("40", "At least 40 people died in the flood in Orvale."),
    ("230", "The quake killed at least 230 people in total."),
])
def test_a_figure_of_the_whole_event_has_no_place_within(figure, sentence):
    assert place_within(figure.lower() if figure.isalpha() else figure, sentence) is None


PUBLISHED = date(2034, 4, 12)  # a Wednesday


@pytest.mark.parametrize("figure, sentence, day, words", [
    ("21", "The toll from Sunday's crush has reached 21, police said on Tuesday.", date(2034, 4, 11), "said on Tuesday"),
    ("361", "The death toll rose to 361 on Monday after another body was found.", date(2034, 4, 10), "on Monday"),
    ("12", "Twelve people have died, officials said yesterday.", date(2034, 4, 11), "said yesterday"),
])
def test_the_figure_stands_at_the_day_its_statement_or_toll_names(figure, sentence, day, words):
    assert as_of(figure, sentence.replace("Twelve", "12"), PUBLISHED) == (day, words)


@pytest.mark.parametrize("figure, sentence", [
    ("14", "Fourteen people have now died as a result of Sunday's crush at the stadium."),  # names the event
    ("65", "At least 65 people were killed Tuesday when the quake struck."),  # the event's own day
    ("150", "150 people died on March 24 when the plane crashed."),
])
def test_the_events_own_day_is_not_the_figures_date(figure, sentence):
    assert as_of(figure, sentence.replace("Fourteen", "14"), PUBLISHED) == (PUBLISHED, None)


def test_with_facts_fills_every_fact_and_marks_background():
    text = ("The flood killed 12 people in Orvale on Monday, officials said on Tuesday. "
            "It was the worst flood since 2019, when 80 people died.")
    art = article("a.txt", text, published=date(2034, 5, 3))
    today = claim(art, "The flood killed 12 people in Orvale on Monday, officials said on Tuesday.",
                  "killed", "people", EXACT(12), "officials")
    earlier = claim(art, "It was the worst flood since 2019, when 80 people died.", "killed", "people", EXACT(80), "the article")
    assert today.victim_role == VictimRole.people and today.as_of == date(2034, 5, 2) and not today.background
    assert earlier.background
    # the builder fills facts as an extractor does; with_facts is idempotent
    assert with_facts(today, art) == today
