"""General English forms of casualty reporting, each with the look-alikes that must not become a
claim: tolls and their changes, elliptical lists of figures, fates without a figure word, and
figures of things (buildings, flights, ages, money) that are no count of people. Every event,
place and person here is invented."""

from __future__ import annotations

import pytest

import extract.offline.casualty_patterns as patterns
from extract.offline.casualty_patterns import find_claims
from schemas import Outcome

K, W, C, M = Outcome.killed, Outcome.wounded, Outcome.captured, Outcome.missing


def found(sentence: str) -> list[tuple[Outcome, int | None, int | None]]:
    return [(c.outcome, c.count.min, c.count.max) for c in find_claims(sentence)]


POSITIVES = [
    # a toll, its verb and what it is a toll of
    ("The death toll has risen to 40, the coroner said.", [(K, 40, 40)]),
    ("Harbour police put the toll at 17.", [(K, 17, 17)]),
    ("Velmora flood death toll climbs to 52", [(K, 52, 52)]),
    ("Officials said the death toll was raised to 118 on Friday.", [(K, 118, 118)]),
    ("The toll from the magnitude 6.4 tremor in the Ostrava hills has climbed to 71.", [(K, 71, 71)]),
    ("The official death count was 29.", [(K, 29, 29)]),
    ("Port officials say death toll is only 12", [(K, 12, 12)]),
    ("Surveys suggest the death toll is closer to 400.", [(K, 400, 400)]),
    ("The official death count of 33 is an undercount, doctors wrote.", [(K, 33, 33)]),
    ("The storm's death total has now risen to 61 although others count more.", [(K, 61, 61)]),
    ("The death toll in the Karsk mine fire reached 14.", [(K, 14, 14)]),
    ("Brelia revises ferry death toll down to 88", [(K, 88, 88)]),
    ("Some studies estimated the death toll at more than 900, and a report agreed.", [(K, 900, None)]),
    # a change of toll names the earlier toll too
    ("The governor said the death toll has been increased to 34 from 19.", [(K, 34, 34), (K, 19, 19)]),
    ("The council raised the island's official death toll from the storm from 58 to 1,204 on Monday.",
     [(K, 1204, 1204), (K, 58, 58)]),
    ("The toll - then just 9 - was soon revised.", [(K, 9, 9)]),
    # a list that leaves the verb out: each figure takes the first one's verb and victims
    ("Officials say 40 people have died in Vemar, 12 in neighbouring Ostrava province, 3 in the state of Tull and one in Brask.",
     [(K, 40, 40), (K, 12, 12), (K, 3, 3), (K, 1, 1)]),
    ("Nine were found dead in Karsk, 30 died in Tull, 4 in Vemar and one in Brask.",
     [(K, 9, 9), (K, 30, 30), (K, 4, 4), (K, 1, 1)]),
    # "found dead"; a dash ends the object of a verb
    ("At least 60 people have been found dead, the agency said.", [(K, 60, None)]),
    ("The landslide that has killed at least 25 \u2013 with dozens more missing.", [(K, 25, None), (M, None, None)]),
    # being cared for as a patient, after an auxiliary, names the wounded
    ("The chief said around 40 people were taken to four hospitals after the blast.", [(W, 40, 40)]),
    ("Some 15 people are being treated for \"severe injuries\" at Vemar General.", [(W, 15, 15)]),
    ("Nine remain in 'critical care' after the Karsk fire", [(W, 9, 9)]),
    ("A total of 31 people remain in hospital.", [(W, 31, 31)]),
    ("Five were killed and 15 others were treated for burns.", [(K, 5, 5), (W, 15, 15)]),
    ("Three guards were killed and nine were taken to hospital.", [(K, 3, 3), (W, 9, 9)]),
    # "another" is one more person; "himself" the doer; "more" more of the people named
    ("One ranger was killed and another was seriously wounded.", [(K, 1, 1), (W, 1, 1)]),
    ("The gunman opened fire, killing himself, 12 others, and injuring more than 40 more.",
     [(K, 1, 1), (K, 12, 12), (W, 40, None)]),
    ("The driver crashed the coach, killing 30 passengers and himself.", [(K, 30, 30), (K, 1, 1)]),
    ("The flood killed 12 and injured 30 more.", [(K, 12, 12), (W, 30, 30)]),
    # releasing captives says they were held; bodies counted after "of"
    ("The rebels released 14 captives on Sunday.", [(C, 14, 14)]),
    ("The bodies of 14 miners were recovered on Friday.", [(K, 14, 14)]),
    # a figure of things before a figure of people; an age is an aside
    ("15 buildings collapsed and 40 people died.", [(K, 40, 40)]),
    ("Two trains collided near Brask, killing 17.", [(K, 17, 17)]),
    ("A 6.9-magnitude quake killed 3 herders.", [(K, 3, 3)]),
    ("Flight 4417 crashed in the hills, killing all 80 people on board.", [(K, 80, 80)]),
    ("The guide, aged 23, was killed at the scene.", [(K, 1, 1)]),
    ("The storm killed 12 and caused $2 million in damage.", [(K, 12, 12)]),
    # a subject shared by two verbs; a figure that is the first verb's object is no subject
    ("Police say a lone man detonated a device and died in the blast.", [(K, 1, 1)]),
    ("A gunman stabbed two guards and was killed by police.", [(K, 1, 1)]),
    ("More than 150 of the 239 passengers on board were from Vemar and are missing.", [(M, 150, None), (M, 239, 239)]),
    # a figure of people named by a relative clause
    ("Relatives of the 11 people who died inside the chapel gathered on Sunday.", [(K, 11, 11)]),
    ("The 40 climbers who were killed were named.", [(K, 40, 40)]),
    # a figure glued to a date is part of it
    ("date 2031-04-24 Some 20 people are being treated for injuries.", [(W, 20, 20)]),
]

NEGATIVES = [
    "Forty people attended in Vemar, 12 in Ostrava and 3 in Tull.",  # a list with no fate
    "Rescuers found 3 dead goats.",
    "Two nurses in hospital said 5 patients had recovered.",  # a place, not a fate
    "The pupils were treated to a concert.",
    "He shot himself in the foot.",
    "The council released 14 statements on Sunday.",
    "The rebels freed 3 towns.",
    "15 buildings collapsed in the quake.",
    "A 7.1-magnitude quake struck the valley.",
    "Flight 4417 landed safely with 120 people aboard.",
    "The storm caused $2 million in damage.",
    "Five vehicles were destroyed.",
    "The 12 officials who said nothing were fired.",
    "The 9 trucks which were damaged were towed.",
    "The toll on the regional economy rose to $40 million.",  # money
    "The toll reached 15 buildings in the old town.",  # things
    "The toll road reached 12 exits.",
    "Drivers paid a toll of 5 euros.",
    "The toll bridge has been raised to 20 metres.",
]


@pytest.mark.parametrize("sentence, expected", POSITIVES)
def test_general_form_is_read(sentence, expected):
    assert found(sentence) == expected


def test_a_list_needs_places_of_its_own():
    # "in hospital" and a year are no places of a list: only the first figure is a claim
    assert found("Forty people died in Vemar, 12 in hospital and 3 in 2019.") == [(K, 40, 40)]
    assert found("Five guards were killed in Tull, and 20 were wounded.") == [(K, 5, 5), (W, 20, 20)]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_look_alike_is_no_claim(sentence):
    assert find_claims(sentence) == []


@pytest.mark.parametrize("sentence", [s for s, _ in POSITIVES] + NEGATIVES)
def test_prefilter_keeps_every_new_form(sentence, monkeypatch):
    skipped = find_claims(sentence)
    monkeypatch.setattr(patterns, "_families_to_run", lambda text: list(patterns._FAMILIES))
    assert skipped == find_claims(sentence)
