"""Getting an index to serve: the cached assistant, the first build from the data folder, a
build started elsewhere, rebuilds, their live progress, and the line saying that meaning-based
search is still being built.

Builds the app starts run in the background, one at a time per index for the whole server
(:mod:`assistant.builds`), so no page waits for one: a first build's records and keyword search
are answered from within seconds, and the pages pick up each generation it publishes. A failed
build never takes the app down: the previous index (if any) keeps serving and the error stays
on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from assistant import (
    Assistant,
    AssistantError,
    BuildReport,
    IndexBusyError,
    IndexMissingError,
    Settings,
    build_store,
    builds,
    status,
)
from assistant.index import Progress
from assistant.markup import md_escape

from .session import cached_embedder, forget_loaded_index, lang, open_assistant, tr


def existing_paths(paths: Sequence[Path]) -> list[Path]:
    """The paths that still exist; a warning for each one that does not."""
    found = []
    for path in paths:
        if path.exists():
            found.append(path)
        else:
            st.warning(tr("index.missing_path", path=md_escape(str(path))))
    return found


def start_build(settings: Settings, paths: Sequence[Path], *, first: bool = False) -> bool:
    """Start building the index from ``paths`` in the background, once per server
    (:mod:`assistant.builds`); False when a build is already running here. A ``first`` build
    that finds another process building (``make run``'s indexer, which loads its model before
    it takes the lock) leaves the index to it instead of failing."""

    def job(progress: Progress) -> BuildReport | None:
        embedder = cached_embedder(settings.embedder, settings)
        try:
            return build_store(paths, settings=settings, embedder=embedder, progress=progress)
        except IndexBusyError:
            if first:
                return None
            raise

    return builds.runner_for(settings).start(job, on_success=forget_loaded_index)


def rebuild(settings: Settings, paths: Sequence[Path]) -> None:
    """Re-index the paths that still exist in the background and rerun, so the page shows the
    build's progress; the previous index serves until the new one is published."""
    found = existing_paths(paths)
    if found:
        start_build(settings, found)
        st.rerun()


def building(settings: Settings) -> bool:
    """Whether a build of the index is running now, here or in another process."""
    return status.running_build(settings) is not None


def build_panel(settings: Settings) -> bool:
    """The running build's progress, kept up to date, or else how the latest build here
    failed; True while a build runs."""
    if building(settings):
        manifest = status.current_manifest(settings)
        live_build_progress(settings, str(manifest["generation"]) if manifest else None)
        return True
    state = builds.runner_for(settings).state()
    if state.failed:
        show_build_failure(settings, state)
    return False


@st.fragment(run_every=2)
def live_build_progress(settings: Settings, generation: str | None) -> None:
    """The running build's stage as a bar, refreshed every few seconds, under a notice that
    the index serving meanwhile (``generation``, if any) stays in use; the whole page reruns
    when the build publishes a generation (its records, then its vectors) or ends."""
    running = status.running_build(settings)
    manifest = status.current_manifest(settings)
    if running is None or (str(manifest["generation"]) if manifest else None) != generation:
        st.rerun()
    stage, done, total = running
    notice = tr("build.behind") if generation else tr("build.waiting", stage=stage)
    st.info(notice, icon=":material/hourglass_top:")
    st.progress(
        status.stage_fraction(stage, done, total),
        text=status.stage_text(lang(), stage, done, total),
    )


def show_build_failure(settings: Settings, state: builds.BuildState) -> None:
    """How far the failed build got and why it failed; the previous index (if any) serves."""
    key = "build.failed" if status.current_manifest(settings) else "build.failed_first"
    if state.stage:
        st.progress(
            status.stage_fraction(state.stage, state.done, state.total),
            text=status.stage_text(lang(), state.stage, state.done, state.total),
        )
    st.error(tr(key, error=md_escape(state.error or "")))


def show_build_report(report: BuildReport) -> None:
    """What the last build did: counts, changed files, duplicates and reading problems."""
    st.success(status.build_summary(lang(), report))
    for key, items in status.build_changes(report):
        st.markdown(f"**{tr(key)}**")
        st.text("\n".join(items))
    if report.problems:
        with st.expander(f"{tr('build.problems')} ({len(report.problems)})"):
            st.text("\n".join(p.message for p in report.problems[:200]))


def first_start(settings: Settings) -> None:
    """With no index yet: start building it from the data folder in the background (unless a
    build runs already, here or elsewhere) and show its progress; the page reruns and answers
    as soon as the records are published. A failed first build is shown with a way to retry."""
    data_dir = settings.data_dir
    if not building(settings):
        state = builds.runner_for(settings).state()
        if state.failed:
            st.error(tr("first.failed", error=md_escape(state.error or "")))
            if st.button(tr("first.retry"), icon=":material/refresh:"):
                start_build(settings, [data_dir], first=True)
                st.rerun()
            return
        if not status.has_files(data_dir):
            st.warning(tr("first.no_data", data_dir=str(data_dir)))
            return
        start_build(settings, [data_dir], first=True)
    st.subheader(tr("first.title"), anchor=False)
    st.info(tr("first.body", index_dir=str(settings.index_dir), data_dir=str(data_dir)))
    live_build_progress(settings, None)


def ready_assistant(settings: Settings) -> Assistant | None:
    """The assistant, or None (with a message and a way out) while there is no usable index:
    a first build is then started in the background, or the damaged index can be rebuilt."""
    try:
        return open_assistant(settings)
    except AssistantError as exc:
        if isinstance(exc, IndexMissingError) and status.current_manifest(settings) is None:
            first_start(settings)
        else:
            index_problem(settings, exc)
        return None


def index_problem(settings: Settings, error: AssistantError) -> None:
    """Why the index cannot be used, and a rebuild (or the one running, or how it failed)."""
    st.subheader(tr("problem.title"), anchor=False)
    st.error(md_escape(str(error)))
    if not build_panel(settings) and st.button(
        tr("problem.rebuild"), type="primary", icon=":material/build:"
    ):
        rebuild(settings, status.reindex_paths(settings, status.current_manifest(settings)))


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
