"""Projektbanken Assistant – the Streamlit app that ``make run`` opens.

Four pages, picked in the sidebar and addressable by URL (``?page=chat|sok|projekt|index``):

* **Fråga** (chat): questions answered from the project texts, every claim with a numbered,
  quotable source; follow-ups, feedback, export.
* **Sök**: hybrid search by meaning with region/owner/program/municipality/period filters.
* **Projekt**: a table and charts of all projects, and one page per project
  (``?page=projekt&id=esf-kc2#section-goals``) whose sections citations link to.
* **Index**: what is indexed, uploads and re-indexing with progress.

This file is page layout only: what the pages show comes from the ``assistant`` package
(uploads, feedback, export, catalog, charts, status, markup, links, quotes, assets), which
never imports Streamlit.
Project text is shown as text only: Markdown strings are escaped (``md_escape``) and highlighted
text is escaped HTML with our own ``<mark>`` tags (``marked_html``). The index and the model are
loaded once per process (``st.cache_resource``) and reloaded when the index generation changes.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from assistant import (
    Answer,
    Assistant,
    AssistantError,
    Citation,
    Filters,
    Hit,
    IndexMissingError,
    Project,
    Settings,
    admin,
    assets,
    charts,
    export,
    links,
    load_settings,
    markup,
    quotes,
    status,
    uploads,
)
from assistant.catalog import Catalog, build_catalog, example_questions, filter_table
from assistant.chunking import all_sections
from assistant.embedding import Embedder, load_embedder
from assistant.feedback import FeedbackStore
from assistant.index import BuildReport
from assistant.markup import md_escape
from assistant.models import Section
from assistant.phrases import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, t
from assistant.store import build as build_store
from assistant.store import current_manifest
from assistant.store.base import Store as Index
from assistant.text import grouped

log = logging.getLogger("projektbanken.app")

PAGES = ("chat", "sok", "projekt", "index")
PAGE_ICONS = {
    "chat": ":material/chat:",
    "sok": ":material/search:",
    "projekt": ":material/folder_open:",
    "index": ":material/database:",
}
SEARCH_PAGE_SIZE = 10
CHART_AXIS_PX = 70
ALL = ""
USER_AVATAR = ":material/person:"
ASSISTANT_AVATAR = ":material/travel_explore:"
WIDE_PAGES = ("projekt",)


# ---------------------------------------------------------------- language and navigation


def lang() -> str:
    """The UI language of this session ('sv' unless switched)."""
    value = st.session_state.get("lang", DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def tr(key: str, **values: object) -> str:
    """A UI text in the session's language."""
    return t(lang(), key, **values)


def init_session() -> None:
    """Seed the page and language from the URL the first time a session runs."""
    if "page" not in st.session_state:
        page = st.query_params.get("page", "chat")
        st.session_state.page = page if page in PAGES else "chat"
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", DEFAULT_LANGUAGE)
        st.session_state.lang = wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE
    st.session_state.setdefault("turns", [])


def current_page() -> str:
    return str(st.session_state.page)


def go_to(page: str, **params: str) -> None:
    """Switch page (as a widget callback or before ``st.rerun``), keeping the URL in step."""
    st.session_state.page = page
    sync_page_param(**params)


def sync_page_param(**params: str) -> None:
    """Put the current page (and only the given extra parameters) in the URL."""
    keep_lang = {"lang": lang()} if lang() != DEFAULT_LANGUAGE else {}
    st.query_params.from_dict({"page": current_page(), **keep_lang, **params})


def page_picked(key: str) -> None:
    """Radio callback: the page the visitor picked becomes the current page."""
    go_to(str(st.session_state[key]))


def sync_lang_param() -> None:
    """Keep ``?lang=`` in the URL so that links opened in new tabs keep the language."""
    if lang() == DEFAULT_LANGUAGE:
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = lang()


def page_labeller(language: str) -> Callable[[str], str]:
    """Page names in one language (bound now, so a widget's labels never change under it)."""
    return lambda page: f"{PAGE_ICONS[page]} {t(language, f'nav.{page}')}"


def page_menu() -> None:
    """The page radio; one widget per language, so switching language keeps the selection."""
    key = f"nav-{lang()}"
    if st.session_state.get(key) != current_page():
        st.session_state[key] = current_page()
    st.radio(
        tr("nav.label"),
        PAGES,
        key=key,
        format_func=page_labeller(lang()),
        on_change=page_picked,
        args=(key,),
        label_visibility="collapsed",
    )


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


# ---------------------------------------------------------------- loaded once per process


@st.cache_resource(show_spinner=False)
def cached_embedder(name: str, _settings: Settings) -> Embedder:
    """The embedding model, loaded once per process and model name."""
    return load_embedder(_settings)


@st.cache_resource(show_spinner=False, max_entries=3)
def cached_assistant(settings_key: str, generation: str, _settings: Settings) -> Assistant:
    """The answer engine over one index generation; a new generation loads a new one."""
    embedder = cached_embedder(_settings.embedder, _settings)
    return Assistant.open(_settings, embedder=embedder)


def settings_key(settings: Settings) -> str:
    """The settings' values as a cache key (the settings object itself is not hashed); secrets
    enter only as a digest, so a changed key or database URL loads anew without being kept."""
    secrets = [s.get_secret_value() for s in (settings.llm_api_key, settings.database_url) if s]
    digest = hashlib.sha256("\x00".join(secrets).encode()).hexdigest()[:16]
    return settings.model_dump_json() + digest


def open_assistant(settings: Settings) -> Assistant:
    """The cached assistant for the current index generation (raises AssistantError)."""
    manifest = current_manifest(settings)
    with st.spinner(tr("loading.model")):
        return cached_assistant(settings_key(settings), str(manifest["generation"]), settings)


def forget_loaded_index() -> None:
    """Drop the cached assistant and tables after a re-index, so the next run loads the new one."""
    cached_assistant.clear()
    cached_catalog.clear()


@st.cache_resource(show_spinner=False, max_entries=3)
def cached_catalog(settings_key: str, generation: str, _index: Index) -> Catalog:
    """The project table and filter values of one index generation."""
    return build_catalog(_index.projects.values())


def catalog_for(assistant: Assistant) -> Catalog:
    return cached_catalog(
        settings_key(assistant.settings),
        str(assistant.index.manifest["generation"]),
        assistant.index,
    )


# ---------------------------------------------------------------- building the index


def existing_paths(paths: Sequence[Path]) -> list[Path]:
    """The paths that still exist; a warning for each one that does not."""
    found = []
    for path in paths:
        if path.exists():
            found.append(path)
        else:
            st.warning(tr("index.missing_path", path=md_escape(str(path))))
    return found


def rebuild(settings: Settings, paths: Sequence[Path]) -> None:
    """Re-index the paths that still exist and rerun with the new index; on failure the
    error stays on screen."""
    found = existing_paths(paths)
    if found and run_build(settings, found):
        st.rerun()


def run_build(settings: Settings, paths: Sequence[Path]) -> BuildReport | None:
    """Build the index from ``paths`` with a visible progress bar; None (and a message) on
    failure, in which case the previous index keeps serving."""
    with st.status(tr("build.running"), expanded=True) as box:
        bar = st.progress(0.0, text=tr("build.reading"))

        def progress(stage: str, done: int, total: int) -> None:
            text = status.stage_text(lang(), stage, done, total)
            bar.progress(status.stage_fraction(stage, done, total), text=text)

        try:
            embedder = cached_embedder(settings.embedder, settings)
            report = build_store(paths, settings=settings, embedder=embedder, progress=progress)
        except AssistantError as exc:
            build_failed(box, str(exc), settings)
            return None
        except Exception as exc:  # a rebuild must never take the app down
            log.exception("index build failed")
            build_failed(box, f"{type(exc).__name__}: {exc}", settings)
            return None
        bar.progress(1.0, text=status.build_summary(lang(), report))
        box.update(label=status.build_summary(lang(), report), state="complete", expanded=False)
    forget_loaded_index()
    st.session_state.last_build = report
    return report


def build_failed(box: Any, error: str, settings: Settings) -> None:
    """Report a failed build in the build's status box and below it; the previous index (if
    any) keeps serving."""
    st.session_state.build_error = error
    key = "build.failed" if status.current_manifest(settings) else "build.failed_first"
    box.update(label=tr(key, error=error), state="error", expanded=True)
    st.error(tr(key, error=md_escape(error)))


def show_build_report(report: BuildReport) -> None:
    """What the last build did: counts, changed files, duplicates and reading problems."""
    st.success(status.build_summary(lang(), report))
    for key, items in status.build_changes(report):
        st.markdown(f"**{tr(key)}**")
        st.text("\n".join(items))
    if report.problems:
        with st.expander(f"{tr('build.problems')} ({len(report.problems)})"):
            st.text("\n".join(p.message for p in report.problems[:200]))


def first_start(settings: Settings) -> bool:
    """Build the first index from the data folder, visibly; True when an index now exists."""
    data_dir = settings.data_dir
    if not status.has_files(data_dir):
        st.warning(tr("first.no_data", data_dir=str(data_dir)))
        return False
    if st.session_state.get("first_build_failed"):
        st.error(tr("first.failed", error=md_escape(st.session_state.get("build_error", ""))))
        if st.button(tr("first.retry"), icon=":material/refresh:"):
            del st.session_state.first_build_failed
            st.rerun()
        return False
    st.subheader(tr("first.title"), anchor=False)
    st.info(tr("first.body", index_dir=str(settings.index_dir), data_dir=str(data_dir)))
    if run_build(settings, [data_dir]) is None:
        st.session_state.first_build_failed = True
        return False
    return True


def ready_assistant(settings: Settings) -> Assistant | None:
    """The assistant, building the index first if there is none; None (with a message and a
    way out) when the index cannot be used."""
    try:
        return open_assistant(settings)
    except IndexMissingError:
        if status.build_progress(settings) is not None:
            wait_for_records(settings)
        elif first_start(settings):
            st.rerun()
        return None
    except AssistantError as exc:
        st.subheader(tr("problem.title"), anchor=False)
        st.error(md_escape(str(exc)))
        if st.button(tr("problem.rebuild"), type="primary", icon=":material/build:"):
            rebuild(settings, status.reindex_paths(settings, status.current_manifest(settings)))
        return None


@st.fragment(run_every=2)
def wait_for_records(settings: Settings) -> None:
    """While another process (`make run`'s indexer) builds the first index, say so; its
    records and keyword search are published within seconds, and the page then reruns."""
    progress = status.build_progress(settings)
    if progress is None or status.current_manifest(settings) is not None:
        st.rerun()
    st.info(tr("build.waiting", stage=progress.stage), icon=":material/hourglass_top:")


def build_status_line(settings: Settings) -> None:
    """Over a lexical index: that meaning-based search is still being built, and how far."""
    if status.dense_pending(status.current_manifest(settings)):
        live_build_status(settings)


@st.fragment(run_every=3)
def live_build_status(settings: Settings) -> None:
    """The status line, refreshed every few seconds; the whole page reruns (and loads the
    complete index) once the vectors are in."""
    note = status.lexical_note(settings, lang())
    if note is None:
        st.rerun()
    st.info(note, icon=":material/hourglass_top:")


# ---------------------------------------------------------------- chat


@dataclass
class Turn:
    """One question of the conversation and what came of it."""

    question: str
    answer: Answer | None = None
    error: str | None = None
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:10])
    feedback_row: int | None = None
    rating: int | None = None
    comment: str = ""


def turns() -> list[Turn]:
    found: list[Turn] = st.session_state.setdefault("turns", [])
    return found


def exchanges(history: Sequence[Turn]) -> list[export.Exchange]:
    """The conversation as the export module takes it."""
    return [
        export.Exchange(question=x.question, answer=x.answer, error=x.error or "") for x in history
    ]


def ask(assistant: Assistant, question: str, earlier: Sequence[Turn]) -> Turn:
    """Ask with the earlier answers as history; a language model's text is streamed while it
    writes and replaced by the verified answer on the rerun. Library errors become the turn's
    error."""
    history = [turn.answer for turn in earlier if turn.answer is not None]
    try:
        with st.spinner(tr("chat.thinking")):
            draft = assistant.ask_stream(question, history=history)
        if draft.streams:
            st.caption(tr("chat.writing"))
            st.write_stream(markup.md_escape(piece) for piece in draft)
        return Turn(question=question, answer=draft.result())
    except AssistantError as exc:
        return Turn(question=question, error=str(exc))


def queue_question(question: str) -> None:
    """Button callback: ask ``question`` on this run."""
    st.session_state.pending_question = question


def clear_conversation() -> None:
    st.session_state.turns = []


def chat_page(assistant: Assistant, settings: Settings) -> None:
    """The conversation: history, example questions, the answer to a new question."""
    typed = st.chat_input(tr("chat.placeholder"), max_chars=settings.max_question_chars)
    question = typed or st.session_state.pop("pending_question", None)
    conversation_tools(assistant)
    history = turns()
    if not history and not question:
        welcome(assistant)
    for turn in history:
        render_turn(turn, assistant, settings)
    if question:
        with st.chat_message("user", avatar=USER_AVATAR):
            st.markdown(md_escape(question))
        with st.chat_message("assistant", avatar=ASSISTANT_AVATAR):
            turn = ask(assistant, question, history)
        history.append(turn)
        st.rerun()


def welcome(assistant: Assistant) -> None:
    """What a first-time visitor sees: what the assistant does and questions to try."""
    st.header(tr("chat.title"), anchor=False)
    st.markdown(tr("chat.welcome"))
    st.caption(tr("chat.examples"))
    for n, example in enumerate(example_questions(assistant.index.projects.values(), lang())):
        st.button(
            example,
            key=f"example-{n}",
            on_click=queue_question,
            args=(example,),
            icon=":material/arrow_forward:",
            type="tertiary",
        )


def conversation_tools(assistant: Assistant) -> None:
    """Sidebar: export the conversation as Markdown, clear it."""
    with st.sidebar:
        st.divider()
        st.caption(tr("chat.conversation"))
        history = turns()
        st.download_button(
            tr("chat.export"),
            data=export.conversation_markdown(exchanges(history), assistant.index.projects, lang()),
            file_name=export.export_file_name(datetime.now()),
            mime="text/markdown",
            icon=":material/download:",
            disabled=not history,
            on_click="ignore",
            width="stretch",
        )
        st.button(
            tr("chat.clear"),
            on_click=clear_conversation,
            icon=":material/delete:",
            disabled=not history,
            width="stretch",
        )


def render_turn(turn: Turn, assistant: Assistant, settings: Settings) -> None:
    """One question and its answer with sources and feedback."""
    with st.chat_message("user", avatar=USER_AVATAR):
        st.markdown(md_escape(turn.question))
    with st.chat_message("assistant", avatar=ASSISTANT_AVATAR):
        if turn.answer is None:
            st.error(tr("chat.error", error=md_escape(turn.error or "")))
            return
        render_answer(turn.answer, assistant.index, key=turn.id)
        st.caption(markup.provenance(turn.answer, lang(), assistant.generator))
        feedback(turn, settings)


def render_answer(answer: Answer, index: Index, *, key: str) -> None:
    """The answer text (safe Markdown, ``[n]`` markers in bold) and its sources."""
    if answer.notice:
        st.info(md_escape(answer.notice), icon=":material/info:")
    st.markdown(markup.answer_markdown(answer.answer))
    if answer.removed:
        with st.expander(tr("chat.removed"), icon=":material/content_cut:"):
            st.markdown(markup.removed_markdown(answer.removed, lang()))
    if not answer.answered:
        st.caption(tr("chat.not_answered"))
    if answer.citations:
        st.caption(tr("chat.sources"))
        for citation in answer.citations:
            render_citation(citation, index, key=f"{key}-{citation.n}")
    if answer.see_also:
        st.caption(tr("chat.see_also"))
        for n, citation in enumerate(answer.see_also):
            render_citation(citation, index, key=f"{key}-see-{n}", numbered=False)


def render_citation(citation: Citation, index: Index, *, key: str, numbered: bool = True) -> None:
    """A source card: project and section, the quote highlighted in its section, a link to the
    section on the project page and a ready-to-paste reference."""
    project, section = export.cited_source(citation, index.projects)
    span = quotes.quote_span(citation, section)
    link = links.project_link(
        citation.project_id, section_key=citation.section_key, highlight=span, lang=lang()
    )
    with st.container(border=True, key=f"cite-{key}"):
        st.markdown(markup.citation_heading(lang(), citation, link, numbered=numbered))
        st.html(markup.quote_html(citation, section, span))
        with st.expander(tr("chat.cite"), icon=":material/content_copy:"):
            st.caption(tr("chat.cite_help"))
            st.code(
                export.citation_reference(citation, project, lang()), language=None, wrap_lines=True
            )


def feedback(turn: Turn, settings: Settings) -> None:
    """Thumbs up/down kept in the feedback store, then an optional comment for the same row."""
    assert turn.answer is not None
    choice = st.feedback("thumbs", key=f"fb-{turn.id}")
    if choice is None:
        return
    rating = 1 if choice == 1 else -1
    try:
        if rating != turn.rating:
            save_rating(turn, settings, rating)
            st.toast(tr("chat.feedback_thanks"), icon=":material/thumb_up:")
        comment_form(turn, settings)
    except AssistantError as exc:
        st.error(tr("chat.feedback_failed", error=md_escape(str(exc))))


def save_rating(turn: Turn, settings: Settings, rating: int) -> None:
    """Store the rating and the turn's comment, in the turn's own row once it has one."""
    assert turn.answer is not None
    turn.feedback_row = FeedbackStore.for_settings(settings).record(
        turn.answer, rating=rating, comment=turn.comment, row_id=turn.feedback_row
    )
    turn.rating = rating


def comment_form(turn: Turn, settings: Settings) -> None:
    """An optional comment, stored in the row of the turn's rating."""
    assert turn.rating is not None
    with st.form(key=f"fbc-{turn.id}", border=False, clear_on_submit=False):
        comment = st.text_input(
            tr("chat.comment"), placeholder=tr("chat.comment_placeholder"), key=f"fbt-{turn.id}"
        )
        if st.form_submit_button(tr("chat.comment_send"), icon=":material/send:"):
            turn.comment = comment.strip()
            save_rating(turn, settings, turn.rating)
            st.success(tr("chat.comment_thanks"))


# ---------------------------------------------------------------- search


def reset_filters() -> None:
    for name in ("f_region", "f_owner", "f_program", "f_municipality", "f_years"):
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
    return lambda value: t(language, "search.all") if value == ALL else value


def period_filter(years: tuple[int, int] | None) -> tuple[date | None, date | None]:
    """A year-range slider; no filter while it spans every year."""
    if years is None or years[0] == years[1]:
        return None, None
    low, high = st.slider(tr("search.period"), years[0], years[1], years, key="f_years")
    if (low, high) == years:
        return None, None
    return date(low, 1, 1), date(high, 12, 31)


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
    st.session_state.search_page = max(0, int(st.session_state.get("search_page", 0)) + step)


def pager(page: int, *, has_next: bool) -> None:
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


def result_card(hit: Hit, index: Index) -> None:
    """One hit: project, section, score, the best sentence highlighted, a link to the section."""
    project = index.projects.get(hit.project_id)
    with st.container(border=True):
        head, score = st.columns([5, 1])
        head.markdown(markup.hit_heading(hit))
        score.caption(tr("search.score", score=hit.score))
        st.html(markup.hit_html(hit))
        facts = markup.project_facts_line(project) if project else ""
        link = f"[{tr('search.open')} ↗]({links.hit_link(hit, lang=lang())})"
        st.markdown(link + (f" · {facts}" if facts else ""))


# ---------------------------------------------------------------- projects


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
    go_to("projekt", id=project_id)


def project_table(table: pd.DataFrame) -> None:
    """A sortable table; selecting a row opens the project."""
    shown = table.assign(link=[links.project_link(pid, lang=lang()) for pid in table["id"]])
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


def chart_or_note(chart: alt.Chart | None, caption: str) -> None:
    if chart is None:
        st.info(tr("chart.no_data"))
        return
    st.caption(caption)
    plot = chart.to_dict().get("height")
    # Streamlit fits the whole chart (axes and legend too) into the height it is given.
    if isinstance(plot, int):
        st.altair_chart(chart, width="stretch", height=plot + CHART_AXIS_PX)
    else:
        st.altair_chart(chart, width="stretch")


def back_to_projects() -> None:
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
    st.caption(markup.project_subtitle(lang(), project))
    project_metrics(project)
    sections = all_sections(project)
    st.markdown(markup.contents_markdown(lang(), sections))
    st.html(assets.SCROLL_TO_ANCHOR, unsafe_allow_javascript=True)
    marked_key = st.query_params.get("sec")
    marked = links.parse_span(st.query_params.get("hl"))
    for section in sections:
        render_section(section, marked if section.key == marked_key else None)
    project_source(project)


def project_metrics(project: Project) -> None:
    """Grant, budget and period side by side, as far as the project has them."""
    shown = markup.project_figures(lang(), project)
    if shown:
        for col, (label, value) in zip(st.columns(len(shown)), shown):
            col.metric(label, value)


def render_section(section: Section, marked: tuple[int, int] | None) -> None:
    """A section heading with its anchor, then its text (escaped; the cited span marked)."""
    st.subheader(md_escape(section.title), anchor=links.anchor_id(section.key))
    st.html(markup.section_html(section, marked))
    if marked:
        st.caption(tr("project.highlight"))


def project_source(project: Project) -> None:
    st.divider()
    st.caption(md_escape(tr("project.source", source=project.source)))
    if project.url.startswith(("https://", "http://")):
        st.link_button(tr("project.external"), project.url, icon=":material/open_in_new:")


# ---------------------------------------------------------------- index


def index_page(settings: Settings) -> None:
    """What is indexed, uploads, and re-indexing with progress."""
    st.header(tr("index.title"), anchor=False)
    st.caption(tr("index.caption"))
    manifest = status.current_manifest(settings)
    if manifest:
        index_overview(settings, manifest)
    else:
        st.info(tr("index.none", data_dir=str(settings.data_dir)))
    if may_change_index(settings):
        upload_section(settings, manifest)
        rebuild_section(settings, manifest)
    report = st.session_state.get("last_build")
    if isinstance(report, BuildReport):
        st.subheader(tr("index.last_build"), anchor=False)
        show_build_report(report)


def may_change_index(settings: Settings) -> bool:
    """Whether this session may upload and re-index (assistant.admin); asks for the token
    when one is configured."""
    given = st.session_state.get("admin_token_given")
    address = st.get_option("server.address")
    access = admin.write_access(settings, address=address, given=given)
    if access.allowed:
        return True
    if access.needs_token:
        entered = st.text_input(tr("admin.token"), type="password", key="admin_token_field")
        if entered and entered != given:
            st.session_state.admin_token_given = entered
            access = admin.write_access(settings, address=address, given=entered)
            if access.allowed:
                return True
        if entered:
            st.error(tr("admin.wrong_token"), icon=":material/lock:")
        else:
            st.info(tr("admin.ask_token"), icon=":material/lock:")
        return False
    st.info(tr(f"admin.{access.reason}"), icon=":material/lock:")
    return False


def index_overview(settings: Settings, manifest: dict[str, Any]) -> None:
    """Counts, model, build time and the paths the index was built from."""
    cols = st.columns(4)
    cols[0].metric(tr("index.projects"), grouped(manifest["projects"]))
    cols[1].metric(tr("index.chunks"), grouped(manifest["chunks"]))
    cols[2].metric(tr("index.documents"), len(manifest.get("documents", {})))
    cols[3].metric(tr("index.size"), status.human_size(status.generation_size(settings, manifest)))
    st.markdown(
        f"**{tr('index.embedder')}:** `{manifest['embedder']}`  \n"
        f"**{tr('index.llm')}:** {markup.llm_markdown(settings, lang())}  \n"
        f"**{tr('index.built')}:** {status.when_text(str(manifest.get('built_at', '')))}"
    )
    st.markdown(f"**{tr('index.paths')}:**")
    st.code("\n".join(manifest.get("paths", [])), language=None)
    progress = status.build_progress(settings)
    if progress is not None:
        st.progress(
            status.stage_fraction(progress.stage, progress.done, progress.total),
            text=status.stage_text(lang(), progress.stage, progress.done, progress.total),
        )
    if status.dense_pending(manifest):
        build_status_line(settings)
    elif status.index_is_stale(settings, status.indexed_paths(manifest)):
        st.warning(tr("index.stale"), icon=":material/update:")


def upload_section(settings: Settings, manifest: dict[str, Any] | None) -> None:
    """Upload files, check each one, save the good ones and re-index."""
    st.subheader(tr("index.upload_title"), anchor=False)
    limit = status.human_size(settings.max_upload_bytes)
    st.caption(tr("index.upload_help", limit=limit, data_dir=str(settings.data_dir)))
    generation = st.session_state.setdefault("uploader_gen", 0)
    files = st.file_uploader(
        tr("index.upload"),
        type=uploads.UPLOAD_TYPES,
        accept_multiple_files=True,
        key=f"uploader-{generation}",
        max_upload_size=uploads.limit_megabytes(settings),
    )
    if st.button(tr("index.add"), type="primary", disabled=not files, icon=":material/upload:"):
        add_uploads(settings, manifest, files or [])
    show_upload_outcomes()


def add_uploads(settings: Settings, manifest: dict[str, Any] | None, files: Sequence[Any]) -> None:
    """Check and save each file, then re-index; reruns (fresh counts, empty uploader) unless
    the build failed, whose error then stays on screen."""
    outcomes = [uploads.accept_upload(f.name, f.getvalue(), settings) for f in files]
    st.session_state.upload_outcomes = outcomes
    st.session_state.uploader_gen = st.session_state.get("uploader_gen", 0) + 1
    if not any(o.saved for o in outcomes):
        st.rerun()
    rebuild(settings, status.reindex_paths(settings, manifest))


def show_upload_outcomes() -> None:
    """What became of the last uploaded files (kept across the rerun after saving)."""
    outcomes: list[uploads.UploadOutcome] = st.session_state.get("upload_outcomes", [])
    for outcome in outcomes:
        if outcome.ok:
            st.success(outcome.markdown(lang()), icon=":material/check:")
        else:
            st.error(outcome.markdown(lang()), icon=":material/block:")
    if outcomes and not any(o.saved for o in outcomes):
        st.info(tr("upload.none_saved"))


def rebuild_section(settings: Settings, manifest: dict[str, Any] | None) -> None:
    """Re-index the recorded paths (and the data folder) on demand."""
    paths = status.reindex_paths(settings, manifest)
    st.subheader(tr("index.rebuild_title"), anchor=False)
    st.caption(tr("index.rebuild_help", paths=", ".join(f"`{p}`" for p in paths)))
    label = tr("index.rebuild") if manifest else tr("index.build")
    if st.button(label, icon=":material/refresh:"):
        rebuild(settings, paths)


# ---------------------------------------------------------------- main

PageRenderer = Callable[[Assistant, Settings], None]
RENDERERS: dict[str, PageRenderer] = {
    "chat": chat_page,
    "sok": search_page,
    "projekt": projects_page,
}


def main() -> None:
    init_session()
    st.set_page_config(
        page_title="Projektbanken Assistant",
        page_icon=":material/travel_explore:",
        layout="wide" if current_page() in WIDE_PAGES else "centered",
        initial_sidebar_state="expanded",
    )
    st.html(assets.PAGE_CSS)
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
