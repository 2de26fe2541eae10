"""Party resolution: the names one side goes by resolve to one party, offline and deterministically."""

from __future__ import annotations

from schemas import PartyKind
from summarise.reconcile.parties import PartyResolution, resolve_parties, same_person


def test_acronym_apposition_and_spelling_variants_resolve_to_one_side():
    names = [
        "a rebel coalition, known as the Northern Liberation Front (NLF)",
        "the NLF",
        "NLF-DPA statement",
        "Ilias Montevar, spokesman for the NLF",
        "Ilias Montevaar",
        "the rebel spokesman",
        "the separatist fighters",
    ]
    resolution = resolve_parties(names)
    sides = {resolution.party_of[n] for n in names[:6]}
    assert sides == {"separatists"}
    assert resolution.party_of["the separatist fighters"] == "separatists"
    # the two spellings are one person, shown under one spelling
    assert resolution.person_of["Ilias Montevaar"] == resolution.person_of["Ilias Montevar, spokesman for the NLF"]


def test_a_person_inherits_the_party_of_their_affiliation():
    resolution = resolve_parties(["Dara Polenko", "Dara Polenko, spokeswoman for the Varnian Ministry of Defence"])
    assert resolution.party_of["Dara Polenko"] == "government:varnian"


def test_national_families_are_told_apart_and_an_unqualified_army_goes_to_the_most_named():
    names = ["the Varnian army", "Varnian soldiers", "Varnia's army", "the army", "junta forces", "the Korsan army"]
    resolution = resolve_parties(names)
    varnian = {resolution.party_of[n] for n in names[:5]}
    assert varnian == {"army:varnia"}
    assert resolution.party_of["the Korsan army"] == "army:korsan"


def test_and_names_a_composite_side_while_one_family_stays_one():
    resolution = resolve_parties(["the army and its mercenary allies", "passengers and crew", "Kestrel mercenaries"])
    parties = {p.id: p for p in resolution.parties}
    composite = parties[resolution.party_of["the army and its mercenary allies"]]
    assert composite.kind is PartyKind.coalition and set(composite.members) == {"army", "foreign_forces"}
    assert composite.parts() == frozenset(composite.members) and composite.family is None
    assert resolution.party_of["passengers and crew"] == "passengers"


def test_a_party_carries_its_structure_so_no_one_reads_its_id():
    resolution = resolve_parties(["the Varnian army", "the rebels", "Dara Polenko", "Kestrel Holdings Group"])
    parties = {p.id: p for p in resolution.parties}
    army = parties[resolution.party_of["the Varnian army"]]
    assert (army.kind, army.family, army.affiliation, army.members) == (PartyKind.side, "army", "Varnian", [])
    rebels = parties[resolution.party_of["the rebels"]]
    assert (rebels.kind, rebels.family, rebels.affiliation) == (PartyKind.side, "separatists", None)
    assert parties[resolution.party_of["Dara Polenko"]].kind is PartyKind.person
    assert rebels.parts() == frozenset({rebels.id})


def test_a_role_head_outranks_the_words_before_it():
    resolution = resolve_parties(["Varnian military bloggers", "independent analysts", "a hospital doctor in the town"])
    assert resolution.party_of["Varnian military bloggers"] == "commentators"
    assert resolution.party_of["independent analysts"] == "commentators"
    assert resolution.party_of["a hospital doctor in the town"] == "local_sources"


def test_each_outlet_is_its_own_source_and_unnamed_outlets_are_not_guessed():
    resolution = resolve_parties(["AFP (own reporting)", "Reuters (own reporting)", "the outlet"])
    assert resolution.party_of["AFP (own reporting)"] == "media:afp"
    assert resolution.party_of["Reuters (own reporting)"] == "media:reuters"
    assert resolution.party_of["the outlet"] == "media"


def test_relatives_with_one_surname_are_different_people():
    assert not same_person("Anna Lorvik", "Petra Lorvik")
    assert same_person("Lorvik", "Anna Lorvik")
    resolution = resolve_parties(["Anna Lorvik", "Petra Lorvik, sister of Anna Lorvik"])
    assert resolution.person_of["Anna Lorvik"] != resolution.person_of["Petra Lorvik, sister of Anna Lorvik"]


def test_names_without_a_side_resolve_to_none_and_a_bare_country_to_its_government():
    resolution = resolve_parties(["prisoners", "unspecified", "Korsa (statement)", "the Korsan foreign ministry"])
    assert resolution.party_of["prisoners"] is None
    assert resolution.party_of["unspecified"] is None
    assert resolution.party_of["Korsa (statement)"] == resolution.party_of["the Korsan foreign ministry"] == "government:korsa"


def test_resolution_is_deterministic_and_round_trips_as_json():
    names = ["Ilias Montevar, spokesman for the NLF", "the Varnian army", "the army and its mercenary allies"]
    first, second = resolve_parties(names), resolve_parties(list(names))
    assert first == second
    assert PartyResolution.model_validate_json(first.model_dump_json()) == first


def test_a_family_party_is_named_after_the_group_most_named_for_it():
    names = ["a rebel coalition known as the NLF", "the NLF", "NLF fighters", "rebels", "the army and the rebels"]
    resolution = resolve_parties(names)
    names_by_id = {p.id: p.name for p in resolution.parties}
    assert names_by_id["separatists"] == "separatists (NLF)"
    composite = resolution.party_of["the army and the rebels"]
    assert "separatists (NLF)" in names_by_id[composite]
