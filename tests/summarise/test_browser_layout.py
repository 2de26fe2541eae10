"""report.html as an editor sees it, in Debian's headless chromium at 1,280 and 420 CSS px: a figure
strip for every casualty row, a toll chart where a toll moved, and nothing wider than the screen.

Rendered for the bundled example and for every corpus event (skipped without ../shared). The page is
driven through the DevTools protocol (``tests.support.chromium``): the exact viewport is set there
(``--window-size`` stops at 500 px in headless mode) and the measures are read by an expression the
protocol evaluates, so the report itself stays free of script. Full-page screenshots are kept under
each test's ``tmp_path`` (``<event>-<width>.png``) with the measures (``<event>-<width>.json``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas import EventSummary
from summarise.config import RunConfig
from summarise.pipeline import run_pipeline
from summarise.render import charts, write_outputs
from tests.support.chromium import CHROMIUM, LAYOUT_PROBE, NO_CHROMIUM_REASON, Browser
from tests.support.paths import CORPUS_DIR, EXAMPLES_DIR, NO_CORPUS_REASON

WIDTHS = (1280, 420)
CORPUS_EVENTS = sorted(p.name for p in CORPUS_DIR.iterdir() if p.is_dir()) if CORPUS_DIR.is_dir() else []

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM_REASON)]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with Browser(tmp_path_factory.mktemp("chromium-profile")) as open_browser:
        yield open_browser


def drawn_claims(row) -> list[str]:
    return [b.claim for b in row.by_claimant if charts.is_drawable(b.count)]


def toll_rows(summary: EventSummary) -> list[bool]:
    """For each casualty row, whether its figures moved between publication dates (and have a number)."""
    claims = {c.id: c for c in summary.claims}
    published = {a.id: a.published for a in summary.articles}
    return [bool(charts.toll_chart("", charts.toll_series(f, claims, published))) for f in summary.figures]


def measure(browser: Browser, summary: EventSummary, name: str, folder: Path) -> dict[int, dict]:
    report = write_outputs(summary, folder / "out", ["html"])["html"]
    measures = {}
    for width in WIDTHS:
        browser.open(report.as_uri(), width)
        measures[width] = browser.evaluate(LAYOUT_PROBE)
        browser.screenshot(folder / f"{name}-{width}.png")
        (folder / f"{name}-{width}.json").write_text(json.dumps(measures[width], indent=1), encoding="utf-8")
    return measures


def check_layout(summary: EventSummary, measures: dict[int, dict]) -> None:
    moved = toll_rows(summary)
    for width, m in measures.items():
        assert m["viewport"] == width
        assert m["scripts"] == 0
        for state in ("closed", "opened"):  # every <details> shut, then every one open
            assert m[state]["scrollWidth"] <= width, (width, state, m[state]["wide"])
        assert len(m["rows"]) == len(summary.figures)
        for row, seen, toll in zip(summary.figures, m["rows"], moved, strict=True):
            drawn = drawn_claims(row)
            assert bool(seen["strip"]) == bool(drawn), seen["id"]
            assert sorted(seen["markers"]) == sorted(drawn), seen["id"]
            assert seen["open"] == sum(b.count.max is None and b.count.min is not None for b in row.by_claimant)
            assert bool(seen["toll"]) == toll, seen["id"]
            for box in (seen["strip"], seen["toll"]):
                if box:
                    left, right, height = box
                    assert 0 <= left and right <= width and height > 40, (seen["id"], box)
            assert seen["titled"], seen["id"]


def test_example_report_at_desktop_and_phone_width(browser, tmp_path):
    summary = run_pipeline(EXAMPLES_DIR / "border-clash", RunConfig(extractor="offline")).summary
    measures = measure(browser, summary, "example", tmp_path)
    check_layout(summary, measures)
    # The example has strips to draw and a toll that moved (its wounded: a word one day, numbers the next).
    assert sum(bool(r["strip"]) for r in measures[420]["rows"]) >= 4
    assert sum(bool(r["toll"]) for r in measures[420]["rows"]) >= 1


@pytest.mark.parametrize("event", CORPUS_EVENTS or [pytest.param("corpus", marks=pytest.mark.skip(reason=NO_CORPUS_REASON))])
def test_corpus_report_at_desktop_and_phone_width(browser, tmp_path, event):
    summary = run_pipeline(CORPUS_DIR / event, RunConfig(extractor="offline")).summary
    check_layout(summary, measure(browser, summary, event, tmp_path))


def test_positive_control_a_wide_page_is_caught(browser, tmp_path):
    """The overflow measure can fail: a page with a 900 px block overflows a 420 px screen."""
    page = tmp_path / "wide.html"
    page.write_text('<!DOCTYPE html><html><body><div class="wide" style="width:900px">x</div></body></html>',
                    encoding="utf-8")
    browser.open(page.as_uri(), 420)
    m = browser.evaluate(LAYOUT_PROBE)
    assert m["viewport"] == 420 and m["closed"]["scrollWidth"] > 420
    assert any(w.startswith("div.wide") for w in m["closed"]["wide"])
