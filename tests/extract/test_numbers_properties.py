"""Properties of figure parsing over generated phrases (hypothesis).

Each phrase is built together with the interval it means: a number (digits with or without
thousands commas, number words, digits or words with scale words, decimals before a scale word)
inside a form (exact, "between A and B", "A to B", "at least", "more than", "up to"). Whatever was
built, ``parse_count`` gives back exactly that interval, with min <= max; a figure above
``MAX_PLAUSIBLE_COUNT`` raises the documented ``ValueError`` and nothing else ever escapes.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from extract.text.numbers import MAX_PLAUSIBLE_COUNT, TENS, UNITS, implausible_figure, parse_count

_UNIT_WORDS = {value: word for word, value in UNITS.items()}
_TEN_WORDS = {value: word for word, value in TENS.items()}
_SCALE_VALUES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def _under_hundred(n: int, hyphen: bool) -> str:
    if n < 20:
        return _UNIT_WORDS[n]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _TEN_WORDS[tens * 10]
    return f"{_TEN_WORDS[tens * 10]}{'-' if hyphen else ' '}{_UNIT_WORDS[unit]}"


def _under_thousand(n: int, hyphen: bool, with_and: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _under_hundred(rest, hyphen)
    head = f"{_UNIT_WORDS[hundreds]} hundred"
    if rest == 0:
        return head
    return f"{head}{' and ' if with_and else ' '}{_under_hundred(rest, hyphen)}"


def in_words(n: int, hyphen: bool = True, with_and: bool = True) -> str:
    """``n`` (below a billion) in English words: 1_000_023 -> "one million twenty-three"."""
    if n == 0:
        return "zero"
    parts = []
    for scale, size in (("million", 1_000_000), ("thousand", 1_000)):
        chunk, n = divmod(n, size)
        if chunk:
            parts.append(f"{_under_thousand(chunk, hyphen, with_and)} {scale}")
    if n:
        parts.append(_under_thousand(n, hyphen, with_and))
    return " ".join(parts)


def _not_a_year(n: int) -> bool:
    return not 1800 <= n <= 2099  # a bare four-digit number in this range is read as a year, by design


@st.composite
def numbers(draw, and_inside: bool = True) -> tuple[str, int]:
    """One number as (its words, its value); without "and" in its words unless ``and_inside``."""
    kind = draw(st.sampled_from(["digits", "commas", "words", "scaled_digits", "decimal_scaled",
                                 "scaled_words", "dozen"]))
    if kind == "digits":
        n = draw(st.integers(0, 10**10).filter(_not_a_year))
        return str(n), n
    if kind == "commas":
        n = draw(st.integers(1_000, 10**10))
        return f"{n:,}", n
    if kind == "words":
        n = draw(st.integers(0, 999_999_999))
        return in_words(n, hyphen=draw(st.booleans()), with_and=and_inside and draw(st.booleans())), n
    if kind == "scaled_digits":  # "3 million", "20 thousand", "12 billion"
        scale = draw(st.sampled_from(sorted(_SCALE_VALUES)))
        n = draw(st.integers(1, 999))
        return f"{n} {scale}", n * _SCALE_VALUES[scale]
    if kind == "decimal_scaled":  # "1.5 million", "8.25 billion"
        scale = draw(st.sampled_from(sorted(_SCALE_VALUES)))
        places = draw(st.integers(1, 3))
        mantissa = draw(st.integers(1, 99_999))
        whole, fraction = divmod(mantissa, 10**places)
        return f"{whole}.{fraction:0{places}d} {scale}", mantissa * _SCALE_VALUES[scale] // 10**places
    if kind == "scaled_words":  # "two hundred thousand", "seven million"
        scale = draw(st.sampled_from(["thousand", "million"]))
        n = draw(st.integers(1, 999))
        return f"{_under_thousand(n, True, and_inside)} {scale}", n * _SCALE_VALUES[scale]
    dozens = draw(st.sampled_from([("a dozen", 12), ("half a dozen", 6), ("two dozen", 24),
                                   ("three dozen", 36), ("one dozen", 12)]))
    return dozens


@st.composite
def phrases(draw) -> tuple[str, int | None, int | None, int]:
    """A figure phrase as (text, min, max, the largest number in it)."""
    form = draw(st.sampled_from(["exact", "between", "to", "at least", "more than", "up to"]))
    # "between one thousand and one hundred and two thousand" has two honest readings (1,000 to
    # 102,000 or 1,100 to 2,000): a "between" built here keeps "and" out of its numbers
    words, n = draw(numbers(and_inside=form != "between"))
    if form in ("between", "to"):
        other_words, m = draw(numbers(and_inside=form != "between"))
        (lo_words, lo), (hi_words, hi) = sorted([(words, n), (other_words, m)], key=lambda pair: pair[1])
        text = f"between {lo_words} and {hi_words}" if form == "between" else f"{lo_words} to {hi_words}"
        if form == "between" and hi <= MAX_PLAUSIBLE_COUNT:
            # a known limit, pinned by the xfail below: the plausibility screen reads the words
            # of both bounds, joined by the range's "and", as one number
            assume(implausible_figure(text) is None)
        return text, lo, hi, hi
    if form == "exact":
        return words, n, n, n
    if form == "up to":
        return f"up to {words}", None, n, n
    return f"{form} {words}", n, None, n


@settings(max_examples=400, deadline=None)
@given(phrases())
def test_a_built_phrase_parses_to_the_interval_it_was_built_from(phrase):
    text, low, high, largest = phrase
    if largest > MAX_PLAUSIBLE_COUNT:
        with pytest.raises(ValueError, match="world's population"):
            parse_count(text)
        return
    count = parse_count(text)
    assert (count.min, count.max, count.vague) == (low, high, False), text
    assert count.min is None or count.max is None or count.min <= count.max


@settings(max_examples=200, deadline=None)
@given(phrases(), st.sampled_from(["Officials said {} people were killed.", "{} were wounded, police said.",
                                   "The army said {} soldiers died on Tuesday."]))
def test_a_phrase_inside_a_sentence_parses_the_same(phrase, template):
    text, low, high, largest = phrase
    sentence = template.format(text)
    if largest > MAX_PLAUSIBLE_COUNT:
        with pytest.raises(ValueError):
            parse_count(sentence)
        return
    count = parse_count(sentence)
    assert (count.min, count.max) == (low, high), sentence


@settings(max_examples=200, deadline=None)
@given(st.lists(phrases(), min_size=1, max_size=4), st.text(max_size=30))
def test_no_exception_but_the_documented_one_and_no_figure_above_the_bound(parts, noise):
    text = f" {noise} ".join(part[0] for part in parts)
    try:
        count = parse_count(text)
    except ValueError as error:
        assert "world's population" in str(error)
        return
    for bound in (count.min, count.max):
        assert bound is None or 0 <= bound <= MAX_PLAUSIBLE_COUNT
    assert count.min is None or count.max is None or count.min <= count.max


@pytest.mark.parametrize(("text", "low", "high"), [
    ("between five and one hundred and five", 5, 105),
    ("between one hundred and twenty and one hundred and fifty", 120, 150),
    ("between 5 and one hundred and five", 5, 105),
    ("between one thousand and one hundred and one thousand", 1_000, 101_000),
])
def test_a_between_range_with_and_inside_its_numbers_finds_the_one_split_that_holds(text, low, high):
    # the pattern's own split (the longest low bound) gives low > high for each; these came back vague
    count = parse_count(text)
    assert (count.min, count.max, count.vague) == (low, high, False)


@pytest.mark.xfail(strict=True, reason="implausible_figure reads 'eighty one and one hundred one million' as "
                   "one number (8.2 billion and more): a plausible range raises ValueError")
def test_a_between_range_in_words_is_not_screened_as_one_huge_number():
    count = parse_count("between eighty one and one hundred one million")
    assert (count.min, count.max) == (81, 101_000_000)


def test_the_word_builder_writes_what_the_parser_is_asked_to_read():
    # the generator's own words, checked by hand, so that a wrong builder cannot pass for a parser bug
    assert in_words(23) == "twenty-three"
    assert in_words(105) == "one hundred and five"
    assert in_words(2_300_040, hyphen=False, with_and=False) == "two million three hundred thousand forty"
