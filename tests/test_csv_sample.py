"""The CSV sample the integration tests index: fixed, faithful to the export, and messy."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.sources import read_path

from .conftest import CSV
from .csv_sample import LISTED, records, sample_ids, sample_rows, write_sample

pytestmark = pytest.mark.skipif(not CSV.exists(), reason=f"the CSV export is not at {CSV}")


@pytest.fixture(scope="module")
def export_rows() -> dict[str, dict[str, str]]:
    with CSV.open(encoding="utf-8", newline="") as handle:
        return {row["arende_id"]: row for row in csv.DictReader(handle)}


def test_records_put_together_are_the_export() -> None:
    header, rows = records(CSV)
    text = CSV.read_text(encoding="utf-8")
    assert header + "".join(raw for _, raw in rows) == text
    assert len(rows) == 2123


def test_the_sample_is_fixed_and_small(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    ids = write_sample(CSV, first)
    write_sample(CSV, second)
    assert first.read_bytes() == second.read_bytes()
    assert 50 <= len(ids) <= 150 and len(set(ids)) == len(ids)
    assert set(LISTED) <= set(ids)
    _, rows = records(CSV)
    assert sorted(ids, key=int) == sorted(sample_ids(case for case, _ in rows), key=int)


def test_the_sample_rows_are_the_export_rows(
    tmp_path: Path, export_rows: dict[str, dict[str, str]]
) -> None:
    path = tmp_path / "sample.csv"
    ids = write_sample(CSV, path)
    assert (
        path.read_text(encoding="utf-8").split("\n")[0]
        == CSV.read_text(encoding="utf-8").split("\n")[0]
    )
    rows = list(sample_rows(path))
    assert [row["arende_id"] for row in rows] == ids
    assert all(row == export_rows[row["arende_id"]] for row in rows)
    result = read_path(path, settings=Settings())
    assert result.problems == ()
    assert [p.id for p in result.projects] == [f"tvv-{case}" for case in ids]


def test_the_sample_covers_the_messy_cases(tmp_path: Path) -> None:
    path = tmp_path / "sample.csv"
    write_sample(CSV, path)
    rows = list(sample_rows(path))

    def having(pattern: str, columns: tuple[str, ...] = ()) -> set[str]:
        return {
            row["arende_id"]
            for row in rows
            for column, value in row.items()
            if (not columns or column in columns) and re.search(pattern, value)
        }

    assert len(having("Å\x96", ("projektnamn",))) >= 3  # Ö
    assert having("Å\x96", ("omrade",)) and having("Å\x96", ("projektbeskrivning",))
    assert having("Å\x96", ("stodmottagare",)) and having("Å\x84") and having("Å\x89")  # Ä, É
    assert len(having("¿", ("projektbeskrivning",))) >= 3 and having("¿", ("projektnamn",))
    assert sum(not row["projektbeskrivning"].strip() for row in rows) >= 5
    names = Counter(row["projektnamn"] for row in rows)
    assert sum(n == 2 for n in names.values()) >= 4
    saknas = ("projektledare", "projektledare_telnr", "projektledare_mail")
    assert len(having("^Information saknas$", saknas)) >= 10
    assert sum(row["omrade"] == "Stockholm" for row in rows) >= 5
    assert "Vi samkör din mat" in names and "Kvinnligt Mentorskap" in names
