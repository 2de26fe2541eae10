"""More general English forms of casualty reporting (tolls with asides and parts, distributive
"each" lists, ...), each with look-alikes that must not become a claim. Every event, place and
person here is invented."""

from __future__ import annotations

import pytest

import extract.offline.casualty_patterns as patterns
from extract.offline.casualty_patterns import find_claims
from schemas import Outcome

K, W, C, M = Outcome.killed, Outcome.wounded, Outcome.captured, Outcome.missing


def found(sentence: str) -> list[tuple[Outcome, int | None, int | None]]:
    return [(c.outcome, c.count.min, c.count.max) for c in find_claims(sentence)]


def victims(sentence: str) -> list[str]:
    return [c.victims for c in find_claims(sentence)]


POSITIVES = [
    # a toll whose "from ..." names a storm with a capital, and an aside between dashes
    ("The governor raised the province's death toll from Storm Ada from 12 to 1,340 on Monday.",
     [(K, 1340, 1340), (K, 12, 12)]),
    ("Vemar's official death toll from the floods -- which struck the U.S. territory on May 3 -- has risen to 81.",
     [(K, 81, 81)]),
    # "as high as N"; a part of the toll right after it
    ("Some put the death toll from the ferry alone as high as 37 \u2014 32 of which are children.",
     [(K, 37, 37), (K, 32, 32)]),
    ("Officials said the death toll was raised to 140 on Friday evening \u2014 at least 60 in Karsk alone.",
     [(K, 140, 140), (K, 60, None)]),
    ("The toll rose to 41, 12 of them children.", [(K, 41, 41), (K, 12, 12)]),
    # a distributive "each": one claim per item of the list
    ("There were two victims each from Ardenia, Brelia and Tull.", [(K, 2, 2)] * 3),
    ("One victim each came from Vemar, the Ostrava Republic and Karsk.", [(K, 1, 1)] * 3),
    ("Ardenia, Brelia and the Tull Islands each lost at least one of their nationals, the airline said.",
     [(K, 1, None)] * 3),
    ("Three people each from Vemar and Brask were injured.", [(W, 3, 3)] * 2),
    # on board a craft that crashed with no survivors
    ("The ferry that sank with no survivors was carrying 88 passengers and six crew.",
     [(K, None, None), (K, 88, 88), (K, 6, 6)]),
    # cared for: receiving care, remaining in hospitals, an aside between dashes
    ("Twenty people are still receiving critical hospital care after the blast.", [(W, 20, 20)]),
    ("Sixty-one flood victims remained in four hospitals across the province on Friday.", [(W, 61, 61)]),
    ("A total of 40 people — including the 9 most seriously injured — remain in hospital.",
     [(W, 9, 9), (W, 40, 40)]),
    ("The blast killed 14 and left another 60 needing treatment.", [(K, 14, 14), (W, 60, 60)]),
    ("The crush left 30 fans with serious injuries.", [(W, 30, 30)]),
    # the dead counted or named as victims, and the parts of the victims
    ("Officials said they had identified 49 Vemarese victims.", [(K, 49, 49)]),
    ("There had been 35 Brelian victims in the disaster, the operator estimated.", [(K, 35, 35)]),
    ("All 12 victims of the fire have been named.", [(K, 12, 12)]),
    ("The victims include 16 pupils and their two teachers from Karsk.", [(K, 16, 16), (K, 2, 2)]),
    ("The victims included a teacher, two nurses and a baby.", [(K, 1, 1), (K, 2, 2), (K, 1, 1)]),
    # trapped or unaccounted for: missing
    ("There could be 30 more people, mostly miners, trapped under the rubble.", [(M, 30, 30)]),
    ("Rescuers raced to find dozens of pupils who remain unaccounted for.", [(M, None, None)]),
    # a part of the dead or of those taken to hospital
    ("Some 40 people were hurt and 12 of those rushed to hospital were children.", [(W, 40, 40), (W, 12, 12)]),
    ("The agency said 90 of those deaths were in the capital.", [(K, 90, 90)]),
    ("Pupils are confirmed as being among the dead", [(K, None, None)]),
    # a toll argued over: the estimate of a study, a mortality number
    ("The study put its total estimate of deaths at about 1,050.", [(K, 1050, 1050)]),
    ("The real mortality number is closer to 900, the survey found.", [(K, 900, 900)]),
    ("Our estimate of 3,210 excess deaths is likely to be low.", [(K, 3210, 3210)]),
    ("The death toll may be far higher than its official estimate of 64.", [(K, 64, 64), (K, 64, None)]),
    # a doer's own death and injuries someone has
    ("The bomber died at the scene.", [(K, 1, 1)]),
    ("The attacker blew himself up near the gate.", [(K, 1, 1)]),
    ("Two guards suffered serious burns.", [(W, 2, 2)]),
    # a part of the patients; named people among the dead, marked by an age or a noun for people
    ("At least five children were among the patients treated for burns.", [(W, 5, None)]),
    ("Victims confirmed among the dead include 8-year-old Ivo Lent and teenager Ana Ruiz.", [(K, 1, 1), (K, 1, 1)]),
    # a toll broken down by place, with its own "of the dead"
    ("Karsk accounted for 40 of the dead and Tull for 12.", [(K, 40, 40), (K, 12, 12)]),
    # one named person, marked by an age or a caption's place; those killed "along with" them
    ("Opera singer Ivo Lent, 54, also died.", [(K, 1, 1)]),
    ("Ana Ruiz, 33, was killed along with her baby and husband.", [(K, 3, 3)]),
    ("Ana Ruiz, left, was critically injured in the blast.", [(W, 1, 1)]),
    # a headline's state with "still"; the dead named by who counted them
    ("Karsk fire: 14 still in critical care after blaze", [(W, 14, 14)]),
    # ... and a toll given as a multiple of that figure
    ("The toll was double the 1,200 people the council counted.", [(K, 2400, 2400), (K, 1200, 1200)]),
]

NEGATIVES = [
    "The two boys each got five apples from Tom and Ann.",
    "Ardenia and Brelia each lost two matches.",  # no people
    "There were two delegates each from Vemar and Brask.",  # no fate
    "The toll from Storm Ada rose to $40 million.",
    "The company is still trying to contact relatives of 27 victims.",  # a figure of victims, no count of the dead
    "He left 3 children with his mother.",
    "Flight 4417 landed safely with 120 people aboard.",
    "Two nurses in the city hospital said the ward was full.",
    "Rebels have captured the town.",  # an active perfect, not a passive
    "The cat was trapped under a car.",
    "The estimate of 300 homes destroyed came after the storm killed cattle.",
    "Some have life-changing injuries.",  # no figure
    "The 12 buildings had burns.",
    "Karsk accounted for 40 percent of the dead.",
    "All miners are accounted for.",
    "The victims were mostly children.",
    "Other victims were Ivo Lent and Ana Ruiz of Karsk.",  # names without a mark of a person: left out
    "The Karsk Post, left, was hurt.",  # a body, not a person
]


@pytest.mark.parametrize("sentence, expected", POSITIVES)
def test_general_form_is_read(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_look_alike_is_no_claim(sentence):
    assert find_claims(sentence) == []


def test_nationals_on_board_are_dead_only_where_everyone_died():
    sentence = "The airline said 72 Vemarese, 35 Brelian citizens and two Tullans were on board the jet."
    assert found(sentence) == []
    assert [(c.outcome, c.count.min) for c in find_claims(sentence, aboard_died=True)] == [(K, 72), (K, 35), (K, 2)]
    # a craft that vanished keeps its own fate
    vanished = "Six Vemarese were on board the jet which vanished on May 2."
    assert found(vanished) == [(M, 6, 6)]


def test_a_breakdown_continues_the_previous_sentence():
    sentence = "Karsk state accounted for 73, Tull for 45 and Vemar for one."
    assert found(sentence) == []  # alone it names no fate
    claims = find_claims(sentence, after=K)
    assert [(c.outcome, c.count.min, c.victims) for c in claims] == [
        (K, 73, "people in Karsk state"), (K, 45, "people in Tull"), (K, 1, "people in Vemar")]


def test_they_include_names_parts_of_the_previous_victims():
    sentence = "They include a former police officer and an eight-year-old girl."
    assert found(sentence) == []
    assert [(c.outcome, c.count.min, c.victims) for c in find_claims(sentence, after=K)] == [
        (K, 1, "officer"), (K, 1, "girl")]
    assert find_claims("They include Vemar City and Karsk.", after=K) == []


def test_each_names_the_item():
    assert victims("There were two victims each from Ardenia and the Tull Islands.") == [
        "victims from Ardenia", "victims from the Tull Islands"]
    assert victims("Ardenia and Brelia each lost at least one of their nationals.") == [
        "nationals of Ardenia", "nationals of Brelia"]


@pytest.mark.parametrize("sentence", [s for s, _ in POSITIVES] + NEGATIVES)
def test_prefilter_keeps_every_new_form(sentence, monkeypatch):
    skipped = find_claims(sentence)
    monkeypatch.setattr(patterns, "_families_to_run", lambda text: list(patterns._FAMILIES))
    assert skipped == find_claims(sentence)
