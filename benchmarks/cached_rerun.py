"""A cached re-run of a 5-article folder makes zero HTTP calls (target: under 1 s beyond start-up).

Fills a fresh cache by replaying the recorded llama.cpp answers for the example articles
(cassettes/llm_border_clash.json, 4 articles) plus one more article (cassettes/llm_retry.json),
then runs the LLM extractor again on the same 5 articles behind an empty cassette, where any HTTP
request would fail, and prints the calls, cache hits and time of that second run.

    python benchmarks/cached_rerun.py
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.llm.extractor import LLMExtractor
from schemas import Article, Usage
from summarise.config import LLMConfig
from tests.support.llm_vcr import LLM_DATA_DIR, RECORDED_BASE_URL, RECORDED_MODEL, make_vcr


async def no_wait(seconds: float) -> None:  # the recorded 503 asks for a 1 s wait; replay skips it
    return None


def main() -> None:
    examples = [Article.model_validate(a) for a in json.loads((LLM_DATA_DIR / "border_clash_articles.json").read_text("utf-8"))]
    extra = Article(id="quarry-blast.txt", text=(LLM_DATA_DIR / "quarry-blast.txt").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as cache_dir:
        def config(**overrides) -> LLMConfig:
            return LLMConfig(model=RECORDED_MODEL, base_url=RECORDED_BASE_URL, cache_dir=Path(cache_dir), **overrides)

        recorder = make_vcr("none")
        with recorder.use_cassette("llm_border_clash.json"):
            LLMExtractor(config(concurrency=2), sleep=no_wait).extract(examples)
        with recorder.use_cassette("llm_retry.json"):
            LLMExtractor(config(max_reasks=0), sleep=no_wait).extract([extra])

        started = time.perf_counter()
        with recorder.use_cassette(str(Path(cache_dir) / "empty.json")) as cassette:
            results = LLMExtractor(config(concurrency=2)).extract(examples) + LLMExtractor(config(max_reasks=0)).extract([extra])
        seconds = time.perf_counter() - started
    usage = Usage()
    for result in results:
        usage = usage.add(result.usage or Usage())
    failed = [r.article for r in results if r.error]
    print(f"cached re-run of {len(results)} articles: {usage.calls} HTTP calls, {usage.cache_hits} cache hits, "
          f"{len(cassette.requests)} requests reached the transport, {seconds:.3f} s (target < 1 s beyond start-up)"
          + (f"; failed: {failed}" if failed else ""))


if __name__ == "__main__":
    main()
