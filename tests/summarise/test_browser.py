"""report.html in a real headless browser (Debian's chromium): it opens offline, every citation
reaches its quote, and the script and markup inside an article stay inert text.

The report is loaded twice: as written (with its Content-Security-Policy) and with the policy
stripped, so that the second load proves the escaping alone keeps the article's script from running.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from summarise.render import write_outputs
from summarise.render.common import Index
from summarise.render.html_report import CSP
from tests.support.render_dom import parse, quote_pieces
from tests.support.summary_fixture import (
    all_mentions,
    off_topic_words,
    vellmar_summary,  # noqa: F401 - the `summary` fixture
)

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

BROWSER_SECONDS = 20

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install -y chromium)"),
]


def dump_dom(url: str, profile: Path) -> str:
    """The DOM after load, as chromium serialises it; no network, no profile left behind."""
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--virtual-time-budget=2000", "--dump-dom", url,
    ]
    # Own session, so a hung browser (e.g. an article's alert() that ran) is ended with all its children.
    browser = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = browser.communicate(timeout=BROWSER_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(browser.pid, signal.SIGKILL)
        browser.communicate()
        pytest.fail(f"chromium hung on {url} for {BROWSER_SECONDS}s: did a script from an article open a dialog?")
    assert browser.returncode == 0, stderr[-2000:]
    assert "<html" in stdout, f"chromium printed no DOM: {stderr[-2000:]}"
    return stdout


@pytest.fixture(scope="module")
def loaded(summary, tmp_path_factory):
    """(as written, without CSP) DOMs; the first opened at a quote deep inside an article."""
    out = tmp_path_factory.mktemp("report")
    report = write_outputs(summary, out, ["html"])["html"]
    page = report.read_text(encoding="utf-8")
    assert CSP in page
    bare = out / "no-csp.html"
    bare.write_text(page.replace(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">', ""), encoding="utf-8")
    target = Index.of(summary).anchor(summary.claims[3].mentions[1])  # in 001.txt, next to the script
    with_csp = dump_dom(f"{report.as_uri()}#{target}", out / "profile-a")
    without_csp = dump_dom(bare.as_uri(), out / "profile-b")
    assert "Content-Security-Policy" not in without_csp
    return target, parse(with_csp), parse(without_csp)


def test_opens_offline_with_its_title(loaded):
    _, *doms = loaded
    for dom in doms:
        assert dom.find_all("title")[0].text() == "Clash at Vellmar Crossing"
        assert dom.find_all("h1")[0].text() == "Clash at Vellmar Crossing"


def test_article_script_did_not_run_and_markup_is_text(loaded):
    _, *doms = loaded
    for dom in doms:
        body = dom.find_all("body")[0]
        assert "data-pwned" not in body.attrs
        assert [n.tag for n in dom.iter() if n.tag in {"script", "img", "b", "i"}] == []
        text = dom.text()
        assert "<script>alert(1)</script>" in text and "<b>markup</b>" in text


def test_every_citation_reaches_an_element_holding_its_quote(summary, loaded):
    _, dom, _ = loaded
    ids = dom.by_id()
    index = Index.of(summary)
    links = {a.attrs["href"][1:] for a in dom.find_all("a") if (a.attrs.get("href") or "").startswith("#m-")}
    expected = {index.anchor(m): m.quote for m in all_mentions(summary)}
    assert links == set(expected)
    whole = 0
    for anchor, quote in expected.items():
        assert ids[anchor].tag == "mark"
        assert quote_pieces(dom, anchor) == quote
        whole += ids[anchor].text() == quote
    assert whole == len(expected) - 1  # only the timeline quote crosses another and is split


def test_following_a_citation_opens_its_article(loaded):
    target, dom, _ = loaded
    ids = dom.by_id()
    assert "open" in ids["article-001-txt"].attrs  # opened by the fragment, with no script
    assert target in {n.attrs.get("id") for n in ids["article-001-txt"].iter()}
    assert "open" not in ids["article-002-txt"].attrs


def test_off_topic_words_are_not_in_the_page(summary, loaded):
    _, dom, _ = loaded
    text = dom.text().lower()
    for word in off_topic_words(summary):
        assert word.lower() not in text, word


def test_positive_control_an_unescaped_script_would_be_caught(tmp_path):
    """The checks above can fail: the same payload written raw, with no policy, does run here."""
    page = tmp_path / "raw.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Clash</title></head><body><p>"
        "<script>document.title='PWNED'</script>"
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"></p></body></html>",
        encoding="utf-8",
    )
    dom = parse(dump_dom(page.as_uri(), tmp_path / "profile"))
    assert dom.find_all("title")[0].text() == "PWNED"
    assert dom.find_all("body")[0].attrs.get("data-pwned") == "1"
