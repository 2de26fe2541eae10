"""Timeline: what happened when, where the date is known.

Dates come from the extractors' events (``Event.when``, resolved by code), from the claims' facts
(a sentence holding a claim whose words date its figure, ``as_of_text`` such as "police said on
Monday", stands at the claim's ``as_of``, not at the event's day it may also name: "after Sunday's
crush"), and from the other in-scope sentences that name a calendar date or a weekday; a weekday
is resolved against the article's publication date (``extract.text.dates.weekday_dates``), so an
undated article contributes only calendar dates. A sentence told by several articles on the same date becomes one entry citing each. Sentences
that name no party and no event word, and dates more than ``BACKGROUND_DAYS`` before the first
report or more than a day after the last, are left out: they are boilerplate or background.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from rapidfuzz import fuzz, process

from extract.text.dates import explicit_dates, weekday_dates
from extract.text.families import names_a_family
from extract.text.sentences import article_sentences
from schemas import Article, ArticleExtraction, Evidence, TimelineEntry
from summarise.reconcile.prefilter import may_hold

MIN_WORDS = 6  # shorter lines are datelines and "Updated 28 July 2024" stamps, not events
SAME_ENTRY_SIMILARITY = 75.0
BACKGROUND_DAYS = 30  # dates this long before the first report are background (a file photo's date)
_EVENT_WORDS = re.compile(
    r"\b(?:kill\w*|dead|died|death\w*|wound\w*|injur\w*|fight\w*|clash\w*|attack\w*|strike\w*|ambush\w*|"
    r"battle\w*|captur\w*|crash\w*|land\w*|disappear\w*|vanish\w*|search\w*|announc\w*|declar\w*|"
    r"retreat\w*|withdr\w*|seiz\w*|launch\w*|claim\w*)\b",
    re.I,
)
# a word stem every match of _EVENT_WORDS starts with
_EVENT_STEMS = (
    "kill", "dead", "died", "death", "wound", "injur", "fight", "clash", "attack", "strike", "ambush", "battle",
    "captur", "crash", "land", "disappear", "vanish", "search", "announc", "declar", "retreat", "withdr", "seiz",
    "launch", "claim",
)
MAX_WHAT_CHARS = 300


def build_timeline(articles: list[Article], extractions: dict[str, ArticleExtraction]) -> list[TimelineEntry]:
    timeline = _Entries()
    window = _window(articles)
    # a sentence told word for word by several reports (wire copies, a standing paragraph) is read
    # for a date once per publication date: the date depends on nothing else
    dated: dict[tuple[str, date | None], date | None] = {}
    for article in articles:
        extraction = extractions.get(article.id)
        stated = _stated_dates(extraction) if extraction is not None and not extraction.error else {}
        if extraction is not None and not extraction.error:
            for event in extraction.events:
                ev = event.evidence
                if event.when and ev.article == article.id and ev.holds_in(article.text):
                    # the span only: its alignment is not carried (it shows as exact, as in schema 1)
                    mention = Evidence(article=ev.article, start=ev.start, end=ev.end, quote=ev.quote)
                    timeline.add(event.when, event.description, mention)
        for sentence in article_sentences(article):
            key = (sentence.text, article.published)
            when = _claims_date(stated, sentence.text, sentence.start, sentence.end, window)
            if when is None:
                when = dated[key] if key in dated else dated.setdefault(key, _sentence_date(*key, window))
            if when is not None:
                timeline.add(when, sentence.text[:MAX_WHAT_CHARS], sentence.mention())
    return timeline.in_date_order()


def _stated_dates(extraction: ArticleExtraction) -> dict[int, tuple[bool, date]]:
    """Evidence start -> (stated, the latest ``as_of`` of the claims told there): stated where some
    claim's words date its figure (``as_of_text``), else the article's date they stand at."""
    stated: dict[int, tuple[bool, date]] = {}
    for claim in extraction.claims:
        if claim.as_of and not claim.background:
            start = claim.evidence.start
            found = (bool(claim.as_of_text), claim.as_of)
            stated[start] = max(stated.get(start, found), found)
    return stated


def _claims_date(stated: dict[int, tuple[bool, date]], sentence: str, start: int, end: int,
                 window: tuple[date, date] | None) -> date | None:
    """The date the claims of the sentence at [start, end) give their figures, inside ``window``:
    one their words state; or the article's date where the sentence's own first date names the
    event ("after Sunday's crush"), which is not the day of the figure."""
    found = max((v for at, v in stated.items() if start <= at < end), default=None) if stated else None
    if found is None or not (found[0] or _POSSESSIVE_DAY.search(sentence)):
        return None
    when = found[1]
    return when if window is None or window[0] <= when <= window[1] else None


# a day named as the event's: "Sunday's crush", "Tuesday’s collapse"
_POSSESSIVE_DAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s\b")


def _sentence_date(text: str, published: date | None, window: tuple[date, date] | None) -> date | None:
    """The date a sentence puts its event on (its first date reference), or None when it is too
    short, not about the event, undated or dated outside ``window``."""
    if len(text.split()) < MIN_WORDS or not _about_the_event(text):
        return None
    refs = explicit_dates(text, published) + weekday_dates(text, published)
    if not refs:
        return None
    when = min(refs, key=lambda r: r.start).when
    return when if window is None or window[0] <= when <= window[1] else None


class _Entries:
    """Timeline entries; a retelling of an entry on its date (``SAME_ENTRY_SIMILARITY``) joins it."""

    def __init__(self) -> None:
        self.entries: list[TimelineEntry] = []
        self.texts: dict[date, list[str]] = {}  # per date, each entry's text, in entry order
        self.on_date: dict[date, list[TimelineEntry]] = {}
        self.spans: dict[int, set[tuple[str, int]]] = {}  # id(entry) -> (article, start) it already cites
        # (date, text) -> the entry a text scored 100 against: later entries cannot beat a perfect
        # score (the first best match wins a tie), so a retelling word for word skips the search
        self.perfect: dict[tuple[date, str], TimelineEntry] = {}

    def add(self, when: date, what: str, mention: Evidence) -> None:
        entry = self.perfect.get((when, what))
        if entry is None:
            texts = self.texts.setdefault(when, [])
            same_day = self.on_date.setdefault(when, [])
            match = process.extractOne(what, texts, scorer=fuzz.token_set_ratio, score_cutoff=SAME_ENTRY_SIMILARITY)
            if match is not None:
                entry = same_day[match[2]]
                if match[1] >= 100:
                    self.perfect[(when, what)] = entry
        if entry is not None:
            if (mention.article, mention.start) not in self.spans[id(entry)]:
                self.spans[id(entry)].add((mention.article, mention.start))
                entry.mentions.append(mention)
            return
        entry = TimelineEntry(when=when, what=what, mentions=[mention])
        if what.split():  # the entry's own text scores 100 against it; every earlier entry scored below the cutoff
            self.perfect[(when, what)] = entry
        texts.append(what)
        same_day.append(entry)
        self.spans[id(entry)] = {(mention.article, mention.start)}
        self.entries.append(entry)

    def in_date_order(self) -> list[TimelineEntry]:
        """By date; entries of one date in the order they were first told."""
        return sorted(self.entries, key=lambda e: e.when)  # a stable sort keeps first-told order


def _window(articles: list[Article]) -> tuple[date, date] | None:
    """From a little before the first report to a day after the last: outside it a date is background."""
    published = [a.published for a in articles if a.published]
    if not published:
        return None
    return min(published) - timedelta(days=BACKGROUND_DAYS), max(published) + timedelta(days=1)


def _about_the_event(text: str) -> bool:
    """A dated sentence names a party or an event word; "we have disabled all ads" does neither."""
    return bool((may_hold(text, _EVENT_STEMS) and _EVENT_WORDS.search(text)) or names_a_family(text.lower()))
