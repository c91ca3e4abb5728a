"""Sentence vectors for passage answers: stored at build time, the rare missing one embedded."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from ..embedding import Embedder
from ..store.base import Store

CACHE_LIMIT = 20_000


class SentenceVectors:
    """Vectors of section sentences from the index; sentences cut at a chunk boundary (which
    the index lacks) are embedded on demand and kept in a bounded cache."""

    def __init__(self, index: Store, embedder: Embedder) -> None:
        self.index = index
        self.embedder = embedder
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, sentences: list[str]) -> list[np.ndarray]:
        stored = {s: v for s in sentences if (v := self.index.sentence_vector(s)) is not None}
        with self._lock:
            todo = [s for s in dict.fromkeys(sentences) if s not in stored and s not in self._cache]
        fresh = list(self.embedder.encode_documents(todo, batch_size=32)) if todo else []
        with self._lock:
            for s, v in zip(todo, fresh):
                self._cache[s] = v
            while len(self._cache) > CACHE_LIMIT:
                self._cache.popitem(last=False)
            return [stored[s] if s in stored else self._cache[s] for s in sentences]
