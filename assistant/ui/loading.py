"""Getting an index to serve: the cached assistant, the first build from the data folder, a
build started elsewhere, rebuilds with a progress bar, and the line saying that meaning-based
search is still being built. A failed build never takes the app down: the previous index (if
any) keeps serving and the error stays on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from assistant import (
    Assistant,
    AssistantError,
    BuildReport,
    IndexMissingError,
    Settings,
    build_store,
    status,
)
from assistant.markup import md_escape

from .session import cached_embedder, forget_loaded_index, lang, open_assistant, tr

log = logging.getLogger("projektbanken.app")


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
