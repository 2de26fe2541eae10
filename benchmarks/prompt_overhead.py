#!/usr/bin/env python
"""Prompt overhead of the LLM extractor: what every request costs before any sentence of the article.

    .venv/bin/python benchmarks/prompt_overhead.py
    .venv/bin/python benchmarks/prompt_overhead.py --llama-url http://127.0.0.1:8080

Builds the exact messages instructor sends for an article with no numbered sentence, in JSON mode (llama.cpp and
unknown servers: instructions + the schema as text in the system message + the schema in
``response_format``) and TOOLS mode (OpenAI: instructions + the tool definition), and counts
tokens. Without ``--llama-url`` the count is an ESTIMATE (characters / 4, the usual rule of thumb
for English with OpenAI tokenizers); with it, the llama.cpp server's own tokenizer counts
(llama-cpp-python's /extras/tokenize).
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from instructor import Mode
from instructor.v2.core.providers import Provider
from instructor.v2.core.registry import mode_registry

from extract.llm.ask import load_prompt
from extract.llm.extractor import PROMPT_FILE
from extract.llm.figures import FiguresAnswer as ArticleAnswer
from extract.llm.figures import build_messages
from schemas import Article


def estimate_tokens(text: str) -> int:
    return round(len(text) / 4)


def llama_tokens(base_url: str, text: str) -> int:
    request = urllib.request.Request(
        f"{base_url.rstrip('/')}/extras/tokenize",
        data=json.dumps({"input": text}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return len(json.load(response)["tokens"])


def request_text(mode: Mode) -> dict[str, str]:
    """The parts of one request for an empty article, as text, by kind of overhead."""
    prompt = load_prompt(PROMPT_FILE)
    messages = build_messages(prompt, Article(id="article.txt", text=""), [])
    handlers = mode_registry.get_handlers(Provider.OPENAI, mode)
    _, kwargs = handlers.request_handler(response_model=ArticleAnswer, kwargs={"messages": messages})
    sent = "\n".join(m["content"] for m in kwargs["messages"])
    parts = {"instructions (system + user template)": "\n".join(m["content"] for m in messages)}
    schema_text = json.dumps(ArticleAnswer.model_json_schema())
    if mode is Mode.JSON:
        # the client sends it only for answer models without an example in their prompt
        in_prompt = getattr(ArticleAnswer, "schema_in_prompt", True)
        parts["schema in the system message (instructor JSON mode)"] = (
            sent[len(parts["instructions (system + user template)"]) :] if in_prompt else "")
        parts["schema in response_format (llama.cpp grammar; not prompt tokens)"] = schema_text
    else:
        parts["tool definition (schema)"] = json.dumps(kwargs.get("tools"))
    parts["re-ask instructions (only on a re-ask)"] = prompt.reask.template
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description="prompt overhead in tokens")
    parser.add_argument("--llama-url", help="count with this llama-cpp-python server's tokenizer")
    args = parser.parse_args()
    count = (lambda t: llama_tokens(args.llama_url, t)) if args.llama_url else estimate_tokens
    label = "tokens (the served model's tokenizer via llama.cpp)" if args.llama_url else "tokens (ESTIMATE: chars/4)"
    print(f"prompt version {load_prompt(PROMPT_FILE).version}; {label}")
    for mode in (Mode.JSON, Mode.TOOLS):
        print(f"\n{mode.name} mode ({mode.value})")
        total = 0
        for name, text in request_text(mode).items():
            tokens = count(text)
            print(f"  {tokens:6d}  {len(text):6d} chars  {name}")
            if "not prompt" not in name and "only on" not in name:
                total += tokens
        print(f"  {total:6d}  per request before article text")


if __name__ == "__main__":
    main()
