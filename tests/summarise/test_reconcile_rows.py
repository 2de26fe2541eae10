"""The rows of the casualty table: one place written several ways is one row, a misprint by one vowel too."""

from __future__ import annotations

import pytest

from schemas import Claimant, Count, Evidence, Outcome, SummaryClaim
from summarise.reconcile.rows import place_key, place_keys


@pytest.mark.parametrize("place, key", [
    ("in the State of Brask", "brask"),
    ("Brask state", "brask"),
    ("in neighbouring Brask state", "brask"),
    ("The state of Brask", "brask"),
    ("in Orvale City alone", "orvale city"),
    ("in and around Orvale City", "and around orvale city"),  # a wider area than the city
    ("at the concert hall", "concert hall"),
    (None, None),
])
def test_a_place_key_is_the_name_without_its_preposition_or_administrative_word(place, key):
    assert place_key(place) == key


def _claim(cid: str, place: str) -> SummaryClaim:
    quote = f"3 died {place}."
    return SummaryClaim(id=cid, outcome=Outcome.killed, victims="people", count=Count(min=3, max=3, text="3"),
                        claimant=Claimant(name="officials"), place_within=place,
                        mentions=[Evidence(article="a.txt", start=0, end=len(quote), quote=quote)])


def test_a_name_misprinted_by_one_vowel_joins_its_other_spelling_but_short_or_other_names_do_not():
    claims = [_claim("c1", "in Morvana"), _claim("c2", "in Morvana state"), _claim("c3", "in Morvena"),
              _claim("c4", "in Mali"), _claim("c5", "in Bali"), _claim("c6", "in Morvanx")]
    keys = place_keys(claims)
    assert keys["in Morvena"] == keys["in Morvana"] == "morvana"
    assert keys["in Mali"] != keys["in Bali"] and keys["in Morvanx"] == "morvanx"
