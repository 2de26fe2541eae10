"""Time reconciling 10,000 synthetic claims from 1,000 articles (target: under 2 s).

The articles are made up here (fictional sides, names and sentences), with the spread a real
run has: many wires, spelling variants of spokesmen, vague and exact figures, and two sentences
every report retells (one naming a year that differs between reports, one contrasting accounts).
Run: ``python benchmarks/reconcile_speed.py [articles] [claims per article] [--repeat 3] [--profile 25]``.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import os
import pstats
import random
import re
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.text.grounding import span_evidence
from extract.text.sentences import _SPLIT
from schemas import Article, ArticleExtraction, Attribution, CasualtyClaim, Claimant, Count, Outcome, RunReport
from summarise.reconcile import reconcile

CLAIMANTS = [
    "the Varnian army", "Varnian soldiers' commanders", "a spokesman for the rebels", "the Northern Liberation Front",
    "Ilias Montevar, spokesman for the Northern Liberation Front", "Ilias Montevaar", "a local official",
    "residents", "a hospital doctor", "the Ministry of Defence", "Kestrel Group mercenaries", "an Islamist group",
    "independent analysts", "the regional governor", "Dara Polenko", "Dara Polenkova",
]
VICTIMS = [
    "rebel fighters", "separatist fighters", "soldiers", "Varnian troops", "civilians", "migrant workers",
    "mercenaries", "soldiers and their allies", "Kestrel Group fighters", "jihadists", "villagers", "prisoners",
]
FIGURES = [("seven", 7, 7), ("12", 12, 12), ("at least 15", 15, None), ("dozens", None, None), ("three", 3, 3),
           ("more than 20", 21, None), ("several", None, None), ("50", 50, 50), ("about 30", 25, 35)]
WIRES = ["AFP", "Reuters", "AP", "DPA", "EFE", "ANSA", "Xinhua", None, None, None]
OUTCOMES = [Outcome.killed, Outcome.wounded, Outcome.captured, Outcome.killed_or_captured, Outcome.casualties]


def synthetic_input(n_articles: int, claims_per_article: int, seed: int = 7):
    rng = random.Random(seed)
    start = date(2031, 4, 10)
    articles, extractions = [], []
    for a in range(n_articles):
        lines, specs = [], []
        for c in range(claims_per_article):
            figure, low, high = rng.choice(FIGURES)
            victims, claimant, outcome = rng.choice(VICTIMS), rng.choice(CLAIMANTS), rng.choice(OUTCOMES)
            sentence = f"{claimant.capitalize()} said {figure} {victims} were {outcome.value.replace('_', ' ')} near Orlak on Saturday (report {a}-{c})."
            lines.append(sentence)
            specs.append((sentence, figure, low, high, victims, claimant, outcome))
        lines.append(f"A junta led by General Soren Vask took power in {rng.choice([2027, 2027, 2028])}, the report {a} said.")
        lines.append("Fighting broke out on Thursday between the army and the rebels, but the army said a drone made a forced landing.")
        text = "\n".join(lines)
        article = Article(
            id=f"{a:04d}.txt", text=text, title=f"Report {a}",
            published=start + timedelta(days=rng.randint(0, 4)), wire=rng.choice(WIRES),
        )
        extraction = ArticleExtraction(article=article.id, extractor="synthetic")
        offset = 0
        for sentence, figure, low, high, victims, claimant, outcome in specs:
            pos = text.index(sentence, offset)
            offset = pos + len(sentence)
            extraction.claims.append(
                CasualtyClaim(
                    outcome=outcome, victims=f"{figure} {victims}", claimant=Claimant(name=claimant),
                    count=Count(min=low, max=high, text=figure, vague=low is None),
                    evidence=span_evidence(article, pos, pos + len(sentence)),
                )
            )
            if rng.random() < 0.2:
                extraction.attributions.append(
                    Attribution(speaker=claimant, statement=sentence, evidence=span_evidence(article, pos, pos + len(sentence)))
                )
        articles.append(article)
        extractions.append(extraction)
    return articles, extractions


def short_paths(line: str) -> str:
    """A profile line with the checkout's and site-packages' folders left out of its file names."""
    line = line.replace(str(Path(__file__).resolve().parent.parent) + "/", "")
    return re.sub(r"\S*/site-packages/", "", line)


TARGET_SECONDS = 2.0


def machine_line() -> str:
    """The machine the figures were measured on: cores and load (other work adds to wall time)."""
    one, five, _ = os.getloadavg()
    return (f"machine: {os.cpu_count()} cores, load average {one:.1f} (1 min) / {five:.1f} (5 min); "
            "other work adds to wall seconds far more than to CPU seconds")


def main() -> None:
    parser = argparse.ArgumentParser(description="Time reconcile on synthetic claims.")
    parser.add_argument("articles", nargs="?", type=int, default=1000)
    parser.add_argument("per_article", nargs="?", type=int, default=10, help="claims per article")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the median is reported (default 3)")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="after the timed runs, one run under cProfile: print its N hottest functions")
    args = parser.parse_args()
    articles, extractions = synthetic_input(args.articles, args.per_article)
    walls, cpus = [], []
    for _ in range(max(1, args.repeat)):
        _SPLIT.clear()  # every timed run splits its sentences afresh, as one real run does
        began, began_cpu = time.perf_counter(), time.process_time()
        summary = reconcile(articles, extractions, RunReport(extractor="synthetic"))
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - began_cpu)
    seconds = statistics.median(walls)
    verdict = "within" if seconds < TARGET_SECONDS else "OVER"
    print(machine_line())
    print(
        f"reconciled {args.articles * args.per_article} claims from {args.articles} articles: median {seconds:.2f} s "
        f"of {len(walls)} (min {min(walls):.2f}, max {max(walls):.2f}; cpu median {statistics.median(cpus):.2f} s), "
        f"{verdict} the {TARGET_SECONDS:g} s target (wall)\n"
        f"-> {len(summary.claims)} claims, {len(summary.conflicts)} conflicts, {len(summary.source_groups)} source "
        f"groups, {len(summary.disputes)} disputes, {len(summary.timeline)} timeline entries\n"
        f"-> summary digest {hashlib.sha256(summary.model_dump_json().encode()).hexdigest()[:16]} "
        "(sha256 of its JSON: equal before and after a change that must not alter the outputs)"
    )
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(reconcile, articles, extractions, RunReport(extractor="synthetic"))
        for sort in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(sort).print_stats(args.profile)
            lines = out.getvalue().splitlines()
            start = next((i for i, line in enumerate(lines) if "function calls" in line), 0)
            print(f"\n== cProfile of one reconcile, by {sort} (top {args.profile}) ==")
            print("\n".join(short_paths(line) for line in lines[start:] if line.strip()))


if __name__ == "__main__":
    main()
