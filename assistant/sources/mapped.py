"""Text with a map back to its source: the type every reader uses to keep exact offsets.

A :class:`Mapped` text knows, for each of its characters, where it begins and ends in the
source text of its file. Repairs (:mod:`.repair`), CSV unquoting (:mod:`.tvv_csv`) and HTML
stripping (:mod:`.documents`) produce mapped texts; :func:`anchors_of` turns one into the
``Section.anchors`` that map a section's text back to its file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mapped:
    """A text and, for each of its characters, where it begins and ends in the source.

    A character repaired from two raw characters spans both; an unescaped HTML entity spans
    the whole entity; a structure marker has zero width. ``stop`` is where the text ends in
    the source (for an empty text: where it stands).
    """

    text: str
    starts: list[int]
    ends: list[int]
    stop: int

    def slice(self, start: int, end: int) -> Mapped:
        """``text[start:end]``, still mapped."""
        if end > start:
            stop = self.ends[end - 1]
        else:
            stop = self.starts[start] if start < len(self.text) else self.stop
        return Mapped(self.text[start:end], self.starts[start:end], self.ends[start:end], stop)

    def strip(self) -> Mapped:
        """The text without surrounding white space, still mapped."""
        stripped = self.text.lstrip()
        start = len(self.text) - len(stripped)
        return self.slice(start, start + len(stripped.rstrip()))

    @property
    def span(self) -> tuple[int, int]:
        """Where the whole text stands in the source."""
        return (self.starts[0] if self.text else self.stop), self.stop


def identity(text: str, base: int) -> Mapped:
    """``text`` standing unchanged at ``base`` in its source."""
    n = len(text)
    return Mapped(text, list(range(base, base + n)), list(range(base + 1, base + n + 1)), base + n)


def substitute(
    mapped: Mapped, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]
) -> Mapped:
    """Replace every match of ``pattern``, keeping each character's place in the source.

    Replacement characters take the places of the characters they replace, the last one
    reaching to the end of the match, so a shorter or longer replacement shows up as a jump
    that :func:`anchors_of` records.
    """
    text, starts, ends = mapped.text, mapped.starts, mapped.ends
    pieces: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    last = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        new = replace(match)
        if new == match.group():
            continue
        pieces.append(text[last:start])
        new_starts.extend(starts[last:start])
        new_ends.extend(ends[last:start])
        pieces.append(new)
        for i in range(len(new)):
            k = min(start + i, end - 1)
            new_starts.append(starts[k])
            new_ends.append(ends[end - 1] if i == len(new) - 1 else ends[k])
        last = end
    if not pieces:
        return mapped
    pieces.append(text[last:])
    new_starts.extend(starts[last:])
    new_ends.extend(ends[last:])
    return Mapped("".join(pieces), new_starts, new_ends, mapped.stop)


def anchors_of(mapped: Mapped, base: int) -> tuple[tuple[int, int], ...]:
    """The ``(text_offset, source_offset)`` pairs where text and source stop advancing together.

    ``base`` is where the source is assumed to stand at text offset 0 (``Span.start`` for a
    section, 0 for :func:`repair_text`); an anchor is added wherever that assumption breaks,
    including at ``len(text)`` when the text ends elsewhere than one past its last character.
    """
    anchors: list[tuple[int, int]] = []
    expected = base
    for i, offset in enumerate(mapped.starts):
        if offset != expected:
            anchors.append((i, offset))
        expected = offset + 1
    if mapped.stop != expected:
        anchors.append((len(mapped.text), mapped.stop))
    return tuple(anchors)
