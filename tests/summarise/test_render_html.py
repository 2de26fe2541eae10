"""report.html: every citation reaches its highlighted quote, untrusted text stays inert, off-topic
text never appears. Uses the hand-written fictional summary in ``summary_fixture``."""

from __future__ import annotations

import re

import pytest

from schemas import Claimant, Count, Evidence, ExcludedRange, FigureByClaimant
from summarise.render import render_html
from summarise.render.common import OMITTED_MARKER, Index
from summarise.render.html_text import Highlight, article_text_html
from tests.support.render_dom import NestingError, parse, quote_pieces
from tests.support.summary_fixture import (
    all_mentions,
    build_summary,
    excluded_mention,
    off_topic_words,
    vellmar_summary,  # noqa: F401 - the `summary` fixture
)


@pytest.fixture(scope="module")
def page(summary):
    return render_html(summary)


@pytest.fixture(scope="module")
def dom(page):
    return parse(page)  # raises NestingError on invalid nesting


def test_every_mention_links_to_a_mark_holding_its_quote(summary, dom):
    ids = dom.by_id()
    hrefs = {a.attrs["href"] for a in dom.find_all("a") if (a.attrs.get("href") or "").startswith("#m-")}
    index = Index.of(summary)
    for mention in all_mentions(summary):
        anchor = index.anchor(mention)
        assert f"#{anchor}" in hrefs, anchor
        assert ids[anchor].tag == "mark"
        assert quote_pieces(dom, anchor) == mention.quote
    assert all(h[1:] in ids for h in hrefs), "a citation points at no element"


def test_nested_quote_is_one_element_and_crossing_quote_is_split(summary, dom):
    ids = dom.by_id()
    index = Index.of(summary)
    claim_quote = summary.claims[0].mentions[0]  # inside the army's reported statement
    assert ids[index.anchor(claim_quote)].text() == claim_quote.quote
    crossing = summary.timeline[0].mentions[0]  # starts inside "two soldiers died", ends after it
    anchor = index.anchor(crossing)
    pieces = [n for n in dom.iter() if n.attrs.get("data-m") == anchor]
    assert len(pieces) > 1 and "cont" in pieces[1].classes()
    assert ids[anchor].text() != crossing.quote and quote_pieces(dom, anchor) == crossing.quote


def test_article_markup_and_scripts_are_text(page, dom):
    assert [n for n in dom.iter() if n.tag in {"script", "img", "b", "i"}] == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = dom.text()
    assert "<b>markup</b>" in text and "document.title='PWNED'" in text
    assert "<i>at</i>" in dom.find_all("title")[0].text() or "<i>at</i>" in text
    assert "Ignore all previous instructions" in text  # shown as data, inside the article


def test_page_is_self_contained_with_a_strict_policy(dom):
    csp = [m.attrs["content"] for m in dom.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "script-src 'unsafe-inline'" not in csp[0]
    for node in dom.iter():
        for name in ("src", "href", "action", "srcset"):
            value = node.attrs.get(name)
            assert value is None or value.startswith("#"), f"<{node.tag} {name}={value!r}> reaches outside the page"
    assert dom.find_all("link") == [] and dom.find_all("style")


def test_off_topic_text_is_omitted_with_a_marker(summary, page, dom):
    words = off_topic_words(summary)
    assert {"Plumfield", "lottery", "Bramblewick"} <= words
    for word in words:
        assert not re.search(rf"\b{word}\b", page, re.IGNORECASE), word
    markers = [n for n in dom.iter() if "omitted" in n.classes()]
    assert len(markers) == 2 and all(m.text() == OMITTED_MARKER for m in markers)


def test_sections_and_side_by_side_conflicts(summary, dom):
    ids = dom.by_id()
    for section in ("figures", "conflicts", "claims", "disputes", "timeline", "attributions", "sources",
                    "articles", "not-extracted", "run"):
        assert section in ids, section
    conflict = ids["conflict-k1"]
    sides = [n for n in conflict.iter() if "side" in n.classes()]
    assert [s.children[0].text() for s in sides] == ["the army", "the Northern Front"]
    assert "contradictory" in conflict.text()
    not_extracted = ids["not-extracted"].text()
    assert "004.txt" in not_extracted and "failed validation twice" in not_extracted and "005.html" in not_extracted
    assert "3" in ids["run"].text() and "offline-patterns/1" in ids["run"].text()


def test_narrative_citations_link_to_claims_and_articles(dom):
    narrative = dom.find_all("p", **{"class": "narrative"})[0]
    hrefs = [a.attrs["href"] for a in narrative.find_all("a")]
    assert "#claim-c1" in hrefs and "#article-002-txt" in hrefs
    assert "#claim-c6" not in hrefs  # the possibly-other-incident claim stays out of the headline
    assert all(h[1:] in dom.by_id() for h in hrefs)


def test_quote_touching_excluded_text_or_misplaced_is_withheld():
    summary = build_summary()
    summary.claims[0].mentions.append(excluded_mention(summary.articles[0], 30))
    summary.claims[1].mentions.append(Evidence(article="002.txt", start=0, end=9, quote="not there"))
    page = render_html(summary)
    assert "Plumfield" not in page and "not there" not in page
    assert "quote withheld: it touches text not about the event" in page
    assert "quote withheld: it is not at the cited place" in page
    parse(page)


def test_article_without_text_shows_quotes_unlinked():
    summary = build_summary()
    summary.articles[2].text = ""
    dom = parse(render_html(summary))
    assert not any((a.attrs.get("href") or "").startswith("#m-002-txt") for a in dom.find_all("a"))
    assert "at least 20 soldiers were killed" in dom.text()


def test_text_html_nests_crossing_identical_and_nested_spans():
    text = "abcdefghij"
    marks = [Highlight(1, 6, "A"), Highlight(3, 9, "B"), Highlight(3, 9, "B"), Highlight(2, 4, "C")]
    out = article_text_html(text, [], marks)
    dom = parse(f"<div>{out}</div>")
    assert dom.text() == text
    assert quote_pieces(dom, "A") == "bcdef" and quote_pieces(dom, "B") == "defghi" and quote_pieces(dom, "C") == "cd"
    assert out.count('id="B"') == 1


def test_text_html_escapes_and_drops_excluded_runs():
    text = "<b>x</b> secret one\nsecret two\nkept & fine"
    cut1, cut2 = text.index("secret one"), text.index("secret two")
    excluded = [ExcludedRange(start=cut1, end=cut2, reason="a"), ExcludedRange(start=cut2, end=cut2 + 11, reason="b")]
    out = article_text_html(text, excluded, [Highlight(0, 3, "tag"), Highlight(cut1, cut1 + 6, "leak")])
    assert "secret" not in out and out.count(OMITTED_MARKER) == 1
    assert out.startswith('<mark class="q" id="tag" data-m="tag">&lt;b&gt;</mark>')
    assert "kept &amp; fine" in out and 'id="leak"' not in out


def test_strict_parser_rejects_bad_nesting():
    with pytest.raises(NestingError):
        parse("<mark><span></mark></span>")


# --- pictures and layout ----------------------------------------------------------------------


def test_each_casualty_row_has_its_pictures(summary, dom):
    ids = dom.by_id()
    assert "What the pictures show" in ids["figures"].text()
    for n, row in enumerate(summary.figures, start=1):
        block = ids[f"figure-row-{n}"]
        assert block.tag == "figure"
        strips = [s for s in block.iter() if s.tag == "svg" and "strip" in s.classes()]
        drawn = [b.claim for b in row.by_claimant if b.count.min is not None or b.count.max is not None]
        assert len(strips) == (1 if drawn else 0)
        if strips:
            marks = [g.attrs["data-claim"] for g in strips[0].iter() if g.tag == "g" and "marker" in g.classes()]
            assert sorted(marks) == sorted(drawn)
        for svg in (s for s in block.iter() if s.tag == "svg"):
            assert svg.attrs.get("aria-label") and svg.children[0].tag == "title"
    # the army spoke on the 11th, the Front first on the 12th: both killed rows moved
    assert [bool([s for s in ids[f"figure-row-{n}"].iter() if "toll" in s.classes() and s.tag == "svg"])
            for n in (1, 2, 3)] == [True, True, False]
    assert "“several” (a local official, c5)" in ids["figure-row-3"].text()  # listed, not drawn


def test_long_headline_citation_run_folds_into_a_list():
    summary = build_summary()
    run = "[c1, c2, c3, c4, c5, c6: 000.txt, 001.txt, 002.txt]"
    summary = summary.model_copy(update={"narrative": f"Figures differ {run}. Short one [c1: 000.txt]."})
    dom = parse(render_html(summary))
    narrative = dom.find_all("p", **{"class": "narrative"})[0]
    inline = [a.attrs["href"] for a in narrative.find_all("a")]
    assert inline == ["#claim-c1", "#claim-c2", "#claim-c3", "#claim-c4", "#refs-1", "#claim-c1", "#article-000-txt"]
    assert "and 2 more: 3 articles" in narrative.text()
    folded = dom.by_id()["refs-1"]
    assert folded.tag == "li" and "refs" in [n for n in dom.iter() if n.tag == "details"][0].classes()
    assert [a.attrs["href"] for a in folded.find_all("a")][4:] == ["#claim-c5", "#claim-c6", "#article-000-txt",
                                                                   "#article-001-txt", "#article-002-txt"]


def test_tables_scroll_in_a_wrapper_and_stacked_cells_carry_their_column(dom):
    parents = {}
    for node in dom.iter():
        for child in node.children:
            if not isinstance(child, str):
                parents[id(child)] = node
    tables = dom.find_all("table")
    assert len(tables) == 3
    assert all("table-wrap" in parents[id(t)].classes() for t in tables)
    for table in (t for t in tables if "stack" in t.classes()):
        heads = [th.text() for th in table.find_all("th")]
        cells = [td for td in table.find_all("td")]
        assert cells and {td.attrs.get("data-label") for td in cells} == set(heads)


def test_a_long_row_is_grouped_by_claimant_and_folds():
    summary = build_summary()
    many = [
        FigureByClaimant(claim=f"c{i}", claimant=Claimant(name=["the army", "the Front", "a nurse"][(i - 1) % 3]),
                         count=Count(min=i, max=i, text=str(i)))
        for i in range(1, 13)
    ]
    summary.figures[0].by_claimant = many
    dom = parse(render_html(summary))
    cell = [td for td in dom.find_all("td") if td.attrs.get("data-label") == "Figures by claimant"][0]
    lines = [li.text() for li in cell.find_all("li")]
    assert [line.split(":")[0] for line in lines] == ["the army", "the Front", "a nurse"]  # one line per claimant
    assert lines[0].startswith("the army: c1 1, c4 4, c7 7, c10 10")
    folded = cell.find_all("details")
    assert len(folded) == 1 and "4 more figures" in folded[0].text() and "a nurse" in folded[0].text()
