"""The LLM side of one article: the OpenAI-compatible client, its answer cache, the ask → check →
re-ask step and the LLM extractor. Importing this package imports nothing heavy; the client
(openai, instructor, httpx) loads with ``extract.llm.openai_client``, on a run's first cache miss."""
