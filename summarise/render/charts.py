"""Pictures for report.html, drawn as inline SVG by code from the reconciled figures. Pure functions.

Two pictures:

- ``figure_strip``: one casualty-table row as a range strip, one lane per claimant figure, lanes
  grouped by claimant. An exact figure is a filled dot, a range a bar, an open figure ("at least N")
  a hollow dot with an arrow running off the axis, "at most N" an arrow pointing back to zero. A vague
  word ("dozens") has no place on an axis: it is not drawn, and the caller lists it in words
  (``vague_figures``). The row's credible range is a shaded band.
- ``toll_chart``: for a row whose figures come from articles of different dates, some of them
  first given after the first date (``toll_series``, ``toll_moved``), a step chart of the figure against the publication date,
  one line per claimant.

Colour is never the only carrier of meaning: every line also has its own marker shape and dash
pattern, every marker a text label, and each chart a legend. Every text that reaches the SVG is
escaped (claimant names come from articles, which are untrusted); the SVG holds no script, no link
and no reference to anything outside itself, so the page's Content-Security-Policy holds.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from datetime import date

from schemas import CasualtyFigure, Count, FigureByClaimant, SummaryClaim

WIDTH = 360  # viewBox units; the page scales the SVG to its column (at most 30rem wide), so text stays
# near its size both on a phone (about 350 px) and on a desktop
SMALL = 11
LANE = 40  # height of one figure's lane in the strip
LABEL_CHARS = 50  # a lane label longer than this is cut (the full text is in the marker's <title>)

# Dark enough to stay apart from one another and from the paper when printed in grey; the marker
# shapes and dash patterns below carry the same distinction without colour.
PALETTE = ("#0b5394", "#b3461b", "#1d7a4f", "#7b3f8c", "#6b5a10", "#1f2328")
SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "cross")
DASHES = ("", "7 3", "2 3", "9 3 2 3", "4 4", "1 2")
INK, MUTED, LINE, BAND = "#1f2328", "#5b6470", "#c4cad1", "#eceff3"


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def cut(text: str, limit: int) -> str:
    """``text`` shortened to ``limit`` characters with an ellipsis (cut before escaping, so an
    entity is never split)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def is_drawable(count: Count) -> bool:
    """True when the figure has a number to place on an axis (a vague word has none)."""
    return count.min is not None or count.max is not None


def figure_kind(count: Count) -> str:
    """``exact``, ``range``, ``open`` (at least N, no upper bound) or ``at-most``."""
    if count.max is None:
        return "open"
    if count.min is None:
        return "at-most"
    return "exact" if count.min == count.max else "range"


def vague_figures(figure: CasualtyFigure) -> list[FigureByClaimant]:
    """The row's figures with no number: listed in words beside the strip, never drawn."""
    return [b for b in figure.by_claimant if not is_drawable(b.count)]


def grouped_by_claimant(figures: list[FigureByClaimant]) -> list[tuple[str, list[FigureByClaimant]]]:
    """``(claimant label, figures)`` in order of each claimant's first figure, so that one
    claimant's figures are read together."""
    groups: dict[str, list[FigureByClaimant]] = {}
    for b in figures:
        groups.setdefault(b.claimant.label(), []).append(b)
    return list(groups.items())


@dataclass(frozen=True)
class Axis:
    """A linear axis from 0 to ``top`` drawn between ``left`` and ``right`` (viewBox units)."""

    top: int
    step: int
    left: float
    right: float

    @classmethod
    def for_values(cls, values: list[int], left: float, right: float) -> Axis:
        step = nice_step(max(values + [1]))
        top = step * max(1, math.ceil(max(values + [1]) / step))
        if max(values + [0]) == top:  # leave room past the largest figure for its label or arrow
            top += step
        return cls(top, step, left, right)

    def x(self, value: float) -> float:
        return self.left + (self.right - self.left) * value / self.top

    def ticks(self) -> list[int]:
        return list(range(0, self.top + 1, self.step))


def nice_step(largest: int) -> int:
    """A tick step of 1, 2 or 5 times a power of ten giving at most five intervals up to ``largest``."""
    power = 10 ** max(0, int(math.log10(max(largest, 1))))
    for step in (power // 10, power // 5, power // 2, power, 2 * power, 5 * power, 10 * power):
        if step >= 1 and largest / step <= 5:
            return step
    return 10 * power


def tick_label(value: int) -> str:
    """An axis number with a narrow no-break space between thousands (``5 000``): read at a glance,
    and never spelt like an article's figure ("5,000"), so an axis tick is not taken for one."""
    return f"{value:,}".replace(",", "\u202f")


def marker(shape: str, x: float, y: float, size: float, colour: str, hollow: bool = False) -> str:
    """One marker shape centred on (x, y); hollow ones are drawn as an outline on the paper."""
    fill = "#fff" if hollow else colour
    paint = f'fill="{fill}" stroke="{colour}" stroke-width="2"'
    s = size
    if shape == "square":
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" {paint}/>'
    if shape in ("triangle", "triangle-down"):
        d = -1 if shape == "triangle" else 1
        points = f"{x:.1f},{y + d * s * 1.2:.1f} {x - s * 1.1:.1f},{y - d * s * 0.8:.1f} {x + s * 1.1:.1f},{y - d * s * 0.8:.1f}"
        return f'<polygon points="{points}" {paint}/>'
    if shape == "diamond":
        points = f"{x:.1f},{y - s * 1.3:.1f} {x + s * 1.1:.1f},{y:.1f} {x:.1f},{y + s * 1.3:.1f} {x - s * 1.1:.1f},{y:.1f}"
        return f'<polygon points="{points}" {paint}/>'
    if shape == "cross":
        return (
            f'<path d="M{x - s:.1f} {y - s:.1f}L{x + s:.1f} {y + s:.1f}M{x + s:.1f} {y - s:.1f}L{x - s:.1f} {y + s:.1f}" '
            f'stroke="{colour}" stroke-width="2.5" fill="none"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s:.1f}" {paint}/>'


def arrow(x1: float, x2: float, y: float, colour: str) -> str:
    """A horizontal arrow from x1 to x2 with its head at x2."""
    d = 1 if x2 > x1 else -1
    head = f"{x2:.1f},{y:.1f} {x2 - d * 8:.1f},{y - 4.5:.1f} {x2 - d * 8:.1f},{y + 4.5:.1f}"
    return (
        f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2 - d * 6:.1f}" y2="{y:.1f}" stroke="{colour}" stroke-width="2"/>'
        f'<polygon points="{head}" fill="{colour}"/>'
    )


def svg(title: str, width: float, height: float, inner: str, css_class: str) -> str:
    """The SVG element: an image to assistive technology, named by ``title``."""
    return (
        f'<svg class="{css_class}" role="img" aria-label="{esc(title)}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, DejaVu Sans, Arial, sans-serif">'
        f"<title>{esc(title)}</title>{inner}</svg>"
    )


def _value_label(x: float, y: float, text: str, right_edge: float) -> str:
    """A figure's label beside its marker: to the right, or to the left near the right edge."""
    room = len(text) * SMALL * 0.6 + 10
    if x + room <= right_edge:
        return f'<text x="{x + 10:.1f}" y="{y + 4:.1f}" font-size="{SMALL}" fill="{INK}">{esc(text)}</text>'
    return f'<text x="{x - 10:.1f}" y="{y + 4:.1f}" font-size="{SMALL}" fill="{INK}" text-anchor="end">{esc(text)}</text>'


def figure_strip(figure: CasualtyFigure, title: str, notes: dict[str, str] | None = None) -> str:
    """One casualty row as a range strip (see the module docstring); ``""`` when no figure of the
    row has a number. ``notes`` maps a claim id to a note shown in its lane label."""
    notes = notes or {}
    drawable = [b for b in figure.by_claimant if is_drawable(b.count)]
    if not drawable:
        return ""
    groups = grouped_by_claimant(drawable)
    values = [v for b in drawable for v in (b.count.min, b.count.max) if v is not None]
    values += [v for v in (figure.low, figure.high) if v is not None]
    axis = Axis.for_values(values, 14, WIDTH - 14)
    lanes_top = 8
    height = lanes_top + LANE * len(drawable) + 34
    axis_y = lanes_top + LANE * len(drawable) + 6
    parts = [_band(figure, axis, lanes_top, axis_y)]
    lane = 0
    for g, (claimant, figures) in enumerate(groups):
        colour, shape = PALETTE[g % len(PALETTE)], SHAPES[g % len(SHAPES)]
        for k, b in enumerate(figures):
            y0 = lanes_top + LANE * lane
            who = claimant if k == 0 else "same claimant"  # the group's name once, on its first lane
            label = f"{b.claim} · {who}" + (f" — {notes[b.claim]}" if b.claim in notes else "")
            parts.append(f'<text x="14" y="{y0 + 11}" font-size="{SMALL}" fill="{MUTED}">{esc(cut(label, LABEL_CHARS))}</text>')
            parts.append(f'<line x1="14" y1="{y0 + 29}" x2="{WIDTH - 14}" y2="{y0 + 29}" stroke="{LINE}" stroke-width="1"/>')
            parts.append(_strip_mark(b, claimant, axis, y0 + 29, colour, shape))
            lane += 1
    parts.append(_axis(axis, axis_y))
    return svg(title, WIDTH, height, "".join(parts), "chart strip")


def _band(figure: CasualtyFigure, axis: Axis, top: float, bottom: float) -> str:
    """The row's credible range (low to high, or low onwards when open) as a shaded band."""
    if figure.low is None and figure.high is None:
        return ""
    low = figure.low if figure.low is not None else 0
    high = figure.high if figure.high is not None else axis.top
    x1, x2 = axis.x(low), axis.x(high)
    return (
        f'<rect class="band" x="{x1 - 3:.1f}" y="{top:.1f}" width="{max(x2 - x1, 0) + 6:.1f}" '
        f'height="{bottom - top - 4:.1f}" fill="{BAND}"/>'
    )


def _strip_mark(b: FigureByClaimant, claimant: str, axis: Axis, y: float, colour: str, shape: str) -> str:
    """One figure on its lane, in a group carrying the claim id, the kind and a full-text title."""
    kind = figure_kind(b.count)
    text = b.count.label()
    body = ""
    if kind == "exact":
        x = axis.x(b.count.min or 0)
        body = marker(shape, x, y, 5.5, colour)
    elif kind == "range":
        x1, x = axis.x(b.count.min or 0), axis.x(b.count.max or 0)
        body = (
            f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{colour}" stroke-width="6"/>'
            + marker(shape, x1, y, 4.5, colour) + marker(shape, x, y, 4.5, colour)
        )
    elif kind == "open":
        x = axis.x(b.count.min or 0)
        body = arrow(x, axis.right, y, colour) + marker(shape, x, y, 5.5, colour, hollow=True)
    else:  # at most N: the figure could be anything from zero up to N
        x = axis.x(b.count.max or 0)
        body = arrow(x, axis.left, y, colour) + marker(shape, x, y, 5.5, colour, hollow=True)
    label = _value_label(x, y, text, WIDTH - 4) if kind != "open" else _open_label(x, y, text)
    return (
        f'<g class="marker {kind}" data-claim="{esc(b.claim)}"><title>{esc(f"{claimant}: {b.count.label()} ({b.claim})")}</title>'
        f"{body}{label}</g>"
    )


def _open_label(x: float, y: float, text: str) -> str:
    """An open figure's label rides above its arrow, which fills the lane to the right; near the
    right edge it stands left of the marker instead."""
    if x < WIDTH * 0.6:
        return f'<text x="{x + 10:.1f}" y="{y - 6:.1f}" font-size="{SMALL}" fill="{INK}">{esc(text)}</text>'
    return f'<text x="{x - 10:.1f}" y="{y + 4:.1f}" font-size="{SMALL}" fill="{INK}" text-anchor="end">{esc(text)}</text>'


def _axis(axis: Axis, y: float) -> str:
    ticks = "".join(
        f'<line x1="{axis.x(t):.1f}" y1="{y:.1f}" x2="{axis.x(t):.1f}" y2="{y + 4:.1f}" stroke="{MUTED}"/>'
        f'<text x="{axis.x(t):.1f}" y="{y + 16:.1f}" font-size="{SMALL}" fill="{MUTED}" '
        f'text-anchor="{"end" if t == axis.top and t >= 1000 else "middle"}">{tick_label(t)}</text>'  # the last stays inside
        for t in axis.ticks()
    )
    return f'<line x1="{axis.left:.1f}" y1="{y:.1f}" x2="{axis.right:.1f}" y2="{y:.1f}" stroke="{MUTED}"/>{ticks}'


# --- the toll over time -------------------------------------------------------------------------


@dataclass(frozen=True)
class TollPoint:
    """One claimant's figure as an article of that date carried it."""

    when: date
    count: Count
    claim: str

    @property
    def value(self) -> int:
        """Where the point sits: the lower bound (the upper for "at most N")."""
        return self.count.min if self.count.min is not None else (self.count.max or 0)


@dataclass(frozen=True)
class TollSeries:
    claimant: str
    points: list[TollPoint]


def toll_series(
    figure: CasualtyFigure, claims: dict[str, SummaryClaim], published: dict[str, date | None]
) -> list[TollSeries]:
    """The row's figures placed at the publication date of every article stating them, one series
    per claimant (first-figure order). Undated articles give no point; a vague word gives a point
    that is listed, not plotted (it has no place on the axis)."""
    series: dict[str, dict[tuple[date, str], TollPoint]] = {}
    for b in figure.by_claimant:
        claim = claims.get(b.claim)
        if claim is None:
            continue
        for mention in claim.mentions:
            when = published.get(mention.article)
            if when is not None:
                series.setdefault(b.claimant.label(), {})[(when, b.claim)] = TollPoint(when, b.count, b.claim)
    return [
        TollSeries(name, sorted(points.values(), key=lambda p: (p.when, p.value, p.claim))) for name, points in series.items()
    ]


def toll_moved(series: list[TollSeries]) -> bool:
    """True when the row's figures come from articles of different dates and some figure was first
    given after the first date (a new number, or a number where there was only a word). The same
    figures merely repeated by later articles are not a toll that moved."""
    first_given: dict[tuple[str, str], date] = {}
    for s in series:
        for p in s.points:
            key = (s.claimant, p.count.label())
            first_given[key] = min(p.when, first_given.get(key, p.when))
    dates = {p.when for s in series for p in s.points}
    return len(dates) >= 2 and any(when > min(dates) for when in first_given.values())


def toll_chart(title: str, series: list[TollSeries]) -> str:
    """A step chart of figure against date, one line per claimant with a number; words with no
    number are listed under the legend with their date. ``""`` unless the toll moved and some
    figure has a number."""
    if not toll_moved(series):
        return ""
    words = [(s.claimant, p) for s in series for p in s.points if not is_drawable(p.count)]
    series = [TollSeries(s.claimant, [p for p in s.points if is_drawable(p.count)]) for s in series]
    series = [s for s in series if s.points]
    if not series:
        return ""
    dates = sorted({p.when for s in series for p in s.points} | {p.when for _, p in words})
    values = [v for s in series for p in s.points for v in (p.count.min, p.count.max) if v is not None]
    left, right, top, plot_h = 44.0, WIDTH - 50.0, 14.0, 150.0
    bottom = top + plot_h
    y_axis = Axis.for_values(values, 0, plot_h)

    def x_of(when: date, i: int) -> float:
        dodge = (i - (len(series) - 1) / 2) * min(7.0, 30.0 / max(len(series), 1))  # same-day points stay apart
        return _date_x(dates, when, left, right) + dodge

    def y_of(value: float) -> float:
        return bottom - y_axis.x(value)

    parts = [_toll_axes(dates, y_axis, left, right, bottom, y_of)]
    for i, s in enumerate(series):
        colour, shape, dash = PALETTE[i % len(PALETTE)], SHAPES[i % len(SHAPES)], DASHES[i % len(DASHES)]
        path = ""
        for j, p in enumerate(s.points):
            x, y = x_of(p.when, i), y_of(p.value)
            path += f"M{x:.1f} {y:.1f}" if j == 0 else f"H{x:.1f}V{y:.1f}"  # step: hold, then move
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"{dashes}/>')
    label_at = _toll_label_places(series, x_of, y_of, bottom)
    for i, s in enumerate(series):
        colour, shape = PALETTE[i % len(PALETTE)], SHAPES[i % len(SHAPES)]
        for p in s.points:
            parts.append(_toll_mark(s.claimant, p, x_of(p.when, i), y_of, colour, shape, label_at[(i, p.when, p.claim)]))
    legend_top = bottom + 36
    for i, s in enumerate(series):
        parts.append(_legend_row(i, s.claimant, legend_top + 18 * i))
    words_top = legend_top + 18 * len(series) + 8
    on_date: dict[date, int] = {}
    for k, (claimant, p) in enumerate(words):
        x = _date_x(dates, p.when, left, right)
        row = on_date[p.when] = on_date.get(p.when, -1) + 1  # the words of one date stack at the top
        parts.append(
            f'<g class="word" data-claim="{esc(p.claim)}"><title>{esc(f"{claimant}: “{p.count.text}” ({p.claim}), {p.when.isoformat()}")}</title><line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="{MUTED}" stroke-dasharray="2 3"/><text x="{x + (4 if x < WIDTH / 2 else -4):.1f}" y="{top + 12 + 13 * row:.1f}" '
            f'text-anchor="{"start" if x < WIDTH / 2 else "end"}" '
            f'font-size="{SMALL}" fill="{MUTED}" font-style="italic">{esc(cut(f"“{p.count.text}”", 24))}</text><text x="14" y="{words_top + 16 * k:.1f}" font-size="{SMALL}" '
            f'fill="{MUTED}">{esc(cut(f"{p.when.isoformat()}: “{p.count.text}”, no number ({claimant}, {p.claim})", LABEL_CHARS))}</text></g>'
        )
    height = words_top + 16 * len(words) + (4 if words else -4)
    return svg(title, WIDTH, height, "".join(parts), "chart toll")


def _toll_axes(dates: list[date], y_axis: Axis, left: float, right: float, bottom: float, y_of) -> str:
    out = [f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="{MUTED}"/>',
           f'<line x1="{left}" y1="{y_of(y_axis.top):.1f}" x2="{left}" y2="{bottom}" stroke="{MUTED}"/>']
    for t in y_axis.ticks():
        y = y_of(t)
        out.append(f'<line x1="{left - 4}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{BAND}"/>')
        out.append(f'<text x="{left - 7}" y="{y + 4:.1f}" font-size="{SMALL}" fill="{MUTED}" text-anchor="end">{tick_label(t)}</text>')
    last = -1e9
    for when in dates:
        x = _date_x(dates, when, left, right)
        out.append(f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 4}" stroke="{MUTED}"/>')
        if x - last >= 72:  # a date label only where it does not run into the previous one
            out.append(f'<text x="{x:.1f}" y="{bottom + 17}" font-size="{SMALL}" fill="{MUTED}" text-anchor="middle">{when.isoformat()}</text>')
            last = x
    return "".join(out)


def _date_x(dates: list[date], when: date, left: float, right: float) -> float:
    """Where a date sits; the first date stands off the y axis, so its points and rules show."""
    span = max((dates[-1] - dates[0]).days, 1)
    inner = left + 22
    return inner + (right - inner) * (when - dates[0]).days / span


def _toll_label_places(series: list[TollSeries], x_of, y_of, bottom: float) -> dict[tuple[int, date, str], tuple[float, float]]:
    """Where each point's value label goes: right of all the markers of its date, pushed apart
    vertically so that labels of one date never overprint one another."""
    by_date: dict[date, list[tuple[float, int, str]]] = {}
    for i, s in enumerate(series):
        for p in s.points:
            by_date.setdefault(p.when, []).append((y_of(p.value), i, p.claim))
    places: dict[tuple[int, date, str], tuple[float, float]] = {}
    for when, labels in by_date.items():
        x = max(x_of(when, i) for _, i, _ in labels) + 9
        last = bottom + 12  # from the lowest label up, so none runs into the dates under the axis
        for y, i, claim in sorted(labels, reverse=True):
            y = min(y + 4, last - 12, bottom - 3)
            places[(i, when, claim)] = (x, y)
            last = y
    return places


def _toll_mark(claimant: str, p: TollPoint, x: float, y_of, colour: str, shape: str, label_at: tuple[float, float]) -> str:
    kind = figure_kind(p.count)
    y = y_of(p.value)
    body = marker(shape, x, y, 5, colour, hollow=kind in ("open", "at-most"))
    text = p.count.label()
    if kind == "open":  # "at least N": an arrow up, the figure may be higher
        body = f'<line x1="{x:.1f}" y1="{y - 6:.1f}" x2="{x:.1f}" y2="{y - 18:.1f}" stroke="{colour}" stroke-width="2"/>' \
               f'<polygon points="{x:.1f},{y - 23:.1f} {x - 4:.1f},{y - 16:.1f} {x + 4:.1f},{y - 16:.1f}" fill="{colour}"/>' + body
        text = f"≥ {p.count.min}"
    elif kind == "range":
        body = f'<line x1="{x:.1f}" y1="{y_of(p.count.max or 0):.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{colour}" stroke-width="3"/>' + body
    elif kind == "at-most":
        text = f"≤ {p.count.max}"
    title = f"{claimant}: {p.count.label()} ({p.claim}), {p.when.isoformat()}"
    return (
        f'<g class="marker {kind}" data-claim="{esc(p.claim)}"><title>{esc(title)}</title>{body}'
        f'<text x="{label_at[0]:.1f}" y="{label_at[1]:.1f}" font-size="{SMALL}" fill="{INK}">{esc(text)}</text></g>'
    )


def _legend_row(i: int, claimant: str, y: float) -> str:
    colour, shape, dash = PALETTE[i % len(PALETTE)], SHAPES[i % len(SHAPES)], DASHES[i % len(DASHES)]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<g class="legend"><line x1="14" y1="{y:.1f}" x2="44" y2="{y:.1f}" stroke="{colour}" stroke-width="2"{dashes}/>'
        f"{marker(shape, 29, y, 4.5, colour)}"
        f'<text x="52" y="{y + 4:.1f}" font-size="{SMALL}" fill="{INK}">{esc(cut(claimant, LABEL_CHARS))}</text></g>'
    )
