"""Sentences and dates in article text, with offsets into ``Article.text``.

Only in-scope text is read (``Article.scope_text`` blanks excluded ranges), so nothing from a
second story or a donation appeal reaches a dispute or the timeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from extract.text.calendar_words import MONTHS, WEEKDAYS
from extract.text.sentences import split_sentences
from schemas import Article, Evidence

_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(\d{{4}}))?\b")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


@dataclass(frozen=True)
class Sentence:
    article: str
    start: int
    end: int
    text: str

    def mention(self) -> Evidence:
        return Evidence(article=self.article, start=self.start, end=self.end, quote=self.text)


def sentences(article: Article) -> list[Sentence]:
    """The in-scope sentences of an article, split by ``extract.text.sentences`` (a line break also
    ends a sentence)."""
    return [
        Sentence(article.id, s.start, s.end, s.text)
        for s in split_sentences(article.scope_text())
        if article.in_scope(s.start, s.end)
    ]


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
            month = MONTHS[match.group(month_group).lower().rstrip(".")]
            day = int(match.group(day_group))
            year_text = match.group(3)
            if year_text:
                year = int(year_text)
            elif published:
                year = published.year
            else:
                continue
            try:
                when = date(year, month, day)
            except ValueError:
                continue
            if not year_text and published and when > published + timedelta(days=2):
                try:
                    when = date(year - 1, month, day)
                except ValueError:
                    continue
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
