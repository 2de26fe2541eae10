"""Parties learnt from the text: a named group's family comes from the articles' own descriptions,
never from a list of one event's actors; words that are no names are never parties. Fictional events."""

from __future__ import annotations

from extract.text.nations import nation_of
from extract.text.victims import victim_subset
from summarise.reconcile.parties import resolve_parties


def test_a_group_described_as_mercenaries_is_learnt_as_foreign_forces():
    names = ["fighters from Varnia's Kestrel mercenary group", "Kestrel", "Kestrel fighters", "the Kestrel mercenaries"]
    resolution = resolve_parties(names)
    assert {resolution.party_of[n] for n in names} == {"foreign_forces"}
    assert {p.id: p.name for p in resolution.parties}["foreign_forces"] == "foreign forces (Kestrel)"


def test_a_name_after_its_description_is_learnt_too():
    resolution = resolve_parties(["the Varnian paramilitary group Kestrel", "Kestrel"])
    assert resolution.party_of["Kestrel"] == "foreign_forces"


def test_an_undescribed_surname_is_never_filed_under_a_family():
    # the same word as a mercenary group of another event means nothing here: a person's surname
    resolution = resolve_parties(["Orbis CEO Lena Kestrel", "Kestrel"])
    assert resolution.party_of["Kestrel"] == resolution.party_of["Orbis CEO Lena Kestrel"] == "person:lena-kestrel"


def test_words_that_are_no_names_are_no_party_and_no_qualifier():
    resolution = resolve_parties(["Saturday", "He", "Another", "The", "the Varnian army"])
    for word in ("Saturday", "He", "Another", "The"):
        assert resolution.party_of[word] is None
    assert all("Saturday" not in p.name and "(He)" not in p.name for p in resolution.parties)


def test_a_capitalised_common_word_qualifies_no_government():
    resolution = resolve_parties(["Education Minister Tomas Brell", "the Varnian government"])
    assert resolution.party_of["Education Minister Tomas Brell"] == "person:tomas-brell"


def test_a_foreign_leader_is_not_filed_under_the_host_government():
    names = ["Varnian officials", "the Varnian prime minister", "Prime Minister Ada Quist", "Mr Quist"]
    resolution = resolve_parties(names)
    assert resolution.party_of["Varnian officials"] == "government:varnian"
    assert resolution.party_of["Prime Minister Ada Quist"] == "person:ada-quist"
    assert resolution.party_of["Mr Quist"] != "government:varnian"


def test_a_leader_named_with_a_nation_joins_that_nation():
    resolution = resolve_parties(["Korsan President Ivo Marek", "President Ivo Marek", "Korsa"])
    assert resolution.party_of["President Ivo Marek"] == resolution.party_of["Korsan President Ivo Marek"]
    assert resolution.party_of["Korsan President Ivo Marek"].startswith("government:kors")


def test_a_lone_word_no_description_places_stays_its_own_words():
    resolution = resolve_parties(["Halvorsen", "Orbis"])
    assert resolution.party_of["Halvorsen"] is None and resolution.party_of["Orbis"] is None


def test_a_listed_country_alone_speaks_for_its_government():
    resolution = resolve_parties(["Norway", "the Norwegian foreign ministry"])
    assert resolution.party_of["Norway"] == resolution.party_of["the Norwegian foreign ministry"] == "government:norway"


def test_demonym_and_force_noun_name_that_nation_s_forces():
    resolution = resolve_parties(["Norwegian soldiers", "Norway's army", "Danish troops"])
    assert resolution.party_of["Norwegian soldiers"] == resolution.party_of["Norway's army"] == "army:norway"
    assert resolution.party_of["Danish troops"] == "army:denmark"


def test_nations_are_general_english():
    assert nation_of("Malian") == nation_of("Malians") == nation_of("Mali's") == "Mali"
    assert nation_of("Saturday") is None and nation_of("Orbis") is None


def test_a_nation_s_people_on_no_side_are_kept_apart_from_people_at_large():
    assert victim_subset("Norwegians", None) == "nation:norway"
    assert victim_subset("people", None) is None


def test_a_group_described_with_its_nation_is_no_person_among_victims():
    assert victim_subset("fighters from Varnia's Kestrel mercenary group", "foreign_forces") is None
