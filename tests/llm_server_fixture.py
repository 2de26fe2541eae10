"""The ``scripted_server`` fixture, a pytest plugin: a test module that uses it declares
``pytest_plugins = ["tests.llm_server_fixture"]``.

It lives apart from tests/llm_fake_server.py because the test modules import that one's helpers
directly, and pytest cannot rewrite the asserts of a plugin module that was imported first.
"""

from __future__ import annotations

import pytest

from tests.support.llm_fake_server import Reply, ScriptedServer


@pytest.fixture
def scripted_server():
    """``scripted_server(*replies) -> ScriptedServer``: start a server that plays ``replies``;
    every server started is stopped after the test."""
    servers: list[ScriptedServer] = []

    def start(*replies: Reply) -> ScriptedServer:
        servers.append(ScriptedServer(list(replies)))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()
