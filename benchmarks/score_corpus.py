"""Score the offline pipeline on every event folder of the reference corpus.

    python benchmarks/score_corpus.py [CORPUS_DIR] [--extractor offline|llm|auto] [--tables] [--json]

CORPUS_DIR defaults to ../shared/corpus relative to the repository root. For each folder holding a
gold.yaml it runs the pipeline (``summarise.evaluate.run_eval``) and prints one Markdown table, a row
per event and a row of totals: claim precision and recall, merged same_claim groups, conflicts shown,
key figures in the summary's lead, casualty-table rows mixing victim sides, off-topic leaks, exact
spans and source-group pairs agreeing; then a note on what leave-one-out means for hand-written
rules. ``--tables`` adds each event's full table (misses and false positives with quotes); ``--json``
prints the reports as one JSON object keyed by event instead. A folder that fails is reported in its
row and the others still run; the exit status is 1 if any failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarise.config import RunConfig  # noqa: E402
from summarise.evaluate import EvalReport, format_eval_table, run_eval  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
COLUMNS = ["event", "claim P", "claim R", "merges", "conflicts", "key figures in lead", "mixed rows", "leaks",
           "spans exact", "source groups"]
LEAVE_ONE_OUT = (
    "Leave-one-out: the offline rules are hand-written, not trained, so a figure \"measured on the sixth\" "
    "is the row of an event whose articles were not read while any rule was written; the other rows are "
    "measured on the articles the rules were written against."
)


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole}"


def _cells(r: EvalReport) -> list[str]:
    merged = sum(m.status == "merged" for m in r.merges)
    return [
        f"{r.claims.precision:.2f}",
        f"{r.claims.recall:.2f}",
        f"{_ratio(merged, len(r.merges))} ({r.merge_rate:.2f})",
        f"{_ratio(r.conflicts_shown, len(r.conflicts))} ({r.conflict_rate:.2f})",
        _ratio(r.key_figures.found, r.key_figures.total),
        _ratio(len(r.mixed_rows.mixed), r.mixed_rows.rows),
        str(len(r.leaks)),
        _ratio(r.spans.valid, r.spans.mentions),
        _ratio(r.sources.agreeing, r.sources.pairs),
    ]


def _total_cells(reports: list[EvalReport]) -> list[str]:
    """Counts summed over the events; precision and recall over all their claims."""
    def total(get: Callable[[EvalReport], int]) -> int:
        return sum(get(r) for r in reports)

    matched, system, gold = total(lambda r: r.claims.matched), total(lambda r: r.claims.system), total(lambda r: r.claims.gold)
    merged, groups = total(lambda r: sum(m.status == "merged" for m in r.merges)), total(lambda r: len(r.merges))
    shown, conflicts = total(lambda r: r.conflicts_shown), total(lambda r: len(r.conflicts))
    return [
        f"{matched / system:.2f}" if system else "-",
        f"{matched / gold:.2f}" if gold else "-",
        f"{_ratio(merged, groups)} ({merged / groups:.2f})" if groups else "0/0",
        f"{_ratio(shown, conflicts)} ({shown / conflicts:.2f})" if conflicts else "0/0",
        _ratio(total(lambda r: r.key_figures.found), total(lambda r: r.key_figures.total)),
        _ratio(total(lambda r: len(r.mixed_rows.mixed)), total(lambda r: r.mixed_rows.rows)),
        str(total(lambda r: len(r.leaks))),
        _ratio(total(lambda r: r.spans.valid), total(lambda r: r.spans.mentions)),
        _ratio(total(lambda r: r.sources.agreeing), total(lambda r: r.sources.pairs)),
    ]


def markdown_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def markdown_table(reports: dict[str, EvalReport], failures: dict[str, str]) -> str:
    """One row per event (folder order), failed events included, and a row of totals."""
    lines = [markdown_row(COLUMNS), markdown_row(["---"] + ["---:"] * (len(COLUMNS) - 1))]
    for name in sorted({*reports, *failures}):
        if name in failures:
            lines.append(markdown_row([name, f"FAILED: {failures[name]}"] + [""] * (len(COLUMNS) - 2)))
        else:
            lines.append(markdown_row([name, *_cells(reports[name])]))
    if len(reports) > 1:
        lines.append(markdown_row(["**all**", *_total_cells(list(reports.values()))]))
    return "\n".join(lines)


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
    failures: dict[str, str] = {}
    for folder in event_dirs(args.corpus):
        try:
            reports[folder.name] = run_eval(folder, config)
        except Exception as exc:  # one broken event must not cost the others their scores
            failures[folder.name] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    if args.json:
        for name, why in failures.items():
            print(f"{name:<20} FAILED: {why}", file=sys.stderr)
        print(json.dumps({name: r.model_dump(mode="json") for name, r in reports.items()}, indent=2))
    else:
        print(markdown_table(reports, failures))
        print(f"\n{LEAVE_ONE_OUT}")
        if args.tables:
            for name, report in reports.items():
                print(f"\n== {name} ==\n{format_eval_table(report)}")
    failed = bool(failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
