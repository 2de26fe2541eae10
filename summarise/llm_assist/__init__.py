"""Steps across articles that an LLM can do better than code, each checked by code and falling back
to the deterministic result: party resolution and the headline paragraph."""
