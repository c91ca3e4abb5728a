"""Readers that turn source files into :class:`~assistant.models.Project` records.

Three kinds of input are understood:

* ESF project-bank pages copied from the web (``.txt``): a project name, header fields glued
  to their labels (``Beviljat ESF-stöd3 804 849 kr``), titled sections and bullet lists;
* the Tillväxtverket 2007–2013 CSV export: one project per row, with damaged characters
  repaired by :func:`repair_text`;
* plain documents (``.txt``, ``.md``, ``.markdown``, ``.html``, ``.htm``) split into sections
  at their headings.

**Source text.** Every :class:`~assistant.models.Span` refers to the *source text* of its file:
the bytes decoded (UTF-8 without BOM, else Windows-1252, else Latin-1) and with CRLF and CR
newlines turned into LF. That is the text the parsers see, so ``source_text[span.start:
span.end]`` is the exact text a span points at. For ESF pages and plain/Markdown documents a
section's ``text`` is exactly that slice. CSV descriptions are unquoted and repaired, and
HTML sections are stripped of markup (script, style and nav dropped), so those sections carry
``anchors`` that map every character back to the source text (see
:meth:`~assistant.models.Section.source_offset`). The decoded text can be rebuilt from a file
with :func:`decode_bytes`.

Problems with one file never stop the others: within a folder they are reported as
:class:`~assistant.models.Problem` records; values that cannot be read are left out of the
project and described in ``Project.problems`` instead of being guessed.
"""

from __future__ import annotations

import csv
import html as html_lib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from .errors import SourceError
from .models import FieldValue, ListField, ListItem, Problem, Project, ReadResult, Section, Span
from .settings import Settings
from .text import fold, slugify, strip_bullet

__all__ = [
    "SUPPORTED_SUFFIXES",
    "UnreadableFileError",
    "decode_bytes",
    "looks_like_esf_page",
    "read_document",
    "read_esf_page",
    "read_path",
    "read_paths",
    "read_tvv_csv",
    "repair_text",
]

SUPPORTED_SUFFIXES: tuple[str, ...] = (".csv", ".htm", ".html", ".markdown", ".md", ".txt")
_HTML_SUFFIXES = (".htm", ".html")

# --------------------------------------------------------------------------------------------
# Text with a map back to its source
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mapped:
    """A text and, for each of its characters, where it begins and ends in the source.

    A character repaired from two raw characters spans both; an unescaped HTML entity spans
    the whole entity; a structure marker has zero width. ``stop`` is where the text ends in
    the source (for an empty text: where it stands).
    """

    text: str
    starts: list[int]
    ends: list[int]
    stop: int

    def slice(self, start: int, end: int) -> _Mapped:
        """``text[start:end]``, still mapped."""
        if end > start:
            stop = self.ends[end - 1]
        else:
            stop = self.starts[start] if start < len(self.text) else self.stop
        return _Mapped(self.text[start:end], self.starts[start:end], self.ends[start:end], stop)

    def strip(self) -> _Mapped:
        """The text without surrounding white space, still mapped."""
        stripped = self.text.lstrip()
        start = len(self.text) - len(stripped)
        return self.slice(start, start + len(stripped.rstrip()))

    @property
    def span(self) -> tuple[int, int]:
        """Where the whole text stands in the source."""
        return (self.starts[0] if self.text else self.stop), self.stop


def _identity(text: str, base: int) -> _Mapped:
    """``text`` standing unchanged at ``base`` in its source."""
    n = len(text)
    return _Mapped(text, list(range(base, base + n)), list(range(base + 1, base + n + 1)), base + n)


def _substitute(
    mapped: _Mapped, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]
) -> _Mapped:
    """Replace every match of ``pattern``, keeping each character's place in the source.

    Replacement characters take the places of the characters they replace, the last one
    reaching to the end of the match, so a shorter or longer replacement shows up as a jump
    that :func:`_anchors` records.
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
    return _Mapped("".join(pieces), new_starts, new_ends, mapped.stop)


def _anchors(mapped: _Mapped, base: int) -> tuple[tuple[int, int], ...]:
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


# --------------------------------------------------------------------------------------------
# Repairing damaged characters (Tillväxtverket export)
# --------------------------------------------------------------------------------------------

# Anything that may need repair; text without it is returned untouched (the fast path).
_SUSPECT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xbf]")

# One character-level damage per alternative; the order matters (pairs before lone chars).
_CHAR_FIXES = re.compile(
    r"(?P<pair>[ÅÃ][\x80-\x9f\xa1-\xbe])"  # UTF-8 C3 xx read as two chars: 'Å\x96' is 'Ö'
    r"|(?P<latin>Â[\xa0-\xbf])"  # UTF-8 C2 xx read as two chars: 'Â«' is '«'
    r"|(?P<lost>(?<=[^\W\d_])[\x80-\x9f¤¥¶]|[\x80-\x9f¤¥¶](?=[^\W\d_]))"  # 'Å' lost: '¤' is 'ä'
    r"|(?P<hyphen>(?<=[^\W\d_])[¬\xad](?=[^\W\d_]))"  # discretionary hyphen inside a word
    r"|(?P<c0>[\x00-\x08\x0b\x0c\x0e-\x1f\x7f])"  # U+20xx with the high byte lost
    r"|(?P<c1>[\x80-\x9f])"  # a lone C1 control: read it as Windows-1252
    r"|(?P<nbsp>\xa0)"
)
_QMARK_RUN = re.compile(r"\s*¿{2,}|\s+¿+\s*\Z|\A¿+\Z")
_QMARK_DASH = re.compile(r"(?<=\s)¿(?=\s)")
_QMARK_PAIR = re.compile(r"(?<![\w¿])¿(?=[^\s¿])([^¿\n]{0,300}?[^\s¿])¿(?![\w¿])")


def _c0_char(ch: str) -> str:
    """What a C0 control char stood for: U+20xx with the high byte lost (``\\x13`` is '–')."""
    if ch == "\x7f":
        return ""
    code = 0x2000 + ord(ch)
    if code <= 0x200A:  # the typographic spaces
        return " "
    if code <= 0x200F:  # zero-width characters and direction marks
        return ""
    if code <= 0x2011:  # hyphens
        return "-"
    if code == 0x2012:  # figure dash
        return "–"
    return chr(code)


def _c1_char(ch: str) -> str:
    """A lone C1 control char read as the Windows-1252 character it usually is."""
    try:
        return bytes([ord(ch)]).decode("cp1252")
    except UnicodeDecodeError:
        return ""


def _fix_char(match: re.Match[str]) -> str:
    """The repair of one :data:`_CHAR_FIXES` match."""
    found = match.group()
    kind = match.lastgroup
    if kind == "pair":
        return chr(ord(found[1]) + 0x40)
    if kind == "latin":
        return " " if found[1] == "\xa0" else found[1]
    if kind == "lost":
        return chr(ord(found) + 0x40)
    if kind == "hyphen":
        return ""
    if kind == "c0":
        return _c0_char(found)
    if kind == "c1":
        return _c1_char(found)
    return " "  # nbsp


def _repair_mapped(mapped: _Mapped) -> _Mapped:
    """Apply every repair of :func:`repair_text` to a mapped text."""
    if not _SUSPECT.search(mapped.text):
        return mapped
    mapped = _substitute(mapped, _CHAR_FIXES, _fix_char)
    if "¿" in mapped.text:
        mapped = _substitute(mapped, _QMARK_RUN, lambda _: "")
        mapped = _substitute(mapped, _QMARK_DASH, lambda _: "–")
        mapped = _substitute(mapped, _QMARK_PAIR, lambda m: "”" + m.group(1) + "”")
    return mapped


def repair_text(raw: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Repair the character damage of the Tillväxtverket export, keeping a map to ``raw``.

    Returns the repaired text and ``(text_offset, raw_offset)`` anchors after every place where
    text and raw stop advancing together (the format of ``Section.anchors`` with the section
    starting at raw offset 0); undamaged text comes back unchanged with no anchors.

    Repairs, in order: 'Å'/'Ã' + U+0080–U+00BE is a UTF-8 pair C3 xx ('Å\\x96' → 'Ö'); 'Â' +
    U+00A0–U+00BF is that Latin-1 char ('Â«' → '«'); a lone C1 control, '¤', '¥' or '¶' next to
    a letter lost its 'Å' ('syssels¤ttning' → 'sysselsättning'); '¬' and soft hyphens inside
    words are dropped; C0 controls are U+20xx with the high byte lost ('\\x13' → '–',
    '\\x1d' → '”'); other C1 controls are read as Windows-1252; no-break spaces become spaces.
    Then the '¿' standing for lost characters: runs ('¿¿¿') and a trailing '¿' are dropped,
    ' ¿ ' becomes ' – ' and '¿bra arbetsgivare¿' becomes '”bra arbetsgivare”'; any other '¿'
    is left as it is. ftfy is not used: it would delete the C0 controls instead of mapping
    them and cannot report offsets; this table covers every damage seen in the export.
    """
    if not _SUSPECT.search(raw):
        return raw, ()
    mapped = _repair_mapped(_identity(raw, 0))
    return mapped.text, _anchors(mapped, 0)


def _repair(raw: str) -> str:
    """The repaired, stripped form of a short value."""
    return _repair_mapped(_identity(raw, 0)).text.strip() if _SUSPECT.search(raw) else raw.strip()


# --------------------------------------------------------------------------------------------
# Shared value parsing
# --------------------------------------------------------------------------------------------

_MONEY = re.compile(
    r"(?:SEK\s*)?(\d{1,3}(?:[ \u00a0\u202f\u2009.]\d{3})+|\d+)(?:,0{1,2}|,-|:-)?"
    r"\s*(?:kr(?:onor)?\.?|SEK|:-)?",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PERIOD = re.compile(r"(\d{4}-\d{2}-\d{2})\s*(?:till|–|—|-)\s*(\d{4}-\d{2}-\d{2})")


def _parse_money(text: str) -> int | None:
    """An amount in whole kronor from '3 804 849 kr', '4 614 000 kr' or '169287'; else None."""
    match = _MONEY.fullmatch(text.strip())
    if not match:
        return None
    return int(re.sub(r"\D", "", match.group(1)))


def _parse_date(text: str) -> date | None:
    """A date written YYYY-MM-DD, or None if it is not one."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _span_of(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` narrowed to exclude surrounding white space in ``text``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True, slots=True)
class _Line:
    """One non-blank line of a text: its number, and the span of its stripped content."""

    no: int
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    """The non-blank lines of ``text`` (split on LF only), stripped, with their offsets."""
    out: list[_Line] = []
    start = 0
    no = 1
    while start <= len(text):
        nl = text.find("\n", start)
        end = len(text) if nl < 0 else nl
        s, e = _span_of(text, start, end)
        if e > s:
            out.append(_Line(no, s, e, text[s:e]))
        if nl < 0:
            break
        start = nl + 1
        no += 1
    return out


def _unique_key(key: str, used: set[str]) -> str:
    """``key``, or ``key-2``, ``key-3``… if it is already in ``used`` (which it joins)."""
    candidate, n = key, 2
    while candidate in used:
        candidate = f"{key}-{n}"
        n += 1
    used.add(candidate)
    return candidate


# --------------------------------------------------------------------------------------------
# ESF project-bank pages
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Label:
    """A header label of an ESF page and the field it fills."""

    label: str
    key: str
    kind: str  # "text" | "money" | "period"


_ESF_LABELS: tuple[_Label, ...] = (
    _Label("Programområde", "program", "text"),
    _Label("Projektfas", "phase", "text"),
    _Label("Projektägare", "owner", "text"),
    _Label("Kontaktperson", "contact", "text"),
    _Label("E-post", "email", "text"),
    _Label("Telefonnummer", "phone", "text"),
    _Label("Beviljat ESF-stöd", "grant_sek", "money"),
    _Label("Total projektbudget", "budget_sek", "money"),
    _Label("Projektperiod", "period", "period"),
    _Label("Region", "region", "text"),
)
_LABELS_LONGEST_FIRST = sorted(_ESF_LABELS, key=lambda lab: -len(lab.label))


@dataclass(frozen=True)
class _Heading:
    """A known section or list heading of an ESF page, matched on the folded line."""

    key: str
    title: str
    pattern: re.Pattern[str]
    is_list: bool = False


_ESF_HEADINGS: tuple[_Heading, ...] = (
    _Heading("summary", "Sammanfattning", re.compile(r"sammanfattning\b")),
    _Heading("background", "Bakgrund", re.compile(r"bakgrund\b")),
    _Heading("purpose", "Syfte", re.compile(r"syfte\b")),
    _Heading("goals", "Målsättning", re.compile(r"målsättning\b|mål$")),
    _Heading(
        "accessibility",
        "Tillgänglighet för personer med funktionsnedsättning",
        re.compile(r"tillgänglighet\b"),
    ),
    _Heading("gender", "Jämställdhetsintegrering", re.compile(r"jämställdhet(?:sintegrering)?\b")),
    _Heading("transnational", "Transnationellt samarbete", re.compile(r"transnationell")),
    _Heading("cofinanciers", "Medfinansiärer", re.compile(r"medfinansiär(?:er)?$"), True),
    _Heading("partners", "Samarbetspartners", re.compile(r"samarbetspartner(?:s|e)?$"), True),
    _Heading("municipalities", "Kommun", re.compile(r"kommun(?:er)?$"), True),
    _Heading("counties", "Län", re.compile(r"län$"), True),
)

_CHROME_LINES = frozenset(
    fold(line)
    for line in (
        "Logotyp på utskrifter",
        "Stäng",
        "Mer information och anmälan.",
        "In English",
        "Skriv ut",
        "Dela",
    )
)
_WEBINAR = re.compile(r"^\d{1,2} \w+ - Webbinarium")


def _is_chrome(line: str) -> bool:
    """Whether a line is web-page chrome (menu text, banners) rather than project content."""
    return fold(line) in _CHROME_LINES or bool(_WEBINAR.match(line))


def _label_of(line: str) -> _Label | None:
    """The header label a line starts with (labels are glued to their values)."""
    lowered = line.lower()
    return next(
        (lab for lab in _LABELS_LONGEST_FIRST if lowered.startswith(lab.label.lower())), None
    )


def _esf_heading(line: str) -> _Heading | None:
    """The known heading a line is, if any: short, no sentence punctuation, a known title."""
    if len(line) > 70 or line[-1] in ".!?,;":
        return None
    folded = fold(line.rstrip(":").rstrip())
    return next((h for h in _ESF_HEADINGS if h.pattern.match(folded)), None)


def _header_start(lines: Sequence[_Line]) -> int | None:
    """Index of the first header-field line, or None if the page has none before its sections.

    A name may itself start with a label word ('Regionalt resurscentrum'). Region is the last
    header field, so a 'Region…' line followed by another label line is taken as the name.
    """
    for i, line in enumerate(lines):
        if _esf_heading(line.text):
            return None
        label = _label_of(line.text)
        if label is None:
            continue
        following = _label_of(lines[i + 1].text) if i + 1 < len(lines) else None
        if label.key == _ESF_LABELS[-1].key and following is not None:
            continue
        return i
    return None


def _value_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a header value, without a leading ':' and surrounding white space."""
    s, e = _span_of(text, start, end)
    if s < e and text[s] == ":":
        s, e = _span_of(text, s + 1, e)
    return s, e


def _esf_fields(
    label: _Label, text: str, start: int, end: int, line_no: int, source: str
) -> tuple[list[FieldValue], list[str]]:
    """The field(s) one header value gives (a period gives period, start and end)."""
    value_text = text[start:end]
    span = Span(source=source, start=start, end=end)
    if label.kind == "text":
        return [
            FieldValue(
                key=label.key, label=label.label, value=value_text, text=value_text, span=span
            )
        ], []
    if label.kind == "money":
        amount = _parse_money(value_text)
        if amount is None:
            return [], [f"line {line_no}: could not read a money amount from {value_text!r}"]
        return [
            FieldValue(key=label.key, label=label.label, value=amount, text=value_text, span=span)
        ], []
    return _period_fields(label, value_text, start, line_no, source)


def _period_fields(
    label: _Label, value_text: str, start: int, line_no: int, source: str
) -> tuple[list[FieldValue], list[str]]:
    """``period`` as written plus ``start`` and ``end`` dates when the period can be read."""
    fields = [
        FieldValue(
            key="period",
            label=label.label,
            value=value_text,
            text=value_text,
            span=Span(source=source, start=start, end=start + len(value_text)),
        )
    ]
    match = _PERIOD.fullmatch(value_text)
    dates = [_parse_date(match.group(1)), _parse_date(match.group(2))] if match else [None]
    if match is None or None in dates:
        return fields, [f"line {line_no}: could not read a project period from {value_text!r}"]
    for group, (key, lab) in enumerate((("start", "Startdatum"), ("end", "Slutdatum")), 1):
        day = dates[group - 1]
        assert day is not None
        fields.append(
            FieldValue(
                key=key,
                label=lab,
                value=day,
                text=match.group(group),
                span=Span(
                    source=source, start=start + match.start(group), end=start + match.end(group)
                ),
            )
        )
    return fields, []


def _esf_header(
    lines: Sequence[_Line], text: str, source: str
) -> tuple[list[FieldValue], list[str]]:
    """The fields of the header lines; unknown lines and unreadable values become problems."""
    fields: list[FieldValue] = []
    problems: list[str] = []
    seen: set[str] = set()
    pending: tuple[_Label, int] | None = None
    for line in lines:
        label = _label_of(line.text)
        if pending is not None and label is None:
            label, (start, end) = pending[0], _value_span(text, line.start, line.end)
        elif label is not None:
            if pending is not None:
                problems.append(f"line {pending[1]}: {pending[0].label!r} has no value")
                pending = None
            start, end = _value_span(text, line.start + len(label.label), line.end)
            if start == end:
                pending = (label, line.no)
                continue
        else:
            problems.append(f"line {line.no}: unrecognised header line {line.text!r}")
            continue
        pending = None
        if label.key in seen:
            problems.append(f"line {line.no}: second {label.label!r} line ignored")
            continue
        seen.add(label.key)
        new_fields, new_problems = _esf_fields(label, text, start, end, line.no, source)
        fields.extend(new_fields)
        problems.extend(new_problems)
    if pending is not None:
        problems.append(f"line {pending[1]}: {pending[0].label!r} has no value")
    return fields, problems


@dataclass
class _Block:
    """A heading of an ESF page and the content lines under it."""

    heading: _Heading
    line_no: int
    lines: list[_Line] = field(default_factory=list)


def _esf_blocks(lines: Sequence[_Line]) -> tuple[list[_Block], list[_Line]]:
    """The lines grouped under their headings, and the lines that come before any heading."""
    blocks: list[_Block] = []
    stray: list[_Line] = []
    for line in lines:
        heading = _esf_heading(line.text)
        if heading is not None:
            blocks.append(_Block(heading, line.no))
        elif blocks:
            blocks[-1].lines.append(line)
        else:
            stray.append(line)
    return blocks, stray


def _esf_section(block: _Block, key: str, text: str, source: str) -> Section | None:
    """A section spanning the first to the last content line of a block (None when empty)."""
    if not block.lines:
        return None
    start, end = block.lines[0].start, block.lines[-1].end
    return Section(
        key=key,
        title=block.heading.title,
        text=text[start:end],
        span=Span(source=source, start=start, end=end),
    )


def _esf_list(block: _Block, key: str, source: str) -> tuple[ListField | None, list[str]]:
    """A list of bullet lines; a line without a bullet after bulleted items ends the list."""
    items: list[ListItem] = []
    problems: list[str] = []
    bulleted = False
    for line in block.lines:
        item = strip_bullet(line.text)
        has_bullet = item != line.text
        if not has_bullet and bulleted:
            problems.append(f"line {line.no}: unrecognised line after a list {line.text!r}")
            continue
        bulleted = bulleted or has_bullet
        if item:
            start = line.end - len(item)
            items.append(ListItem(text=item, span=Span(source=source, start=start, end=line.end)))
    if not items:
        return None, problems
    return ListField(key=key, label=block.heading.title, items=tuple(items)), problems


def _esf_body(
    blocks: Sequence[_Block], text: str, source: str
) -> tuple[list[Section], list[ListField], list[str]]:
    """The sections and lists of an ESF page, in page order."""
    sections: list[Section] = []
    lists: list[ListField] = []
    problems: list[str] = []
    used: set[str] = set()
    for block in blocks:
        key = _unique_key(block.heading.key, used)
        if key != block.heading.key:
            problems.append(f"line {block.line_no}: second {block.heading.title!r} heading")
        if block.heading.is_list:
            found, list_problems = _esf_list(block, key, source)
            problems.extend(list_problems)
            if found is not None:
                lists.append(found)
        else:
            section = _esf_section(block, key, text, source)
            if section is not None:
                sections.append(section)
    return sections, lists, problems


def looks_like_esf_page(text: str) -> bool:
    """Whether a text has several ESF header labels at line starts (at least three)."""
    found = {lab.key for line in _lines(text[:20_000]) if (lab := _label_of(line.text))}
    return len(found) >= 3


def read_esf_page(text: str, *, source: str) -> Project:
    """Parse an ESF project-bank page copied from the web into a project ``esf-<slug>``.

    Page chrome ('Stäng', webinar banners, 'In English'…) is skipped; the name is the last
    line before the header fields; only known headings split sections. Unknown header lines
    and unreadable values are reported in ``Project.problems``. Raises SourceError when the
    text has neither header fields nor known sections.
    """
    lines = [line for line in _lines(text) if not _is_chrome(line.text)]
    header_at = _header_start(lines)
    blocks, stray = _esf_blocks(lines)
    first_heading = len(stray)
    pre_end = first_heading if header_at is None else header_at
    problems = [
        f"line {ln.no}: unrecognised text before the project name {ln.text!r}"
        for ln in lines[: max(pre_end - 1, 0)]
    ]
    fields, header_problems = _esf_header(lines[pre_end:first_heading], text, source)
    problems.extend(header_problems)
    sections, lists, body_problems = _esf_body(blocks, text, source)
    problems.extend(body_problems)
    if not fields and not sections:
        raise SourceError(
            f"{source}: not an ESF project page: expected header lines such as "
            "'ProjektägareNamn' or 'Beviljat ESF-stöd1 000 kr' and sections such as "
            "'Sammanfattning'"
        )
    name_line = lines[pre_end - 1] if pre_end > 0 else None
    if name_line is None:
        problems.insert(0, "no project name above the header fields; using the file name")
    name = name_line.text if name_line else Path(source).stem
    return Project(
        id=f"esf-{slugify(name)}",
        name=name,
        kind="esf",
        source=source,
        fields=tuple(fields),
        lists=tuple(lists),
        sections=tuple(sections),
        problems=tuple(problems),
        name_span=Span(source=source, start=name_line.start, end=name_line.end)
        if name_line
        else None,
    )


# --------------------------------------------------------------------------------------------
# Tillväxtverket CSV export
# --------------------------------------------------------------------------------------------

_TVV_REQUIRED = ("arende_id", "projektnamn")
_NO_VALUE = frozenset({"information saknas", "värde saknas"})
_STATUS = {"SLUT": "Avslutat", "AVSLUTAT": "Avslutat", "PAGAR": "Pågående", "PÅGÅR": "Pågående"}


@dataclass(frozen=True)
class _Column:
    """How one CSV column becomes a field."""

    key: str
    label: str
    columns: tuple[str, ...]  # the first non-empty one is used
    kind: str  # "text" | "money" | "date" | "status"


_TVV_COLUMNS: tuple[_Column, ...] = (
    _Column("program", "Program", ("malprogram",), "text"),
    _Column("priority", "Insatsområde", ("insatsomrade",), "text"),
    _Column("owner", "Stödmottagare", ("stodmottagare", "stodmottagare_short"), "text"),
    _Column("contact", "Projektledare", ("projektledare",), "text"),
    _Column("email", "E-post", ("projektledare_mail",), "text"),
    _Column("phone", "Telefonnummer", ("projektledare_telnr",), "text"),
    _Column("grant_sek", "Beviljat belopp", ("beviljat_belopp_sek",), "money"),
    _Column("grant_eur", "Beviljat belopp (euro)", ("beviljat_belopp_euro",), "money"),
    _Column("public_funding_sek", "Offentlig finansiering", ("offentlig_finansiar",), "money"),
    _Column("start", "Startdatum", ("projekt_starttid",), "date"),
    _Column("end", "Slutdatum", ("projekt_sluttid",), "date"),
    _Column("region", "Region", ("omrade",), "text"),
    _Column("status", "Status", ("pagar_slut",), "status"),
    _Column("case_id", "Ärende-id", ("arende_id",), "text"),
)
_TVV_LISTS = (
    ("counties", "Län", "lan_fordelning"),
    ("municipalities", "Kommun", "kommun_fordelning"),
)


class _LineFeeder:
    """Feeds a text to csv.reader line by line, remembering where the last line ended."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.consumed = 0

    def __iter__(self) -> Iterator[str]:
        text = self.text
        while self.consumed < len(text):
            nl = text.find("\n", self.consumed)
            end = len(text) if nl < 0 else nl + 1
            line = text[self.consumed : end]
            self.consumed = end
            yield line


@dataclass(frozen=True, slots=True)
class _RawField:
    """A CSV value and where its raw text (inside the quotes, if any) stands in the file."""

    value: str
    start: int
    end: int

    def mapped(self, text: str) -> _Mapped:
        """The unquoted value mapped to the file: each '"' spans the '""' it came from."""
        if self.end - self.start == len(self.value):
            return _identity(self.value, self.start)
        starts: list[int] = []
        ends: list[int] = []
        pos = self.start
        for i, piece in enumerate(text[self.start : self.end].split('""')):
            if i:
                starts.append(pos)
                ends.append(pos + 2)
                pos += 2
            starts.extend(range(pos, pos + len(piece)))
            ends.extend(range(pos + 1, pos + len(piece) + 1))
            pos += len(piece)
        return _Mapped(self.value, starts, ends, self.end)


def _field_spans(text: str, start: int, end: int, values: Sequence[str]) -> list[_RawField] | None:
    """Locate each parsed value in the row text ``text[start:end]`` (RFC 4180 quoting).

    Returns None if the row text does not spell the values exactly (it always should).
    """
    spans: list[_RawField] = []
    pos = start
    for i, value in enumerate(values):
        if pos < end and text[pos] == '"':
            raw = value.replace('"', '""')
            if not text.startswith(raw + '"', pos + 1):
                return None
            spans.append(_RawField(value, pos + 1, pos + 1 + len(raw)))
            pos += len(raw) + 2
        else:
            if not text.startswith(value, pos):
                return None
            spans.append(_RawField(value, pos, pos + len(value)))
            pos += len(value)
        if i < len(values) - 1:
            if text[pos : pos + 1] != ",":
                return None
            pos += 1
    return spans if text[pos:end] in ("", "\n") else None


@dataclass
class _Row:
    """One data row of the export: its first line, its fields by column and its problems."""

    line: int
    fields: dict[str, _RawField]
    text: str
    source: str
    problems: list[str] = field(default_factory=list)

    def get(self, column: str) -> _RawField | None:
        """The field of a column, or None if absent, empty or 'Information saknas'."""
        raw = self.fields.get(column)
        if raw is None or not raw.value.strip() or raw.value.strip().lower() in _NO_VALUE:
            return None
        return raw

    def span(self, raw: _RawField) -> Span:
        """The span of a field's repaired value without surrounding white space.

        Stripped after repair, like the value itself: a damaged quote such as '\\x1d' at an
        edge is white space to ``str.isspace`` but becomes '”' in the value.
        """
        start, end = _repair_mapped(raw.mapped(self.text)).strip().span
        return Span(source=self.source, start=start, end=end)


def _tvv_value(row: _Row, spec: _Column, raw: _RawField) -> str | int | date | None:
    """The typed value of a CSV field; None (with a problem noted) if it cannot be read."""
    text = _repair(raw.value)
    if spec.kind == "money":
        amount = _parse_money(text)
        if amount is None:
            row.problems.append(
                f"line {row.line}: could not read a money amount from {text!r} ({spec.label})"
            )
        return amount
    if spec.kind == "date":
        day = _parse_date(text)
        if day is None:
            row.problems.append(
                f"line {row.line}: could not read a date from {text!r} "
                f"({spec.label}; expected YYYY-MM-DD)"
            )
        return day
    if spec.kind == "status":
        return _STATUS.get(text.upper(), text)
    return text


def _tvv_fields(row: _Row) -> list[FieldValue]:
    """The header fields of one row, in a fixed order; absent values are left out."""
    fields: list[FieldValue] = []
    for spec in _TVV_COLUMNS:
        raw = next((r for c in spec.columns if (r := row.get(c)) is not None), None)
        if raw is None:
            continue
        value = _tvv_value(row, spec, raw)
        if value is None:
            continue
        fields.append(
            FieldValue(
                key=spec.key,
                label=spec.label,
                value=value,
                text=_repair(raw.value),
                span=row.span(raw),
            )
        )
    return _drop_zero_grants(fields)


def _drop_zero_grants(fields: list[FieldValue]) -> list[FieldValue]:
    """Drop a zero euro grant, and a zero SEK grant when the grant was given in euro.

    Interreg rows record their grant in euro and write 0 in the SEK column; 0 kr would be
    read as "no grant", so it is left out there.
    """
    by_key = {f.key: f.value for f in fields}
    euro, sek = by_key.get("grant_eur"), by_key.get("grant_sek")
    drop = set()
    if euro == 0:
        drop.add("grant_eur")
    if sek == 0 and euro:
        drop.add("grant_sek")
    return [f for f in fields if f.key not in drop]


def _tvv_lists(row: _Row) -> list[ListField]:
    """The comma-separated lists of one row, each item with its own span."""
    lists: list[ListField] = []
    for key, label, column in _TVV_LISTS:
        raw = row.get(column)
        if raw is None:
            continue
        mapped = raw.mapped(row.text)
        items = []
        for match in re.finditer(r"[^,]+", raw.value):
            item = _repair_mapped(mapped.slice(*match.span())).strip()
            if item.text:  # repaired first: an item of damaged white space alone is no item
                start, end = item.span
                items.append(
                    ListItem(text=item.text, span=Span(source=row.source, start=start, end=end))
                )
        if items:
            lists.append(ListField(key=key, label=label, items=tuple(items)))
    return lists


def _tvv_section(row: _Row) -> Section | None:
    """The description as section ``description``, repaired and anchored to the raw CSV."""
    raw = row.get("projektbeskrivning")
    if raw is None:
        return None
    mapped = _repair_mapped(raw.mapped(row.text)).strip()
    if not mapped.text:
        return None
    start, end = mapped.span
    return Section(
        key="description",
        title="Projektbeskrivning",
        text=mapped.text,
        span=Span(source=row.source, start=start, end=end),
        anchors=_anchors(mapped, start),
    )


def _tvv_project(row: _Row) -> Project | None:
    """The project of one row, or None if it has no id or no name (the caller reports it)."""
    case = row.get("arende_id")
    name_raw = row.get("projektnamn") or row.get("projektnamn_short")
    if case is None or name_raw is None or not _repair(name_raw.value):
        return None
    url_raw = row.get("source")
    url = url_raw.value.strip() if url_raw and url_raw.value.strip().startswith("http") else ""
    fields = _tvv_fields(row)
    section = _tvv_section(row)
    return Project(
        id=f"tvv-{case.value.strip()}",
        name=_repair(name_raw.value),
        kind="tvv",
        source=row.source,
        url=url,
        fields=tuple(fields),
        lists=tuple(_tvv_lists(row)),
        sections=(section,) if section else (),
        problems=tuple(row.problems),
        name_span=row.span(name_raw),
    )


def _tvv_header(header: Sequence[str], source: str) -> list[str]:
    """Column names (lower-case); SourceError naming what is missing if not the export."""
    columns = [name.strip().lstrip("\ufeff").lower() for name in header]
    missing = [name for name in _TVV_REQUIRED if name not in columns]
    if missing:
        raise SourceError(
            f"{source}: not a Tillväxtverket project export: missing column(s) "
            f"{', '.join(missing)}; found columns: {', '.join(columns) or '(none)'}"
        )
    return columns


def read_tvv_csv(text: str, *, source: str) -> ReadResult:
    """Parse the Tillväxtverket CSV export: one project ``tvv-<arende_id>`` per row.

    Field spans are exact offsets in ``text`` (inside the quotes of quoted fields); the
    description is repaired with :func:`repair_text` and anchored to the raw file. Broken
    quoting stops reading with a Problem (rows before it are kept); rows without a name or
    id, or with a wrong number of fields, are skipped with a Problem. Raises SourceError if
    the required columns ``arende_id`` and ``projektnamn`` are missing.
    """
    feeder = _LineFeeder(text)
    reader = csv.reader(feeder, strict=True)
    projects: list[Project] = []
    problems: list[Problem] = []
    columns: list[str] | None = None
    seen: dict[str, int] = {}
    row_start, row_line = 0, 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(
                Problem(
                    source=source,
                    line=row_line,
                    message=f"line {row_line}: could not parse the CSV here ({exc}"
                    f"{_quote_hint(exc)}); the rows from this line on were not read",
                )
            )
            break
        start, line = row_start, row_line
        row_start, row_line = feeder.consumed, reader.line_num + 1
        if not values:
            continue
        if columns is None:
            columns = _tvv_header(values, source)
            continue
        found = _tvv_row(text, start, row_start, line, values, columns, source, seen)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            projects.append(found)
    if columns is None:
        raise SourceError(f"{source}: the CSV file has no header row")
    return ReadResult(projects=tuple(projects), problems=tuple(problems))


def _quote_hint(exc: csv.Error) -> str:
    """A hint for the usual cause of a csv.Error: a quote opened and never closed."""
    message = str(exc)
    return "; is a quote left open?" if "end of data" in message or "expected" in message else ""


def _tvv_row(
    text: str,
    start: int,
    end: int,
    line: int,
    values: Sequence[str],
    columns: Sequence[str],
    source: str,
    seen: dict[str, int],
) -> Project | Problem:
    """One data row as a project, or the Problem that made it unreadable."""

    def problem(message: str) -> Problem:
        return Problem(source=source, line=line, message=f"line {line}: {message}")

    if len(values) != len(columns):
        return problem(f"expected {len(columns)} fields, found {len(values)}; row skipped")
    spans = _field_spans(text, start, end, values)
    if spans is None:
        return problem("could not locate the fields of this row in the file; row skipped")
    row = _Row(line, dict(zip(columns, spans, strict=True)), text, source)
    project = _tvv_project(row)
    if project is None:
        return problem("row has no project name or no arende_id; row skipped")
    if project.id in seen:
        return replace(
            problem(
                f"arende_id of {project.id} already used on line {seen[project.id]}; row skipped"
            ),
            duplicate=True,
        )
    seen[project.id] = line
    return project


def _is_tvv_text(text: str) -> bool:
    """Whether a text starts with the header row of the Tillväxtverket export."""
    first = text[: text.find("\n")] if "\n" in text else text
    try:
        header = next(csv.reader([first]), [])
    except csv.Error:
        return False
    return all(name in {h.strip().lower() for h in header} for name in _TVV_REQUIRED)


# --------------------------------------------------------------------------------------------
# Plain, Markdown and HTML documents
# --------------------------------------------------------------------------------------------

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
            s, e = _span_of(text, starts[i], starts[i] + len(line))
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
    lines = _lines(text)
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
        lines = _lines(text)
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
        s, e = _span_of(text, start, end)
        if e > s:
            sections.append(
                Section(
                    key=_unique_key(key, used),
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
    return Project(
        id=f"doc-{slugify(Path(source).stem)}",
        name=name,
        kind="doc",
        source=source,
        sections=tuple(_text_sections(text, headings, source)),
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

    def result(self) -> _Mapped:
        """The collected text, mapped, before white space is normalised."""
        self._close_heading()
        return _Mapped("".join(self.chars), self.starts, self.ends, self.end)


_HTML_SPACE = re.compile(r"[\s\x00]+")
_HTML_HEADING = re.compile(f"{_OPEN}([^{_OPEN}{_CLOSE}]*){_CLOSE}?")


@dataclass(frozen=True)
class _HtmlPage:
    """The visible text of an HTML page (white space normalised), its headings and title."""

    text: _Mapped
    heading_tags: list[str]
    title: str
    title_span: Span | None


def _html_page(text: str, source: str) -> _HtmlPage:
    """Parse an HTML page: breaks at block elements, runs of white space made single."""
    parser = _HtmlText(text)
    parser.feed(text)
    parser.close()
    mapped = _substitute(
        parser.result(), _HTML_SPACE, lambda m: "\n" if _BREAK in m.group() else " "
    )
    title = "".join(piece for piece, _, _ in parser.title).strip()
    title_span = None
    if title:
        _, start, _ = parser.title[0]
        _, last, length = parser.title[-1]
        title_span = Span(source=source, start=start, end=last + length)
    return _HtmlPage(mapped, parser.heading_tags, title, title_span)


def _html_sections(mapped: _Mapped, source: str) -> tuple[list[Section], list[_Mapped]]:
    """Sections split at the h1–h3 markers, and the mapped heading titles in order."""
    matches = list(_HTML_HEADING.finditer(mapped.text))
    first = matches[0].start() if matches else len(mapped.text)
    parts: list[tuple[str, str, _Mapped]] = [("intro", "Inledning", mapped.slice(0, first))]
    headings: list[_Mapped] = []
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
                    key=_unique_key(key, used),
                    title=title_text or key,
                    text=body.text,
                    span=Span(source=source, start=start, end=end),
                    anchors=_anchors(body, start),
                )
            )
    return sections, headings


def _html_name(
    page: _HtmlPage, headings: Sequence[_Mapped], sections: Sequence[Section], source: str
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
    return Project(
        id=f"doc-{slugify(Path(source).stem)}",
        name=name,
        kind="doc",
        source=source,
        sections=tuple(sections),
        name_span=name_span,
    )


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


# --------------------------------------------------------------------------------------------
# Files and folders
# --------------------------------------------------------------------------------------------


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


def _parse_text(text: str, *, source: str, suffix: str) -> ReadResult:
    """Dispatch a decoded file on its content: CSV export, ESF page or document."""
    if suffix == ".csv" or _is_tvv_text(text):
        return read_tvv_csv(text, source=source)
    if suffix in _HTML_SUFFIXES:
        return ReadResult(projects=(read_document(text, source=source, html=True),))
    if looks_like_esf_page(text):
        return ReadResult(projects=(read_esf_page(text, source=source),))
    return ReadResult(projects=(read_document(text, source=source),))


def _read_file(path: Path, settings: Settings, *, named: bool) -> ReadResult:
    """Read one file; whole-file failures raise when ``named`` and are Problems otherwise."""
    source = str(path)
    try:
        return _read_file_or_raise(path, settings)
    except UnreadableFileError as exc:
        return ReadResult(problems=(Problem(source=source, message=f"{source}: {exc}"),))
    except SourceError as exc:
        if named:
            raise
        return ReadResult(problems=(Problem(source=source, message=str(exc)),))


def _read_file_or_raise(path: Path, settings: Settings) -> ReadResult:
    """Check, decode and parse one file, raising SourceError (or UnreadableFileError) on failure."""
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise SourceError(
            f"{source}: unsupported file type "
            f"{repr(suffix) if suffix else '(no extension)'}; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise SourceError(
                f"{source}: the file is {size} bytes, over the limit of "
                f"{settings.max_file_bytes} bytes (setting max_file_bytes, "
                "environment variable ASSISTANT_MAX_FILE_BYTES)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{source}: could not read the file: {exc.strerror or exc}") from exc
    return _parse_text(decode_bytes(data), source=source, suffix=suffix)


def folder_files(folder: Path) -> list[Path]:
    """The files under a folder, recursively and sorted, skipping hidden files and folders."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / name for name in files if not name.startswith("."))
    return sorted(found)


def _read_folder(folder: Path, settings: Settings) -> ReadResult:
    """Read every file of a folder; no file's failure stops the others."""
    files = folder_files(folder)
    if not files:
        return ReadResult(
            problems=(Problem(source=str(folder), message=f"{folder}: the folder has no files"),)
        )
    return _merge([_read_file(path, settings, named=False) for path in files])


def _merge(results: Sequence[ReadResult]) -> ReadResult:
    """Join results, keeping project ids unique.

    A file reached twice is read once. A repeated ESF or CSV project from another file (the
    same project saved twice) is skipped with a Problem; a repeated document id (two files
    with the same stem) gets a ``-2``, ``-3``… suffix.
    """
    projects: list[Project] = []
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    for result in results:
        problems.extend(result.problems)
        for project in result.projects:
            if project.id not in owners:
                owners[project.id] = project.source
                projects.append(project)
                continue
            if Path(owners[project.id]).resolve() == Path(project.source).resolve():
                continue  # the same file reached twice (a folder and a file in it)
            if project.kind != "doc":
                problems.append(
                    Problem(
                        source=project.source,
                        message=f"{project.source}: project {project.id} was already read from "
                        f"{owners[project.id]}; skipped",
                        duplicate=True,
                    )
                )
                continue
            new_id = _unique_key(project.id, set(owners))
            owners[new_id] = project.source
            projects.append(_with_id(project, new_id))
    return ReadResult(projects=tuple(projects), problems=tuple(problems))


def _with_id(project: Project, new_id: str) -> Project:
    """A copy of a project under another id."""
    return replace(project, id=new_id)


def read_path(path: Path, *, settings: Settings) -> ReadResult:
    """Read a file or, recursively, a folder into projects.

    A file named directly raises SourceError when it is missing, of an unsupported type,
    over ``settings.max_file_bytes`` or not parseable as its kind; empty and binary files are
    reported as Problems. Inside a folder every failure is a Problem and never stops the
    other files.
    """
    if not path.exists():
        raise SourceError(f"{path}: no such file or folder")
    if path.is_dir():
        return _read_folder(path, settings)
    return _read_file(path, settings, named=True)


def read_paths(paths: Sequence[Path], *, settings: Settings) -> ReadResult:
    """Read several files or folders (see :func:`read_path`) into one result."""
    seen: set[Path] = set()
    results: list[ReadResult] = []
    for path in paths:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        results.append(read_path(path, settings=settings))
    return _merge(results)
