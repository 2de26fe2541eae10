#!/usr/bin/env python
"""The LLM path measured: `summarise eval --extractor llm` on the recorded corpus event, beside the
offline path, with calls, prompt and output tokens and time per article.

    .venv/bin/python benchmarks/llm_eval.py                  # replays out/cassettes-corpus/llm_eval_corpus.json
    .venv/bin/python benchmarks/llm_eval.py --live http://127.0.0.1:8080/v1 --model qwen2.5-coder-1.5b
    .venv/bin/python benchmarks/llm_eval.py --live URL --event ../shared/corpus/germanwings-2015

Replaying needs no model: the answers are the ones Qwen2.5-Coder-1.5B gave when the cassette was
recorded (scripts/record_cassettes.py --only corpus). The recording stays in out/ (git ignores it):
its requests carry the corpus's sentences, which never go into the project, so a fresh clone
records it once (about 15 minutes on two cores) or runs --live. The seconds per article are the
server's own processing times recorded with them (its ``openai-processing-ms`` header), not the
replay's. With --live every request goes to the server (no cache) and the seconds are wall time.
The corpus (../shared/corpus) must be beside the project.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarise.config import LLMConfig, RunConfig  # noqa: E402
from summarise.evaluate.gold import load_gold  # noqa: E402
from summarise.evaluate.scoring import evaluate  # noqa: E402
from summarise.pipeline import run_pipeline  # noqa: E402
from tests.support.llm_vcr import RECORDED_BASE_URL, RECORDED_MODEL, make_vcr  # noqa: E402

CASSETTE = ROOT / "out" / "cassettes-corpus" / "llm_eval_corpus.json"
RECORDED_EVENT = ROOT.parent / "shared" / "corpus" / "tinzaouaten-2024"
_ARTICLE_ID = re.compile(r'<article id="([^"]+)"')


def recorded_seconds(cassette: Path) -> dict[str, float]:
    """Per article id, the server's processing seconds over its recorded requests."""
    seconds: dict[str, float] = defaultdict(float)
    for interaction in json.loads(cassette.read_text(encoding="utf-8"))["interactions"]:
        body = json.loads(interaction["request"]["body"])
        found = _ARTICLE_ID.search(body["messages"][1]["content"]) if len(body.get("messages", [])) > 1 else None
        milliseconds = interaction["response"]["headers"].get("openai-processing-ms", ["0"])[0]
        if found:
            seconds[found.group(1)] += float(milliseconds) / 1000
    return seconds


def scored(event: Path, config: RunConfig):
    """The eval report of one run and the run's extractions (their usage is per article)."""
    gold = load_gold(event)
    result = run_pipeline(event, config)
    report = evaluate(result.summary, result.extractions, gold, articles=result.articles, rendered=result.rendered)
    return report, result.extractions


def scores_line(name: str, report) -> str:
    c = report.claims
    merged = sum(1 for m in report.merges if m.status == "merged")
    return (f"| {name} | {c.precision:.2f} | {c.recall:.2f} | {merged}/{len(report.merges)} | "
            f"{report.conflicts_shown}/{len(report.conflicts)} | {report.key_figures.found}/{report.key_figures.total} | "
            f"{len(report.mixed_rows.mixed)}/{report.mixed_rows.rows} | {len(report.leaks)} | "
            f"{report.spans.valid}/{report.spans.mentions} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--live", metavar="URL", help="an OpenAI-compatible endpoint instead of the cassette")
    parser.add_argument("--model", default=RECORDED_MODEL, help=f"model name (default {RECORDED_MODEL})")
    parser.add_argument("--event", type=Path, default=RECORDED_EVENT, help="corpus event (--live only)")
    args = parser.parse_args()
    event = args.event if args.live else RECORDED_EVENT
    if not (event / "gold.yaml").is_file():
        sys.exit(f"llm_eval: the corpus event {event} is not there (../shared/corpus beside the project)")
    if not args.live and not CASSETTE.is_file():
        sys.exit(f"llm_eval: no recording at {CASSETTE}; record it with scripts/record_cassettes.py --only corpus")

    llm = LLMConfig(model=args.model, base_url=args.live or RECORDED_BASE_URL, use_cache=False, concurrency=1,
                    timeout=900, progress=False)
    offline, _ = scored(event, RunConfig(extractor="offline"))
    if args.live:
        report, extractions = scored(event, RunConfig(extractor="llm", llm=llm))
        seconds: dict[str, float] = {}
    else:
        recorder = make_vcr("none")
        recorder.cassette_library_dir = str(CASSETTE.parent)
        with recorder.use_cassette(CASSETTE.name, allow_playback_repeats=False):
            report, extractions = scored(event, RunConfig(extractor="llm", llm=llm))
        seconds = recorded_seconds(CASSETTE)

    print(f"event {event.name}; LLM {args.model} ({'live ' + args.live if args.live else 'replayed from ' + CASSETTE.name})\n")
    print("| path | claim P | claim R | merges | conflicts | key figures | mixed rows | leaks | spans exact |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(scores_line("offline", offline))
    print(scores_line(f"llm ({report.extractor})", report))
    print("\n| article | calls | prompt tokens | output tokens | re-asks | seconds | claims matched/gold |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    usage = {e.article: e.usage for e in extractions}
    totals = [0, 0, 0, 0, 0.0]
    for score in report.per_article:
        u = usage.get(score.article)
        calls, prompt, output, reasks = (u.calls, u.prompt_tokens, u.completion_tokens, u.reasks) if u else (0, 0, 0, 0)
        wall = (u.seconds if u else 0.0) if args.live else seconds.get(score.article, 0.0)
        totals = [totals[0] + calls, totals[1] + prompt, totals[2] + output, totals[3] + reasks, totals[4] + (wall or 0)]
        print(f"| {score.article} | {calls} | {prompt} | {output} | {reasks} | {wall or 0:.0f} | {score.matched}/{score.gold} |")
    n = max(len(report.per_article), 1)
    print(f"| per article (mean) | {totals[0] / n:.1f} | {totals[1] / n:.0f} | {totals[2] / n:.0f} | "
          f"{totals[3] / n:.1f} | {totals[4] / n:.0f} | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
