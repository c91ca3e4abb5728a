"""Bytes to source text: the decoding every reader's offsets refer to."""

from __future__ import annotations

from ..errors import SourceError


class UnreadableFileError(SourceError):
    """A file whose content is not text at all (empty or binary); reported, never parsed."""


def decode_bytes(data: bytes) -> str:
    """The source text of a file: decoded, BOM removed, CRLF/CR turned into LF.

    UTF-8 (with or without BOM) is tried first, then UTF-16 if it has a BOM, then
    Windows-1252, then Latin-1 (which never fails). Raises UnreadableFileError for empty or binary
    content.
    """
    if not data.strip():
        raise UnreadableFileError("the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data or _control_share(data[:8192]) > 0.10:
        raise UnreadableFileError("the file looks binary (NUL or control bytes), not like text")
    else:
        text = _decode_8bit(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableFileError("the file is empty")
    return text


def _control_share(head: bytes) -> float:
    """The share of C0 control bytes other than tab, newlines and form feed: text has ~none."""
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) if head else 0.0


def _decode_8bit(data: bytes) -> str:
    """UTF-8 (BOM stripped), else Windows-1252, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
