"""Outputs are written as a whole set or not at all; nothing article-derived drives the terminal.

Fictional folders in tmp_path.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from summarise.cli import cli, terminal_safe
from summarise.render import FILE_NAMES, write_rendered

STORY = ("Officials in Varnholt said on Tuesday that seven soldiers were killed and 12 were wounded "
         "when rebels attacked a checkpoint outside the town of Kestral.\n")
RENDERED = {"md": "# new md\n", "json": '{"new": true}\n', "html": "<p>new</p>\n"}


def _old_set(out: Path) -> None:
    out.mkdir(exist_ok=True)
    for key in RENDERED:
        (out / FILE_NAMES[key]).write_text(f"old {key}\n", encoding="utf-8")


def test_a_set_is_written_whole_and_no_temporary_is_left(tmp_path):
    out = tmp_path / "out"
    _old_set(out)
    written = write_rendered(RENDERED, out)
    assert {key: path.read_text(encoding="utf-8") for key, path in written.items()} == RENDERED
    assert sorted(p.name for p in out.iterdir()) == sorted(FILE_NAMES.values())


def test_an_output_that_cannot_be_replaced_leaves_the_old_set_untouched(tmp_path):
    out = tmp_path / "out"
    _old_set(out)
    (out / "summary.json").unlink()
    (out / "summary.json").mkdir()  # summary.md comes first and could be written; it must not be
    with pytest.raises(IsADirectoryError):
        write_rendered(RENDERED, out)
    assert (out / "summary.md").read_text(encoding="utf-8") == "old md\n"
    assert sorted(p.name for p in out.iterdir()) == sorted(FILE_NAMES.values())


def test_a_failed_write_leaves_the_old_set_and_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _old_set(out)
    calls = {"n": 0}
    real_fdopen = os.fdopen

    def failing_second_write(fd, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", failing_second_write)
    with pytest.raises(OSError, match="No space"):
        write_rendered(RENDERED, out)
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == {
        FILE_NAMES[key]: f"old {key}\n" for key in RENDERED}


def test_two_writers_into_one_folder_leave_one_whole_set(tmp_path):
    # Without the folder lock about a third of these trials ended with a mixed set.
    for trial in range(10):
        out = tmp_path / f"out{trial}"
        sets = [{key: f"run {run} {key}\n" for key in RENDERED} for run in range(8)]
        threads = [threading.Thread(target=write_rendered, args=(texts, out)) for texts in sets for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        runs = {(out / FILE_NAMES[key]).read_text(encoding="utf-8").split()[1] for key in RENDERED}
        assert len(runs) == 1
        assert sorted(p.name for p in out.iterdir()) == sorted(FILE_NAMES.values())


def test_outputs_keep_the_mode_a_plain_write_gives(tmp_path):
    mask = os.umask(0o022)
    try:
        written = write_rendered(RENDERED, tmp_path / "out")
    finally:
        os.umask(mask)
    assert {oct(path.stat().st_mode & 0o777) for path in written.values()} == {oct(0o644)}


def test_terminal_safe_escapes_every_control_character():
    assert terminal_safe("a\x1b[2Jb\nc\r\x9b\x07") == "a\\x1b[2Jb\\nc\\r\\x9b\\x07"
    assert terminal_safe("line one\n\tline\x1b]0;x\x07 two", keep_lines=True) == "line one\n\tline\\x1b]0;x\\x07 two"


def test_no_escape_sequence_or_forged_line_reaches_the_terminal(tmp_path, capsys):
    folder = tmp_path / "event"
    folder.mkdir()
    (folder / "ok.txt").write_text(STORY.replace("Tuesday", "Tuesday \x1b[2J\x1b]0;owned\x07"), encoding="utf-8")
    (folder / "bad\nsummarise: error: forged.docx").write_text("x", encoding="utf-8")
    (folder / "bad\x1b[31m.json").write_text("{", encoding="utf-8")
    code = cli([str(folder), "-o", str(tmp_path / "out"), "--extractor", "offline"])
    captured = capsys.readouterr()
    assert code == 0
    assert "\x1b" not in captured.out + captured.err and "\x07" not in captured.out
    assert not any(line.startswith("summarise: error: forged") for line in captured.err.splitlines())
    assert "bad\\nsummarise: error: forged.docx" in captured.err
    assert "bad\\x1b[31m.json" in captured.err


@pytest.mark.skipif(not hasattr(os, "kill"), reason="needs signals")
def test_kill_9_while_writing_leaves_the_old_set(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    _old_set(out)
    script = ("import sys; from pathlib import Path; from summarise.render import write_rendered; "
              "write_rendered({'md': 'x' * 400_000_000, 'json': '{}', 'html': '<p></p>'}, Path(sys.argv[1]))")
    child = subprocess.Popen([sys.executable, "-c", script, str(out)])
    deadline = time.monotonic() + 30
    while not any(p.name.endswith(".tmp") for p in out.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.01)  # kill it once it has begun writing
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert {FILE_NAMES[key]: (out / FILE_NAMES[key]).read_text(encoding="utf-8") for key in RENDERED} == {
        FILE_NAMES[key]: f"old {key}\n" for key in RENDERED}
