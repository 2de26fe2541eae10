"""Score the offline pipeline on every event folder of the reference corpus.

    python benchmarks/score_corpus.py [CORPUS_DIR] [--extractor offline|llm|auto] [--tables] [--json]

CORPUS_DIR defaults to ../shared/corpus relative to the repository root. For each folder holding a
gold.yaml it runs the pipeline (``summarise.evaluate.run_eval``) and prints one line: claim
precision/recall/F1, merged same_claim groups, conflicts shown, source-group pairs agreeing,
off-topic leaks, valid spans and wall time. ``--tables`` adds each event's full table (misses and
false positives with quotes); ``--json`` prints the reports as one JSON object keyed by event instead. A folder that
fails is reported on its line and the others still run; the exit status is 1 if any failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarise.config import RunConfig  # noqa: E402
from summarise.evaluate import EvalReport, format_eval_table, run_eval  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
HEADER = f"{'event':<20} {'P':>5} {'R':>5} {'F1':>5} {'merges':>7} {'conflicts':>9} {'sources':>8} {'leaks':>5} {'spans':>9} {'seconds':>8}"


def summary_line(name: str, r: EvalReport) -> str:
    merged = sum(m.status == "merged" for m in r.merges)
    return (
        f"{name:<20} {r.claims.precision:5.2f} {r.claims.recall:5.2f} {r.claims.f1:5.2f} "
        f"{f'{merged}/{len(r.merges)}':>7} {f'{r.conflicts_shown}/{len(r.conflicts)}':>9} "
        f"{f'{r.sources.agreeing}/{r.sources.pairs}':>8} {len(r.leaks):>5} "
        f"{f'{r.spans.valid}/{r.spans.mentions}':>9} {r.seconds or 0.0:8.2f}"
    )


def event_dirs(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.is_dir() and (p / "gold.yaml").is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--extractor", choices=["offline", "llm", "auto"], default="offline")
    parser.add_argument("--tables", action="store_true", help="print each event's full evaluation table")
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: not a folder", file=sys.stderr)
        return 2

    config = RunConfig(extractor=args.extractor)
    reports: dict[str, EvalReport] = {}
    failed = False
    if not args.json:
        print(HEADER)
    for folder in event_dirs(args.corpus):
        try:
            report = run_eval(folder, config)
        except Exception as exc:  # one broken event must not cost the others their scores
            failed = True
            print(f"{folder.name:<20} FAILED: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
                  file=sys.stderr if args.json else sys.stdout)
            continue
        reports[folder.name] = report
        if not args.json:
            print(summary_line(folder.name, report))
    if args.json:
        print(json.dumps({name: r.model_dump(mode="json") for name, r in reports.items()}, indent=2))
    elif args.tables:
        for name, report in reports.items():
            print(f"\n== {name} ==\n{format_eval_table(report)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
