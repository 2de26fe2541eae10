"""The offline extractor: deterministic patterns for English news, no model and no network."""
