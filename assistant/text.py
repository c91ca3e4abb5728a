"""Small text helpers shared by the stages: sentence spans, normalisation, slugs, money."""

from __future__ import annotations

import re
import unicodedata

_SENTENCE_END = re.compile(
    r"""(?<![A-ZÅÄÖ]\.[a-zåäö])(?<!\bbl\.a)(?<!\bt\.ex)(?<!\bca)(?<!\bdvs)(?<!\bbla)"""
    r"""(?<=[.!?])["”»)]?\s+(?=["“«(]?[A-ZÅÄÖÉ0-9\-•])|\n+"""
)
_BULLET = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences (and list lines) of ``text``, trimmed of surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        _append_trimmed(spans, text, start, match.start() + _trailing_len(match.group()))
        start = match.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _trailing_len(separator: str) -> int:
    """Length of closing quote/bracket characters that belong to the sentence before a break."""
    n = 0
    for ch in separator:
        if ch in '"”»)':
            n += 1
        else:
            break
    return n


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def strip_bullet(line: str) -> str:
    """A list line without its bullet or number."""
    return _BULLET.sub("", line).strip()


def fold(text: str) -> str:
    """Lower-case, accent-insensitive form for matching names (keeps å, ä, ö distinct)."""
    text = unicodedata.normalize("NFC", text).casefold()
    keep = {"å", "ä", "ö"}
    out = []
    for ch in text:
        if ch in keep:
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return re.sub(r"\s+", " ", "".join(out)).strip()


def words(text: str) -> list[str]:
    """The word tokens of ``text``, folded."""
    return _WORD.findall(fold(text))


def slugify(text: str, *, max_len: int = 60) -> str:
    """A stable ASCII identifier for ids and anchors."""
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o"})
    ascii_text = fold(text).translate(table)
    ascii_text = unicodedata.normalize("NFKD", ascii_text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:max_len].rstrip("-") or "x"


def format_sek(amount: int) -> str:
    """Swedish money format with thin grouping: 3804849 -> '3 804 849 kr'."""
    return f"{amount:,}".replace(",", " ") + " kr"
