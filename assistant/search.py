"""Hybrid retrieval: dense vectors and BM25 fused, with project-level filters."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeVar

import numpy as np

from .embedding import Embedder
from .index import Index, bm25_tokens
from .models import Hit, Project
from .routing import match_section
from .settings import Settings
from .store.base import Store
from .text import fold, sentence_spans

Mode = Literal["hybrid", "dense", "bm25"]
QUERY_CACHE = 256
SENTENCE_CACHE = 4096
"""Questions' vectors and chunks' sentence terms kept between searches."""
K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, kw_only=True)
class Filters:
    """Project-level restrictions; text filters match case- and accent-insensitively."""

    region: str | None = None
    owner: str | None = None
    program: str | None = None
    municipality: str | None = None
    period_from: date | None = None
    period_to: date | None = None
    project_ids: frozenset[str] | None = None

    def active(self) -> bool:
        return any(v is not None and v != "" for v in vars(self).values())

    def accepts(self, project: Project) -> bool:
        return (
            (self.project_ids is None or project.id in self.project_ids)
            and _contains(project, "region", self.region)
            and _contains(project, "owner", self.owner)
            and _contains(project, "program", self.program)
            and _in_list(project, "municipalities", self.municipality)
            and _overlaps(project, self.period_from, self.period_to)
        )


def _contains(project: Project, key: str, wanted: str | None) -> bool:
    if not wanted:
        return True
    value = project.value(key)
    return value is not None and fold(wanted) in fold(str(value))


def _in_list(project: Project, key: str, wanted: str | None) -> bool:
    if not wanted:
        return True
    items = project.list(key)
    if items is None:
        return False
    target = fold(wanted).removesuffix(" kommun")
    return any(fold(v) == target or fold(v).rstrip("s") == target.rstrip("s") for v in items.values)


def _overlaps(project: Project, start: date | None, end: date | None) -> bool:
    if start is None and end is None:
        return True
    p_start, p_end = project.value("start"), project.value("end")
    if not isinstance(p_start, date) or not isinstance(p_end, date):
        return False
    return (end is None or p_start <= end) and (start is None or p_end >= start)


class Searcher:
    """Answers search queries over one loaded index (any store) with one embedder."""

    def __init__(self, index: Index | Store, embedder: Embedder, *, settings: Settings) -> None:
        from .store.files import FileStore

        self.index: Store = FileStore(index) if isinstance(index, Index) else index
        self.embedder = embedder
        self.settings = settings
        self._project_list = list(index.projects.values())
        self._bigram_cache: dict[int, set[tuple[str, str]]] = {}
        self._query_vectors: dict[str, np.ndarray] = {}
        self._sentence_terms: dict[int, list[tuple[tuple[int, int], frozenset[str]]]] = {}

    def search(
        self,
        query: str,
        *,
        k: int | None = None,
        offset: int = 0,
        filters: Filters | None = None,
        mode: Mode = "hybrid",
        query_vector: np.ndarray | None = None,
        section: str | Literal["from-query"] | None = "from-query",
    ) -> list[Hit]:
        """The best ``k`` chunks for ``query`` after ``offset``, each with its best sentence.

        ``section`` is the section the question asks for, whose chunks get a bonus: the answer
        engine passes the one it read (None for none); by default it is read from the query.
        Over a lexical index (vectors still being built) every mode searches BM25 only.
        """
        k = k or self.settings.top_k
        if not self.index.dense_ready:
            mode = "bm25"
        mask = self.chunk_mask(filters)
        if mask is not None and not mask.any():
            return []
        depth = max(self.settings.candidates, offset + k)
        dense: list[tuple[int, float]] = []
        sparse: list[tuple[int, float]] = []
        tokens = bm25_tokens(query)
        qvec = None
        if mode in ("hybrid", "dense"):
            qvec = query_vector if query_vector is not None else self.encode_query(query)
            dense = self.dense_ranking(qvec, mask=mask, depth=depth)
        if mode in ("hybrid", "bm25"):
            sparse = self.bm25_ranking(tokens, mask=mask, depth=depth)
        if mode == "hybrid" and qvec is not None and self.settings.fusion == "blend":
            asked = match_section(query) if section == "from-query" else section
            fused = self._blend_union(qvec, tokens, dense, sparse, section=asked)
            fused = fused[offset : offset + k]
        else:
            fused = self._fuse(dense, sparse)[offset : offset + k]
        d_rank = {row: n for n, (row, _) in enumerate(dense)}
        s_rank = {row: n for n, (row, _) in enumerate(sparse)}
        return [
            self._hit(row, score, offset + n, tokens, d_rank.get(row), s_rank.get(row))
            for n, (row, score) in enumerate(fused)
        ]

    def encode_query(self, query: str) -> np.ndarray:
        """The question's vector; one answer embeds the same text for several searches, so the
        last few hundred are kept (read-only)."""
        found = self._query_vectors.get(query)
        if found is None:
            found = self.embedder.encode_queries([query])[0]
            found.setflags(write=False)
            _remember(self._query_vectors, query, found, limit=QUERY_CACHE)
        return found

    def forget_queries(self) -> None:
        """Drop the kept question vectors, so the next search of a question embeds it anew."""
        self._query_vectors.clear()

    def chunk_mask(self, filters: Filters | None) -> np.ndarray | None:
        """Which chunks the filters allow (None when no filter is set)."""
        if filters is None or not filters.active():
            return None
        allowed = np.array([filters.accepts(p) for p in self._project_list], dtype=bool)
        mask: np.ndarray = allowed[self.index.chunk_project_rows]
        return mask

    def dense_ranking(
        self, qvec: np.ndarray, *, mask: np.ndarray | None, depth: int
    ) -> list[tuple[int, float]]:
        return self.index.dense_search(qvec, depth=depth, mask=mask)

    def bm25_ranking(
        self, tokens: Sequence[str], *, mask: np.ndarray | None, depth: int
    ) -> list[tuple[int, float]]:
        return self.index.lexical_search(list(tokens), depth=depth, mask=mask)

    def _blend_union(
        self,
        qvec: np.ndarray,
        tokens: Sequence[str],
        dense: list[tuple[int, float]],
        sparse: list[tuple[int, float]],
        *,
        section: str | None = None,
    ) -> list[tuple[int, float]]:
        """Both scores for every candidate of either list, blended, plus two bonuses.

        A chunk that only one ranking found still gets its exact score from the other.
        Consecutive query terms found next to each other (``kooperativ regi``) add up to
        ``phrase_weight``, what BM25's bag of words misses. A question that names a section
        (``syftet``, ``målen``, ``bakgrund``) adds ``section_weight`` to chunks of that section:
        the ESF pages answer it there, though a summary may use the same words.
        """
        rows = np.array(sorted({r for r, _ in dense} | {r for r, _ in sparse}), dtype=np.int64)
        if not len(rows):
            return []
        dense_scores, sparse_scores = self.index.candidate_scores(rows, qvec, list(tokens))
        alpha = self.settings.blend_alpha
        blended = alpha * _minmax(dense_scores) + (1 - alpha) * _minmax(sparse_scores)
        bigrams = set(itertools.pairwise(tokens))
        if bigrams and self.settings.phrase_weight:
            blended += self.settings.phrase_weight * np.array(
                [len(bigrams & self._bigrams(int(r))) / len(bigrams) for r in rows]
            )
        if section and self.settings.section_weight:
            in_section = [self.index.chunks[int(r)].section_key == section for r in rows]
            blended += self.settings.section_weight * np.array(in_section, dtype=np.float64)
        order = np.argsort(-blended, kind="stable")
        return [(int(rows[i]), float(blended[i])) for i in order]

    def _bigrams(self, row: int) -> set[tuple[str, str]]:
        found = self._bigram_cache.get(row)
        if found is None:
            stems = bm25_tokens(self.index.chunks[row].embed_text)
            found = set(itertools.pairwise(stems))
            self._bigram_cache[row] = found
        return found

    def _fuse(
        self, dense: list[tuple[int, float]], sparse: list[tuple[int, float]]
    ) -> list[tuple[int, float]]:
        if not sparse:
            return dense
        if not dense:
            return sparse
        return _rrf(
            [dense, sparse], k=self.settings.rrf_k, weights=(1.0, self.settings.bm25_weight)
        )

    def _hit(
        self,
        row: int,
        score: float,
        rank: int,
        tokens: Sequence[str],
        dense_rank: int | None,
        bm25_rank: int | None,
    ) -> Hit:
        chunk = self.index.chunks[row]
        terms = self._sentence_terms.get(row)
        if terms is None:
            terms = sentence_terms(chunk.text)
            _remember(self._sentence_terms, row, terms, limit=SENTENCE_CACHE)
        start, end = best_sentence(terms, tokens, len(chunk.text))
        return Hit(
            chunk=chunk,
            score=score,
            rank=rank,
            sentence=chunk.text[start:end],
            sentence_start=start,
            sentence_end=end,
            dense_rank=dense_rank,
            bm25_rank=bm25_rank,
        )


def _minmax(values: np.ndarray) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    if high <= low:
        return np.ones_like(values, dtype=np.float64)
    return (values - low) / (high - low)


def _rrf(
    rankings: Sequence[list[tuple[int, float]]],
    *,
    k: int,
    weights: Sequence[float] | None = None,
) -> list[tuple[int, float]]:
    """(Weighted) reciprocal rank fusion: robust to the two scores' different scales."""
    fused: dict[int, float] = {}
    for n, ranking in enumerate(rankings):
        weight = weights[n] if weights else 1.0
        for rank, (row, _) in enumerate(ranking):
            fused[row] = fused.get(row, 0.0) + weight / (k + rank + 1)
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


def _remember(cache: dict[K, V], key: K, value: V, *, limit: int) -> None:
    """Keep ``value``, forgetting the oldest entry once ``limit`` are kept."""
    if len(cache) >= limit:
        del cache[next(iter(cache))]
    cache[key] = value


def sentence_terms(text: str) -> list[tuple[tuple[int, int], frozenset[str]]]:
    """The sentences of a chunk's text with their BM25 terms."""
    return [((a, b), frozenset(bm25_tokens(text[a:b]))) for a, b in sentence_spans(text)]


def best_sentence(
    terms: Sequence[tuple[tuple[int, int], frozenset[str]]], tokens: Sequence[str], length: int
) -> tuple[int, int]:
    """The span (within a chunk's text of ``length``) of the sentence sharing the most query
    terms."""
    if not terms:
        return 0, length
    wanted = set(tokens)
    best, best_score = terms[0][0], 0.0
    for span, have in terms:
        overlap = len(wanted & have)
        score = overlap / math.sqrt(len(have) + 1) if overlap else 0.0
        if score > best_score:
            best, best_score = span, score
    return best


def open_searcher(settings: Settings, *, embedder: Embedder | None = None) -> Searcher:
    """Open the configured store (the index folder, or PostgreSQL when
    ``ASSISTANT_DATABASE_URL`` is set), failing fast on a mismatch, then the embedder it was
    built with."""
    from .embedding import embedder_name, load_embedder
    from .store import open_store

    store = open_store(
        settings, embedder_name=embedder.name if embedder else embedder_name(settings)
    )
    return Searcher(store, embedder or load_embedder(settings), settings=settings)
