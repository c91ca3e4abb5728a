"""The index on disk: FAISS vectors, BM25 and SQLite records of one generation, named by a manifest.

A build writes a new generation folder, then atomically replaces ``manifest.json`` to point at
it, so a failed or killed build leaves the previous index untouched and loadable. Builds hold a
file lock; unchanged chunks reuse their vectors from the previous generation.

A generation is *lexical* (records and BM25, no vectors: published within seconds by a build
that has no complete index to serve meanwhile) or *complete*. A running build reports its
progress in ``build.json`` beside the manifest, for other processes to show.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock, Timeout

from . import sources, vectorplan
from .chunking import chunk_projects, passage_sentences
from .embedding import Embedder
from .errors import (
    AssistantError,
    EmbedderMismatchError,
    IndexBusyError,
    IndexCorruptError,
    IndexMissingError,
    SourceError,
)
from .models import (
    Chunk,
    FieldValue,
    ListField,
    ListItem,
    Problem,
    Project,
    ReadResult,
    Section,
    Span,
)
from .settings import Settings
from .text import fold, words

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
RECORDS = "records.sqlite"
LOCK = ".build.lock"
BUILD_STATUS = "build.json"
LEXICAL = "lexical"
COMPLETE = "complete"
REBUILD_HINT = "run `assistant index` (or `make run`) to rebuild it"
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, kw_only=True)
class BuildReport:
    """What a build did, for the CLI and the app to report."""

    projects: int
    chunks: int
    embedded: int
    reused: int
    sentences: int = 0
    sentences_embedded: int = 0
    texts_embedded: int = 0
    chars_embedded: int = 0
    documents_added: tuple[str, ...] = ()
    documents_changed: tuple[str, ...] = ()
    documents_removed: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    seconds: float = 0.0
    generation: str = ""
    # seconds from the start until the lexical generation was published (None: none was)
    lexical_seconds: float | None = None


# ---------------------------------------------------------------- BM25 tokens


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


# ---------------------------------------------------------------- serialisation


def _span_json(span: Span | None) -> list[Any] | None:
    return [span.source, span.start, span.end] if span else None


def _span_from(raw: list[Any] | None) -> Span | None:
    return Span(source=raw[0], start=raw[1], end=raw[2]) if raw else None


def project_to_json(project: Project) -> str:
    """A lossless JSON form of a project (dates tagged) for the records database."""

    def value(v: object) -> object:
        return {"date": v.isoformat()} if isinstance(v, date) else v

    data = {
        "id": project.id,
        "name": project.name,
        "kind": project.kind,
        "source": project.source,
        "url": project.url,
        "problems": list(project.problems),
        "name_span": _span_json(project.name_span),
        "fields": [
            [f.key, f.label, value(f.value), f.text, _span_json(f.span)] for f in project.fields
        ],
        "lists": [
            [lst.key, lst.label, [[i.text, _span_json(i.span)] for i in lst.items]]
            for lst in project.lists
        ],
        "sections": [
            [s.key, s.title, s.text, _span_json(s.span), [list(a) for a in s.anchors]]
            for s in project.sections
        ],
    }
    return json.dumps(data, ensure_ascii=False)


def project_from_json(raw: str) -> Project:
    data = json.loads(raw)

    def value(v: Any) -> str | int | date:
        return date.fromisoformat(v["date"]) if isinstance(v, dict) else v

    def span(raw_span: Any) -> Span:
        found = _span_from(raw_span)
        assert found is not None
        return found

    return Project(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        source=data["source"],
        url=data["url"],
        problems=tuple(data["problems"]),
        name_span=_span_from(data["name_span"]),
        fields=tuple(
            FieldValue(key=k, label=lbl, value=value(v), text=t, span=span(sp))
            for k, lbl, v, t, sp in data["fields"]
        ),
        lists=tuple(
            ListField(
                key=k,
                label=lbl,
                items=tuple(ListItem(text=t, span=span(sp)) for t, sp in items),
            )
            for k, lbl, items in data["lists"]
        ),
        sections=tuple(
            Section(
                key=k,
                title=title,
                text=text,
                span=span(sp),
                anchors=tuple((a, b) for a, b in anchors),
            )
            for k, title, text, sp, anchors in data["sections"]
        ),
    )


# ---------------------------------------------------------------- SQLite records


def generation_dir(index_dir: Path, manifest: dict[str, Any]) -> Path:
    """The folder of the index generation a manifest names."""
    return index_dir / str(manifest["generation"])


def records_path(generation: Path) -> Path:
    """The records database (SQLite) of a generation folder: the one place that names it."""
    return generation / RECORDS


def connect_records(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A read-only connection to a records database (raises sqlite3.Error if unreadable)."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=check_same_thread)


SCHEMA = """
CREATE TABLE projects (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_folded TEXT NOT NULL, kind TEXT NOT NULL,
    source TEXT NOT NULL, url TEXT, owner TEXT, region TEXT, program TEXT, contact TEXT,
    grant_sek INTEGER, budget_sek INTEGER, start TEXT, "end" TEXT, data TEXT NOT NULL
);
CREATE TABLE fields (
    project_id TEXT NOT NULL, key TEXT NOT NULL, label TEXT NOT NULL, value TEXT,
    text TEXT NOT NULL, start INTEGER, "end" INTEGER
);
CREATE TABLE list_items (
    project_id TEXT NOT NULL, list_key TEXT NOT NULL, label TEXT NOT NULL, position INTEGER,
    item TEXT NOT NULL, item_folded TEXT NOT NULL, start INTEGER, "end" INTEGER
);
CREATE TABLE sections (
    project_id TEXT NOT NULL, key TEXT NOT NULL, title TEXT NOT NULL, position INTEGER,
    text TEXT NOT NULL, start INTEGER, "end" INTEGER
);
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, project_id TEXT NOT NULL,
    section_key TEXT NOT NULL, section TEXT NOT NULL, ordinal INTEGER NOT NULL,
    text TEXT NOT NULL, embed_text TEXT NOT NULL, embed_hash TEXT NOT NULL, source TEXT NOT NULL,
    start INTEGER, "end" INTEGER, section_start INTEGER, section_end INTEGER
);
CREATE TABLE sentences (row INTEGER PRIMARY KEY, hash TEXT UNIQUE NOT NULL);
CREATE INDEX fields_key ON fields(key, value);
CREATE INDEX list_items_key ON list_items(list_key, item_folded);
CREATE INDEX chunks_project ON chunks(project_id);
"""


def _sql_value(v: str | int | date | None) -> str | int | None:
    return v.isoformat() if isinstance(v, date) else v


PROJECT_COLUMNS = (
    "owner",
    "region",
    "program",
    "contact",
    "grant_sek",
    "budget_sek",
    "start",
    "end",
)


def project_columns(p: Project) -> tuple[str | int | None, ...]:
    """A project's columns in the records tables of both stores: id, name, folded name, kind,
    source, url, then the values of ``PROJECT_COLUMNS`` (dates as ISO text)."""
    values = (_sql_value(p.value(key)) for key in PROJECT_COLUMNS)
    return (p.id, p.name, fold(p.name), p.kind, p.source, p.url, *values)


def _write_records(
    db: Path, projects: Sequence[Project], chunks: Sequence[Chunk], sentences: Sequence[str]
) -> None:
    con = sqlite3.connect(db)
    try:
        con.executescript(SCHEMA)
        for p in projects:
            _insert_project(con, p)
        con.executemany(
            "INSERT INTO sentences VALUES (?,?)",
            [(row, embed_hash(text)) for row, text in enumerate(sentences)],
        )
        con.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    row,
                    c.id,
                    c.project_id,
                    c.section_key,
                    c.section,
                    c.ordinal,
                    c.text,
                    c.embed_text,
                    embed_hash(c.embed_text),
                    c.source,
                    c.start,
                    c.end,
                    c.section_start,
                    c.section_end,
                )
                for row, c in enumerate(chunks)
            ],
        )
        con.commit()
    finally:
        con.close()


def _insert_project(con: sqlite3.Connection, p: Project) -> None:
    con.execute(
        "INSERT INTO projects VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (*project_columns(p), project_to_json(p)),
    )
    con.executemany(
        "INSERT INTO fields VALUES (?,?,?,?,?,?,?)",
        [
            (p.id, f.key, f.label, _sql_value(f.value), f.text, f.span.start, f.span.end)
            for f in p.fields
        ],
    )
    con.executemany(
        "INSERT INTO list_items VALUES (?,?,?,?,?,?,?,?)",
        [
            (p.id, lst.key, lst.label, n, i.text, fold(i.text), i.span.start, i.span.end)
            for lst in p.lists
            for n, i in enumerate(lst.items)
        ],
    )
    con.executemany(
        "INSERT INTO sections VALUES (?,?,?,?,?,?,?)",
        [
            (p.id, s.key, s.title, n, s.text, s.span.start, s.span.end)
            for n, s in enumerate(p.sections)
        ],
    )


def embed_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- dense + sparse files


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


def _bm25(chunks: Sequence[Chunk]) -> Any:
    import bm25s

    retriever = bm25s.BM25()
    corpus = [bm25_tokens(c.embed_text) or ["∅"] for c in chunks]
    if corpus:
        retriever.index(corpus, show_progress=False)
    return retriever


# ---------------------------------------------------------------- fault injection


@dataclass
class FaultHook:
    """A seam for fault tests: ``on_stage`` is called with the name of each stage a build
    reaches, in the building thread, and may raise (a failure there) or block (a process to
    kill there).

    The stages, in order:

    * ``"writing"``: the new generation's vectors, FAISS and BM25 files are in its temporary
      folder; its records database is written next;
    * ``"publishing"``: the new generation's folder is complete and in place; the manifest
      that switches readers to it is replaced next.

    Only tests set it (``index.FAULTS.on_stage = ...``); it is None otherwise.
    """

    on_stage: Callable[[str], None] | None = None

    def reached(self, stage: str) -> None:
        if self.on_stage is not None:
            self.on_stage(stage)


BUILD_STAGES = ("writing", "publishing")
FAULTS = FaultHook()


# ---------------------------------------------------------------- building


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def corpus_files(paths: Sequence[Path], *, settings: Settings) -> dict[str, str]:
    """The readable files under ``paths`` with their content digests (what staleness compares)."""
    found: dict[str, str] = {}
    for path in paths:
        files = [path] if path.is_file() else sources.folder_files(path)
        for f in files:
            try:
                found[str(f)] = file_digest(f)
            except OSError:
                continue  # unreadable (a dangling link, a vanished file): the reader reports it
    return found


_MANIFEST_KEYS = ("generation", "embedder", "dim", "chunk_chars", "paths", "documents", "chunks")


def read_manifest(index_dir: Path) -> dict[str, Any]:
    path = index_dir / MANIFEST
    if not path.exists():
        raise IndexMissingError(f"no index in {index_dir}/; {REBUILD_HINT}")
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"the index manifest {path} is unreadable; {REBUILD_HINT}") from exc
    if not isinstance(manifest, dict):
        raise IndexCorruptError(f"the index manifest {path} is not an object; {REBUILD_HINT}")
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexCorruptError(
            f"the index in {index_dir}/ has format {manifest.get('format')!r}, "
            f"this version reads {FORMAT_VERSION}; {REBUILD_HINT}"
        )
    missing = [key for key in _MANIFEST_KEYS if key not in manifest]
    if missing:
        raise IndexCorruptError(
            f"the index manifest {path} lacks {', '.join(missing)}; {REBUILD_HINT}"
        )
    return manifest


def index_state(manifest: dict[str, Any]) -> str:
    """``"lexical"`` (records and BM25 only, vectors still being computed) or ``"complete"``;
    manifests written before generations had states are complete."""
    return str(manifest.get("state", COMPLETE))


def is_stale(paths: Sequence[Path], *, settings: Settings, embedder_name: str) -> bool:
    """Whether the index is missing, from another embedder, or differs from the files on disk."""
    try:
        manifest = read_manifest(settings.index_dir)
    except AssistantError:
        return True
    if manifest["embedder"] != embedder_name or manifest["chunk_chars"] != settings.chunk_chars:
        return True
    if index_state(manifest) != COMPLETE:
        return True
    wanted = [str(p) for p in paths]
    if manifest["paths"] != wanted:
        return True
    try:
        return corpus_files(paths, settings=settings) != manifest["documents"]
    except OSError:
        return True


@contextmanager
def build_lock(index_dir: Path, *, timeout: float) -> Iterator[None]:
    """Hold the index's build lock, or fail clearly if another build holds it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / LOCK))
    try:
        lock.acquire(timeout=timeout)
    except Timeout as exc:
        raise IndexBusyError(
            f"another build of {index_dir}/ is running; wait for it to finish and try again"
        ) from exc
    try:
        yield
    finally:
        lock.release()


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
        _StatusFile(settings.index_dir, progress) as report,
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
    vectors, fresh = _embed(
        content, cache=cache, settings=settings, embedder=embedder, report=report
    )
    report("writing", 0, 1)
    generation = _write_generation(
        settings=settings, embedder=embedder, content=content, vectors=vectors, t0=t0
    )
    _remove_old_generations(
        settings.index_dir, keep={generation, *([lexical] if lexical else replaced)}
    )
    return replace(
        _report(result, content, previous, fresh),
        seconds=time.perf_counter() - t0,
        generation=generation,
        lexical_seconds=lexical_seconds,
    )


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


def document_changes(
    documents: dict[str, str], previous: dict[str, str], result: ReadResult
) -> dict[str, Any]:
    """The report's files added, changed and removed since the previous build (by digest), the
    duplicates reading skipped and the other reading problems; shared by both stores."""
    return {
        "documents_added": tuple(sorted(set(documents) - set(previous))),
        "documents_changed": tuple(
            sorted(s for s in documents if s in previous and previous[s] != documents[s])
        ),
        "documents_removed": tuple(sorted(set(previous) - set(documents))),
        "duplicates": tuple(
            p.message if p.message.startswith(p.source) else f"{p.source}: {p.message}"
            for p in result.problems
            if p.duplicate
        ),
        "problems": tuple(p for p in result.problems if not p.duplicate),
    }


@dataclass(frozen=True, kw_only=True)
class _Content:
    """What a build read: the projects, their chunks and sentences, and the files they came
    from."""

    projects: list[Project]
    chunks: list[Chunk]
    sentences: list[str]
    paths: tuple[Path, ...]
    documents: dict[str, str]


@dataclass(frozen=True, kw_only=True)
class _Vectors:
    """The vectors of a complete generation: one per chunk, one per sentence."""

    chunks: np.ndarray
    sentences: np.ndarray


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


def _embed(
    content: _Content,
    *,
    cache: dict[str, np.ndarray],
    settings: Settings,
    embedder: Embedder,
    report: Progress,
) -> tuple[_Vectors, _Fresh]:
    """Vectors for all chunks and sentences. Texts ``cache`` (the previous generation's
    vectors by text hash) holds are reused; the rest are embedded, except that a new chunk of
    a text section gets a vector derived from its sentences' (:mod:`assistant.vectorplan`)."""
    chunks = content.chunks
    plans = vectorplan.derivations(chunks, content.projects, settings)
    chunk_hashes = [embed_hash(c.embed_text) for c in chunks]
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
            progress=lambda done, total: report("embedding", done, total),
        )
        cache.update({h: fresh[n] for n, (h, _) in enumerate(todo)})
    for n in new_chunks:
        plan = plans[n]
        if plan is not None:
            cache[chunk_hashes[n]] = vectorplan.compose(
                plan, lambda text: cache[embed_hash(text)], heading_weight=settings.heading_weight
            )
    return (
        _Vectors(
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
    vectors: _Vectors | None,
    t0: float,
) -> str:
    """Write and publish one generation: complete with ``vectors``, lexical without."""
    index_dir = settings.index_dir
    name = f"gen-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    tmp = index_dir / f".{name}.tmp"
    tmp.mkdir(parents=True)
    try:
        dense_type = _write_vectors(tmp, vectors, settings) if vectors is not None else None
        _bm25(content.chunks).save(str(tmp / "bm25"))
        FAULTS.reached("writing")
        _write_records(records_path(tmp), content.projects, content.chunks, content.sentences)
        _fsync_tree(tmp)
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
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": round(time.perf_counter() - t0, 2),
    }
    FAULTS.reached("publishing")
    _atomic_write(index_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    return name


def _write_vectors(folder: Path, vectors: _Vectors, settings: Settings) -> str:
    """The vector files of a complete generation; the FAISS index type's name."""
    import faiss

    np.save(folder / "vectors.npy", vectors.chunks)
    np.save(folder / "sentences.npy", vectors.sentences)
    dense = _dense_index(vectors.chunks, settings)
    faiss.write_index(dense, str(folder / "dense.faiss"))
    return type(dense).__name__


# ---------------------------------------------------------------- build progress


@dataclass(frozen=True, kw_only=True)
class BuildStatus:
    """A running build's progress as other processes see it (``build.json``)."""

    stage: str
    done: int
    total: int
    pid: int
    started_at: str


def read_build_status(index_dir: Path) -> BuildStatus | None:
    """The progress of the build running on ``index_dir``; None when none is running (no
    status file, an unreadable one, or one left by a build that was killed)."""
    try:
        raw = json.loads((index_dir / BUILD_STATUS).read_text(encoding="utf-8"))
        found = BuildStatus(**raw)
    except (OSError, ValueError, TypeError):
        return None
    return found if _alive(found.pid) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _StatusFile:
    """A build's progress callback: passes each report on, and keeps ``build.json`` up to date
    (at most a few writes a second; removed when the build ends, however it ends)."""

    INTERVAL = 0.5

    def __init__(self, index_dir: Path, progress: Progress | None) -> None:
        self.path = index_dir / BUILD_STATUS
        self.progress = progress
        self.started_at = datetime.now(UTC).isoformat(timespec="seconds")
        self.stage = ""
        self.written = 0.0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)

    def __call__(self, stage: str, done: int, total: int) -> None:
        self._write(stage, done, total)
        if self.progress is not None:
            self.progress(stage, done, total)

    def _write(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == self.stage and done < total and now - self.written < self.INTERVAL:
            return
        self.stage, self.written = stage, now
        status = BuildStatus(
            stage=stage, done=done, total=total, pid=os.getpid(), started_at=self.started_at
        )
        tmp = self.path.with_name(f".{BUILD_STATUS}.tmp")
        try:
            tmp.write_text(json.dumps(asdict(status)), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # progress is a courtesy: a full disk must fail the build elsewhere, not here


def _fsync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            with path.open("rb") as fh:
                os.fsync(fh.fileno())


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:6]}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


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


# ---------------------------------------------------------------- loading


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
        m = self.manifest
        return {
            "state": index_state(m),
            "projects": m["projects"],
            "chunks": m["chunks"],
            "sentences": m["sentences"],
            "embedder": m["embedder"],
            "dim": m["dim"],
            "dense_index": m["dense_index"],
            "index_bytes": self.size_bytes(),
            "built_at": m["built_at"],
            "build_seconds": m["build_seconds"],
            "documents": len(m["documents"]),
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
    needed = (*_VECTOR_FILES, RECORDS, "bm25") if complete else (RECORDS, "bm25")
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
        chunks = [chunk_from_row(row, projects) for row in con.execute(_CHUNK_SQL)]
        sentence_rows = {h: row for row, h in con.execute("SELECT row, hash FROM sentences")}
    finally:
        con.close()
    if complete:
        vectors, dense, sentence_vectors = _open_vectors(settings, gen)
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


_VECTOR_FILES = ("vectors.npy", "sentences.npy", "dense.faiss")


def _open_vectors(settings: Settings, gen: Path) -> tuple[np.ndarray, Any, np.ndarray]:
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


_CHUNK_SQL = (
    "SELECT id, project_id, section, section_key, ordinal, text, embed_text, source, start, "
    '"end", section_start, section_end FROM chunks ORDER BY row'
)


def chunk_from_row(row: tuple[Any, ...], projects: dict[str, Project]) -> Chunk:
    """A chunk from its stored columns (id, project, section, key, ordinal, text, embed text,
    source, start, end, section start, section end), in the file and the PostgreSQL store."""
    cid, pid, section, key, ordinal, text, embed_text, source, start, end, s_start, s_end = row
    return Chunk(
        id=cid,
        project_id=pid,
        project_name=projects[pid].name,
        section=section,
        section_key=key,
        ordinal=ordinal,
        text=text,
        embed_text=embed_text,
        source=source,
        start=start,
        end=end,
        section_start=s_start,
        section_end=s_end,
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


def report_dict(report: BuildReport) -> dict[str, Any]:
    data = asdict(report)
    data["problems"] = [asdict(p) for p in report.problems]
    return data
