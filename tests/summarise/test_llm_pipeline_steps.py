"""The pipeline with the LLM extractor: one session per run; party resolution and the narrative
are LLM steps whose usage and warnings reach the run report; a run-fatal error stops the run,
anything else falls back; the summary reconcile returned is never changed; the four entry points
agree, and the sync ones work inside a running event loop.

One fictional article; every model answer comes from the scripted server (tests/llm_fake_server.py,
hand-written), in the order the pipeline asks: extraction, party resolution, narrative.
"""

from __future__ import annotations

import asyncio
import logging

import pytest

import extract.llm.session
import summarise.pipeline
from extract.ingest import ingest_folder
from extract.llm.client import AuthenticationFailed, LLMClient
from summarise.config import RunConfig
from summarise.pipeline import run_articles, run_articles_async, run_pipeline, run_pipeline_async
from summarise.reconcile.narrative import template_narrative
from tests.support.llm_fake_server import completion, error, scripted_config

pytest_plugins = ["tests.llm_server_fixture"]

TEXT = "Nine miners were killed when a tunnel collapsed on Monday, the mine operator said.\n"
EXTRACTION = {
    "figures": [{
        "sentence": 1,
        "count": "Nine",
        "outcome": "killed",
        "victims": "miners",

        "claimant": "the mine operator",
    }],
}
GROUPING = {"sides": [{"label": "the mine operator", "names": ["the mine operator"]}], "no_side": ["miners"]}
PARAGRAPH = "Nine miners were killed, according to the mine operator [c1]."


@pytest.fixture
def folder(tmp_path):
    event = tmp_path / "event"
    event.mkdir()
    (event / "000.txt").write_text(TEXT, encoding="utf-8")
    return event


def llm_run_config(base_url, tmp_path) -> RunConfig:
    return RunConfig(extractor="llm", llm=scripted_config(base_url, tmp_path, max_reasks=0), formats=["md"])


def run(folder, base_url, tmp_path):
    return run_pipeline(folder, llm_run_config(base_url, tmp_path))


def good_replies():
    return completion(EXTRACTION, 100, 30), completion(GROUPING, 50, 20), completion({"paragraph": PARAGRAPH}, 70, 15)


@pytest.fixture
def reconciled(monkeypatch):
    """Every summary ``reconcile`` returned to the pipeline, with a deep copy taken at once."""
    returned = []
    real = summarise.pipeline.reconcile

    def keep(*args, **kwargs):
        summary = real(*args, **kwargs)
        returned.append((summary, summary.model_copy(deep=True)))
        return summary

    monkeypatch.setattr(summarise.pipeline, "reconcile", keep)
    return returned


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


def test_failing_steps_fall_back_and_warn_without_costing_the_summary(scripted_server, folder, tmp_path, reconciled):
    s = scripted_server(completion(EXTRACTION), completion({"sides": [], "no_side": ["miners"]}), error(400, "bad request"))
    result = run(folder, s.base_url, tmp_path)
    summary = result.summary
    assert len(summary.claims) == 1 and summary.report.usage.calls == 3
    ((from_reconcile, _),) = reconciled
    assert summary.narrative == from_reconcile.narrative  # the fallback keeps what reconcile wrote
    assert template_narrative(summary) in result.rendered["md"]
    party_warning, narrative_warning = summary.report.warnings
    assert party_warning.startswith("party resolution: the model's grouping failed the checks")
    assert narrative_warning.startswith("narrative: the LLM call failed") and "HTTP 400" in narrative_warning


def test_the_summary_reconcile_returned_is_never_changed(scripted_server, folder, tmp_path, reconciled):
    s = scripted_server(*good_replies())
    summary = run(folder, s.base_url, tmp_path).summary
    ((returned, as_returned),) = reconciled
    assert returned == as_returned  # not one field of it was set afterwards
    assert summary is not returned and summary.report is not returned.report
    assert summary.narrative == PARAGRAPH != returned.narrative
    assert summary.report.usage.calls == 3 and returned.report.usage.calls == 1  # the article's call only
    assert summary.model_dump(exclude={"narrative", "report"}) == returned.model_dump(exclude={"narrative", "report"})


def test_a_run_fatal_error_in_a_step_stops_the_run_and_closes_the_session(scripted_server, folder, tmp_path,
                                                                           monkeypatch):
    closed = []
    real_close = LLMClient.aclose

    async def aclose(self):
        closed.append(self)
        await real_close(self)

    monkeypatch.setattr(LLMClient, "aclose", aclose)
    s = scripted_server(completion(EXTRACTION), error(401, "invalid key"))
    with pytest.raises(AuthenticationFailed):
        run(folder, s.base_url, tmp_path)
    assert len(s.requests) == 2 and len(closed) == 1  # the party step's 401, raised through reconcile's thread


def test_offline_runs_make_no_llm_step(folder):
    summary = run_pipeline(folder, RunConfig(extractor="offline", formats=[])).summary
    assert summary.narrative == template_narrative(summary)  # written by reconcile, no LLM step
    assert summary.report.usage.calls == 0 and summary.report.warnings == []


def test_a_bug_in_either_step_falls_back_once_with_a_warning_that_names_it(scripted_server, folder, tmp_path,
                                                                             monkeypatch, caplog, reconciled):
    import summarise.llm_assist.narrative
    import summarise.llm_assist.parties

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(summarise.llm_assist.parties, "check_grouping", broken)
    monkeypatch.setattr(summarise.llm_assist.narrative, "check_narrative", broken)
    s = scripted_server(*good_replies())
    with caplog.at_level(logging.ERROR, logger="summarise.llm"):
        summary = run(folder, s.base_url, tmp_path).summary
    assert len(s.requests) == 3 and len(summary.claims) == 1
    assert summary.narrative == reconciled[0][0].narrative
    assert summary.report.warnings == [
        "party resolution: failed unexpectedly (ValueError: boom); used the offline resolver",
        "narrative: failed unexpectedly (ValueError: boom); used the template paragraph",
    ]
    assert [r.exc_info[0] for r in caplog.records if r.name == "summarise.llm"] == [ValueError, ValueError]


def test_one_client_one_cache_one_event_loop_per_run(scripted_server, folder, tmp_path, monkeypatch):
    opened = {"clients": 0, "caches": 0}
    loops = set()
    real_build, real_cache, real_completion = extract.llm.session.build_client, extract.llm.session.AnswerCache, LLMClient.raw_completion

    def build(*args, **kwargs):
        opened["clients"] += 1
        return real_build(*args, **kwargs)

    def cache(*args, **kwargs):
        opened["caches"] += 1
        return real_cache(*args, **kwargs)

    async def raw_completion(self, *args, **kwargs):
        loops.add(id(asyncio.get_running_loop()))
        return await real_completion(self, *args, **kwargs)

    monkeypatch.setattr(extract.llm.session, "build_client", build)
    monkeypatch.setattr(extract.llm.session, "AnswerCache", cache)
    monkeypatch.setattr(LLMClient, "raw_completion", raw_completion)
    s = scripted_server(*good_replies())
    summary = run(folder, s.base_url, tmp_path).summary
    assert len(s.requests) == 3 and summary.narrative == PARAGRAPH
    assert opened == {"clients": 1, "caches": 1} and len(loops) == 1


def test_run_pipeline_works_inside_a_running_event_loop(scripted_server, folder, tmp_path):
    s = scripted_server(*good_replies())

    async def handler():  # a web service's request handler, say
        return run_pipeline(folder, llm_run_config(s.base_url, tmp_path))

    summary = asyncio.run(handler()).summary
    assert len(s.requests) == 3 and summary.narrative == PARAGRAPH and summary.report.warnings == []


def test_the_four_entry_points_agree(scripted_server, folder, tmp_path):
    s = scripted_server(*good_replies())
    config = llm_run_config(s.base_url, tmp_path)
    articles = ingest_folder(folder).articles
    first = run_pipeline(folder, config)  # fills the cache: the three others are answered from it
    others = [
        asyncio.run(run_pipeline_async(folder, config)),
        run_articles(articles, config),
        asyncio.run(run_articles_async(articles, config)),
    ]
    assert len(s.requests) == 3
    for result in others:
        assert result.summary.model_dump(exclude={"report"}) == first.summary.model_dump(exclude={"report"})
        assert result.summary.narrative == PARAGRAPH and set(result.rendered) == {"md"}
        assert (result.summary.report.usage.calls, result.summary.report.usage.cache_hits) == (0, 3)
