"""Figures of another incident told as background: a claim's ``background`` fact.

Pure functions on one sentence and two dates; used by both extractors (``extract.text.claim_facts``).
The event's first report date (``event_start``) is taken over the articles of one run, so an
article published a year later that says "last year's storm" still speaks of this event.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from schemas import Article

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
# * an aside joined to another statement that brings in an incident as new, in an earlier period,
#   and gives its toll: "..., and earlier this month a/an <incident> ... killed/left N". Dated or
#   not: a report calls its own event "the quake" or "Tuesday's quake", and a follow-up retelling its
#   event opens with the period ("Earlier this month, a quake killed 300"), which stays;
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
_EARLIER_INCIDENT = re.compile(
    r"\b(?:and|while)\s+(?:earlier\s+this\s+(?:week|month|year)|last\s+(?:week|month))\s*,?\s+an?\s+"
    r"(?:[\w.'’-]+\s+){0,4}?(?:quake|earthquake|tremor|storm|hurricane|typhoon|cyclone|flood|attack|bombing|blast"
    r"|explosion|shooting|crash|fire|landslide|collapse)s?\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_TOLL_VERB = re.compile(r"\b(?:killed|killing|left|claimed)\s+$", re.IGNORECASE)
_RUNNING_TOTAL = re.compile(
    r"\bsince\s+the\s+(?:war|conflict|fighting|insurgency|uprising|crisis|violence)\s+(?:began|started|erupted|broke\s+out)\b"
    r"|\bsince\s+the\s+(?:start|beginning|outbreak)\s+of\s+the\s+(?:war|conflict|fighting|insurgency|uprising|crisis)\b",
    re.IGNORECASE,
)
_FIGURE_LINK = re.compile(r"^since\s+(?:\S+\s+){0,2}$|\b(?:when|in which|that|killed|killing|with the loss of)\b", re.IGNORECASE)


def event_start(articles: Sequence[Article]) -> date | None:
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
    if _earlier_incident_aside(before):
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


def _earlier_incident_aside(before: str) -> bool:
    """ "... and earlier this month an 8.1 tremor in the south left (figure)": the aside's incident
    has the figure as its toll, its verb right before the figure and no clause break between."""
    m = _EARLIER_INCIDENT.search(before)
    if m is None or not before[: m.start()].strip(" ,"):
        return False  # opening the sentence, the period retells the event itself
    rest = m.group("rest")
    return len(rest) <= NEAR_CHARS and not _CLAUSE_BREAK.search(rest) and _TOLL_VERB.search(rest) is not None


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
