"""JSON Lines input: one article per line, ids ``NAME#LINE``, bad lines skipped with their line."""

from __future__ import annotations

import json
from datetime import date

import pytest

from extract.ingest import ArticleError, IngestError, ingest_folder, json_lines, read_article

FLOOD = {"title": "Flood in Kestral", "text": "KESTRAL — Two people drowned when the river rose, police said.\n",
         "url": "https://ledger.example/flood", "outlet": "The Valley Ledger", "published": "2031-04-02T10:00:00Z"}
FIRE = {"title": "Mill fire", "text": "A fire at the old mill injured three workers, the fire service said.\n"}


def write_lines(folder, name, lines, newline="\n"):
    path = folder / name
    path.write_text(newline.join(lines) + newline, encoding="utf-8", newline="")
    return path


def test_each_line_is_an_article_with_the_json_fields(tmp_path):
    write_lines(tmp_path, "reports.jsonl", [json.dumps(FLOOD), json.dumps(FIRE)])
    result = ingest_folder(tmp_path)
    assert [a.id for a in result.articles] == ["reports.jsonl#1", "reports.jsonl#2"]
    flood, fire = result.articles
    assert flood.text == FLOOD["text"]
    assert (flood.title, flood.url, flood.outlet, flood.published) == (
        "Flood in Kestral", FLOOD["url"], "The Valley Ledger", date(2031, 4, 2))
    assert flood.source_format == "jsonl" and flood.dateline == "KESTRAL"
    assert (fire.title, fire.outlet, fire.published) == ("Mill fire", None, None)
    assert result.skipped == []


def test_bad_lines_are_one_warning_each_naming_file_and_line_and_the_rest_go_on(tmp_path):
    lines = [json.dumps(FLOOD), "{not json", "", '["a list"]', json.dumps({"title": "no text"}),
             json.dumps({"text": "   "}), json.dumps(FIRE)]
    write_lines(tmp_path, "reports.jsonl", lines, newline="\r\n")
    (tmp_path / "other.txt").write_text("Storm in Brask\n\nA tree fell on a bus; nobody was hurt.\n", encoding="utf-8")
    result = ingest_folder(tmp_path)
    assert [a.id for a in result.articles] == ["other.txt", "reports.jsonl#1", "reports.jsonl#7"]
    assert result.articles[2].text == FIRE["text"]  # the \r before \n is the line ending, not text
    reasons = {s.article: s.reason for s in result.skipped}
    assert list(reasons) == ["reports.jsonl#2", "reports.jsonl#4", "reports.jsonl#5", "reports.jsonl#6"]
    assert reasons["reports.jsonl#2"] == "not valid JSON (Expecting property name enclosed in double quotes at column 2)"
    assert reasons["reports.jsonl#4"] == "expected a JSON object with a 'text' field"
    assert reasons["reports.jsonl#5"] == "JSON has no 'text' string"
    assert reasons["reports.jsonl#6"] == "no article text"


def test_a_file_of_only_bad_lines_fails_the_folder_with_the_first_reason(tmp_path):
    write_lines(tmp_path, "reports.jsonl", ["nope"])
    with pytest.raises(IngestError, match="no readable article.*not valid JSON"):
        ingest_folder(tmp_path)


def test_lines_past_the_article_cap_are_one_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(json_lines, "MAX_JSONL_ARTICLES", 2)
    write_lines(tmp_path, "reports.jsonl", [json.dumps(FLOOD), json.dumps(FIRE), json.dumps(FIRE), json.dumps(FIRE)])
    result = ingest_folder(tmp_path)
    assert [a.id for a in result.articles] == ["reports.jsonl#1", "reports.jsonl#2"]
    assert [(s.article, s.reason) for s in result.skipped] == [
        ("reports.jsonl#3", "not read: a JSON Lines file is read up to 2 articles")]


def test_the_file_size_limit_holds_for_json_lines(tmp_path):
    write_lines(tmp_path, "big.jsonl", [json.dumps(FLOOD)] * 50)
    write_lines(tmp_path, "small.jsonl", [json.dumps(FIRE)])
    result = ingest_folder(tmp_path, max_file_bytes=1000)
    assert [a.id for a in result.articles] == ["small.jsonl#1"]
    assert [s.article for s in result.skipped] == ["big.jsonl"]


def test_read_article_refuses_a_json_lines_file(tmp_path):
    path = write_lines(tmp_path, "reports.jsonl", [json.dumps(FLOOD)])
    with pytest.raises(ArticleError, match="reports.jsonl: a JSON Lines file holds many articles"):
        read_article(path)
