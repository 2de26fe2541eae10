"""The public API: what ``from summarise import ...`` offers, that it loads lazily, that type checkers
see real types (py.typed, not Any), and that every error is one tree under ``SummariseError``."""

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import extract.errors
import summarise
from tests.support.paths import PROJECT_ROOT


def test_every_public_name_resolves_and_is_typed_for_checkers():
    tree = ast.parse(Path(summarise.__file__).read_text(encoding="utf-8"))
    type_checking = next(n for n in tree.body if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING")
    seen_by_checkers = {a.asname or a.name for n in type_checking.body for a in n.names}
    for name in summarise.__all__:
        assert getattr(summarise, name) is not None
        if name != "__version__":
            assert name in seen_by_checkers, f"{name} is exported but a type checker would see Any"
    for package in ("summarise", "extract", "schemas"):
        assert (PROJECT_ROOT / package / "py.typed").is_file()


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        summarise.no_such_thing  # noqa: B018


def test_every_error_is_one_tree_under_summarise_error():
    classes = [c for _, c in inspect.getmembers(extract.errors, inspect.isclass) if c.__module__ == "extract.errors"]
    assert len(classes) >= 10
    for error in classes:
        assert issubclass(error, summarise.SummariseError), error
    assert issubclass(summarise.EndpointUnreachable, summarise.EndpointError)
    assert not issubclass(summarise.LLMCallFailed, summarise.EndpointError)  # one call's failure never stops a run
    assert issubclass(summarise.IngestError, summarise.InputError)


@pytest.mark.skipif(not Path(sys.executable).with_name("mypy").exists(),
                    reason="mypy is a test dependency: pip install -e '.[test]'")
def test_mypy_sees_the_real_types(tmp_path):
    user = tmp_path / "newsroom_tool.py"
    user.write_text(
        "from summarise import PipelineResult, RunConfig, SummariseError, run_pipeline\n"
        "reveal_type(run_pipeline)\nreveal_type(RunConfig)\nreveal_type(PipelineResult)\nreveal_type(SummariseError)\n",
        encoding="utf-8",
    )
    mypy = str(Path(sys.executable).with_name("mypy"))
    result = subprocess.run(
        [mypy, "--follow-imports=silent", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(user)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
    )
    revealed = [line for line in result.stdout.splitlines() if "Revealed type" in line]
    assert len(revealed) == 4, result.stdout + result.stderr
    assert not any('"Any"' in line for line in revealed), "\n".join(revealed)
    assert "summarise.pipeline.PipelineResult" in revealed[0]
