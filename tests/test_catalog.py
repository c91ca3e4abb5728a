"""The project catalog: one table row per project, the filter values, and example questions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from assistant.catalog import (
    ROW_COLUMNS,
    build_catalog,
    example_questions,
    filter_table,
    project_row,
)
from assistant.models import Project
from assistant.settings import Settings
from assistant.sources import read_path

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def seeds() -> list[Project]:
    return list(read_path(DATA, settings=Settings()).projects)


def by_id(projects: list[Project], project_id: str) -> Project:
    return next(p for p in projects if p.id == project_id)


def test_row_holds_the_facts_the_table_shows(seeds: list[Project]) -> None:
    row = project_row(by_id(seeds, "esf-kc2"))
    assert tuple(row) == ROW_COLUMNS
    assert row["name"] == "KC2" and row["kind"] == "esf"
    assert row["owner"] == "Studieförbundet Vuxenskolan, avd Norra Jämtland"
    assert row["region"] == "Mellersta Norrland"
    assert (row["start"], row["end"]) == (date(2008, 7, 1), date(2011, 6, 30))
    assert (row["grant"], row["budget"]) == (3804849, 9512126)
    assert "Strömsund" in row["municipalities"].split("\n")
    assert "kc2 studieförbundet" in row["folded"] and "stromsund" not in row["folded"]


def test_row_of_a_project_without_facts() -> None:
    bare = Project(id="doc-x", name="Ett dokument", kind="doc", source="x.md")
    row = project_row(bare)
    assert row["owner"] == row["region"] == row["program"] == row["municipalities"] == ""
    assert row["grant"] is None and row["start"] is None
    assert row["folded"].split() == ["ett", "dokument"]


def test_catalog_table_and_filter_values(seeds: list[Project]) -> None:
    catalog = build_catalog(seeds)
    assert list(catalog.table.columns) == list(ROW_COLUMNS)
    assert list(catalog.table["name"]) == ["KC2", "Resurscenter"]
    assert str(catalog.table["grant"].dtype) == "Int64"
    assert catalog.regions == ["Mellersta Norrland", "Småland och Öarna"]
    assert catalog.programs == ["Programområde 2 Ökat arbetskraftsutbud"]
    assert catalog.owners[0] == "Socialförvaltningen"
    assert {"Strömsund", "Kalmar", "Östersund"} <= set(catalog.municipalities)
    assert len(catalog.municipalities) == len(set(catalog.municipalities))
    assert catalog.years == (2008, 2011)


def test_catalog_of_nothing() -> None:
    catalog = build_catalog([])
    assert catalog.table.empty and list(catalog.table.columns) == list(ROW_COLUMNS)
    assert catalog.regions == catalog.owners == catalog.municipalities == []
    assert catalog.years is None


def test_filter_matches_every_word_ignoring_case(seeds: list[Project]) -> None:
    table = build_catalog(seeds).table
    assert filter_table(table, "") is table
    assert list(filter_table(table, "kalmar")["name"]) == ["Resurscenter"]
    assert list(filter_table(table, "STUDIEFÖRBUNDET  vuxenskolan")["name"]) == ["KC2"]
    assert list(filter_table(table, "STRÖMSUND")["name"]) == ["KC2"]
    assert filter_table(table, "Ostersund").empty  # å, ä and ö are letters of their own
    assert list(filter_table(table, "PROGRAMOMRÅDE 2")["name"]) == ["KC2", "Resurscenter"]
    assert filter_table(table, "kalmar jämtland").empty


def test_example_questions_name_projects_of_the_index(seeds: list[Project]) -> None:
    assert example_questions(seeds, "sv") == [
        "Hur mycket ESF-stöd fick KC2?",
        "Vem äger projektet Resurscenter?",
        "Vilka kommuner deltar i KC2?",
        "Vad är syftet med Resurscenter?",
        "Vilka projekt arbetar med coachning?",
    ]
    assert example_questions(seeds, "en")[0] == "How much ESF support did KC2 get?"


def test_example_questions_without_named_projects(seeds: list[Project]) -> None:
    tvv = replace(by_id(seeds, "esf-kc2"), kind="tvv", lists=())
    assert example_questions([tvv], "sv") == [
        "Hur mycket stöd beviljades KC2?",
        "Vem äger projektet KC2?",
        "Vad är syftet med KC2?",
        "Vilka projekt arbetar med coachning?",
    ]
    long_name = replace(tvv, name="x" * 41)
    document = Project(id="doc-a", name="A", kind="doc", source="a.md")
    assert example_questions([long_name, document], "en") == ["Which projects work with coaching?"]
