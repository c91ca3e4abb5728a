"""The projects page: a sortable table and charts of all projects, and one page per project
(``?page=projekt&id=esf-kc2#section-goals``) whose sections citations link to."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from assistant import Assistant, Project, Section, Settings, all_sections, charts
from assistant.assets import SCROLL_TO_ANCHOR
from assistant.catalog import filter_table
from assistant.links import anchor_id, parse_span, project_link
from assistant.markup import (
    contents_markdown,
    md_escape,
    project_figures,
    project_subtitle,
    section_html,
)

from .session import catalog_for, go_to, lang, tr

CHART_AXIS_PX = 70


def projects_page(assistant: Assistant, settings: Settings) -> None:
    """The project table and charts, or one project's page when ``?id=`` names one."""
    project_id = st.query_params.get("id")
    if project_id:
        project_page(assistant, project_id)
        return
    st.header(tr("projects.title"), anchor=False)
    st.caption(tr("projects.caption"))
    catalog = catalog_for(assistant)
    needle = st.text_input(
        tr("projects.filter"),
        key="projects_filter",
        placeholder=tr("projects.filter_placeholder"),
        icon=":material/filter_list:",
    )
    table = filter_table(catalog.table, needle or "")
    st.caption(tr("projects.count", shown=len(table), total=len(catalog.table)))
    if table.empty:
        st.info(tr("projects.none"))
        return
    project_table(table)
    project_charts(table)


def open_project(project_id: str) -> None:
    """Switch to one project's page."""
    go_to("projekt", id=project_id)


def project_table(table: pd.DataFrame) -> None:
    """A sortable table; selecting a row opens the project."""
    shown = table.assign(link=[project_link(pid, lang=lang()) for pid in table["id"]])
    event = st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 460),
        column_order=("name", "link", "owner", "region", "start", "end", "grant", "budget"),
        column_config={
            "name": st.column_config.TextColumn(tr("col.name"), width="medium"),
            "owner": st.column_config.TextColumn(tr("col.owner"), width="medium"),
            "region": st.column_config.TextColumn(tr("col.region")),
            "start": st.column_config.DateColumn(tr("col.start"), format="YYYY-MM-DD"),
            "end": st.column_config.DateColumn(tr("col.end"), format="YYYY-MM-DD"),
            "grant": st.column_config.NumberColumn(tr("col.grant"), format="localized"),
            "budget": st.column_config.NumberColumn(tr("col.budget"), format="localized"),
            "link": st.column_config.LinkColumn(
                tr("col.link"), display_text=tr("col.open"), width="small"
            ),
        },
        on_select="rerun",
        selection_mode="single-row",
        key="projects_table",
    )
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    if rows:
        open_project(str(shown.iloc[rows[0]]["id"]))
        st.rerun()


def project_charts(table: pd.DataFrame) -> None:
    """Grant per region, the largest projects and a timeline, for the rows in the table."""
    tabs = st.tabs([tr("chart.tabs_region"), tr("chart.tabs_top"), tr("chart.tabs_timeline")])
    with tabs[0]:
        chart_or_note(charts.region_chart(table, lang()), tr("chart.region_caption"))
    with tabs[1]:
        top = charts.largest(table)
        chart_or_note(charts.top_chart(top, lang()), tr("chart.top_caption", n=len(top)))
    with tabs[2]:
        dated = charts.dated_largest(table)
        caption = tr("chart.timeline_caption", n=len(dated))
        chart_or_note(charts.timeline_chart(dated, lang()), caption)


def chart_height(chart: alt.Chart) -> int | None:
    """The height to give Streamlit for ``chart``: Streamlit fits the whole chart (axes and
    legend too) into it, so the plot's own height plus room for the axis; None when the chart
    sets no fixed height."""
    plot = chart.to_dict().get("height")
    return plot + CHART_AXIS_PX if isinstance(plot, int) else None


def chart_or_note(chart: alt.Chart | None, caption: str) -> None:
    """A chart under its caption, or a note that there is nothing to draw."""
    if chart is None:
        st.info(tr("chart.no_data"))
        return
    st.caption(caption)
    height = chart_height(chart)
    if height is not None:
        st.altair_chart(chart, width="stretch", height=height)
    else:
        st.altair_chart(chart, width="stretch")


def back_to_projects() -> None:
    """Button callback: back to the table."""
    go_to("projekt")


def project_page(assistant: Assistant, project_id: str) -> None:
    """Every fact, list and section of one project, each section anchored for citations."""
    st.button(
        tr("project.back"), on_click=back_to_projects, icon=":material/arrow_back:", type="tertiary"
    )
    project = assistant.index.projects.get(project_id)
    if project is None:
        st.warning(tr("project.missing", id=md_escape(project_id)))
        return
    st.header(md_escape(project.name), anchor=False)
    st.caption(project_subtitle(lang(), project))
    project_metrics(project)
    sections = all_sections(project)
    st.markdown(contents_markdown(lang(), sections))
    st.html(SCROLL_TO_ANCHOR, unsafe_allow_javascript=True)
    marked_key = st.query_params.get("sec")
    marked = parse_span(st.query_params.get("hl"))
    for section in sections:
        render_section(section, marked if section.key == marked_key else None)
    project_source(project)


def project_metrics(project: Project) -> None:
    """Grant, budget and period side by side, as far as the project has them."""
    shown = project_figures(lang(), project)
    if shown:
        for col, (label, value) in zip(st.columns(len(shown)), shown):
            col.metric(label, value)


def render_section(section: Section, marked: tuple[int, int] | None) -> None:
    """A section heading with its anchor, then its text (escaped; the cited span marked)."""
    st.subheader(md_escape(section.title), anchor=anchor_id(section.key))
    st.html(section_html(section, marked))
    if marked:
        st.caption(tr("project.highlight"))


def project_source(project: Project) -> None:
    """The file the project was read from and, when it has one, its page on the web."""
    st.divider()
    st.caption(md_escape(tr("project.source", source=project.source)))
    if project.url.startswith(("https://", "http://")):
        st.link_button(tr("project.external"), project.url, icon=":material/open_in_new:")
