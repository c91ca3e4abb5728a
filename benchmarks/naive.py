"""The naive RAG baseline: fixed 500-character chunks, no headers, dense search only.

Each project's text (its facts lines, lists and text sections, in that order, as the chunker
sees them) is cut every 500 characters with no regard for sentences or sections, and no
``project – section`` header is prepended. A naive chunk is mapped back to the sections it
overlaps, so "right section" is judged as fairly as for our section-aware chunks.

By default the baseline runs on a share of the corpus (``sample_projects``): every project a
question asks about plus a fixed random sample of the others. Dropping projects only removes
competitors, so each question's rank can only improve: the figures are an upper bound of the
baseline on the whole corpus, at a fraction of its embedding time.
"""

from __future__ import annotations

import random
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.chunking import FACTS_KEY, all_sections
from assistant.embedding import Embedder
from assistant.evaluation import Question
from assistant.models import Project

SIZE = 500
SEPARATOR = "\n\n"
# A chunk counts for a section it overlaps by this many characters (or the whole section, if
# shorter), for the section it overlaps most, and for the facts header on any overlap.
MIN_OVERLAP = 100


@dataclass(frozen=True)
class NaiveChunk:
    """A fixed-size window of one project's text and the section keys it counts for."""

    project_id: str
    start: int
    end: int
    text: str
    sections: frozenset[str]


def sample_projects(
    projects: Sequence[Project], *, keep: Collection[str], share: float, seed: int = 0
) -> list[Project]:
    """The projects in ``keep`` plus a fixed random sample of the rest, ``share`` of all in all
    (in corpus order)."""
    wanted = max(len(keep), round(share * len(projects)))
    others = [p.id for p in projects if p.id not in keep]
    picked = set(random.Random(seed).sample(others, max(0, min(len(others), wanted - len(keep)))))
    return [p for p in projects if p.id in keep or p.id in picked]


def layout(project: Project) -> tuple[str, list[tuple[str, int, int]]]:
    """The project's whole text and where each section stands in it."""
    parts, spans, at = [], [], 0
    for section in all_sections(project):
        parts.append(section.text)
        spans.append((section.key, at, at + len(section.text)))
        at += len(section.text) + len(SEPARATOR)
    return SEPARATOR.join(parts), spans


def covered_sections(start: int, end: int, spans: Sequence[tuple[str, int, int]]) -> frozenset[str]:
    """The sections a window ``[start, end)`` counts for (see ``MIN_OVERLAP``)."""
    overlap = {key: max(0, min(end, b) - max(start, a)) for key, a, b in spans}
    keys = set()
    if overlap and max(overlap.values()) > 0:
        keys.add(max(overlap, key=lambda k: overlap[k]))
    for key, a, b in spans:
        needed = 1 if key == FACTS_KEY else min(MIN_OVERLAP, b - a)
        if overlap[key] >= max(1, needed):
            keys.add(key)
    return frozenset(keys)


def naive_chunks(projects: Iterable[Project], *, size: int = SIZE) -> list[NaiveChunk]:
    """Every project's text cut into ``size``-character windows (whitespace-only ones dropped)."""
    out = []
    for project in projects:
        text, spans = layout(project)
        for start in range(0, len(text), size):
            piece = text[start : start + size]
            if piece.strip():
                sections = covered_sections(start, start + len(piece), spans)
                out.append(NaiveChunk(project.id, start, start + len(piece), piece, sections))
    return out


class NaiveBaseline:
    """Dense-only retrieval over naive chunks, embedded with the same model as the index."""

    def __init__(self, chunks: Sequence[NaiveChunk], vectors: np.ndarray, embedder: Embedder):
        self.chunks = list(chunks)
        self.vectors = vectors
        self.embedder = embedder

    @classmethod
    def build(
        cls, projects: Iterable[Project], *, embedder: Embedder, batch_size: int
    ) -> tuple[NaiveBaseline, dict[str, float]]:
        """Chunk and embed (each distinct text once); returns the baseline and its build cost."""
        started = time.perf_counter()
        chunks = naive_chunks(projects)
        texts = list(dict.fromkeys(c.text for c in chunks))
        encoded = embedder.encode_documents(texts, batch_size=batch_size)
        row = {t: n for n, t in enumerate(texts)}
        vectors = np.ascontiguousarray(encoded[[row[c.text] for c in chunks]], dtype=np.float32)
        cost = {
            "chunks": len(chunks),
            "embedded_texts": len(texts),
            "embedded_chars": sum(len(t) for t in texts),
            "seconds": round(time.perf_counter() - started, 2),
        }
        return cls(chunks, vectors, embedder), cost

    def rank(self, q: Question, *, depth: int = 10) -> int | None:
        """1-based rank of the first chunk of the right project that covers the right section."""
        qvec = self.embedder.encode_queries([q.question])[0]
        sims = self.vectors @ qvec
        depth = min(depth, len(sims))
        top = np.argpartition(-sims, depth - 1)[:depth]
        top = top[np.argsort(-sims[top], kind="stable")]
        for n, row in enumerate(top):
            chunk = self.chunks[int(row)]
            right_project = chunk.project_id in q.projects
            if right_project and (q.section is None or q.section in chunk.sections):
                return n + 1
        return None
