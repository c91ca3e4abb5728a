"""What every page shares: the session's language and page, the URL kept in step with them, the
page menu, and the assistant and project table loaded once per process.

The index and the model are loaded once per process (``st.cache_resource``) and reloaded when
the index generation changes; the conversation and the visitor's choices live in
``st.session_state``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import streamlit as st

from assistant import Assistant, Embedder, Settings, Store, current_manifest, load_embedder
from assistant.catalog import Catalog, build_catalog
from assistant.phrases import DEFAULT_LANGUAGE, LANGUAGES, t

PAGES = ("chat", "sok", "projekt", "index")
PAGE_ICONS = {
    "chat": ":material/chat:",
    "sok": ":material/search:",
    "projekt": ":material/folder_open:",
    "index": ":material/database:",
}
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
    """The page this run shows."""
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
def cached_catalog(settings_key: str, generation: str, _index: Store) -> Catalog:
    """The project table and filter values of one index generation."""
    return build_catalog(_index.projects.values())


def catalog_for(assistant: Assistant) -> Catalog:
    """The project table of the generation ``assistant`` serves."""
    return cached_catalog(
        settings_key(assistant.settings),
        str(assistant.index.manifest["generation"]),
        assistant.index,
    )
