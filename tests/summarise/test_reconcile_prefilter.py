"""The cheap checks run before a regex give the regex's own answer."""

import pytest

from extract.text.families import family_hits, names_a_family
from summarise.reconcile.prefilter import may_hold


def test_an_ascii_text_without_the_needed_words_is_passed_over():
    assert not may_hold("The convoy reached the border town.", ("denied", "reject"))
    assert may_hold("The ministry REJECTED the account.", ("denied", "reject"))


def test_a_non_ascii_text_always_goes_to_the_regex():
    # the Kelvin sign matches "k" under re.I, so a word check on such text could miss a match
    assert may_hold("\u212aILLED", ("zzz",))


@pytest.mark.parametrize("text", ["rebel fighters", "a local official said", "the weather was mild", ""])
def test_names_a_family_agrees_with_family_hits(text):
    assert names_a_family(text) == bool(family_hits(text))
