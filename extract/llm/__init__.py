"""The LLM side of one article: the OpenAI-compatible client, its answer cache, the ask → check →
re-ask step and the LLM extractor. Importing this package imports nothing heavy; the client
(openai, instructor) loads with ``extract.llm.openai_client`` on a worker thread after a run's
first cache miss, while the run's first requests leave through its httpx client (``extract.llm.http``)."""
