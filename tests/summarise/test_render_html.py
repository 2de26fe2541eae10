"""report.html: every citation reaches its highlighted quote, untrusted text stays inert, off-topic
text never appears. Uses the hand-written fictional summary in ``summary_fixture``."""

from __future__ import annotations

import re

import pytest

from schemas import Evidence, ExcludedRange
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
