"""A scripted OpenAI-compatible server on 127.0.0.1 for the LLM tests, and the small fakes they share.

HAND-WRITTEN FIXTURE, not a recording: each test lists the HTTP answers it wants (status, headers,
body), to reach failure paths a real model cannot be made to produce on demand (401, 404, 429
with Retry-After, a chosen bad quote). The recorded behaviour of a real server lives in
cassettes/ (scripts/record_cassettes.py). The pytest fixture that starts and stops these servers
is ``scripted_server`` in tests/llm_server_fixture.py.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from summarise.config import LLMConfig


@dataclass
class Reply:
    """One HTTP answer. The fault fields misbehave on purpose: ``reset`` closes the connection
    with a TCP reset instead of answering; ``cut_short`` declares more bytes than it sends, then
    closes; ``drip_seconds`` sends the body one byte at a time with that pause between bytes;
    ``delay_seconds`` answers only after that long (a slow model; cut short when the server stops)."""

    status: int = 200
    body: dict | str = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    reset: bool = False
    cut_short: bool = False
    drip_seconds: float = 0.0
    delay_seconds: float = 0.0


def completion(content: str | dict, prompt_tokens: int = 100, completion_tokens: int = 20) -> Reply:
    """A chat completion whose message content is ``content`` (a dict is sent as JSON text)."""
    text = content if isinstance(content, str) else json.dumps(content)
    return Reply(
        body={
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": "test-model",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }
    )


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    """An OpenAI-style error answer."""
    return Reply(status=status, body={"error": {"message": message, "type": "test"}}, headers=headers or {})


class LoopbackServer(ThreadingHTTPServer):
    """An HTTP server on a free loopback port, serving from a daemon thread until ``stop``."""

    daemon_threads = True

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class ScriptedServer(LoopbackServer):
    """Plays ``replies`` in order (the last one repeats) and keeps every request it received."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies = list(replies)
        self.requests: list[dict] = []
        self.headers_seen: list[dict[str, str]] = []
        self.stopping = threading.Event()  # ends a delayed reply's wait
        super().__init__(_Handler)

    def stop(self) -> None:
        self.stopping.set()
        super().stop()


class _Handler(BaseHTTPRequestHandler):
    server: ScriptedServer

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("content-length", 0)))
        self.server.requests.append(json.loads(raw))
        self.server.headers_seen.append({k.lower(): v for k, v in self.headers.items()})
        index = min(len(self.server.requests), len(self.server.replies)) - 1
        reply = self.server.replies[index]
        if reply.delay_seconds and self.server.stopping.wait(reply.delay_seconds):
            self.close_connection = True  # the server is stopping: no answer
            return
        if reply.reset:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()  # linger 0: the peer sees a reset
            return
        payload = (reply.body if isinstance(reply.body, str) else json.dumps(reply.body)).encode()
        self.send_response(reply.status)
        self.send_header("content-type", "application/json")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(payload) + (1000 if reply.cut_short else 0)))
        self.end_headers()
        try:
            if reply.drip_seconds:
                for byte in payload:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(reply.drip_seconds)
            else:
                self.wfile.write(payload)
        except OSError:  # the client gave up: the test is over for this connection
            pass
        if reply.cut_short:
            self.close_connection = True

    def log_message(self, *args) -> None:
        pass



def scripted_config(base_url: str, tmp_path: Path, **overrides) -> LLMConfig:
    """A config for a scripted server: a cache of the test's own, no transport retries."""
    settings = {"model": "test-model", "base_url": base_url, "cache_dir": tmp_path / "cache", "max_retries": 0}
    return LLMConfig(**{**settings, **overrides})


def closed_port_url() -> str:
    """The base URL of a loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


class RecordedSleep:
    """A sleep that returns at once and keeps the seconds it was asked to wait."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
