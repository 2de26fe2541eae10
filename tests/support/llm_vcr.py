"""Cassette settings shared by the LLM tests and scripts/record_cassettes.py.

Every chat completion goes to the same method and path, so requests are told apart by their body,
compared as canonical JSON. Credentials (headers, and a key in the query string, as Azure
allows) and cookies are filtered out of what is recorded, and
compressed responses are stored decoded so a cassette can be read (and reviewed) as text.

Every cassette a test replays must be played in full: ``tracked_cassettes`` notes each cassette
loaded while it is open, and ``unplayed`` names those that were not (vcrpy's ``all_played``);
tests/conftest.py fails any test that leaves one so, whichever helper it used.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import vcr
from vcr.cassette import Cassette
from vcr.record_mode import RecordMode

from tests.support.paths import CASSETTE_DIR, PROJECT_ROOT

LLM_DATA_DIR = PROJECT_ROOT / "tests" / "data" / "llm"

SECRET_HEADERS = ("authorization", "api-key", "openai-organization", "openai-project", "set-cookie", "cookie")
SECRET_QUERY_PARAMETERS = ("api-key", "api_key", "key")

# What the recordings were made with (scripts/record_cassettes.py); replays must ask the same.
# The model the extraction, CLI and corpus cassettes were recorded from (scripts/record_cassettes.py);
# the party and narrative cassettes are older recordings of SmolLM2-135M, kept for their failures.
RECORDED_MODEL = "qwen2.5-coder-1.5b"
SMOLLM2_MODEL = "smollm2"
RECORDED_BASE_URL = "http://127.0.0.1:8091/v1"
# The command line of the recorded `summarise` run (cassettes/llm_cli_border_clash.json), less the
# folder, --base-url and -o. One request at a time: the server has one slot.
RECORDED_CLI_ARGS = ["--model", RECORDED_MODEL, "--concurrency", "1", "--timeout", "600", "-q"]


def canonical_body(body) -> str:
    if body is None:
        return ""
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    try:
        return json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"))
    except ValueError:
        return body


def match_json_body(r1, r2) -> None:
    """vcrpy matcher: raises AssertionError when the bodies differ as JSON."""
    assert canonical_body(r1.body) == canonical_body(r2.body), "request bodies differ"


def scrub_response(response: dict) -> dict:
    """vcrpy hook: drop secret headers (a cookie a server sets, say) from a recorded response."""
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_HEADERS:
            del headers[name]
    return response


def make_vcr(record_mode: str = "none") -> vcr.VCR:
    recorder = vcr.VCR(
        serializer="json",
        cassette_library_dir=str(CASSETTE_DIR),
        record_mode=record_mode,
        match_on=("method", "path", "json_body"),
        filter_headers=SECRET_HEADERS,
        filter_query_parameters=SECRET_QUERY_PARAMETERS,
        before_record_response=scrub_response,
        decode_compressed_response=True,
    )
    recorder.register_matcher("json_body", match_json_body)
    return recorder


# ---------------------------------------------------------------------------------------------
# Every replayed cassette played in full


@dataclass
class UsedCassette:
    cassette: Cassette
    recorded: int  # interactions loaded from the file (0: a new or empty cassette)

    def replayed(self) -> bool:
        """True when the test played this cassette back (rather than recording it afresh)."""
        return self.recorded > 0 and self.cassette.record_mode != RecordMode.ALL


_trackers: list[list[UsedCassette]] = []  # innermost last: a cassette is noted by one tracker only
_real_load = Cassette.__dict__["load"]


def _noting_load(cls, **kwargs) -> Cassette:
    cassette = _real_load.__func__(cls, **kwargs)
    if _trackers:
        _trackers[-1].append(UsedCassette(cassette, len(cassette)))
    return cassette


@contextmanager
def tracked_cassettes() -> Iterator[list[UsedCassette]]:
    """The cassettes loaded (by any ``use_cassette``) while this is open."""
    used: list[UsedCassette] = []
    if not _trackers:
        Cassette.load = classmethod(_noting_load)
    _trackers.append(used)
    try:
        yield used
    finally:
        _trackers.pop()
        if not _trackers:
            Cassette.load = _real_load


def unplayed(used: list[UsedCassette]) -> list[str]:
    """One line per replayed cassette of which some recorded interaction was never requested."""
    return [
        f"{u.cassette._path}: {len(u.cassette.play_counts)} of {u.recorded} recorded interactions played"
        for u in used
        if u.replayed() and not u.cassette.all_played
    ]
