"""The state of the index as the app's index page shows it, without loading the index.

Each answer degrades to "nothing to report" (None, 0, False) instead of raising, because a
status line must never keep a page from rendering.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

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


def dense_pending(manifest: dict[str, Any] | None) -> bool:
    """Whether the index serves records and keywords only, its vectors still being built."""
    return manifest is not None and index_state(manifest) != COMPLETE


def lexical_note(settings: Settings, lang: str) -> str | None:
    """What an answer from a lexical index should say: that meaning-based search is still
    being built, with the build's progress when one is running; None over a complete index."""
    if not dense_pending(current_manifest(settings)):
        return None
    note = t(lang, "build.lexical_only")
    progress = build_progress(settings)
    if progress is not None and progress.stage == "embedding" and progress.total:
        note += " " + t(lang, "build.dense_progress", done=progress.done, total=progress.total)
    return note
