"""extract.llm.cache: deterministic keys without secrets, clear_cache, and what gets stored."""

from __future__ import annotations

import os

import pytest

from extract.llm.cache import AnswerCache, cache_key, clear_cache
from extract.llm.extractor import LLMExtractor
from schemas import Article
from summarise.config import LLMConfig
from tests.support.llm_fake_server import completion, error

pytest_plugins = ["tests.llm_server_fixture"]

BASE = dict(
    model="m",
    endpoint_kind="local",
    messages=[{"role": "user", "content": "hello"}],
    schema={"type": "object"},
    parameters={"temperature": 0.0, "max_tokens": 10},
    prompt_version="1",
)

ARTICLE = Article(id="a.txt", text="Three fishermen were missing after the storm, the harbour master said on Monday.")
# The article is one candidate sentence ([1]); "Five" is a count that sentence does not hold.
GROUNDED = {"figures": [{"sentence": 1, "count": "Three", "outcome": "missing", "victims": "fishermen",
                         "claimant": "the harbour master"}]}
UNGROUNDED = {"figures": [{**GROUNDED["figures"][0], "count": "Five"}]}


def test_key_is_deterministic_and_ignores_dict_order():
    reordered = {**BASE, "parameters": {"max_tokens": 10, "temperature": 0.0}}
    assert cache_key(**BASE) == cache_key(**reordered)
    assert len(cache_key(**BASE)) == 64


def test_key_changes_with_everything_that_decides_the_answer():
    changed = [
        {"model": "other"},
        {"endpoint_kind": "openai"},
        {"messages": [{"role": "user", "content": "hello!"}]},
        {"schema": {"type": "array"}},
        {"parameters": {"temperature": 0.5, "max_tokens": 10}},
        {"prompt_version": "2"},
    ]
    keys = {cache_key(**{**BASE, **change}) for change in changed}
    assert len(keys) == len(changed) and cache_key(**BASE) not in keys


def test_clear_cache_empties_the_folder_and_tolerates_a_missing_one(tmp_path):
    with AnswerCache(tmp_path / "c") as cache:
        cache.put("k1", {"claims": []})
        cache.put("k2", {"claims": []})
    assert clear_cache(tmp_path / "c") == 2
    with AnswerCache(tmp_path / "c") as cache:
        assert cache.get("k1") is None
    assert clear_cache(tmp_path / "nothing-here") == 0


def _extract(base_url: str, cache_dir, **overrides):
    config = LLMConfig(model="test-model", base_url=base_url, api_key="sk-test-NEVER-STORED", cache_dir=cache_dir, **overrides)
    return LLMExtractor(config).extract([ARTICLE])[0]


def _files_contain(folder, needle: bytes) -> bool:
    for root, _, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                if needle in handle.read():
                    return True
    return False


def test_answers_are_cached_without_the_key_and_a_rerun_makes_no_call(scripted_server, tmp_path):
    server = scripted_server(completion(GROUNDED))
    first = _extract(server.base_url, tmp_path / "cache")
    second = _extract(server.base_url, tmp_path / "cache")
    assert len(server.requests) == 1
    assert (first.usage.calls, first.usage.cache_hits) == (1, 0)
    assert (second.usage.calls, second.usage.cache_hits) == (0, 1)
    assert second.claims == first.claims and len(first.claims) == 1
    assert not _files_contain(tmp_path / "cache", b"NEVER-STORED")


@pytest.mark.parametrize(
    ("reply", "overrides", "reason"),
    [
        (error(500, "boom"), {"max_retries": 0}, "HTTP 500"),
        (completion({"figures": "not a list"}), {"max_reasks": 0}, "did not validate"),
    ],
    ids=["failed call", "invalid answer"],
)
def test_nothing_is_stored_without_a_valid_answer(scripted_server, tmp_path, reply, overrides, reason):
    server = scripted_server(reply)
    result = _extract(server.base_url, tmp_path / "cache", **overrides)
    assert result.error and reason in result.error
    with AnswerCache(tmp_path / "cache") as cache:
        assert len(cache) == 0




def test_an_answer_that_failed_its_checks_is_never_stored(scripted_server, tmp_path):
    server = scripted_server(completion(UNGROUNDED))  # the re-ask gets the same failing answer
    first = _extract(server.base_url, tmp_path / "cache", max_reasks=1)
    assert first.claims == [] and first.dropped and len(server.requests) == 2
    with AnswerCache(tmp_path / "cache") as cache:
        assert len(cache) == 0
    second = _extract(server.base_url, tmp_path / "cache", max_reasks=1)
    assert len(server.requests) == 4 and second.usage.cache_hits == 0  # asked again, both requests


def test_only_the_reask_answer_that_passed_is_stored(scripted_server, tmp_path):
    # a count not in its sentence, then a re-ask that corrects it: the re-ask answer alone is stored, under its own
    # request (the conversation with the rejected answer); the re-run asks the first request
    # again, gets the same failing answer, and its re-ask is answered from the cache
    server = scripted_server(completion(UNGROUNDED), completion(GROUNDED), completion(UNGROUNDED))
    first = _extract(server.base_url, tmp_path / "cache", max_reasks=1)
    assert len(first.claims) == 1 and (first.usage.calls, first.usage.reasks) == (2, 1)
    with AnswerCache(tmp_path / "cache") as cache:
        assert len(cache) == 1
    second = _extract(server.base_url, tmp_path / "cache", max_reasks=1)
    assert len(server.requests) == 3
    assert (second.usage.calls, second.usage.cache_hits, second.usage.reasks) == (1, 1, 0)
    assert second.claims == first.claims


def test_use_cache_false_neither_reads_nor_writes(scripted_server, tmp_path):
    server = scripted_server(completion({"figures": []}))
    _extract(server.base_url, tmp_path / "cache", use_cache=False)
    _extract(server.base_url, tmp_path / "cache", use_cache=False)
    assert len(server.requests) == 2
    assert not (tmp_path / "cache").exists()


def test_an_answer_schema_is_built_once_and_handed_out_as_a_copy(monkeypatch):
    from pydantic import BaseModel

    from extract.llm.ask import CompactModel

    class Answer(CompactModel):
        claims: list[str]

    built = []
    real = BaseModel.model_json_schema.__func__
    monkeypatch.setattr(BaseModel, "model_json_schema", classmethod(lambda cls, *a, **k: built.append(cls) or real(cls, *a, **k)))
    first = Answer.model_json_schema()
    first["properties"]["claims"]["edited"] = True  # a caller editing its copy
    second = Answer.model_json_schema()
    assert len(built) == 1
    assert "edited" not in second["properties"]["claims"] and "title" not in second["properties"]["claims"]
    assert second["title"] == "Answer"
