"""Projektbanken Assistant – the Streamlit app that ``make run`` opens (``streamlit run app.py``).

Four pages, picked in the sidebar and addressable by URL (``?page=chat|sok|projekt|index``):
**Fråga** (chat with cited answers), **Sök** (search with filters), **Projekt** (the table,
charts and one page per project) and **Index** (what is indexed; uploads and re-indexing for an
administrator). Each page is a module of ``assistant.ui``; this file holds the settings, the
sidebar and the choice of page.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from assistant import Assistant, AssistantError, Settings, load_settings, status
from assistant.assets import PAGE_CSS
from assistant.markup import md_escape
from assistant.phrases import LANGUAGE_NAMES, LANGUAGES
from assistant.ui.chat import chat_page
from assistant.ui.index_page import index_page
from assistant.ui.loading import build_status_line, ready_assistant
from assistant.ui.projects import projects_page
from assistant.ui.search import search_page
from assistant.ui.session import (
    WIDE_PAGES,
    current_page,
    init_session,
    lang,
    page_menu,
    sync_lang_param,
    tr,
)

PageRenderer = Callable[[Assistant, Settings], None]
RENDERERS: dict[str, PageRenderer] = {
    "chat": chat_page,
    "sok": search_page,
    "projekt": projects_page,
}


def sidebar(settings: Settings) -> str:
    """Title, page choice, language switch and a line about the index; returns the page."""
    with st.sidebar:
        st.title(tr("app.title"), anchor=False)
        st.caption(tr("app.tagline"))
        page_menu()
        st.segmented_control(
            tr("lang.label"),
            LANGUAGES,
            key="lang",
            format_func=LANGUAGE_NAMES.__getitem__,
            required=True,
            on_change=sync_lang_param,
        )
        manifest = status.current_manifest(settings)
        if manifest:
            st.caption(status.index_line(lang(), manifest))
    return current_page()


def main() -> None:
    """One run of the app: page setup, settings, sidebar, then the chosen page."""
    init_session()
    st.set_page_config(
        page_title="Projektbanken Assistant",
        page_icon=":material/travel_explore:",
        layout="wide" if current_page() in WIDE_PAGES else "centered",
        initial_sidebar_state="expanded",
    )
    st.html(PAGE_CSS)
    try:
        settings = load_settings()
    except AssistantError as exc:
        st.error(tr("error.settings", error=md_escape(str(exc))))
        return
    page = sidebar(settings)
    if page == "index":
        index_page(settings)
        return
    assistant = ready_assistant(settings)
    if assistant is not None:
        build_status_line(settings)
        RENDERERS[page](assistant, settings)


if __name__ == "__main__":
    main()
