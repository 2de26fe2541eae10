"""How the offline run grows with the folder: whole-run and per-stage wall time and peak memory on
folders of 36, 220, 1,000 and 2,000 articles made from the corpus articles, and the log-log slope
between sizes (1 = linear, 2 = quadratic).

    python benchmarks/scale.py [--sizes 36,220,1000,2000] [--repeat 2] [--keep DIR] [--clock cpu]

The folders are copies of ``../shared/corpus/*/articles/*`` in a temporary folder (never in the
repo), each copy with a unique name and its text prefixed with a line naming the copy, so that no
two files are byte-identical. Each size runs in a fresh process (so the peak resident memory is
that size's own); with ``--repeat N`` each size runs N times and the lowest time of each column is
kept (other work on the machine only ever adds time). On a busy machine ``--clock cpu`` times CPU
seconds instead of wall seconds (the process's for the whole run, the running thread's for a
stage: each stage runs on one thread), which other work adds far less to. Without ``../shared`` it
says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_SIZES = (36, 220, 1000, 2000)
STAGES = ("ingest", "extract", "reconcile", "render")


def machine_line() -> str:
    """The machine the figures were measured on: cores and load (other work adds to wall time)."""
    one, five, _ = os.getloadavg()
    return (f"machine: {os.cpu_count()} cores, load average {one:.1f} (1 min) / {five:.1f} (5 min); "
            "other work adds to wall seconds far more than to CPU seconds")


def corpus_articles() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*/articles/*") if p.is_file())


def build_folder(sources: list[Path], size: int, folder: Path) -> None:
    """``size`` copies of ``sources`` taken in turn, each named and prefixed uniquely."""
    folder.mkdir(parents=True)
    for number in range(size):
        source = sources[number % len(sources)]
        copy = folder / f"{number:05d}-{source.parent.parent.name}-{source.name}"
        prefix = f"Copy {number} of {source.parent.parent.name}/{source.name}\n"
        copy.write_bytes(prefix.encode() + source.read_bytes())


CLOCKS = {"wall": (time.perf_counter, time.perf_counter), "cpu": (time.process_time, time.thread_time)}


def run_once(folder: Path, clock: str = "wall") -> dict:
    """Run the offline pipeline on ``folder`` in this process, timing each stage by wrapping the
    stage functions the pipeline calls, and return the times and the peak resident memory."""
    whole_clock, stage_clock = CLOCKS[clock]
    from extract.offline.extractor import PatternExtractor
    from summarise import pipeline
    from summarise.config import RunConfig

    times = dict.fromkeys(STAGES, 0.0)

    def timed(stage, function):
        def wrapper(*args, **kwargs):
            start = stage_clock()
            try:
                return function(*args, **kwargs)
            finally:
                times[stage] += stage_clock() - start
        return wrapper

    pipeline.ingest_event_folder = timed("ingest", pipeline.ingest_event_folder)
    pipeline.reconcile = timed("reconcile", pipeline.reconcile)
    PatternExtractor.extract = timed("extract", PatternExtractor.extract)
    for fmt, renderer in list(pipeline.RENDERERS.items()):
        pipeline.RENDERERS[fmt] = timed("render", renderer)
    start = whole_clock()
    result = pipeline.run_pipeline(folder, RunConfig(extractor="offline"))
    whole = whole_clock() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"articles": len(result.articles), "whole": whole, **times, "peak_mib": peak_kib / 1024,
            "summary": result.rendered.get("json", "")}


def measure(folder: Path, repeat: int, keep: Path | None, clock: str = "wall") -> dict:
    """The lowest of ``repeat`` runs, each in a fresh process, column by column."""
    best: dict = {}
    for _ in range(repeat):
        done = subprocess.run([sys.executable, __file__, "--child", str(folder), "--clock", clock], cwd=ROOT, check=True,
                              capture_output=True, text=True)
        row = json.loads(done.stdout.splitlines()[-1])
        summary = row.pop("summary")
        if keep is not None:
            (keep / f"{folder.name}.summary.json").write_text(summary)
        best = row if not best else {k: min(best[k], row[k]) if k != "articles" else row[k] for k in row}
    return best


def slope(small: dict, large: dict, column: str) -> float | None:
    """The log-log slope of ``column`` from ``small`` to ``large`` (None when a time is too small to tell)."""
    if min(small[column], large[column]) < 0.01:
        return None
    return math.log(large[column] / small[column]) / math.log(large["articles"] / small["articles"])


def print_table(rows: list[dict], clock: str = "wall") -> None:
    columns = ("whole", *STAGES)
    print(machine_line())
    print(f"{clock} seconds, lowest of the runs")
    print(f"{'articles':>8} " + " ".join(f"{c + ' s':>11}" for c in columns) + f" {'peak MiB':>9}")
    for row in rows:
        print(f"{row['articles']:>8} " + " ".join(f"{row[c]:>11.2f}" for c in columns) + f" {row['peak_mib']:>9.0f}")
    for small, large in zip(rows, rows[1:], strict=False):
        slopes = [slope(small, large, c) for c in columns]
        shown = " ".join(f"{'-' if s is None else f'{s:.2f}':>11}" for s in slopes)
        print(f"{'slope':>4} {small['articles']}->{large['articles']}: {shown}")
    if len(rows) > 3:  # over the whole span past the smallest folder, whose time is mostly start-up
        small, large = rows[1], rows[-1]
        shown = " ".join(f"{'-' if s is None else f'{s:.2f}':>11}" for s in (slope(small, large, c) for c in columns))
        print(f"{'slope':>4} {small['articles']}->{large['articles']}: {shown}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated folder sizes")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the lowest time is kept")
    parser.add_argument("--keep", type=Path, help="write each size's summary.json into this folder")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall", help="wall seconds or CPU seconds")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(run_once(args.child, args.clock)))
        return 0
    sources = corpus_articles()
    if not sources:
        print(f"no corpus articles at {CORPUS}: nothing to measure")
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    rows = []
    work = Path(tempfile.mkdtemp(prefix="summarise-scale-"))
    try:
        for size in sizes:
            folder = work / f"folder-{size}"
            build_folder(sources, size, folder)
            rows.append(measure(folder, args.repeat, args.keep, args.clock))
            print(f"measured {size} articles: {rows[-1]['whole']:.2f} s", file=sys.stderr)
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows, args.clock)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
