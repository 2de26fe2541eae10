"""Options are checked at the boundary (RunConfig / LLMConfig), before any stage runs."""

import pytest
from pydantic import ValidationError

from summarise.config import LLMConfig, RunConfig


def test_environment_fills_what_the_flags_leave_unset(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8080/v1/")
    monkeypatch.setenv("SUMMARISE_MODEL", "env-model")
    config = LLMConfig.from_environment(model="flag-model")
    assert config.model == "flag-model"
    assert config.base_url == "http://127.0.0.1:8080/v1"
    assert config.api_key.get_secret_value() == "sk-from-env"
    assert config.is_configured()


def test_nothing_configured_means_no_llm():
    assert not LLMConfig.from_environment().is_configured()


def test_the_key_never_shows_in_repr_or_dump():
    config = LLMConfig(api_key="sk-secret-value-123")
    assert "sk-secret-value-123" not in repr(config)
    assert "sk-secret-value-123" not in config.model_dump_json()
    assert "sk-secret-value-123" not in repr(RunConfig(llm=config))


@pytest.mark.parametrize("bad", [{"base_url": "127.0.0.1:8080"}, {"base_url": "https://h.example/v1?api-key=k"}, {"concurrency": 0}, {"max_reasks": 5}])
def test_bad_options_are_rejected(bad):
    with pytest.raises(ValidationError):
        LLMConfig(**bad)


def test_default_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMARISE_CACHE_DIR", str(tmp_path / "c"))
    assert LLMConfig().cache_dir == tmp_path / "c"
