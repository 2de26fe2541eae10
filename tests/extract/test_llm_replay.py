"""Replay real llama.cpp + Qwen2.5-Coder-1.5B answers recorded by scripts/record_cassettes.py.

These assert the wiring on a real model's answers (requests match, every recorded interaction is
played exactly once, kept claims cite their sentence, retries are counted, what passed is cached);
the quality of the LLM path is printed by benchmarks/llm_eval.py, and the CLI's re-asks are
replayed in tests/summarise/test_llm_cli_replay.py. A request that differs from the recording
fails the test.
"""

from __future__ import annotations

import json
import re

import pytest

from extract.llm.client import PLACEHOLDER_KEY
from extract.llm.extractor import LLMExtractor
from schemas import Article
from summarise.config import LLMConfig
from tests.support.llm_fake_server import RecordedSleep, closed_port_url, completion
from tests.support.llm_vcr import (
    CASSETTE_DIR,
    LLM_DATA_DIR,
    RECORDED_BASE_URL,
    RECORDED_MODEL,
    make_vcr,
    tracked_cassettes,
    unplayed,
)

pytest_plugins = ["tests.llm_server_fixture"]


def fictional_article(name: str) -> Article:
    path = LLM_DATA_DIR / name
    return Article(id=path.name, text=path.read_text(encoding="utf-8"))


def config(tmp_path, base_url: str = RECORDED_BASE_URL, **overrides) -> LLMConfig:
    return LLMConfig(model=RECORDED_MODEL, base_url=base_url, cache_dir=tmp_path / "cache", **overrides)


def replay(cassette_name: str, articles, llm_config: LLMConfig, sleep=None):
    """Run the extractor against a cassette; every interaction may be played once, and must be
    played (tests/conftest.py checks that for every test)."""
    with make_vcr("none").use_cassette(cassette_name, allow_playback_repeats=False):
        return LLMExtractor(llm_config, sleep=sleep or RecordedSleep()).extract(articles)


def assert_grounded(result, article: Article) -> None:
    for item in [*result.claims, *result.attributions, *result.events]:
        assert item.evidence.holds_in(article.text) and article.in_scope(item.evidence.start, item.evidence.end)


def test_a_small_article_is_one_request_whose_claims_cite_their_sentences(tmp_path):
    article = fictional_article("rockfall.txt")
    (result,) = replay("llm_small_article.json", [article], config(tmp_path, max_reasks=1))
    assert result.error is None and result.extractor == f"llm:{RECORDED_MODEL}"
    assert (result.usage.calls, result.usage.reasks) == (1, 0) and result.usage.prompt_tokens > 0
    assert result.claims, "the recorded answer read the article's figures"
    assert_grounded(result, article)
    for claim in result.claims:
        assert claim.count.text in claim.evidence.quote  # the count's words are the sentence's own


def test_transport_error_is_retried_after_retry_after(tmp_path):
    sleep = RecordedSleep()
    (result,) = replay("llm_retry.json", [fictional_article("quarry-blast.txt")], config(tmp_path, max_reasks=0), sleep=sleep)
    assert result.error is None
    assert sleep.waits == [1.0]  # the recorded 503 carried Retry-After: 1
    assert (result.usage.retries, result.usage.calls, result.usage.reasks) == (1, 2, 0)


def test_a_rerun_is_served_from_the_cache_without_any_request(tmp_path):
    # The recorded answer passed its checks, so it was cached: the re-run, pointed at a port where
    # nothing listens, makes no request and comes to the same result.
    article = fictional_article("rockfall.txt")
    (first,) = replay("llm_small_article.json", [article], config(tmp_path, max_reasks=1))
    (second,) = LLMExtractor(config(tmp_path, base_url=closed_port_url(), max_reasks=1)).extract([article])
    assert (second.usage.calls, second.usage.cache_hits) == (0, 1)
    assert second.model_dump(exclude={"usage"}) == first.model_dump(exclude={"usage"})


def test_a_cassette_not_played_in_full_is_named(tmp_path):
    # the suite-wide check (tests/conftest.py) in small: an inner tracker keeps these from the test's own
    with tracked_cassettes() as used:
        with make_vcr("none").use_cassette("llm_retry.json", allow_playback_repeats=False):
            pass  # no request: neither recorded interaction is played
        with make_vcr("none").use_cassette(str(tmp_path / "empty.json")):
            pass  # nothing recorded, nothing to play
        with make_vcr("all").use_cassette(str(tmp_path / "new.json")):
            pass  # recording afresh: not a replay
    assert len(used) == 3
    (line,) = unplayed(used)
    assert line.endswith("llm_retry.json: 0 of 2 recorded interactions played")


def test_a_cassette_played_in_full_passes(tmp_path):
    with tracked_cassettes() as used:
        replay("llm_retry.json", [fictional_article("quarry-blast.txt")], config(tmp_path, max_reasks=0))
    assert len(used) == 1 and unplayed(used) == []


@pytest.mark.parametrize("path", sorted(CASSETTE_DIR.glob("llm_*.json")), ids=lambda p: p.name)
def test_cassettes_hold_no_secrets_and_are_readable(path):
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    for interaction in data["interactions"]:
        for part in ("request", "response"):
            names = {n.lower() for n in interaction[part]["headers"]}
            assert not names & {"authorization", "api-key", "openai-organization", "openai-project", "set-cookie", "cookie"}
        assert isinstance(interaction["response"]["body"]["string"], str)  # decoded, not base64/gzip
    assert "Bearer" not in text and PLACEHOLDER_KEY not in text  # the key the recordings sent
    assert not re.search(r"sk-[A-Za-z0-9_-]{16,}", text)


def test_a_recording_keeps_no_key_from_the_headers(scripted_server, tmp_path):
    # (a key in the base URL's query string is refused by LLMConfig before any request)
    s = scripted_server(completion({"figures": []}))
    llm = config(tmp_path, base_url=s.base_url, api_key="sk-HEADER-SECRET")
    path = tmp_path / "recorded.json"
    with make_vcr("all").use_cassette(str(path)):
        (result,) = LLMExtractor(llm).extract([fictional_article("rockfall.txt")])
    assert result.error is None and len(s.requests) == 1
    text = path.read_text(encoding="utf-8")
    assert "chat.completion" in text  # the interaction was recorded
    assert "SECRET" not in text
