"""The manifest that names an index folder's current generation: its format, reading it with
clear errors, a generation's state (lexical or complete), the corpus digests staleness compares,
and the atomic, fsynced writes that publish a generation."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import sources
from ..errors import AssistantError, IndexCorruptError, IndexMissingError
from ..settings import Settings

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
LEXICAL = "lexical"
COMPLETE = "complete"
REBUILD_HINT = "run `assistant index` (or `make run`) to rebuild it"


def generation_dir(index_dir: Path, manifest: dict[str, Any]) -> Path:
    """The folder of the index generation a manifest names."""
    return index_dir / str(manifest["generation"])


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def corpus_files(paths: Sequence[Path], *, settings: Settings) -> dict[str, str]:
    """The readable files under ``paths`` with their content digests (what staleness compares)."""
    found: dict[str, str] = {}
    for path in paths:
        files = [path] if path.is_file() else sources.folder_files(path)
        for f in files:
            try:
                found[str(f)] = file_digest(f)
            except OSError:
                continue  # unreadable (a dangling link, a vanished file): the reader reports it
    return found


_MANIFEST_KEYS = ("generation", "embedder", "dim", "chunk_chars", "paths", "documents", "chunks")


def read_manifest(index_dir: Path) -> dict[str, Any]:
    path = index_dir / MANIFEST
    if not path.exists():
        raise IndexMissingError(f"no index in {index_dir}/; {REBUILD_HINT}")
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"the index manifest {path} is unreadable; {REBUILD_HINT}") from exc
    if not isinstance(manifest, dict):
        raise IndexCorruptError(f"the index manifest {path} is not an object; {REBUILD_HINT}")
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexCorruptError(
            f"the index in {index_dir}/ has format {manifest.get('format')!r}, "
            f"this version reads {FORMAT_VERSION}; {REBUILD_HINT}"
        )
    missing = [key for key in _MANIFEST_KEYS if key not in manifest]
    if missing:
        raise IndexCorruptError(
            f"the index manifest {path} lacks {', '.join(missing)}; {REBUILD_HINT}"
        )
    return manifest


def index_state(manifest: dict[str, Any]) -> str:
    """``"lexical"`` (records and BM25 only, vectors still being computed) or ``"complete"``;
    manifests written before generations had states are complete."""
    return str(manifest.get("state", COMPLETE))


def is_stale(paths: Sequence[Path], *, settings: Settings, embedder_name: str) -> bool:
    """Whether the index is missing, from another embedder, or differs from the files on disk."""
    try:
        manifest = read_manifest(settings.index_dir)
    except AssistantError:
        return True
    if manifest["embedder"] != embedder_name or manifest["chunk_chars"] != settings.chunk_chars:
        return True
    if index_state(manifest) != COMPLETE or manifest.get("sentences_pending"):
        return True
    wanted = [str(p) for p in paths]
    if manifest["paths"] != wanted:
        return True
    try:
        return corpus_files(paths, settings=settings) != manifest["documents"]
    except OSError:
        return True


def fsync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            with path.open("rb") as fh:
                os.fsync(fh.fileno())


def atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:6]}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def manifest_stats(m: dict[str, Any]) -> dict[str, Any]:
    """What a manifest says about its generation, as both stores' ``stats`` report it."""
    return {
        "projects": m["projects"],
        "chunks": m["chunks"],
        "sentences": m["sentences"],
        "embedder": m["embedder"],
        "dim": m["dim"],
        "dense_index": m["dense_index"],
        "built_at": m["built_at"],
        "build_seconds": m["build_seconds"],
        "documents": len(m["documents"]),
    }
