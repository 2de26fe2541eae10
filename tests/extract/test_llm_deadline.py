"""The run's deadline (``LLMConfig.deadline``, ``--deadline``): past it no request is sent, a
request in flight is cut at it, and every article not done is that article's error; nothing
finished is lost.

Slow answers come from the scripted loopback server (tests/support/llm_fake_server.py): a reply
delayed far beyond the deadline stands for a model that hangs, so each test is bounded by its
deadline, not by the server. No assert is on time: the counts of requests the server received
and the articles' results say what happened.
"""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from extract.llm.extractor import LLMExtractor
from schemas import Article
from summarise.config import LLMConfig
from tests.support.llm_fake_server import RecordedSleep, Reply, completion, error, scripted_config

pytest_plugins = ["tests.llm_server_fixture"]

TEXT = "Three fishermen were missing after the storm on Monday, the harbour master said."
GOOD = {"figures": [{"sentence": 1, "count": "Three", "outcome": "missing", "victims": "fishermen",
                     "claimant": "the harbour master"}]}
HANG = 120.0  # seconds a "hanging" reply waits: far past any deadline here (cut when the server stops)


def hanging() -> Reply:
    return Reply(body=completion(GOOD).body, delay_seconds=HANG)


def articles(n: int) -> list[Article]:
    return [Article(id=f"a{i}.txt", text=TEXT) for i in range(n)]


def run(config: LLMConfig, docs: list[Article], sleep=None):
    return LLMExtractor(config, sleep=sleep or RecordedSleep()).extract(docs)


@pytest.fixture(autouse=True, scope="module")
def client_loaded(tmp_path_factory):
    """One undeadlined run first, so that loading openai and instructor (seconds on a busy
    machine, on the first request of a process) is not what spends the deadlines below."""
    from tests.support.llm_fake_server import ScriptedServer

    server = ScriptedServer([completion(GOOD)])
    try:
        run(scripted_config(server.base_url, tmp_path_factory.mktemp("warm")), articles(1))
    finally:
        server.stop()


def deadline_error(seconds: float) -> str:
    return f"run deadline of {seconds:g} s reached"


def test_a_hanging_endpoint_is_cut_at_the_deadline_and_no_new_request_follows(scripted_server, tmp_path):
    s = scripted_server(hanging())
    results = run(scripted_config(s.base_url, tmp_path, concurrency=2, timeout=HANG * 2, deadline=1), articles(5))
    assert [r.article for r in results] == [f"a{i}.txt" for i in range(5)]  # nothing lost
    assert all(r.error == f"{r.article}: {deadline_error(1)}" for r in results)
    assert len(s.requests) == 2  # the two in flight when the deadline fell; none after it


def test_what_finished_before_the_deadline_is_kept(scripted_server, tmp_path):
    s = scripted_server(completion(GOOD), completion(GOOD), hanging())
    results = run(scripted_config(s.base_url, tmp_path, concurrency=1, timeout=HANG * 2, deadline=2), articles(5))
    assert [len(r.claims) for r in results[:2]] == [1, 1] and results[0].error is None is results[1].error
    assert [r.error for r in results[2:]] == [f"a{i}.txt: {deadline_error(2)}" for i in range(2, 5)]
    assert len(s.requests) == 3  # a2 was cut in flight; a3 and a4 were never sent


def test_past_the_deadline_the_cache_still_answers_and_nothing_is_sent(scripted_server, tmp_path):
    first = scripted_server(completion(GOOD))
    (cached,) = run(scripted_config(first.base_url, tmp_path), articles(1))
    assert cached.error is None
    later = scripted_server(completion(GOOD))
    # a deadline that has fallen by the time the first article asks
    results = run(scripted_config(later.base_url, tmp_path, deadline=1e-9), articles(3))
    assert results[0].error is None and results[0].claims == cached.claims and results[0].usage.cache_hits == 1
    assert [r.error for r in results[1:]] == [f"a{i}.txt: {deadline_error(1e-9)}" for i in (1, 2)]
    assert later.requests == []


def test_a_retry_never_waits_past_the_deadline(scripted_server, tmp_path):
    s = scripted_server(error(503, "busy", {"retry-after": "3600"}), completion(GOOD))
    sleep = RecordedSleep()
    (result,) = run(scripted_config(s.base_url, tmp_path, max_retries=2, deadline=30), articles(1), sleep)
    assert result.error is None and len(sleep.waits) == 1 and 0 <= sleep.waits[0] <= 30


@pytest.mark.parametrize("value", [0, -1, math.nan, math.inf])
def test_a_deadline_must_be_a_positive_finite_number(value):
    with pytest.raises(ValidationError):
        LLMConfig(deadline=value)
