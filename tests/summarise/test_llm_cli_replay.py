"""`summarise FOLDER --base-url ... --model ...` end to end, replaying every request of a real run.

cassettes/llm_cli_border_clash.json was recorded by scripts/record_cassettes.py (scenario `cli`,
over tests/data/llm/border-clash-recorded/, the example as it then was) from llama.cpp serving SmolLM2-135M: extraction, re-asks and the party-resolution step. The tiny
model's answers are poor; this asserts the command's wiring, report and cache, not its content.
"""

from __future__ import annotations

import json

from summarise.cli import cli
from tests.support.llm_vcr import RECORDED_BASE_URL, RECORDED_CLI_ARGS, RECORDED_MODEL, make_vcr
from tests.support.paths import PROJECT_ROOT

# the example as it was when the cassette was recorded (the requests carry its text)
EXAMPLE = PROJECT_ROOT / "tests" / "data" / "llm" / "border-clash-recorded"


def run(out, cassette_path):
    with make_vcr("none").use_cassette(str(cassette_path), allow_playback_repeats=False) as cassette:
        code = cli([str(EXAMPLE), "--base-url", RECORDED_BASE_URL, "-o", str(out), *RECORDED_CLI_ARGS])
    return code, cassette


def test_an_llm_run_replays_in_full_and_a_rerun_is_served_from_the_cache(tmp_path, capsys):
    code, cassette = run(tmp_path / "first", "llm_cli_border_clash.json")
    assert code == 0
    # (every recorded request was made: tests/conftest.py checks it for every cassette)
    err = capsys.readouterr().err
    assert f"extracted by llm:{RECORDED_MODEL}" in err and f"LLM: {len(cassette)} calls" in err
    assert "offline pattern extractor" not in err, "an endpoint is configured: no silent switch to offline"
    # SmolLM2's grouping of the party names failed validation: the run says so and goes on
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

    # the same run again, behind an empty cassette: any HTTP request would fail it
    code, empty = run(tmp_path / "second", tmp_path / "empty.json")
    assert code == 0 and len(empty) == 0
    second = json.loads((tmp_path / "second" / "summary.json").read_text(encoding="utf-8"))
    assert second["report"]["usage"]["calls"] == 0
    assert second["report"]["usage"]["cache_hits"] == len(cassette)
    assert second["claims"] == first["claims"] and second["source_groups"] == first["source_groups"]
