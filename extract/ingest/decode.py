"""Bytes to text: UTF-8 (with or without BOM), then legacy 8-bit encodings.

Newlines are left as they are, so every offset an extractor reports is a Python index into
exactly the string ``bytes.decode`` returned.
"""

from __future__ import annotations

import codecs

from extract.errors import NotTextError

# cp1252 before latin-1: news files in a legacy encoding are almost always Windows-1252, whose
# curly quotes (0x93/0x94) latin-1 would turn into invisible C1 control characters.
LEGACY_ENCODINGS = ("cp1252", "latin-1")

_TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``NotTextError`` for binary data.

    A UTF-8 byte-order mark is stripped (encoding ``utf-8-sig``). Binary means NUL bytes, or
    more than 5% C0 control characters once decoded.
    """
    if b"\x00" in data:
        raise NotTextError("binary file (contains NUL bytes)")
    if data.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    else:
        candidates = ("utf-8", *LEGACY_ENCODINGS)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _reject_control_heavy(text)
        return text, encoding
    raise NotTextError(f"not decodable as {' or '.join(candidates)}")


def _reject_control_heavy(text: str) -> None:
    if not text:
        return
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _TEXT_CONTROLS)
    if controls / len(text) > 0.05:
        raise NotTextError("binary file (too many control characters)")
