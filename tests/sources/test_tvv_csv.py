"""The Tillväxtverket CSV export (``assistant.sources.tvv_csv``): inline rows, and the real
export when it is beside the repository."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from datetime import date

import ftfy
import pytest

from assistant.errors import SourceError
from assistant.models import ReadResult
from assistant.settings import Settings
from assistant.sources import read_path, read_tvv_csv, repair_text
from assistant.text import sentence_spans

from .helpers import C0_C1, TVV_CSV, TVV_HEADER, needs_csv, only_project, source_text, tvv_row


def test_tvv_missing_columns_raise_naming_them() -> None:
    with pytest.raises(SourceError) as info:
        read_tvv_csv("source,arende_id,namn\nx,1,y\n", source="bad.csv")
    message = str(info.value)
    assert "missing column(s) projektnamn" in message
    assert "found columns: source, arende_id, namn" in message


def test_tvv_broken_quoting_is_a_problem_and_earlier_rows_are_kept() -> None:
    text = TVV_HEADER + tvv_row(arende_id="1") + tvv_row(arende_id="2", projektnamn='"Trasig')
    text += tvv_row(arende_id="3")
    result = read_tvv_csv(text, source="t.csv")
    assert [p.id for p in result.projects] == ["tvv-1"]
    assert len(result.problems) == 1
    assert result.problems[0].line == 3
    assert result.problems[0].message.startswith("line 3: could not parse the CSV")
    assert "is a quote left open?" in result.problems[0].message


def test_tvv_doubled_quotes_have_exact_spans_and_anchors() -> None:
    name = '"Projekt ""Solsken"" i norr"'
    description = '"Vi bygger ""gröna"" tak. Sedan Å\x96kar vi ""allt""."'
    text = TVV_HEADER + tvv_row(projektnamn=name, projektbeskrivning=description)
    project = only_project(read_tvv_csv(text, source="q.csv"))
    assert project.name == 'Projekt "Solsken" i norr'
    assert project.name_span is not None
    assert text[project.name_span.start : project.name_span.end] == name[1:-1]
    section = project.section("description")
    assert section is not None
    assert section.text == 'Vi bygger "gröna" tak. Sedan Ökar vi "allt".'
    assert text[section.span.start : section.span.end] == description[1:-1]
    sentences = [section.text[a:b] for a, b in sentence_spans(section.text)]
    assert sentences == ['Vi bygger "gröna" tak.', 'Sedan Ökar vi "allt".']
    for a, b in sentence_spans(section.text):
        span = section.source_span(a, b)
        raw = text[span.start : span.end]
        assert repair_text(raw.replace('""', '"'))[0] == section.text[a:b]
    quote = section.text.index('"gröna"')
    assert text[section.source_offset(quote) : section.source_offset(quote) + 2] == '""'


def test_tvv_quoted_newline_keeps_later_rows_exact() -> None:
    text = TVV_HEADER + tvv_row(arende_id="1", projektbeskrivning='"Rad ett.\nRad två."')
    text += tvv_row(arende_id="2", projektnamn="Andra projektet", stodmottagare="Bolaget AB")
    result = read_tvv_csv(text, source="n.csv")
    first, second = result.projects
    section = first.section("description")
    assert section is not None and section.text == "Rad ett.\nRad två."
    owner = second.field("owner")
    assert owner is not None
    assert text[owner.span.start : owner.span.end] == "Bolaget AB"
    bad = read_tvv_csv(text + tvv_row(arende_id="3", beviljat_belopp_sek="mycket"), source="n.csv")
    assert bad.projects[2].problems == (
        "line 5: could not read a money amount from 'mycket' (Beviljat belopp)",
    )


def test_tvv_row_without_name_falls_back_or_is_a_problem_with_its_line() -> None:
    text = TVV_HEADER + tvv_row(arende_id="1")
    text += tvv_row(arende_id="2", projektnamn="", projektnamn_short="Bara kort")
    text += tvv_row(arende_id="3", projektnamn="", projektnamn_short="")
    text += tvv_row(arende_id="4", projektnamn="Sista")
    result = read_tvv_csv(text, source="t.csv")
    assert [(p.id, p.name) for p in result.projects] == [
        ("tvv-1", "Långt namn"),
        ("tvv-2", "Bara kort"),
        ("tvv-4", "Sista"),
    ]
    assert len(result.problems) == 1
    assert result.problems[0].line == 4
    assert "no project name" in result.problems[0].message


def test_tvv_wrong_field_count_and_duplicate_ids_are_problems() -> None:
    text = TVV_HEADER + tvv_row(arende_id="1") + "x,2,kort\n" + tvv_row(arende_id="1")
    result = read_tvv_csv(text, source="t.csv")
    assert [p.id for p in result.projects] == ["tvv-1"]
    assert [(p.line, p.message) for p in result.problems] == [
        (3, "line 3: expected 22 fields, found 3; row skipped"),
        (4, "line 4: arende_id of tvv-1 already used on line 2; row skipped"),
    ]


def test_tvv_field_conventions() -> None:
    row = tvv_row(
        arende_id="77",
        projektledare="Anna Berg",
        projektledare_mail="anna@example.se",
        beviljat_belopp_sek="0",
        beviljat_belopp_euro="49585",
        lan_fordelning='"Västerbotten, Å\x96sterbotten"',
        kommun_fordelning='"Umeå, Skellefteå"',
        insatsomrade="Värde saknas",
    )
    text = TVV_HEADER + row
    project = only_project(read_tvv_csv(text, source="c.csv"))
    assert project.id == "tvv-77"
    assert project.kind == "tvv"
    assert project.url == "http://projektbank.tillvaxtverket.se/projektbanken"
    assert project.value("contact") == "Anna Berg"
    assert project.value("status") == "Avslutat"
    assert project.value("case_id") == "77"
    assert project.value("grant_eur") == 49585
    assert project.field("grant_sek") is None  # 0 kr on a row granted in euro
    assert project.value("public_funding_sek") == 2000
    assert project.field("priority") is None  # 'Värde saknas'
    assert project.field("phone") is None  # 'Information saknas'
    counties = project.list("counties")
    municipalities = project.list("municipalities")
    assert counties is not None and municipalities is not None
    assert counties.values == ("Västerbotten", "Österbotten")
    assert municipalities.values == ("Umeå", "Skellefteå")
    for item in municipalities.items:
        assert text[item.span.start : item.span.end] == item.text
    assert text[counties.items[1].span.start : counties.items[1].span.end] == "Å\x96sterbotten"


def test_tvv_zero_euro_is_left_out() -> None:
    project = only_project(read_tvv_csv(TVV_HEADER + tvv_row(), source="c.csv"))
    assert project.value("grant_sek") == 1000
    assert project.field("grant_eur") is None


def test_tvv_empty_description_gives_no_section_and_no_problem() -> None:
    project = only_project(read_tvv_csv(TVV_HEADER + tvv_row(projektbeskrivning=""), source="c"))
    assert project.sections == ()
    assert project.problems == ()


@pytest.fixture(scope="module")
def tvv() -> ReadResult:
    return read_path(TVV_CSV, settings=Settings())


@pytest.fixture(scope="module")
def tvv_text() -> str:
    return source_text(TVV_CSV)


@pytest.fixture(scope="module")
def tvv_rows() -> dict[str, dict[str, str]]:
    with TVV_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["arende_id"]: row for row in csv.DictReader(handle)}


@needs_csv
def test_csv_reads_every_row(tvv: ReadResult) -> None:
    result = tvv
    assert len(result.projects) == 2123
    assert result.problems == ()
    assert len({p.id for p in result.projects}) == 2123
    names = Counter(p.name for p in result.projects)
    assert sum(1 for n in names.values() if n > 1) == 35  # repeated names, distinct projects
    assert sum(1 for p in result.projects if not p.sections) == 123


@needs_csv
def test_csv_row_185210(tvv: ReadResult) -> None:
    project = next(p for p in tvv.projects if p.id == "tvv-185210")
    assert project.name == "Stärkt Konkurrenskraft i tillverkningsindustrin i Jämtlands län"
    assert project.value("owner") == "IUC Z-GROUP AB"
    assert project.value("grant_sek") == 169287
    assert project.field("contact") is None  # 'Information saknas'
    assert project.value("region") == "Mellersta Norrland"
    assert project.value("start") == date(2014, 8, 1)
    assert project.value("end") == date(2014, 12, 30)
    counties = project.list("counties")
    municipalities = project.list("municipalities")
    assert counties is not None and municipalities is not None
    assert counties.values == ("Jämtland",)
    assert len(municipalities.values) == 8
    section = project.section("description")
    assert section is not None
    assert section.title == "Projektbeskrivning"
    assert section.text.endswith("statusen ”bra arbetsgivare”.")


@needs_csv
def test_csv_mojibake_is_repaired(tvv: ReadResult, tvv_text: str) -> None:
    projects = tvv.projects
    som = next(p for p in projects if p.name == "SÖM: processamordning")
    assert som.name_span is not None
    assert tvv_text[som.name_span.start : som.name_span.end] == "SÅ\x96M: processamordning"
    regions = {p.value("region") for p in projects}
    assert "Småland och Öarna" in regions
    assert not any("Å\x96" in str(region) for region in regions)


@needs_csv
def test_csv_leaves_no_control_characters(tvv: ReadResult) -> None:
    for project in tvv.projects:
        texts = [project.name]
        texts += [f.text for f in project.fields] + [str(f.value) for f in project.fields]
        texts += [item.text for lst in project.lists for item in lst.items]
        texts += [s.text for s in project.sections]
        for text in texts:
            assert not C0_C1.search(text), (project.id, text)
            assert not re.search("[ÅÂ][\x80-\x9f]", text)


@needs_csv
def test_csv_repairs_agree_with_ftfy(tvv: ReadResult) -> None:
    config = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False)
    for project in tvv.projects[:600]:
        for section in project.sections:
            assert ftfy.fix_text(section.text, config) == section.text


@needs_csv
@pytest.mark.parametrize("case", ["185210", "183770", "183400", "40572"])
def test_csv_field_spans_are_exact(
    case: str,
    tvv: ReadResult,
    tvv_text: str,
    tvv_rows: dict[str, dict[str, str]],
) -> None:
    project = next(p for p in tvv.projects if p.id == f"tvv-{case}")
    row = tvv_rows[case]
    columns = {
        "owner": "stodmottagare",
        "grant_sek": "beviljat_belopp_sek",
        "case_id": "arende_id",
        "program": "malprogram",
        "region": "omrade",
    }
    for key, column in columns.items():
        fv = project.field(key)
        assert fv is not None
        raw = tvv_text[fv.span.start : fv.span.end]
        assert raw in (row[column].strip(), row[column].strip().replace('"', '""'))
        assert fv.text == repair_text(row[column])[0].strip()
    assert project.name_span is not None
    raw_name = tvv_text[project.name_span.start : project.name_span.end]
    assert raw_name.replace('""', '"') == row["projektnamn"].strip()


@needs_csv
def test_csv_sentences_map_to_their_raw_text(tvv: ReadResult, tvv_text: str) -> None:
    repaired = [s for p in tvv.projects for s in p.sections if s.anchors and len(s.anchors) > 1]
    assert len(repaired) > 100
    for section in repaired[:150]:
        for a, b in sentence_spans(section.text):
            span = section.source_span(a, b)
            raw = tvv_text[span.start : span.end].replace('""', '"')
            assert repair_text(raw)[0] == section.text[a:b]
        whole = section.source_span(0, len(section.text))
        assert (whole.start, whole.end) == (section.span.start, section.span.end)


@needs_csv
def test_csv_quotes_and_dashes_from_inverted_question_marks(
    tvv: ReadResult,
) -> None:
    by_id = {p.id: p for p in tvv.projects}
    names = {p.name for p in by_id.values()}
    assert (
        "Social Innovation 2.0 – utveckla regionens innovationssystem till att passa alla "
        "entreprenörer"
    ) in names
    section = by_id["tvv-185210"].section("description")
    assert section is not None
    assert "¿" not in section.text


def test_csv_spans_agree_with_the_csv_module_on_tricky_quoting() -> None:
    values = {
        "arende_id": "9",
        "projektnamn": 'Namn "med citat"',
        "stodmottagare": "Komma, AB",
        "projektledare": 'Två ""dubbla""',
        "omrade": "rad ett\nrad två",
        "projektbeskrivning": "",
        "malprogram": " mellanslag ",
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(values.keys())
    writer.writerow(values.values())
    writer.writerow(["10", "Nästa", "Efter AB", "", "", "", ""])
    text = buffer.getvalue()
    first, second = read_tvv_csv(text, source="w.csv").projects
    assert first.name == 'Namn "med citat"'
    for key, column in [
        ("owner", "stodmottagare"),
        ("contact", "projektledare"),
        ("region", "omrade"),
        ("program", "malprogram"),
    ]:
        fv = first.field(key)
        assert fv is not None
        assert fv.value == values[column].strip()
        raw = text[fv.span.start : fv.span.end]
        assert raw.replace('""', '"') == values[column].strip()
    owner = second.field("owner")
    assert owner is not None
    assert text[owner.span.start : owner.span.end] == "Efter AB"
