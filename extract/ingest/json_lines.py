"""The fields of a JSON article, and JSON Lines files: one article object per line.

A ``.jsonl`` line holds the fields of a ``.json`` file (``title``, ``text``, ``url``, ``outlet``,
``published``). A bad line (not JSON, not an object, no ``text`` string, no article text) is
reported with its line number and the other lines go on; a file with more article lines than
``MAX_JSONL_ARTICLES`` is read up to there and the rest reported once, so one huge file cannot
flood a run (the file's size is bounded before it is read, as for every file).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from extract.errors import ArticleError

MAX_JSONL_ARTICLES = 1000  # a folder of reports about one event; past this it is a dump, not a folder
_FIELDS = ("title", "published", "outlet", "url")


def json_article_fields(data: object, where: str) -> dict:
    """``text`` and the optional string fields of a decoded JSON article; ``ArticleError`` naming
    ``where`` when it is not an object with a ``text`` string. Blank optional fields are None."""
    if not isinstance(data, dict):
        raise ArticleError(f"{where}: expected a JSON object with a 'text' field")
    if not isinstance(data.get("text"), str):
        raise ArticleError(f"{where}: JSON has no 'text' string")
    fields = {key: data.get(key) for key in _FIELDS}
    fields = {key: value if isinstance(value, str) and value.strip() else None for key, value in fields.items()}
    return {"text": data["text"], **fields}


def decode_json(raw: str, where: str, one_line: bool = False) -> object:
    """``json.loads`` with its failures as one-line ``ArticleError`` naming ``where``; the place is
    a line of the file, or a column when ``raw`` is one line of a JSON Lines file."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        place = f"column {exc.colno}" if one_line else f"line {exc.lineno}"
        raise ArticleError(f"{where}: not valid JSON ({exc.msg} at {place})") from None
    except RecursionError:  # the decoder recurses per nesting level; an article is 1-2 deep
        raise ArticleError(f"{where}: JSON nested too deeply to be an article") from None


@dataclass
class JsonLine:
    """One article line: its 1-based line number and its fields."""

    number: int
    fields: dict


def split_json_lines(raw: str, name: str) -> tuple[list[JsonLine], list[tuple[int, str]]]:
    """The article lines of a JSON Lines file, and ``(line number, reason)`` for each bad line.

    Lines are numbered as an editor shows them (1-based, split on ``\\n``; a ``\\r`` before it
    is dropped). Blank lines are passed over silently, as JSON Lines readers do. Reasons do not
    repeat the file name; the caller names ``NAME#LINE``.
    """
    good: list[JsonLine] = []
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(raw.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if len(good) >= MAX_JSONL_ARTICLES:
            bad.append((number, f"not read: a JSON Lines file is read up to {MAX_JSONL_ARTICLES} articles"))
            break
        where = f"{name}#{number}"
        try:
            fields = json_article_fields(decode_json(line, where, one_line=True), where)
        except ArticleError as exc:
            bad.append((number, str(exc).removeprefix(f"{where}: ")))
            continue
        if not fields["text"].strip():
            bad.append((number, "no article text"))
            continue
        good.append(JsonLine(number, fields))
    return good, bad
