"""The `summarise` command end to end, through `cli(args)` and its exit codes."""

from __future__ import annotations

import json
import socket

import pytest

from summarise.cli import cli
from summarise.evaluate.gold import load_gold
from tests.support.paths import EXAMPLES_DIR

EXAMPLE = EXAMPLES_DIR / "border-clash"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_folder_is_a_usage_error(capsys):
    assert cli([]) == 2
    assert "give a folder" in capsys.readouterr().err


def test_missing_folder_is_one_line_naming_it(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert cli([str(missing), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nowhere" in err[0]
    assert not (tmp_path / "out").exists()


def test_empty_folder_exits_2(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert cli([str(tmp_path / "empty"), "-o", str(tmp_path / "out")]) == 2
    assert "empty" in capsys.readouterr().err


def test_example_offline_writes_three_outputs_and_says_which_extractor(tmp_path, capsys):
    out = tmp_path / "out"
    assert cli([str(EXAMPLE), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "offline pattern extractor" in captured.err
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "summary.json", "summary.md"]
    assert captured.out.strip() == (out / "summary.md").read_text(encoding="utf-8").strip()
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["claims"], "the example must yield claims"
    assert data["conflicts"], "the example has conflicting figures"


def test_one_broken_file_is_skipped_by_name_and_the_rest_is_summarised(tmp_path, capsys):
    folder = tmp_path / "event"
    folder.mkdir()
    for article in EXAMPLE.iterdir():
        if article.suffix in (".txt", ".md", ".html"):
            (folder / article.name).write_bytes(article.read_bytes())
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    assert cli([str(folder), "-o", str(tmp_path / "out"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "broken.txt" in err
    data = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert "broken.txt" not in {a["id"] for a in data["articles"]}
    assert data["claims"]


def test_unknown_format_and_llm_without_endpoint_are_usage_errors(tmp_path, capsys):
    assert cli([str(EXAMPLE), "--format", "pdf", "-o", str(tmp_path)]) == 2
    assert cli([str(EXAMPLE), "--extractor", "llm", "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--format" in err and "--extractor llm needs an endpoint" in err


def test_unreachable_endpoint_exits_3_naming_the_url_without_leaking_the_key(tmp_path, capsys):
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    code = cli([str(EXAMPLE), "--base-url", url, "--model", "m", "--api-key", "sk-test-secret-0123456789abcdef",
                "--no-cache", "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 3
    assert url in err
    assert "sk-test-secret" not in err
    assert "Traceback" not in err


def test_schema_prints_the_json_schema_of_summary_json(capsys):
    assert cli(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"articles", "claims", "conflicts", "source_groups"} <= set(schema["properties"])


def test_eval_without_gold_exits_2(tmp_path, capsys):
    folder = tmp_path / "event"
    (folder / "articles").mkdir(parents=True)
    assert cli(["eval", str(folder)]) == 2
    assert "gold.yaml" in capsys.readouterr().err


@pytest.fixture(scope="module")
def tinzaouaten_run(tmp_path_factory, tinzaouaten_dir):
    out = tmp_path_factory.mktemp("tinza")
    assert cli([str(tinzaouaten_dir / "articles"), "-o", str(out), "-q"]) == 0
    return out


def test_corpus_run_meets_the_json_contract_with_exact_spans(tinzaouaten_run):
    data = json.loads((tinzaouaten_run / "summary.json").read_text(encoding="utf-8"))
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert len(texts) == 5
    for claim in data["claims"]:
        assert {"id", "outcome", "count", "claimant", "mentions"} <= set(claim)
        assert {"min", "max", "text"} <= set(claim["count"])
        for m in claim["mentions"]:
            assert texts[m["article"]][m["start"]:m["end"]] == m["quote"]
    grouped = [a for g in data["source_groups"] for a in g["articles"]]
    assert sorted(grouped) == sorted(texts), "every article is in exactly one source group"
    ids = {c["id"] for c in data["claims"]}
    assert all(set(c["claims"]) <= ids for c in data["conflicts"])


def test_corpus_run_lets_no_off_topic_word_into_any_output(tinzaouaten_run, tinzaouaten_dir):
    words = load_gold(tinzaouaten_dir).reconciliation.must_not_appear
    assert words
    for name in ("summary.md", "summary.json", "report.html"):
        text = (tinzaouaten_run / name).read_text(encoding="utf-8")
        leaked = [w for w in words if w in text]
        assert not leaked, f"{name} leaks {leaked}"


def test_bad_option_values_are_one_line_usage_errors(tmp_path, capsys):
    assert cli([str(EXAMPLE), "--concurrency", "0", "-o", str(tmp_path)]) == 2
    assert cli([str(EXAMPLE), "--base-url", "localhost:8080", "-o", str(tmp_path)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2 and "concurrency" in lines[0] and "base URL" in lines[1]


def test_cache_path_and_clear(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SUMMARISE_CACHE_DIR", str(tmp_path / "answers"))
    assert cli(["cache", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "answers")
    assert cli(["cache", "clear"]) == 0
    assert "cleared 0 cached answers" in capsys.readouterr().err


def test_an_event_folder_is_read_from_its_articles_subfolder(tinzaouaten_dir, tmp_path, capsys):
    assert cli([str(tinzaouaten_dir), "-o", str(tmp_path), "-q"]) == 0
    assert "gold.yaml" not in capsys.readouterr().err  # not taken for an article and skipped
    data = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 5
