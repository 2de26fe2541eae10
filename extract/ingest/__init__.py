"""Ingest: a folder of news reports to ``Article`` objects.

Reads .txt, .md, .html/.htm, .json and .jsonl files directly inside one folder, decodes them, takes
the main text out of HTML, detects what metadata the text shows, and marks the stretches that are
not about the event as excluded ranges. One bad file is skipped with a one-line reason; only a
folder with no readable article at all fails the run.

A .jsonl file holds one article per line (the .json fields); its articles have the id
``NAME#LINE`` (``reports.jsonl#3``): the line number is what an editor shows, so a warning or a
citation points at the line, and it stays the same for as long as the file does (an id from the
url would survive reordering, but a url is optional and may repeat). A bad line is skipped as
``NAME#LINE`` with its reason, and the other lines are read.

Only regular files inside the folder are read (``extract.ingest.files``): a FIFO, a device or a
symlink resolving outside the folder is skipped with its reason, never opened blocking, and no
file costs more memory than the size limit. Subfolders are not read but listed as skipped:
reading them would mix in whatever else a folder holds (another event, an archive, a link back
up), so the user is told and can point at the subfolder. With an ``articles/`` subfolder (the
corpus layout), ``ingest_event_folder`` reads it and lists the article files beside it as skipped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from extract.errors import ArticleError, IngestError, NotTextError
from extract.ingest.decode import decode_bytes
from extract.ingest.files import read_file_bytes
from extract.ingest.html_main_text import read_html_page
from extract.ingest.json_lines import decode_json, json_article_fields, split_json_lines
from extract.ingest.metadata import detect_dateline, detect_published, detect_title, detect_wire, find_date_lines
from extract.ingest.off_topic import find_excluded
from extract.text.dates import parse_date
from schemas import Article, ArticleFailure, ExcludedRange

__all__ = [
    "ArticleError", "IngestError", "IngestResult", "SUPPORTED_SUFFIXES", "articles_folder", "ingest_event_folder",
    "ingest_folder", "read_article",
]

SUPPORTED_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json",
                      ".jsonl": "jsonl"}
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


def ingest_event_folder(folder: Path, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> IngestResult:
    """``ingest_folder`` on ``articles_folder(folder)``. When that is the ``articles/`` subfolder,
    article files directly in ``folder`` are not read and are listed in ``skipped`` as
    ``../NAME`` (relative to the folder read), so that nothing is passed over without a word."""
    folder = Path(folder)
    source = articles_folder(folder)
    shadowed = _article_files_beside(folder) if source != folder else []
    try:
        result = ingest_folder(source, max_file_bytes)
    except IngestError as exc:
        if shadowed:
            raise IngestError(f"{exc}; {len(shadowed)} article file(s) directly in {folder} are not read "
                              f"when it has an articles/ subfolder") from None
        raise
    result.skipped += [ArticleFailure(article=f"../{name}", reason=f"not read: {source.name}/ beside it is read instead")
                       for name in shadowed]
    return result


def _article_files_beside(folder: Path) -> list[str]:
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if not entry.is_dir())
    except OSError:
        return []
    return [name for name in names if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES]


def ingest_folder(folder: Path, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> IngestResult:
    """Read every article file directly inside ``folder`` (not recursive), sorted by name.

    Hidden files are passed over silently; a subfolder (listed as ``NAME/``) and any other file
    that cannot be read land in ``skipped`` with the reason. Raises ``IngestError`` when the
    folder is missing, is not a folder, cannot be listed, or yields no article.
    """
    folder = Path(folder)
    if not folder.exists():
        raise IngestError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise IngestError(f"{folder}: not a folder")
    try:
        paths = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise IngestError(f"{folder}: cannot be listed ({exc.strerror or type(exc).__name__})") from None
    result = IngestResult()
    for path in paths:
        if path.name.startswith("."):
            continue
        if _is_folder(path):
            result.skipped.append(ArticleFailure(
                article=f"{path.name}/", reason="a subfolder; not read (only the files directly in the folder are)"))
            continue
        try:
            if SUPPORTED_SUFFIXES.get(path.suffix.lower()) == "jsonl":
                articles, bad_lines = _read_json_lines(path, max_file_bytes, folder)
                result.articles += articles
                result.skipped += bad_lines
            else:
                result.articles.append(_read_checked(path, max_file_bytes, folder=folder))
        except ArticleError as exc:
            result.skipped.append(ArticleFailure(article=path.name, reason=_reason_only(exc, path)))
    if not result.articles:
        detail = f"; skipped {len(result.skipped)} file(s): {result.skipped[0].reason}" if result.skipped else ""
        raise IngestError(f"{folder}: no readable article in this folder{detail}")
    return result


def _is_folder(path: Path) -> bool:
    """A real subfolder; a symlink to a folder outside is refused as a file would be."""
    try:
        return path.is_dir() and (not path.is_symlink() or Path(os.path.realpath(path)).is_relative_to(
            Path(os.path.realpath(path.parent))))
    except OSError:
        return False


def read_article(path: Path, article_id: str | None = None, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Article:
    """Read one article file; raise ``ArticleError`` (one line naming the file) if it is unusable:
    not a regular file, over ``max_file_bytes``, not text, or without article text. A .jsonl file
    holds many articles: ``ingest_folder`` reads it, and here it is refused."""
    return _read_checked(Path(path), max_file_bytes, article_id=article_id)


def _read_checked(path: Path, max_file_bytes: int, folder: Path | None = None, article_id: str | None = None) -> Article:
    source_format = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if source_format is None:
        raise ArticleError(f"{path.name}: unsupported file type {path.suffix or '(no extension)'!r}; "
                           f"expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    if source_format == "jsonl":
        raise ArticleError(f"{path.name}: a JSON Lines file holds many articles; read its folder instead")
    raw, encoding = _read_text(path, max_file_bytes, folder)
    fields = _FORMAT_READERS[source_format](raw, path)
    if not fields["text"].strip():
        raise ArticleError(f"{path.name}: no article text")
    return _build_article(article_id or path.name, fields, source_format, encoding)


def _read_json_lines(path: Path, max_file_bytes: int, folder: Path) -> tuple[list[Article], list[ArticleFailure]]:
    """The articles of a .jsonl file (ids ``NAME#LINE``) and its bad lines as skipped entries."""
    raw, encoding = _read_text(path, max_file_bytes, folder)
    good, bad = split_json_lines(raw, path.name)
    articles = [_build_article(f"{path.name}#{line.number}", line.fields, "jsonl", encoding) for line in good]
    skipped = [ArticleFailure(article=f"{path.name}#{number}", reason=reason) for number, reason in bad]
    if not articles and not skipped:
        raise ArticleError(f"{path.name}: no article text")
    return articles, skipped


def _read_text(path: Path, max_file_bytes: int, folder: Path | None) -> tuple[str, str]:
    data = read_file_bytes(path, max_file_bytes, folder)
    try:
        return decode_bytes(data)
    except NotTextError as exc:
        raise ArticleError(f"{path.name}: {exc}") from None


def _build_article(article_id: str, fields: dict, source_format: str, encoding: str) -> Article:
    fields = dict(fields)
    text = fields.pop("text")
    article = Article(id=article_id, text=text, source_format=source_format, encoding=encoding)
    article.excluded = find_excluded(text, source_format)
    scope = article.scope_text()
    dated = detect_published(scope)  # read before its lines are left out
    article.excluded = sorted(article.excluded + _date_furniture(scope), key=lambda r: r.start)
    _fill_metadata(article, fields, dated)
    return article


def _date_furniture(scope_text: str) -> list[ExcludedRange]:
    """The page's date lines ("date 2031-05-03", "Updated 4 May 2031") as excluded ranges, so no
    later stage reads them as a title, a claimant or a date of the event. Blanking keeps the
    text's length, so offsets still hold; the date itself is read before (``detect_published``)."""
    return [ExcludedRange(start=line.start, end=line.end, reason="date line")
            for line in find_date_lines(scope_text)]


def _reason_only(exc: ArticleError, path: Path) -> str:
    """``skipped`` names the file in its own field; the reason drops the 'name: ' prefix."""
    message = str(exc)
    prefix = f"{path.name}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _read_plain(raw: str, path: Path) -> dict:
    return {"text": raw}


def _read_html(raw: str, path: Path) -> dict:
    page = read_html_page(raw)
    return {"text": page.text, "title": page.title, "published": page.published,
            "outlet": page.outlet, "url": page.url}


def _read_json(raw: str, path: Path) -> dict:
    return json_article_fields(decode_json(raw, path.name), path.name)


_FORMAT_READERS = {"txt": _read_plain, "md": _read_plain, "html": _read_html, "json": _read_json}


def _fill_metadata(article: Article, fields: dict, dated: date | None) -> None:
    """Metadata the file states wins over what the text suggests (``dated``: the page's date line)."""
    scope = article.scope_text()
    article.title = (fields.get("title") or "").strip() or detect_title(scope)
    article.published = _as_date(fields.get("published")) or dated
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
