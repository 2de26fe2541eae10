"""Keyword families hold general English: kinds of party any report may name, not one event's actors."""

from __future__ import annotations

import pytest

from extract.text.families import family_hits


@pytest.mark.parametrize(
    ("phrase", "family"),
    [
        ("the rebels", "separatists"),
        ("government forces", "army"),
        ("foreign mercenaries", "foreign_forces"),
        ("local officials", "local_sources"),
        ("reuters", "media"),
        ("the airline", "companies"),
    ],
)
def test_general_words_name_a_family(phrase, family):
    assert family in {hit.family.id for hit in family_hits(phrase)}


def test_an_unknown_proper_name_is_no_family():
    assert family_hits("the orbis brigade of kessa") == []

