"""Replay real llama.cpp + SmolLM2-135M answers recorded by scripts/record_cassettes.py.

A 135M model answers poorly, so these tests assert the wiring (requests match, every recorded
interaction is played exactly once, kept items are grounded, re-asks/drops/retries are counted),
not the quality of its extraction. A request that differs from the recording fails the test.
"""

from __future__ import annotations

import json
import re

import pytest

from extract.llm.client import PLACEHOLDER_KEY
from extract.llm.extractor import LLMExtractor
from schemas import Article
from summarise.config import LLMConfig
from tests.support.llm_fake_server import RecordedSleep, completion
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


def border_clash_articles() -> list[Article]:
    data = json.loads((LLM_DATA_DIR / "border_clash_articles.json").read_text(encoding="utf-8"))
    return [Article.model_validate(item) for item in data]


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


def test_border_clash_examples_replay(tmp_path):
    articles = border_clash_articles()
    results = replay("llm_border_clash.json", articles, config(tmp_path, concurrency=2))
    assert [r.article for r in results] == [a.id for a in articles]
    for result, article in zip(results, articles, strict=False):
        assert result.error is None and result.extractor == f"llm:{RECORDED_MODEL}"
        assert result.usage.calls >= 1 and result.usage.prompt_tokens > 0
        assert_grounded(result, article)


def test_bad_answer_is_reasked_then_dropped(tmp_path):
    article = fictional_article("rockfall.txt")
    (result,) = replay("llm_reask_dropped.json", [article], config(tmp_path, max_reasks=1))
    assert result.usage.reasks == 1 and result.usage.calls == 2
    assert result.dropped, "the recorded model answer had an ungrounded item"
    assert_grounded(result, article)


def test_transport_error_is_retried_after_retry_after(tmp_path):
    sleep = RecordedSleep()
    (result,) = replay("llm_retry.json", [fictional_article("quarry-blast.txt")], config(tmp_path, max_reasks=0), sleep=sleep)
    assert result.error is None
    assert sleep.waits == [1.0]  # the recorded 503 carried Retry-After: 1
    assert (result.usage.retries, result.usage.calls, result.usage.reasks) == (1, 2, 0)


def test_a_rerun_asks_again_what_failed_its_checks(tmp_path):
    # Both recorded answers failed grounding (the item was dropped), so neither is cached: the
    # re-run sends the same two requests again (the cassette plays in full a second time) and
    # comes to the same result. A cached re-run without any HTTP call is shown with answers that
    # pass, from the scripted server (tests/extract/test_llm_cache.py).
    article = fictional_article("rockfall.txt")
    (first,) = replay("llm_reask_dropped.json", [article], config(tmp_path, max_reasks=1))
    assert first.dropped and first.usage.cache_hits == 0
    (second,) = replay("llm_reask_dropped.json", [article], config(tmp_path, max_reasks=1))
    assert (second.usage.calls, second.usage.cache_hits, second.usage.reasks) == (2, 0, 1)
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
    s = scripted_server(completion({"claims": [], "attributions": [], "events": []}))
    llm = config(tmp_path, base_url=s.base_url, api_key="sk-HEADER-SECRET")
    path = tmp_path / "recorded.json"
    with make_vcr("all").use_cassette(str(path)):
        (result,) = LLMExtractor(llm).extract([fictional_article("rockfall.txt")])
    assert result.error is None and len(s.requests) == 1
    text = path.read_text(encoding="utf-8")
    assert "chat.completion" in text  # the interaction was recorded
    assert "SECRET" not in text
