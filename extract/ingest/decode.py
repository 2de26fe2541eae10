"""Bytes to text: a byte-order mark decides (UTF-8, UTF-16), then UTF-8, then a legacy 8-bit
encoding: Windows-1252, or Windows-1251 when the bytes read as Cyrillic.

Newlines are left as they are, so every offset an extractor reports is a Python index into
exactly the string ``bytes.decode`` returned.
"""

from __future__ import annotations

import codecs
import re

from extract.errors import NotTextError

# cp1252 before latin-1: news files in a legacy encoding are almost always Windows-1252, whose
# curly quotes (0x93/0x94) latin-1 would turn into invisible C1 control characters.
LEGACY_ENCODINGS = ("cp1252", "latin-1")
# The legacy encodings the detector may choose between. Kept to two on purpose: with more
# (mac_roman, cp1250, ...) it misread 3 of 26 corpus files re-encoded in cp1252; with these two
# it read all 26 right and told cp1251 Russian from cp1252 French and German.
_DETECTED = ("cp1252", "cp1251")
_CYRILLIC_SHARE = 0.15  # French or German in cp1252 has a few percent accented letters
_CYRILLIC_WORD = re.compile("[\u0400-\u04ff]{3}")  # three accented Western letters in a row are rare
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

_TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``NotTextError`` for binary data.

    A UTF-8 or UTF-16 byte-order mark decides the encoding and is stripped (``utf-8-sig``,
    ``utf-16``). Without one: UTF-8, else cp1251 when the detector reads the bytes as Cyrillic,
    else cp1252, else latin-1. Binary means NUL bytes (outside UTF-16), or more than 5% C0
    control characters once decoded.
    """
    bom_encoding = next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)
    if bom_encoding is not None:
        try:
            text = data.decode(bom_encoding)
        except UnicodeDecodeError:
            raise NotTextError(f"not decodable as {bom_encoding} (its byte-order mark)") from None
        _reject_control_heavy(text)
        return text, bom_encoding
    if b"\x00" in data:
        raise NotTextError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _reject_control_heavy(text)
        return text, "utf-8"
    candidates = _legacy_candidates(data)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _reject_control_heavy(text)
        return text, encoding
    raise NotTextError(f"not decodable as utf-8 or {' or '.join(candidates)}")


def _legacy_candidates(data: bytes) -> tuple[str, ...]:
    """cp1251 first when the detector finds Cyrillic in these bytes, else the Western order."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # the detector is a dependency; without it legacy text reads as Western
        return LEGACY_ENCODINGS
    best = from_bytes(data, cp_isolation=list(_DETECTED)).best()
    if best is not None and best.encoding == "cp1251" and _mostly_cyrillic(data.decode("cp1251", errors="replace")):
        return ("cp1251", *LEGACY_ENCODINGS)
    return LEGACY_ENCODINGS


def _mostly_cyrillic(text: str) -> bool:
    """A guard on the detector, which calls a short Western text ("Caf\xe9") Cyrillic: in cp1251
    every Western accented letter reads as a Cyrillic one, so Cyrillic must be a large share of
    the letters (a Russian report: nearly all; a French one: a few percent) and form a word."""
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    return cyrillic >= _CYRILLIC_SHARE * len(letters) and bool(_CYRILLIC_WORD.search(text))


def _reject_control_heavy(text: str) -> None:
    if not text:
        return
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _TEXT_CONTROLS)
    if controls / len(text) > 0.05:
        raise NotTextError("binary file (too many control characters)")
