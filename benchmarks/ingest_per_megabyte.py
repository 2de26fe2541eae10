"""Ingest and offline extraction time per megabyte of one article, for articles of 10 KB, 100 KB,
1 MB and 2 MB, with and without line breaks: the cost of a long article should grow with its size,
so seconds per MB should stay constant (within 2x, max/min) from the smallest to the largest.

    python benchmarks/ingest_per_megabyte.py [--repeat 3] [--seed 7]

Articles are generated in a temporary folder from fictional sentence templates (places, parties
and figures invented here), one sentence after another: "with line breaks" ends each paragraph of
four sentences with a blank line, "without" runs the whole text as one line. Each article is read
with ``read_article`` (decode, metadata) and extracted with the offline extractor, in this
process; the lowest time of ``--repeat`` runs is kept (other work only ever adds time).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = {"10 KB": 10_000, "100 KB": 100_000, "1 MB": 1_000_000, "2 MB": 2_000_000}
TOWNS = ["Varnholt", "Kestral", "Oskemar", "Bellwyn", "Trassow", "Halvik"]
PARTIES = ["the Northern Liberation Front", "the Varnian army", "the Kestral militia", "government forces"]
SPEAKERS = ["a police spokesman", "the regional governor", "local health officials", "a hospital director"]
TEMPLATES = [
    "{speaker} said on {day} that {n} people were killed and {m} wounded when {party} shelled {town}.",
    "At least {n} civilians died in {town}, according to {speaker}.",
    "{party} said between {n} and {m} of its fighters had been killed near {town}.",
    "Residents of {town} said the fighting had lasted for several hours before dawn on {day}.",
    "{speaker} told reporters that up to {m} people were missing after the attack on {town}.",
    "The death toll rose to {n}, {speaker} said, as rescuers searched the ruins of {town}.",
    "Aid groups said {m} families had fled {town} since {party} moved into the area.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def sentence(rng: random.Random) -> str:
    n = rng.randint(2, 90)
    return rng.choice(TEMPLATES).format(
        speaker=rng.choice(SPEAKERS), party=rng.choice(PARTIES), town=rng.choice(TOWNS),
        day=rng.choice(DAYS), n=n, m=n + rng.randint(1, 60))


def article_text(size: int, line_breaks: bool, seed: int) -> str:
    """About ``size`` bytes of generated report, a title line first."""
    rng = random.Random(seed)
    parts, length, in_paragraph = ["Fighting in Varnholt leaves dozens dead\n\n"], 0, 0
    while length < size:
        text = sentence(rng)
        in_paragraph += 1
        separator = "\n\n" if line_breaks and in_paragraph % 4 == 0 else " "
        parts.append(text + separator)
        length += len(text) + len(separator)
    return "".join(parts)


def time_one(path: Path) -> tuple[float, int]:
    """Seconds to read and extract ``path``, and the number of claims found."""
    from extract.ingest import read_article
    from extract.offline.extractor import PatternExtractor

    start = time.perf_counter()
    article = read_article(path, max_file_bytes=path.stat().st_size + 1)
    extraction = PatternExtractor().extract([article])[0]
    return time.perf_counter() - start, len(extraction.claims)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "warm.txt"
        warm.write_text(article_text(5_000, True, args.seed), encoding="utf-8")
        time_one(warm)  # imports and compiled patterns are not part of any article's time
        for label, size in SIZES.items():
            for line_breaks in (True, False):
                path = Path(folder) / f"{size}-{'lines' if line_breaks else 'oneline'}.txt"
                path.write_text(article_text(size, line_breaks, args.seed), encoding="utf-8")
                best, claims = min(time_one(path) for _ in range(args.repeat))
                megabytes = path.stat().st_size / 1_000_000
                rows.append((label, "yes" if line_breaks else "no", path.stat().st_size, best, best / megabytes, claims))
    print(f"{'size':>7} {'breaks':>6} {'bytes':>10} {'seconds':>9} {'s per MB':>9} {'claims':>7}")
    for label, breaks, size, seconds, per_mb, claims in rows:
        print(f"{label:>7} {breaks:>6} {size:>10,} {seconds:>9.3f} {per_mb:>9.3f} {claims:>7}")
    per_mb = [row[4] for row in rows]
    print(f"max/min seconds per MB: {max(per_mb) / min(per_mb):.2f} (the aim: under 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
