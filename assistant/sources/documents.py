"""Plain text, Markdown and HTML documents, split into sections at their headings.

Plain and Markdown sections are exact slices of the source text; HTML sections are the visible
text (markup, script, style and nav dropped) with anchors back to the markup.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..errors import SourceError
from ..models import Project, Section, Span
from ..text import slugify, strip_bullet, strip_span
from .mapped import Mapped, anchors_of, substitute
from .parsing import text_lines, unique_key

_ATX = re.compile(r" {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*")
_FENCE = re.compile(r" {0,3}(```|~~~)")
_MAX_NAME_CHARS = 120


@dataclass(frozen=True, slots=True)
class _DocHeading:
    """A heading of a document: its level, the span of its title and of its whole line(s)."""

    level: int
    title_start: int
    title_end: int
    start: int
    end: int


def _markdown_headings(text: str) -> list[_DocHeading]:
    """ATX ('## Title') and setext (underlined) headings, outside code fences."""
    headings: list[_DocHeading] = []
    raw_lines = text.split("\n")
    offset = 0
    starts = []
    for line in raw_lines:
        starts.append(offset)
        offset += len(line) + 1
    in_fence = False
    for i, line in enumerate(raw_lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        atx = _ATX.fullmatch(line)
        if atx:
            headings.append(
                _DocHeading(
                    len(atx.group(1)),
                    starts[i] + atx.start(2),
                    starts[i] + atx.end(2),
                    starts[i],
                    starts[i] + len(line),
                )
            )
            continue
        below = raw_lines[i + 1] if i + 1 < len(raw_lines) else ""
        setext = _SETEXT.fullmatch(below)
        if setext and line.strip() and strip_bullet(line) == line.strip():
            s, e = strip_span(text, starts[i], starts[i] + len(line))
            level = 1 if setext.group(1)[0] == "=" else 2
            headings.append(_DocHeading(level, s, e, starts[i], starts[i + 1] + len(below)))
    return _drop_setext_overlaps(headings)


def _drop_setext_overlaps(headings: list[_DocHeading]) -> list[_DocHeading]:
    """Keep headings in order and drop any that overlaps the one before it."""
    kept: list[_DocHeading] = []
    for heading in sorted(headings, key=lambda h: h.start):
        if not kept or heading.start >= kept[-1].end:
            kept.append(heading)
    return kept


def _plain_headings(text: str) -> list[_DocHeading]:
    """Headings of plain text: short standalone lines without sentence punctuation."""
    lines = text_lines(text)
    headings: list[_DocHeading] = []
    for i, line in enumerate(lines):
        alone = (i == 0 or lines[i - 1].no < line.no - 1) and (
            i + 1 < len(lines) and lines[i + 1].no > line.no + 1
        )
        if (
            alone
            and len(line.text) <= 60
            and line.text[-1] not in ".,;!?"
            and (line.text[0].isupper() or line.text[0].isdigit())
            and strip_bullet(line.text) == line.text
        ):
            end = line.end - 1 if line.text.endswith(":") else line.end
            headings.append(_DocHeading(1, line.start, end, line.start, line.end))
    return headings


def _name_from(text: str, headings: Sequence[_DocHeading], source: str) -> tuple[str, Span | None]:
    """The document name: first level-1 heading, else first non-empty line, else file stem."""
    first_h1 = next((h for h in headings if h.level == 1), None)
    if first_h1 is None:
        lines = text_lines(text)
        if lines:
            heading = next((h for h in headings if h.start <= lines[0].start < h.end), None)
            if heading is not None:
                first_h1 = heading
            elif len(lines[0].text) <= _MAX_NAME_CHARS:
                line = lines[0]
                return line.text, Span(source=source, start=line.start, end=line.end)
    if first_h1 is not None:
        title = text[first_h1.title_start : first_h1.title_end]
        return title, Span(source=source, start=first_h1.title_start, end=first_h1.title_end)
    return Path(source).stem, None


def _text_sections(text: str, headings: Sequence[_DocHeading], source: str) -> list[Section]:
    """The intro before the first heading and one section per heading, exact slices."""
    sections: list[Section] = []
    used: set[str] = set()
    bounds: list[tuple[str, str, int, int]] = []
    first = headings[0].start if headings else len(text)
    bounds.append(("intro", "Inledning", 0, first))
    for i, heading in enumerate(headings):
        end = headings[i + 1].start if i + 1 < len(headings) else len(text)
        title = text[heading.title_start : heading.title_end]
        bounds.append((slugify(title), title, heading.end, end))
    for key, title, start, end in bounds:
        s, e = strip_span(text, start, end)
        if e > s:
            sections.append(
                Section(
                    key=unique_key(key, used),
                    title=title,
                    text=text[s:e],
                    span=Span(source=source, start=s, end=e),
                )
            )
    return sections


def _read_text_document(text: str, source: str) -> Project:
    """A plain or Markdown document split at its headings."""
    headings = _markdown_headings(text) or _plain_headings(text)
    name, name_span = _name_from(text, headings, source)
    return _doc_project(source, name, name_span, _text_sections(text, headings, source))


def _doc_project(
    source: str, name: str, name_span: Span | None, sections: Sequence[Section]
) -> Project:
    """A document's project: id ``doc-<file stem>``, sections only."""
    return Project(
        id=f"doc-{slugify(Path(source).stem)}",
        name=name,
        kind="doc",
        source=source,
        sections=tuple(sections),
        name_span=name_span,
    )


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form "  # noqa: SIM905
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "nav"})
_SECTION_TAGS = frozenset({"h1", "h2", "h3"})
_BREAK, _OPEN, _CLOSE = "\x00", "\x01", "\x02"  # structure markers in the collected text
_NO_MARKERS = str.maketrans({_BREAK: " ", _OPEN: " ", _CLOSE: " "})


class _HtmlText(HTMLParser):
    """Collects the visible text of an HTML page with the source offset of every character.

    Block elements become breaks, h1–h3 are wrapped in markers, script, style, template,
    noscript and nav content is dropped and the <title> is kept apart.
    """

    def __init__(self, source_text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source_text = source_text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source_text)]
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.title: list[tuple[str, int, int]] = []
        self.skip_depth = 0
        self.in_title = False
        self.in_heading: str | None = None
        self.heading_tags: list[str] = []
        self.end = 0

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, text: str, raw_len: int) -> None:
        pos = self._pos()
        if self.in_title:
            self.title.append((text, pos, raw_len))
            return
        if self.skip_depth:
            return
        self.chars.append(text)
        if len(text) == raw_len:
            self.starts.extend(range(pos, pos + raw_len))
            self.ends.extend(range(pos + 1, pos + raw_len + 1))
        else:
            self.starts.extend([pos] * len(text))
            self.ends.extend([pos + raw_len] * len(text))
        self.end = pos + raw_len

    def _marker(self, marker: str) -> bool:
        """Add a structure marker at the current tag; False if inside skipped content."""
        if self.skip_depth or self.in_title:
            return False
        pos = self._pos()
        self.chars.append(marker)
        self.starts.append(pos)
        self.ends.append(pos)
        return True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag in _SECTION_TAGS:
            self._close_heading()
            self._marker(_BREAK)
            if self._marker(_OPEN):
                self.heading_tags.append(tag)
                self.in_heading = tag
        elif tag in _BLOCK_TAGS:
            self._marker(_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _SKIP_TAGS:
            self.skip_depth = max(self.skip_depth - 1, 0)
        elif tag in _SECTION_TAGS:
            self._close_heading()
            self._marker(_BREAK)
        elif tag in _BLOCK_TAGS:
            self._marker(_BREAK)

    def _close_heading(self) -> None:
        if self.in_heading is not None:
            self._marker(_CLOSE)
            self.in_heading = None

    def handle_data(self, data: str) -> None:
        self._emit(data.translate(_NO_MARKERS), len(data))

    def handle_entityref(self, name: str) -> None:
        raw = self._raw_ref("&" + name)
        self._emit(html_lib.unescape(raw), len(raw))

    def handle_charref(self, name: str) -> None:
        raw = self._raw_ref("&#" + name)
        self._emit(html_lib.unescape(raw), len(raw))

    def _raw_ref(self, ref: str) -> str:
        pos = self._pos() + len(ref)
        return ref + ";" if self.source_text[pos : pos + 1] == ";" else ref

    def result(self) -> Mapped:
        """The collected text, mapped, before white space is normalised."""
        self._close_heading()
        return Mapped("".join(self.chars), self.starts, self.ends, self.end)


_HTML_SPACE = re.compile(r"[\s\x00]+")
_HTML_HEADING = re.compile(f"{_OPEN}([^{_OPEN}{_CLOSE}]*){_CLOSE}?")


@dataclass(frozen=True)
class _HtmlPage:
    """The visible text of an HTML page (white space normalised), its headings and title."""

    text: Mapped
    heading_tags: list[str]
    title: str
    title_span: Span | None


def _html_page(text: str, source: str) -> _HtmlPage:
    """Parse an HTML page: breaks at block elements, runs of white space made single."""
    parser = _HtmlText(text)
    parser.feed(text)
    parser.close()
    mapped = substitute(
        parser.result(), _HTML_SPACE, lambda m: "\n" if _BREAK in m.group() else " "
    )
    title = "".join(piece for piece, _, _ in parser.title).strip()
    title_span = None
    if title:
        _, start, _ = parser.title[0]
        _, last, length = parser.title[-1]
        title_span = Span(source=source, start=start, end=last + length)
    return _HtmlPage(mapped, parser.heading_tags, title, title_span)


def _html_sections(mapped: Mapped, source: str) -> tuple[list[Section], list[Mapped]]:
    """Sections split at the h1–h3 markers, and the mapped heading titles in order."""
    matches = list(_HTML_HEADING.finditer(mapped.text))
    first = matches[0].start() if matches else len(mapped.text)
    parts: list[tuple[str, str, Mapped]] = [("intro", "Inledning", mapped.slice(0, first))]
    headings: list[Mapped] = []
    for i, match in enumerate(matches):
        title = mapped.slice(*match.span(1)).strip()
        headings.append(title)
        end = matches[i + 1].start() if i + 1 < len(matches) else len(mapped.text)
        parts.append((slugify(title.text), title.text, mapped.slice(match.end(), end)))
    sections: list[Section] = []
    used: set[str] = set()
    for key, title_text, part in parts:
        body = part.strip()
        if body.text:
            start, end = body.span
            sections.append(
                Section(
                    key=unique_key(key, used),
                    title=title_text or key,
                    text=body.text,
                    span=Span(source=source, start=start, end=end),
                    anchors=anchors_of(body, start),
                )
            )
    return sections, headings


def _html_name(
    page: _HtmlPage, headings: Sequence[Mapped], sections: Sequence[Section], source: str
) -> tuple[str, Span | None]:
    """The page name: first h1, else <title>, else first line of text, else file stem."""
    for tag, heading in zip(page.heading_tags, headings, strict=False):
        if tag == "h1" and heading.text:
            start, end = heading.span
            return heading.text, Span(source=source, start=start, end=end)
    if page.title:
        return page.title, page.title_span
    if sections:
        first = sections[0].text.split("\n")[0]
        if len(first) <= _MAX_NAME_CHARS:
            return first, sections[0].source_span(0, len(first))
    return Path(source).stem, None


def _read_html_document(text: str, source: str) -> Project:
    """An HTML document: visible text split at h1–h3, every section anchored to the markup."""
    page = _html_page(text, source)
    sections, headings = _html_sections(page.text, source)
    name, name_span = _html_name(page, headings, sections, source)
    return _doc_project(source, name, name_span, sections)


def read_document(text: str, *, source: str, html: bool = False) -> Project:
    """Parse a plain, Markdown (``html=False``) or HTML document into a project ``doc-<stem>``.

    Sections start at headings (Markdown ``#``/underlined, standalone short lines in plain
    text, h1–h3 in HTML); text before the first heading is section ``intro``. Raises
    SourceError if the document has no text.
    """
    project = _read_html_document(text, source) if html else _read_text_document(text, source)
    if not project.sections:
        raise SourceError(f"{source}: the document has no text besides headings")
    return project
