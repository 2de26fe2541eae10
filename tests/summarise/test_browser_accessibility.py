"""report.html for keyboard and low-vision readers, in Debian's headless chromium: headings in
order, text contrast of at least WCAG AA, and a visible focus ring on every element Tab reaches.

Measured from outside the page through the DevTools protocol (``tests.support.chromium``), so the
report stays free of script. Run on the bundled example and on every corpus event (skipped
without ../shared).
"""

from __future__ import annotations

import pytest

from summarise.config import RunConfig
from summarise.pipeline import run_pipeline
from summarise.render import write_outputs
from tests.support.chromium import CHROMIUM, NO_CHROMIUM_REASON, Browser
from tests.support.paths import CORPUS_DIR, EXAMPLES_DIR, NO_CORPUS_REASON

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM_REASON)]

CORPUS_EVENTS = sorted(p.name for p in CORPUS_DIR.iterdir() if p.is_dir()) if CORPUS_DIR.is_dir() else []
TABS = 12  # enough to pass the headline's citations and reach the tables

HEADINGS = "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]))"

# WCAG relative luminance and contrast of every element that holds text directly, against the
# first opaque background above it (the page is white where none is set). SVG text is left out:
# its labels are checked by the chart tests.
CONTRAST = """(() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                                      .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const worst = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg')) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el);
    if (!own || style.visibility === 'hidden' || style.display === 'none' || !el.getClientRects().length) continue;
    const [a, b] = [lum(rgb(style.color).slice(0, 3)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) worst.push([el.tagName, el.className, Math.round(ratio * 100) / 100, el.textContent.trim().slice(0, 40)]);
  }
  return worst;
})()"""

FOCUSED = """(() => {
  const el = document.activeElement, s = getComputedStyle(el);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  return [el.tagName, (el.getAttribute('href') || el.textContent || '').trim().slice(0, 30), ring];
})()"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with Browser(tmp_path_factory.mktemp("chromium-profile")) as open_browser:
        yield open_browser


def press_tab(browser: Browser) -> None:
    for kind in ("keyDown", "keyUp"):
        browser.send("Input.dispatchKeyEvent", session=True, type=kind, key="Tab", code="Tab",
                     windowsVirtualKeyCode=9, nativeVirtualKeyCode=9)


def check_report(browser: Browser, folder, tmp_path) -> None:
    summary = run_pipeline(folder, RunConfig(extractor="offline", formats=["html"])).summary
    report = write_outputs(summary, tmp_path / "out", ["html"])["html"]
    browser.open(report.as_uri(), 1280)
    levels = browser.evaluate(HEADINGS)
    assert levels[:1] == [1] and levels.count(1) == 1, levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels  # no level skipped on the way down
    assert browser.evaluate(CONTRAST) == []
    reached = []
    for _ in range(TABS):
        press_tab(browser)
        reached.append(browser.evaluate(FOCUSED))
    assert len({(tag, what) for tag, what, _ in reached}) >= min(TABS, 4), reached  # Tab moves on
    assert [r for r in reached if not r[2]] == []  # every stop shows a focus ring


def test_example_report_reads_in_order_with_contrast_and_focus(browser, tmp_path):
    check_report(browser, EXAMPLES_DIR / "border-clash", tmp_path)


@pytest.mark.skipif(not CORPUS_EVENTS, reason=NO_CORPUS_REASON)
@pytest.mark.parametrize("event", CORPUS_EVENTS)
def test_corpus_report_reads_in_order_with_contrast_and_focus(browser, tmp_path, event):
    check_report(browser, CORPUS_DIR / event / "articles", tmp_path)


def test_positive_control_each_probe_catches_its_fault(browser, tmp_path):
    page = tmp_path / "faulty.html"
    page.write_text(
        "<!doctype html><html><head><style>p{color:#bbb} a:focus{outline:none}</style></head><body>"
        "<h1>Title</h1><h3>Skipped a level</h3><p>pale text</p><a href='#x'>one</a> <a href='#y'>two</a>"
        "</body></html>",
        encoding="utf-8",
    )
    browser.open(page.as_uri(), 1280)
    assert browser.evaluate(HEADINGS) == [1, 3]
    assert [row[0] for row in browser.evaluate(CONTRAST)] == ["P"]
    press_tab(browser)
    assert browser.evaluate(FOCUSED)[2] is False
