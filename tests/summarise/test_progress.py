"""The progress displays and the pipeline's progress hook (summarise.progress, RunConfig.progress)."""

from __future__ import annotations

import io

from summarise.config import RunConfig
from summarise.pipeline import run_pipeline
from summarise.progress import BarProgress, LineProgress, NoProgress, progress_for, rate_and_eta
from tests.support.paths import EXAMPLES_DIR


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_big_run_gets_a_line_per_tenth_not_per_article():
    stream, clock = io.StringIO(), FakeClock()
    show = LineProgress(stream, clock=clock)
    show("ingest", 0, 1)
    show("ingest", 1, 1)
    show("extract", 0, 360)
    for done in range(1, 361):
        clock.now += 0.1  # 36 s for 360 articles
        show("extract", done, 360)
    lines = stream.getvalue().splitlines()
    assert lines[:2] == ["summarise: reading files", "summarise: extracting 360 articles"]
    progress = lines[2:-1]
    assert 9 <= len(progress) <= 10
    assert progress[0] == "summarise: extracted 36/360 articles (10%), 10.0/s, about 32 s left"
    assert lines[-1] == "summarise: extracted 360/360 articles in 36 s (10.0/s)"


def test_a_slow_run_gets_a_line_every_five_seconds():
    stream, clock = io.StringIO(), FakeClock()
    show = LineProgress(stream, clock=clock)
    show("extract", 0, 1000)
    for done in range(1, 21):
        clock.now += 3.0  # one article every 3 s: no tenth is reached in a minute
        show("extract", done, 1000)
    progress = stream.getvalue().splitlines()[1:]
    assert len(progress) == 10  # a line every other article, i.e. every 6 s (>= 5 s)
    assert "about 2 h" not in progress[0] and "min" in progress[0]


def test_rate_and_eta():
    assert rate_and_eta(0, 10, 5.0) == ""
    assert rate_and_eta(10, 100, 5.0) == "2.0/s, about 45 s left"
    assert rate_and_eta(1, 100, 10.0) == "0.1/s, about 16 min 30 s left"


def test_the_display_follows_the_stream_and_the_environment():
    assert isinstance(progress_for(io.StringIO(), environ={}), LineProgress)
    assert isinstance(progress_for(FakeTerminal(), quiet=True, environ={}), NoProgress)
    assert isinstance(progress_for(FakeTerminal(), environ={"TERM": "dumb"}), LineProgress)
    bar = progress_for(FakeTerminal(), environ={"TERM": "xterm"})
    assert isinstance(bar, BarProgress) and not bar._progress.console.no_color
    no_colour = progress_for(FakeTerminal(), environ={"TERM": "xterm", "NO_COLOR": "1"})
    assert isinstance(no_colour, BarProgress) and no_colour._progress.console.no_color


def test_the_pipeline_tells_every_stage_and_article_and_changes_nothing_else():
    seen: list[tuple[str, int, int]] = []
    folder = EXAMPLES_DIR / "border-clash"
    told = run_pipeline(folder, RunConfig(extractor="offline", progress=lambda *event: seen.append(event)))
    assert seen == [("ingest", 0, 1), ("ingest", 1, 1), *[("extract", n, 4) for n in range(5)],
                    ("reconcile", 0, 1), ("reconcile", 1, 1)]
    untold = run_pipeline(folder, RunConfig(extractor="offline"))
    assert told.rendered == untold.rendered
