"""The builders in tests/support/builders.py compute offsets that hold."""

from schemas import Outcome
from tests.support.builders import EXACT, article, claim


def test_builders_compute_offsets_that_hold():
    art = article("a.txt", "Intro. The army said 12 rebels were killed.")
    made = claim(art, "12 rebels were killed", Outcome.killed, "12 rebels", EXACT(12), "the army")
    assert made.evidence.holds_in(art.text)
    assert made.evidence.start == art.text.index("12 rebels")
