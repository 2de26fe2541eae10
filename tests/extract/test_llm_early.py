"""A run's first requests leave before openai and instructor are loaded (``extract.llm.http``).

Each request whose body code knows without instructor (``early_body``: the extractor's, in JSON
mode) is sent at once through the run's httpx client; instructor's request with the same body is
then answered by that response. What these tests hold: the body is the one instructor sends, every
request reaches the server once, a failed early request is retried as any other, nothing on the way
to the first request imports openai or instructor, and the TLS context and connection limits are
the ones httpx and openai would have used.
"""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from extract.errors import LLMCallFailed
from extract.llm.ask import load_prompt
from extract.llm.client import MODE_VALUES, Endpoint, RequestTarget, default_ssl_context, early_body, request_target
from extract.llm.extractor import PROMPT_FILE, LLMExtractor
from extract.llm.figures import FiguresAnswer, build_messages
from extract.llm.http import CONNECTION_LIMITS, body_key, http_client_for
from extract.text.candidates import candidate_sentences
from extract.text.sentences import article_sentences
from schemas import Article, Usage
from tests.support.llm_fake_server import RecordedSleep, completion, error, scripted_config
from tests.support.paths import PROJECT_ROOT

pytest_plugins = ["tests.llm_server_fixture"]

TEXT = "Four dockers were hurt when a gantry fell at the Orlen quay on Monday, the port authority said."
GOOD = {"figures": [{"sentence": 1, "count": "Four", "outcome": "wounded", "victims": "dockers",
                     "claimant": "the port authority"}]}
PARAMETERS = {"temperature": 0.0, "max_tokens": 300}


def articles(n: int) -> list[Article]:
    return [Article(id=f"d{i}.txt", text=TEXT) for i in range(n)]


def extraction_messages(article: Article) -> list[dict[str, str]]:
    return build_messages(load_prompt(PROMPT_FILE), article, candidate_sentences(article_sentences(article)))


def sent_early(server) -> list[bool]:
    """Per request the server received: True when it came before the openai client (which names
    itself in ``x-stainless-*`` headers) existed."""
    return ["x-stainless-lang" not in headers for headers in server.headers_seen]


class Word(BaseModel):  # an answer model whose prompt does not show its shape: instructor adds its schema text
    word: str


def target(mode: str = "json", kind: str = "local", base_url: str = "http://127.0.0.1:9/v1") -> RequestTarget:
    config = scripted_config(base_url, Path("unused"))
    return RequestTarget(config=config, endpoint=Endpoint(kind, base_url, base_url), model="m", mode=MODE_VALUES[mode])


def test_the_early_body_is_the_body_instructor_sends(tmp_path, monkeypatch):
    from extract.llm.client import LLMClient, build_client

    config = scripted_config("http://127.0.0.1:9/v1", tmp_path)
    sent: list[dict] = []

    async def capture(self, usage, **kwargs):
        sent.append(kwargs)
        raise LLMCallFailed("captured")

    monkeypatch.setattr(LLMClient, "raw_completion", capture)
    messages = extraction_messages(articles(1)[0])

    async def ask():
        client = build_client(config)
        try:
            with pytest.raises(LLMCallFailed):
                await client.structured(FiguresAnswer, messages, PARAMETERS, Usage(), 0)
        finally:
            await client.aclose()

    asyncio.run(ask())
    early = early_body(request_target(config), FiguresAnswer, messages, PARAMETERS)
    assert early is not None and body_key(early) == body_key(sent[0])


@pytest.mark.parametrize("case", ["tools mode", "schema as text", "azure", "two user turns"])
def test_a_request_code_cannot_know_for_sure_is_not_sent_early(case):
    messages = extraction_messages(articles(1)[0])
    model: type[BaseModel] = FiguresAnswer
    where = target()
    if case == "tools mode":
        where = target(mode="tools")
    elif case == "schema as text":
        model = Word
    elif case == "azure":
        where = target(kind="azure", base_url="https://x.openai.azure.com/v1")
    else:
        messages = [*messages, {"role": "user", "content": "and again"}]
    assert early_body(target(), FiguresAnswer, extraction_messages(articles(1)[0]), PARAMETERS) is not None
    assert early_body(where, model, messages, PARAMETERS) is None


@pytest.mark.parametrize("concurrency, early", [(3, [True, True, True]), (1, [True, False, False])])
def test_the_first_requests_go_early_and_each_request_reaches_the_server_once(scripted_server, tmp_path, caplog,
                                                                              concurrency, early):
    s = scripted_server(completion(GOOD))
    with caplog.at_level(logging.WARNING, logger="summarise.llm"):
        results = LLMExtractor(scripted_config(s.base_url, tmp_path, concurrency=concurrency)).extract(articles(3))
    assert [len(r.claims) for r in results] == [1, 1, 1] and not any(r.error for r in results)
    assert [r.usage.calls for r in results] == [1, 1, 1]
    assert sent_early(s) == early  # one request per article: none was sent twice
    assert not caplog.records


def test_an_early_request_that_fails_is_retried_as_any_other(scripted_server, tmp_path):
    s = scripted_server(error(503, "busy"), completion(GOOD))
    extractor = LLMExtractor(scripted_config(s.base_url, tmp_path, max_retries=1), sleep=RecordedSleep())
    [result] = extractor.extract(articles(1))
    assert len(result.claims) == 1 and not result.error
    assert sent_early(s) == [True, False]
    assert (result.usage.calls, result.usage.retries) == (2, 1)


def test_an_early_request_no_one_asks_for_is_reported_when_the_client_closes(scripted_server, tmp_path, caplog):
    s = scripted_server(completion(GOOD))

    async def go():
        http = http_client_for(scripted_config(s.base_url, tmp_path))
        http.send_early({"model": "m", "messages": [{"role": "user", "content": "hi"}]})
        for _ in range(200):  # until the server has answered it
            await asyncio.sleep(0.01)
            if s.requests:
                break
        await asyncio.sleep(0.05)
        await http.aclose()

    with caplog.at_level(logging.WARNING, logger="summarise.llm"):
        asyncio.run(go())
    assert len(s.requests) == 1
    assert [r.getMessage() for r in caplog.records] == ["1 request(s) sent ahead of the LLM client were answered and never used"]


def test_nothing_on_the_way_to_the_first_request_imports_openai_instructor_or_the_later_stages(scripted_server, tmp_path):
    s = scripted_server(completion(GOOD))
    folder = tmp_path / "event"
    folder.mkdir()
    for i in range(2):
        (folder / f"{i}.txt").write_text(TEXT + "\n\nThe quay stayed closed for the rest of the week.\n", encoding="utf-8")
    later = ("openai", "instructor", "summarise.reconcile", "summarise.render", "summarise.llm_assist.parties",
             "extract.offline.extractor")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import extract.llm.http as http\n"
        "from summarise.config import LLMConfig, RunConfig\n"
        "from summarise.pipeline import run_pipeline\n"
        "seen = []\n"
        "real = http.EarlyAsyncClient.send_early\n"
        "def send_early(self, body):\n"
        f"    seen.append(sorted(m for m in {later!r} if m in sys.modules))\n"
        "    return real(self, body)\n"
        "http.EarlyAsyncClient.send_early = send_early\n"
        f"config = RunConfig(extractor='llm', formats=['md'], llm=LLMConfig(model='m', base_url={s.base_url!r}, "
        f"cache_dir=Path({str(tmp_path / 'cache')!r}), max_retries=0))\n"
        f"result = run_pipeline(Path({str(folder)!r}), config)\n"
        "print(seen[0], len(result.summary.claims) > 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[] True"


def test_the_tls_context_is_the_one_httpx_would_make():
    import httpx

    ours, theirs = default_ssl_context(), httpx.create_ssl_context()
    assert (ours.verify_mode, ours.check_hostname, ours.options, ours.minimum_version) == (
        theirs.verify_mode, theirs.check_hostname, theirs.options, theirs.minimum_version)
    assert ours.cert_store_stats() == theirs.cert_store_stats() and ours.cert_store_stats()["x509_ca"] > 0


def test_the_connection_limits_are_openais():
    import openai

    assert CONNECTION_LIMITS == openai.DEFAULT_CONNECTION_LIMITS

