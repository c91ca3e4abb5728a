"""The state of the index as the app shows it, without loading the index: the manifest, a
running build's progress as one bar and its labels, what the last build did.

Each answer degrades to "nothing to report" (None, 0, False) instead of raising, because a
status line must never keep a page from rendering.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .builds import BuildState, runner_for
from .embedding import embedder_name
from .errors import AssistantError
from .index import (
    COMPLETE,
    BuildStatus,
    generation_dir,
    index_state,
    read_build_status,
)
from .phrases import t
from .settings import Settings
from .store import current_manifest as store_manifest
from .store import is_stale
from .text import grouped

if TYPE_CHECKING:
    from .index import BuildReport


def current_manifest(settings: Settings) -> dict[str, Any] | None:
    """The index manifest, or None when there is no usable index yet."""
    try:
        return store_manifest(settings)
    except AssistantError:
        return None


def generation_size(settings: Settings, manifest: dict[str, Any]) -> int:
    """Bytes on disk of the generation the manifest names (0 when it cannot be measured); for
    the PostgreSQL store, of its tables."""
    if settings.database_url is not None:
        from .store.postgres import database_bytes

        try:
            return database_bytes(settings)
        except AssistantError:
            return 0
    folder = generation_dir(settings.index_dir, manifest)
    try:
        return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    except OSError:
        return 0


def indexed_paths(manifest: dict[str, Any]) -> list[Path]:
    """The files and folders the index was built from."""
    return [Path(p) for p in manifest.get("paths", [])]


def index_is_stale(settings: Settings, paths: Sequence[Path]) -> bool:
    """Whether the files changed since the build (False when that cannot be told)."""
    try:
        return is_stale(paths, settings=settings, embedder_name=embedder_name(settings))
    except (AssistantError, OSError):
        return False


def reindex_paths(settings: Settings, manifest: dict[str, Any] | None) -> list[Path]:
    """What a re-index reads: the paths the index was built from, plus the data folder unless
    one of them already covers it (uploads land there)."""
    paths = indexed_paths(manifest or {})
    data_dir = settings.data_dir.resolve()
    covered = any(data_dir == p.resolve() or p.resolve() in data_dir.parents for p in paths)
    return paths if covered else [*paths, settings.data_dir]


def has_files(folder: Path) -> bool:
    """Whether ``folder`` exists and holds anything to index."""
    return folder.is_dir() and any(folder.iterdir())


def build_progress(settings: Settings) -> BuildStatus | None:
    """The progress of a build running now on the index folder (in any process), or None."""
    return read_build_status(settings.index_dir)


def running_build(settings: Settings) -> tuple[str, int, int] | None:
    """Stage, done and total of the build running now on the settings' index, whether this
    process runs it (:mod:`assistant.builds`) or another one (``build.json``); None when none."""
    return building_stage(runner_for(settings).state(), build_progress(settings))


def building_stage(state: BuildState, elsewhere: BuildStatus | None) -> tuple[str, int, int] | None:
    """The stage to show: this process's running build first (at "reading" until its first
    report), else the one ``build.json`` reports, else None."""
    if state.running:
        return (state.stage, state.done, state.total) if state.stage else ("reading", 0, 1)
    if elsewhere is not None:
        return elsewhere.stage, elsewhere.done, elsewhere.total
    return None


def dense_pending(manifest: dict[str, Any] | None) -> bool:
    """Whether the index serves records and keywords only, its vectors still being built."""
    return manifest is not None and index_state(manifest) != COMPLETE


def lexical_note(settings: Settings, lang: str) -> str | None:
    """What an answer from a lexical index should say: that meaning-based search is still
    being built, with the build's progress when one is running; None over a complete index."""
    if not dense_pending(current_manifest(settings)):
        return None
    note = t(lang, "build.lexical_only")
    running = running_build(settings)
    if running is not None and running[0] == "embedding" and running[2]:
        note += " " + t(lang, "build.dense_progress", done=running[1], total=running[2])
    return note


@dataclass(frozen=True, kw_only=True)
class BuildStage:
    """A stage :func:`assistant.index.build_index` reports: its label and its share of the bar."""

    text_key: str
    low: float
    high: float


BUILD_STAGES = {
    "reading": BuildStage(text_key="build.reading", low=0.0, high=0.05),
    "lexical": BuildStage(text_key="build.lexical", low=0.05, high=0.05),
    "embedding": BuildStage(text_key="build.embedding", low=0.05, high=0.95),
    "writing": BuildStage(text_key="build.writing", low=0.95, high=1.0),
    "searchable": BuildStage(text_key="build.searchable", low=0.0, high=0.0),
    "sentences": BuildStage(text_key="build.sentences", low=0.0, high=1.0),
}
"""The sentence stage, after a complete generation is published, fills a bar of its own."""
_OTHER_STAGE = BuildStage(text_key="build.stage", low=0.0, high=1.0)


def stage_text(lang: str, stage: str, done: int, total: int) -> str:
    """The progress label of a build stage (a generic one for stages not known here)."""
    key = BUILD_STAGES.get(stage, _OTHER_STAGE).text_key
    return t(lang, key, stage=stage, done=done, total=total)


def stage_fraction(stage: str, done: int, total: int) -> float:
    """How far the whole build is, 0–1: each stage fills its own share of one bar, so the bar
    never runs backwards when a new stage starts at 0."""
    known = BUILD_STAGES.get(stage, _OTHER_STAGE)
    share = min(done / total, 1.0) if total > 0 else 1.0
    return known.low + (known.high - known.low) * share


def build_changes(report: BuildReport) -> list[tuple[str, tuple[str, ...]]]:
    """The file lists of a build worth showing, each with the text key of its heading."""
    lists = (
        ("build.added", report.documents_added),
        ("build.changed", report.documents_changed),
        ("build.removed", report.documents_removed),
        ("build.duplicates", report.duplicates),
    )
    return [(key, items) for key, items in lists if items]


def index_line(lang: str, manifest: Mapping[str, Any]) -> str:
    """Projects, passages and build time of an index, as two Markdown lines."""
    built = when_text(str(manifest.get("built_at", "")))
    counts = t(lang, "sidebar.index", projects=manifest["projects"], chunks=manifest["chunks"])
    return f"{counts}  \n{t(lang, 'sidebar.built', when=built)}"


def build_summary(lang: str, report: BuildReport) -> str:
    """One line on what a build did: projects, passages, new and reused vectors, seconds."""
    return t(
        lang,
        "build.done",
        projects=report.projects,
        chunks=report.chunks,
        embedded=report.embedded,
        reused=report.reused,
        seconds=report.seconds,
    )


def human_size(n: int) -> str:
    """A byte count for people: ``2.3 MB``."""
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} B"


def when_text(iso: str) -> str:
    """An ISO timestamp as ``2026-11-23 11:04`` (as given when it does not parse)."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def index_figures(lang: str, manifest: Mapping[str, Any], size: int) -> list[tuple[str, str]]:
    """The headline figures of an index, labelled: projects, passages, files, bytes on disk."""
    return [
        (t(lang, "index.projects"), grouped(manifest["projects"])),
        (t(lang, "index.chunks"), grouped(manifest["chunks"])),
        (t(lang, "index.documents"), str(len(manifest.get("documents", {})))),
        (t(lang, "index.size"), human_size(size)),
    ]
