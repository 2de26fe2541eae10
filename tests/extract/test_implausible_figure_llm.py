"""The LLM extractor drops a claim whose figure is above the world's population (fake server)."""

from __future__ import annotations

from extract.llm.extractor import LLMExtractor
from schemas import Article
from summarise.config import LLMConfig
from tests.support.llm_fake_server import completion

pytest_plugins = ["tests.llm_server_fixture"]

# The plausible "two" makes the sentence a candidate (code reads no count in the huge figure, so
# without it no request would be sent); the model answers the huge figure.
TEXT = "HARBOURTON: 99999999999999999999 fishermen were missing after the storm and two were injured, the harbour master said.\n"
FIGURE = {
    "sentence": 1,
    "count": "99999999999999999999",
    "outcome": "missing",
    "victims": "fishermen",

    "claimant": "the harbour master",
}


def test_an_implausible_figure_from_the_model_is_a_dropped_item(scripted_server, tmp_path):
    server = scripted_server(completion({"figures": [FIGURE]}))
    config = LLMConfig(model="test-model", base_url=server.base_url, cache_dir=tmp_path / "cache", concurrency=1,
                       max_reasks=0)
    result = LLMExtractor(config).extract([Article(id="storm.txt", text=TEXT)])[0]
    assert result.claims == []
    assert [d.kind for d in result.dropped] == ["claim"]
    assert len(server.requests) == 1
    assert "implausible figure" in result.dropped[0].reason and "99999999999999999999" in result.dropped[0].reason
