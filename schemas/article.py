"""Articles as ingest hands them to the extractors."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class ExcludedRange(BaseModel):
    """A stretch of an article's text that is not about the event.

    Navigation, donation appeals, teasers and second stories stay in ``Article.text`` (so offsets
    keep pointing into the file as decoded) but no extractor may take a claim from them.
    """

    model_config = ConfigDict(extra="forbid")

    start: int = Field(ge=0, description="first excluded character: a Python index into the article's text")
    end: int = Field(ge=0, description="one past the last excluded character (text[start:end] is excluded)")
    reason: str = Field(description="why it is excluded, e.g. 'second story', 'navigation', 'donation appeal'")


class Article(BaseModel):
    """One news report. ``id`` is the file name within the event folder."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="the file name within the event folder, e.g. '003.txt'")
    text: str = Field(description="the decoded text; every evidence offset is a Python index into it")
    title: str | None = Field(default=None, description="the headline; None when the file gives none")
    published: date | None = Field(default=None, description="publication date; None when the file gives none")
    dateline: str | None = Field(default=None, description="e.g. 'BRASK' or 'BRASK, Varnia'; None when there is none")
    outlet: str | None = Field(default=None, description="the publishing outlet; None when unknown")
    url: str | None = Field(default=None, description="the article's address; None when unknown")
    wire: str | None = Field(default=None, description="the agency the text credits or rests on: AFP, Reuters, AP...; None: none credited")
    source_format: str = Field(default="txt", description="txt, md, html, json or jsonl")
    encoding: str = Field(default="utf-8", description="the character encoding the file was decoded with")
    excluded: list[ExcludedRange] = Field(default_factory=list, description="stretches of text not about the event")

    def in_scope(self, start: int, end: int) -> bool:
        """True when [start, end) lies outside every excluded range."""
        return not any(start < r.end and end > r.start for r in self.excluded)

    def scope_text(self) -> str:
        """The text with excluded ranges blanked out (same length, so offsets still hold)."""
        return blank_ranges(self.text, self.excluded)


def blank_ranges(text: str, excluded: list[ExcludedRange]) -> str:
    """``text`` with every excluded character but newlines replaced by a space (same length)."""
    chars = list(text)
    for r in excluded:
        for i in range(max(0, r.start), min(r.end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
