"""Main text of an HTML page with trafilatura, furniture pruned first; metadata from ``html_text``.

Why trafilatura: on fictional news-CMS pages (cookie banner, navigation, "Most read" box, related
links, comments, footer) it dropped far more page furniture than the hand-written parser in
``html_text`` or readability-lxml, and kept the body paragraphs (the measurement is in the commit
that brought it in). Before it runs, elements whose class, id or aria-label names furniture
(cookie/consent, most read/popular/trending, comments, related, newsletter, share, promo) are
removed, unless they hold the page's <h1>: CMS themes name these boxes so, and trafilatura alone
kept a "Most read" heading or a card strip now and then.

The offsets contract: the text built here from the library's paragraphs (headline first, a blank
line between paragraphs, as ``html_text`` does) *is* ``Article.text``; every later offset points
into it. Title, publication time, outlet and address come from ``html_text.parse_html`` as before.

The library is imported on the first HTML page only, so a folder without HTML never pays for it.
When it is missing, raises, or finds no text, the page's text is ``html_text``'s (logged).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

from extract.ingest.html_text import HtmlPage, clean_block, join_blocks, parse_html

log = logging.getLogger(__name__)

# Class/id/aria-label words of page furniture, matched on whole words after splitting camelCase
# and separators ("MostRead_box__m1" -> "most-read-box-m1", "cookie-notice" -> "cookie-notice").
_FURNITURE_WORDS = re.compile(
    r"(?:^|-)(?:cookies?|consent|gdpr|most-read|mostread|most-popular|popular|trending|comments?|related"
    r"|related-?posts|newsletter|share|sharing|sharedaddy|promo)(?:-|$)"
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_KEPT_TAGS = {"html", "body", "main"}


def read_html_page(source: str) -> HtmlPage:
    """The page's metadata (``parse_html``) with its main text taken by trafilatura."""
    page = parse_html(source)
    try:
        blocks = _library_blocks(source)
    except ImportError as exc:
        log.warning("trafilatura cannot be imported (%s); HTML main text falls back to the built-in parser", exc)
        return page
    except Exception as exc:  # a third-party parser on any page: its failure must not lose the article
        log.warning("trafilatura failed on a page (%s: %s); using the built-in parser's text", type(exc).__name__, exc)
        return page
    if not blocks:
        log.info("trafilatura found no main text on a page; using the built-in parser's text")
        return page
    if page.headline:
        blocks = [page.headline, *[block for block in blocks if block != page.headline]]
    return replace(page, text=join_blocks(blocks))


def _library_blocks(source: str) -> list[str]:
    import trafilatura  # lazy: a folder without HTML never imports it (nor lxml)
    from trafilatura.utils import load_html

    tree = load_html(source)
    if tree is None:
        return []
    _prune_furniture(tree)
    document = trafilatura.bare_extraction(tree, include_comments=False, include_tables=False, favor_precision=True,
                                           include_images=False, with_metadata=False)
    body = getattr(document, "body", None)  # a Document (not a dict: as_dict is off), or None
    return [] if body is None else _body_blocks(body)


def _prune_furniture(tree: Any) -> None:
    """Remove elements named as page furniture, except the page structure and what holds the <h1>."""
    doomed = [element for element in tree.iter() if isinstance(element.tag, str)
              and element.tag not in _KEPT_TAGS and _names_furniture(element) and not element.xpath(".//h1")]
    for element in doomed:
        parent = element.getparent()
        if parent is not None:  # inside an ancestor already removed it goes with it; removing again is harmless
            _drop_keeping_tail(element, parent)


def _names_furniture(element: Any) -> bool:
    names = " ".join(element.get(attribute) or "" for attribute in ("class", "id", "aria-label"))
    words = (_SEPARATORS.sub("-", _CAMEL.sub("-", word).lower()).strip("-") for word in names.split())
    return any(_FURNITURE_WORDS.search(word) for word in words if word)


def _drop_keeping_tail(element: Any, parent: Any) -> None:
    """Remove ``element``; the text after it (its tail) belongs to the parent and stays."""
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _body_blocks(body: Any) -> list[str]:
    """Paragraphs of trafilatura's output tree: one per element, one per list item."""
    raw: list[str] = [body.text or ""]
    for element in body:
        if element.tag == "list":
            raw += [_element_text(item) for item in element if item.tag == "item"]
        else:
            raw.append(_element_text(element))
        raw.append(element.tail or "")
    return [block for block in (clean_block(text) for text in raw) if block]


def _element_text(element: Any) -> str:
    """The text of ``element``, with trafilatura's <lb/> line breaks as newlines."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _element_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
