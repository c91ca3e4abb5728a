"""The dense side of an index: the FAISS index chosen by size (exact, IVF or HNSW), the vector
files of a complete generation, and reading them back tuned by the settings."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..settings import Settings

VECTOR_FILES = ("vectors.npy", "sentences.npy", "dense.faiss")


@dataclass(frozen=True, kw_only=True)
class Vectors:
    """The vectors of a complete generation: one per chunk, one per sentence."""

    chunks: np.ndarray
    sentences: np.ndarray


def _dense_index(vectors: np.ndarray, settings: Settings) -> Any:
    import faiss

    data = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = data.shape[1]
    index: Any
    if len(data) <= settings.approx_threshold:
        index = faiss.IndexFlatIP(dim)
    elif settings.ann == "hnsw":
        index = faiss.IndexHNSWFlat(dim, settings.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 200
    else:
        index = _ivf_index(data, settings)
    if len(data):
        index.add(data)
    return index


def _ivf_index(data: np.ndarray, settings: Settings) -> Any:
    return ivf_index(data, lists=ivf_lists(len(data)), nprobe=settings.ivf_nprobe)


def ivf_lists(n: int) -> int:
    """About √n inverted lists, a power of two, with at least 40 training points each."""
    return max(1, min(2 ** max(4, round(math.log2(math.sqrt(max(n, 1))))), n // 40))


def ivf_index(data: np.ndarray, *, lists: int, nprobe: int) -> Any:
    """An empty IVF-Flat index trained on a sample of ``data`` (40 points a list, 10 k-means
    rounds): at 1M vectors it builds in seconds where HNSW takes many minutes on 2 cores
    (benchmarks/README.md, *Scale*). ``nprobe`` trades recall for latency; one query's lists
    are scanned by all threads (``parallel_mode`` 1), as the app asks one question at a time."""
    import faiss

    dim = data.shape[1]
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, lists, faiss.METRIC_INNER_PRODUCT)
    index.cp.niter = 10
    rows = np.random.default_rng(0).choice(len(data), min(len(data), 40 * lists), replace=False)
    index.train(np.ascontiguousarray(data[np.sort(rows)]))
    index.nprobe = min(nprobe, lists)
    index.parallel_mode = 1
    return index


def write_vectors(folder: Path, vectors: Vectors, settings: Settings) -> str:
    """The vector files of a complete generation; the FAISS index type's name."""
    import faiss

    np.save(folder / "vectors.npy", vectors.chunks)
    np.save(folder / "sentences.npy", vectors.sentences)
    dense = _dense_index(vectors.chunks, settings)
    faiss.write_index(dense, str(folder / "dense.faiss"))
    return type(dense).__name__


def open_vectors(settings: Settings, gen: Path) -> tuple[np.ndarray, Any, np.ndarray]:
    """The chunk vectors, their FAISS index (tuned by the settings) and the sentence vectors
    of a complete generation."""
    import faiss

    vectors = np.load(gen / "vectors.npy")
    sentence_vectors = np.load(gen / "sentences.npy", mmap_mode="r")
    dense: Any = faiss.read_index(str(gen / "dense.faiss"))
    if hasattr(dense, "hnsw"):
        dense.hnsw.efSearch = settings.hnsw_ef_search
    if hasattr(dense, "nprobe"):
        dense.nprobe = min(settings.ivf_nprobe, int(getattr(dense, "nlist", 1)))
        dense.parallel_mode = 1
    return vectors, dense, sentence_vectors
