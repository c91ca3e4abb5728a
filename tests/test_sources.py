"""Tests of the readers: ESF pages, the Tillväxtverket CSV, documents, decoding and folders."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from datetime import date
from pathlib import Path

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.errors import SourceError
from assistant.models import Project, ReadResult, Section, Span
from assistant.settings import Settings
from assistant.sources import (
    read_document,
    read_esf_page,
    read_path,
    read_paths,
    read_tvv_csv,
    repair_text,
)
from assistant.text import sentence_spans

DATA = Path(__file__).parents[1] / "data"
KC2 = DATA / "kc2.txt"
RESURSCENTER = DATA / "resurscenter.txt"
TVV_CSV = Path(__file__).parents[2] / "shared" / "corpora" / "tillvaxtverket-2007-2013.csv"

CHROME = ("Logotyp", "Stäng", "Webbinarium", "Mer information och anmälan", "In English")
C0_C1 = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
TVV_HEADER = (
    "source,arende_id,projektnamn_short,stodmottagare_short,projekt_starttid,projekt_sluttid,"
    "beviljat_belopp_sek,beviljat_belopp_euro,projektnamn,projektbeskrivning,pagar_slut,"
    "stodmottagare,projektledare,projektledare_telnr,projektledare_mail,malprogram,omrade,"
    "insatsomrade,offentlig_finansiar,lan_fordelning,kommun_fordelning,laddningsdatum\n"
)


def tvv_row(**values: str) -> str:
    """One CSV row of the export with sensible defaults; values are written as given (raw)."""
    row = {
        "source": "http://projektbank.tillvaxtverket.se/projektbanken",
        "arende_id": "1001",
        "projektnamn_short": "Kort namn",
        "stodmottagare_short": "Kort AB",
        "projekt_starttid": "2010-01-01",
        "projekt_sluttid": "2011-12-31",
        "beviljat_belopp_sek": "1000",
        "beviljat_belopp_euro": "0",
        "projektnamn": "Långt namn",
        "projektbeskrivning": "En beskrivning.",
        "pagar_slut": "SLUT",
        "stodmottagare": "Mottagare AB",
        "projektledare": "Information saknas",
        "projektledare_telnr": "Information saknas",
        "projektledare_mail": "Information saknas",
        "malprogram": "Mål 2",
        "omrade": "Stockholm",
        "insatsomrade": "1 Innovation",
        "offentlig_finansiar": "2000",
        "lan_fordelning": "Stockholm",
        "kommun_fordelning": "",
        "laddningsdatum": "2016-10-14 01:22:49",
    }
    row.update(values)
    return ",".join(row.values()) + "\n"


def source_text(path: Path) -> str:
    """The source text of a seed file as the readers define it (UTF-8, LF)."""
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def only_project(result: ReadResult) -> Project:
    assert result.problems == ()
    assert len(result.projects) == 1
    return result.projects[0]


@pytest.fixture(scope="module")
def kc2() -> Project:
    return only_project(read_path(KC2, settings=Settings()))


@pytest.fixture(scope="module")
def resurscenter() -> Project:
    return only_project(read_path(RESURSCENTER, settings=Settings()))


# ------------------------------------------------------------------------------------------
# ESF pages
# ------------------------------------------------------------------------------------------


def test_kc2_identity_and_name(kc2: Project) -> None:
    assert (kc2.id, kc2.name, kc2.kind, kc2.url) == ("esf-kc2", "KC2", "esf", "")
    assert kc2.source == str(KC2)
    assert kc2.problems == ()
    assert kc2.name_span is not None
    assert source_text(KC2)[kc2.name_span.start : kc2.name_span.end] == "KC2"


def test_kc2_header_fields(kc2: Project) -> None:
    assert kc2.value("grant_sek") == 3804849
    assert kc2.value("budget_sek") == 9512126
    assert kc2.value("start") == date(2008, 7, 1)
    assert kc2.value("end") == date(2011, 6, 30)
    assert kc2.value("period") == "2008-07-01 till 2011-06-30"
    assert kc2.value("owner") == "Studieförbundet Vuxenskolan, avd Norra Jämtland"
    assert kc2.value("contact") == "Veronica Borg"
    assert kc2.value("email") == "veronica.borg@sv.se"
    assert kc2.value("phone") == "0670-126 10"
    assert kc2.value("region") == "Mellersta Norrland"
    assert kc2.value("program") == "Programområde 2 Ökat arbetskraftsutbud"
    assert kc2.value("phase") == "Genomförande"
    grant = kc2.field("grant_sek")
    assert grant is not None
    assert grant.label == "Beviljat ESF-stöd"
    assert grant.text == "3\u00a0804\u00a0849 kr"  # as written on the page (no-break spaces)


def test_kc2_lists(kc2: Project) -> None:
    cofinanciers = kc2.list("cofinanciers")
    partners = kc2.list("partners")
    municipalities = kc2.list("municipalities")
    assert cofinanciers is not None and partners is not None and municipalities is not None
    assert cofinanciers.values == (
        "Arbetsförmedlingen Strömsund",
        "Försäkringskassan Östersund",
        "Sociala enheten",
        "Ström-Alanäs Församling",
    )
    assert cofinanciers.label == "Medfinansiärer"
    assert partners.values == ("Röda Korset",)
    assert len(municipalities.values) == 15
    assert municipalities.values[0] == "Bergs"
    assert municipalities.values[-1] == "Östersund"


def test_kc2_sections(kc2: Project) -> None:
    keys = [s.key for s in kc2.sections]
    assert keys == [
        "summary",
        "background",
        "purpose",
        "goals",
        "accessibility",
        "gender",
        "transnational",
    ]
    summary = kc2.section("summary")
    assert summary is not None
    assert summary.title == "Sammanfattning"
    assert summary.text.startswith("Var 8:e vuxen i Strömsunds kommun")
    assert summary.text.endswith("återför till samhället.")
    goals = kc2.section("goals")
    assert goals is not None
    assert goals.text.splitlines()[0] == (
        "- medverka till att 100 personer per år påbörjar sin väg in eller åter till arbetslivet."
    )
    accessibility = kc2.section("accessibility")
    assert accessibility is not None
    assert accessibility.title == "Tillgänglighet för personer med funktionsnedsättning"
    # the section stops at the list heading and does not swallow the lists
    transnational = kc2.section("transnational")
    assert transnational is not None
    assert "Medfinansiärer" not in transnational.text
    assert "•" not in transnational.text


@pytest.mark.parametrize("path", [KC2, RESURSCENTER])
def test_esf_spans_point_at_their_text(path: Path) -> None:
    text = source_text(path)
    project = only_project(read_path(path, settings=Settings()))
    assert project.fields and project.lists and project.sections
    for fv in project.fields:
        assert text[fv.span.start : fv.span.end] == fv.text, fv.key
        assert fv.span.source == str(path)
    for lst in project.lists:
        for item in lst.items:
            assert text[item.span.start : item.span.end] == item.text
    for section in project.sections:
        assert section.anchors == ()
        assert text[section.span.start : section.span.end] == section.text
        assert section.text == section.text.strip()


def test_esf_glued_label_span_covers_the_value_only(resurscenter: Project) -> None:
    text = source_text(RESURSCENTER)
    contact = resurscenter.field("contact")
    assert contact is not None
    assert text[contact.span.start - len("Kontaktperson") : contact.span.start] == "Kontaktperson"
    assert contact.text == "agneta leonhardt"
    start = resurscenter.field("start")
    assert start is not None
    assert text[start.span.start : start.span.end] == "2008-05-01"


@pytest.mark.parametrize("path", [KC2, RESURSCENTER])
def test_esf_chrome_is_absent_everywhere(path: Path) -> None:
    project = only_project(read_path(path, settings=Settings()))
    texts = [project.name]
    texts += [f.text for f in project.fields]
    texts += [item.text for lst in project.lists for item in lst.items]
    texts += [s.text for s in project.sections]
    for text in texts:
        for chrome in CHROME:
            assert chrome not in text


def test_resurscenter_values(resurscenter: Project) -> None:
    assert resurscenter.id == "esf-resurscenter"
    assert resurscenter.name == "Resurscenter"
    assert resurscenter.value("grant_sek") == 4614000
    assert resurscenter.value("budget_sek") == 11535000
    assert resurscenter.value("contact") == "agneta leonhardt"
    assert resurscenter.value("region") == "Småland och Öarna"
    assert len(resurscenter.sections) == 7
    municipalities = resurscenter.list("municipalities")
    assert municipalities is not None
    assert len(municipalities.values) == 34


ESF_PAGE = """Stäng

12 maj - Webbinarium om något

{name}

ProgramområdeProgramområde 1 Kompetensförsörjning
ProjektägareTestkommunen
Beviljat ESF-stöd{grant}
Projektperiod2009-01-01 till 2010-12-31
{extra}
Sammanfattning

Kort sammanfattning.

Syftet med projektet

Detta är en rad som inte är en rubrik.

Skriv ut
"""


def esf_page(*, name: str = "Testprojektet", grant: str = "1 000 kr", extra: str = "") -> str:
    return ESF_PAGE.format(name=name, grant=grant, extra=extra)


def test_esf_unparseable_money_is_a_problem_not_a_guess() -> None:
    page = esf_page(grant="fyra miljoner")
    project = read_esf_page(page, source="p.txt")
    assert project.field("grant_sek") is None
    line = page.splitlines().index("Beviljat ESF-stödfyra miljoner") + 1
    assert project.problems == (f"line {line}: could not read a money amount from 'fyra miljoner'",)


def test_esf_unknown_header_line_is_a_problem_and_the_page_still_loads() -> None:
    project = read_esf_page(esf_page(extra="Webbplatswww.example.se\n"), source="p.txt")
    assert project.name == "Testprojektet"
    assert project.value("owner") == "Testkommunen"
    assert project.value("grant_sek") == 1000
    assert len(project.problems) == 1
    assert "unrecognised header line 'Webbplatswww.example.se'" in project.problems[0]


def test_esf_page_with_missing_fields_still_loads() -> None:
    project = read_esf_page(esf_page(), source="p.txt")
    assert project.field("contact") is None
    assert project.field("budget_sek") is None
    assert project.value("end") == date(2010, 12, 31)
    summary = project.section("summary")
    assert summary is not None
    # a body line that merely starts with a heading word does not split a section
    assert summary.text.endswith("Detta är en rad som inte är en rubrik.")
    assert project.section("purpose") is None
    assert "Skriv ut" not in summary.text


def test_esf_name_starting_with_a_label_word_is_still_the_name() -> None:
    project = read_esf_page(esf_page(name="Regionalt resurscentrum"), source="p.txt")
    assert project.name == "Regionalt resurscentrum"
    assert project.id == "esf-regionalt-resurscentrum"
    assert project.field("region") is None


def test_esf_label_with_value_on_the_next_line() -> None:
    page = "Projekt X\n\nProjektägare\nKommunen\nRegion:\nNorra\nProjektfasAvslutad\n"
    page += "\nSammanfattning\n\nText.\n"
    project = read_esf_page(page, source="x.txt")
    assert project.value("owner") == "Kommunen"
    assert project.value("region") == "Norra"
    assert project.value("phase") == "Avslutad"
    assert project.problems == ()


def test_esf_label_without_any_value_is_a_problem() -> None:
    page = "Projekt Y\n\nProjektägare\nProjektfasGenomförande\nRegionSyd\n\nSyfte\n\nText.\n"
    project = read_esf_page(page, source="y.txt")
    assert project.field("owner") is None
    assert project.value("phase") == "Genomförande"
    assert project.problems == ("line 3: 'Projektägare' has no value",)


def test_esf_heading_matched_by_prefix_and_case() -> None:
    page = esf_page() + "\nTILLGÄNGLIGHET\n\nRamper finns.\n\nJämställdhet:\n\nLika villkor.\n"
    project = read_esf_page(page, source="p.txt")
    accessibility = project.section("accessibility")
    gender = project.section("gender")
    assert accessibility is not None and gender is not None
    assert accessibility.text == "Ramper finns."
    assert gender.text == "Lika villkor."


def test_esf_page_without_fields_or_sections_raises() -> None:
    with pytest.raises(SourceError, match="expected header lines such as"):
        read_esf_page("Stäng\n\nBara lite text här.\nOch en rad till.\n", source="p.txt")


# ------------------------------------------------------------------------------------------
# repair_text
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "repaired"),
    [
        ("SÅ\x96M: processamordning", "SÖM: processamordning"),
        ("Småland och Å\x96arna", "Småland och Öarna"),
        ("BORLÅ\x84NGE", "BORLÄNGE"),
        ("idÅ©er och svÅ¦rt, hÅ¸jere", "idéer och svært, højere"),
        ("Â«Pendler-broenÂ» vil", "«Pendler-broen» vil"),
        ("2007 \x13 2013", "2007 – 2013"),
        ("som \x1däkta\x1d, dvs", "som ”äkta”, dvs"),
        ("\x1cBolagets\x1d plan", "“Bolagets” plan"),
        ("statusen ¿bra arbetsgivare¿. ¿¿¿", "statusen ”bra arbetsgivare”."),
        ("Innovation 2.0 ¿ utveckla", "Innovation 2.0 – utveckla"),
        ("¿Norrbotniabanan ¿ Förankring¿ som", "”Norrbotniabanan – Förankring” som"),
        ("förprojektet Â¿Rural Regions 2020Â¿ är", "förprojektet ”Rural Regions 2020” är"),
        ("inom PI¿s verksamhet", "inom PI¿s verksamhet"),  # unknown: left as it is
        ("företa¬gens syssels¤ttning", "företagens sysselsättning"),
        ("transportlösningar.\x02\x02 Såväl", "transportlösningar.   Såväl"),
        ("Grøn medarbejdertransport", "Grøn medarbejdertransport"),  # legitimate Danish
        ("Åre och Åsele", "Åre och Åsele"),
    ],
)
def test_repair_text(raw: str, repaired: str) -> None:
    text, _ = repair_text(raw)
    assert text == repaired
    assert not C0_C1.search(text)


def test_repair_text_leaves_clean_text_alone() -> None:
    assert repair_text("Helt vanlig text på svenska.") == ("Helt vanlig text på svenska.", ())


def test_repair_text_anchors_map_back_to_raw() -> None:
    raw = "Å\x96kad ¿bra¿ tillväxt i Å\x84lvdalen ¿¿¿"
    text, anchors = repair_text(raw)
    assert text == "Ökad ”bra” tillväxt i Älvdalen"
    section = Section(
        key="k", title="t", text=text, span=Span(source="s", start=0, end=len(raw)), anchors=anchors
    )
    assert anchors[0] == (1, 2)  # after 'Ö' the raw is one char ahead
    start = text.index("tillväxt")
    span = section.source_span(start, start + len("tillväxt"))
    assert raw[span.start : span.end] == "tillväxt"
    start = text.index("Älvdalen")
    assert raw[section.source_offset(start) :].startswith("Å\x84lvdalen")
    start = text.index("bra")
    span = section.source_span(start, start + len("bra"))
    assert raw[span.start : span.end] == "bra"
    # the whole text stands for the whole raw text, dropped '¿¿¿' included
    whole = section.source_span(0, len(text))
    assert (whole.start, whole.end) == (0, len(raw))


DAMAGE = st.sampled_from(
    ["a", "ö", " ", ".", "Å\x96", "Å\x84", "Â«", "\x13", "\x1d", "¿", " ¿ ", "¿¿", "¬", "\xa0", "Å"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(DAMAGE, max_size=30))
def test_repair_text_anchor_map_is_consistent(pieces: list[str]) -> None:
    raw = "".join(pieces)
    text, anchors = repair_text(raw)
    section = Section(
        key="k", title="t", text=text, span=Span(source="s", start=0, end=len(raw)), anchors=anchors
    )
    offsets = [section.source_offset(i) for i in range(len(text) + 1)]
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(raw) for o in offsets)
    for i, ch in enumerate(text):
        if (ch.isascii() and ch != " ") or ch == "ö":
            assert raw[offsets[i]] == ch  # unrepaired characters map onto themselves


# ------------------------------------------------------------------------------------------
# The Tillväxtverket CSV export (inline)
# ------------------------------------------------------------------------------------------


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


# ------------------------------------------------------------------------------------------
# The real Tillväxtverket CSV export
# ------------------------------------------------------------------------------------------

needs_csv = pytest.mark.skipif(
    not TVV_CSV.exists(), reason=f"the Tillväxtverket export is not at {TVV_CSV}"
)


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


# ------------------------------------------------------------------------------------------
# Documents
# ------------------------------------------------------------------------------------------

MARKDOWN = """Lite inledning före rubriken.

# Projekt Solsken

Kort om projektet.

## Bakgrund

Det började 2019.
Andra raden.

```
# inte en rubrik
```

Mål
===

Att lyckas.
"""


def test_markdown_document() -> None:
    project = read_document(MARKDOWN, source="docs/solsken-plan.md")
    assert project.id == "doc-solsken-plan"
    assert project.kind == "doc"
    assert project.name == "Projekt Solsken"
    assert project.name_span is not None
    assert MARKDOWN[project.name_span.start : project.name_span.end] == "Projekt Solsken"
    assert [(s.key, s.title) for s in project.sections] == [
        ("intro", "Inledning"),
        ("projekt-solsken", "Projekt Solsken"),
        ("bakgrund", "Bakgrund"),
        ("mal", "Mål"),
    ]
    background = project.section("bakgrund")
    assert background is not None
    assert background.text.startswith("Det började 2019.\nAndra raden.")
    assert "# inte en rubrik" in background.text
    for section in project.sections:
        assert MARKDOWN[section.span.start : section.span.end] == section.text


def test_plain_text_document_headings() -> None:
    text = "Projektplan för X\n\nBakgrund:\n\nHär står bakgrunden. Den är lång.\n\n"
    text += "Mål\n\nAtt lyckas.\n"
    project = read_document(text, source="plan.txt")
    assert project.name == "Projektplan för X"
    assert [(s.key, s.text) for s in project.sections] == [
        ("bakgrund", "Här står bakgrunden. Den är lång."),
        ("mal", "Att lyckas."),
    ]


HTML = """<!DOCTYPE html>
<html><head><title>Sidans titel</title><style>p { color: red }</style>
<script>var x = "<h1>Inte rubrik</h1> hemligt";</script></head>
<body><nav><a href="/">Hem</a></nav>
<h1>Projekt &amp; Partner</h1>
<p>Första   stycket
fortsätter h&auml;r.</p><p>Andra&nbsp;stycket.</p>
<h2>Syfte</h2><ul><li>Ett</li><li>Två</li></ul>
<script>alert("nej")</script>
</body></html>
"""


def test_html_document() -> None:
    project = read_document(HTML, source="sida.html", html=True)
    assert project.id == "doc-sida"
    assert project.name == "Projekt & Partner"
    assert project.name_span is not None
    assert HTML[project.name_span.start : project.name_span.end] == "Projekt &amp; Partner"
    assert [s.key for s in project.sections] == ["projekt-partner", "syfte"]
    first = project.sections[0]
    assert first.text == "Första stycket fortsätter här.\nAndra stycket."
    assert project.sections[1].text == "Ett\nTvå"
    for section in project.sections:
        assert "hemligt" not in section.text and "alert" not in section.text
        assert "<" not in section.text
        for i, ch in enumerate(section.text):
            if ch.isalpha() and ch != "ä":
                assert HTML[section.source_offset(i)] == ch
    i = first.text.index("här")
    assert HTML[first.source_offset(i + 1) :].startswith("&auml;")
    span = first.source_span(0, len(first.text))
    assert HTML[span.start : span.end].endswith("Andra&nbsp;stycket.")


def test_html_without_h1_is_named_by_its_title() -> None:
    page = "<html><head><title>Titeln</title></head><body><p>Bara text.</p></body></html>"
    project = read_document(page, source="t.htm", html=True)
    assert project.name == "Titeln"
    assert [(s.key, s.title, s.text) for s in project.sections] == [
        ("intro", "Inledning", "Bara text.")
    ]


# ------------------------------------------------------------------------------------------
# Files: decoding, limits, folders
# ------------------------------------------------------------------------------------------


def test_cp1252_file_decodes_swedish_letters(tmp_path: Path) -> None:
    path = tmp_path / "anteckning.txt"
    path.write_bytes(
        "Åtgärder för öns näringsliv\n\nVi ökar sysselsättningen – nu.\n".encode("cp1252")
    )
    project = only_project(read_path(path, settings=Settings()))
    assert project.name == "Åtgärder för öns näringsliv"
    assert project.sections[0].text == "Vi ökar sysselsättningen – nu."


def test_latin1_esf_page_decodes(tmp_path: Path) -> None:
    path = tmp_path / "sida.txt"
    path.write_bytes(esf_page(name="Höga mål").encode("latin-1"))
    project = only_project(read_path(path, settings=Settings()))
    assert project.kind == "esf"
    assert project.name == "Höga mål"
    assert project.value("owner") == "Testkommunen"


def test_utf8_bom_is_stripped_and_spans_follow_the_decoded_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf# Rubrik\n\nText h\xc3\xa4r.\n")
    project = only_project(read_path(path, settings=Settings()))
    assert project.name == "Rubrik"
    assert project.name_span is not None
    assert (project.name_span.start, project.name_span.end) == (2, 8)


def test_crlf_is_normalised_and_spans_refer_to_the_lf_text(tmp_path: Path) -> None:
    path = tmp_path / "kc2-crlf.txt"
    path.write_bytes(KC2.read_bytes().replace(b"\n", b"\r\n"))
    project = only_project(read_path(path, settings=Settings()))
    text = source_text(path)
    assert "\r" not in text
    grant = project.field("grant_sek")
    assert grant is not None
    assert grant.value == 3804849
    assert text[grant.span.start : grant.span.end] == grant.text
    for section in project.sections:
        assert "\r" not in section.text
        assert text[section.span.start : section.span.end] == section.text


def test_crlf_csv_keeps_exact_spans(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        (TVV_HEADER + tvv_row() + tvv_row(arende_id="2")).replace("\n", "\r\n").encode()
    )
    result = read_path(path, settings=Settings())
    assert [p.id for p in result.projects] == ["tvv-1001", "tvv-2"]
    text = source_text(path)
    owner = result.projects[1].field("owner")
    assert owner is not None
    assert text[owner.span.start : owner.span.end] == "Mottagare AB"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"  \n\r\n", "empty"), (b"PK\x03\x04\x00\x00binary", "binary")],
)
def test_empty_and_binary_files_are_problems(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "fil.txt"
    path.write_bytes(content)
    result = read_path(path, settings=Settings())
    assert result.projects == ()
    assert len(result.problems) == 1
    assert message in result.problems[0].message
    assert result.problems[0].source == str(path)


def test_too_big_file(tmp_path: Path) -> None:
    path = tmp_path / "stor.txt"
    path.write_text("Rubrik\n\nEn text som är längre än tio byte.\n", encoding="utf-8")
    small = Settings(max_file_bytes=10)
    with pytest.raises(SourceError, match="over the limit of 10 bytes"):
        read_path(path, settings=small)
    result = read_path(tmp_path, settings=small)
    assert result.projects == ()
    assert "over the limit of 10 bytes" in result.problems[0].message


def test_unsupported_file_named_directly_raises_but_is_a_problem_in_a_folder(
    tmp_path: Path,
) -> None:
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    (tmp_path / "notis.md").write_text("# Notis\n\nText.\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"unsupported file type '\.pdf'"):
        read_path(pdf, settings=Settings())
    result = read_path(tmp_path, settings=Settings())
    assert [p.name for p in result.projects] == ["Notis"]
    assert len(result.problems) == 1
    assert "unsupported file type '.pdf'" in result.problems[0].message


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file or folder"):
        read_path(tmp_path / "finns-inte.txt", settings=Settings())


def test_folder_is_read_recursively_sorted_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "kc2.txt").write_bytes(KC2.read_bytes())
    (tmp_path / "a.md").write_text("# Alfa\n\nText.\n", encoding="utf-8")
    (tmp_path / ".dold.md").write_text("# Dold\n\nText.\n", encoding="utf-8")
    (tmp_path / ".git" / "x.md").write_text("# Git\n\nText.\n", encoding="utf-8")
    (tmp_path / "tom.txt").write_bytes(b"")
    (tmp_path / "fel.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    result = read_path(tmp_path, settings=Settings())
    assert [p.name for p in result.projects] == ["Alfa", "KC2"]
    assert [Path(p.source).name for p in result.problems] == ["fel.csv", "tom.txt"]
    assert "missing column(s) arende_id, projektnamn" in result.problems[0].message


def test_read_paths_merges_and_keeps_ids_unique(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "readme.md").write_text("# Ett\n\nText.\n", encoding="utf-8")
    (tmp_path / "y" / "readme.md").write_text("# Två\n\nText.\n", encoding="utf-8")
    (tmp_path / "y" / "kopia.txt").write_bytes(KC2.read_bytes())
    result = read_paths([KC2, tmp_path / "x", tmp_path / "y", KC2], settings=Settings())
    assert [p.id for p in result.projects] == ["esf-kc2", "doc-readme", "doc-readme-2"]
    assert len(result.problems) == 1
    assert "esf-kc2 was already read" in result.problems[0].message


def test_a_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("# Ett\n\nText.\n", encoding="utf-8")
    result = read_paths([tmp_path, tmp_path / "readme.md"], settings=Settings())
    assert [p.id for p in result.projects] == ["doc-readme"]
    assert result.problems == ()


def test_csv_in_a_txt_file_is_detected_by_its_header(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(TVV_HEADER + tvv_row(arende_id="5"), encoding="utf-8")
    result = read_path(path, settings=Settings())
    assert [p.id for p in result.projects] == ["tvv-5"]


@needs_csv
def test_read_paths_on_the_real_export_and_seeds() -> None:
    result = read_paths([DATA, TVV_CSV], settings=Settings())
    assert len(result.projects) == 2125
    assert {p.kind for p in result.projects} == {"esf", "tvv"}
    assert result.problems == ()


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
