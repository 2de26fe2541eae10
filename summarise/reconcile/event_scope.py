"""Event scope: flag an article that may describe a different incident from the others.

The rule (pragmatic, documented so a reader can check a flag):

* The *event window* is the median publication date of the other dated articles.
* An article is *anchored* when a calendar date in its text ("March 8") is also named by another
  article or falls within ``WINDOW_DAYS`` of another article's publication: it tells the same
  incident even when published much later (a long-running story such as a missing aircraft).
* Flagged, when not anchored:
  1. its publication date is more than ``WINDOW_DAYS`` from every other report's, and some two
     other reports stand within ``WINDOW_DAYS`` of each other (beside a single other dated
     report, either of the two could be the odd one out);
  2. it has no publication date, yet names calendar dates and none of them is near the window;
  3. it has no publication date and mentions later developments (an announced withdrawal, a
     ceasefire or peace deal, "months after") that no other article mentions: its clash may be a
     later one. (A dated article inside the window mentioning them is taken as background.)
With fewer than two articles nothing is flagged (there is nothing to compare with).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from datetime import date

from extract.text.dates import explicit_dates
from schemas import Article
from summarise.reconcile.prefilter import may_hold

WINDOW_DAYS = 7

LATER_DEVELOPMENT = re.compile(
    r"\b(?:announced?|announces|announcing)\s+(?:(?:its|their|plans?|a|the)\s+)*(?:to\s+)?"
    r"(?:withdraw\w*|pull(?:ed|ing)?\s+out|leave|exit|departure)\b"
    r"|\b(?:since|after)\s+(?:the|its|their)\s+withdrawal\b"
    r"|\b(?:ceasefire|cease-fire|peace (?:deal|agreement|accord))\s+(?:was\s+)?(?:signed|agreed|reached)\b"
    r"|\b(?:weeks|months|a year|years)\s+after\s+the\b",
    re.IGNORECASE,
)
_LATER_DEVELOPMENT_NEEDS = ("announc", "withdrawal", "cease", "peace", "after")  # every match holds one


def flag_other_incidents(articles: list[Article]) -> dict[str, str]:
    """Article id -> why it may describe another incident, for the flagged articles only."""
    if len(articles) < 2:
        return {}
    scopes = {a.id: a.scope_text() for a in articles}
    text_dates = {a.id: {r.when for r in explicit_dates(scopes[a.id], a.published)} for a in articles}
    cues = {
        a.id: {m.group(0).lower() for m in LATER_DEVELOPMENT.finditer(scopes[a.id])}
        if may_hold(scopes[a.id], _LATER_DEVELOPMENT_NEEDS) else set()
        for a in articles
    }
    cue_articles = Counter(cue for found in cues.values() for cue in found)
    date_articles = Counter(d for found in text_dates.values() for d in found)
    published = sorted(a.published for a in articles if a.published)
    notes: dict[str, str] = {}
    for article in articles:
        other_published = _without(published, article.published)
        if _anchored(text_dates[article.id], date_articles, other_published):
            continue
        window = other_published[len(other_published) // 2] if other_published else None
        note = None
        if (article.published and _clustered(other_published)
                and _nearest_days(other_published, article.published) > WINDOW_DAYS):
            note = (
                f"published {article.published.isoformat()}, more than {WINDOW_DAYS} days from every other "
                f"report (their median date: {window.isoformat()})"
            )
        elif not article.published and window and text_dates[article.id]:
            nearest = min(text_dates[article.id], key=lambda d: abs((d - window).days))
            if abs((nearest - window).days) > WINDOW_DAYS:
                note = f"undated; the dates it names (e.g. {nearest.isoformat()}) are far from the other reports ({window.isoformat()})"
        if note is None and not article.published:
            own = sorted(cue for cue in cues[article.id] if cue_articles[cue] == 1)
            if own:
                note = f"undated, and it mentions later developments the other reports lack (\"{own[0]}\")"
        if note:
            notes[article.id] = note
    return notes


def _clustered(ordered: list[date]) -> bool:
    """Some two of the (sorted) dates lie within ``WINDOW_DAYS`` of each other."""
    return any((later - earlier).days <= WINDOW_DAYS for earlier, later in zip(ordered, ordered[1:]))


def _without(ordered: list[date], value: date | None) -> list[date]:
    if value is None:
        return ordered
    index = bisect_left(ordered, value)
    return ordered[:index] + ordered[index + 1 :]


def _nearest_days(ordered: list[date], value: date) -> int:
    index = bisect_left(ordered, value)
    near = [ordered[i] for i in (index - 1, index) if 0 <= i < len(ordered)]
    return min(abs((value - d).days) for d in near)


def _anchored(own_dates: set[date], date_articles: Counter, other_published: list[date]) -> bool:
    """A date the article names is named by another article too, or is near another's publication."""
    for day in own_dates:
        if date_articles[day] > 1:
            return True
        if other_published and _nearest_days(other_published, day) <= WINDOW_DAYS:
            return True
    return False
