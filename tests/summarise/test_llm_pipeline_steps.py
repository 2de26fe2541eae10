"""run_pipeline with the LLM extractor: party resolution and the narrative are LLM steps whose
usage and warnings reach the run report; a run-fatal error stops the run, anything else falls back.

One fictional article; every model answer comes from the scripted server (tests/llm_fake_server.py,
hand-written), in the order the pipeline asks: extraction, party resolution, narrative.
"""

from __future__ import annotations

import pytest

from extract.llm.client import AuthenticationFailed
from summarise.config import RunConfig
from summarise.pipeline import run_pipeline
from summarise.reconcile.narrative import template_narrative
from tests.support.llm_fake_server import completion, error, scripted_config

pytest_plugins = ["tests.llm_server_fixture"]

TEXT = "Nine miners were killed when a tunnel collapsed on Monday, the mine operator said.\n"
EXTRACTION = {
    "claims": [{
        "quote": "Nine miners were killed when a tunnel collapsed on Monday",
        "count_text": "Nine",
        "outcome": "killed",
        "victims": "miners",
        "claimant": "the mine operator",
    }],
    "attributions": [],
    "events": [],
}
GROUPING = {"sides": [{"label": "the mine operator", "names": ["the mine operator"]}], "no_side": ["miners"]}
PARAGRAPH = "Nine miners were killed, according to the mine operator [c1]."


@pytest.fixture
def folder(tmp_path):
    event = tmp_path / "event"
    event.mkdir()
    (event / "000.txt").write_text(TEXT, encoding="utf-8")
    return event


def run(folder, base_url, tmp_path):
    llm = scripted_config(base_url, tmp_path, max_reasks=0)
    return run_pipeline(folder, RunConfig(extractor="llm", llm=llm, formats=["md"]))


def test_both_llm_steps_are_used_and_counted(scripted_server, folder, tmp_path):
    s = scripted_server(completion(EXTRACTION, 100, 30), completion(GROUPING, 50, 20), completion({"paragraph": PARAGRAPH}, 70, 15))
    summary = run(folder, s.base_url, tmp_path).summary
    assert len(s.requests) == 3
    assert "<names>" in s.requests[1]["messages"][-1]["content"]
    assert "<claims>" in s.requests[2]["messages"][-1]["content"]
    assert summary.narrative == PARAGRAPH
    (claim,) = summary.claims
    assert (claim.claimant_party, claim.victim_party) == ("the-mine-operator", None)
    assert [p.name for p in summary.parties] == ["the mine operator"]
    usage = summary.report.usage
    assert (usage.calls, usage.prompt_tokens, usage.completion_tokens) == (3, 220, 65)
    assert summary.report.usage_by_article["000.txt"].calls == 1  # the extra steps are not an article's
    assert summary.report.warnings == []


def test_failing_steps_fall_back_and_warn_without_costing_the_summary(scripted_server, folder, tmp_path):
    s = scripted_server(completion(EXTRACTION), completion({"sides": [], "no_side": ["miners"]}), error(400, "bad request"))
    result = run(folder, s.base_url, tmp_path)
    summary = result.summary
    assert len(summary.claims) == 1 and summary.report.usage.calls == 3
    assert summary.narrative == template_narrative(summary)
    assert summary.narrative in result.rendered["md"]
    party_warning, narrative_warning = summary.report.warnings
    assert party_warning.startswith("party resolution: the model's grouping failed the checks")
    assert narrative_warning.startswith("narrative: the LLM call failed") and "HTTP 400" in narrative_warning


def test_a_run_fatal_error_in_a_step_stops_the_run(scripted_server, folder, tmp_path):
    s = scripted_server(completion(EXTRACTION), error(401, "invalid key"))
    with pytest.raises(AuthenticationFailed):
        run(folder, s.base_url, tmp_path)


def test_offline_runs_make_no_llm_step(folder):
    summary = run_pipeline(folder, RunConfig(extractor="offline", formats=[])).summary
    assert summary.narrative == "" and summary.report.usage.calls == 0 and summary.report.warnings == []


def test_a_bug_in_either_step_falls_back_and_warns(scripted_server, folder, tmp_path, monkeypatch):
    import summarise.llm_assist.narrative
    import summarise.llm_assist.parties

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(summarise.llm_assist.parties.LLMPartyResolver, "__call__", broken)
    monkeypatch.setattr(summarise.llm_assist.narrative, "write_narrative", broken)
    s = scripted_server(completion(EXTRACTION))
    summary = run(folder, s.base_url, tmp_path).summary
    assert len(summary.claims) == 1 and summary.narrative == ""  # the renderers write the template
    assert summary.report.warnings == [
        "party resolution failed (ValueError: boom); used the offline resolver",
        "narrative failed (ValueError: boom); used the template paragraph",
    ]
