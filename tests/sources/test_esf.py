"""ESF project-bank pages (``assistant.sources.esf``): fields, lists, sections, spans."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.errors import SourceError
from assistant.models import Project
from assistant.settings import Settings
from assistant.sources import read_esf_page, read_path

from .helpers import KC2, RESURSCENTER, esf_page, only_project, source_text

CHROME = ("Logotyp", "Stäng", "Webbinarium", "Mer information och anmälan", "In English")


@pytest.fixture(scope="module")
def kc2() -> Project:
    return only_project(read_path(KC2, settings=Settings()))


@pytest.fixture(scope="module")
def resurscenter() -> Project:
    return only_project(read_path(RESURSCENTER, settings=Settings()))


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
