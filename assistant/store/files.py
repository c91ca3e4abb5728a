"""The file store: the index folder (:mod:`assistant.index`) behind the ``Store`` protocol.

A thin adapter: it holds the loaded :class:`assistant.index.Index` and answers searches with
the same FAISS, BM25 and numpy code the searcher always used, so nothing changes for the
default store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..index import Index, load_index
from ..models import Chunk, Project
from ..records import Records
from ..settings import Settings


class FileStore:
    """One generation of the index folder."""

    kind = "files"

    def __init__(self, index: Index) -> None:
        self.index = index
        self.manifest: dict[str, Any] = index.manifest
        self.projects: dict[str, Project] = index.projects
        self.chunks: list[Chunk] = index.chunks
        self.chunk_project_rows: np.ndarray = index.chunk_project_rows

    @property
    def dense_ready(self) -> bool:
        return self.index.dense_ready

    # what the file index has beyond the protocol (the Index page, uploads, tests)
    @property
    def bm25(self) -> Any:
        return self.index.bm25

    @property
    def vectors(self) -> np.ndarray:
        return self.index.vectors

    @property
    def dense(self) -> Any:
        return self.index.dense

    @property
    def directory(self) -> Path:
        return self.index.directory

    @property
    def generation_dir(self) -> Path:
        return self.index.generation_dir

    @property
    def records_path(self) -> Path:
        return self.index.records_path

    def db(self) -> sqlite3.Connection:
        return self.index.db()

    def query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        return self.index.query(sql, params)

    def size_bytes(self) -> int:
        return self.index.size_bytes()

    # the protocol
    def records(self) -> Records:
        return Records(self.index.db)

    def sentence_vector(self, sentence: str) -> np.ndarray | None:
        return self.index.sentence_vector(sentence)

    def stats(self) -> dict[str, Any]:
        return {"store": self.kind, **self.index.stats()}

    def dense_search(
        self, qvec: np.ndarray, *, depth: int, mask: np.ndarray | None
    ) -> list[tuple[int, float]]:
        n = len(self.chunks)
        if n == 0:
            return []
        q = np.ascontiguousarray(qvec.reshape(1, -1), dtype=np.float32)
        if mask is None:
            scores, rows = self.index.dense.search(q, min(depth, n))
            return [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if r >= 0]
        allowed = np.flatnonzero(mask)
        sims = self.index.vectors[allowed] @ q[0]
        top = top_rows(sims, depth)
        return [(int(allowed[i]), float(sims[i])) for i in top]

    def lexical_search(
        self, tokens: list[str], *, depth: int, mask: np.ndarray | None
    ) -> list[tuple[int, float]]:
        scores = self._bm25_scores(tokens)
        if scores is None:
            return []
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        top = top_rows(scores, depth)
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def candidate_scores(
        self, rows: np.ndarray, qvec: np.ndarray, tokens: list[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        dense_scores = self.index.vectors[rows] @ qvec.astype(np.float32)
        bm25_all = self._bm25_scores(tokens)
        sparse = bm25_all[rows] if bm25_all is not None else np.zeros(len(rows))
        return dense_scores, sparse

    def _bm25_scores(self, tokens: Sequence[str]) -> np.ndarray | None:
        if not tokens or not self.chunks:
            return None
        return np.asarray(self.index.bm25.get_scores(list(tokens)), dtype=np.float32)


def top_rows(scores: np.ndarray, depth: int) -> np.ndarray:
    """Positions of the ``depth`` highest scores, best first (ties in position order)."""
    depth = min(depth, len(scores))
    if depth <= 0:
        return np.empty(0, dtype=np.int64)
    part = np.argpartition(-scores, depth - 1)[:depth]
    return part[np.argsort(-scores[part], kind="stable")]


def open_file_store(settings: Settings, *, embedder_name: str | None = None) -> FileStore:
    return FileStore(load_index(settings, embedder_name=embedder_name))
