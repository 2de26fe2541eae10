"""Cheap ways round a case-insensitive regex that give its own answer.

- ``may_hold``, a test run before the regex: can the pattern match at all? A pattern compiled with
  ``re.I`` that needs one of some literal words can match an ASCII text only if the lower-cased
  text holds one of them.
- ``LowerCased``, the regex itself: on an ASCII text, a twin without ``re.I`` searched in the
  lower-cased text finds the same matches at the same places, at about half the cost (``re.I``
  folds the case of every character it tries); the groups come out lower-cased.

Both rest on one fact: for ASCII text ``str.lower`` and ``re.I`` fold case alike and keep every
character in its place. A non-ASCII text ("K" the Kelvin sign matches "k" under ``re.I``; "İ"
lower-cases to two characters) always goes to the regex, so the answer is the pattern's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def may_hold(text: str, needles: tuple[str, ...]) -> bool:
    """False only when ``text`` is ASCII and its lower-cased form holds none of ``needles``
    (lower-case words that every match of the guarded pattern contains)."""
    if not text.isascii():
        return True
    lowered = text.lower()
    for needle in needles:  # a plain loop: any() over a generator cost more than the tests themselves
        if needle in lowered:
            return True
    return False


class LowerCased:
    """``pattern`` (compiled with ``re.I``, with no upper-case letter of its own: its twin could not
    match them in lower-cased text) searched case-sensitively in lower-cased ASCII text."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        if not pattern.flags & re.I or re.search(r"(?<!\\)[A-Z]", pattern.pattern.replace("(?P<", "(?<")):
            raise ValueError(f"not a case-insensitive pattern without upper-case letters: {pattern.pattern[:60]!r}")
        self.pattern = pattern
        self._twin = re.compile(pattern.pattern, pattern.flags & ~re.I)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The pattern's matches in ``text``; in an ASCII text their groups are lower-cased."""
        if text.isascii():
            return self._twin.finditer(text.lower())
        return self.pattern.finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        """The pattern's first match in ``text``, as ``finditer``'s."""
        if text.isascii():
            return self._twin.search(text.lower())
        return self.pattern.search(text)
