"""One article's text as escaped HTML, quotes highlighted, off-topic ranges left out entirely.

Mentions may overlap or cross. The text is cut at every span boundary into segments; for each
segment the marks covering it are opened outermost-first (earlier start, then longer span), and a
mark that crosses another is closed and reopened, so the nesting is always valid. The first piece
of each quote carries its id; every piece carries ``data-m`` with that id, so the pieces of one
quote, read in order, give the quote back. Excluded ranges are not written at all: one marker
stands for each run of them. Pure function.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from schemas import ExcludedRange
from summarise.render.common import OMITTED_MARKER


@dataclass(frozen=True)
class Highlight:
    """A quote to mark: ``text[start:end]``, reachable as ``#anchor``."""

    start: int
    end: int
    anchor: str


def article_text_html(text: str, excluded: list[ExcludedRange], highlights: list[Highlight]) -> str:
    """``text`` as HTML: escaped, highlights as ``<mark>``, excluded ranges replaced by a marker.

    Highlights that are empty, out of bounds or touch an excluded range are ignored (callers link
    only to quotes they verified, so none of these is expected).
    """
    cuts = _merged(excluded, len(text))
    marks = _usable(highlights, cuts, len(text))
    bounds = sorted({0, len(text)} | {b for r in cuts for b in r} | {b for h in marks for b in (h.start, h.end)})
    out: list[str] = []
    stack: list[Highlight] = []
    opened: set[str] = set()
    in_cut = False
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        if any(a <= lo and hi <= b for a, b in cuts):
            _close_to(stack, 0, out)
            if not in_cut:  # one marker per run of omitted text, on its own line if the run had one
                cut = next((a, b) for a, b in cuts if a <= lo and hi <= b)
                before = "\n" if text[cut[0]] == "\n" else ""
                after = "\n" if text[cut[1] - 1] == "\n" else ""
                out.append(f'{before}<span class="omitted">{html.escape(OMITTED_MARKER)}</span>{after}')
            in_cut = True
            continue
        in_cut = False
        wanted = sorted((h for h in marks if h.start <= lo and hi <= h.end), key=lambda h: (h.start, -h.end, h.anchor))
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] == wanted[keep]:
            keep += 1
        _close_to(stack, keep, out)
        for h in wanted[keep:]:
            out.append(_open(h, first=h.anchor not in opened))
            opened.add(h.anchor)
            stack.append(h)
        out.append(html.escape(text[lo:hi], quote=False))
    _close_to(stack, 0, out)
    return "".join(out)


def _open(h: Highlight, first: bool) -> str:
    anchor = html.escape(h.anchor)
    if first:
        return f'<mark class="q" id="{anchor}" data-m="{anchor}">'
    return f'<mark class="q cont" data-m="{anchor}">'


def _close_to(stack: list[Highlight], depth: int, out: list[str]) -> None:
    while len(stack) > depth:
        stack.pop()
        out.append("</mark>")


def _merged(excluded: list[ExcludedRange], length: int) -> list[tuple[int, int]]:
    """Excluded ranges clipped to the text and merged where they touch or overlap."""
    spans = sorted((max(0, r.start), min(length, r.end)) for r in excluded if min(length, r.end) > max(0, r.start))
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _usable(highlights: list[Highlight], cuts: list[tuple[int, int]], length: int) -> list[Highlight]:
    seen: dict[str, Highlight] = {}
    for h in highlights:
        if 0 <= h.start < h.end <= length and not any(h.start < b and h.end > a for a, b in cuts):
            seen.setdefault(h.anchor, h)
    return list(seen.values())
