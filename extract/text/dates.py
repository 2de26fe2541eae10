"""Dates written in English news text: the month and weekday names, and the two readers that use them.

- ``parse_date``: the first complete date (with a year) in a short piece of text, for an
  article's publication date (ingest's metadata and front matter); ``leading_date``: the same
  forms, but only a date the text begins with, for a page's date line.
- ``explicit_dates`` and ``weekday_dates``: every date a sentence gives, a missing year or a bare
  weekday resolved against the publication date, for reconcile's timeline and event scope;
  ``stated_date``: the one day a few words name ("on Sunday", "yesterday"), for a claim's ``as_of``.

The readers differ in what they accept on purpose: a publication line must give the whole date
(any case, "JULY 27, 2024"), while a date inside a sentence is a capitalised month name, so the
modal "may" is never read as a month. Pure functions; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
WEEKDAYS: dict[str, int] = {
    name: number
    for number, name in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}

# Longest first, so "September" is tried before "Sept" and "Sep".
_MONTH_NAMES = sorted(MONTHS, key=len, reverse=True)
_ORDINAL = r"(?:st|nd|rd|th)?"


def calendar_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the day does not exist in that month ("31 June")."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- a publication date ------------------------------------------------------------------------

_ANY_CASE_MONTH = "(?P<month>(?ai:" + "|".join(_MONTH_NAMES) + r"))\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PUBLICATION_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}}){_ORDINAL} {_ANY_CASE_MONTH},? {_YEAR}\b"),
    re.compile(rf"\b{_ANY_CASE_MONTH} (?P<day>\d{{1,2}}){_ORDINAL}, {_YEAR}\b"),
]


def parse_date(text: str) -> date | None:
    """The first calendar date written in ``text`` (ISO, '28 July 2024' or 'July 27, 2024'); the
    forms are tried in that order."""
    for pattern in _PUBLICATION_PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()]
            found = calendar_date(int(parts["year"]), month, int(parts["day"]))
            if found:
                return found
    return None


def leading_date(text: str) -> tuple[date, int] | None:
    """The calendar date ``text`` begins with (the ``parse_date`` forms) and the offset just past
    it; None when the text starts with anything else. A date line reads its date from where its
    label ends, so a date later in the line is never taken for it."""
    for pattern in _PUBLICATION_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = match.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()]
            found = calendar_date(int(parts["year"]), month, int(parts["day"]))
            if found:
                return found, match.end()
    return None


# --- dates in a sentence -----------------------------------------------------------------------

_CAPITALISED_MONTH = "(" + "|".join(name.capitalize() for name in _MONTH_NAMES) + r")\.?"
_MONTH_DAY = re.compile(rf"\b{_CAPITALISED_MONTH}\s+(\d{{1,2}}){_ORDINAL}(?:,?\s+(\d{{4}}))?\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}){_ORDINAL}\s+{_CAPITALISED_MONTH}(?:,?\s+(\d{{4}}))?\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(name.capitalize() for name in WEEKDAYS) + r")\b")


@dataclass(frozen=True)
class DateRef:
    when: date
    start: int
    end: int
    explicit: bool  # a calendar date in the text, not a weekday


def explicit_dates(text: str, published: date | None) -> list[DateRef]:
    """Calendar dates in ``text`` ("March 8", "8 March 2014"). Without a year the article's year is
    used (the year before when that would put the date well after publication); without either
    the date is skipped."""
    refs = []
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        for match in pattern.finditer(text):
            month = MONTHS[match.group(month_group).lower()]
            day = int(match.group(day_group))
            year_text = match.group(3)
            if year_text:
                year = int(year_text)
            elif published:
                year = published.year
            else:
                continue
            when = calendar_date(year, month, day)
            if when and not year_text and published and when > published + timedelta(days=2):
                when = calendar_date(year - 1, month, day)
            if when:
                refs.append(DateRef(when, match.start(), match.end(), True))
    return sorted(refs, key=lambda r: r.start)


def weekday_dates(text: str, published: date | None) -> list[DateRef]:
    """Weekday references resolved against the publication date: the latest such day on or before it
    (news convention: "on Saturday" in a Sunday report is the day before)."""
    if published is None:
        return []
    refs = []
    for match in _WEEKDAY.finditer(text):
        back = (published.weekday() - WEEKDAYS[match.group(1).lower()]) % 7
        refs.append(DateRef(published - timedelta(days=back), match.start(), match.end(), False))
    return refs


_TODAY = re.compile(r"\b(today|yesterday|tonight|this (?:morning|afternoon|evening))\b", re.IGNORECASE)


def stated_date(words: str, published: date | None) -> date | None:
    """The one day ``words`` name ("on Sunday", "March 8", "yesterday"), resolved against the
    publication date; None when they name none (or need the date and it is unknown)."""
    refs = explicit_dates(words, published) or weekday_dates(words, published)
    if refs:
        return refs[0].when
    relative = _TODAY.search(words)
    if relative and published:
        return published - timedelta(days=1) if relative.group(1).lower() == "yesterday" else published
    return None
