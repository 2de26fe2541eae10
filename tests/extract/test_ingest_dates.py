"""Ingest: the publication date read from a page's date lines, and those lines left out of the text.

Invented pages; each case is a form general web pages use, and the negative cases are dates an
article's body gives about the event, which must never become its publication date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract.ingest import read_article
from extract.ingest.metadata import detect_published

BODY = (
    "KESTRAL, Veldora — The army said on Sunday that its soldiers had killed nine rebels in two "
    "days of fighting around the hill town of Kestral, a figure the rebels rejected.\n"
    "The district hospital said it had treated 14 wounded people, most of them farmers from the "
    "villages along the river.\n"
)


def page(*top: str, bottom: str = "") -> str:
    """A page whose body runs past the top lines when it has a bottom line to test."""
    return "\n".join(top) + "\n" + BODY * (7 if bottom else 1) + bottom


@pytest.mark.parametrize("text, expected", [
    (page(" date 2031-05-03 Kestral toll rises to nine"), date(2031, 5, 3)),
    (page("Kestral toll rises", "By VELDORA WIRE Published: May 3, 2031"), date(2031, 5, 3)),
    (page("Kestral toll rises", "Updated 10:42 GMT, 4 May 2031"), date(2031, 5, 4)),
    (page("Kestral toll rises", "Published on Saturday, 3rd May 2031 at 9.15am"), date(2031, 5, 3)),
    (page("Tue May 6, 2031", "Kestral toll rises"), date(2031, 5, 6)),
    (page("Kestral toll rises", "3 May 2031 | 14:51 | ledger.example"), date(2031, 5, 3)),
    (page("Kestral toll rises", "3rd May 2031, Comments 0 comments"), date(2031, 5, 3)),
    (page("Kestral toll rises", bottom="Published: 3 May 2031\n"), date(2031, 5, 3)),
])
def test_publication_date_from_a_page_date_line(text, expected):
    assert detect_published(text) == expected


@pytest.mark.parametrize("text", [
    # a date in a sentence is about the event
    page("Kestral toll rises", "On Tuesday, May 6, 2031, a landslide struck the hill town."),
    page("Kestral toll rises", "Published Tuesday in a medical journal, the study of 3 May 2031 counted more."),
    # a headline that starts with a date is not a date line
    page("3 May 2031: the day the hill town fell"),
    # a bare date at the bottom is not labelled; a correction's date is not the publication date
    page("Kestral toll rises", bottom="3 May 2031\n"),
    page("Kestral toll rises", bottom="Correction: 9 May 2031\n"),
    # two bare date lines that disagree (a site header prints its own date): no date
    page("Tue May 6, 2031", "World", "May 7, 2031", "Kestral toll rises"),
])
def test_no_publication_date_without_a_clear_date_line(text):
    assert detect_published(text) is None


def test_a_labelled_date_wins_over_a_bare_one_and_published_over_updated():
    assert detect_published(page("Fri May 9, 2031", "Kestral toll rises", "Updated 4 May 2031")) == date(2031, 5, 4)
    assert detect_published(page("Kestral toll rises", "Published 3 May 2031", "Updated 4 May 2031")) == date(2031, 5, 3)


def test_date_line_is_left_out_of_the_text_but_offsets_hold(tmp_path: Path):
    text = page(" date 2031-05-03 Kestral toll rises to nine", "By VELDORA WIRE Published: May 3, 2031")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    article = read_article(tmp_path / "a.txt")
    assert article.published == date(2031, 5, 3)
    assert article.title == "Kestral toll rises to nine"
    left_out = [article.text[r.start:r.end] for r in article.excluded]
    assert left_out == ["date 2031-05-03", "By VELDORA WIRE Published: May 3, 2031"]
    assert article.text == text  # the text itself is unchanged: evidence offsets point into it
    scope = article.scope_text()
    assert len(scope) == len(text) and "2031" not in scope
    start = text.index("The army said")
    assert scope[start:start + 13] == "The army said" and article.in_scope(start, start + 13)
