"""kill -9 at random points of 20 runs of ``summarise FOLDER -o OUT`` leaves a whole set, never a mix.

A first run completes, so that there is a previous set to lose. Then 20 runs, each a real process
(``python -m summarise.cli``, offline) killed with SIGKILL after a seeded random delay, on a
fictional folder that gains one article per run: every run's set names a different last article,
so files of two runs show as outputs naming different articles. After each kill OUT holds either
the previous complete set byte for byte or this run's whole set (it finished before the kill):
never a truncated or unparsable file, never files of two runs. Hidden temporary files a kill
leaves are allowed and are not outputs.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarise.render import FILE_NAMES

RUNS = 20
STORY = ("Officials in Varnholt said on Tuesday that {killed} soldiers were killed and {wounded} were "
         "wounded when rebels attacked a checkpoint outside the town of Kestral. ")
_RUN_ARTICLE = re.compile(r"run-(\d\d)\.txt")
ROOT = Path(__file__).resolve().parents[2]


def _add_article(folder: Path, name: str, number: int) -> None:
    # repeated sentences make the outputs a few hundred KB, so that writing them takes a while
    text = STORY.format(killed=number + 3, wounded=number + 10) * 25
    (folder / name).write_text(text + "\n", encoding="utf-8")


def _start(folder: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "OPENAI_BASE_URL": "", "OPENAI_API_KEY": "", "SUMMARISE_MODEL": "", "OPENAI_MODEL": ""}
    return subprocess.Popen(
        [sys.executable, "-m", "summarise.cli", str(folder), "-o", str(out), "-q", "--extractor", "offline"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _outputs(out: Path) -> dict[str, bytes]:
    """The output files in OUT (hidden temporaries left by a kill are not outputs)."""
    if not out.exists():
        return {}
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}


def _run_of_whole_set(files: dict[str, bytes]) -> int:
    """The last run whose article a whole, parsable set names; fails on a partial, truncated or mixed set."""
    assert sorted(files) == sorted(FILE_NAMES.values()), f"not a whole set: {sorted(files)}"
    texts = {name: data.decode("utf-8") for name, data in files.items()}
    json.loads(texts["summary.json"])
    assert texts["report.html"].rstrip().endswith("</html>")
    assert texts["summary.md"].endswith("\n")
    named = {name: {int(n) for n in _RUN_ARTICLE.findall(text)} for name, text in texts.items()}
    assert len({frozenset(runs) for runs in named.values()}) == 1, f"files of different runs: {named}"
    runs = named["summary.md"]
    assert runs == set(range(max(runs) + 1)), runs
    return max(runs)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_at_random_points_of_20_runs_leaves_the_previous_set_or_nothing(tmp_path):
    folder, out = tmp_path / "event", tmp_path / "out"
    folder.mkdir()
    for number in range(4):
        _add_article(folder, f"report-{number:02d}.txt", number)
    began = time.monotonic()
    _add_article(folder, "run-00.txt", 0)
    assert _start(folder, out).wait(timeout=30) == 0
    whole_run = time.monotonic() - began  # a kill drawn up to a little past this lands anywhere in a run
    previous = _outputs(out)
    assert _run_of_whole_set(previous) == 0
    rng = random.Random(20)
    killed_mid_run = 0
    for run in range(1, RUNS + 1):
        _add_article(folder, f"run-{run:02d}.txt", run)
        child = _start(folder, out)
        time.sleep(rng.uniform(0.0, whole_run * 1.2))
        killed_mid_run += child.poll() is None
        child.kill()  # SIGKILL; a no-op once the run has ended and been reaped
        child.wait(timeout=10)
        now = _outputs(out)
        if now != previous:  # not the previous set: it must be this run's whole set
            assert _run_of_whole_set(now) == run
            previous = now
    assert killed_mid_run >= RUNS // 4  # the kills did land inside runs, not only after them
