"""charts.py: one marker per claimant figure, open figures drawn open, vague words never drawn,
every text escaped, a toll chart only where the toll moved. Fictional figures only."""

from __future__ import annotations

from datetime import date

from schemas import CasualtyFigure, Claimant, Count, Evidence, FigureByClaimant, Outcome, SummaryClaim
from summarise.render import charts
from tests.support.render_dom import parse

HOSTILE = '<script>alert(1)</script> & "the <b>Front</b>"'


def fig(claim: str, claimant: str, count: Count) -> FigureByClaimant:
    return FigureByClaimant(claim=claim, claimant=Claimant(name=claimant), count=count)


def exact(n: int, text: str | None = None) -> Count:
    return Count(min=n, max=n, text=text or str(n))


def row(*figures: FigureByClaimant, low: int | None = None, high: int | None = None) -> CasualtyFigure:
    return CasualtyFigure(victim_party=None, victims="soldiers", outcome=Outcome.killed, by_claimant=list(figures),
                          low=low, high=high)


def markers(svg: str) -> list:
    return [n for n in parse(svg).iter() if n.tag == "g" and "marker" in n.classes()]


MIXED = row(
    fig("c1", "the army", exact(12)),
    fig("c2", "the Northern Front", Count(min=20, max=None, text="at least 20")),
    fig("c3", "the army", Count(min=4, max=9, text="four to nine")),
    fig("c4", "a local official", Count(text="dozens", vague=True)),
    fig("c5", "a nurse", Count(min=None, max=30, text="up to 30")),
    low=4, high=None,
)


def test_strip_has_one_marker_per_figure_with_a_number():
    svg = charts.figure_strip(MIXED, "soldiers killed")
    found = markers(svg)
    assert sorted(m.attrs["data-claim"] for m in found) == ["c1", "c2", "c3", "c5"]
    kinds = {m.attrs["data-claim"]: m.classes() - {"marker"} for m in found}
    assert kinds == {"c1": {"exact"}, "c2": {"open"}, "c3": {"range"}, "c5": {"at-most"}}
    assert "dozens" not in svg  # a vague word is never drawn
    assert [b.claim for b in charts.vague_figures(MIXED)] == ["c4"]


def test_strip_lanes_are_grouped_by_claimant():
    svg = charts.figure_strip(MIXED, "soldiers killed")
    assert [m.attrs["data-claim"] for m in markers(svg)] == ["c1", "c3", "c2", "c5"]  # the army's two together
    lane_labels = [n.text() for n in parse(svg).iter() if n.tag == "text" and n.text().startswith("c")]
    assert lane_labels[:2] == ["c1 · the army", "c3 · same claimant"]


def test_open_figure_is_a_hollow_marker_with_an_arrow_to_the_axis_end():
    (open_mark,) = [m for m in markers(charts.figure_strip(MIXED, "t")) if "open" in m.classes()]
    shapes = [n for n in open_mark.iter() if n.tag in {"circle", "rect", "polygon", "path"}]
    hollow = [n for n in shapes if n.attrs.get("fill") == "#fff"]
    assert len(hollow) == 1  # the figure's own marker, not filled
    head = [n for n in shapes if n.tag == "polygon" and n.attrs.get("fill") != "#fff"]
    tip_x = max(float(p.split(",")[0]) for p in head[0].attrs["points"].split())
    assert tip_x == charts.WIDTH - 14  # the arrow runs to the end of the axis: no upper bound
    assert "at least 20" in open_mark.text()
    exact_mark = [m for m in markers(charts.figure_strip(MIXED, "t")) if "exact" in m.classes()][0]
    assert not [n for n in exact_mark.iter() if n.attrs.get("fill") == "#fff"]


def test_row_of_vague_words_draws_nothing():
    vague = row(fig("c1", "the army", Count(text="several", vague=True)))
    assert charts.figure_strip(vague, "t") == ""
    assert [b.claim for b in charts.vague_figures(vague)] == ["c1"]


def test_every_text_is_escaped_and_the_svg_is_named():
    hostile = row(fig("c1", HOSTILE, exact(3)), fig('c2"><script>', "army", exact(5)))
    svg = charts.figure_strip(hostile, f"title {HOSTILE}")
    dom = parse(svg)
    assert not [n for n in dom.iter() if n.tag in {"script", "b"}]
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    root = dom.children[0]
    assert root.tag == "svg" and root.attrs["role"] == "img" and root.attrs["aria-label"] == f"title {HOSTILE}"
    assert root.children[0].tag == "title" and root.children[0].text() == f"title {HOSTILE}"
    assert {m.attrs["data-claim"] for m in markers(svg)} == {"c1", 'c2"><script>'}


def test_long_label_is_cut_before_escaping():
    name = "&" * 80
    svg = charts.figure_strip(row(fig("c1", name, exact(3))), "t")
    labels = [n.text() for n in parse(svg).iter() if n.tag == "text" and n.text().startswith("c1")]
    assert labels == ["c1 · " + "&" * (charts.LABEL_CHARS - 6) + "…"]  # no broken entity
    assert any(n.tag == "title" and name in n.text() for n in parse(svg).iter())  # full name on hover


def test_axis_reaches_past_the_largest_figure_and_ticks_do_not_spell_figures():
    axis = charts.Axis.for_values([3, 12], 0, 100)
    assert axis.top > 12 and axis.ticks()[0] == 0 and len(axis.ticks()) <= 7
    assert charts.tick_label(5000) == "5\u202f000"
    svg = charts.figure_strip(row(fig("c1", "army", exact(4645, "4,645"))), "t")
    assert "5,000" not in svg and "5\u202f000" in svg


# --- the toll over time -----------------------------------------------------------------------

PUBLISHED = {"a.txt": date(2031, 5, 11), "b.txt": date(2031, 5, 12), "c.txt": date(2031, 5, 14), "undated.txt": None}


def claim(cid: str, count: Count, *articles: str) -> SummaryClaim:
    mentions = [Evidence(article=a, start=0, end=1, quote="x") for a in articles]
    return SummaryClaim(id=cid, outcome=Outcome.killed, victims="soldiers", count=count,
                        claimant=Claimant(name="x"), mentions=mentions)


def test_toll_that_moved_is_a_step_line_per_claimant():
    claims = {
        "c1": claim("c1", exact(4), "a.txt"), "c2": claim("c2", exact(9), "b.txt", "c.txt"),
        "c3": claim("c3", Count(min=15, max=None, text="at least 15"), "c.txt"),
        "c4": claim("c4", exact(7), "undated.txt"), "c5": claim("c5", Count(text="dozens", vague=True), "a.txt"),
    }
    toll = row(fig("c1", "the army", claims["c1"].count), fig("c2", "the army", claims["c2"].count),
               fig("c3", HOSTILE, claims["c3"].count), fig("c4", "a nurse", claims["c4"].count),
               fig("c5", "a nurse", claims["c5"].count))
    series = charts.toll_series(toll, claims, PUBLISHED)
    assert [s.claimant for s in series] == ["the army", HOSTILE, "a nurse"]
    assert [(p.when.day, p.claim) for p in series[0].points] == [(11, "c1"), (12, "c2"), (14, "c2")]
    assert [p.claim for p in series[2].points] == ["c5"]  # the undated c4 gives no point
    assert charts.toll_moved(series)
    svg = charts.toll_chart("soldiers killed over time", series)
    dom = parse(svg)
    lines = [n for n in dom.iter() if n.tag == "path" and n.attrs.get("fill") == "none" and "H" in n.attrs.get("d", "")]
    assert len(lines) == 1  # the army's step line; the Front has one point, the nurse only a word
    assert sorted(m.attrs["data-claim"] for m in markers(svg)) == ["c1", "c2", "c2", "c3"]
    assert [m.classes() - {"marker"} for m in markers(svg) if m.attrs["data-claim"] == "c3"] == [{"open"}]
    legend = [n.text() for n in dom.iter() if n.tag == "g" and "legend" in n.classes()]
    assert legend == ["the army", HOSTILE]  # the nurse's word is listed, not a line
    assert "<script>" not in svg and not [n for n in dom.iter() if n.tag == "script"]
    words = [n for n in dom.iter() if n.tag == "g" and "word" in n.classes()]
    assert [w.attrs["data-claim"] for w in words] == ["c5"] and "dozens" in words[0].text()


def test_same_figures_repeated_on_later_dates_are_not_a_toll_that_moved():
    claims = {"c1": claim("c1", exact(4), "a.txt", "b.txt"), "c2": claim("c2", exact(9), "a.txt", "c.txt")}
    steady = row(fig("c1", "the army", exact(4)), fig("c2", "the Front", exact(9)))
    series = charts.toll_series(steady, claims, PUBLISHED)
    assert len({p.when for s in series for p in s.points}) == 3
    assert not charts.toll_moved(series) and charts.toll_chart("t", series) == ""
    one_day = charts.toll_series(row(fig("c1", "army", exact(4))), {"c1": claim("c1", exact(4), "a.txt")}, PUBLISHED)
    assert charts.toll_chart("t", one_day) == ""


def test_lines_differ_by_more_than_colour():
    series = [charts.TollSeries(f"claimant {i}", [charts.TollPoint(date(2031, 5, 11 + j), exact(i + j), f"c{i}")
                                                  for j in range(2)]) for i in range(4)]
    dom = parse(charts.toll_chart("t", series))
    lines = [n for n in dom.iter() if n.tag == "path" and n.attrs.get("fill") == "none" and "H" in n.attrs.get("d", "")]
    dashes = [n.attrs.get("stroke-dasharray") for n in lines]
    assert len(set(dashes)) == 4  # each line its own dash pattern...
    first_shape = [
        next(c for c in m.iter() if c.tag in {"circle", "rect", "polygon", "path"} and c is not m)
        for m in dom.iter() if m.tag == "g" and "marker" in m.classes()
    ]
    assert {s.tag for s in first_shape} == {"circle", "rect", "polygon"}  # ...and its own marker shape
