"""The LLM side of one article: the OpenAI-compatible client, its answer cache, the ask → check →
re-ask step and the LLM extractor. Importing this package imports nothing heavy; the client
(openai, instructor) loads with ``extract.llm.client``."""
