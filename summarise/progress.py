"""How a long run tells its user where it is: on stderr, drawn from the pipeline's progress hook.

``progress_for(stream)`` picks the display once per run:

- a terminal gets a ``rich`` progress bar per stage (count, rate, elapsed time, time left), with
  no colour when ``NO_COLOR`` is set; ``rich`` (installed with instructor) is imported only then,
  so an offline run piped to a file or a test pays nothing for it;
- anything else (a pipe, a log file, ``TERM=dumb``, or ``rich`` missing) gets plain one-line
  updates: one when a stage starts, then for the extraction a line each time another tenth of the
  articles is done (at most one a second) or ``every_seconds`` have passed, and one at the end;
- ``quiet`` gets nothing.

Each display is a ``summarise.config.ProgressHook`` (``display(stage, done, total)``, callable from
a worker thread) with a ``close()`` to call once the run is over, before anything else is printed.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TextIO

# What each pipeline stage is called on screen; the one-step stages carry no count.
STAGE_LABELS = {
    "ingest": "reading files",
    "extract": "extracting articles",
    "reconcile": "reconciling",
    "parties": "resolving parties (LLM)",
    "narrative": "writing the narrative (LLM)",
}


class ProgressDisplay(Protocol):
    def __call__(self, stage: str, done: int, total: int) -> None: ...

    def close(self) -> None: ...


def progress_for(stream: TextIO, *, quiet: bool = False, environ: Mapping[str, str] | None = None) -> ProgressDisplay:
    """The display for a run writing to ``stream`` (see the module docstring)."""
    environ = os.environ if environ is None else environ
    if quiet:
        return NoProgress()
    if _is_terminal(stream) and environ.get("TERM") != "dumb":
        try:
            return BarProgress(stream, no_color=bool(environ.get("NO_COLOR")))
        except ImportError:  # rich comes with instructor; an install without it still gets lines
            pass
    return LineProgress(stream)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


def label(stage: str) -> str:
    return STAGE_LABELS.get(stage, stage)


def rate_and_eta(done: int, total: int, elapsed: float) -> str:
    """``"9.8/s, about 33 s left"``; empty before there is a rate to tell."""
    if done <= 0 or elapsed <= 0:
        return ""
    rate = done / elapsed
    return f"{rate:.1f}/s, about {_duration((total - done) / rate)} left"


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


class NoProgress:
    def __call__(self, stage: str, done: int, total: int) -> None:
        pass

    def close(self) -> None:
        pass


class LineProgress:
    """Plain lines for a log: see the module docstring for when one is written."""

    def __init__(self, stream: TextIO, *, every_seconds: float = 5.0, every_fraction: float = 0.1,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.every_seconds, self.every_fraction, self.clock = stream, every_seconds, every_fraction, clock
        self._lock = threading.Lock()  # the offline extraction reports from a worker thread
        self._started: dict[str, float] = {}
        self._last_line: tuple[float, int] = (0.0, 0)  # when, and at which count, the last line was

    def __call__(self, stage: str, done: int, total: int) -> None:
        with self._lock:
            now = self.clock()
            if stage not in self._started:
                self._started[stage] = now
                self._last_line = (now, 0)
                if stage == "extract":
                    self._write(f"extracting {total} article{'s' if total != 1 else ''}")
                elif done < total:
                    self._write(f"{label(stage)}")
                return
            if stage != "extract" or done <= 0:
                return
            elapsed = now - self._started[stage]
            if done >= total:
                self._write(f"extracted {done}/{total} articles in {_duration(elapsed)}"
                            + (f" ({done / elapsed:.1f}/s)" if elapsed > 0 else ""))
                return
            last_time, last_done = self._last_line
            step = max(1, int(total * self.every_fraction))
            # a line per tenth, but never more than one a second (a small fast run needs none)
            if (done // step > last_done // step and now - last_time >= 1.0) or now - last_time >= self.every_seconds:
                self._last_line = (now, done)
                timing = rate_and_eta(done, total, elapsed)
                self._write(f"extracted {done}/{total} articles ({100 * done // total}%)"
                            + (f", {timing}" if timing else ""))

    def _write(self, text: str) -> None:
        print(f"summarise: {text}", file=self.stream, flush=True)

    def close(self) -> None:
        pass


class BarProgress:
    """A ``rich`` bar per stage on a terminal; ``close()`` leaves the finished bars on screen."""

    def __init__(self, stream: TextIO, *, no_color: bool = False) -> None:
        from rich.console import Console  # lazily: only a terminal run pays for rich
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        console = Console(file=stream, no_color=no_color, highlight=False)
        self._progress = Progress(
            SpinnerColumn(finished_text="✓"),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[timing]}"),
            console=console,
            transient=False,
        )
        self._tasks: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._running = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        with self._lock:
            if not self._running:
                self._progress.start()
                self._running = True
            counted = stage == "extract"  # the other stages are one step: a pulsing bar, no count
            if stage not in self._tasks:
                self._tasks[stage] = self._progress.add_task(
                    label(stage), total=total if counted else None, count="", timing="")
            task = self._tasks[stage]
            if not counted:
                self._progress.update(task, total=1 if done >= total else None, completed=1 if done >= total else 0)
                return
            elapsed = self._progress.tasks[task].elapsed or 0.0
            self._progress.update(task, completed=done, count=f"{done}/{total}",
                                  timing=rate_and_eta(done, total, elapsed) if done < total else f"{done / elapsed:.1f}/s"
                                  if elapsed > 0 else "")

    def close(self) -> None:
        with self._lock:
            if self._running:
                self._progress.stop()
                self._running = False
