"""The project page's charts as Altair specifications over rows of the project table.

Each chart takes the rows the visitor has filtered (:data:`assistant.catalog.ROW_COLUMNS`) and
the UI language, and is None when those rows have nothing to plot, so the app can say so
instead of drawing an empty frame.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from .phrases import t

TOP_N = 15
TIMELINE_N = 30
BAR_PX = 28
TIMELINE_BAR_PX = 26
MIN_HEIGHT_PX = 120
NAME_LABEL_PX = 220


def with_grant(table: pd.DataFrame) -> pd.DataFrame:
    """The rows that have a granted amount."""
    return table.dropna(subset=["grant"])


def largest(table: pd.DataFrame, n: int = TOP_N) -> pd.DataFrame:
    """The ``n`` rows with the largest grants."""
    return with_grant(table).nlargest(n, "grant")


def dated_largest(table: pd.DataFrame, n: int = TIMELINE_N) -> pd.DataFrame:
    """The ``n`` largest dated projects (undated amounts last), for the timeline."""
    dated = table.dropna(subset=["start", "end"])
    return dated.sort_values("grant", ascending=False, na_position="last").head(n)


def region_chart(table: pd.DataFrame, language: str) -> alt.Chart | None:
    """Bars of the total grant per region, largest first."""
    data = with_grant(table)
    data = data[data["region"] != ""]
    if data.empty:
        return None
    grouped = (
        data.groupby("region", as_index=False)
        .agg(grant=("grant", "sum"), projects=("id", "count"))
        .astype({"grant": "int64"})
    )
    return _grant_bars(
        grouped,
        language,
        y=alt.Y("region:N", sort="-x", title=None),
        tooltip=[
            alt.Tooltip("region:N", title=t(language, "col.region")),
            alt.Tooltip("grant:Q", title=t(language, "col.grant"), format=",.0f"),
            alt.Tooltip("projects:Q", title=t(language, "col.projects")),
        ],
    )


def top_chart(top: pd.DataFrame, language: str) -> alt.Chart | None:
    """Bars of the given projects' grants, coloured by region (see :func:`largest`)."""
    if top.empty:
        return None
    data = top[["name", "owner", "region", "grant"]].astype({"grant": "int64"})
    return _grant_bars(
        data,
        language,
        y=alt.Y("name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=NAME_LABEL_PX)),
        color=alt.Color("region:N", title=t(language, "col.region")),
        tooltip=[
            alt.Tooltip("name:N", title=t(language, "col.name")),
            alt.Tooltip("owner:N", title=t(language, "col.owner")),
            alt.Tooltip("grant:Q", title=t(language, "col.grant"), format=",.0f"),
        ],
    )


def _grant_bars(data: pd.DataFrame, language: str, **encodings: Any) -> alt.Chart:
    """One horizontal bar per row, its length the grant in millions of kronor."""
    data = data.assign(msek=data["grant"] / 1e6)
    x = alt.X("msek:Q", title=t(language, "col.msek"), axis=alt.Axis(tickCount=5))
    return (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=3)
        .encode(x=x, **encodings)
        .properties(height=_height(len(data), BAR_PX))
    )


def timeline_chart(dated: pd.DataFrame, language: str) -> alt.Chart | None:
    """One bar per project from its start to its end (see :func:`dated_largest`)."""
    if dated.empty:
        return None
    data = dated[["name", "region", "start", "end"]].assign(
        start=pd.to_datetime(dated["start"]), end=pd.to_datetime(dated["end"])
    )
    return (
        alt.Chart(data)
        .mark_bar(cornerRadius=3)
        .encode(
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y")),
            x2="end:T",
            y=alt.Y(
                "name:N",
                sort=alt.EncodingSortField("start"),
                title=None,
                axis=alt.Axis(labelLimit=NAME_LABEL_PX),
            ),
            color=alt.Color("region:N", title=t(language, "col.region")),
            tooltip=[
                alt.Tooltip("name:N", title=t(language, "col.name")),
                alt.Tooltip("start:T", title=t(language, "col.start"), format="%Y-%m-%d"),
                alt.Tooltip("end:T", title=t(language, "col.end"), format="%Y-%m-%d"),
            ],
        )
        .properties(height=_height(len(data), TIMELINE_BAR_PX))
    )


def _height(rows: int, per_row: int) -> int:
    """The plot's height in pixels: one bar band per row, never too flat to read."""
    return max(MIN_HEIGHT_PX, per_row * rows)
