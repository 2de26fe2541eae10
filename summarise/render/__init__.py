"""Render an EventSummary as ``summary.md``, ``summary.json`` and a self-contained ``report.html``.

The renderers are pure functions from the summary to text; ``write_outputs`` is the only part that
touches disk, and it writes a whole set or nothing new (see ``write_rendered``).
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from schemas import EventSummary
from summarise.render.html_report import render_html
from summarise.render.json_report import render_json
from summarise.render.markdown_report import render_markdown

FILE_NAMES = {"md": "summary.md", "json": "summary.json", "html": "report.html"}
_ALIASES = {"markdown": "md", "md": "md", "json": "json", "html": "html"}
RENDERERS = {"md": render_markdown, "json": render_json, "html": render_html}

__all__ = ["FILE_NAMES", "RENDERERS", "render_html", "render_json", "render_markdown", "write_outputs", "write_rendered"]


def write_outputs(summary: EventSummary, out_dir: Path, formats: list[str]) -> dict[str, Path]:
    """Write the requested formats (``md``/``markdown``, ``json``, ``html``) into ``out_dir``.

    Returns the written path per canonical format name. An unknown format raises ``ValueError``
    before anything is written.
    """
    wanted = []
    for name in formats:
        key = _ALIASES.get(name.strip().lower())
        if key is None:
            raise ValueError(f"unknown output format {name!r}: choose from md, json, html")
        if key not in wanted:
            wanted.append(key)
    return write_rendered({key: RENDERERS[key](summary) for key in wanted}, out_dir)


def write_rendered(rendered: dict[str, str], out_dir: Path) -> dict[str, Path]:
    """Write texts already rendered (format name to text, as ``run_pipeline`` returns them) into
    ``out_dir`` under their file names; returns the written path per format.

    The set is never half-written: every text goes to a temporary file in ``out_dir`` first
    (flushed to disk), and only when all are written is each renamed into place (``os.replace``,
    atomic per file). A failure before that leaves the old files as they were and removes the
    temporaries; a kill leaves at most hidden ``.summary.md.*.tmp`` files, never a truncated
    output. The renames happen under an exclusive lock on the folder, so two runs into one
    folder leave one run's whole set, not a mix.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = {key: out_dir / FILE_NAMES[key] for key in rendered}
    for path in targets.values():
        if path.is_dir():  # os.replace would fail on it only after the others were replaced
            raise IsADirectoryError(errno.EISDIR, "is a folder, cannot be replaced by an output", str(path))
    temporaries: dict[str, Path] = {}
    try:
        for key, text in rendered.items():
            temporaries[key] = _write_temporary(out_dir, targets[key].name, text)
        with _folder_lock(out_dir):
            for key, temporary in temporaries.items():
                os.replace(temporary, targets[key])
    finally:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)  # gone once replaced; only leftovers of a failure remain
    return targets


def _write_temporary(out_dir: Path, name: str, text: str) -> Path:
    fd, temporary = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # the mode a plain write would give, not mkstemp's 0600
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def _folder_lock(out_dir: Path) -> Iterator[None]:
    """An exclusive ``flock`` on the output folder itself (no lock file is left behind); where
    the platform has none, no lock."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    fd = os.open(out_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
