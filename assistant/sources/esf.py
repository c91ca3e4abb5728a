"""ESF project-bank pages copied from the web (``.txt``): header fields glued to their labels
(``Beviljat ESF-stöd3 804 849 kr``), titled sections and bullet lists."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError
from ..models import FieldValue, ListField, ListItem, Project, Section, Span
from ..text import fold, slugify, strip_bullet, strip_span
from .parsing import Line, parse_date, parse_money, text_lines, unique_key

_PERIOD = re.compile(r"(\d{4}-\d{2}-\d{2})\s*(?:till|–|—|-)\s*(\d{4}-\d{2}-\d{2})")


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


def _header_start(lines: Sequence[Line]) -> int | None:
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
    s, e = strip_span(text, start, end)
    if s < e and text[s] == ":":
        s, e = strip_span(text, s + 1, e)
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
        amount = parse_money(value_text)
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
    dates = [parse_date(match.group(1)), parse_date(match.group(2))] if match else [None]
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
    lines: Sequence[Line], text: str, source: str
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
    lines: list[Line] = field(default_factory=list)


def _esf_blocks(lines: Sequence[Line]) -> tuple[list[_Block], list[Line]]:
    """The lines grouped under their headings, and the lines that come before any heading."""
    blocks: list[_Block] = []
    stray: list[Line] = []
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
        key = unique_key(block.heading.key, used)
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
    found = {lab.key for line in text_lines(text[:20_000]) if (lab := _label_of(line.text))}
    return len(found) >= 3


def read_esf_page(text: str, *, source: str) -> Project:
    """Parse an ESF project-bank page copied from the web into a project ``esf-<slug>``.

    Page chrome ('Stäng', webinar banners, 'In English'…) is skipped; the name is the last
    line before the header fields; only known headings split sections. Unknown header lines
    and unreadable values are reported in ``Project.problems``. Raises SourceError when the
    text has neither header fields nor known sections.
    """
    lines = [line for line in text_lines(text) if not _is_chrome(line.text)]
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
