"""Projektbanken Assistant – the Streamlit app that ``make run`` opens.

Four pages, picked in the sidebar and addressable by URL (``?page=chat|sok|projekt|index``):

* **Fråga** (chat): questions answered from the project texts, every claim with a numbered,
  quotable source; follow-ups, feedback, export.
* **Sök**: hybrid search by meaning with region/owner/program/municipality/period filters.
* **Projekt**: a table and charts of all projects, and one page per project
  (``?page=projekt&id=esf-kc2#section-goals``) whose sections citations link to.
* **Index**: what is indexed, uploads and re-indexing with progress.

Project text is shown as text only: Markdown strings are escaped (``md_escape``) and highlighted
text is escaped HTML with our own ``<mark>`` tags (``marked_html``). The index and the model are
loaded once per process (``st.cache_resource``) and reloaded when the index generation changes.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from assistant.answer import Assistant
from assistant.chunking import FACTS_KEY, all_sections, section_by_key
from assistant.embedding import Embedder, embedder_name, load_embedder
from assistant.errors import AssistantError, IndexMissingError
from assistant.index import BuildReport, Index, build_index, is_stale, read_manifest
from assistant.models import Answer, Citation, Project, Section
from assistant.search import Filters, Hit
from assistant.settings import Settings, load_settings
from assistant.sources import read_path
from assistant.text import fold
from assistant.ui_text import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    anchor_id,
    answer_markdown,
    excerpt,
    find_quote,
    human_size,
    label_spans,
    marked_html,
    md_escape,
    parse_span,
    project_link,
    reference_text,
    sek,
    t,
    when_text,
)

log = logging.getLogger("projektbanken.app")

PAGES = ("chat", "sok", "projekt", "index")
PAGE_ICONS = {
    "chat": ":material/chat:",
    "sok": ":material/search:",
    "projekt": ":material/folder_open:",
    "index": ":material/database:",
}
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".csv")
SEARCH_PAGE_SIZE = 10
TOP_N_CHART = 15
TIMELINE_N = 30
CHART_AXIS_PX = 70
ALL = ""
USER_AVATAR = ":material/person:"
ASSISTANT_AVATAR = ":material/travel_explore:"
WIDE_PAGES = ("projekt",)
KINDS = ("esf", "tvv", "doc")
LIST_KEYS = frozenset({"cofinanciers", "partners", "municipalities", "counties"})

CSS = """
<style>
.pb-text { white-space: pre-wrap; line-height: 1.6; overflow-wrap: anywhere; }
.pb-excerpt { border-left: 3px solid rgba(250, 200, 40, 0.9); padding: 0.1rem 0 0.1rem 0.8rem;
  font-size: 0.93rem; }
.pb-list { columns: 3 12em; column-gap: 2rem; }
[id^="section-"] { scroll-margin-top: 4rem; }
.pb-text mark { background: rgba(255, 214, 10, 0.45); color: inherit; padding: 0.05rem 0; }
.pb-text strong { font-weight: 600; }
[data-testid="stAppDeployButton"] { display: none; }
</style>
"""

# Our own constant script (no project text in it): once per page load, keep the section named in
# the URL's #fragment at the top while the page is still rendering, until the visitor scrolls.
SCROLL_TO_ANCHOR = """
<script>
(() => {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id || window.__pbAnchored === window.location.href) return;
  window.__pbAnchored = window.location.href;
  let steady = 0, ticks = 0, stopped = false;
  const stop = () => { stopped = true; };
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(
    (name) => window.addEventListener(name, stop, { once: true, passive: true }));
  const timer = setInterval(() => {
    ticks += 1;
    const el = document.getElementById(id);
    if (el && !stopped) {
      const top = el.getBoundingClientRect().top;
      if (Math.abs(top - 64) > 8) { el.scrollIntoView({ block: "start" }); steady = 0; }
      else { steady += 1; }
    }
    if (stopped || steady >= 6 || ticks > 60) clearInterval(timer);
  }, 150);
})();
</script>
"""


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
            format_func=lambda code: {"sv": "Svenska", "en": "English"}[code],
            required=True,
            on_change=sync_lang_param,
        )
        manifest = current_manifest(settings)
        if manifest:
            st.caption(
                tr("sidebar.index", projects=manifest["projects"], chunks=manifest["chunks"])
                + "  \n"
                + tr("sidebar.built", when=when_text(str(manifest.get("built_at", ""))))
            )
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
    """The settings' values as a cache key (the settings object itself is not hashed)."""
    return settings.model_dump_json()


def current_manifest(settings: Settings) -> dict[str, Any] | None:
    """The index manifest, or None when there is no usable index yet."""
    try:
        return read_manifest(settings.index_dir)
    except AssistantError:
        return None


def open_assistant(settings: Settings) -> Assistant:
    """The cached assistant for the current index generation (raises AssistantError)."""
    manifest = read_manifest(settings.index_dir)
    with st.spinner(tr("loading.model")):
        return cached_assistant(settings_key(settings), str(manifest["generation"]), settings)


def forget_loaded_index() -> None:
    """Drop the cached assistant and tables after a re-index, so the next run loads the new one."""
    cached_assistant.clear()
    cached_catalog.clear()


@dataclass(frozen=True)
class Catalog:
    """The projects as a table, and the distinct values the search filters offer."""

    table: pd.DataFrame
    regions: list[str]
    owners: list[str]
    programs: list[str]
    municipalities: list[str]
    years: tuple[int, int] | None


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


def build_catalog(projects: Any) -> Catalog:
    """One row per project (name, owner, region, program, period, money) plus filter values."""
    rows = [project_row(p) for p in projects]
    table = pd.DataFrame(rows, columns=list(project_row_columns()))
    for column in ("grant", "budget"):
        table[column] = table[column].astype("Int64")

    def distinct(column: str) -> list[str]:
        return sorted({v for v in table[column] if v}, key=fold)

    municipalities = sorted(
        {m for row in rows for m in row["municipalities"].split("\n") if m}, key=fold
    )
    starts = [d.year for d in table["start"] if isinstance(d, date)]
    ends = [d.year for d in table["end"] if isinstance(d, date)]
    years = (min(starts), max(ends)) if starts and ends else None
    return Catalog(
        table=table,
        regions=distinct("region"),
        owners=distinct("owner"),
        programs=distinct("program"),
        municipalities=municipalities,
        years=years,
    )


def project_row_columns() -> tuple[str, ...]:
    return (
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


def project_row(p: Project) -> dict[str, Any]:
    """The table row of one project; ``folded`` is what the text filter matches."""

    def text(key: str) -> str:
        value = p.value(key)
        return "" if value is None else str(value)

    def money(key: str) -> int | None:
        value = p.value(key)
        return value if isinstance(value, int) else None

    def day(key: str) -> date | None:
        value = p.value(key)
        return value if isinstance(value, date) else None

    municipalities = p.list("municipalities")
    places = "\n".join(municipalities.values) if municipalities else ""
    row = {
        "id": p.id,
        "name": p.name,
        "owner": text("owner"),
        "region": text("region"),
        "program": text("program"),
        "start": day("start"),
        "end": day("end"),
        "grant": money("grant_sek"),
        "budget": money("budget_sek"),
        "kind": p.kind,
        "municipalities": places,
    }
    words = [p.name, text("owner"), text("region"), text("program"), places.replace("\n", " ")]
    row["folded"] = fold(" ".join(words))
    return row


# ---------------------------------------------------------------- building the index


def index_paths(settings: Settings, manifest: dict[str, Any] | None) -> list[Path]:
    """What a re-index reads: the paths the index was built from, plus the data folder."""
    paths = [Path(p) for p in (manifest or {}).get("paths", [])]
    data_dir = settings.data_dir
    covered = any(
        data_dir.resolve() == p.resolve() or p.resolve() in data_dir.resolve().parents
        for p in paths
    )
    if not covered:
        paths.append(data_dir)
    return paths


def existing_paths(paths: Sequence[Path]) -> list[Path]:
    """The paths that still exist; a warning for each one that does not."""
    found = []
    for path in paths:
        if path.exists():
            found.append(path)
        else:
            st.warning(tr("index.missing_path", path=md_escape(str(path))))
    return found


def run_build(settings: Settings, paths: Sequence[Path]) -> BuildReport | None:
    """Build the index from ``paths`` with a visible progress bar; None (and a message) on
    failure, in which case the previous index keeps serving."""
    with st.status(tr("build.running"), expanded=True) as status:
        bar = st.progress(0.0, text=tr("build.reading"))

        def progress(stage: str, done: int, total: int) -> None:
            text = (
                tr("build.embedding", done=done, total=total)
                if stage == "embedding"
                else tr("build.stage", stage=stage, done=done, total=total)
            )
            bar.progress(min(done / total, 1.0) if total else 1.0, text=text)

        try:
            embedder = cached_embedder(settings.embedder, settings)
            report = build_index(paths, settings=settings, embedder=embedder, progress=progress)
        except AssistantError as exc:
            build_failed(status, str(exc), settings)
            return None
        except Exception as exc:  # a rebuild must never take the app down
            log.exception("index build failed")
            build_failed(status, f"{type(exc).__name__}: {exc}", settings)
            return None
        bar.progress(1.0, text=build_summary(report))
        status.update(label=build_summary(report), state="complete", expanded=False)
    forget_loaded_index()
    st.session_state.last_build = report
    return report


def build_failed(status: Any, error: str, settings: Settings) -> None:
    """Report a failed build; the previous index (if any) keeps serving."""
    st.session_state.build_error = error
    key = "build.failed" if current_manifest(settings) else "build.failed_first"
    status.update(label=tr(key, error=error), state="error", expanded=True)
    st.error(tr(key, error=md_escape(error)))


def build_summary(report: BuildReport) -> str:
    return tr(
        "build.done",
        projects=report.projects,
        chunks=report.chunks,
        embedded=report.embedded,
        reused=report.reused,
        seconds=report.seconds,
    )


def show_build_report(report: BuildReport) -> None:
    """What the last build did: counts, changed files, duplicates and reading problems."""
    st.success(build_summary(report))
    for label, items in (
        ("build.added", report.documents_added),
        ("build.changed", report.documents_changed),
        ("build.removed", report.documents_removed),
        ("build.duplicates", report.duplicates),
    ):
        if items:
            st.markdown(f"**{tr(label)}**")
            st.text("\n".join(items))
    if report.problems:
        with st.expander(f"{tr('build.problems')} ({len(report.problems)})"):
            st.text("\n".join(p.message for p in report.problems[:200]))


def first_start(settings: Settings) -> bool:
    """Build the first index from the data folder, visibly; True when an index now exists."""
    data_dir = settings.data_dir
    if not data_dir.is_dir() or not any(data_dir.iterdir()):
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
        if first_start(settings):
            st.rerun()
        return None
    except AssistantError as exc:
        st.subheader(tr("problem.title"), anchor=False)
        st.error(md_escape(str(exc)))
        if st.button(tr("problem.rebuild"), type="primary", icon=":material/build:"):
            paths = existing_paths(index_paths(settings, current_manifest(settings)))
            if paths and run_build(settings, paths):
                st.rerun()
        return None


# ---------------------------------------------------------------- uploads


@dataclass(frozen=True)
class UploadOutcome:
    """What became of one uploaded file: saved (``path``) or not, and why, as a UI text key."""

    name: str
    message_key: str
    values: dict[str, object] = field(default_factory=dict)
    path: Path | None = None

    @property
    def saved(self) -> bool:
        return self.path is not None

    @property
    def ok(self) -> bool:
        return self.message_key in ("upload.saved", "upload.renamed", "upload.same")

    def message(self, language: str) -> str:
        """The outcome in words (plain text)."""
        return t(language, self.message_key, name=self.name, **self.values)

    def markdown(self, language: str) -> str:
        """The outcome for ``st.success``/``st.error``: names and reader messages escaped."""
        values = {k: md_escape(str(v)) for k, v in self.values.items()}
        return t(language, self.message_key, name=md_escape(self.name), **values)


def safe_file_name(name: str) -> str | None:
    """The base name of an uploaded file, stripped of folders, leading dots and odd characters;
    None when nothing usable is left."""
    base = name.replace("\\", "/").split("/")[-1].strip()
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" ._")
    base = re.sub(r"\s+", " ", base)
    if not base or base.startswith(".") or len(base) > 150:
        return None
    return base


def accept_upload(name: str, data: bytes, settings: Settings) -> UploadOutcome:
    """Check an uploaded file and save it into ``settings.data_dir`` if it holds projects.

    The file is parsed with the library's readers in a temporary folder first; nothing is
    written to the data folder unless that succeeds, and never outside it.
    """
    shown = name[:150]
    safe = safe_file_name(name)
    if safe is None:
        return UploadOutcome(shown, "upload.bad_name")
    suffix = Path(safe).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return UploadOutcome(safe, "upload.bad_type", {"suffix": suffix or "–"})
    if len(data) > settings.max_upload_bytes:
        limit = human_size(settings.max_upload_bytes)
        return UploadOutcome(
            safe, "upload.too_big", {"size": human_size(len(data)), "limit": limit}
        )
    if not data.strip():
        return UploadOutcome(safe, "upload.empty")
    checked = check_upload(safe, data, settings)
    if isinstance(checked, UploadOutcome):
        return checked
    return store_upload(safe, data, settings, projects=checked)


def check_upload(name: str, data: bytes, settings: Settings) -> UploadOutcome | int:
    """Parse the file in a temporary folder: the number of projects, or why it was rejected."""
    with tempfile.TemporaryDirectory(prefix="pb-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            result = read_path(path, settings=settings)
        except AssistantError as exc:
            return UploadOutcome(name, "upload.unreadable", {"detail": clean_detail(exc, tmp)})
    if not result.projects:
        detail = "; ".join(clean_detail(p.message, tmp) for p in result.problems[:3])
        return UploadOutcome(name, "upload.no_projects", {"detail": detail})
    duplicate = already_indexed(settings, [p.id for p in result.projects])
    if duplicate and len(duplicate) == len(result.projects):
        return UploadOutcome(name, "upload.duplicate", {"detail": ", ".join(duplicate[:5])})
    return len(result.projects)


def clean_detail(message: object, tmp: str) -> str:
    """A reader's message without the temporary folder's path."""
    return str(message).replace(tmp + os.sep, "").replace(tmp, "")


def already_indexed(settings: Settings, project_ids: Sequence[str]) -> list[str]:
    """Which of the ids the current index already holds (ESF/CSV projects; documents get new
    ids)."""
    manifest = current_manifest(settings)
    if not manifest:
        return []
    db = settings.index_dir / str(manifest["generation"]) / "records.sqlite"
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            marks = ",".join("?" * len(project_ids))
            rows = con.execute(f"SELECT id FROM projects WHERE id IN ({marks})", list(project_ids))
            return [str(r[0]) for r in rows]
        finally:
            con.close()
    except sqlite3.Error:
        return []


def store_upload(name: str, data: bytes, settings: Settings, *, projects: int) -> UploadOutcome:
    """Write a checked upload into the data folder without overwriting another file."""
    data_dir = settings.data_dir
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        target = free_target(data_dir, name, data)
        if target is None:
            return UploadOutcome(name, "upload.same", {"data_dir": str(data_dir)})
        if target.resolve().parent != data_dir.resolve():
            return UploadOutcome(name, "upload.bad_name")
        tmp = data_dir / f".upload-{uuid.uuid4().hex}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        return UploadOutcome(name, "upload.write_failed", {"detail": exc.strerror or str(exc)})
    key = "upload.saved" if target.name == name else "upload.renamed"
    return UploadOutcome(name, key, {"projects": projects, "saved": target.name}, path=target)


def free_target(folder: Path, name: str, data: bytes) -> Path | None:
    """``folder/name``, or ``name-2``, ``-3``… when taken by other content; None when a file
    with the same content is already there."""
    stem, suffix = Path(name).stem, Path(name).suffix
    for n in range(1, 1000):
        candidate = folder / (name if n == 1 else f"{stem}-{n}{suffix}")
        if not candidate.exists():
            return candidate
        if candidate.is_file() and candidate.read_bytes() == data:
            return None
    raise OSError(f"too many files named {name}")


# ---------------------------------------------------------------- feedback


FEEDBACK_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    rating INTEGER NOT NULL,          -- 1 = thumbs up, -1 = thumbs down
    comment TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    citations TEXT NOT NULL DEFAULT '[]'
)
"""


def feedback_path(settings: Settings) -> Path:
    return settings.index_dir / "feedback.sqlite"


def save_feedback(
    settings: Settings,
    answer: Answer,
    *,
    rating: int,
    comment: str = "",
    row_id: int | None = None,
) -> int:
    """Insert (or update ``row_id``) one rating with its optional comment; returns the row id."""
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(feedback_path(settings), timeout=5)
    try:
        con.execute(FEEDBACK_SCHEMA)
        if row_id is not None:
            con.execute(
                "UPDATE feedback SET rating = ?, comment = ? WHERE id = ?",
                (rating, comment, row_id),
            )
            con.commit()
            return row_id
        cursor = con.execute(
            "INSERT INTO feedback (created_at, question, answer, rating, comment, language, "
            "citations) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                datetime.now(UTC).isoformat(timespec="seconds"),
                answer.question,
                answer.answer,
                rating,
                comment,
                answer.language,
                json.dumps(answer.to_dict()["citations"], ensure_ascii=False),
            ),
        )
        con.commit()
        return int(cursor.lastrowid or 0)
    finally:
        con.close()


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


def ask(assistant: Assistant, question: str, earlier: Sequence[Turn]) -> Turn:
    """Ask with the earlier answers as history; library errors become the turn's error."""
    history = [turn.answer for turn in earlier if turn.answer is not None]
    try:
        return Turn(question=question, answer=assistant.ask(question, history=history))
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
        with st.chat_message("assistant", avatar=ASSISTANT_AVATAR), st.spinner(tr("chat.thinking")):
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


def example_questions(projects: Any, language: str) -> list[str]:
    """Questions that work on this index, naming two of its projects (ESF ones and short names
    first), then one across all projects."""
    named = [p for p in projects if p.kind in ("esf", "tvv") and len(p.name) <= 40]
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


def conversation_tools(assistant: Assistant) -> None:
    """Sidebar: export the conversation as Markdown, clear it."""
    with st.sidebar:
        st.divider()
        st.caption(tr("chat.conversation"))
        history = turns()
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        st.download_button(
            tr("chat.export"),
            data=conversation_markdown(history, assistant.index, lang()),
            file_name=f"projektbanken-samtal-{stamp}.md",
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
        feedback(turn, settings)


def render_answer(answer: Answer, index: Index, *, key: str) -> None:
    """The answer text (safe Markdown, ``[n]`` markers in bold) and its sources."""
    st.markdown(answer_markdown(answer.answer))
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


def citation_section(citation: Citation, index: Index) -> tuple[Project | None, Section | None]:
    project = index.projects.get(citation.project_id)
    section = section_by_key(project, citation.section_key) if project else None
    return project, section


def quote_span(citation: Citation, section: Section | None) -> tuple[int, int] | None:
    """Where the citation's quote stands in its section's text."""
    if section is None:
        return None
    prefer = citation.start - section.span.start if section.key != FACTS_KEY else None
    return find_quote(section.text, citation.quote, prefer=prefer)


def render_citation(citation: Citation, index: Index, *, key: str, numbered: bool = True) -> None:
    """A source card: project and section, the quote highlighted in its section, a link to the
    section on the project page and a ready-to-paste reference."""
    project, section = citation_section(citation, index)
    span = quote_span(citation, section)
    link = project_link(
        citation.project_id, section_key=citation.section_key, highlight=span, lang=lang()
    )
    with st.container(border=True, key=f"cite-{key}"):
        number = f"**\\[{citation.n}\\]** " if numbered else ""
        st.markdown(
            f"{number}**{md_escape(citation.project)}** · {md_escape(citation.section)}"
            f" · [{tr('chat.open_section')} ↗]({link})"
        )
        st.html(quote_html(citation, section, span))
        with st.expander(tr("chat.cite"), icon=":material/content_copy:"):
            st.caption(tr("chat.cite_help"))
            st.code(citation_reference(citation, project, lang()), language=None, wrap_lines=True)


def quote_html(citation: Citation, section: Section | None, span: tuple[int, int] | None) -> str:
    """The quote highlighted inside (a window of) its section's text, as escaped HTML."""
    if section is None or span is None:
        return marked_html(
            citation.quote, [(0, len(citation.quote))], css_class="pb-text pb-excerpt"
        )
    window = excerpt(section.text, *span)
    strong = label_spans(window.text) if section.key == FACTS_KEY else []
    css = "pb-text pb-excerpt" + (" pb-list" if is_list_section(section) else "")
    return marked_html(window.text, [(window.start, window.end)], strong, css_class=css)


def is_list_section(section: Section) -> bool:
    return is_list_key(section.key)


def is_list_key(key: str) -> bool:
    """Whether a section holds a list, one item a line (shown in columns)."""
    return key in LIST_KEYS


def citation_reference(citation: Citation, project: Project | None, language: str) -> str:
    """The citation as a reference to paste: quote, project (owner), section, bank and file."""
    owner = project.value("owner") if project else None
    bank = t(language, f"kind.{project.kind}") if project and project.kind in KINDS else ""
    source = ", ".join(part for part in (bank, citation.url, citation.source) if part)
    return reference_text(
        language,
        quote=citation.quote,
        project=citation.project,
        owner=str(owner) if owner else None,
        section=citation.section,
        source=source,
        start=citation.start,
        end=citation.end,
    )


def feedback(turn: Turn, settings: Settings) -> None:
    """Thumbs up/down stored in SQLite, then an optional comment for the same row."""
    assert turn.answer is not None
    choice = st.feedback("thumbs", key=f"fb-{turn.id}")
    if choice is None:
        return
    rating = 1 if choice == 1 else -1
    try:
        if rating != turn.rating:
            turn.feedback_row = save_feedback(
                settings, turn.answer, rating=rating, comment=turn.comment, row_id=turn.feedback_row
            )
            turn.rating = rating
            st.toast(tr("chat.feedback_thanks"), icon=":material/thumb_up:")
        comment_form(turn, settings)
    except (sqlite3.Error, OSError) as exc:
        st.error(tr("chat.feedback_failed", error=md_escape(str(exc))))


def comment_form(turn: Turn, settings: Settings) -> None:
    assert turn.answer is not None and turn.rating is not None
    with st.form(key=f"fbc-{turn.id}", border=False, clear_on_submit=False):
        comment = st.text_input(
            tr("chat.comment"), placeholder=tr("chat.comment_placeholder"), key=f"fbt-{turn.id}"
        )
        if st.form_submit_button(tr("chat.comment_send"), icon=":material/send:"):
            turn.comment = comment.strip()
            save_feedback(
                settings,
                turn.answer,
                rating=turn.rating,
                comment=turn.comment,
                row_id=turn.feedback_row,
            )
            st.success(tr("chat.comment_thanks"))


def conversation_markdown(history: Sequence[Turn], index: Index, language: str) -> str:
    """The conversation with every source, as a Markdown document to download."""
    lines = [
        f"# {t(language, 'chat.title')}",
        "",
        f"_{datetime.now().strftime('%Y-%m-%d %H:%M')}_",
        "",
    ]
    for n, turn in enumerate(history, start=1):
        lines += [f"## {t(language, 'chat.question_n', n=n)}: {turn.question}", ""]
        if turn.answer is None:
            lines += [t(language, "chat.error", error=turn.error or ""), ""]
            continue
        lines += [turn.answer.answer, ""]
        cited = [*turn.answer.citations, *turn.answer.see_also]
        if cited:
            key = "chat.sources" if turn.answer.citations else "chat.see_also"
            lines += [f"**{t(language, key)}**", ""]
        for c in cited:
            ref = citation_reference(c, index.projects.get(c.project_id), language)
            lines += [f"{c.n}. " + ref.replace("\n", "  \n   "), ""]
    return "\n".join(lines)


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
    chunk = hit.chunk
    project = index.projects.get(chunk.project_id)
    link = project_link(
        chunk.project_id,
        section_key=chunk.section_key,
        highlight=(
            chunk.section_start + hit.sentence_start,
            chunk.section_start + hit.sentence_end,
        ),
        lang=lang(),
    )
    with st.container(border=True):
        head, score = st.columns([5, 1])
        head.markdown(
            f"**{hit.rank + 1}. {md_escape(chunk.project_name)}** · {md_escape(chunk.section)}"
        )
        score.caption(tr("search.score", score=hit.score))
        window = excerpt(chunk.text, hit.sentence_start, hit.sentence_end, radius=260)
        st.html(
            marked_html(
                window.text,
                [(window.start, window.end)],
                css_class="pb-text pb-excerpt"
                + (" pb-list" if is_list_key(chunk.section_key) else ""),
            )
        )
        facts = project_facts_line(project) if project else ""
        st.markdown(f"[{tr('search.open')} ↗]({link})" + (f" · {facts}" if facts else ""))


def project_facts_line(project: Project) -> str:
    """Owner · region · period, escaped for Markdown."""
    parts = [project.value("owner"), project.value("region")]
    start, end = project.value("start"), project.value("end")
    if isinstance(start, date) and isinstance(end, date):
        parts.append(f"{start.isoformat()} – {end.isoformat()}")
    return " · ".join(md_escape(str(p)) for p in parts if p)


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


def filter_table(table: pd.DataFrame, needle: str) -> pd.DataFrame:
    """Rows whose name, owner, region, program or municipalities contain every word."""
    words = fold(needle).split()
    if not words:
        return table
    mask = pd.Series(True, index=table.index)
    for word in words:
        mask &= table["folded"].str.contains(word, regex=False)
    return table[mask]


def open_project(project_id: str) -> None:
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
    money = table.dropna(subset=["grant"])
    tabs = st.tabs([tr("chart.tabs_region"), tr("chart.tabs_top"), tr("chart.tabs_timeline")])
    with tabs[0]:
        chart_or_note(region_chart(money), tr("chart.region_caption"))
    with tabs[1]:
        top = money.nlargest(TOP_N_CHART, "grant")
        chart_or_note(top_chart(top), tr("chart.top_caption", n=len(top)))
    with tabs[2]:
        dated = table.dropna(subset=["start", "end"])
        dated = dated.sort_values("grant", ascending=False, na_position="last").head(TIMELINE_N)
        chart_or_note(timeline_chart(dated), tr("chart.timeline_caption", n=len(dated)))


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


def region_chart(money: pd.DataFrame) -> alt.Chart | None:
    data = money[money["region"] != ""]
    if data.empty:
        return None
    grouped = (
        data.groupby("region", as_index=False)
        .agg(grant=("grant", "sum"), projects=("id", "count"))
        .astype({"grant": "int64"})
    )
    grouped["msek"] = grouped["grant"] / 1e6
    return (
        alt.Chart(grouped)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            x=alt.X("msek:Q", title=tr("col.msek"), axis=alt.Axis(tickCount=5)),
            y=alt.Y("region:N", sort="-x", title=None),
            tooltip=[
                alt.Tooltip("region:N", title=tr("col.region")),
                alt.Tooltip("grant:Q", title=tr("col.grant"), format=",.0f"),
                alt.Tooltip("projects:Q", title=tr("col.projects")),
            ],
        )
        .properties(height=max(120, 28 * len(grouped)))
    )


def top_chart(top: pd.DataFrame) -> alt.Chart | None:
    if top.empty:
        return None
    data = top[["name", "owner", "region", "grant"]].astype({"grant": "int64"})
    data["msek"] = data["grant"] / 1e6
    return (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            x=alt.X("msek:Q", title=tr("col.msek"), axis=alt.Axis(tickCount=5)),
            y=alt.Y("name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
            color=alt.Color("region:N", title=tr("col.region")),
            tooltip=[
                alt.Tooltip("name:N", title=tr("col.name")),
                alt.Tooltip("owner:N", title=tr("col.owner")),
                alt.Tooltip("grant:Q", title=tr("col.grant"), format=",.0f"),
            ],
        )
        .properties(height=max(120, 28 * len(data)))
    )


def timeline_chart(dated: pd.DataFrame) -> alt.Chart | None:
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
                axis=alt.Axis(labelLimit=220),
            ),
            color=alt.Color("region:N", title=tr("col.region")),
            tooltip=[
                alt.Tooltip("name:N", title=tr("col.name")),
                alt.Tooltip("start:T", title=tr("col.start"), format="%Y-%m-%d"),
                alt.Tooltip("end:T", title=tr("col.end"), format="%Y-%m-%d"),
            ],
        )
        .properties(height=max(120, 26 * len(data)))
    )


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
    st.caption(" · ".join(md_escape(p) for p in project_subtitle(project)))
    project_metrics(project)
    sections = all_sections(project)
    st.markdown(
        f"**{tr('project.contents')}:** "
        + " · ".join(f"[{md_escape(s.title)}](#{anchor_id(s.key)})" for s in sections)
    )
    st.html(SCROLL_TO_ANCHOR, unsafe_allow_javascript=True)
    marked_key = st.query_params.get("sec")
    marked = parse_span(st.query_params.get("hl"))
    for section in sections:
        render_section(section, marked if section.key == marked_key else None)
    project_source(project)


def project_subtitle(project: Project) -> list[str]:
    kind = tr(f"kind.{project.kind}") if project.kind in KINDS else project.kind
    return [kind, *(str(v) for v in (project.value("owner"), project.value("region")) if v)]


def project_metrics(project: Project) -> None:
    grant, budget = project.value("grant_sek"), project.value("budget_sek")
    start, end = project.value("start"), project.value("end")
    shown = [
        (tr("project.grant"), sek(grant) if isinstance(grant, int) else None),
        (tr("project.budget"), sek(budget) if isinstance(budget, int) else None),
        (
            tr("project.period"),
            f"{start.year}–{end.year}"
            if isinstance(start, date) and isinstance(end, date)
            else None,
        ),
    ]
    shown = [(label, value) for label, value in shown if value]
    if not shown:
        return
    for col, (label, value) in zip(st.columns(len(shown)), shown):
        col.metric(label, value)


def render_section(section: Section, marked: tuple[int, int] | None) -> None:
    """A section heading with its anchor, then its text (escaped; the cited span marked)."""
    st.subheader(md_escape(section.title), anchor=anchor_id(section.key))
    strong = label_spans(section.text) if section.key == FACTS_KEY else []
    css = "pb-text" + (" pb-list" if is_list_section(section) else "")
    st.html(marked_html(section.text, [marked] if marked else [], strong, css_class=css))
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
    manifest = current_manifest(settings)
    if manifest:
        index_overview(settings, manifest)
    else:
        st.info(tr("index.none", data_dir=str(settings.data_dir)))
    upload_section(settings, manifest)
    rebuild_section(settings, manifest)
    report = st.session_state.get("last_build")
    if isinstance(report, BuildReport):
        st.subheader(tr("index.last_build"), anchor=False)
        show_build_report(report)


def index_overview(settings: Settings, manifest: dict[str, Any]) -> None:
    """Counts, model, build time and the paths the index was built from."""
    cols = st.columns(4)
    cols[0].metric(tr("index.projects"), f"{manifest['projects']:,}".replace(",", " "))
    cols[1].metric(tr("index.chunks"), f"{manifest['chunks']:,}".replace(",", " "))
    cols[2].metric(tr("index.documents"), len(manifest.get("documents", {})))
    cols[3].metric(tr("index.size"), human_size(generation_size(settings, manifest)))
    st.markdown(
        f"**{tr('index.embedder')}:** `{manifest['embedder']}`  \n"
        f"**{tr('index.built')}:** {when_text(str(manifest.get('built_at', '')))}"
    )
    st.markdown(f"**{tr('index.paths')}:**")
    st.code("\n".join(manifest.get("paths", [])), language=None)
    paths = [Path(p) for p in manifest.get("paths", [])]
    if index_is_stale(settings, paths):
        st.warning(tr("index.stale"), icon=":material/update:")


def generation_size(settings: Settings, manifest: dict[str, Any]) -> int:
    folder = settings.index_dir / str(manifest["generation"])
    try:
        return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    except OSError:
        return 0


def index_is_stale(settings: Settings, paths: Sequence[Path]) -> bool:
    try:
        return is_stale(paths, settings=settings, embedder_name=embedder_name(settings))
    except (AssistantError, OSError):
        return False


def upload_section(settings: Settings, manifest: dict[str, Any] | None) -> None:
    """Upload files, check each one, save the good ones and re-index."""
    st.subheader(tr("index.upload_title"), anchor=False)
    st.caption(
        tr(
            "index.upload_help",
            limit=human_size(settings.max_upload_bytes),
            data_dir=str(settings.data_dir),
        )
    )
    generation = st.session_state.setdefault("uploader_gen", 0)
    files = st.file_uploader(
        tr("index.upload"),
        type=[s.lstrip(".") for s in UPLOAD_SUFFIXES],
        accept_multiple_files=True,
        key=f"uploader-{generation}",
        max_upload_size=max(1, math.ceil(settings.max_upload_bytes / 1024**2)),
    )
    if st.button(tr("index.add"), type="primary", disabled=not files, icon=":material/upload:"):
        add_uploads(settings, manifest, files or [])
    show_upload_outcomes()


def add_uploads(settings: Settings, manifest: dict[str, Any] | None, files: Sequence[Any]) -> None:
    """Check and save each file, then re-index; reruns (fresh counts, empty uploader) unless
    the build failed, whose error then stays on screen."""
    outcomes = [accept_upload(f.name, f.getvalue(), settings) for f in files]
    st.session_state.upload_outcomes = outcomes
    st.session_state.uploader_gen = st.session_state.get("uploader_gen", 0) + 1
    if not any(o.saved for o in outcomes):
        st.rerun()
    if run_build(settings, existing_paths(index_paths(settings, manifest))):
        st.rerun()


def show_upload_outcomes() -> None:
    """What became of the last uploaded files (kept across the rerun after saving)."""
    outcomes: list[UploadOutcome] = st.session_state.get("upload_outcomes", [])
    for outcome in outcomes:
        shown = st.success if outcome.ok else st.error
        shown(
            outcome.markdown(lang()), icon=":material/check:" if outcome.ok else ":material/block:"
        )
    if outcomes and not any(o.saved for o in outcomes):
        st.info(tr("upload.none_saved"))


def rebuild_section(settings: Settings, manifest: dict[str, Any] | None) -> None:
    """Re-index the recorded paths (and the data folder) on demand."""
    paths = index_paths(settings, manifest)
    st.subheader(tr("index.rebuild_title"), anchor=False)
    st.caption(tr("index.rebuild_help", paths=", ".join(f"`{p}`" for p in paths)))
    label = tr("index.rebuild") if manifest else tr("index.build")
    if st.button(label, icon=":material/refresh:"):
        found = existing_paths(paths)
        if found and run_build(settings, found):
            st.rerun()


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
    st.html(CSS)
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
        RENDERERS[page](assistant, settings)


if __name__ == "__main__":
    main()
