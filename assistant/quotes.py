"""Where a quote stands in its section's text, and a window of text around it.

A citation carries the quote's offsets in the section it was taken from; these helpers check
them against the section as the index holds it now and, when another generation moved the
text, find the quote again (whitespace-tolerant, nearest to where it was).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chunking import FACTS_KEY
from .models import Citation, Section


def find_quote(text: str, quote: str, *, prefer: int | None = None) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text`` (whitespace-tolerant); ``prefer`` picks among repeats."""
    if not quote.strip():
        return None
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]
    if not found:
        words = [re.escape(w) for w in quote.split()]
        found = [(m.start(), m.end()) for m in re.finditer(r"\s+".join(words), text)]
    if not found:
        return None
    if prefer is not None:
        return min(found, key=lambda span: abs(span[0] - prefer))
    return found[0]


def quote_span(citation: Citation, section: Section | None) -> tuple[int, int] | None:
    """Where the citation's quote stands in its section's text: the citation's own offsets,
    or a search for the quote when they do not match the text (another index generation)."""
    if section is None:
        return None
    start, end = citation.section_start, citation.section_end
    if start < end and section.text[start:end] == citation.quote:
        return start, end
    prefer = citation.start - section.span.start if section.key != FACTS_KEY else None
    return find_quote(section.text, citation.quote, prefer=prefer)


@dataclass(frozen=True)
class Excerpt:
    """A window of a text around a span: the window's text and the span within it."""

    text: str
    start: int
    end: int


def excerpt(text: str, start: int, end: int, *, radius: int = 320) -> Excerpt:
    """``text`` cut to about ``radius`` characters either side of ``[start, end)``, at spaces,
    with ``…`` where it was cut; the whole text when it is short."""
    if len(text) <= 2 * radius + (end - start):
        return Excerpt(text, start, end)
    a = max(0, start - radius)
    b = min(len(text), end + radius)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space != -1 else a
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space != -1 else b
    prefix = "… " if a > 0 else ""
    suffix = " …" if b < len(text) else ""
    window = prefix + text[a:b] + suffix
    shift = len(prefix) - a
    return Excerpt(window, start + shift, end + shift)
