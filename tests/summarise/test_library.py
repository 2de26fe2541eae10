"""The library call newsroom tools use, as the README documents it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extract.ingest import IngestError
from schemas import EventSummary
from summarise import RunConfig, run_pipeline, write_outputs
from tests.support.paths import EXAMPLES_DIR, PROJECT_ROOT


def test_run_pipeline_returns_the_summary_and_writes_nothing_until_asked(tmp_path):
    result = run_pipeline(EXAMPLES_DIR / "border-clash", RunConfig(extractor="offline"))
    assert isinstance(result.summary, EventSummary)
    assert result.summary.claims and set(result.rendered) == {"md", "json", "html"}
    assert json.loads(result.rendered["json"])["claims"][0]["id"] == result.summary.claims[0].id
    assert not list(tmp_path.iterdir())
    written = write_outputs(result.summary, tmp_path / "out", ["json"])
    assert [p.name for p in written.values()] == ["summary.json"]


def test_a_bad_folder_raises_ingest_error_with_one_line(tmp_path):
    with pytest.raises(IngestError) as error:
        run_pipeline(tmp_path / "missing", RunConfig(extractor="offline"))
    assert "missing" in str(error.value) and "\n" not in str(error.value)


def test_an_offline_run_never_imports_the_llm_client(tmp_path):
    # openai and instructor are most of the start-up time; an offline run has no use for them
    code = (
        "import sys; from summarise.cli import cli; "
        f"cli([{str(EXAMPLES_DIR / 'border-clash')!r}, '-o', {str(tmp_path / 'out')!r}, '-q']); "
        "print(sorted(m for m in ('openai', 'instructor', 'diskcache') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_articles_in_memory_give_the_summary_their_folder_gives(tmp_path):
    from extract.ingest import ingest_folder
    from summarise.pipeline import run_articles

    folder = EXAMPLES_DIR / "border-clash"
    from_folder = run_pipeline(folder, RunConfig(extractor="offline"))
    from_memory = run_articles(ingest_folder(folder).articles, RunConfig(extractor="offline"))
    assert from_memory.summary.claims and from_memory.summary == from_folder.summary
    assert from_memory.rendered == from_folder.rendered


def test_the_async_entry_points_and_the_sync_ones_inside_a_running_loop_agree():
    import asyncio

    from summarise.pipeline import run_articles_async, run_pipeline_async

    folder, config = EXAMPLES_DIR / "border-clash", RunConfig(extractor="offline", formats=["json"])
    expected = run_pipeline(folder, config).rendered

    async def service():  # a web service's handler: sync calls inside the running loop, and awaits
        inside = run_pipeline(folder, config).rendered
        awaited = await run_pipeline_async(folder, config)
        in_memory = await run_articles_async(awaited.articles, config)
        return inside, awaited.rendered, in_memory.rendered

    assert asyncio.run(service()) == (expected, expected, expected)
