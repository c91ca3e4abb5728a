"""Building a generation of the index folder: read, chunk, reuse or embed vectors, write FAISS,
BM25 and the records into a temporary folder, and publish it by replacing the manifest.

A build writes a new generation folder, then atomically replaces ``manifest.json`` to point at
it, so a failed or killed build leaves the previous index untouched and loadable. Builds hold a
file lock; unchanged chunks reuse their vectors from the previous generation. A first build
publishes a *lexical* generation (records and BM25) before it embeds anything.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from .. import sources, vectorplan
from ..chunking import chunk_projects, dense_text, passage_sentences
from ..embedding import Embedder
from ..errors import AssistantError, SourceError
from ..models import Chunk, Project, ReadResult
from ..settings import Settings
from .faults import FAULTS
from .lexical import bm25_index
from .locking import build_lock
from .manifest import (
    COMPLETE,
    FORMAT_VERSION,
    LEXICAL,
    MANIFEST,
    atomic_write,
    corpus_files,
    fsync_tree,
    generation_dir,
    index_state,
    read_manifest,
)
from .progress import BUILD_STATUS, Progress, StatusFile
from .report import BuildReport, document_changes
from .schema import connect_records, embed_hash, records_path, write_records
from .vectors import Vectors, write_vectors


def _previous_vectors(settings: Settings, embedder: Embedder) -> dict[str, np.ndarray]:
    """Chunk and sentence vectors of the current generation by text hash, when built with the
    same embedder (chunk vectors only when they were made the same way, vectorplan.method)."""
    try:
        manifest = read_manifest(settings.index_dir)
        if manifest["embedder"] != embedder.name or manifest["dim"] != embedder.dim:
            return {}
        gen = generation_dir(settings.index_dir, manifest)
        vectors = np.load(gen / "vectors.npy")
        sentence_vectors = np.load(gen / "sentences.npy")
        con = connect_records(records_path(gen))
        try:
            rows = con.execute("SELECT row, embed_hash FROM chunks").fetchall()
            sentence_rows = con.execute("SELECT row, hash FROM sentences").fetchall()
        finally:
            con.close()
        found = {h: sentence_vectors[row] for row, h in sentence_rows}
        if manifest.get("chunk_vectors", "embedded") == vectorplan.method(settings):
            found.update({h: vectors[row] for row, h in rows})
        return found
    except (AssistantError, OSError, ValueError, sqlite3.Error, KeyError, IndexError):
        return {}


def build_index(
    paths: Sequence[Path],
    *,
    settings: Settings,
    embedder: Embedder,
    progress: Progress | None = None,
) -> BuildReport:
    """Read, chunk, embed and write a new index generation for exactly the given paths.

    When no complete index from this embedder is there to serve meanwhile (a first build, a
    new embedder) and ``settings.lexical_first`` is on, a lexical generation (records and
    BM25) is published first, within seconds, so that field, list, cross-project and keyword
    questions work while the vectors are computed (stage ``"lexical"``); the complete
    generation replaces it. Progress also goes to ``build.json`` (:func:`read_build_status`).
    """
    started = time.perf_counter()
    with (
        build_lock(settings.index_dir, timeout=settings.lock_timeout),
        StatusFile(settings.index_dir, progress) as report,
    ):
        return _build(paths, settings=settings, embedder=embedder, report=report, t0=started)


def _build(
    paths: Sequence[Path],
    *,
    settings: Settings,
    embedder: Embedder,
    report: Progress,
    t0: float,
) -> BuildReport:
    """The build under the lock: read, publish the lexical generation when nothing complete
    serves, embed, publish the complete generation, drop old ones."""
    report("reading", 0, 1)
    result = sources.read_paths(list(paths), settings=settings)
    content = _content(result, paths, settings)
    previous = _previous_documents(settings.index_dir)
    replaced = _current_generation(settings)
    cache = _previous_vectors(settings, embedder)
    lexical, lexical_seconds = None, None
    if settings.lexical_first and not _serving_complete(settings, embedder):
        lexical = _write_generation(
            settings=settings, embedder=embedder, content=content, vectors=None, t0=t0
        )
        lexical_seconds = round(time.perf_counter() - t0, 2)
        report("lexical", 1, 1)
    searchable, searchable_seconds, early = _searchable_first(
        content, cache=cache, settings=settings, embedder=embedder, report=report, t0=t0
    )
    stage = "embedding" if searchable is None else "sentences"
    vectors, fresh = _embed(
        content, cache=cache, settings=settings, embedder=embedder, report=report, stage=stage
    )
    report("writing", 0, 1)
    generation = _write_generation(
        settings=settings, embedder=embedder, content=content, vectors=vectors, t0=t0
    )
    served = ([lexical] if lexical else replaced) + ([searchable] if searchable else [])
    _remove_old_generations(settings.index_dir, keep={generation, *served})
    return replace(
        _report(result, content, previous, _Fresh.sum(early, fresh)),
        seconds=time.perf_counter() - t0,
        generation=generation,
        lexical_seconds=lexical_seconds,
        searchable_seconds=searchable_seconds,
        searchable_generation=searchable or "",
    )


def _searchable_first(
    content: _Content,
    *,
    cache: dict[str, np.ndarray],
    settings: Settings,
    embedder: Embedder,
    report: Progress,
    t0: float,
) -> tuple[str | None, float | None, _Fresh | None]:
    """With ``settings.sentences_after`` and sentences to embed: the chunk vectors first,
    published as a complete generation whose sentences lack the new ones (passage answers
    embed those on demand, the same vectors), so search and every answer are complete while
    the sentences, a third of the embedding work, are computed (stage ``"sentences"``)."""
    kept = [s for s in content.sentences if embed_hash(s) in cache]
    pending = len(content.sentences) - len(kept)
    if not (settings.sentences_after and pending):
        return None, None, None
    early = replace(content, sentences=kept)
    vectors, fresh = _embed(early, cache=cache, settings=settings, embedder=embedder, report=report)
    report("writing", 0, 1)
    name = _write_generation(
        settings=settings,
        embedder=embedder,
        content=early,
        vectors=vectors,
        t0=t0,
        pending=pending,
    )
    report("searchable", 1, 1)
    return name, round(time.perf_counter() - t0, 2), fresh


def _content(result: ReadResult, paths: Sequence[Path], settings: Settings) -> _Content:
    """The projects read, chunked and split into sentences (an error when there are none)."""
    projects = list(result.projects)
    if not projects:
        detail = "; ".join(p.message for p in result.problems[:3])
        raise SourceError(
            "no projects were found in " + ", ".join(str(p) for p in paths) + f". {detail}"
        )
    return _Content(
        projects=projects,
        chunks=chunk_projects(projects, max_chars=settings.chunk_chars),
        sentences=passage_sentences(projects),
        paths=tuple(paths),
        documents=corpus_files(paths, settings=settings),
    )


def _report(
    result: ReadResult, content: _Content, previous: dict[str, str], fresh: _Fresh
) -> BuildReport:
    """What a build did: counts, the files added, changed and removed, and reading problems."""
    documents = content.documents
    return BuildReport(
        projects=len(content.projects),
        chunks=len(content.chunks),
        embedded=fresh.chunks,
        reused=len(content.chunks) - fresh.chunks,
        sentences=len(content.sentences),
        sentences_embedded=fresh.sentences,
        texts_embedded=fresh.texts,
        chars_embedded=fresh.chars,
        **document_changes(documents, previous, result),
    )


@dataclass(frozen=True, kw_only=True)
class _Content:
    """What a build read: the projects, their chunks and sentences, and the files they came
    from."""

    projects: list[Project]
    chunks: list[Chunk]
    sentences: list[str]
    paths: tuple[Path, ...]
    documents: dict[str, str]


def _serving_complete(settings: Settings, embedder: Embedder) -> bool:
    """Whether the current generation is complete and from this embedder, so it can keep
    serving while a new one is built (no lexical generation is needed then)."""
    try:
        manifest = read_manifest(settings.index_dir)
    except AssistantError:
        return False
    return index_state(manifest) == COMPLETE and manifest["embedder"] == embedder.name


def _previous_documents(index_dir: Path) -> dict[str, str]:
    try:
        return dict(read_manifest(index_dir)["documents"])
    except (AssistantError, KeyError):
        return {}


@dataclass(frozen=True)
class _Fresh:
    """How many chunk and sentence vectors a build made (the rest were reused), and how many
    texts (and characters) it embedded for them."""

    chunks: int
    sentences: int
    texts: int
    chars: int

    @staticmethod
    def sum(first: _Fresh | None, then: _Fresh) -> _Fresh:
        """A build's work over its two embedding steps (chunks first, then sentences)."""
        if first is None:
            return then
        return _Fresh(
            chunks=first.chunks + then.chunks,
            sentences=then.sentences,
            texts=first.texts + then.texts,
            chars=first.chars + then.chars,
        )


def _embed(
    content: _Content,
    *,
    cache: dict[str, np.ndarray],
    settings: Settings,
    embedder: Embedder,
    report: Progress,
    stage: str = "embedding",
) -> tuple[Vectors, _Fresh]:
    """Vectors for all chunks and sentences. Texts ``cache`` (the previous generation's
    vectors by text hash) holds are reused; the rest are embedded, except that a new chunk of
    a text section gets a vector derived from its sentences' (:mod:`assistant.vectorplan`)."""
    chunks = content.chunks
    plans = vectorplan.derivations(chunks, content.projects, settings)
    chunk_hashes = [embed_hash(dense_text(c)) for c in chunks]
    sentence_hashes = [embed_hash(s) for s in content.sentences]
    new_chunks = [n for n, h in enumerate(chunk_hashes) if h not in cache]
    new_sentences = sum(1 for h in sentence_hashes if h not in cache)
    needed = [t for n in new_chunks for t in vectorplan.texts_for(plans[n], chunks[n])]
    needed += content.sentences
    todo = sorted({h: t for t in needed if (h := embed_hash(t)) not in cache}.items())
    if todo:
        fresh = embedder.encode_documents(
            [text for _, text in todo],
            batch_size=settings.batch_size,
            progress=lambda done, total: report(stage, done, total),
        )
        cache.update({h: fresh[n] for n, (h, _) in enumerate(todo)})
    for n in new_chunks:
        plan = plans[n]
        if plan is not None:
            cache[chunk_hashes[n]] = vectorplan.compose(
                plan, lambda text: cache[embed_hash(text)], heading_weight=settings.heading_weight
            )
    return (
        Vectors(
            chunks=_stacked(cache, chunk_hashes, embedder.dim),
            sentences=_stacked(cache, sentence_hashes, embedder.dim),
        ),
        _Fresh(
            chunks=len(new_chunks),
            sentences=new_sentences,
            texts=len(todo),
            chars=sum(len(text) for _, text in todo),
        ),
    )


def _stacked(cache: dict[str, np.ndarray], hashes: Sequence[str], dim: int) -> np.ndarray:
    vectors = np.zeros((len(hashes), dim), dtype=np.float32)
    for n, h in enumerate(hashes):
        vectors[n] = cache[h]
    return vectors


def _write_generation(
    *,
    settings: Settings,
    embedder: Embedder,
    content: _Content,
    vectors: Vectors | None,
    t0: float,
    pending: int = 0,
) -> str:
    """Write and publish one generation: complete with ``vectors``, lexical without;
    ``pending`` sentences of the corpus are not in it yet (:func:`_searchable_first`)."""
    index_dir = settings.index_dir
    name = f"gen-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    tmp = index_dir / f".{name}.tmp"
    tmp.mkdir(parents=True)
    try:
        dense_type = write_vectors(tmp, vectors, settings) if vectors is not None else None
        bm25_index(content.chunks).save(str(tmp / "bm25"))
        FAULTS.reached("writing")
        write_records(records_path(tmp), content.projects, content.chunks, content.sentences)
        fsync_tree(tmp)
        os.rename(tmp, index_dir / name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    manifest = {
        "format": FORMAT_VERSION,
        "generation": name,
        "state": COMPLETE if vectors is not None else LEXICAL,
        "embedder": embedder.name,
        "dim": embedder.dim,
        "dense_index": dense_type,
        "chunk_chars": settings.chunk_chars,
        "chunk_vectors": vectorplan.method(settings),
        "paths": [str(p) for p in content.paths],
        "documents": content.documents,
        "projects": len(content.projects),
        "chunks": len(content.chunks),
        "sentences": len(content.sentences),
        "sentences_pending": pending,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": round(time.perf_counter() - t0, 2),
    }
    FAULTS.reached("publishing")
    atomic_write(index_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    return name


def _current_generation(settings: Settings) -> list[str]:
    try:
        return [str(read_manifest(settings.index_dir)["generation"])]
    except AssistantError:
        return []


def _remove_old_generations(index_dir: Path, *, keep: set[str]) -> None:
    """Drop leftovers of killed builds and all generations but the kept ones.

    The generation a build replaces is kept too, so an assistant still serving from it (the
    app, another process) keeps working until it reloads; the one before that goes.
    """
    for path in index_dir.iterdir():
        stale_gen = path.name.startswith("gen-") and path.name not in keep
        killed_build = path.name.startswith((".gen-", f".{BUILD_STATUS}")) or (
            path.name.startswith(f".{MANIFEST}") and path.name.endswith(".tmp")
        )
        if stale_gen or killed_build:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
