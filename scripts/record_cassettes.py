#!/usr/bin/env python
"""Record the LLM cassettes the tests replay, from a real llama.cpp server running Qwen2.5-Coder-1.5B.

    .venv/bin/python scripts/record_cassettes.py             # starts the server if needed
    .venv/bin/python scripts/record_cassettes.py --only retry
    .venv/bin/python scripts/record_cassettes.py --base-url http://127.0.0.1:8093/v1 --only corpus
    .venv/bin/python scripts/record_cassettes.py --model smollm2 --cassette-dir cassettes --only parties

--model chooses the model scripts/llama_server.sh serves and the name the requests carry: qwen (the
default, Qwen2.5-Coder-1.5B-Instruct sent as qwen2.5-coder-1.5b) records into cassettes/ and
tests/data/llm/; smollm2 (SmolLM2-135M) into out/cassettes-smollm2/ unless --cassette-dir says
otherwise. llm_parties.json and llm_narrative.json in cassettes/ are SmolLM2 recordings, kept
because their answers fail the checks (the fall-back paths are replayed from a real model).

Scenarios (one cassette each):
- small_article: a two-sentence fictional article (tests/data/llm/rockfall.txt): one request;
- retry:         a short fictional article through a local stdlib proxy that answers a genuine HTTP 503
                 with Retry-After once, then forwards to llama.cpp: one transport retry;
- parties:       LLM party resolution over the names the offline reconcile of examples/border-clash
                 hands its resolver (frozen to tests/data/llm/border_clash_party_names.json);
- narrative:     the LLM headline paragraph of that offline-reconciled summary (frozen, article texts
                 blanked, to tests/data/llm/border_clash_summary.json);
- cli:           the whole command `summarise FOLDER --base-url ... --model MODEL`, every request
                 the run makes (extraction and its re-asks, party resolution, narrative), FOLDER being
                 tests/data/llm/border-clash-recorded/ (examples/border-clash as recorded; copy the
                 example there again before re-recording this one);
- corpus:        `summarise eval ../shared/corpus/tinzaouaten-2024 --extractor llm`, into
                 out/cassettes-corpus/ with its scores (eval_corpus_scores.json), never committed:
                 its requests carry the corpus's text; replayed by benchmarks/llm_eval.py.
Cassettes are written by vcrpy from real HTTP; never edit a recorded response by hand.
The cache is off while recording so that every request reaches the server.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.llm.extractor import LLMExtractor  # noqa: E402
from schemas import Article, EventSummary  # noqa: E402
from summarise.config import LLMConfig  # noqa: E402
from tests.support.llm_vcr import (  # noqa: E402
    CASSETTE_DIR,
    LLM_DATA_DIR,
    RECORDED_BASE_URL,
    RECORDED_CLI_ARGS,
    RECORDED_MODEL,
    SMOLLM2_MODEL,
    make_vcr,
)

BORDER_CLASH_DIR = ROOT / "examples" / "border-clash"
# the cli scenario's input, frozen beside the cassette (its requests carry the article texts)
RECORDED_EXAMPLE_DIR = ROOT / "tests" / "data" / "llm" / "border-clash-recorded"
QUARRY = LLM_DATA_DIR / "quarry-blast.txt"
ROCKFALL = LLM_DATA_DIR / "rockfall.txt"

# --model choice -> the name scripts/llama_server.sh serves it under (its --model_alias), which is
# the model name every recorded request carries.
SERVED_MODELS = {"smollm2": SMOLLM2_MODEL, "qwen": RECORDED_MODEL}
DEFAULT_MODEL = "qwen"


@dataclass(frozen=True)
class Target:
    """Where one recording run writes: the cassettes and the frozen inputs they were made from."""

    model: str  # the --model choice, as scripts/llama_server.sh takes it
    cassette_dir: Path
    data_dir: Path

    @property
    def served_name(self) -> str:
        return SERVED_MODELS[self.model]

    @property
    def frozen_party_names(self) -> Path:
        return self.data_dir / "border_clash_party_names.json"

    @property
    def frozen_summary(self) -> Path:
        return self.data_dir / "border_clash_summary.json"


def make_target(model: str, cassette_dir: Path | None) -> Target:
    """The replayed model records into cassettes/ and tests/data/llm/ (as before --model existed);
    another model into out/cassettes-MODEL/ by default, with its frozen inputs beside the cassettes."""
    if cassette_dir is None and model == DEFAULT_MODEL:
        return Target(model, CASSETTE_DIR, LLM_DATA_DIR)
    cassette_dir = (cassette_dir or ROOT / "out" / f"cassettes-{model}").resolve()
    data_dir = LLM_DATA_DIR if cassette_dir == CASSETTE_DIR.resolve() else cassette_dir / "data"
    cassette_dir.mkdir(parents=True, exist_ok=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    return Target(model, cassette_dir, data_dir)


def server_is_up(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/models", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def served_models(base_url: str) -> list[str]:
    with urllib.request.urlopen(f"{base_url}/models", timeout=10) as response:
        return [entry["id"] for entry in json.load(response).get("data", [])]


def start_server(base_url: str, model: str) -> subprocess.Popen:
    """scripts/llama_server.sh --model ``model`` on the port of ``base_url``, in a session of its
    own (so that it can be stopped as a group); waits up to 30 minutes for it to answer (a first
    start builds llama.cpp and, for qwen, fetches 1.1 GB)."""
    port = base_url.rsplit(":", 1)[1].split("/")[0]
    env = {**os.environ, "LLAMA_PORT": port}
    log_path = Path(tempfile.gettempdir()) / "summarise-llama-server.log"
    with open(log_path, "w") as log:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen([str(ROOT / "scripts" / "llama_server.sh"), "--model", model], env=env,
                                   stdout=log, stderr=log, start_new_session=True)
    for _ in range(1800):
        if server_is_up(base_url):
            return process
        if process.poll() is not None:
            sys.exit(f"llama server exited with {process.returncode}; see {log_path}")
        time.sleep(1)
    sys.exit(f"llama server did not come up at {base_url}; see {log_path}")


class FlakyProxy(ThreadingHTTPServer):
    """Answers the first POST with a real HTTP 503 and Retry-After, then forwards to ``upstream``."""

    def __init__(self, upstream: str, retry_after: str = "1") -> None:
        self.upstream, self.retry_after, self.failed_once = upstream.rstrip("/"), retry_after, False
        super().__init__(("127.0.0.1", 0), _ProxyHandler)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _ProxyHandler(BaseHTTPRequestHandler):
    server: FlakyProxy

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        if not self.server.failed_once:
            self.server.failed_once = True
            payload = json.dumps({"error": {"message": "server busy", "type": "overloaded"}}).encode()
            self.send_response(503)
            self.send_header("content-type", "application/json")
            self.send_header("retry-after", self.server.retry_after)
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        path = self.path[len("/v1"):] if self.path.startswith("/v1") else self.path
        request = urllib.request.Request(self.server.upstream + path, data=body, method="POST",
                                         headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=600) as upstream:
            data = upstream.read()
            self.send_response(upstream.status)
            self.send_header("content-type", upstream.headers.get("content-type", "application/json"))
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


def serve_flaky_proxy(upstream: str) -> None:
    proxy = FlakyProxy(upstream)
    print(proxy.base_url, flush=True)
    proxy.serve_forever()


def offline_border_clash() -> tuple[list[str], EventSummary]:
    """The examples reconciled offline (as ``run_pipeline`` does), and the names reconcile handed
    its party resolver."""
    from extract.ingest import ingest_folder
    from extract.offline.extractor import PatternExtractor
    from summarise.pipeline import run_report
    from summarise.reconcile import reconcile, resolve_parties

    seen: list[str] = []

    def spy(names: list[str]):
        seen.extend(names)
        return resolve_parties(names)

    ingested = ingest_folder(BORDER_CLASH_DIR)
    extractor = PatternExtractor()
    extractions = extractor.extract(ingested.articles)
    report = run_report(extractor.name, ingested.articles, ingested.skipped, extractions)
    return seen, reconcile(ingested.articles, extractions, report, resolver=spy)


def freeze_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


@contextmanager
def recording(target: Target, cassette: str) -> Iterator:
    """Record ``cassette`` in the target's folder afresh from real HTTP, then say how many
    interactions it holds."""
    path = target.cassette_dir / cassette
    path.unlink(missing_ok=True)
    started = time.monotonic()
    recorder = make_vcr("once")
    recorder.cassette_library_dir = str(target.cassette_dir)
    with recorder.use_cassette(path.name) as recorded:
        yield recorded
    print(f"\n== {path.stem}: {len(recorded)} interaction(s) in {time.monotonic() - started:.0f}s -> {shown(path)}")


def record_parties(target: Target, llm_config: LLMConfig) -> None:
    from summarise.llm_assist.parties import LLMPartyResolver

    names, _ = offline_border_clash()
    freeze_json(target.frozen_party_names, names)
    with recording(target, "llm_parties.json"):
        resolver = LLMPartyResolver(llm_config)
        resolution = resolver(names)
    print(f"  {len(resolution.parties)} parties, usage {resolver.usage.model_dump()}, warnings {resolver.warnings}")


def record_narrative(target: Target, llm_config: LLMConfig) -> None:
    from summarise.llm_assist.narrative import write_narrative

    _, summary = offline_border_clash()
    for article in summary.articles:
        article.text = ""  # the narrative never reads article text; the fixture stays small
    freeze_json(target.frozen_summary, summary.model_dump(mode="json"))
    with recording(target, "llm_narrative.json"):
        text, usage, warning = write_narrative(summary, llm_config)
    print(f"  usage {usage.model_dump()}, warning {warning!r}\n  {text}")


def cli_args(served_name: str) -> list[str]:
    """RECORDED_CLI_ARGS with the model name swapped for ``served_name`` (the same list for the
    replayed model)."""
    args = list(RECORDED_CLI_ARGS)
    args[args.index("--model") + 1] = served_name
    return args


def record_cli(target: Target, base_url: str) -> None:
    from summarise.cli import cli

    with tempfile.TemporaryDirectory() as out, recording(target, "llm_cli_border_clash.json"):
        code = cli([str(RECORDED_EXAMPLE_DIR), "--base-url", base_url, "--no-cache", "-o", out,
                    *cli_args(target.served_name)])
    print(f"  exit {code}")


CORPUS_EVENT = ROOT.parent / "shared" / "corpus" / "tinzaouaten-2024"
CORPUS_CASSETTE_DIR = ROOT / "out" / "cassettes-corpus"


def record_corpus(target: Target, base_url: str) -> None:
    """``summarise eval EVENT --extractor llm`` on one corpus event, into out/ (git ignores it): its
    requests carry the corpus's sentences, and the corpus's text never goes into the project."""
    from summarise.cli import cli

    corpus_target = Target(target.model, CORPUS_CASSETTE_DIR, CORPUS_CASSETTE_DIR)
    CORPUS_CASSETTE_DIR.mkdir(parents=True, exist_ok=True)
    scores = CORPUS_CASSETTE_DIR / "eval_corpus_scores.json"
    with recording(corpus_target, "llm_eval_corpus.json"), open(scores, "w", encoding="utf-8") as out:
        import contextlib

        with contextlib.redirect_stdout(out):
            code = cli(["eval", str(CORPUS_EVENT), "--json", "--extractor", "llm", "--base-url", base_url,
                        "--no-cache", "--concurrency", "1", "--timeout", "900", "--model", target.served_name])
    print(f"  exit {code}; scores in {shown(scores)}")


def fictional_article(path: Path) -> Article:
    return Article(id=path.name, text=path.read_text(encoding="utf-8"))


def config(target: Target, base_url: str, cache_dir: Path, **overrides) -> LLMConfig:
    # a long timeout: the server works one request at a time, and a small model can take minutes
    return LLMConfig(model=target.served_name, base_url=base_url, cache_dir=cache_dir, use_cache=False, timeout=600,
                     **overrides)


def record(target: Target, name: str, articles: list[Article], llm_config: LLMConfig) -> None:
    """Record llm_<name>.json: the LLM extractor over ``articles``."""
    with recording(target, f"llm_{name}.json"):
        results = LLMExtractor(llm_config).extract(articles)
    for result in results:
        kept = len(result.claims) + len(result.attributions) + len(result.events)
        print(f"  {result.article}: kept {kept} (claims {len(result.claims)}, attributions "
              f"{len(result.attributions)}, events {len(result.events)}), dropped {len(result.dropped)}, "
              f"error {result.error!r}, usage {result.usage.model_dump() if result.usage else None}")


SCENARIOS = ["small_article", "retry", "parties", "narrative", "cli", "corpus"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--base-url", default=RECORDED_BASE_URL)
    parser.add_argument("--only", choices=SCENARIOS, action="append")
    parser.add_argument("--model", choices=sorted(SERVED_MODELS), default=DEFAULT_MODEL,
                        help=f"the model to record (default {DEFAULT_MODEL}, the one the tests replay)")
    parser.add_argument("--cassette-dir", type=Path,
                        help="where to write (default cassettes/ for qwen, out/cassettes-MODEL/ otherwise)")
    parser.add_argument("--flaky-proxy", metavar="UPSTREAM", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.flaky_proxy:
        serve_flaky_proxy(args.flaky_proxy)
        return
    wanted = args.only or SCENARIOS
    target = make_target(args.model, args.cassette_dir)
    print(f"recording {target.served_name} into {shown(target.cassette_dir)}", flush=True)

    server = None if server_is_up(args.base_url) else start_server(args.base_url, args.model)
    try:
        if target.served_name not in (models := served_models(args.base_url)):
            # llama.cpp answers whatever model name a request carries: a recording would be mislabelled
            sys.exit(f"the server at {args.base_url} serves {models}, not {target.served_name}")
        with tempfile.TemporaryDirectory() as cache_dir:
            cache = Path(cache_dir)
            if "small_article" in wanted:
                record(target, "small_article", [fictional_article(ROCKFALL)],
                       config(target, args.base_url, cache, max_reasks=1))
            if "retry" in wanted:
                # The proxy runs in its own process: inside this one vcrpy would record its
                # forwarded request to llama.cpp as a third interaction no replay ever plays.
                proxy = subprocess.Popen([sys.executable, __file__, "--flaky-proxy", args.base_url],
                                         stdout=subprocess.PIPE, text=True)
                try:
                    proxy_url = proxy.stdout.readline().strip()
                    record(target, "retry", [fictional_article(QUARRY)],
                           config(target, proxy_url, cache, max_reasks=0))
                finally:
                    proxy.terminate()
                    proxy.wait()
            if "parties" in wanted:
                record_parties(target, config(target, args.base_url, cache))
            if "narrative" in wanted:
                record_narrative(target, config(target, args.base_url, cache))
            if "cli" in wanted:
                record_cli(target, args.base_url)
            if "corpus" in wanted:
                record_corpus(target, args.base_url)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)


if __name__ == "__main__":
    main()
