"""Small text helpers shared by the stages: sentence spans, normalisation, slugs, money."""

from __future__ import annotations

import re
import unicodedata

_ABBREVIATIONS = (
    *("bl.a.", "t.ex.", "dvs.", "s.k.", "ev.", "inkl.", "exkl.", "bla.", "resp.", "f.d."),
    *("fr.o.m.", "t.o.m.", "ca.", "p.g.a.", "jfr.", "enl.", "e.g.", "i.e."),
)
"""Abbreviations a sentence does not end at, though a capital follows ('inkl. Näldens …');
'etc.', 'osv.' and 'm.m.' are left out, as they often do end one."""
_SENTENCE_END = re.compile(
    r"(?<=[.!?])"
    + "".join(
        rf"(?<!\b{re.escape(a)})(?<!\b{re.escape(a[0].upper() + a[1:])})" for a in _ABBREVIATIONS
    )
    + r"""(?<![A-ZÅÄÖ]\.[a-zåäö])["”»)]?\s+(?=["“«(]?[A-ZÅÄÖÉ0-9\-•])|\n+"""
)
"""A sentence break; the cheap test for a full stop comes first, so the abbreviation look-behinds
run only where one is (seventeen times faster on the corpus, same breaks)."""
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
    start, end = strip_span(text, start, end)
    if end > start:
        spans.append((start, end))


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` narrowed to exclude surrounding white space in ``text``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def strip_bullet(line: str) -> str:
    """A list line without its bullet or number."""
    return _BULLET.sub("", line).strip()


def fold(text: str) -> str:
    """Lower-case, accent-insensitive form for matching names (keeps å, ä, ö distinct)."""
    return _SPACES.sub(" ", _folded_letters(text)).strip()


def fold_in_place(text: str) -> str:
    """``text`` folded letter for letter, its spaces kept, so that a place in the folded text is
    the same place in ``text`` (a masked question keeps its blanks); :func:`fold` where
    folding changes the length ('ß' → 'ss')."""
    folded = _folded_letters(text)
    return folded if len(folded) == len(text) else fold(text)


def _folded_letters(text: str) -> str:
    folded = unicodedata.normalize("NFC", text).casefold()
    return folded if folded.isascii() else _strip_accents(folded)


_KEEP = {"å": "\U000f0000", "ä": "\U000f0001", "ö": "\U000f0002"}
_PROTECT = str.maketrans(_KEEP)
_RESTORE = str.maketrans({v: k for k, v in _KEEP.items()})
_SPACES = re.compile(r"\s+")


def _strip_accents(text: str) -> str:
    """Combining marks dropped from everything but å, ä and ö (shielded as private-use
    characters while the rest is decomposed)."""
    if any(ch in text for ch in _KEEP.values()):
        return "".join(ch if ch in _KEEP else _strip_accents_one(ch) for ch in text)
    decomposed = unicodedata.normalize("NFD", text.translate(_PROTECT))
    marks = {ord(c): None for c in set(decomposed) if unicodedata.combining(c)}
    return decomposed.translate(marks).translate(_RESTORE)


def _strip_accents_one(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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


def grouped(n: int) -> str:
    """A whole number with groups of three: 2123 -> '2 123'."""
    return f"{n:,}".replace(",", " ")


def format_sek(amount: int) -> str:
    """Swedish money format with thin grouping: 3804849 -> '3 804 849 kr'."""
    return f"{grouped(amount)} kr"
