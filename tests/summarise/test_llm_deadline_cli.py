"""`summarise FOLDER ... --deadline SECONDS` against a model that hangs: the run ends at its
deadline, writes what finished, lists every article left as not extracted, and exits with the
documented code (0 when some article was extracted, 1 when none was). The slow model is the
scripted loopback server (tests/support/llm_fake_server.py); nothing here asserts on time.
"""

from __future__ import annotations

import json

import pytest

from summarise.cli import EXIT_BAD_INPUT, EXIT_NOTHING_EXTRACTED, EXIT_OK, cli
from tests.support.llm_fake_server import Reply, ScriptedServer, completion

pytest_plugins = ["tests.llm_server_fixture"]

REPORTS = {
    f"{i}.txt": "Three fishermen were missing after the storm on Monday, the harbour master said. "
    f"Boats from the fictional port of Varnholm searched the bay until dark (report {i})."
    for i in range(3)
}


# Each report's one candidate is its first sentence ([1]); the second holds no casualty figure.
ANSWER = {"figures": [{"sentence": 1, "count": "Three", "outcome": "missing", "victims": "fishermen",
                       "claimant": "the harbour master"}]}


def folder(tmp_path):
    news = tmp_path / "storm"
    news.mkdir()
    for name, text in REPORTS.items():
        (news / name).write_text(text + "\n", encoding="utf-8")
    return news


@pytest.fixture(autouse=True, scope="module")
def client_loaded(tmp_path_factory):
    """A first run without a deadline loads openai and instructor, which would otherwise spend
    the deadline on a busy machine."""
    tmp = tmp_path_factory.mktemp("warm")
    server = ScriptedServer([completion(ANSWER)])
    try:
        cli([str(folder(tmp)), "--base-url", server.base_url, "--model", "m", "-q", "-o", str(tmp / "out"),
             "--cache-dir", str(tmp / "cache"), "--concurrency", "1"])
    finally:
        server.stop()


def run(tmp_path, server, deadline: str):
    out = tmp_path / "out"
    code = cli([str(folder(tmp_path)), "--base-url", server.base_url, "--model", "m", "-q", "-o", str(out),
                "--cache-dir", str(tmp_path / "cache"), "--concurrency", "1", "--deadline", deadline,
                "--timeout", "600"])
    return code, out


def test_the_deadline_writes_what_finished_and_names_what_did_not(scripted_server, tmp_path, capsys):
    s = scripted_server(completion(ANSWER), Reply(body=completion({}).body, delay_seconds=120))
    code, out = run(tmp_path, s, "2")
    err = capsys.readouterr().err
    assert code == EXIT_OK
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    report = summary["report"]
    assert report["articles_read"] == 3 and report["articles_extracted"] == 1
    assert sorted(f["article"] for f in report["failures"]) == ["1.txt", "2.txt"]
    assert all(f["reason"].endswith("run deadline of 2 s reached") for f in report["failures"])
    assert len(summary["claims"]) == 1 and (out / "summary.md").is_file() and (out / "report.html").is_file()
    assert err.count("not extracted") == 2 and "run deadline of 2 s reached" in err
    assert len(s.requests) == 2  # 1.txt was cut in flight; nothing was sent after the deadline


def test_a_deadline_before_any_answer_exits_1_with_the_outputs_written(scripted_server, tmp_path, capsys):
    s = scripted_server(Reply(body=completion({}).body, delay_seconds=120))
    code, out = run(tmp_path, s, "1")
    assert code == EXIT_NOTHING_EXTRACTED
    report = json.loads((out / "summary.json").read_text(encoding="utf-8"))["report"]
    assert report["articles_extracted"] == 0 and len(report["failures"]) == 3
    assert len(s.requests) == 1
    assert "no article" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "-5", "nan", "inf", "soon"])
def test_a_bad_deadline_is_a_one_line_usage_error(tmp_path, capsys, value):
    code = cli([str(folder(tmp_path)), "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--deadline", value])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_BAD_INPUT and len(err) == 1 and "deadline" in err[0]
