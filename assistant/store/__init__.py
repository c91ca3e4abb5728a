"""Where the index lives: the ``Store`` protocol and its two stores (files, PostgreSQL).

``open_store`` and ``build`` choose by the settings: with ``database_url`` set
(``ASSISTANT_DATABASE_URL``) PostgreSQL, else the index folder. Imports are lazy, so the file
store never imports psycopg.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..embedding import Embedder
    from ..index import BuildReport, Progress
    from ..settings import Settings
    from .base import Store


def open_store(settings: Settings, *, embedder_name: str | None = None) -> Store:
    """The current generation of the configured store."""
    if settings.database_url is not None:
        from .postgres import open_postgres_store

        return open_postgres_store(settings, embedder_name=embedder_name)
    from .files import open_file_store

    return open_file_store(settings, embedder_name=embedder_name)


def build(
    paths: Sequence[Path],
    *,
    settings: Settings,
    embedder: Embedder,
    progress: Progress | None = None,
) -> BuildReport:
    """Build a new generation into the configured store and switch to it."""
    if settings.database_url is not None:
        from .postgres import build_postgres

        return build_postgres(paths, settings=settings, embedder=embedder, progress=progress)
    from ..index import build_index

    return build_index(paths, settings=settings, embedder=embedder, progress=progress)


def is_stale(paths: Sequence[Path], *, settings: Settings, embedder_name: str) -> bool:
    """Whether the configured store is missing or was built from other files or settings."""
    if settings.database_url is not None:
        from .postgres import postgres_is_stale

        return postgres_is_stale(paths, settings=settings, embedder_name=embedder_name)
    from ..index import is_stale as files_stale

    return files_stale(paths, settings=settings, embedder_name=embedder_name)


def current_manifest(settings: Settings) -> dict[str, Any]:
    """The current generation's manifest without loading it (raises AssistantError)."""
    if settings.database_url is not None:
        from .postgres import current_manifest as postgres_manifest

        return postgres_manifest(settings)
    from ..index import read_manifest

    return read_manifest(settings.index_dir)
