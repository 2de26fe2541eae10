"""The command's folders, checked before any work: the folder of reports it reads and the folder it
writes to. Each check raises ``InputError`` with one line; nothing here creates or changes a file
except ``write_source_stamp``.

- ``news_folder(folder)``: the folder ingest will read (``articles/`` inside an event folder) and
  the event's name. A folder whose article files all look like something else (a project's README,
  LICENSE or CHANGELOG, a package manifest; or every file too short to be a report, under
  ``MIN_REPORT_BYTES``) is refused: ``summarise .`` in a repository would summarise its README.
- ``default_output(event, source)``: ``./summary-EVENT``, refused when it holds another event's summary.
- ``check_output(path)``: the output folder is a folder, or can be created, and can be written.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from extract.errors import InputError
from extract.ingest import SUPPORTED_SUFFIXES, articles_folder

# A news report is at least a headline and a sentence; shorter files are notes, stubs or markers.
MIN_REPORT_BYTES = 100
# Files a software project or a website keeps, under the suffixes ingest reads: never a report.
_PROJECT_FILE = re.compile(
    r"^(?:readme|licen[cs]e|copying|changelog|changes|history|contributing|contributors|code_of_conduct|"
    r"security|authors|notice|todo|install|maintainers|citation|funding|support|codeowners)(?:[._-].*)?$"
    r"|^(?:requirements|constraints)(?:[._-].*)?\.txt$"
    r"|^(?:package|package-lock|composer|tsconfig|jsconfig|deno|renovate|manifest|\.?eslintrc|\.?prettierrc)\.json$"
    r"|^(?:cmakelists|robots|llms)\.txt$",
    re.I,
)
SOURCE_STAMP = ".summarise-source"  # beside the outputs: the folder the summary was made from


@dataclass(frozen=True)
class NewsFolder:
    source: Path  # the folder ingest reads
    event: str  # the event's name: the folder above articles/, else the folder itself
    project_files: list[str]  # article-typed files that look like project files (read all the same)


def is_project_file(name: str) -> bool:
    """True for a README, LICENSE, CHANGELOG, package manifest and the like."""
    return bool(_PROJECT_FILE.match(name))


def news_folder(folder: Path) -> NewsFolder:
    """Check ``folder`` can be summarised, before any work (see the module docstring). Files that
    cannot be read are left to ingest, which skips each with its reason."""
    folder = Path(folder)
    if not folder.exists():
        raise InputError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    source = articles_folder(folder)
    resolved = Path(os.path.abspath(source))
    event_dir = resolved.parent if resolved.name == "articles" else resolved
    event = event_dir.name or "event"
    candidates = _article_files(source)
    if not candidates:
        raise InputError(f"{source}: no article file in this folder (it reads {' '.join(sorted(SUPPORTED_SUFFIXES))})")
    project = [path.name for path in candidates if is_project_file(path.name)]
    reports = [path for path in candidates if not is_project_file(path.name) and _size(path) >= MIN_REPORT_BYTES]
    if not reports:
        short = [path.name for path in candidates if path.name not in project]
        why = []
        if project:
            why.append(f"{_names(project)} look{'s like a project file' if len(project) == 1 else ' like project files'}")
        if short:
            why.append(f"{_names(short)} {'is' if len(short) == 1 else 'are'} too short to be a report "
                       f"(under {MIN_REPORT_BYTES} bytes)")
        raise InputError(f"{source}: no news report here: {'; '.join(why)}; give a folder of articles"
                         + _subfolder_hint(source))
    return NewsFolder(source=source, event=event, project_files=project)


def _subfolder_hint(folder: Path) -> str:
    try:
        names = sorted(p.name + "/" for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return ""
    return f" (such as one of its subfolders: {_names(names)})" if names else ""


def _article_files(folder: Path) -> list[Path]:
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return []  # missing, not a folder, unreadable: ingest reports it
    return [p for p in entries if not p.name.startswith(".") and p.suffix.lower() in SUPPORTED_SUFFIXES
            and p.is_file()]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _names(names: list[str], most: int = 3) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def check_output(path: Path) -> None:
    """The output folder is a folder (or does not exist yet and can be created) and is writable."""
    if path.exists():
        if not path.is_dir():
            raise InputError(f"{path}: -o takes a folder, and this is a file")
        if not os.access(path, os.W_OK | os.X_OK):
            raise InputError(f"{path}: the output folder cannot be written (permission denied)")
        return
    parent = Path(os.path.abspath(path)).parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(f"{path}: the output folder cannot be created: {parent} is a file")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"{path}: the output folder cannot be created in {parent} (permission denied)")


def default_output(event: str, source: Path, cwd: Path | None = None) -> Path:
    """``./summary-EVENT``, checked: refused when it already holds the summary of another folder
    (so that two events of the same name never overwrite each other silently). Refusing, rather
    than picking a free name, keeps the output where the user expects it and says so in one line."""
    out = (cwd or Path.cwd()) / f"summary-{event}"
    check_output(out)
    other = other_event(out, source)
    if other is not None:
        raise InputError(f"{out} holds the summary of another event ({other}); "
                         f"give -o DIR to write this one elsewhere, or remove that folder")
    return out


def other_event(out: Path, source: Path) -> str | None:
    """What ``out`` holds when it is the summary of another folder than ``source``, else None.

    The stamp written beside the outputs names the folder read; a summary.json without one (an
    older run) belongs to ``source`` when the two share an article file name."""
    summary = out / "summary.json"
    if not summary.exists():
        return None
    stamp = out / SOURCE_STAMP
    here = os.path.realpath(source)
    try:
        if stamp.exists():
            made_from = stamp.read_text(encoding="utf-8").strip()
            return None if made_from == here else made_from
        data = json.loads(summary.read_text(encoding="utf-8"))
        ids = {a["id"] for a in data.get("articles", [])}
        title = str(data.get("title", "?"))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return "a summary.json summarise cannot read"
    if ids & {p.name for p in _article_files(source)}:
        return None
    return repr(title)


def write_source_stamp(out: Path, source: Path) -> None:
    """Note in ``out`` which folder its summary was made from (read by ``other_event``)."""
    (out / SOURCE_STAMP).write_text(os.path.realpath(source) + "\n", encoding="utf-8")
