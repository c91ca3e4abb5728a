"""Small parsing helpers the readers share: money, dates, lines and unique keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..text import strip_span

_MONEY = re.compile(
    r"(?:SEK\s*)?(\d{1,3}(?:[ \u00a0\u202f\u2009.]\d{3})+|\d+)(?:,0{1,2}|,-|:-)?"
    r"\s*(?:kr(?:onor)?\.?|SEK|:-)?",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_money(text: str) -> int | None:
    """An amount in whole kronor from '3 804 849 kr', '4 614 000 kr' or '169287'; else None."""
    match = _MONEY.fullmatch(text.strip())
    if not match:
        return None
    return int(re.sub(r"\D", "", match.group(1)))


def parse_date(text: str) -> date | None:
    """A date written YYYY-MM-DD, or None if it is not one."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of a text: its number, and the span of its stripped content."""

    no: int
    start: int
    end: int
    text: str


def text_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` (split on LF only), stripped, with their offsets."""
    out: list[Line] = []
    start = 0
    no = 1
    while start <= len(text):
        nl = text.find("\n", start)
        end = len(text) if nl < 0 else nl
        s, e = strip_span(text, start, end)
        if e > s:
            out.append(Line(no, s, e, text[s:e]))
        if nl < 0:
            break
        start = nl + 1
        no += 1
    return out


def unique_key(key: str, used: set[str]) -> str:
    """``key``, or ``key-2``, ``key-3``… if it is already in ``used`` (which it joins)."""
    candidate, n = key, 2
    while candidate in used:
        candidate = f"{key}-{n}"
        n += 1
    used.add(candidate)
    return candidate
