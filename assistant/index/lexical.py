"""The lexical side of an index: Swedish-stemmed BM25 tokens (documents and queries alike)
and the bm25s index over a generation's chunks."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..models import Chunk
from ..text import words


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("swedish")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_SWEDISH

    return frozenset(STOPWORDS_SWEDISH) | frozenset(STOPWORDS_EN)


def bm25_tokens(text: str) -> list[str]:
    """Folded, stop-word-free, Swedish-stemmed tokens: the same for documents and queries."""
    stop = _stopwords()
    kept = [w for w in words(text) if w not in stop]
    return list(_stemmer().stemWords(kept))


def bm25_index(chunks: Sequence[Chunk]) -> Any:
    import bm25s

    retriever = bm25s.BM25()
    corpus = [bm25_tokens(c.embed_text) or ["∅"] for c in chunks]
    if corpus:
        retriever.index(corpus, show_progress=False)
    return retriever
