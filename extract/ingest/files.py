"""Reading one article file's bytes without surprises: regular files only, never blocking, never
more than the size limit in memory, and (inside a folder) never a file outside it.

A FIFO would block ``open`` until a writer comes; ``/dev/zero`` would fill memory; a symlink to
``/etc/passwd`` would put a system file into a summary. So: the path is resolved and, when a
folder is given, must stay inside it; it must be a regular file before it is opened (``stat``),
it is opened with ``O_NONBLOCK`` and checked again on the open descriptor (``fstat``: the file
may have been swapped in between), and at most ``max_bytes + 1`` bytes are read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from extract.errors import ArticleError

_CHUNK = 1 << 20
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def read_file_bytes(path: Path, max_bytes: int, folder: Path | None = None) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``max_bytes``); ``ArticleError`` naming
    the file otherwise. With ``folder``, a path that resolves outside it is refused."""
    real = Path(os.path.realpath(path))
    if folder is not None and not _is_inside(real, Path(os.path.realpath(folder))):
        raise ArticleError(f"{path.name}: a link to a file outside the folder; not read")
    try:
        _require_regular(path, os.stat(real).st_mode)
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        raise ArticleError(f"{path.name}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    try:
        info = os.fstat(fd)
        _require_regular(path, info.st_mode)
        if info.st_size > max_bytes:
            raise ArticleError(f"{path.name}: file is {info.st_size} bytes, over the {max_bytes}-byte limit")
        data = _read_at_most(fd, max_bytes + 1)
    except OSError as exc:
        raise ArticleError(f"{path.name}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew after fstat
        raise ArticleError(f"{path.name}: file is over the {max_bytes}-byte limit")
    return data


def _is_inside(real: Path, root: Path) -> bool:
    return real == root or root in real.parents


def _require_regular(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise ArticleError(f"{path.name}: not a regular file ({_kind(mode)}); not read")


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "not a plain file")


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = os.read(fd, min(_CHUNK, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
