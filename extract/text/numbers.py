"""Turn the words of a casualty figure into a Count: "seven" -> 7, "at least 15" -> [15, None],
"dozens" -> vague. Shared by both extractors so that a figure means the same whoever found it.

Conventions (the gold annotation's, so that both extractors agree with it):
- "at least N", "N or more", "more than N", "over N", "N-plus": ``min=N, max=None``. "More than N"
  keeps ``min=N`` rather than N+1: reporters use it as a floor, not as strict arithmetic.
- "up to N", "at most N", "fewer/less than N", "no more than N": ``min=None, max=N``.
- "about / around / nearly / almost / roughly / some / an estimated / as many as / as high as N": ``min=max=N``.
  The figure is what the source gave; the hedge stays visible in ``text``.
- "between N and M", "N to M", "N-M": ``min=N, max=M``.
- "all N", "a dozen", "a hundred and five": exact. Scale words multiply, alone or combined, after
  digits or words: "3 million", "1.5 million", "20 thousand", "two dozen", "half a dozen",
  "two hundred thousand".
- A figure above ``MAX_PLAUSIBLE_COUNT`` (the world's population) is no figure: it is not
  returned, so no claim is built on it; nor is a run of more digits than such a figure has (a
  10,000-digit run costs no ``int`` conversion and raises nothing).
- "dozens", "scores", "several", "many", "numerous", "a few", "hundreds" (and "dozens and dozens"):
  ``vague=True`` with both bounds None.
Years ("in 2020"), dates ("July 22"), ages ("29-year-old"), fractions ("two-thirds"), clock times,
money, percentages, "no one" and "how many" are never counts (a denial such as "no one was hurt"
is not turned into a figure of zero). Pure functions; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

from extract.text.dates import MONTHS
from schemas import Count

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# No casualty figure can exceed the world's population (about 8.2 billion in 2025).
MAX_PLAUSIBLE_COUNT = 8_200_000_000
_MAX_DIGITS = len(str(MAX_PLAUSIBLE_COUNT))
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))  # longest first: "sept" before "sep"

_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
# One number: digits with thousands commas, or a run of number words ("one hundred and five",
# "twenty-three", "a hundred", "a dozen").
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_SCALE_WORD = "|".join(SCALES)
# Digits before scale words: "3 million", "1.5 million", "20 thousand", "2 dozen".
_SCALED_DIGITS = rf"(?:{_DIGITS}|\d+\.\d+)(?:[\s-]+(?:{_SCALE_WORD}))+(?!\w)"
_WORDS = rf"(?:(?:a|one|half\s+a)\s+)?(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*"
NUMBER = rf"(?:{_SCALED_DIGITS}|{_DIGITS}|{_WORDS})"

_FLOOR = r"at\s+least|more\s+than|over|in\s+excess\s+of|no\s+fewer\s+than|no\s+less\s+than"
_CEILING = r"up\s+to|at\s+most|fewer\s+than|less\s+than|no\s+more\s+than"
_ROUGH = r"about|around|nearly|almost|roughly|approximately|some|an\s+estimated|close\s+to|as\s+many\s+as|as\s+high\s+as|all"
_VAGUE = (
    r"dozens\s+(?:and|of)\s+dozens|dozens|scores|several|many|numerous|a\s+few|a\s+handful|"
    r"hundreds|thousands|a\s+number|multiple|countless|a\s+couple|others|some"
)

# Where a figure can begin (a lookahead for patterns that expect one): a digit, a number word or a
# word that opens a figure ("at least", "about", "dozens"), an opening quote allowed.
FIGURE_START = (
    rf"(?=[\"\u201c]?(?:\d|(?:between|{_FLOOR}|{_CEILING}|{_ROUGH}|{_VAGUE}|a\s+(?:{_SCALE_WORD})|half\s+a|{_WORD})\b))"
)

_COUNT_PATTERN = rf"""
    (?P<between>\bbetween\s+(?P<b_lo>{NUMBER})\s+and\s+(?P<b_hi>{NUMBER})\b)
    | (?P<range>\b(?P<r_lo>{NUMBER})\s+to\s+(?P<r_hi>{NUMBER})\b|\b(?P<d_lo>\d+)\s*[-–]\s*(?P<d_hi>\d+)\b)
    | (?P<floor>\b(?:{_FLOOR})\s+(?P<f_n>{NUMBER})\b)
    | (?P<ceiling>\b(?:{_CEILING})\s+(?P<c_n>{NUMBER})\b)
    | (?P<plus>\b(?P<p_n>{NUMBER})(?:\s+or\s+more|\s+plus|\+|-plus)(?!\w))
    | (?P<rough>\b(?:{_ROUGH})\s+(?P<o_n>{NUMBER})\b)
    | (?P<exact>\b(?P<e_n>{NUMBER})\b)
    | (?P<vague>\b(?:{_VAGUE})\b)
    """
_COUNT_RE = re.compile(_COUNT_PATTERN, re.IGNORECASE | re.VERBOSE)
# The same figures found faster: on lower-cased text, without IGNORECASE (its case folding is the
# slow part). Lower-casing keeps every position and matches a letter of the pattern exactly when
# IGNORECASE would, except for the letters IGNORECASE folds onto ASCII ones besides their own
# lower case (dotted and dotless i, long s, the Kelvin sign): text holding one is scanned as it is.
_LOWER_COUNT_RE = re.compile(_COUNT_PATTERN, re.VERBOSE)
_FOLDED_ONTO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def _count_matches(sentence: str) -> Iterator[re.Match]:
    """``_COUNT_RE.finditer(sentence)``, found through the lower-cased text when that is safe; each
    match is taken again from ``sentence`` at the same position, so its groups are the original's."""
    if not sentence.isascii() and _FOLDED_ONTO_ASCII.search(sentence):
        yield from _COUNT_RE.finditer(sentence)
        return
    for found in _LOWER_COUNT_RE.finditer(sentence.lower()):
        match = _COUNT_RE.match(sentence, found.start())
        assert match is not None and match.end() == found.end()  # the same pattern at the same place
        yield match


def parse_number(words: str) -> int | None:
    """The value of one number ("1,200", "seven", "twenty-three", "a hundred and five",
    "1.5 million", "half a dozen"), or None: also for a value above ``MAX_PLAUSIBLE_COUNT``."""
    value = _number_value(words.strip().lower())
    return value if value is not None and value <= MAX_PLAUSIBLE_COUNT else None


def _number_value(words: str) -> int | None:
    lead = re.match(r"(\d[\d,]*(?:\.\d+)?)(?=[\s-]|$)", words)
    if lead:
        numeral = lead.group(1)
        if not re.fullmatch(rf"{_DIGITS}|\d+\.\d+", numeral):
            return None
        whole, _, fraction = numeral.replace(",", "").partition(".")
        if len(whole.lstrip("0")) > _MAX_DIGITS or len(fraction) > _MAX_DIGITS:
            return None  # longer than any plausible figure, and int() of a huge run would raise
        base, scale = Fraction(numeral.replace(",", "")), 1  # exact: 8.2 billion is 8,200,000,000
        for token in re.split(r"[\s-]+", words[lead.end():].strip()) if words[lead.end():].strip() else []:
            if token not in SCALES:
                return None
            scale *= SCALES[token]
        value = base * scale
        return int(value) if value.denominator == 1 else None  # "1.5" alone counts no people
    tokens = [t for t in re.split(r"[\s-]+", words) if t and t != "and"]
    half = tokens[:2] == ["half", "a"]
    if half:
        tokens = tokens[2:]
    if tokens and tokens[0] in ("a", "one") and len(tokens) > 1 and tokens[1] in SCALES:
        tokens[0] = "one"
    total, current = 0, 0
    for token in tokens:
        if token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in SCALES:
            total += max(current, 1) * SCALES[token]
            current = 0
        else:
            return None
    if not tokens:
        return None
    value = total + current
    if half:
        return value // 2 if value % 2 == 0 else None
    return value


def _is_not_a_count(sentence: str, start: int, end: int, value: int | None) -> bool:
    """Years, dates, ages, fractions, times, money, percentages and ordinals are never counts."""
    before = sentence[max(0, start - 12) : start].lower()
    after = sentence[end : end + 12].lower()
    if re.search(r"\bno\s*$", before) and sentence[start:end].lower() == "one":
        return True  # "no one" is nobody, not a figure of one
    if re.match(r"\s*(?:-|\u2013)?\s*(?:thirds?|quarters?|halves|half|fifths?|year|month|week|day|hour|minute)", after):
        return True
    if re.match(r"(?:st|nd|rd|th)\b|\s*(?:%|percent|per\s+cent|am\b|pm\b|a\.m\.|p\.m\.)|[:.]\d|\s*(?:ft|km|kg|mph)\b", after):
        return True
    if re.search(r"[$£€]\s*$|[a-z]\$\s*$|\d[.:]$", before):
        return True
    if re.search(rf"\b(?:{_MONTH_NAMES})\.?\s*$", before) or re.match(rf"\s+(?:{_MONTH_NAMES})\b", after):
        return True
    if value is not None and 1800 <= value <= 2099 and re.fullmatch(r"\d{4}", sentence[start:end]):
        return True  # a bare four-digit number in this range is a year in news copy
    return False


def find_count_phrases(sentence: str) -> list[tuple[int, int, Count]]:
    """Every figure in ``sentence`` as (start, end, Count), left to right, without overlaps."""
    found: list[tuple[int, int, Count]] = []
    for match in _count_matches(sentence):
        count = _count_from_match(match)
        if count is None:
            continue
        if re.search(r"\bhow\s*$", sentence[max(0, match.start() - 6) : match.start()], re.I):
            continue  # "how many civilians died" asks, it does not count
        numeral = _numeral_span(match)
        if numeral and _is_not_a_count(sentence, *numeral, count.max if count.max is not None else count.min):
            continue
        found.append((match.start(), match.end(), count))
    return found


def _numeral_span(match: re.Match) -> tuple[int, int] | None:
    """Where the figure's (last) number stands, for the year, date and age tests; None when vague."""
    for group in ("b_hi", "r_hi", "d_hi", "f_n", "c_n", "p_n", "o_n", "e_n"):
        if match.group(group):
            return match.span(group)
    return None


def _count_from_match(match: re.Match) -> Count | None:
    text = match.group(0)
    if match.group("between"):
        bounds = _between_bounds(match.group("b_lo"), match.group("b_hi"))
        return None if bounds is None else Count(min=bounds[0], max=bounds[1], text=text)
    if match.group("range"):
        lo = parse_number(match.group("r_lo") or match.group("d_lo"))
        hi = parse_number(match.group("r_hi") or match.group("d_hi"))
        if lo is None or hi is None or hi < lo:
            return None
        return Count(min=lo, max=hi, text=text)
    if match.group("floor") or match.group("plus"):
        n = parse_number(match.group("f_n") or match.group("p_n"))
        return None if n is None else Count(min=n, max=None, text=text)
    if match.group("ceiling"):
        n = parse_number(match.group("c_n"))
        return None if n is None else Count(min=None, max=n, text=text)
    if match.group("rough") or match.group("exact"):
        n = parse_number(match.group("o_n") or match.group("e_n"))
        return None if n is None else Count(min=n, max=n, text=text)
    return Count(text=text, vague=True)


def _between_bounds(low: str, high: str) -> tuple[int, int] | None:
    """The bounds of "between LOW and HIGH". Number words hold "and" too, so the pattern's split
    (the longest LOW) may be the wrong one: "between five and one hundred and five" splits as
    "five and one hundred" / "five". So every "and" is tried, right to left (longest LOW first, as
    the pattern does), and the first split whose bounds both parse with LOW <= HIGH is taken."""
    body = f"{low} and {high}"
    for separator in reversed(list(re.finditer(r"\s+and\s+", body))):
        lo, hi = parse_number(body[: separator.start()]), parse_number(body[separator.end() :])
        if lo is not None and hi is not None and lo <= hi:
            return lo, hi
    return None


def parse_count(text: str) -> Count:
    """Normalise the words of a figure ("at least 15", "seven", "dozens", "20 or more").

    The first figure in ``text`` decides; text with no figure at all comes back vague. A figure
    no count of people can reach raises ``ValueError`` (the LLM extractor drops the item).
    """
    words = text.strip()
    huge = implausible_figure(words)
    if huge is not None:
        raise ValueError(f"{huge[:20]} is above the world's population: not a count of people")
    phrases = find_count_phrases(words)
    if phrases:
        _, _, count = phrases[0]
        return Count(min=count.min, max=count.max, text=words, vague=count.vague)
    return Count(text=words or text, vague=True)


_ANY_NUMBER = re.compile(rf"(?<!\w)(?:{NUMBER})(?!\w)", re.IGNORECASE)


def implausible_figure(text: str) -> str | None:
    """The first number in ``text`` too large to count people (above ``MAX_PLAUSIBLE_COUNT``, or a
    longer digit run than such a figure has), or None. An extractor drops a claim resting on one."""
    for match in _ANY_NUMBER.finditer(text):
        numeral = match.group(0)
        digits = re.match(r"\d[\d,]*", numeral)
        too_long = digits is not None and len(digits.group(0).replace(",", "").lstrip("0")) > _MAX_DIGITS
        value = None if too_long else _number_value(numeral.lower())
        if too_long or (value is not None and value > MAX_PLAUSIBLE_COUNT):
            return numeral
    return None
