"""Time `summarise FOLDER` with the offline extractor, as a user runs it (a fresh process each time).

    python benchmarks/run_speed.py [FOLDER ...]     default: ../shared/corpus/*/articles and examples/*

Prints the wall time of each run (best and median of 5) and the in-process time of each stage.
The target for the corpus folders is under 2 s a run on the project's 2-core machines.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 5


def folders_from_args() -> list[Path]:
    if len(sys.argv) > 1:
        return [Path(a) for a in sys.argv[1:]]
    corpus = sorted((ROOT.parent / "shared" / "corpus").glob("*/articles"))
    return corpus + sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())


def time_command(folder: Path) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "summarise.cli", str(folder), "-o", out, "-q", "--extractor", "offline"],
                           cwd=ROOT, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return times


def time_stages(folder: Path) -> dict[str, float]:
    from extract.ingest import ingest_folder
    from extract.offline.extractor import PatternExtractor
    from summarise.pipeline import run_report
    from summarise.reconcile import reconcile
    from summarise.render import RENDERERS

    stages = {}
    start = time.perf_counter()
    ingested = ingest_folder(folder)
    stages["ingest"] = time.perf_counter() - start
    start = time.perf_counter()
    extractor = PatternExtractor()
    extractions = extractor.extract(ingested.articles)
    stages["extract"] = time.perf_counter() - start
    start = time.perf_counter()
    summary = reconcile(ingested.articles, extractions, run_report(extractor.name, ingested.articles, ingested.skipped, extractions))
    stages["reconcile"] = time.perf_counter() - start
    start = time.perf_counter()
    for render in RENDERERS.values():
        render(summary)
    stages["render"] = time.perf_counter() - start
    return stages


def main() -> None:
    for folder in folders_from_args():
        times = time_command(folder)
        stages = time_stages(folder)
        stage_text = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stages.items())
        print(f"{folder}: summarise best {min(times):.2f} s, median {statistics.median(times):.2f} s "
              f"over {RUNS} runs (target < 2 s); in process: {stage_text}")


if __name__ == "__main__":
    main()
