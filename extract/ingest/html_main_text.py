"""Main text of an HTML page with readability-lxml, furniture pruned first; metadata from ``html_text``.

Why readability-lxml: on fictional news-CMS pages (cookie banner, navigation, "Most read" box,
related links, comments, footer; ``tests/extract/cms_pages``) it and trafilatura both dropped far
more page furniture than the hand-written parser in ``html_text``; readability dropped a little
more, ran faster, and installs about 14 MiB with 4 small dependencies against trafilatura's
69 MiB and 16 (the measurement is in the commit that brought it in). Before it runs, elements
whose class, id or aria-label names furniture (cookie/consent, most read/popular/trending,
comments, related, newsletter, share, promo) are removed, unless they hold the page's <h1>: CMS
themes name these boxes so, and both libraries alone kept a newsletter box or a promo line.

The offsets contract: the text built here from the library's output (headline first, then its
paragraphs with a blank line between them, as ``html_text`` does) *is* ``Article.text``; every
later offset points into it. Title, publication time, outlet and address come from
``html_text.parse_html`` as before.

The library is imported on the first HTML page only, so a folder without HTML never pays for it.
When it is missing, raises, or finds no text, the page's text is ``html_text``'s (logged).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

from extract.ingest.html_text import HtmlPage, join_blocks, parse_html

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
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def read_html_page(source: str) -> HtmlPage:
    """The page's metadata (``parse_html``) with its main text taken by readability-lxml."""
    page = parse_html(source)
    try:
        blocks = _library_blocks(source)
    except ImportError as exc:
        log.warning("readability-lxml cannot be imported (%s); HTML main text falls back to the built-in parser", exc)
        return page
    except Exception as exc:  # a third-party parser on any page: its failure must not lose the article
        log.warning("readability-lxml failed on a page (%s: %s); using the built-in parser's text", type(exc).__name__, exc)
        return page
    if not blocks:
        log.info("readability-lxml found no main text on a page; using the built-in parser's text")
        return page
    if page.headline:
        blocks = [page.headline, *[block for block in blocks if block != page.headline]]
    return replace(page, text=join_blocks(blocks))


def _library_blocks(source: str) -> list[str]:
    import lxml.html  # type: ignore[import-untyped]  # lazy: a folder without HTML never imports them
    from readability import Document  # type: ignore[import-untyped]

    # lxml refuses a str that declares its encoding (XHTML pages do); the text is decoded already.
    tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", source, count=1))
    _prune_furniture(tree)
    summary = Document(lxml.html.tostring(tree, encoding="unicode")).summary()
    # readability returns the main content as HTML; html_text turns it into paragraphs as ever.
    return [block for block in parse_html(summary).text.strip().split("\n\n") if block]


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
