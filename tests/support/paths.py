"""Where the project, its bundled examples and the reference corpus sit."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = PROJECT_ROOT / "examples"
CASSETTE_DIR = PROJECT_ROOT / "cassettes"
CORPUS_DIR = PROJECT_ROOT.parent / "shared" / "corpus"
# Why a corpus-backed test skips on a fresh clone without ../shared beside it.
NO_CORPUS_REASON = f"the reference corpus is not at {CORPUS_DIR} (a clone without ../shared)"
