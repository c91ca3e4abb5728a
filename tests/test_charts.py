"""The project charts: one spec per view, labelled in the UI language, None when nothing to plot."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from assistant import charts
from assistant.catalog import build_catalog
from assistant.settings import Settings
from assistant.sources import read_path

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return build_catalog(read_path(DATA, settings=Settings()).projects).table


def spec(chart: Any) -> dict[str, Any]:
    assert chart is not None
    found: dict[str, Any] = chart.to_dict()
    return found


def test_region_chart_sums_grants_per_region(table: pd.DataFrame) -> None:
    found = spec(charts.region_chart(table, "sv"))
    assert found["encoding"]["x"]["title"] == "Beviljat stöd (miljoner kr)"
    assert found["height"] == charts.MIN_HEIGHT_PX
    english = spec(charts.region_chart(table, "en"))
    assert english["encoding"]["x"]["title"] == "Grant (million SEK)"


def test_top_and_timeline_pick_the_largest(table: pd.DataFrame) -> None:
    assert list(charts.largest(table, n=1)["name"]) == ["Resurscenter"]
    assert list(charts.dated_largest(table)["name"]) == ["Resurscenter", "KC2"]
    assert spec(charts.top_chart(charts.largest(table), "sv"))["mark"]["type"] == "bar"
    timeline = spec(charts.timeline_chart(charts.dated_largest(table), "en"))
    assert timeline["encoding"]["x2"]["field"] == "end"


def test_nothing_to_plot_is_none(table: pd.DataFrame) -> None:
    empty = table.iloc[0:0]
    assert charts.region_chart(empty, "sv") is None
    assert charts.top_chart(empty, "sv") is None
    assert charts.timeline_chart(empty, "sv") is None
    no_region = table.assign(region="")
    assert charts.region_chart(no_region, "sv") is None


def test_height_grows_with_the_rows(table: pd.DataFrame) -> None:
    many = pd.concat([table.assign(id=f"p{i}", name=f"P{i}") for i in range(20)])
    many = many.assign(start=date(2008, 1, 1), end=date(2010, 1, 1))
    top = spec(charts.top_chart(charts.largest(many), "sv"))
    assert top["height"] == charts.TOP_N * charts.BAR_PX
    dated = charts.dated_largest(many)
    assert len(dated) == charts.TIMELINE_N
    timeline = spec(charts.timeline_chart(dated, "sv"))
    assert timeline["height"] == charts.TIMELINE_N * charts.TIMELINE_BAR_PX
