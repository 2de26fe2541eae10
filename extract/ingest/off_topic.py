"""Excluded ranges: the parts of an article's text that are not about the event.

General line-based heuristics, none tuned to one file:

* boilerplate lines anywhere ("Short Url", "Follow", "Post Comment", "Original Source: ...");
* short banner blocks before the story that ask for money, subscriptions or consent;
* a tail marker after the story has begun ("Related Articles", "Related Story:", "More News",
  "Leave a Reply", "A Message from ...", "Dear readers,", "Read more about ...:", "Comments are
  closed."): everything after it;
* a second story: after the story has begun, a headline-like line followed by story metadata
  ("Updated ...", "Follow", "By ...") or repeated right below, as sites print headlines; in
  Markdown also a thematic break followed by a heading. It runs to the end of the file;
* a spliced item inside the story: a headline-like line run straight into its paragraph, between
  blank lines, with the story going on after it, that mentions no casualty and shares no content
  word with the rest of the text (a content-farm page pasting an unrelated news item);
* runs of many very short label-like lines (map graphics, menus), unless they mention casualties;
* HTML comments left in Markdown and whole-line bracketed notes ("[Advertisement]").

"The story has begun" means the first long line that ends a sentence, or the first block of
hard-wrapped prose lines that is not a banner; nothing before it can start a tail.

Offsets are Python indices into the text; a range covers whole lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas import ExcludedRange

_BOILERPLATE_LINE = re.compile(
    r"^(?:short url|follow(?: us)?(?: on \w+)?|share(?: this(?: article| story)?)?|print|email"
    r"|advertisement|ad|sponsored|support us|subscribe(?: now)?|sign up|donate(?: now)?"
    r"|continue reading(?: the main story)?|skip to (?:main )?content|post comment"
    r"|comments are closed|leave a reply|x|×|close|original source:.*|source: www\..*"
    r"|read more: .+|(?:also )?read: .+|click here.*|image source,.*|image caption,.*"
    r"|newsletter|stay connected|sign up for our newsletter|subscribe to our newsletter.*"
    r"|your email address will not be published.*)\.?$",
    re.IGNORECASE,
)
_TAIL_MARKER = re.compile(
    r"^(?:related(?: articles?| stor(?:y|ies)| news| posts?| content| coverage)?|more news|more stories"
    r"|more from .{1,40}|leave a (?:reply|comment)|post comment|comments are closed|comments"
    r"|read more|read next|you (?:may|might) also like|recommended(?: for you)?|most read"
    r"|most popular|trending(?: now)?|latest news|not ready to support today\?)[.:!]?$"
    r"|^(?:a message from .{1,60}:|dear readers,?|read more (?:about|on) .{1,80}:)$",
    re.IGNORECASE,
)
_BANNER_WORDS = re.compile(
    r"\b(?:support us|donat\w*|ad-free|ads\b|advertis\w*|subscri\w*|sign up|newsletter|cookies?"
    r"|paywall|log ?in|register|your support|contribution)\b",
    re.IGNORECASE,
)
_METADATA_LINE = re.compile(
    r"^(?i:(?:last )?updated|published|posted|first published)\b.{0,60}$|^(?i:follow|short url)$"
    r"|^(?i:by) [A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,4}(?:,.{0,40})?$"
)
_MD_BREAK = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BRACKETED_NOTE = re.compile(r"^\[[^\[\]]{3,200}\]$")
# Label runs that mention casualties are kept: a short-line toll table is what this tool is for.
_CASUALTY_WORD = re.compile(r"\b(?:kill|dead|death|died|wound|injur|captur|missing|arrest|casualt|hostage|prisoner)",
                            re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…\"”’']$")

# Words too common to tell two stories apart (4+ letters: shorter words are not compared).
_FUNCTION_WORDS = frozenset(
    "about above after again against also although among another around been before being below between both "
    "could does doing down during each even every from further have having here into itself just last least "
    "many more most much must near next only other over same should since some such than that their them "
    "then there these they this those though through under until upon very were what when where which while "
    "whom whose will with within without would year years your said says told first time made make".split()
)
_CONTENT_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
_SPLICED_MIN_WORDS = 8  # fewer content words than this say too little to call a block unrelated

_BODY_LINE_CHARS = 100  # a line this long that ends a sentence is story text
_WRAPPED_LINE_CHARS = (40, 100)  # hard-wrapped prose: several lines of this length in a row
_HEADLINE_CHARS = (15, 150)
_LABEL_CHARS = 50
_LABEL_RUN = 8


@dataclass
class _Line:
    start: int
    end: int  # including the line break
    text: str  # stripped, emphasis marks removed


def _split_lines(text: str) -> list[_Line]:
    lines, pos = [], 0
    for raw in text.splitlines(keepends=True):
        lines.append(_Line(pos, pos + len(raw), raw.strip().strip("*_").strip()))
        pos += len(raw)
    return lines


def find_excluded(text: str, source_format: str = "txt") -> list[ExcludedRange]:
    """Excluded ranges of ``text``, sorted and non-overlapping."""
    lines = _split_lines(text)
    reasons: list[str | None] = [None] * len(lines)
    _mark_boilerplate_lines(lines, reasons)
    body_start = _body_start(lines)
    _mark_top_banners(lines, reasons, body_start)
    _mark_label_runs(lines, reasons)
    cut = _tail_cut(lines, body_start, source_format)
    _mark_spliced_items(lines, reasons, body_start, len(lines) if cut is None else cut[0])
    if cut is not None:
        index, reason = cut
        for i in range(index, len(lines)):
            reasons[i] = reason
    ranges = _ranges_from_lines(lines, reasons, len(text))
    if source_format == "md":
        ranges += [ExcludedRange(start=m.start(), end=m.end(), reason="markup comment")
                   for m in _MD_COMMENT.finditer(text)]
    return _merge(ranges)


def _mark_boilerplate_lines(lines: list[_Line], reasons: list[str | None]) -> None:
    for i, line in enumerate(lines):
        if _BOILERPLATE_LINE.match(line.text):
            reasons[i] = "boilerplate"
        elif _BRACKETED_NOTE.match(line.text):
            reasons[i] = "bracketed note"


def _is_body_line(line: _Line) -> bool:
    return len(line.text) >= _BODY_LINE_CHARS and bool(_SENTENCE_END.search(line.text))


def _body_start(lines: list[_Line]) -> int:
    """Index of the first line of story prose (len(lines) when there is none).

    Prose is a long line that ends a sentence, or a block of hard-wrapped lines that is not a
    banner.
    """
    first_long = next((i for i, line in enumerate(lines) if _is_body_line(line)), len(lines))
    low, high = _WRAPPED_LINE_CHARS
    for block in _blocks(lines, first_long):
        wrapped = sum(1 for i in block if low <= len(lines[i].text) <= high)
        words = " ".join(lines[i].text for i in block)
        if len(block) >= 3 and wrapped >= 2 * len(block) / 3 and not _is_banner(words):
            return block[0]
    return first_long


def _is_banner(words: str) -> bool:
    return len(words) < 600 and len(_BANNER_WORDS.findall(words)) >= 2


def _blocks(lines: list[_Line], stop: int) -> list[range]:
    """Runs of non-blank lines before ``stop``."""
    blocks, first = [], None
    for i in range(stop):
        if lines[i].text and first is None:
            first = i
        elif not lines[i].text and first is not None:
            blocks.append(range(first, i))
            first = None
    if first is not None:
        blocks.append(range(first, stop))
    return blocks


def _mark_top_banners(lines, reasons, body_start: int) -> None:
    """Short blocks before the story that ask for money, subscriptions or consent."""
    for block in _blocks(lines, body_start):
        if _is_banner(" ".join(lines[i].text for i in block)):
            for i in block:
                reasons[i] = "banner"


def _mark_label_runs(lines, reasons) -> None:
    """Runs of many very short lines without sentences: graphic labels, menus."""
    run: list[int] = []
    for i, line in enumerate(lines + [_Line(0, 0, "x" * (_LABEL_CHARS + 1))]):
        if not line.text:
            continue
        if len(line.text) <= _LABEL_CHARS:
            run.append(i)
            continue
        labels = sum(1 for j in run if not _is_sentence(lines[j].text))
        casualties = any(_CASUALTY_WORD.search(lines[j].text) for j in run)
        if len(run) >= _LABEL_RUN and labels >= 0.75 * len(run) and not casualties:
            for j in range(run[0], run[-1] + 1):
                reasons[j] = reasons[j] or "labels"
        run = []


def _mark_spliced_items(lines: list[_Line], reasons, body_start: int, stop: int) -> None:
    """A headline-like line and the paragraph run straight under it, inside the story (``stop`` is
    where the tail begins), that shares no content word with the rest of the text."""
    for block in _blocks(lines, stop):
        first = block[0]
        if first <= body_start or len(block) < 2 or block[-1] + 1 >= stop:
            continue  # before the story, a lone line, or nothing of the story after it
        headline = lines[first].text
        if not _is_headline(headline) or _METADATA_LINE.match(headline) or not _is_sentence(lines[first + 1].text):
            continue
        words = " ".join(lines[i].text for i in block)
        if _CASUALTY_WORD.search(words):
            continue
        rest = " ".join(line.text for i, line in enumerate(lines) if i not in block and reasons[i] is None)
        own = _content_words(words)
        if len(own) >= _SPLICED_MIN_WORDS and not own & _content_words(rest):
            for i in block:
                reasons[i] = reasons[i] or "spliced item"


def _content_words(text: str) -> set[str]:
    return {w.lower().rstrip("'’") for w in _CONTENT_WORD.findall(text)} - _FUNCTION_WORDS


def _is_sentence(text: str) -> bool:
    return len(text.split()) >= 4 and bool(_SENTENCE_END.search(text))


def _tail_cut(lines: list[_Line], body_start: int, source_format: str) -> tuple[int, str] | None:
    """Where the off-topic tail begins (a marker or a second story), if anywhere."""
    nonblank = [i for i, line in enumerate(lines) if line.text and i > body_start]
    for k, i in enumerate(nonblank):
        text = lines[i].text
        if _TAIL_MARKER.match(text):
            return i, "after the story"
        following = [lines[j].text for j in nonblank[k + 1:k + 6]]
        if _is_headline(text) and not _METADATA_LINE.match(text) and _starts_second_story(text, following):
            return i, "second story"
        if source_format == "md" and _MD_BREAK.match(text) and following and following[0].startswith("#"):
            return i, "second story"
    return None


def _is_headline(text: str) -> bool:
    low, high = _HEADLINE_CHARS
    plain = text.lstrip("#").strip()
    return low <= len(plain) <= high and not re.search(r"[.,;:!\"”’]$", plain)


def _starts_second_story(headline: str, following: list[str]) -> bool:
    """A headline is a new story when metadata follows it or it is printed twice."""
    if any(_METADATA_LINE.match(line) for line in following[:2]):
        return True
    return headline in following


def _ranges_from_lines(lines, reasons, text_length: int) -> list[ExcludedRange]:
    """One range per run of lines with the same reason; blank lines inside a run join it."""
    ranges: list[ExcludedRange] = []
    current: ExcludedRange | None = None
    for line, reason in zip(lines, reasons, strict=False):
        if reason is None:
            if line.text:
                current = None
            continue
        if current is not None and current.reason == reason:
            current.end = line.end
        else:
            current = ExcludedRange(start=line.start, end=line.end, reason=reason)
            ranges.append(current)
    for r in ranges:
        if r.reason in ("after the story", "second story"):
            r.end = text_length
    return ranges


def _merge(ranges: list[ExcludedRange]) -> list[ExcludedRange]:
    """Sort and fold overlapping ranges into the earlier one."""
    merged: list[ExcludedRange] = []
    for r in sorted(ranges, key=lambda r: (r.start, -r.end)):
        if merged and r.start < merged[-1].end:
            merged[-1].end = max(merged[-1].end, r.end)
        else:
            merged.append(r.model_copy())
    return merged
