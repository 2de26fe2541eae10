"""Metadata the text itself shows: title, publication date, dateline and wire credit.

Every detector reads only the in-scope text (excluded ranges blanked out), so a date in a
donation banner or an agency named in a second story never becomes the article's metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extract.text.dates import leading_date

# --- publication date ---------------------------------------------------------------------------
# Page furniture that dates a page: a labelled line ("Published: 3 May 2031", "date 2031-05-03
# Headline", "By A Reporter | Updated 10:42 GMT, 4 May 2031") or a line that is only a date
# ("Tue May 3, 2031", "3 May 2031 | 14:51"). A date inside a sentence is about the event, so the
# date must follow the label (or open the line) directly.
_LABEL = re.compile(
    r"(?P<label>date|published|first published|posted|(?:last )?updated)(?:\s*:\s*|\s+)(?:on\s+)?",
    re.IGNORECASE,
)
# A byline may carry the label: "By NAME Published: ...", "By NAME | Updated ...".
_BYLINE = re.compile(r"by\s", re.IGNORECASE)
_TIME = r"\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?i:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?"
_WEEKDAY_ABBR = r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?)"
# Before the date: "10:42 GMT, " and/or "Tuesday, ".
_BEFORE_DATE = re.compile(rf"(?:{_TIME}\s*,?\s*)?(?:{_WEEKDAY_ABBR},?\s+)?")
_AFTER_DATE_TIME = re.compile(rf"(?:\s*,?\s*(?:at\s+)?{_TIME})?")
# What may follow the date on a line that is only a date: a separator and more furniture
# ("| 14:51 | site"), or a comment count.
_DATE_ONLY_REST = re.compile(r"\s*(?:[|•·].*|,?\s*(?:\d+\s+)?comments?\b.*)?$", re.IGNORECASE)
_LABEL_PRIORITY = {"date": 0, "published": 0, "first published": 0, "posted": 0}  # updated: 1
_TOP_LINES = 12
_BOTTOM_LINES = 4


@dataclass(frozen=True)
class DateLine:
    """A date the page furniture gives, and the furniture's span in the text (which may leave
    the rest of its line, e.g. a headline after 'date 2031-05-03', in the text)."""

    when: date
    start: int
    end: int
    label: str | None  # 'published', 'updated'...; None for a line that is only a date


def find_date_lines(scope_text: str) -> list[DateLine]:
    """Date lines among the first lines of the page, and labelled ones among its last lines."""
    lines = _lines_with_offsets(scope_text)
    found = []
    for index, (offset, line) in enumerate(lines):
        top = index < _TOP_LINES
        if not top and index < len(lines) - _BOTTOM_LINES:
            continue
        date_line = _labelled_date(line, offset) or (_date_only(line, offset) if top else None)
        if date_line:
            found.append(date_line)
    return found


def detect_published(scope_text: str) -> date | None:
    """The publication date the page furniture gives (see ``find_date_lines``).

    A labelled date wins over a bare date line (a site header may print today's date), and a
    publication label over 'Updated'. When the lines that decide disagree, there is no date:
    a wrong date would misorder tolls, a missing one only leaves them unordered.
    """
    lines = find_date_lines(scope_text)
    labelled = [line for line in lines if line.label]
    if labelled:
        best = min(_LABEL_PRIORITY.get(line.label, 1) for line in labelled)
        lines = [line for line in labelled if _LABEL_PRIORITY.get(line.label, 1) == best]
    dates = {line.when for line in lines}
    return dates.pop() if len(dates) == 1 else None


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """Non-blank lines, stripped (Markdown emphasis too), with the offset of their first kept character."""
    out, offset = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip().strip("*_").strip()
        if stripped:
            out.append((offset + body.index(stripped), stripped))
        offset += len(raw)
    return out


def _labelled_date(line: str, offset: int) -> DateLine | None:
    """A date right after a label that opens the line, or that follows a byline on it; the span
    is the whole line unless a headline follows the date on it."""
    labels = [_LABEL.match(line)]
    if _BYLINE.match(line):
        labels += [match for match in _LABEL.finditer(line) if match.start() and not line[match.start() - 1].isalnum()]
    for label in filter(None, labels):
        when = _date_at(line, _BEFORE_DATE.match(line, label.end()).end())
        if not when:
            continue
        end = _AFTER_DATE_TIME.match(line, when[1]).end()
        if label.start() or not line[end:].strip():
            end = len(line)
        return DateLine(when[0], offset, offset + end, label.group("label").lower().removeprefix("last "))
    return None


def _date_only(line: str, offset: int) -> DateLine | None:
    when = _date_at(line, _BEFORE_DATE.match(line).end())
    if when and _DATE_ONLY_REST.match(line, _AFTER_DATE_TIME.match(line, when[1]).end()):
        return DateLine(when[0], offset, offset + len(line), None)
    return None


def _date_at(line: str, at: int) -> tuple[date, int] | None:
    found = leading_date(line[at:])
    return (found[0], at + found[1]) if found else None


def _nonblank_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def detect_title(scope_text: str) -> str | None:
    """The first non-empty in-scope line, without Markdown heading marks."""
    for line in _nonblank_lines(scope_text):
        title = line.lstrip("#").strip().strip("*_").strip()
        if title:
            return title
    return None


# "LIMA:" / "KESSA, Varnland —" / "OSLO (AFP) -": capitals, then an optional country, then a
# separator, at the start of one of the first paragraphs.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{1,40}[A-Z.](?:, [A-Z][A-Za-z.'\- ]{1,30})?)"
    r"\s*(?:\([A-Za-z. ]{1,25}\)\s*)?(?::|—|–|--? )\s*\S"
)


def detect_dateline(scope_text: str) -> str | None:
    """The dateline that opens one of the first paragraphs, e.g. 'LIMA' or 'KESSA, Varnland'."""
    for line in _nonblank_lines(scope_text)[:_TOP_LINES]:
        match = _DATELINE.match(line)
        if match:
            return match.group("place").strip()
    return None


# --- wire credit -----------------------------------------------------------------------------
# Agencies (and outlets that do their own reporting) the text may rest on, with the name a
# summary shows.
_AGENCIES = {
    "AFP": r"AFP|Agence France[- ]Presse",
    "Reuters": r"Reuters",
    "AP": r"AP|(?:the |The )?Associated Press",
    "BBC": r"(?:the )?BBC",
    "dpa": r"dpa|DPA",
    "Xinhua": r"Xinhua",
    "Anadolu": r"Anadolu(?: Agency)?",
    "EFE": r"EFE",
    "UPI": r"UPI",
    "Kyodo": r"Kyodo",
    "TASS": r"TASS",
}
_ANY_AGENCY = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _AGENCIES.items())
_AG = f"(?:{_ANY_AGENCY})"

# Photo credits name an agency without the text resting on it: "(AFP file photo)", "Photo: AFP",
# "AFP/Getty Images". They are removed before looking for cues.
_PHOTO_CREDIT = re.compile(
    r"\([^()]*\b(?:photo|image|picture)s?\b[^()]*\)|(?:photo|image|picture)s?\s*:[^\n]*"
    r"|\b\w+/Getty(?: Images)?",
    re.IGNORECASE,
)

# A credit is decisive: a line that is only the agency name in the last lines of the story,
# "... - AFP" ending a line, or "CITY (Reuters) -" opening a paragraph.
_CREDIT_LINE = re.compile(
    rf"^(?:[-–—©]\s*|\(c\)\s*)?(?:with |additional reporting by |source: )?{_AG}"
    rf"(?: contributed to this report)?\.?$",
    re.IGNORECASE,
)
_CREDIT_TAIL = re.compile(rf"\s[-–—]\s*{_AG}\s*$")
_CREDIT_DATELINE = re.compile(rf"^[A-Z][A-Z ,.'\-]*\({_AG}\)\s*[-–—:]")

# Reporting cues are weaker: the agency spoke to someone, saw something or could not verify it.
# "According to <agency>" is left out: an outlet citing another agency's report does not rest on
# that agency's dispatch. "told the <agency> news agency" is how a *different* outlet names a
# wire, so it is not counted either.
_REPORTING_CUES = [
    re.compile(rf"\btold {_AG}\b(?! news agency)"),
    re.compile(rf"\b(?:provided|shared|sent|gave|showed)\b[^.\n]{{0,40}}\b(?:to|with) {_AG}\b"),
    re.compile(rf"\b(?:interview|statement) (?:to|with) {_AG}\b"),
    re.compile(rf"\b{_AG} (?:has|had) (?:seen|obtained|learned|confirmed|verified)\b"),
    re.compile(rf"\b(?:seen|obtained|verified|confirmed) by {_AG}\b"),
    re.compile(rf"\b{_AG} (?:could|can|was unable to|could not|cannot) (?:not )?(?:independently )?"
               r"(?:verify|confirm)"),
    re.compile(rf"\b(?:an? )?{_AG}(?:'s)? (?:\w+ )?(?:correspondent|reporter|journalist|tally|count)"),
]
# Reuters house style puts instrument codes after company names: "Boeing (BA.N)".
_REUTERS_INSTRUMENT = re.compile(r"\([A-Z]{2,6}[a-z]?\.[A-Z]{1,2}\)")
_CREDIT_TAIL_LINES = 4


def detect_wire(scope_text: str) -> str | None:
    """The agency the text credits, or the single agency its reporting cues point to.

    Conservative on purpose: a decisive credit wins; otherwise the agency with the most
    reporting cues, and nothing on a tie or when there is no cue.
    """
    text = _PHOTO_CREDIT.sub(" ", scope_text)
    lines = _nonblank_lines(text)
    for line in reversed(lines[-_CREDIT_TAIL_LINES:]):
        found = _agency_of(_CREDIT_LINE.match(line)) or _agency_of(_CREDIT_TAIL.search(line))
        if found:
            return found
    for line in lines[:_TOP_LINES]:
        found = _agency_of(_CREDIT_DATELINE.match(line))
        if found:
            return found
    counts: dict[str, int] = {}
    for cue in _REPORTING_CUES:
        for match in cue.finditer(text):
            agency = _agency_of(match)
            counts[agency] = counts.get(agency, 0) + 1
    if _REUTERS_INSTRUMENT.search(text):
        counts["Reuters"] = counts.get("Reuters", 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def _agency_of(match: re.Match | None) -> str | None:
    if not match:
        return None
    return next((name for name in _AGENCIES if match.groupdict().get(name)), None)
