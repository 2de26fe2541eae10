"""Properties of grounding and figure parsing over generated text (hypothesis).

Whatever the text, a quote cut from it is found at a span that holds, and no span ever returned
points at text that is not the quote's own (the promise every citation in the report rests on).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.text.grounding import GroundingFailure, locate, normalise_with_map
from extract.text.numbers import implausible_figure, parse_count
from schemas import Alignment, Article

# letters, digits, spaces, newlines and the typographic marks grounding folds
ALPHABET = st.sampled_from(list("abcdefghij KLMN 0123 .,\n\t\u2019\u201c\u201d\"'-\u2014\u00a0"))
TEXTS = st.text(ALPHABET, min_size=20, max_size=300)


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.data())
def test_a_quote_cut_from_the_article_is_found_where_it_holds(text, data):
    start = data.draw(st.integers(0, len(text) - 10))
    end = data.draw(st.integers(start + 10, len(text)))
    quote = text[start:end]
    article = Article(id="gen.txt", text=text)
    result = locate(quote, article)
    if isinstance(result, GroundingFailure):
        # only a quote with too few visible characters may be refused
        assert len(normalise_with_map(quote.strip())[0]) < 8 or len(quote.strip()) < 8
        return
    assert text[result.start:result.end] == result.quote
    if result.alignment is Alignment.exact:
        assert result.quote in quote


@settings(max_examples=100, deadline=None)
@given(TEXTS, TEXTS)
def test_every_returned_span_holds_even_for_a_quote_from_elsewhere(text, other):
    result = locate(other[:80], Article(id="gen.txt", text=text))
    if not isinstance(result, GroundingFailure):
        assert text[result.start:result.end] == result.quote


@given(st.text(max_size=200))
def test_the_normalised_map_points_inside_the_text_in_order(text):
    folded, index = normalise_with_map(text)
    assert len(folded) == len(index)
    assert index == sorted(index) and all(0 <= i < len(text) for i in index)


@given(st.text(max_size=60))
def test_any_words_give_a_well_formed_count(words):
    if implausible_figure(words.strip()) is not None:  # above the world's population: no count at all
        with pytest.raises(ValueError):
            parse_count(words)
        return
    count = parse_count(words)
    assert count.min is None or count.max is None or count.min <= count.max
    assert (count.min is None and count.max is None) or not count.vague


@given(st.integers(0, 10**6))
def test_digits_parse_to_themselves(n):
    count = parse_count(f"{n:,}")
    assert (count.min, count.max) == (n, n)
