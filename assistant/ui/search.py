"""The search page: hybrid search by meaning with region, owner, program, municipality and
period filters, ten results a page, each with its best sentence highlighted and a link to it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import streamlit as st

from assistant import Assistant, AssistantError, Filters, Hit, Settings, Store
from assistant.catalog import Catalog
from assistant.links import hit_link
from assistant.markup import hit_heading, hit_html, md_escape, project_facts_line
from assistant.phrases import t

from .session import catalog_for, lang, tr

SEARCH_PAGE_SIZE = 10
ALL = ""
FILTER_KEYS = ("f_region", "f_owner", "f_program", "f_municipality", "f_years")


def reset_filters() -> None:
    """Button callback: every filter back to 'all'."""
    for name in FILTER_KEYS:
        st.session_state.pop(name, None)


def search_filters(catalog: Catalog) -> Filters:
    """Filter widgets fed from the index's distinct values."""
    active = any(st.session_state.get(k) for k in ("f_region", "f_owner", "f_program"))
    with st.expander(tr("search.filters"), expanded=active, icon=":material/filter_list:"):
        cols = st.columns(2)
        region = choice(cols[0], "search.region", catalog.regions, "f_region")
        program = choice(cols[1], "search.program", catalog.programs, "f_program")
        owner = choice(cols[0], "search.owner", catalog.owners, "f_owner")
        municipality = choice(
            cols[1], "search.municipality", catalog.municipalities, "f_municipality"
        )
        period_from, period_to = period_filter(catalog.years)
        st.button(tr("search.reset"), on_click=reset_filters, icon=":material/filter_alt_off:")
    return Filters(
        region=region or None,
        owner=owner or None,
        program=program or None,
        municipality=municipality or None,
        period_from=period_from,
        period_to=period_to,
    )


def choice(where: Any, label: str, values: Sequence[str], key: str) -> str:
    """A selectbox with 'All' first; returns '' for all."""
    picked = where.selectbox(
        tr(label),
        [ALL, *values],
        key=key,
        format_func=all_labeller(lang()),
    )
    return str(picked or "")


def all_labeller(language: str) -> Callable[[str], str]:
    """A filter value as shown: itself, or 'All' in ``language`` for no filter."""
    return lambda value: t(language, "search.all") if value == ALL else value


def period_range(
    years: tuple[int, int] | None, picked: tuple[int, int]
) -> tuple[date, date] | None:
    """The period a year range filters on; None while it spans every year there is."""
    if years is None or picked == years:
        return None
    return date(picked[0], 1, 1), date(picked[1], 12, 31)


def period_filter(years: tuple[int, int] | None) -> tuple[date | None, date | None]:
    """A year-range slider; no filter while it spans every year."""
    if years is None or years[0] == years[1]:
        return None, None
    low, high = st.slider(tr("search.period"), years[0], years[1], years, key="f_years")
    period = period_range(years, (low, high))
    return period if period else (None, None)


def search_page(assistant: Assistant, settings: Settings) -> None:
    """Search by meaning with filters, ten results a page."""
    st.header(tr("search.title"), anchor=False)
    st.caption(tr("search.caption"))
    query = st.text_input(
        tr("search.query"),
        key="search_q",
        placeholder=tr("search.placeholder"),
        icon=":material/search:",
    )
    filters = search_filters(catalog_for(assistant))
    query = (query or "").strip()
    if not query:
        st.info(tr("search.empty"), icon=":material/lightbulb:")
        return
    page = search_page_number((query, repr(filters)))
    try:
        hits = assistant.searcher.search(
            query, k=SEARCH_PAGE_SIZE + 1, offset=page * SEARCH_PAGE_SIZE, filters=filters
        )
    except AssistantError as exc:
        st.error(md_escape(str(exc)))
        return
    if not hits:
        key = "search.no_hits_filtered" if filters.active() else "search.no_hits"
        st.warning(tr(key), icon=":material/search_off:")
        if page:
            pager(page, has_next=False)
        return
    shown = hits[:SEARCH_PAGE_SIZE]
    first = page * SEARCH_PAGE_SIZE + 1
    st.caption(tr("search.results", first=first, last=first + len(shown) - 1))
    for hit in shown:
        result_card(hit, assistant.index)
    pager(page, has_next=len(hits) > SEARCH_PAGE_SIZE)


def search_page_number(signature: tuple[str, str]) -> int:
    """The result page, back to the first whenever the query or the filters change."""
    if st.session_state.get("search_sig") != signature:
        st.session_state.search_sig = signature
        st.session_state.search_page = 0
    return int(st.session_state.get("search_page", 0))


def turn_search_page(step: int) -> None:
    """Button callback: the next or previous page of results (never before the first)."""
    st.session_state.search_page = max(0, int(st.session_state.get("search_page", 0)) + step)


def pager(page: int, *, has_next: bool) -> None:
    """Previous and next buttons around the page number."""
    cols = st.columns([1, 1, 1], vertical_alignment="center")
    cols[0].button(
        tr("search.prev"),
        on_click=turn_search_page,
        args=(-1,),
        disabled=page == 0,
        icon=":material/chevron_left:",
        key="search-prev",
    )
    cols[1].caption(tr("search.page", n=page + 1))
    cols[2].button(
        tr("search.next"),
        on_click=turn_search_page,
        args=(1,),
        disabled=not has_next,
        icon=":material/chevron_right:",
        icon_position="right",
        key="search-next",
    )


def result_card(hit: Hit, index: Store) -> None:
    """One hit: project, section, score, the best sentence highlighted, a link to the section."""
    project = index.projects.get(hit.project_id)
    with st.container(border=True):
        head, score = st.columns([5, 1])
        head.markdown(hit_heading(hit))
        score.caption(tr("search.score", score=hit.score))
        st.html(hit_html(hit))
        facts = project_facts_line(project) if project else ""
        link = f"[{tr('search.open')} ↗]({hit_link(hit, lang=lang())})"
        st.markdown(link + (f" · {facts}" if facts else ""))
