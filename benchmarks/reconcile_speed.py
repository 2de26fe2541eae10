"""Time reconciling 10,000 synthetic claims from 1,000 articles (target: under 5 s).

The articles are made up here (fictional sides, names and sentences), with the spread a real
run has: many wires, spelling variants of spokesmen, vague and exact figures, and two sentences
every report retells (one naming a year that differs between reports, one contrasting accounts).
Run: ``python benchmarks/reconcile_speed.py [articles] [claims per article]``.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.text.grounding import span_evidence
from schemas import Article, ArticleExtraction, Attribution, CasualtyClaim, Count, Outcome, RunReport
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
                    outcome=outcome, victims=f"{figure} {victims}", claimant=claimant,
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


def main() -> None:
    n_articles = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    per_article = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    articles, extractions = synthetic_input(n_articles, per_article)
    began, began_cpu = time.perf_counter(), time.process_time()
    summary = reconcile(articles, extractions, RunReport(extractor="synthetic"))
    seconds, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    print(
        f"reconciled {n_articles * per_article} claims from {n_articles} articles in {seconds:.2f} s (cpu {cpu:.2f} s) "
        f"-> {len(summary.claims)} claims, {len(summary.conflicts)} conflicts, {len(summary.source_groups)} source groups, "
        f"{len(summary.disputes)} disputes, {len(summary.timeline)} timeline entries"
    )


if __name__ == "__main__":
    main()
