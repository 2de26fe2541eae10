"""summary.json and write_outputs: the contract newsroom tools read, written where asked."""

from __future__ import annotations

import json

import pytest

from schemas import EventSummary
from summarise.render import FILE_NAMES, render_json, write_outputs
from tests.support.summary_fixture import (
    NAVIGATION,
    build_summary,
    off_topic_words,
    vellmar_summary,  # noqa: F401 - the `summary` fixture
)


def test_json_round_trips_and_is_stable(summary):
    text = render_json(summary)
    assert text.endswith("}\n") and text == render_json(build_summary())
    back = EventSummary.model_validate_json(text)
    assert back.model_dump(exclude={"articles"}) == summary.model_dump(exclude={"articles"})
    assert [a.model_dump(exclude={"text"}) for a in back.articles] == [a.model_dump(exclude={"text"}) for a in summary.articles]
    assert list(json.loads(text)) == list(EventSummary.model_fields)


def test_json_blanks_off_topic_text_but_keeps_offsets(summary):
    text = render_json(summary)
    for word in off_topic_words(summary):
        assert word not in text, word
    articles = {a["id"]: a for a in json.loads(text)["articles"]}
    for before in summary.articles:
        after = articles[before.id]["text"]
        assert len(after) == len(before.text) and after.count("\n") == before.text.count("\n")
        for r in before.excluded:
            assert after[r.start : r.end].strip() == ""
    assert articles["001.txt"]["text"].startswith(" " * (len(NAVIGATION) - 1) + "\nUpdate | 12 rebel fighters")


def test_json_carries_the_contract_fields(summary):
    data = json.loads(render_json(summary))
    assert [a["id"] for a in data["articles"]][:2] == ["000.txt", "001.txt"]
    assert data["articles"][0]["published"] == "2031-05-11"
    claim = data["claims"][2]
    assert {"id", "outcome", "count", "claimant", "mentions"} <= set(claim)
    assert claim["count"] == {"min": 20, "max": None, "text": "at least 20", "vague": False}
    for claim in data["claims"]:
        for m in claim["mentions"]:
            text = next(a["text"] for a in data["articles"] if a["id"] == m["article"])
            assert text[m["start"] : m["end"]] == m["quote"]
    assert data["conflicts"][0]["claims"] == ["c1", "c2"]
    assert data["source_groups"][0]["articles"] == ["000.txt", "001.txt"]
    assert data["timeline"][0]["when"] == "2031-05-10"


def test_json_keeps_non_ascii_readable():
    summary = build_summary()
    summary.title = "Affrontements à Vellmar — bilan"
    assert '"title": "Affrontements à Vellmar — bilan"' in render_json(summary)


def test_write_outputs_writes_each_format(tmp_path, summary):
    written = write_outputs(summary, tmp_path / "out", ["markdown", "json", "html", "md"])
    assert written == {k: tmp_path / "out" / FILE_NAMES[k] for k in ("md", "json", "html")}
    assert written["md"].read_text(encoding="utf-8").startswith("# Clash at Vellmar Crossing")
    assert json.loads(written["json"].read_text(encoding="utf-8"))["title"] == "Clash at Vellmar Crossing"
    assert written["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_write_outputs_rejects_unknown_format_before_writing(tmp_path, summary):
    with pytest.raises(ValueError, match="unknown output format 'pdf'"):
        write_outputs(summary, tmp_path / "out", ["json", "pdf"])
    assert not (tmp_path / "out").exists()
