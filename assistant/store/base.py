"""What search, answers, the CLI and the app need from an index: the ``Store`` protocol.

Two stores satisfy it: :class:`assistant.store.files.FileStore` (the index folder: FAISS, BM25,
SQLite; the default) and :class:`assistant.store.postgres.PostgresStore` (PostgreSQL with
pgvector). A store is one loaded generation: it keeps answering from that generation while a
build publishes the next one; open the store again to see the new one.

Rows are chunk positions in ``chunks`` (0 … n-1); a ``mask`` is a boolean array over them (the
chunks a search's filters allow) or None for all. Every score list is ``(row, score)`` pairs,
best first.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

import numpy as np

from ..models import Chunk, Project
from ..records import Records


@runtime_checkable
class Store(Protocol):
    """One loaded index generation, whichever engine holds it."""

    kind: str  # "files" or "postgres"
    manifest: dict[str, Any]  # generation, embedder, dim, counts, documents, built_at …
    projects: dict[str, Project]  # in build order
    chunks: list[Chunk]  # row order
    chunk_project_rows: np.ndarray  # chunk row → position of its project in ``projects``

    @property
    def dense_ready(self) -> bool:
        """Whether the vectors are there (False while a first build has published only the
        records and the keyword index: search is then by keywords only)."""
        ...

    @property
    def bm25(self) -> Any:
        """Term statistics of the chunks for the answer engine (``vocab_dict``, ``scores``
        with ``indptr`` and ``num_docs``: a ``bm25s.BM25``)."""
        ...

    def records(self) -> Records:
        """The records queries (questions across projects) over this generation."""
        ...

    def sentence_vector(self, sentence: str) -> np.ndarray | None:
        """The vector stored for a section sentence at build time (by text hash), if any."""
        ...

    def dense_search(
        self, qvec: np.ndarray, *, depth: int, mask: np.ndarray | None
    ) -> list[tuple[int, float]]:
        """The ``depth`` chunks nearest to ``qvec`` (inner product = cosine) among ``mask``."""
        ...

    def lexical_search(
        self, tokens: list[str], *, depth: int, mask: np.ndarray | None
    ) -> list[tuple[int, float]]:
        """The ``depth`` best lexical matches for the stemmed query ``tokens`` among ``mask``
        (score > 0 only)."""
        ...

    def candidate_scores(
        self, rows: np.ndarray, qvec: np.ndarray, tokens: list[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        """The exact dense and lexical scores of the given rows (for fusion)."""
        ...

    def stats(self) -> dict[str, Any]:
        """What ``assistant stats`` and the Index page show (never a password)."""
        ...
