"""The indexed projects as one table, the distinct values the search filters offer, and example
questions that are sure to work on this index.

Built once per index generation by the app; everything is derived from the project records, so
the table and the filters always agree with what search and answers see.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from .models import Project
from .phrases import t
from .text import fold

ROW_COLUMNS = (
    "id",
    "name",
    "owner",
    "region",
    "program",
    "start",
    "end",
    "grant",
    "budget",
    "kind",
    "municipalities",
    "folded",
)
TEXT_KEYS = ("owner", "region", "program")
MONEY_COLUMNS = ("grant", "budget")
MAX_EXAMPLE_NAME = 40


@dataclass(frozen=True, kw_only=True, eq=False)
class Catalog:
    """The projects as a table (:data:`ROW_COLUMNS`), and the values each filter offers."""

    table: pd.DataFrame
    regions: list[str]
    owners: list[str]
    programs: list[str]
    municipalities: list[str]
    years: tuple[int, int] | None


def build_catalog(projects: Iterable[Project]) -> Catalog:
    """One row per project plus the sorted distinct regions, owners, programs, municipalities
    and the span of years the projects run over."""
    table = pd.DataFrame([project_row(p) for p in projects], columns=list(ROW_COLUMNS))
    for column in MONEY_COLUMNS:
        table[column] = table[column].astype("Int64")
    return Catalog(
        table=table,
        regions=_distinct(table["region"]),
        owners=_distinct(table["owner"]),
        programs=_distinct(table["program"]),
        municipalities=_distinct(m for cell in table["municipalities"] for m in cell.split("\n")),
        years=_year_span(table),
    )


def _distinct(values: Iterable[str]) -> list[str]:
    """The non-empty values once each, in Swedish-friendly order (accents folded)."""
    return sorted({v for v in values if v}, key=fold)


def _year_span(table: pd.DataFrame) -> tuple[int, int] | None:
    """The first start year and the last end year, or None when no project is dated."""
    starts = [d.year for d in table["start"] if isinstance(d, date)]
    ends = [d.year for d in table["end"] if isinstance(d, date)]
    return (min(starts), max(ends)) if starts and ends else None


def project_row(project: Project) -> dict[str, Any]:
    """The table row of one project; ``folded`` is what the text filter matches."""
    places = project.list("municipalities")
    municipalities = "\n".join(places.values) if places else ""
    row: dict[str, Any] = {
        "id": project.id,
        "name": project.name,
        **{key: _text(project, key) for key in TEXT_KEYS},
        "start": _day(project, "start"),
        "end": _day(project, "end"),
        "grant": _money(project, "grant_sek"),
        "budget": _money(project, "budget_sek"),
        "kind": project.kind,
        "municipalities": municipalities,
    }
    places_text = municipalities.replace("\n", " ")
    row["folded"] = fold(" ".join([project.name, *(row[k] for k in TEXT_KEYS), places_text]))
    return row


def _text(project: Project, key: str) -> str:
    value = project.value(key)
    return "" if value is None else str(value)


def _money(project: Project, key: str) -> int | None:
    value = project.value(key)
    return value if isinstance(value, int) else None


def _day(project: Project, key: str) -> date | None:
    value = project.value(key)
    return value if isinstance(value, date) else None


def filter_table(table: pd.DataFrame, needle: str) -> pd.DataFrame:
    """The rows whose name, owner, region, program or municipalities contain every word of
    ``needle`` (case and accents ignored); all rows for an empty needle."""
    words = fold(needle).split()
    if not words:
        return table
    mask = pd.Series(True, index=table.index)
    for word in words:
        mask &= table["folded"].str.contains(word, regex=False)
    return table[mask]


def example_questions(projects: Iterable[Project], language: str) -> list[str]:
    """Questions that work on this index, naming two of its projects (ESF ones and short names
    first), then one across all projects."""
    named = [p for p in projects if p.kind in ("esf", "tvv") and len(p.name) <= MAX_EXAMPLE_NAME]
    named.sort(key=lambda p: p.kind != "esf")
    found: list[str] = []
    if named:
        first, second = named[0], named[min(1, len(named) - 1)]
        grant = "example.grant" if first.kind == "esf" else "example.tvv_grant"
        found.append(t(language, grant, name=first.name))
        found.append(t(language, "example.owner", name=second.name))
        if first.list("municipalities"):
            found.append(t(language, "example.municipalities", name=first.name))
        found.append(t(language, "example.purpose", name=second.name))
    found.append(t(language, "example.topic"))
    return found
