"""The bundled fictional example's timeline reads in the order the story happened."""

from __future__ import annotations

from summarise.config import RunConfig
from summarise.pipeline import run_pipeline
from tests.support.paths import EXAMPLES_DIR


def test_the_example_timeline_puts_the_fighting_before_the_statements_about_it():
    summary = run_pipeline(EXAMPLES_DIR / "border-clash", RunConfig(extractor="offline", formats=[])).summary
    published = {a.id: a.published for a in summary.articles}
    for entry in summary.timeline:  # nothing is dated after the article that tells it
        for mention in entry.mentions:
            assert published[mention.article] is None or entry.when <= published[mention.article], entry
    fighting = [e.when for e in summary.timeline if "Saturday" in e.what or "Friday" in e.what]
    statement = next(e.when for e in summary.timeline if "army said on Sunday" in e.what)
    relief = next(e.when for e in summary.timeline if "said on Monday" in e.what)
    assert fighting and max(fighting) < statement < relief
