"""`summarise FOLDER --base-url ... --model ...` end to end, replaying every request of a real run.

cassettes/llm_cli_border_clash.json was recorded by scripts/record_cassettes.py (scenario `cli`,
over tests/data/llm/border-clash-recorded/, the example as it then was) from llama.cpp serving
Qwen2.5-Coder-1.5B: extraction and its re-asks, party resolution and the narrative. This asserts
the command's wiring, report and cache, not the model's quality (benchmarks/llm_eval.py prints
that). Answers that failed their checks are asked again on a re-run (only passed answers are cached).
"""

from __future__ import annotations

import json

from extract.llm.cache import AnswerCache
from summarise.cli import cli
from tests.support.llm_vcr import RECORDED_BASE_URL, RECORDED_CLI_ARGS, RECORDED_MODEL, make_vcr, tracked_cassettes
from tests.support.paths import PROJECT_ROOT

# the example as it was when the cassette was recorded (the requests carry its text)
EXAMPLE = PROJECT_ROOT / "tests" / "data" / "llm" / "border-clash-recorded"


def run(out, cassette_path):
    with make_vcr("none").use_cassette(str(cassette_path), allow_playback_repeats=False) as cassette:
        code = cli([str(EXAMPLE), "--base-url", RECORDED_BASE_URL, "-o", str(out), *RECORDED_CLI_ARGS,
                    "--cache-dir", str(out.parent / "cache")])
    return code, cassette


def test_an_llm_run_replays_in_full_and_a_rerun_reuses_only_the_answers_that_passed(tmp_path, capsys):
    code, cassette = run(tmp_path / "first", "llm_cli_border_clash.json")
    assert code == 0
    # (every recorded request was made: tests/conftest.py checks it for every cassette)
    err = capsys.readouterr().err
    assert f"extracted by llm:{RECORDED_MODEL}" in err and f"LLM: {len(cassette)} calls" in err
    assert "offline pattern extractor" not in err, "an endpoint is configured: no silent switch to offline"
    # the model's grouping of the party names failed its checks: the run says so and goes on
    assert "warning: party resolution" in err and "used the offline resolver" in err
    first = json.loads((tmp_path / "first" / "summary.json").read_text(encoding="utf-8"))
    report = first["report"]
    assert any(w.startswith("party resolution") for w in report["warnings"])
    assert report["extractor"] == f"llm:{RECORDED_MODEL}"
    assert report["usage"]["calls"] == len(cassette) and report["usage"]["prompt_tokens"] > 0
    assert sorted(report["usage_by_article"]) == sorted(a["id"] for a in first["articles"])
    texts = {a["id"]: a["text"] for a in first["articles"]}
    for claim in first["claims"]:
        for m in claim["mentions"]:
            assert texts[m["article"]][m["start"]:m["end"]] == m["quote"]

    # The same run again on the first run's cache. Only answers that passed their checks are
    # cached (the others are asked again on every run), so the re-run replays the same cassette
    # again, less the requests whose answers passed: those come from the cache. The cassette is
    # tracked here, not by the suite-wide check, because it is not meant to play in full: the
    # assertions below say exactly what is left unplayed.
    with AnswerCache(tmp_path / "cache") as cache:
        stored = len(cache)
    assert 0 < stored < len(cassette)
    with tracked_cassettes() as used:
        code, again = run(tmp_path / "second", "llm_cli_border_clash.json")
    assert code == 0 and len(used) == 1
    second = json.loads((tmp_path / "second" / "summary.json").read_text(encoding="utf-8"))
    usage = second["report"]["usage"]
    assert usage["cache_hits"] == stored and usage["calls"] == len(cassette) - stored
    assert len(again.play_counts) == len(cassette) - stored  # each other recorded request once
    assert second["claims"] == first["claims"] and second["source_groups"] == first["source_groups"]
