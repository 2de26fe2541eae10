"""Suite-wide guards and fixtures.

Real network requests are blocked for every test (after pydantic-ai): a test that needs an LLM
replays a cassette, and a missing interaction fails instead of reaching a server. Loopback stays
open for servers a test starts itself. Every cassette a test replays must be played in full
(``_every_cassette_played``): a recorded request the code no longer sends fails the test.
"""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

from tests.support.llm_vcr import tracked_cassettes, unplayed
from tests.support.paths import CORPUS_DIR, NO_CORPUS_REASON


class NetworkBlocked(RuntimeError):
    pass


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """``_every_cassette_played``: fail the test (not its teardown) when a cassette it replayed
    still holds a recorded interaction it never requested."""
    with tracked_cassettes() as used:
        result = yield
    left = unplayed(used)
    if left:
        pytest.fail("cassette not played in full: " + "; ".join(left), pytrace=False)
    return result


def _is_loopback(address) -> bool:
    if not isinstance(address, tuple):
        return True  # AF_UNIX paths
    host = address[0]
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _block_network(monkeypatch):
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self, address):
        if not _is_loopback(address):
            raise NetworkBlocked(f"test tried to reach {address!r}; replay a cassette instead")
        return real_connect(self, address)

    def guarded_connect_ex(self, address):
        if not _is_loopback(address):
            raise NetworkBlocked(f"test tried to reach {address!r}; replay a cassette instead")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)


@pytest.fixture(autouse=True)
def _no_llm_environment(monkeypatch, tmp_path):
    """A developer's OPENAI_* variables or cache must never change what a test does."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "SUMMARISE_MODEL", "AZURE_OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SUMMARISE_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS_DIR.is_dir():
        pytest.skip(NO_CORPUS_REASON)
    return CORPUS_DIR


@pytest.fixture(scope="session")
def tinzaouaten_dir(corpus_dir) -> Path:
    return corpus_dir / "tinzaouaten-2024"


@pytest.fixture(scope="session")
def mh370_dir(corpus_dir) -> Path:
    return corpus_dir / "mh370-2014"
