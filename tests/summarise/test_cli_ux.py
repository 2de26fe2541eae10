"""The command cannot surprise: where it writes, what it refuses (one line, exit 2) and what it
tells on stderr while it works. Events here are fictional copies of examples/border-clash."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from summarise.cli import cli
from summarise.cli_paths import SOURCE_STAMP, is_project_file
from tests.support.paths import EXAMPLES_DIR, PROJECT_ROOT

EXAMPLE = EXAMPLES_DIR / "border-clash"


def event_folder(root: Path, name: str, nested: bool = True) -> Path:
    """A copy of the example as ROOT/NAME/articles (or ROOT/NAME); returns the event folder."""
    folder = root / name
    target = folder / "articles" if nested else folder
    target.mkdir(parents=True)
    for article in EXAMPLE.iterdir():
        shutil.copy(article, target / article.name)
    return folder


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("summarise: error: ")
    return lines[0]


# -- where the output goes ---------------------------------------------------------------------


def test_default_output_is_named_after_the_event_above_articles(tmp_path, monkeypatch, capsys):
    event = event_folder(tmp_path / "in", "karsh-clash")
    monkeypatch.chdir(tmp_path)
    assert cli([str(event / "articles"), "-q"]) == 0
    assert (tmp_path / "summary-karsh-clash" / "summary.json").is_file()
    assert not (tmp_path / "summary-articles").exists()
    assert cli([str(event), "-q"]) == 0  # the event folder itself: the same output, the same event
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "summary-karsh-clash"]
    assert f"in {tmp_path / 'summary-karsh-clash'}" in capsys.readouterr().err


def test_another_event_of_the_same_name_is_refused_and_the_first_summary_kept(tmp_path, monkeypatch, capsys):
    first = event_folder(tmp_path / "2031", "clash")
    second = event_folder(tmp_path / "2032", "clash")
    monkeypatch.chdir(tmp_path)
    assert cli([str(first), "-q"]) == 0
    before = (tmp_path / "summary-clash" / "summary.json").read_bytes()
    capsys.readouterr()
    assert cli([str(second), "-q"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert "another event" in line and "-o" in line and str(first / "articles") in line
    assert (tmp_path / "summary-clash" / "summary.json").read_bytes() == before
    assert cli([str(second), "-o", str(tmp_path / "second"), "-q"]) == 0  # -o is the way out


def test_a_summary_without_a_stamp_is_kept_unless_it_shares_article_files(tmp_path, monkeypatch, capsys):
    event = event_folder(tmp_path, "clash", nested=False)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "summary-clash"
    out.mkdir()
    (out / "summary.json").write_text(json.dumps({"title": "Ferry sinks off Kelna", "articles": [{"id": "a.txt"}]}))
    assert cli([str(event), "-q"]) == 2
    assert "'Ferry sinks off Kelna'" in one_error_line(capsys.readouterr().err)
    (out / "summary.json").write_text(json.dumps({"title": "old", "articles": [{"id": "01-wire.txt"}]}))
    assert cli([str(event), "-q"]) == 0  # an older run of this very folder
    assert (out / SOURCE_STAMP).read_text().strip() == os.path.realpath(event)


def test_output_that_is_a_file_or_under_a_file_fails_before_any_work(tmp_path, capsys):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    assert cli([str(EXAMPLE), "-o", str(a_file)]) == 2
    assert "is a file" in one_error_line(capsys.readouterr().err)
    assert cli([str(EXAMPLE), "-o", str(a_file / "out")]) == 2
    assert "cannot be created" in one_error_line(capsys.readouterr().err)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_output_that_cannot_be_written_fails_before_any_work(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert cli([str(EXAMPLE), "-o", str(locked)]) == 2
        assert cli([str(EXAMPLE), "-o", str(locked / "new")]) == 2
    finally:
        locked.chmod(0o700)
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2 and all("permission denied" in line for line in lines)


def test_dash_output_writes_the_json_to_stdout_and_nothing_else(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli([str(EXAMPLE), "-o", "-"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["claims"] and data["title"]
    assert list(tmp_path.iterdir()) == []
    assert "wrote summary.json to stdout" in captured.err
    assert cli([str(EXAMPLE), "-o", "-", "--format", "md"]) == 2
    assert "--format must be json" in one_error_line(capsys.readouterr().err)


# -- what is refused ----------------------------------------------------------------------------


def test_a_repository_root_is_not_news(tmp_path, monkeypatch, capsys):
    (tmp_path / "README.md").write_text("# tool\n\nA tool that does things. " * 20)
    (tmp_path / "LICENSE.txt").write_text("Permission is hereby granted, free of charge. " * 20)
    (tmp_path / "CHANGELOG.md").write_text("## 1.0\n- first release\n" * 20)
    (tmp_path / "requirements-dev.txt").write_text("pytest\n" * 30)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'tool'\n")
    monkeypatch.chdir(tmp_path)
    assert cli(["."]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert "no news report here" in line and "README.md" in line and "project files" in line
    assert list(tmp_path.glob("summary-*")) == []


def test_a_folder_of_event_folders_points_at_them(capsys):
    assert cli([str(EXAMPLES_DIR)]) == 2  # examples/ holds a README and the border-clash/ event
    line = one_error_line(capsys.readouterr().err)
    assert "README.md looks like a project file" in line and "subfolders: border-clash/" in line


def test_files_too_short_to_be_a_report_are_refused(tmp_path, capsys):
    (tmp_path / "note.txt").write_text("Call back at noon.")
    assert cli([str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    assert "too short to be a report" in one_error_line(capsys.readouterr().err)


def test_a_readme_among_reports_is_read_with_a_warning(tmp_path, capsys):
    folder = event_folder(tmp_path, "clash", nested=False)
    (folder / "README.md").write_text("Reports collected by the desk about the clash, one file per outlet.")
    assert cli([str(folder), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert "README.md looks like a project file" in capsys.readouterr().err


@pytest.mark.parametrize("name, project", [
    ("README.md", True), ("readme.txt", True), ("LICENSE", True), ("LICENSE-MIT.txt", True), ("CHANGELOG.md", True),
    ("package.json", True), ("requirements.txt", True), ("01-wire.txt", False), ("readmission-rates.html", False),
    ("license-plate-theft.md", True),  # a name that starts like a licence file is taken for one: rename it
])
def test_project_file_names(name, project):
    assert is_project_file(name) is project


def test_a_mistyped_subcommand_gets_a_did_you_mean(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli(["evall", "x"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert "unknown command 'evall'" in line and "did you mean 'eval'" in line
    assert cli(["shcema"]) == 2
    assert "did you mean 'schema'" in one_error_line(capsys.readouterr().err)
    (tmp_path / "evall").mkdir()  # a real folder of that name is a folder, not a typo
    assert cli(["evall", "-o", str(tmp_path / "out")]) == 2
    assert "no article file" in one_error_line(capsys.readouterr().err)


def test_argparse_misuse_is_one_line(capsys):
    assert cli([str(EXAMPLE), "--bogus"]) == 2
    assert "unrecognized arguments: --bogus" in one_error_line(capsys.readouterr().err)
    assert cli([str(EXAMPLE), "--extractor", "magic"]) == 2
    assert "invalid choice" in one_error_line(capsys.readouterr().err)
    assert cli([]) == 2
    assert "give a folder" in one_error_line(capsys.readouterr().err)


def test_empty_title_and_open_without_a_report_are_usage_errors(tmp_path, capsys):
    assert cli([str(EXAMPLE), "--title", "  ", "-o", str(tmp_path / "a")]) == 2
    assert "--title" in one_error_line(capsys.readouterr().err)
    assert cli([str(EXAMPLE), "--open", "-o", "-"]) == 2
    assert "--open" in one_error_line(capsys.readouterr().err)
    assert cli([str(EXAMPLE), "--open", "--format", "md", "-o", str(tmp_path / "b")]) == 2
    assert "--open" in one_error_line(capsys.readouterr().err)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


# -- what the options do ------------------------------------------------------------------------


def test_title_sets_the_summary_title_in_every_output(tmp_path, capsys):
    out = tmp_path / "out"
    assert cli([str(EXAMPLE), "-o", str(out), "-q", "--title", "Fighting in the  Karsh valley"]) == 0
    assert json.loads((out / "summary.json").read_text())["title"] == "Fighting in the Karsh valley"
    assert (out / "summary.md").read_text().startswith("# Fighting in the Karsh valley")
    assert "Fighting in the Karsh valley" in (out / "report.html").read_text()


def test_open_opens_the_written_report(tmp_path, monkeypatch, capsys):
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    out = tmp_path / "out"
    assert cli([str(EXAMPLE), "-o", str(out), "-q", "--open"]) == 0
    assert opened == [(out / "report.html").resolve().as_uri()]
    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    assert cli([str(EXAMPLE), "-o", str(out), "-q", "--open"]) == 0
    assert "no web browser could be opened" in capsys.readouterr().err


# -- what it tells while it works ---------------------------------------------------------------


def test_stderr_has_plain_progress_and_a_digest_when_not_a_terminal(tmp_path, capsys):
    out = tmp_path / "out"
    assert cli([str(EXAMPLE), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "summarise: extracting 4 articles" in err and "summarise: extracted 4/4 articles in" in err
    assert "\r" not in err and "\x1b" not in err
    data = json.loads((out / "summary.json").read_text())
    digest = (f"{len(data['articles'])} articles, {len(data['source_groups'])} independent sources, "
              f"{len(data['claims'])} claims, {len(data['conflicts'])} conflict")
    assert digest in err and f"in {out}" in err


def test_quiet_prints_no_progress_but_the_digest(tmp_path, capsys):
    assert cli([str(EXAMPLE), "-o", str(tmp_path), "-q"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "extracting" not in captured.err and "independent sources" in captured.err


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_endpoint_and_model_are_told_at_the_start_never_the_key(tmp_path, capsys):
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    key = "sk-test-secret-0123456789abcdef"
    assert cli([str(EXAMPLE), "--base-url", url, "--model", "tiny-model", "--api-key", key, "--no-cache",
                "-o", str(tmp_path / "out")]) == 3
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"summarise: LLM: model tiny-model at {url}"
    assert not any(key in line for line in err)


def test_an_offline_run_does_not_import_rich(tmp_path):
    code = ("import sys; from summarise.cli import cli; "
            f"code = cli([{str(EXAMPLE)!r}, '-o', {str(tmp_path / 'out')!r}]); "
            "print(code, 'rich' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, check=True)
    assert run.stdout.split()[-2:] == ["0", "False"]


@pytest.mark.skipif(shutil.which("script") is None, reason="needs script(1) from util-linux")
def test_a_terminal_run_draws_the_progress_bar(tmp_path):
    folder = tmp_path / "forty"  # 40 articles: ten numbered copies of each of the example's four
    folder.mkdir()
    for copy in range(10):
        for source in sorted(EXAMPLE.iterdir()):
            (folder / f"{copy:02d}-{source.name}").write_bytes(source.read_bytes())
    summarise = Path(sys.executable).parent / "summarise"
    command = f"{summarise} {folder} -o {tmp_path / 'out'} >/dev/null"  # stderr stays the terminal
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm", "COLUMNS": "120"}
    run = subprocess.run(["script", "-qc", command, "/dev/null"], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=120, check=False)
    assert run.returncode == 0, run.stdout
    assert "extracting articles" in run.stdout and "40/40" in run.stdout and "━" in run.stdout
    assert "summarise: extracting 40 articles" not in run.stdout  # the bar, not the plain lines
    assert "\x1b[2K" in run.stdout  # redrawn in place on the terminal
    colour = re.compile(r"\x1b\[(?:3\d|9\d|38;[\d;]+)m")
    assert colour.search(run.stdout)

    plain = subprocess.run(["script", "-qc", command, "/dev/null"], capture_output=True, text=True,
                           env=env | {"NO_COLOR": "1"}, cwd=tmp_path, timeout=120, check=False)
    assert plain.returncode == 0 and "extracting articles" in plain.stdout and "━" in plain.stdout
    assert not colour.search(plain.stdout)


def test_an_llm_run_tells_each_llm_step(tmp_path, capsys):
    from tests.support.llm_vcr import RECORDED_BASE_URL, RECORDED_CLI_ARGS, RECORDED_MODEL, make_vcr

    recorded = PROJECT_ROOT / "tests" / "data" / "llm" / "border-clash-recorded"
    with make_vcr("none").use_cassette("llm_cli_border_clash.json", allow_playback_repeats=False):
        args = [a for a in RECORDED_CLI_ARGS if a != "-q"]  # -q would silence the progress
        assert cli([str(recorded), "--base-url", RECORDED_BASE_URL, "-o", str(tmp_path / "out"), *args]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"summarise: LLM: model {RECORDED_MODEL} at {RECORDED_BASE_URL}"
    steps = ["summarise: extracting 4 articles", "summarise: extracted 4/4 articles in",
             "summarise: reconciling", "summarise: resolving parties (LLM)", "summarise: writing the narrative (LLM)"]
    at = [next(i for i, line in enumerate(err) if line.startswith(step)) for step in steps]
    assert at == sorted(at)
    assert not any(line.startswith("[llm]") or "\r" in line for line in err)
