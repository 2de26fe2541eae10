"""``summary.json``: the EventSummary itself, for newsroom tools.

Keys come in the schema's field order, dates as ISO strings, non-ASCII text as UTF-8. The article
texts travel with it so that every mention's offsets can be checked against them, but with each
excluded range blanked (spaces, newlines kept): the offsets still hold and text not about the event
never leaves the run.
"""

from __future__ import annotations

from schemas import EventSummary
from schemas.article import blank_ranges


def render_json(summary: EventSummary) -> str:
    """The summary as indented JSON, excluded text blanked, ending with a newline."""
    return without_off_topic_text(summary).model_dump_json(indent=2) + "\n"


def without_off_topic_text(summary: EventSummary) -> EventSummary:
    """A copy of ``summary`` whose article texts have their excluded ranges blanked."""
    articles = [
        a.model_copy(update={"text": blank_ranges(a.text, a.excluded)}) if a.excluded else a for a in summary.articles
    ]
    return summary.model_copy(update={"articles": articles})
