"""The model quotes, code locates: exact, normalised and fuzzy alignment, and rejection."""

import pytest

from extract.text.grounding import GroundingFailure, locate, normalise_with_map
from schemas import Alignment, Article, ExcludedRange

TEXT = (
    "Fictional report. \u201cWe held the ridge,\u201d the commander said.\n"
    "Officials said   twelve  fighters were killed near the river crossing.\n"
    "UNRELATED: a football club won the regional cup on Sunday evening."
)
ARTICLE = Article(id="a.txt", text=TEXT, excluded=[ExcludedRange(start=TEXT.index("UNRELATED"), end=len(TEXT), reason="second story")])


def test_exact_quote_gets_its_offsets():
    ev = locate("the commander said", ARTICLE)
    assert ev.alignment is Alignment.exact
    assert TEXT[ev.start:ev.end] == "the commander said" == ev.quote


def test_straight_quotes_and_whitespace_are_folded_back_to_the_article_text():
    ev = locate('"We held the ridge," the commander said', ARTICLE)
    assert ev.alignment is Alignment.normalised
    assert ev.quote == "\u201cWe held the ridge,\u201d the commander said"
    assert ev.holds_in(TEXT)

    ev = locate("officials said twelve fighters were killed", ARTICLE)
    assert ev.alignment is Alignment.normalised
    assert ev.quote == "Officials said   twelve  fighters were killed"


def test_small_paraphrase_is_aligned_fuzzily_and_the_span_is_the_article_text():
    ev = locate("Officials said twelve fighter were killed near the river", ARTICLE)
    assert ev.alignment is Alignment.fuzzy
    assert ev.holds_in(TEXT)
    assert "twelve" in ev.quote


@pytest.mark.parametrize(
    "quote, reason",
    [
        ("The minister announced forty civilians died in the flood", "not found"),  # invented
        ("a football club won the regional cup", "excluded"),  # excluded text never backs a claim
        ("said", "too short"),
    ],
)
def test_rejected_quote_says_why(quote, reason):
    result = locate(quote, ARTICLE)
    assert isinstance(result, GroundingFailure)
    assert reason in result.reason


def test_normalise_map_points_every_folded_character_at_its_source():
    folded, index = normalise_with_map("  A\u2019B\t\n C  ")
    assert folded == "a'b c"
    assert index == [2, 3, 4, 5, 8]
