"""Turn the words of a casualty figure into a Count: "seven" -> 7, "at least 15" -> [15, None],
"dozens" -> vague. Shared by both extractors so that a figure means the same whoever found it.

STUB: owned by the offline-extractor work; the signature below is the contract.
"""

from __future__ import annotations

from schemas import Count


def parse_count(text: str) -> Count:
    """Normalise the words of a figure ("at least 15", "seven", "dozens", "20 or more")."""
    words = text.strip()
    if words.isdigit():
        return Count(min=int(words), max=int(words), text=words)
    return Count(text=words, vague=True)
