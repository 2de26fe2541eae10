"""extract.llm.client: endpoint kind and mode, transport retries, error mapping, output cleaning.

Failure paths run against a scripted local server (tests/llm_fake_server.py, hand-written) or a
closed loopback port; the recorded behaviour of a real server is in test_llm_replay.py.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from typing import ClassVar

import pytest
from instructor import Mode
from pydantic import BaseModel

from extract.llm.client import (
    AuthenticationFailed,
    EndpointUnreachable,
    LLMCallFailed,
    ModelNotFound,
    backoff_seconds,
    build_client,
    choose_mode,
    clean_json_text,
    endpoint_kind,
    one_line,
    public_url,
)
from schemas import Usage
from summarise.config import LLMConfig
from tests.support.llm_fake_server import RecordedSleep, closed_port_url, completion, error
from tests.support.paths import PROJECT_ROOT

pytest_plugins = ["tests.llm_server_fixture"]



class Answer(BaseModel):
    word: str


def ask(config: LLMConfig, sleep=None, max_reasks: int = 1):
    """Run one structured call; return (answer or exception, the usage it counted)."""
    stats = Usage()

    async def go():
        client = build_client(config, sleep=sleep or RecordedSleep())
        try:
            return await client.structured(Answer, [{"role": "user", "content": "say hi"}], {}, stats, max_reasks)
        finally:
            await client.aclose()

    try:
        return asyncio.run(go()), stats
    except Exception as exc:
        return exc, stats


def local(base_url: str, **kw) -> LLMConfig:
    return LLMConfig(model="test-model", base_url=base_url, **kw)


# -- endpoint kind and mode -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "kind"),
    [
        (None, "openai"),
        ("https://api.openai.com/v1", "openai"),
        ("https://newsroom.openai.azure.com/openai/v1", "azure"),
        ("http://127.0.0.1:8080/v1", "local"),
        ("http://localhost:11434/v1", "local"),
        ("https://llm.example.org/v1", "unknown"),
    ],
)
def test_endpoint_kind(base_url, kind):
    assert endpoint_kind(base_url) == kind


def test_mode_is_tools_for_openai_and_json_elsewhere_unless_overridden():
    assert choose_mode(LLMConfig(model="m", api_key="k")) is Mode.TOOLS
    assert choose_mode(LLMConfig(base_url="https://x.openai.azure.com/v1")) is Mode.TOOLS
    assert choose_mode(LLMConfig(base_url="http://127.0.0.1:8080/v1")) is Mode.JSON
    assert choose_mode(LLMConfig(base_url="https://llm.example.org/v1")) is Mode.JSON
    assert choose_mode(LLMConfig(base_url="http://127.0.0.1:8080/v1", mode="tools")) is Mode.TOOLS
    assert choose_mode(LLMConfig(model="m", mode="md_json")) is Mode.MD_JSON


def test_public_url_drops_credentials_and_query():
    assert public_url("https://user:s3cret@llm.example.org:8443/v1/?api-key=s3cret") == "https://llm.example.org:8443/v1"


def test_the_client_repr_shows_no_credentials():
    client = build_client(local("http://user:s3cret@127.0.0.1:9/v1", api_key="sk-test-SECRET"))
    assert "127.0.0.1:9" in repr(client)
    assert "s3cret" not in repr(client) and "SECRET" not in repr(client)


def test_openai_without_key_or_model_fails_before_any_call():
    with pytest.raises(AuthenticationFailed, match="OPENAI_API_KEY"):
        build_client(LLMConfig(model="gpt-4o-mini"))
    with pytest.raises(ModelNotFound, match="no model"):
        build_client(LLMConfig(api_key="sk-test"))


def test_openai_client_never_retries_by_itself():
    client = build_client(local("http://127.0.0.1:9/v1"))
    assert client.openai_client.max_retries == 0


# -- cleaning model output ----------------------------------------------------------------------


def test_raw_control_characters_are_removed_from_json_strings():
    raw = '{"quote": "four\x01 workers\nkilled\x7f", "n": 1}'
    assert clean_json_text(raw) == '{"quote": "four workers killed", "n": 1}'


def test_error_text_becomes_one_short_line_without_control_characters():
    assert one_line("server \x1b[31mbusy\x1b[0m\n\tsecond  line") == "server [31mbusy[0m second line"
    assert one_line("x" * 300, limit=10) == "x" * 9 + "…"


def test_control_characters_in_a_real_answer_do_not_fail_validation(scripted_server):
    s = scripted_server(completion('{"word": "hel\x02lo"}'))
    answer, stats = ask(local(s.base_url))
    assert answer.word == "hello"
    assert stats.calls == 1


# -- JSON mode sends the schema where llama.cpp reads it ----------------------------------------


def test_json_mode_sends_json_object_with_schema(scripted_server):
    s = scripted_server(completion({"word": "hi"}))
    ask(local(s.base_url))
    assert s.requests[0]["response_format"] == {"type": "json_object", "schema": Answer.model_json_schema()}
    assert "authorization" in s.headers_seen[0]  # sent to the server, but see test_llm_replay for cassettes


class ShownByExample(BaseModel):
    schema_in_prompt: ClassVar[bool] = False
    word: str


@pytest.mark.parametrize("model, schema_text_sent", [(Answer, True), (ShownByExample, False)])
def test_the_schema_goes_as_text_only_for_answers_the_prompt_does_not_show(scripted_server, model, schema_text_sent):
    s = scripted_server(completion({"word": "hi"}))
    system = {"role": "system", "content": "Answer with one word."}

    async def go():
        client = build_client(local(s.base_url), sleep=RecordedSleep())
        try:
            return await client.structured(model, [system, {"role": "user", "content": "say hi"}], {}, Usage(), 0)
        finally:
            await client.aclose()

    assert asyncio.run(go()).word == "hi"
    sent = s.requests[0]
    assert sent["response_format"]["schema"] == model.model_json_schema()  # the grammar has it either way
    assert (sent["messages"][0]["content"] != system["content"]) is schema_text_sent
    assert ('"word"' in sent["messages"][0]["content"]) is schema_text_sent


def test_a_request_is_the_chat_completion_create_would_send_without_loading_every_resource(scripted_server):
    # the client posts /chat/completions itself: reaching ``.chat`` imports openai.resources (every
    # resource of the API), most of a second of a cold run's first request
    s = scripted_server(completion({"word": "hi"}))
    config = LLMConfig(model="m", base_url=s.base_url, api_key="sk-test-bearer", max_retries=0)
    ask(config)
    assert s.headers_seen[0]["authorization"] == "Bearer sk-test-bearer"
    assert s.headers_seen[0]["content-type"] == "application/json"
    body = s.requests[0]
    assert body["model"] == "m" and body["messages"][-1]["role"] == "user" and "stream" not in body

    # in a fresh interpreter (this one may have loaded anything): one request, no openai.resources
    script = (
        "import asyncio, sys\n"
        "from tests.extract.test_llm_client import Answer\n"
        "from extract.llm.client import build_client\n"
        "from schemas import Usage\n"
        "from summarise.config import LLMConfig\n"
        "async def go():\n"
        f"    client = build_client(LLMConfig(model='m', base_url={s.base_url!r}, max_retries=0))\n"
        "    try:\n"
        "        await client.structured(Answer, [{'role': 'user', 'content': 'say hi'}], {}, Usage(), 0)\n"
        "    finally:\n"
        "        await client.aclose()\n"
        "asyncio.run(go())\n"
        "print(sorted(m for m in sys.modules if m.startswith('openai.resources')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "[]" and len(s.requests) == 2


def test_tools_mode_forces_the_tool(scripted_server):
    s = scripted_server(completion({"word": "hi"}))
    ask(local(s.base_url, mode="tools"))
    assert s.requests[0]["tool_choice"]["function"]["name"] == "Answer"


# -- transport retries --------------------------------------------------------------------------


def test_429_is_retried_after_the_retry_after_the_server_asked_for(scripted_server):
    s = scripted_server(error(429, "slow down", {"retry-after": "7"}), completion({"word": "hi"}))
    sleep = RecordedSleep()
    answer, stats = ask(local(s.base_url), sleep=sleep)
    assert answer.word == "hi"
    assert sleep.waits == [7.0]
    assert (stats.calls, stats.retries) == (2, 1)
    assert s.requests[0] == s.requests[1]  # the error never entered the prompt


def test_5xx_retries_are_bounded_and_end_in_a_one_line_error(scripted_server):
    s = scripted_server(error(503, "busy\nsecond line"))
    sleep = RecordedSleep()
    result, stats = ask(local(s.base_url, max_retries=2), sleep=sleep)
    assert isinstance(result, LLMCallFailed)
    assert "HTTP 503" in str(result) and "\n" not in str(result)
    assert stats.calls == 3 and len(sleep.waits) == 2
    assert sleep.waits == [backoff_seconds(Exception(), 1), backoff_seconds(Exception(), 2)] == [0.5, 1.0]


def test_retry_after_as_http_date_and_cap():
    class Response:
        headers = {"retry-after": "Wed, 21 Oct 2099 07:28:00 GMT"}

    class Err(Exception):
        response = Response()

    assert backoff_seconds(Err(), 1) == 60.0  # capped


# -- errors that stop the run -------------------------------------------------------------------


def test_unreachable_endpoint_names_the_url_quickly():
    url = closed_port_url()
    started = time.monotonic()
    result, stats = ask(local(url, max_retries=1))
    assert isinstance(result, EndpointUnreachable)
    assert url in str(result)
    assert time.monotonic() - started < 5
    assert stats.retries == 1


def test_401_is_authentication_failed_without_the_key(scripted_server):
    s = scripted_server(error(401, "Incorrect API key provided: sk-test-SECRET"))
    result, stats = ask(local(s.base_url, api_key="sk-test-SECRET"))
    assert isinstance(result, AuthenticationFailed)
    assert "SECRET" not in str(result) and s.base_url in str(result)
    assert stats.calls == 1  # not retried


def test_a_key_the_server_echoes_never_reaches_the_message(scripted_server):
    s = scripted_server(error(400, "bad request from key sk-test-SECRET"))
    result, _ = ask(local(s.base_url, api_key="sk-test-SECRET"))
    assert isinstance(result, LLMCallFailed) and "HTTP 400" in str(result)
    assert "SECRET" not in str(result) and "***" in str(result)


def test_404_is_model_not_found(scripted_server):
    s = scripted_server(error(404, "model 'nope' not found"))
    result, _ = ask(local(s.base_url))
    assert isinstance(result, ModelNotFound) and "test-model" in str(result)


# -- re-asks are separate from retries ----------------------------------------------------------


def test_invalid_answer_is_reasked_with_the_validation_error_then_gives_up(scripted_server):
    s = scripted_server(completion({"wrong": 1}), completion({"still": "wrong"}))
    result, stats = ask(local(s.base_url), max_reasks=1)
    assert isinstance(result, LLMCallFailed) and "did not validate after 2" in str(result)
    assert (stats.calls, stats.retries) == (2, 0)
    assert len(s.requests[1]["messages"]) > len(s.requests[0]["messages"])
    assert "word" in s.requests[1]["messages"][-1]["content"]  # the reason, not an API error


def test_usage_counts_every_attempt(scripted_server):
    s = scripted_server(completion({"wrong": 1}, 100, 10), completion({"word": "ok"}, 120, 5))
    answer, stats = ask(local(s.base_url), max_reasks=1)
    assert answer.word == "ok"
    assert (stats.calls, stats.prompt_tokens, stats.completion_tokens) == (2, 220, 15)
