"""Figures in words and digits become Counts with the documented conventions."""

from __future__ import annotations

import pytest

from extract.text.numbers import find_count_phrases, parse_count, parse_number


@pytest.mark.parametrize(
    "words, value",
    [
        ("12", 12),
        ("1,200", 1200),
        ("seven", 7),
        ("Seven", 7),
        ("twenty-three", 23),
        ("twenty three", 23),
        ("a hundred", 100),
        ("one hundred and five", 105),
        ("two thousand", 2000),
        ("a dozen", 12),
        ("fish", None),
    ],
)
def test_parse_number(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("12", 12, 12),
        ("seven", 7, 7),
        ("at least 15", 15, None),
        ("More than 150", 150, None),  # "more than N" keeps min=N (the gold's convention)
        ("over 40", 40, None),
        ("20 or more", 20, None),
        ("up to 200", None, 200),
        ("at most nine", None, 9),
        ("fewer than 10", None, 10),
        ("about 40", 40, 40),  # approximate figures stay exact; the hedge stays in text
        ("nearly 300", 300, 300),
        ("some 30", 30, 30),
        ("as many as 200", 200, 200),
        ("between 10 and 15", 10, 15),
        ("five to seven", 5, 7),
        ("5-7", 5, 7),
        ("All 239", 239, 239),
        ("a dozen", 12, 12),
    ],
)
def test_parse_count_bounds(text, low, high):
    count = parse_count(text)
    assert (count.min, count.max, count.vague) == (low, high, False)
    assert count.text == text


@pytest.mark.parametrize(
    "text", ["dozens", "dozens and dozens", "scores", "several", "many", "numerous", "a few", "hundreds", "Others"]
)
def test_vague_words(text):
    count = parse_count(text)
    assert count.vague and count.min is None and count.max is None
    assert count.text == text


def test_text_without_a_figure_is_vague():
    count = parse_count("significant losses")
    assert count.vague and count.min is None and count.text == "significant losses"


@pytest.mark.parametrize(
    "sentence",
    [
        "The junta took power in 2020.",
        "Flights resumed on July 22.",
        "A 29-year-old engineer spoke.",
        "Two-thirds of the crew were from abroad.",
        "The plane left at 12:41 a.m.",
        "The appeal raised $10,000 in a week.",
        "Turnout was 45 percent.",
        "It was the 21st attack this year.",
        "No one was hurt.",
        "Nobody said how many were hurt.",
    ],
)
def test_dates_ages_fractions_money_are_not_counts(sentence):
    assert find_count_phrases(sentence) == []


def test_find_count_phrases_offsets():
    sentence = "Officials said at least 15 soldiers and dozens of rebels died in 2021."
    phrases = find_count_phrases(sentence)
    assert [sentence[s:e] for s, e, _ in phrases] == ["at least 15", "dozens"]
    assert phrases[0][2].min == 15 and phrases[0][2].max is None
    assert phrases[1][2].vague


@pytest.mark.parametrize(
    "words, value",
    [
        ("3 million", 3_000_000),
        ("20 thousand", 20_000),
        ("1.5 million", 1_500_000),
        ("two dozen", 24),
        ("2 dozen", 24),
        ("half a dozen", 6),
        ("half a million", 500_000),
        ("two hundred thousand", 200_000),
        ("three million five hundred thousand", 3_500_000),
        ("8.2 billion", 8_200_000_000),
    ],
)
def test_scale_words_multiply(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize("words", ["8.3 billion", "99999999999999999999", "9" * 10_000, "8,200,000,001", "1.5"])
def test_implausible_or_fractional_numbers_are_no_number(words):
    assert parse_number(words) is None


def test_scaled_figures_in_a_sentence():
    found = find_count_phrases("Some 1.5 million people fled; two dozen were killed and half a dozen wounded.")
    assert [(c.min, c.max) for _, _, c in found] == [(1_500_000, 1_500_000), (24, 24), (6, 6)]


@pytest.mark.parametrize("sentence", ["99999999999999999999 killed", "9" * 10_000 + " people were killed",
                                      "between 12 and 9999999999999 people died"])
def test_a_figure_above_the_world_population_is_not_a_figure(sentence):
    assert find_count_phrases(sentence) == []


def test_a_word_thousand_is_no_year():
    assert [(c.min, c.max) for _, _, c in find_count_phrases("two thousand people were displaced")] == [(2000, 2000)]
    assert find_count_phrases("in 2000 people") == []


def test_offline_extractor_drops_a_claim_on_an_implausible_figure():
    from extract.offline.extractor import extract_article
    from schemas import Article

    text = ("Officials in Varnholt said 99999999999999999999 soldiers were killed.\n"
            "They said 3 million people were displaced and 12 soldiers were killed.\n")
    extraction = extract_article(Article(id="a.txt", text=text))
    assert [c.count.min for c in extraction.claims] == [12]
    assert [d.kind for d in extraction.dropped] == ["claim"]
    assert "implausible figure" in extraction.dropped[0].reason


@pytest.mark.parametrize("text", ["99999999999999999999", "at least 9" + "9" * 10_000, "ten billion"])
def test_parse_count_refuses_an_implausible_figure(text):
    with pytest.raises(ValueError, match="above the world's population"):
        parse_count(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "SEVEN Killed and At Least 12 wounded, Between Three And Five missing",
        "\u0130n 2020 twelve died and Twenty-Three were hurt",  # dotted capital I lower-cases to two letters
        "n\u0131nety were hurt, \u017feven died, and 4 \u212aILLED",  # letters IGNORECASE folds onto ASCII
        "Caf\u00e9 owners said dozens fled and ZWÖLF stayed; 3 million were displaced",
    ],
)
def test_the_lower_cased_scan_finds_what_a_case_insensitive_scan_finds(sentence):
    from extract.text.numbers import _COUNT_RE, _count_matches

    expected = [(m.span(), m.groupdict()) for m in _COUNT_RE.finditer(sentence)]
    assert [(m.span(), m.groupdict()) for m in _count_matches(sentence)] == expected
    assert expected  # each sentence holds figures
