"""Parties of office holders, titled persons and nations: who speaks for a government, a company or
only for themselves, and which words are no party at all. Invented names; real nations only where
general English needs one (an office speaks for a nation that the phrase names)."""

from __future__ import annotations

import pytest

from summarise.reconcile.parties import resolve_parties, same_person


@pytest.mark.parametrize(
    "name",
    [
        "Norwegian Foreign Secretary Ana Roth",
        "the governor of Norway",
        "Norway's governor",
        "Norwegian Gov. Ana Roth",
        "Norwegian Chancellor Ana Roth",
    ],
)
def test_an_office_of_a_named_nation_speaks_for_its_government(name):
    resolution = resolve_parties([name, "Norway says it believes"])
    assert resolution.party_of[name] == "government:norway"


def test_an_office_with_no_nation_named_titles_a_person_only():
    # a state's governor or a university's chancellor is no nation's government
    resolution = resolve_parties(["Gov. Ana Roth", "its governor", "Chancellor Ivo Lent", "the Norwegian government"])
    assert resolution.party_of["Gov. Ana Roth"] == "person:ana-roth"
    assert resolution.party_of["its governor"] is None
    assert resolution.party_of["Chancellor Ivo Lent"] == "person:ivo-lent"


def test_the_office_holder_s_other_names_join_the_government_through_the_person():
    resolution = resolve_parties(["Norwegian Gov. Ana Roth", "Gov. Ana Roth", "Roth"])
    assert {resolution.party_of[n] for n in ("Gov. Ana Roth", "Roth")} == {"government:norway"}
    assert resolution.person_of["Gov. Ana Roth"] == "Ana Roth"  # the title is no part of the name


def test_titles_and_honorifics_are_no_part_of_a_person_s_name():
    names = ["Civil Defence Agency leader Ana Roth Vidal", "Orbis Group Chairman Ivo Lent", "Mr Lent", "Dr. van Brask",
             "Pia van Brask"]
    resolution = resolve_parties(names)
    assert resolution.person_of["Civil Defence Agency leader Ana Roth Vidal"] == "Ana Roth Vidal"
    assert resolution.person_of["Mr Lent"] == resolution.person_of["Orbis Group Chairman Ivo Lent"] == "Ivo Lent"
    assert resolution.person_of["Dr. van Brask"] == "Pia van Brask"


def test_a_lone_surname_after_a_person_s_title_is_that_person_not_the_host_government():
    resolution = resolve_parties(["President Lent", "the Norwegian government", "Norwegian officials"])
    assert resolution.party_of["President Lent"] == "person:lent"


def test_a_shorter_form_of_a_name_joins_the_one_longer_name_it_begins():
    resolution = resolve_parties(["Ana Roth Vidal", "coordinator Ana Roth"])
    assert resolution.person_of["coordinator Ana Roth"] == resolution.person_of["Ana Roth Vidal"]
    # beside two longer names it begins, it names neither
    resolution = resolve_parties(["Ana Roth Vidal", "Ana Roth Sanz", "Ana Roth"])
    assert resolution.person_of["Ana Roth Vidal"] != resolution.person_of["Ana Roth Sanz"]
    assert resolution.person_of["Ana Roth"] == "Ana Roth"
    assert not same_person("Ana Roth Vidal", "Ana Roth Sanz")


def test_nations_however_written_are_never_persons_and_their_people_no_party():
    resolution = resolve_parties(["New Zealand", "New Zealanders", "the Netherlands", "UK"])
    assert resolution.party_of["New Zealand"] == "government:new-zealand"
    assert resolution.party_of["the Netherlands"] == "government:netherlands"
    assert resolution.party_of["UK"] == "government:united-kingdom"
    assert resolution.party_of["New Zealanders"] is None
    assert "New Zealand" not in resolution.person_of


def test_bodies_named_with_police_or_survey_are_organisations_not_persons():
    resolution = resolve_parties(["Brask County Police", "the Norwegian Geological Survey", "Police"])
    assert resolution.party_of["Brask County Police"] == "org:brask-county-police"
    assert resolution.party_of["Police"] is None
    assert not resolution.person_of


def test_a_company_s_executive_speaks_for_the_company_and_a_capital_word_is_no_nation():
    names = ["Regional airline Orbis Air", "Company executive Ana Roth", "Roth", "Orbis Air’s chief executive", "the airline"]
    resolution = resolve_parties(names)
    assert {resolution.party_of[n] for n in names} == {"companies"}
    assert all("Regional" not in p.name for p in resolution.parties)


def test_a_nation_s_initials_name_no_organisation_and_its_territory_no_government():
    resolution = resolve_parties(["the US commonwealth", "the US colony’s government", "the Norwegian government"])
    assert resolution.party_of["the US commonwealth"] is None
    assert resolution.party_of["the US colony’s government"] != "government:united-states"


def test_a_dateline_s_agency_is_no_alias_of_the_place():
    resolution = resolve_parties(["Norway (AP)", "AP"])
    parties = {p.id: p for p in resolution.parties}
    assert "AP" not in parties[resolution.party_of["Norway (AP)"]].aliases


def test_coordinated_nation_adjectives_share_their_head():
    resolution = resolve_parties(["Norwegian and Swedish air force crews"])
    assert resolution.party_of["Norwegian and Swedish air force crews"] == "army:norway+army:sweden"
