"""Render an EventSummary as ``summary.md``, ``summary.json`` and a self-contained ``report.html``.

The renderers are pure functions from the summary to text; ``write_outputs`` is the only part that
touches disk.
"""

from __future__ import annotations

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
    ``out_dir`` under their file names; returns the written path per format."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for key, text in rendered.items():
        path = out_dir / FILE_NAMES[key]
        path.write_text(text, encoding="utf-8")
        written[key] = path
    return written
