"""The Tillväxtverket 2007–2013 CSV export: one project per row, every field span exact in the
file, damaged characters repaired (:mod:`.repair`) and anchored to the raw text."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ..errors import SourceError
from ..models import FieldValue, ListField, ListItem, Problem, Project, ReadResult, Section, Span
from .mapped import Mapped, anchors_of, identity
from .parsing import parse_date, parse_money
from .repair import repair_mapped, repair_value

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

    def mapped(self, text: str) -> Mapped:
        """The unquoted value mapped to the file: each '"' spans the '""' it came from."""
        if self.end - self.start == len(self.value):
            return identity(self.value, self.start)
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
        return Mapped(self.value, starts, ends, self.end)


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
        start, end = repair_mapped(raw.mapped(self.text)).strip().span
        return Span(source=self.source, start=start, end=end)


def _tvv_value(row: _Row, spec: _Column, raw: _RawField) -> str | int | date | None:
    """The typed value of a CSV field; None (with a problem noted) if it cannot be read."""
    text = repair_value(raw.value)
    if spec.kind == "money":
        amount = parse_money(text)
        if amount is None:
            row.problems.append(
                f"line {row.line}: could not read a money amount from {text!r} ({spec.label})"
            )
        return amount
    if spec.kind == "date":
        day = parse_date(text)
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
                text=repair_value(raw.value),
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
            item = repair_mapped(mapped.slice(*match.span())).strip()
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
    mapped = repair_mapped(raw.mapped(row.text)).strip()
    if not mapped.text:
        return None
    start, end = mapped.span
    return Section(
        key="description",
        title="Projektbeskrivning",
        text=mapped.text,
        span=Span(source=row.source, start=start, end=end),
        anchors=anchors_of(mapped, start),
    )


def _tvv_project(row: _Row) -> Project | None:
    """The project of one row, or None if it has no id or no name (the caller reports it)."""
    case = row.get("arende_id")
    name_raw = row.get("projektnamn") or row.get("projektnamn_short")
    if case is None or name_raw is None or not repair_value(name_raw.value):
        return None
    url_raw = row.get("source")
    url = url_raw.value.strip() if url_raw and url_raw.value.strip().startswith("http") else ""
    fields = _tvv_fields(row)
    section = _tvv_section(row)
    return Project(
        id=f"tvv-{case.value.strip()}",
        name=repair_value(name_raw.value),
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


def is_tvv_text(text: str) -> bool:
    """Whether a text starts with the header row of the Tillväxtverket export."""
    first = text[: text.find("\n")] if "\n" in text else text
    try:
        header = next(csv.reader([first]), [])
    except csv.Error:
        return False
    return all(name in {h.strip().lower() for h in header} for name in _TVV_REQUIRED)
