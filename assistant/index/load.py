"""Loading a generation: the ``Index`` a file store serves from (chunks, projects, vectors,
FAISS, BM25 and a records connection per thread), with clear errors for a missing, damaged
or foreign index."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import AssistantError, EmbedderMismatchError, IndexCorruptError, IndexMissingError
from ..models import Chunk, Project
from ..settings import Settings
from .manifest import (
    COMPLETE,
    REBUILD_HINT,
    generation_dir,
    index_state,
    manifest_stats,
    read_manifest,
)
from .schema import (
    CHUNK_SQL,
    RECORDS,
    chunk_from_row,
    connect_records,
    embed_hash,
    project_from_json,
    records_path,
)
from .vectors import VECTOR_FILES, open_vectors


@dataclass(kw_only=True)
class Index:
    """A loaded index generation: chunks, vectors, BM25 and the records database."""

    directory: Path
    manifest: dict[str, Any]
    chunks: list[Chunk]
    projects: dict[str, Project]
    vectors: np.ndarray
    dense: Any
    bm25: Any
    chunk_project_rows: np.ndarray
    sentence_vectors: np.ndarray
    sentence_rows: dict[str, int]
    _local: threading.local = field(default_factory=threading.local, repr=False)

    @property
    def generation_dir(self) -> Path:
        return generation_dir(self.directory, self.manifest)

    @property
    def dense_ready(self) -> bool:
        """Whether the chunk and sentence vectors are there (False in a lexical generation:
        search is then by keywords only, and sentence vectors are embedded when asked for)."""
        return index_state(self.manifest) == COMPLETE

    @property
    def records_path(self) -> Path:
        """The records database of this generation."""
        return records_path(self.generation_dir)

    def db(self) -> sqlite3.Connection:
        """A read-only connection to the records, one per thread."""
        con = getattr(self._local, "con", None)
        if con is None:
            path = self.records_path
            if not path.exists():
                raise IndexMissingError(
                    f"the index generation {self.manifest['generation']} was replaced by newer "
                    "builds; open the assistant again to use the current index"
                )
            con = connect_records(path, check_same_thread=False)
            con.row_factory = sqlite3.Row
            self._local.con = con
        return con

    def query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        return self.db().execute(sql, params).fetchall()

    def sentence_vector(self, sentence: str) -> np.ndarray | None:
        """The stored vector of a section sentence (embedded at build time), if it has one."""
        row = self.sentence_rows.get(embed_hash(sentence))
        return None if row is None else np.asarray(self.sentence_vectors[row])

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.generation_dir.rglob("*") if p.is_file())

    def stats(self) -> dict[str, Any]:
        return {
            "state": index_state(self.manifest),
            **manifest_stats(self.manifest),
            "index_bytes": self.size_bytes(),
            "index_dir": str(self.directory),
        }


def load_index(settings: Settings, *, embedder_name: str | None = None) -> Index:
    """Open the current generation; a clear error if missing, damaged or from another model."""
    manifest = read_manifest(settings.index_dir)
    if embedder_name and manifest["embedder"] != embedder_name:
        raise EmbedderMismatchError(
            f"the index in {settings.index_dir}/ was built with {manifest['embedder']}, "
            f"but the configured embedder is {embedder_name}; {REBUILD_HINT} "
            "or set ASSISTANT_EMBEDDER to the model it was built with"
        )
    gen = generation_dir(settings.index_dir, manifest)
    try:
        return _open_generation(settings, manifest, gen)
    except AssistantError:
        raise
    except Exception as exc:
        raise IndexCorruptError(
            f"the index in {gen}/ is damaged ({type(exc).__name__}: {exc}); {REBUILD_HINT}"
        ) from exc


def _open_generation(settings: Settings, manifest: dict[str, Any], gen: Path) -> Index:
    import bm25s

    complete = index_state(manifest) == COMPLETE
    needed = (*VECTOR_FILES, RECORDS, "bm25") if complete else (RECORDS, "bm25")
    for name in needed:
        if not (gen / name).exists():
            raise IndexCorruptError(f"the index file {gen / name} is missing; {REBUILD_HINT}")
    bm25 = bm25s.BM25.load(str(gen / "bm25"))
    con = connect_records(records_path(gen))
    try:
        projects = {
            pid: project_from_json(data)
            for pid, data in con.execute("SELECT id, data FROM projects ORDER BY rowid")
        }
        chunks = [chunk_from_row(row, projects) for row in con.execute(CHUNK_SQL)]
        sentence_rows = {h: row for row, h in con.execute("SELECT row, hash FROM sentences")}
    finally:
        con.close()
    if complete:
        vectors, dense, sentence_vectors = open_vectors(settings, gen)
        _check_consistent(manifest, vectors, dense, chunks)
        _check_sentences(manifest, sentence_vectors, sentence_rows)
    else:
        vectors = sentence_vectors = np.zeros((0, int(manifest["dim"])), dtype=np.float32)
        dense, sentence_rows = None, {}
    order = {pid: n for n, pid in enumerate(projects)}
    return Index(
        directory=settings.index_dir,
        manifest=manifest,
        chunks=chunks,
        projects=projects,
        vectors=vectors,
        dense=dense,
        bm25=bm25,
        chunk_project_rows=np.array([order[c.project_id] for c in chunks], dtype=np.int32),
        sentence_vectors=sentence_vectors,
        sentence_rows=sentence_rows,
    )


def _check_consistent(
    manifest: dict[str, Any], vectors: np.ndarray, dense: Any, chunks: list[Chunk]
) -> None:
    counts = {len(chunks), int(vectors.shape[0]), int(dense.ntotal), int(manifest["chunks"])}
    if len(counts) != 1 or vectors.shape[1] != manifest["dim"]:
        raise IndexCorruptError(
            f"the index files disagree (chunks, vectors, FAISS, manifest: {sorted(counts)}); "
            + REBUILD_HINT
        )


def _check_sentences(manifest: dict[str, Any], vectors: np.ndarray, rows: dict[str, int]) -> None:
    counts = {len(rows), int(vectors.shape[0]), int(manifest.get("sentences", -1))}
    if len(counts) != 1 or vectors.shape[1] != manifest["dim"]:
        raise IndexCorruptError(
            f"the sentence vectors disagree with the records (counts {sorted(counts)}); "
            + REBUILD_HINT
        )
