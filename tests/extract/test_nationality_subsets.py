"""One nation's victims have one subset key however the words name them, so its figures compare.

"Norwegians", "Norwegian nationals", "victims from Norway" and "nationals of Norway" are all the
Norwegians among the victims: ``nation:norway``. Reconciliation then merges one claimant's figure
for them and never merges one nation's figure with another's, nor with a group that is no
nation ("two teachers from Velmar"). Every sentence is invented.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract.text.nations import nationalities_in, people_of
from extract.text.victims import claim_subset, victim_subset, victims_family
from schemas import Claimant, Outcome
from summarise.reconcile import reconcile
from tests.support.builders import EXACT, article, claim, count, extraction, report

DAY = date(2031, 7, 2)
VOICE = Claimant(name="the article", role="unattributed")


def _subset(victims: str) -> str | None:
    return victim_subset(victims, victims_family(victims))


@pytest.mark.parametrize("victims", [
    "Norwegians", "three Norwegians on board", "Norwegian nationals", "Norwegian victims", "two Norwegian citizens on board",
    "victims from Norway", "victim from Norway", "nationals of Norway", "citizens of Norway",
])
def test_every_way_of_naming_a_nation_s_victims_gives_its_country(victims):
    assert _subset(victims) == "nation:norway"


@pytest.mark.parametrize(("victims", "key"), [
    ("Finns", "nation:finland"), ("a Swede", "nation:sweden"), ("Greeks", "nation:greece"),
    ("Icelanders", "nation:iceland"), ("victims from the Czech Republic", "nation:czech republic"),
    ("two Sri Lankans", "nation:sri lanka"), ("Chileans and Kenyans", "nation:chile+kenya"),
])
def test_words_for_a_people_and_countries_of_several_words_are_one_nation(victims, key):
    assert _subset(victims) == key


@pytest.mark.parametrize("victims", [
    "people", "people in Norway", "the people of Chile", "people from Velmar",
    "Norwegian troops",  # for an armed side the nation names the side, not a part of it
])
def test_places_whole_populations_and_armed_sides_are_no_nationality_subset(victims):
    assert _subset(victims) is None


def test_a_person_introduced_by_nationality_is_that_person():
    assert _subset("Norwegian singer Ana Varga") == "person:ana varga"


def test_words_for_a_people_are_not_country_names():
    assert people_of("Finns") == people_of("a Finn") == "Finland"
    assert people_of("Finland") is None and people_of("Finnish") is None
    assert [(form, country) for _, _, country, form in nationalities_in("Finns, Finnish nationals and Finland")] == [
        ("people", "Finland"), ("adjective", "Finland"), ("country", "Finland"),
    ]


def test_figures_after_the_dead_include_count_part_of_the_victims():
    sentence = "The Norwegian victims include 16 pupils and their two teachers from Velmar."
    assert claim_subset("pupils", "16", sentence) == "part:pupils"
    assert claim_subset("teachers from Velmar", "two", sentence) == "part:teachers from velmar"
    assert claim_subset("people", "22", "Children are among the 22 dead after the blast.") is None


TEXT_A = "There were two victims each from Portugal and Chile. One victim each came from Norway and Finland.\n"
TEXT_B = (
    "The airline had counted two victims each from Portugal and Chile.\n"
    "Norway and Finland each lost one of their nationals.\n"
    "The dead include 16 pupils and their two teachers from Velmar.\n"
)


def _nation_summary():
    a, b = article("a.txt", TEXT_A, DAY), article("b.txt", TEXT_B, DAY)
    each_a, one_a = "There were two victims each from Portugal and Chile.", "One victim each came from Norway and Finland."
    each_b, one_b = "The airline had counted two victims each from Portugal and Chile.", "Norway and Finland each lost one of their nationals."
    teachers = "The dead include 16 pupils and their two teachers from Velmar."
    claims_a = [
        claim(a, each_a, Outcome.killed, "victims from Portugal", count("two", 2, 2), VOICE),
        claim(a, each_a, Outcome.killed, "victims from Chile", count("two", 2, 2), VOICE),
        claim(a, one_a, Outcome.killed, "victim from Norway", count("One", 1, 1), VOICE),
        claim(a, one_a, Outcome.killed, "victim from Finland", count("One", 1, 1), VOICE),
    ]
    claims_b = [
        claim(b, each_b, Outcome.killed, "victims from Portugal", count("two", 2, 2), VOICE),
        claim(b, each_b, Outcome.killed, "victims from Chile", count("two", 2, 2), VOICE),
        claim(b, one_b, Outcome.killed, "nationals of Norway", count("one", 1, 1), VOICE),
        claim(b, one_b, Outcome.killed, "nationals of Finland", count("one", 1, 1), VOICE),
        claim(b, teachers, Outcome.killed, "teachers from Velmar", count("two", 2, 2), VOICE),
        claim(b, teachers, Outcome.killed, "pupils", EXACT(16), VOICE),
    ]
    return reconcile([a, b], [extraction(a, claims_a), extraction(b, claims_b)], report())


def test_one_nation_s_figure_merges_across_articles_and_never_with_another_nation_s():
    summary = _nation_summary()
    by_subset = {}
    for c in summary.claims:
        by_subset.setdefault(c.victim_subset, []).append(c)
    for nation in ("nation:portugal", "nation:chile", "nation:norway", "nation:finland"):
        (merged,) = by_subset[nation]
        assert [m.article for m in merged.mentions] == ["a.txt", "b.txt"]


def test_a_group_from_a_town_never_joins_a_nation_s_figure():
    summary = _nation_summary()
    teachers = next(c for c in summary.claims if "teachers" in c.victims)
    assert [m.article for m in teachers.mentions] == ["b.txt"]
    assert all("teachers" not in c.victims for c in summary.claims if c.victim_subset == "nation:portugal")


def test_one_nation_s_figures_sit_in_one_row_of_the_table():
    text = "The airline said one victim came from Norway. The Norwegian government said at least two Norwegian nationals died.\n"
    art = article("c.txt", text, DAY)
    found = [
        claim(art, "The airline said one victim came from Norway.", Outcome.killed, "victim from Norway", count("one", 1, 1), "the airline"),
        claim(art, "The Norwegian government said at least two Norwegian nationals died.", Outcome.killed,
              "Norwegian nationals", count("at least two", 2, None), "the Norwegian government"),
    ]
    summary = reconcile([art], [extraction(art, found)], report())
    (row,) = [f for f in summary.figures if f.victim_subset == "nation:norway"]
    assert sorted(b.count.label() for b in row.by_claimant) == ["1", "at least 2"]
