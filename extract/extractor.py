"""The one interface every extractor offers: articles in, one ArticleExtraction per article out.

An extractor never raises for one bad article: it returns that article's ArticleExtraction with
``error`` set, so one failure never costs the results of the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from schemas import Article, ArticleExtraction


class Extractor(Protocol):
    name: str

    def extract(self, articles: Sequence[Article]) -> list[ArticleExtraction]:
        """Return one ArticleExtraction per article, in the same order."""
        ...
