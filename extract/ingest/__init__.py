"""Ingest: a folder of news reports to ``Article`` objects.

Reads .txt, .md, .html/.htm and .json files directly inside one folder, decodes them, takes the
main text out of HTML, detects what metadata the text shows, and marks the stretches that are not
about the event as excluded ranges. One bad file is skipped with a one-line reason; only a folder
with no readable article at all fails the run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from extract.errors import ArticleError, IngestError, NotTextError
from extract.ingest.decode import decode_bytes
from extract.ingest.html_text import parse_html
from extract.ingest.metadata import detect_dateline, detect_published, detect_title, detect_wire, parse_date
from extract.ingest.off_topic import find_excluded
from schemas import Article, ArticleFailure

__all__ = [
    "ArticleError", "IngestError", "IngestResult", "SUPPORTED_SUFFIXES", "articles_folder", "ingest_folder", "read_article",
]

SUPPORTED_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}
DEFAULT_MAX_FILE_BYTES = 2_000_000


@dataclass
class IngestResult:
    """The articles of a folder, and the files passed over with their reasons."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[ArticleFailure] = field(default_factory=list)


def articles_folder(folder: Path) -> Path:
    """Where a folder keeps its reports: its ``articles/`` subfolder when it has one (the corpus
    layout, beside gold.yaml), else the folder itself."""
    nested = Path(folder) / "articles"
    return nested if nested.is_dir() else Path(folder)


def ingest_folder(folder: Path, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> IngestResult:
    """Read every article file directly inside ``folder`` (not recursive), sorted by name.

    Hidden files and subfolders are passed over silently; any other file that cannot be read
    lands in ``skipped`` with its reason. Raises ``IngestError`` when the folder is missing, is
    not a folder, or yields no article.
    """
    folder = Path(folder)
    if not folder.exists():
        raise IngestError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise IngestError(f"{folder}: not a folder")
    result = IngestResult()
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.is_dir():
            continue
        try:
            result.articles.append(_read_checked(path, max_file_bytes))
        except ArticleError as exc:
            result.skipped.append(ArticleFailure(article=path.name, reason=_reason_only(exc, path)))
    if not result.articles:
        detail = f"; skipped {len(result.skipped)} file(s): {result.skipped[0].reason}" if result.skipped else ""
        raise IngestError(f"{folder}: no readable article in this folder{detail}")
    return result


def read_article(path: Path, article_id: str | None = None) -> Article:
    """Read one article file; raise ``ArticleError`` (one line naming the file) if it is unusable."""
    return _read_checked(Path(path), None, article_id)


def _read_checked(path: Path, max_file_bytes: int | None, article_id: str | None = None) -> Article:
    source_format = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if source_format is None:
        raise ArticleError(f"{path.name}: unsupported file type {path.suffix or '(no extension)'!r}; "
                           f"expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    try:
        size = path.stat().st_size
        if max_file_bytes is not None and size > max_file_bytes:
            raise ArticleError(f"{path.name}: file is {size} bytes, over the {max_file_bytes}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path.name}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    try:
        raw, encoding = decode_bytes(data)
    except NotTextError as exc:
        raise ArticleError(f"{path.name}: {exc}") from None
    fields = _FORMAT_READERS[source_format](raw, path)
    text = fields.pop("text")
    if not text.strip():
        raise ArticleError(f"{path.name}: no article text")
    article = Article(id=article_id or path.name, text=text, source_format=source_format, encoding=encoding)
    article.excluded = find_excluded(text, source_format)
    _fill_metadata(article, fields)
    return article


def _reason_only(exc: ArticleError, path: Path) -> str:
    """``skipped`` names the file in its own field; the reason drops the 'name: ' prefix."""
    message = str(exc)
    prefix = f"{path.name}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _read_plain(raw: str, path: Path) -> dict:
    return {"text": raw}


def _read_html(raw: str, path: Path) -> dict:
    page = parse_html(raw)
    return {"text": page.text, "title": page.title, "published": page.published,
            "outlet": page.outlet, "url": page.url}


def _read_json(raw: str, path: Path) -> dict:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ArticleError(f"{path.name}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise ArticleError(f"{path.name}: expected a JSON object with a 'text' field")
    if not isinstance(data.get("text"), str):
        raise ArticleError(f"{path.name}: JSON has no 'text' string")
    fields = {key: data.get(key) for key in ("title", "published", "outlet", "url")}
    fields = {key: value if isinstance(value, str) and value.strip() else None for key, value in fields.items()}
    return {"text": data["text"], **fields}


_FORMAT_READERS = {"txt": _read_plain, "md": _read_plain, "html": _read_html, "json": _read_json}


def _fill_metadata(article: Article, fields: dict) -> None:
    """Metadata the file states wins over what the text suggests."""
    scope = article.scope_text()
    article.title = (fields.get("title") or "").strip() or detect_title(scope)
    article.published = _as_date(fields.get("published")) or detect_published(scope)
    article.outlet = fields.get("outlet")
    article.url = fields.get("url")
    article.dateline = detect_dateline(scope)
    article.wire = detect_wire(scope)


def _as_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return parse_date(value)
