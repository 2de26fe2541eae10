"""Event scope: flag an article that may describe a different incident from the others.

The rule (pragmatic, documented so a reader can check a flag):

* The *event window* is the median publication date of the other dated articles.
* An article is *anchored* when a calendar date in its text ("March 8") is also named by another
  article or falls within ``WINDOW_DAYS`` of another article's publication: it tells the same
  incident even when published much later (a long-running story such as a missing aircraft).
* Flagged, when not anchored:
  1. its publication date is more than ``WINDOW_DAYS`` from every other report's;
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
        if article.published and other_published and _nearest_days(other_published, article.published) > WINDOW_DAYS:
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


# --- figures of another incident told as background ----------------------------------------------
#
# "the worst since 2009, when 80 people died": the 80 is an earlier incident's toll, not a claim of
# this event. Only clear English cues count (precision first), read in the claim's own sentence
# around its figure's words:
# * a comparison ("the worst/deadliest ... since") whose "since" leads straight to the figure
#   ("since 2009, when 80 died", "since 56 were killed in ...", "since a 1998 blast killed 44");
# * a year at least ``PAST_YEARS`` before the event's first report, close before the figure in
#   the same clause ("the 2009 floods ... killed 80", "the quake of 1985 that killed 5,000") or
#   just after it ("1,800 people died in 2005");
# * "in a similar incident/attack in", "another quake killed ...";
# * "last year's ..." or "last year", "earlier this month/year", "last month" before the figure,
#   when that period ends before the event's first report;
# * a running total "since the war began" (not as part of a comparison, "the deadliest since the
#   war began").

PAST_YEARS = 2  # a year this far before the first report is surely another incident's
NEAR_CHARS = 70  # how far before the figure a cue may stand, within one clause

_YEAR = re.compile(r"(?<![\d/,.])(1[89]\d\d|20\d\d)(?![\d/])")
_CLAUSE_BREAK = re.compile(r"[.;:!?]|\s(?:but|while|whereas)\s")
_SUPERLATIVE = re.compile(
    r"\b(?:worst|deadliest|most deadly|most serious|bloodiest|biggest|largest|heaviest)\b", re.IGNORECASE
)
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
_SIMILAR = re.compile(
    r"\b(?:in|during)\s+a\s+similar\s+(?:incident|attack|accident|disaster|crash|tragedy|event)\b"
    r"|\banother\s+(?:\w+\s+)?(?:quake|earthquake|attack|flood|storm|hurricane|crash|disaster|shooting|bombing|fire)"
    r"\s+(?:killed|left)\b",
    re.IGNORECASE,
)
_RELATIVE_PERIOD = re.compile(r"\b(last\s+year(?:'s|’s)?|earlier\s+this\s+(?:month|year)|last\s+month(?:'s|’s)?)", re.IGNORECASE)
_RUNNING_TOTAL = re.compile(
    r"\bsince\s+the\s+(?:war|conflict|fighting|insurgency|uprising|crisis|violence)\s+(?:began|started|erupted|broke\s+out)\b"
    r"|\bsince\s+the\s+(?:start|beginning|outbreak)\s+of\s+the\s+(?:war|conflict|fighting|insurgency|uprising|crisis)\b",
    re.IGNORECASE,
)
_FIGURE_LINK = re.compile(r"^since\s+(?:\S+\s+){0,2}$|\b(?:when|in which|that|killed|killing|with the loss of)\b", re.IGNORECASE)


def event_start(articles: list[Article]) -> date | None:
    """The first publication date of the reports: the event happened no later than this.

    When no report is dated, the first day of the year most of them name (the earliest of a tie):
    the reports of an event name its year more than any other.
    """
    dated = [a.published for a in articles if a.published]
    if dated:
        return min(dated)
    named = Counter(year for a in articles for year in {int(y) for y in _YEAR.findall(a.scope_text())})
    if not named:
        return None
    most = max(named.values())
    return date(min(y for y, n in named.items() if n == most), 1, 1)


def background_reason(quote: str, figure: str, published: date | None, start: date | None) -> str | None:
    """Why the figure ``figure`` in ``quote`` is another incident's, or None when nothing clearly says so.

    ``published`` is the article's date, ``start`` the event's first report (``event_start``).
    The reason names no word of the article: it goes into the run report, where another
    incident's words must not appear.
    """
    at = quote.lower().find(figure.lower()) if figure.strip() else -1
    if at < 0:
        return None
    sentence_start = max((m.end() for m in re.finditer(r"[.;!?]\s", quote[:at])), default=0)
    before = quote[sentence_start:at]
    after = quote[at + len(figure):]
    after = after[: m.start()] if (m := re.search(r"[.;!?](?:\s|$)", after)) else after
    near = before[-NEAR_CHARS:]
    near = near[m.end():] if (m := _last(_CLAUSE_BREAK, near)) else near
    comparison = _comparison_leading_to_figure(before)
    if comparison:
        return "told as a comparison with an earlier incident"
    if start is not None:
        past = [m for m in _YEAR.finditer(near) if int(m.group(1)) <= start.year - PAST_YEARS
                and _year_tells_figure(near, m, len(near) == len(before))]
        if past:
            return "told with a year well before this event"
        if m := re.match(r"\s*(?:\S+\s+){0,4}?in\s+(1[89]\d\d|20\d\d)\b", after):
            if int(m.group(1)) <= start.year - PAST_YEARS:
                return "told with a year well before this event"
    if m := _SIMILAR.search(before):
        return "told as another incident's"
    if published and start and (m := _RELATIVE_PERIOD.search(before)) and _period_before(m.group(1), published, start):
        return "told of a period before this event"
    if (m := _RUNNING_TOTAL.search(before + figure + after)) and not _SUPERLATIVE.search(
        (before + figure + after)[max(0, m.start() - 40) : m.start()]
    ):
        return "a running total of a longer conflict"
    return None


def _last(pattern: re.Pattern, text: str) -> re.Match | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def _year_tells_figure(near: str, year: re.Match, at_sentence_start: bool) -> bool:
    """The year belongs to the figure's clause: nothing but a "when"/"in which" clause after a comma
    stands between them, or the sentence opens with it ("The 2009 floods, the worst..., killed 80")."""
    if re.search(r"\bsince\s+$", near[: year.start()], re.IGNORECASE):
        return False  # "the deadliest since 2016, killed 12": a comparison that closed before the figure
    between = near[year.end():]
    if "," not in between:
        return True
    if re.match(r"\s*,?\s*(?:when|in which|where)\b", between[between.rfind(",") + 1 :], re.IGNORECASE):
        return True
    return at_sentence_start and re.fullmatch(r"\s*the\s+", near[: year.start()], re.IGNORECASE) is not None


def _comparison_leading_to_figure(before: str) -> str | None:
    """ "the worst ... since <cue> <figure>": the "since" clause holds the figure itself."""
    superlative = _last(_SUPERLATIVE, before)
    if superlative is None:
        return None
    since = _SINCE.search(before, superlative.end())
    if since is None or since.start() - superlative.end() > 60:
        return None
    link = before[since.start():]
    if len(link) > NEAR_CHARS or _CLAUSE_BREAK.search(link):
        return None
    if "," in link:  # "since 2009, when 80 died" but not "the deadliest since the war began, killed 12"
        tail = link[link.rfind(",") + 1 :]
        linked = re.match(r"\s*(?:when|in which|where)\b", tail, re.IGNORECASE) is not None
    else:
        linked = _YEAR.search(link) is not None or _FIGURE_LINK.search(link) is not None
    return before[superlative.start():].strip() if linked else None


def _period_before(phrase: str, published: date, start: date) -> bool:
    """ "last year", "earlier this month", "last month" end before the event's first report."""
    words = phrase.lower()
    if words.startswith("last year"):
        return published.year - 1 < start.year
    if words.startswith("last month"):
        month = (published.year * 12 + published.month - 2)
        return month < start.year * 12 + start.month - 1
    # "earlier this month/year": before the event only when told as it happens
    return (published - start).days <= 2
