"""A re-run whose every answer is in the cache never imports openai or instructor: the client is
built on the first cache miss (``extract.llm.session.LLMSession.client``), and what the cache key
needs is known without it. The cache is primed by one run against the scripted server; the re-run
is the CLI in a fresh interpreter, pointed at a port nothing listens on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extract.llm.client import MODE_VALUES, mode_name, request_target
from summarise.config import LLMConfig
from tests.summarise.test_llm_pipeline_steps import PARAGRAPH, TEXT, good_replies, run
from tests.support.llm_fake_server import closed_port_url
from tests.support.paths import PROJECT_ROOT

pytest_plugins = ["tests.llm_server_fixture"]

HEAVY = ("openai", "instructor", "httpx")


@pytest.fixture
def folder(tmp_path):
    """One article, long enough for the CLI to take it for a report."""
    event = tmp_path / "event"
    event.mkdir()
    (event / "000.txt").write_text(TEXT + "Rescue teams worked through the night to reach the site.\n", encoding="utf-8")
    return event


def cli_rerun(folder, base_url, cache_dir, out_dir) -> subprocess.CompletedProcess[str]:
    argv = [str(folder), "--extractor", "llm", "--base-url", base_url, "--model", "test-model",
            "--cache-dir", str(cache_dir), "-o", str(out_dir), "--format", "json", "-q"]
    code = (
        "import sys; from summarise.cli import cli; "
        f"code = cli({argv!r}); "
        f"print(code, sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)


def test_a_fully_cached_rerun_never_imports_openai_or_instructor(scripted_server, folder, tmp_path):
    s = scripted_server(*good_replies())
    assert run(folder, s.base_url, tmp_path).summary.narrative == PARAGRAPH
    assert len(s.requests) == 3  # the cache now holds every answer

    result = cli_rerun(folder, closed_port_url(), tmp_path / "cache", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["narrative"] == PARAGRAPH and summary["report"]["usage"]["calls"] == 0
    assert len(s.requests) == 3


def test_a_cache_miss_still_builds_the_client(scripted_server, folder, tmp_path):
    s = scripted_server(*good_replies())
    result = cli_rerun(folder, s.base_url, tmp_path / "cache", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0 ['httpx', 'instructor', 'openai']"
    assert len(s.requests) == 3


def test_the_mode_values_of_the_cache_key_are_instructors_own():
    from extract.llm.client import choose_mode  # loads openai and instructor

    for name, value in MODE_VALUES.items():
        config = LLMConfig(model="m", api_key="k", mode=name)
        assert choose_mode(config).value == value == request_target(config).mode
    for base_url in ("https://x.openai.azure.com/v1", "http://127.0.0.1:8080/v1", "https://llm.example.org/v1"):
        config = LLMConfig(model="m", api_key="k", base_url=base_url)
        assert mode_name(config) != "auto"
        assert choose_mode(config).value == request_target(config).mode
