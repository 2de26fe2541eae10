"""A cheap test run before a case-insensitive regex: can the pattern match at all?

A pattern compiled with ``re.I`` that needs one of some literal words can match an ASCII text
only if the lower-cased text holds one of them. For ASCII text ``str.lower`` and ``re.I`` fold
case alike; a non-ASCII text ("K" the Kelvin sign matches "k" under ``re.I``) always goes to the
regex, so the answer is the pattern's own.
"""

from __future__ import annotations


def may_hold(text: str, needles: tuple[str, ...]) -> bool:
    """False only when ``text`` is ASCII and its lower-cased form holds none of ``needles``
    (lower-case words that every match of the guarded pattern contains)."""
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(needle in lowered for needle in needles)
