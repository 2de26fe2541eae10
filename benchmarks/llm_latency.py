"""The LLM pipeline against a model that answers after a fixed delay: how close does a run get to
the floor the delay sets, and what does a cached re-run cost?

A fixed-latency OpenAI-compatible server runs on 127.0.0.1 in a thread of this process. Every chat
completion is answered ``--delay`` seconds after it arrives, with an answer the pipeline accepts:

- extraction: the one figure each made-up article opens with ("Seven workers were hurt when ..."),
  by the number the request gives its sentence;
- party resolution (the request carrying ``<names>``): every name, unplaced (``no_side``);
- narrative (the request carrying ``<claims>``): one sentence citing the first claim, no numbers.

``--articles`` fictional short reports are written into a temp folder, and
``summarise.pipeline.run_pipeline`` runs on it with the LLM extractor once per ``--concurrency``
value (each with a fresh, empty answer cache), then once more on the last row's cache.

Per row:

- wall: ``run_pipeline`` from call to return;
- floor: sequential request waves x delay, from the requests the server actually received:
  ceil(extraction requests / concurrency) waves, plus one wave per later request (party
  resolution and the narrative are asked one after the other, after extraction);
- overhead: (wall - floor) / wall, the share of the run not spent waiting on the model;
- first request: the server's arrival time of the first request minus the run's start;
- client CPU: ``time.process_time`` over the run, less the CPU of the server's handler threads;
- requests: what the server received (by kind: extraction / party / narrative);
- idle: seconds with no request at the server, before the first one, in gaps between requests
  (reconcile before party resolution, the rest of reconcile before the narrative, and the
  hand-over between waves), and after the last answer (checking the narrative, rendering).

After the rows, the same cached re-run as ``summarise run`` in a fresh interpreter (median of 3),
beside the start-up of a bare ``python -c pass``.

The LLM stack (openai, instructor, httpx) is imported once before the rows, and that import is
timed on its own line: the rows measure a process that has it. A CLI run imports openai and
instructor on a worker thread while its first requests are out (``extract.llm.session``); the cold
first-request line measures that, from process launch, with the process's CPU seconds beside the
wall seconds (a loaded machine adds far less to CPU).

Targets (the issue): overhead <= 10 % at concurrency 8 on 36 articles; first request within
0.5 s of the start; a cached re-run of 36 articles under 1 s beyond interpreter start-up.

Bounded: the server only listens on 127.0.0.1, refuses (HTTP 400) any request past
``MAX_REQUESTS_PER_ARTICLE`` per article and row, and the whole benchmark exits by itself after
``--budget`` seconds.

    python benchmarks/llm_latency.py [--delay 2] [--articles 36] [--concurrency 1,4,8,16] [--profile 8]

``--profile C`` runs one more row at concurrency C under cProfile (the event-loop thread, and
reconcile's worker thread through a wrapper set here) and prints the hot spots.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import os
import pstats
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarise.config import LLMConfig, RunConfig
from summarise.pipeline import run_pipeline
from tests.support.llm_fake_server import LoopbackServer

MAX_REQUESTS_PER_ARTICLE = 4  # extraction plus a re-ask per article, with room for the two steps
NUMBERS = ["Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"]
NUMBERED = re.compile(r"\[(?P<n>\d+)\] (?P<count>\w+) workers were hurt when a crane fell at the Tellin yard")
DAYS = ["Monday", "Tuesday"]


# ---------------------------------------------------------------------------------------------
# The fixed-latency server


@dataclass
class Received:
    kind: str  # "extraction", "party" or "narrative"
    at: float  # time.perf_counter() when the request arrived
    done: float | None = None  # when its answer was written


@dataclass
class ServerLog:
    received: list[Received] = field(default_factory=list)
    handler_cpu: float = 0.0  # CPU seconds spent by handler threads (subtracted from the client's)
    limit: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self, limit: int) -> None:
        with self.lock:
            self.received, self.handler_cpu, self.limit = [], 0.0, limit

    def count(self, kind: str) -> int:
        return sum(1 for r in self.received if r.kind == kind)


class FixedLatencyServer(LoopbackServer):
    request_queue_size = 128  # concurrency 16 and more connect at once

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.log = ServerLog()
        self.quiet_errors = False  # set while client processes are killed mid-request on purpose
        super().__init__(_Handler)

    def handle_error(self, request, client_address) -> None:
        if not self.quiet_errors:
            super().handle_error(request, client_address)


def _between(text: str, start: str, end: str) -> str:
    head = text.index(start) + len(start)
    return text[head : text.index(end, head)]


def answer_for(content: str) -> tuple[str, dict]:
    """The kind of request and the answer the pipeline accepts for it."""
    if "<names>" in content:
        names = json.loads(_between(content, "<names>", "</names>"))
        return "party", {"sides": [], "no_side": names}
    if "<claims>" in content:
        payload = json.loads(_between(content, "<claims>", "</claims>"))
        first = payload["claims"][0]["id"] if payload.get("claims") else "c1"
        return "narrative", {"paragraph": f"Workers were hurt when a crane fell, the site manager said [{first}]."}
    numbered = NUMBERED.search(content)  # "[3] Seven workers were hurt when ...": that sentence's number
    if numbered is None:
        return "extraction", {"figures": []}
    figure = {"sentence": int(numbered.group("n")), "count": numbered.group("count"), "outcome": "wounded",
              "victims": "workers", "claimant": "the site manager"}
    return "extraction", {"figures": [figure]}


class _Handler(BaseHTTPRequestHandler):
    server: FixedLatencyServer
    protocol_version = "HTTP/1.1"  # keep-alive, as a real endpoint

    def do_POST(self) -> None:
        arrived, cpu_before = time.perf_counter(), time.thread_time()
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
        kind, answer = answer_for(body["messages"][-1]["content"])
        log = self.server.log
        received = Received(kind, arrived)
        with log.lock:
            log.received.append(received)
            refused = len(log.received) > log.limit
        if refused:
            status, reply = 400, {"error": {"message": "benchmark request limit reached", "type": "bench"}}
        else:
            status, reply = 200, {
                "id": "chatcmpl-bench", "object": "chat.completion", "created": 0, "model": "bench",
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": json.dumps(answer)}}],
                "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
            }
        payload = json.dumps(reply).encode()
        cpu_spent = time.thread_time() - cpu_before
        if not refused:
            time.sleep(max(0.0, self.server.delay - (time.perf_counter() - arrived)))
        cpu_before = time.thread_time()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        with log.lock:
            received.done = time.perf_counter()
            log.handler_cpu += cpu_spent + time.thread_time() - cpu_before

    def log_message(self, *args) -> None:
        pass


# ---------------------------------------------------------------------------------------------
# The articles


def write_articles(folder: Path, count: int) -> None:
    """Short fictional reports of one crane accident; the reported figure differs between some."""
    for i in range(count):
        number, day = NUMBERS[i % 3], DAYS[i % 7 == 0]
        text = (
            f"{number} workers were hurt when a crane fell at the Tellin yard on {day}, the site manager said.\n\n"
            f"The yard, on the edge of the fictional town of Brevik, was closed for the rest of the week "
            f"while inspectors examined the crane's base (report {i}).\n\n"
            "Work on the new quay had started in the spring and was due to end next year.\n"
        )
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The runs


@dataclass
class Row:
    label: str
    wall: float
    floor: float
    first_request: float | None
    cpu: float
    extraction: int
    party: int
    narrative: int
    warnings: list[str]
    failures: int
    idle: tuple[float, float, float] = (0.0, 0.0, 0.0)  # no request at the server: before, between, after


    @property
    def requests(self) -> int:
        return self.extraction + self.party + self.narrative

    @property
    def overhead(self) -> float:
        return (self.wall - self.floor) / self.wall if self.wall else 0.0


def idle_seconds(received: list[Received], started: float, ended: float) -> tuple[float, float, float]:
    """Time with no request at the server: before the first, in gaps between, after the last answer."""
    spans = sorted((r.at, r.done if r.done is not None else ended) for r in received)
    if not spans:
        return ended - started, 0.0, 0.0
    between, reach = 0.0, spans[0][1]
    for at, done in spans[1:]:
        between += max(0.0, at - reach)
        reach = max(reach, done)
    return spans[0][0] - started, between, ended - reach


def floor_seconds(log: ServerLog, concurrency: int, delay: float) -> float:
    waves = math.ceil(log.count("extraction") / concurrency) + log.count("party") + log.count("narrative")
    return waves * delay


def run_row(label: str, server: FixedLatencyServer, folder: Path, concurrency: int, cache_dir: Path,
            n_articles: int, delay: float, profiler: cProfile.Profile | None = None) -> Row:
    server.log.reset(limit=MAX_REQUESTS_PER_ARTICLE * n_articles)
    config = RunConfig(
        extractor="llm",
        formats=["md", "json", "html"],
        llm=LLMConfig(base_url=server.base_url, model="bench", concurrency=concurrency, cache_dir=cache_dir,
                      timeout=delay * 5 + 30),
    )
    started, cpu_started = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    result = run_pipeline(folder, config)
    if profiler is not None:
        profiler.disable()
    ended = time.perf_counter()
    wall, cpu = ended - started, time.process_time() - cpu_started
    log = server.log
    with log.lock:
        idle = idle_seconds(log.received, started, ended)
        first = min((r.at for r in log.received), default=None)
        handler_cpu = log.handler_cpu
    report = result.summary.report
    return Row(
        label=label, wall=wall, floor=floor_seconds(log, concurrency, delay),
        first_request=None if first is None else first - started, cpu=cpu - handler_cpu,
        extraction=log.count("extraction"), party=log.count("party"), narrative=log.count("narrative"),
        warnings=list(report.warnings), failures=len(report.failures), idle=idle,
    )


def print_rows(rows: list[Row]) -> None:
    header = (f"{'run':<16} {'wall s':>7} {'floor s':>8} {'overhead':>9} {'1st req s':>10} {'client cpu s':>13} "
              f"{'requests (ext/party/narr)':>26} {'idle before/between/after s':>28}")
    print(header)
    print("-" * len(header))
    for row in rows:
        first = "-" if row.first_request is None else f"{row.first_request:.3f}"
        split = f"{row.requests} ({row.extraction}/{row.party}/{row.narrative})"
        print(f"{row.label:<16} {row.wall:>7.3f} {row.floor:>8.1f} {row.overhead:>8.1%} {first:>10} "
              f"{row.cpu:>13.3f} {split:>26} {'/'.join(f'{t:.3f}' for t in row.idle):>28}")
    for row in rows:
        for warning in row.warnings:
            print(f"  {row.label}: warning: {warning}")
        if row.failures:
            print(f"  {row.label}: {row.failures} article(s) failed")


def import_llm_stack() -> float:
    """Import what an LLM run imports lazily (the client with openai and instructor, its httpx
    client, the LLM steps), and return the seconds it took."""
    started = time.perf_counter()
    import extract.llm.extractor
    import extract.llm.http
    import extract.llm.openai_client
    import extract.llm.session  # noqa: F401
    import summarise.llm_assist.narrative
    import summarise.llm_assist.parties  # noqa: F401

    return time.perf_counter() - started


def machine_line() -> str:
    """The machine the figures were measured on: cores and load (other work adds to wall time)."""
    one, five, _ = os.getloadavg()
    return (f"machine: {os.cpu_count()} cores, load average {one:.1f} (1 min) / {five:.1f} (5 min); "
            "other work adds to wall seconds far more than to CPU seconds")


def short_paths(line: str) -> str:
    """A profile line with the checkout's and site-packages' folders left out of its file names."""
    line = line.replace(str(Path(__file__).resolve().parent.parent) + "/", "")
    return re.sub(r"\S*/site-packages/", "", line)


def profiled_row(server: FixedLatencyServer, folder: Path, concurrency: int, cache_dir: Path, n_articles: int,
                 delay: float, top: int) -> None:
    """One row under cProfile: the event-loop thread, and reconcile on its worker thread."""
    import summarise.pipeline

    loop_profile, reconcile_profile = cProfile.Profile(), cProfile.Profile()
    real = summarise.pipeline.reconcile

    def profiled_reconcile(*args, **kwargs):
        return reconcile_profile.runcall(real, *args, **kwargs)

    summarise.pipeline.reconcile = profiled_reconcile
    try:
        row = run_row(f"profiled c={concurrency}", server, folder, concurrency, cache_dir, n_articles, delay,
                      profiler=loop_profile)
    finally:
        summarise.pipeline.reconcile = real
    print()
    print_rows([row])
    for title, profile in (("event-loop thread", loop_profile), ("reconcile worker thread", reconcile_profile)):
        for sort in ("tottime", "cumulative"):
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out)
            stats.sort_stats(sort).print_stats(top)
            print(f"\n== cProfile, {title}, by {sort} (top {top}) ==")
            lines = out.getvalue().splitlines()
            start = next((i for i, line in enumerate(lines) if "function calls" in line), 0)
            print("\n".join(short_paths(line) for line in lines[start:] if line.strip()))


def timed_process(argv: list[str], env: dict[str, str], repeats: int = 3) -> tuple[float, float]:
    """The median wall seconds and median CPU seconds (user + system) of running ``argv`` to its
    end (it must exit 0). CPU is what other work on a shared machine adds least to."""
    times, cpus = [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True, timeout=120)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times), statistics.median(cpus)


def cold_cli_rerun(server: FixedLatencyServer, folder: Path, cache_dir: Path, out_dir: Path, concurrency: int,
                   delay: float, n_articles: int) -> None:
    """``summarise run`` in a fresh interpreter on the filled cache, against ``python -c pass``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISE_"))}
    cli = [sys.executable, "-m", "summarise.cli", "run", str(folder), "-q", "-o", str(out_dir), "--extractor", "llm",
           "--base-url", server.base_url, "--model", "bench", "--concurrency", str(concurrency),
           "--timeout", f"{delay * 5 + 30:g}", "--cache-dir", str(cache_dir)]
    server.log.reset(limit=MAX_REQUESTS_PER_ARTICLE * n_articles)
    bare, bare_cpu = timed_process([sys.executable, "-c", "pass"], env)
    whole, whole_cpu = timed_process(cli, env)
    print(f"cold CLI cached re-run (median of 3): {whole:.3f} s wall, interpreter start-up {bare:.3f} s, "
          f"beyond start-up {whole - bare:.3f} s (target 1 s); CPU {whole_cpu:.3f} s, beyond start-up "
          f"{whole_cpu - bare_cpu:.3f} s; requests received {len(server.log.received)}")


def cold_first_request(server: FixedLatencyServer, folder: Path, tmp: Path, concurrency: int, delay: float,
                       n_articles: int, repeats: int = 3) -> None:
    """``summarise run`` in a fresh interpreter with an empty cache: seconds from launching the
    process to the first request's arrival at the server (median of ``repeats``). Each process is
    stopped once its first request has arrived: the rest of the run is the rows' business."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISE_"))}
    firsts: list[float] = []
    cpus: list[float] = []  # the process's CPU seconds when its first request arrived (steadier than wall on a busy machine)
    server.quiet_errors = True  # the killed processes' requests end in broken pipes: expected here
    try:
        _cold_runs(server, folder, tmp, concurrency, delay, n_articles, repeats, env, firsts, cpus)
    finally:
        time.sleep(0.2)  # let the handlers of the last killed process finish
        server.quiet_errors = False
    if len(firsts) == repeats:
        print(f"cold first request (fresh interpreter, empty cache, from process launch; median of {repeats}): "
              f"{statistics.median(firsts):.3f} s (runs: {', '.join(f'{t:.3f}' for t in firsts)}; target 0.5 s); "
              f"CPU of the process by then: median {statistics.median(cpus):.3f} s")


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process so far (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def _cold_runs(server: FixedLatencyServer, folder: Path, tmp: Path, concurrency: int, delay: float, n_articles: int,
               repeats: int, env: dict[str, str], firsts: list[float], cpus: list[float]) -> None:
    for i in range(repeats):
        cli = [sys.executable, "-m", "summarise.cli", "run", str(folder), "-q", "-o", str(tmp / f"cold-out-{i}"),
               "--extractor", "llm", "--base-url", server.base_url, "--model", "bench",
               "--concurrency", str(concurrency), "--timeout", f"{delay * 5 + 30:g}",
               "--cache-dir", str(tmp / f"cold-cache-{i}")]
        server.log.reset(limit=MAX_REQUESTS_PER_ARTICLE * n_articles)
        started = time.perf_counter()
        process = subprocess.Popen(cli, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        first = None
        try:
            while process.poll() is None and time.perf_counter() - started < 60:
                with server.log.lock:  # requests of an earlier, killed process may still be logged
                    first = min((r.at for r in server.log.received if r.at >= started), default=None)
                if first is not None:
                    cpus.append(process_cpu_seconds(process.pid))
                    break
                time.sleep(0.002)
        finally:
            process.kill()
            process.wait()
        time.sleep(0.3)  # the killed process's connections close before the next one starts
        if first is None:
            print(f"cold first request: run {i} sent no request (exit {process.returncode})")
            return
        firsts.append(first - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--delay", type=float, default=2.0, help="seconds each completion takes (default 2)")
    parser.add_argument("--articles", type=int, default=36, help="articles in the folder (default 36)")
    parser.add_argument("--concurrency", default="1,4,8,16", help="comma-separated values (default 1,4,8,16)")
    parser.add_argument("--profile", type=int, default=None, metavar="C",
                        help="also run one row at concurrency C under cProfile and print the hot spots")
    parser.add_argument("--top", type=int, default=25, help="profile lines to print (default 25)")
    parser.add_argument("--cold-repeats", type=int, default=3, help="fresh processes timed for the first request")
    parser.add_argument("--cold-only", action="store_true",
                        help="measure only the first request of a fresh process, then stop")
    parser.add_argument("--budget", type=float, default=900.0, help="exit by itself after this many seconds")
    args = parser.parse_args()
    if not 0 <= args.delay <= 30 or not 1 <= args.articles <= 500:
        parser.error("--delay must be in 0..30 and --articles in 1..500")
    concurrencies = [int(c) for c in args.concurrency.split(",") if c.strip()]

    watchdog = threading.Timer(args.budget, lambda: (print(f"budget of {args.budget:.0f} s spent: stopping",
                                                           file=sys.stderr, flush=True), os._exit(3)))
    watchdog.daemon = True
    watchdog.start()

    print(machine_line())
    print(f"LLM stack import (paid once per process, before a CLI run's first request): {import_llm_stack():.3f} s")
    server = FixedLatencyServer(args.delay)
    try:
        with tempfile.TemporaryDirectory(prefix="llm-latency-") as tmp:
            folder = Path(tmp) / "event"
            folder.mkdir()
            write_articles(folder, args.articles)
            print(f"{args.articles} articles, model delay {args.delay:g} s, server {server.base_url}\n")
            cold_first_request(server, folder, Path(tmp), concurrencies[-1], args.delay, args.articles, args.cold_repeats)
            if args.cold_only:
                return
            print()
            rows, cache_dir = [], Path(tmp) / "cache-none"
            for concurrency in concurrencies:
                cache_dir = Path(tmp) / f"cache-c{concurrency}"  # empty: every request reaches the server
                rows.append(run_row(f"c={concurrency}", server, folder, concurrency, cache_dir, args.articles,
                                    args.delay))
            cached = run_row(f"cached c={concurrencies[-1]}", server, folder, concurrencies[-1], cache_dir,
                             args.articles, args.delay)
            print_rows(rows)
            print(f"\ncached re-run (cache of row c={concurrencies[-1]}): wall {cached.wall:.3f} s, "
                  f"client cpu {cached.cpu:.3f} s, requests received {cached.requests}")
            cold_cli_rerun(server, folder, cache_dir, Path(tmp) / "out", concurrencies[-1], args.delay, args.articles)
            if args.profile is not None:
                profiled_row(server, folder, args.profile, Path(tmp) / "cache-profiled", args.articles,
                             args.delay, args.top)
    finally:
        server.stop()
        watchdog.cancel()


if __name__ == "__main__":
    main()
