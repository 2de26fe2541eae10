"""Metadata the text itself shows: title, publication date, dateline and wire credit.

Every detector reads only the in-scope text (excluded ranges blanked out), so a date in a
donation banner or an agency named in a second story never becomes the article's metadata.
"""

from __future__ import annotations

import re
from datetime import date

from extract.text.dates import parse_date

# A line that is only a date, or a date after a publication word, near the top of the article.
_DATE_LINE_PREFIX = re.compile(
    r"^(?:(?:last\s+)?updated|published|posted|first published|date)?\s*:?\s*(?:on\s+)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?",
    re.IGNORECASE,
)
_TOP_LINES = 12


def _nonblank_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def detect_title(scope_text: str) -> str | None:
    """The first non-empty in-scope line, without Markdown heading marks."""
    for line in _nonblank_lines(scope_text):
        title = line.lstrip("#").strip().strip("*_").strip()
        if title:
            return title
    return None


def detect_published(scope_text: str) -> date | None:
    """A publication date from a short date line near the top ('Updated 28 July 2024').

    Dates inside sentences are about events, not publication, so only short lines made of a
    date (optionally after 'Updated', 'Published', a weekday...) count.
    """
    for line in _nonblank_lines(scope_text)[:_TOP_LINES]:
        line = line.strip("*_ ")
        if len(line) > 60:
            continue
        rest = _DATE_LINE_PREFIX.sub("", line, count=1)
        found = parse_date(rest)
        if found and re.match(r"[\w]", rest) and len(rest) <= 40:
            return found
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
