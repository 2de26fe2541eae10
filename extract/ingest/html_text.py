"""Metadata of an HTML page, and the fallback main text, with the standard library's ``html.parser``.

``extract.ingest.html_main_text`` takes the main text with a library and uses this module for the
page metadata (title, publication time, outlet, address) and the headline; its text is the
fallback when the library fails on a page. The main-content heuristic is deliberately simple: the first ``<article>`` if the page has one,
else ``<main>``, else ``<body>``; inside it, navigation, header, footer, aside, forms, scripts and
styles are dropped. Block elements become paragraphs separated by a blank line; entities are
decoded by the parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose whole content is never article text.
_SKIPPED = {
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
    "form", "iframe", "button", "select", "textarea", "figure", "canvas", "object",
}
_BLOCKS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "blockquote", "pre", "table", "tr", "td", "th", "dl", "dt", "dd", "body",
    "figcaption", "address", "hr",
}
_VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed"}
_CONTAINERS = ("article", "main", "body")


@dataclass
class HtmlPage:
    """What ``parse_html`` found: the main text and the page metadata."""

    text: str
    headline: str | None = None  # the page's <h1>, preferring one inside <article>/<main>
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.open_containers = {name: 0 for name in _CONTAINERS}
        self.finished_article = False  # only the first <article> counts
        self.blocks = {name: [] for name in _CONTAINERS}
        self.current = {name: [] for name in _CONTAINERS}
        self.title_parts: list[str] = []
        self.in_title = False
        self.h1_parts: list[str] = []
        self.in_h1 = False
        self.headlines: list[tuple[str, bool]] = []  # (h1 text, inside <article>/<main>)
        self.meta: dict[str, str] = {}
        self.time_datetime: str | None = None
        self.canonical: str | None = None

    # -- structure -------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        attrs_d = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = attrs_d.get("property") or attrs_d.get("name") or attrs_d.get("itemprop")
            if key and "content" in attrs_d:
                self.meta.setdefault(key.lower(), attrs_d["content"].strip())
            return
        if tag == "link" and "canonical" in attrs_d.get("rel", "").lower():
            self.canonical = attrs_d.get("href")
            return
        if tag == "time" and self.time_datetime is None and attrs_d.get("datetime"):
            self.time_datetime = attrs_d["datetime"]
        if tag == "title":
            self.in_title = True
            return
        if tag == "h1":
            # The headline often sits in the article's own <header>, so it is read even there.
            self.in_h1 = True
            self.h1_parts = []
        if self.skip_depth or tag in _SKIPPED:
            if tag not in _VOID:
                self.skip_depth += 1
            return
        if tag == "br":
            self._add_text("\n")
        elif tag in _BLOCKS:
            self._break_block()
        if tag in _CONTAINERS and not (tag == "article" and self.finished_article):
            self.open_containers[tag] += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
            return
        if tag == "h1" and self.in_h1:
            self.in_h1 = False
            text = clean_block("".join(self.h1_parts))
            if text:
                inside = bool(self.open_containers["article"] or self.open_containers["main"])
                self.headlines.append((text, inside))
        if self.skip_depth:
            if tag not in _VOID:
                self.skip_depth -= 1
            return
        if tag in _BLOCKS:
            self._break_block()
        if tag in _CONTAINERS and self.open_containers[tag]:
            self.open_containers[tag] -= 1
            if tag == "article" and not self.open_containers["article"]:
                self.finished_article = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.in_h1:
            self.h1_parts.append(data)
        if self.skip_depth:
            return
        self._add_text(data)

    def close(self) -> None:
        super().close()
        self._break_block()  # the last block has no closing tag to end it

    # -- text accumulation -----------------------------------------------------------------
    def _add_text(self, data: str) -> None:
        for name in _CONTAINERS:
            if self.open_containers[name]:
                self.current[name].append(data)

    def _break_block(self) -> None:
        for name in _CONTAINERS:
            block = clean_block("".join(self.current[name]))
            if block:
                self.blocks[name].append(block)
            self.current[name] = []


def clean_block(raw: str) -> str:
    """One paragraph: inline whitespace collapsed, the line breaks that <br> made kept."""
    lines = (re.sub(r"\s+", " ", line).strip() for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


def join_blocks(blocks: list[str]) -> str:
    """The article text from its paragraphs: a blank line between them and a final newline."""
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def parse_html(source: str) -> HtmlPage:
    """Extract the main text (headline first) and metadata of an HTML document."""
    parser = _PageParser()
    parser.feed(source)
    parser.close()
    blocks = next((parser.blocks[name] for name in _CONTAINERS if parser.blocks[name]), [])
    headline = next((text for text, inside in parser.headlines if inside), None)
    headline = headline or next((text for text, _ in parser.headlines), None)
    if headline and (not blocks or blocks[0] != headline):
        blocks = [headline, *[b for b in blocks if b != headline]]
    meta = parser.meta
    page_title = clean_block("".join(parser.title_parts)) or None
    return HtmlPage(
        text=join_blocks(blocks),
        headline=headline,
        title=headline or meta.get("og:title") or page_title,
        published=meta.get("article:published_time") or meta.get("datepublished")
        or meta.get("date") or parser.time_datetime,
        outlet=meta.get("og:site_name"),
        url=parser.canonical or meta.get("og:url"),
        meta=meta,
    )
