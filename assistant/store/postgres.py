"""The PostgreSQL store: projects, chunks, vectors (pgvector) and source texts in one database.

* **Schema**: the plain SQL files in ``migrations/`` (``NNN_name.sql``), applied in order by
  :func:`migrate` and recorded in ``schema_version``; an older database is upgraded by
  ``assistant migrate`` (or a build), a newer one is refused.
* **Builds** (:func:`build_postgres`) hold a session advisory lock (one build at a time), embed
  only texts whose hash the current generation lacks, and write the new generation and switch
  ``current_generation`` to it in one transaction: a build that fails or is killed leaves
  nothing visible, and readers keep their generation until they open the store again.
* **Search** runs in SQL: HNSW (``vector_cosine_ops``, one expression index per dimension) for
  the dense side, ``ts_rank_cd`` over the ``swedish`` ``tsvector`` for the lexical side with an
  OR of stem prefixes; :class:`assistant.search.Searcher` fuses them as for the file store.
* **Connections**: a ``psycopg_pool`` pool per database URL with ``statement_timeout``; clear
  errors (``DatabaseUnreachableError``, ``DatabaseAuthError``, ``DatabaseExtensionError``,
  ``DatabaseSchemaError``) whose messages show the URL with its password masked.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from .. import sources
from ..chunking import chunk_projects, dense_text, passage_sentences
from ..embedding import Embedder
from ..errors import (
    DatabaseAuthError,
    DatabaseError,
    DatabaseExtensionError,
    DatabaseSchemaError,
    DatabaseUnreachableError,
    EmbedderMismatchError,
    IndexBusyError,
    IndexMissingError,
    SourceError,
)
from ..index import (
    FAULTS,
    BuildReport,
    Progress,
    bm25_tokens,
    chunk_columns,
    chunk_from_row,
    corpus_files,
    document_changes,
    embed_hash,
    manifest_stats,
    project_columns,
    project_from_json,
    project_to_json,
)
from ..models import Chunk, Project
from ..records import Records, expand_aliases
from ..settings import Settings
from ..text import fold

MIGRATIONS = Path(__file__).with_name("migrations")
BUILD_LOCK_KEY = 0x50524F4A  # the advisory lock builds and migrations hold ("PROJ")
REBUILD_HINT = "run `assistant index` with the database URL to build it"


def mask_url(url: str) -> str:
    """The URL with its password replaced by ``***`` (for messages and status)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "postgresql://***"
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    netloc = f"{parts.username or ''}:***@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _secret_free(text: str, url: str) -> str:
    password = urlsplit(url).password
    return text.replace(password, "***") if password else text


# ---------------------------------------------------------------- connections


class Database:
    """A connection pool to one database URL (one per process and URL, see :func:`database`)."""

    def __init__(self, settings: Settings) -> None:
        assert settings.database_url is not None
        self.url = settings.database_url.get_secret_value()
        self.shown = mask_url(self.url)
        timeout_ms = int(settings.db_statement_timeout * 1000)
        self._kwargs: dict[str, Any] = {
            "autocommit": True,
            "connect_timeout": max(1, round(settings.db_connect_timeout)),
            "options": f"-c statement_timeout={timeout_ms}",
        }
        self._probe()
        from psycopg_pool import ConnectionPool

        self.pool = ConnectionPool(
            self.url,
            min_size=1,
            max_size=settings.db_pool_size,
            kwargs=self._kwargs,
            configure=_configure,
            check=ConnectionPool.check_connection,
            timeout=settings.db_connect_timeout + settings.db_statement_timeout,
            open=True,
            name="assistant",
        )

    def _probe(self) -> None:
        """One direct connection first, to turn a refused connection into a clear error."""
        import psycopg

        try:
            psycopg.connect(self.url, **self._kwargs).close()
        except psycopg.Error as exc:
            raise self.error(exc) from None

    def error(self, exc: BaseException) -> DatabaseError:
        """The clear error for a failed connection or statement (password never shown)."""
        detail = _secret_free(
            str(exc).strip().splitlines()[0] if str(exc).strip() else "", self.url
        )
        text = str(exc).lower()
        if "password authentication failed" in text or "authentication failed" in text:
            return DatabaseAuthError(
                f"the database {self.shown} refused the credentials ({detail}); check the user "
                "and password in ASSISTANT_DATABASE_URL"
            )
        if "does not exist" in text and "database" in text:
            return DatabaseAuthError(
                f"the database in {self.shown} does not exist ({detail}); create it or fix "
                "ASSISTANT_DATABASE_URL"
            )
        if "no password supplied" in text:
            return DatabaseAuthError(
                f"the database {self.shown} needs a password ({detail}); put it in "
                "ASSISTANT_DATABASE_URL"
            )
        if "permission denied to create extension" in text:
            return DatabaseExtensionError(
                f"the database in {self.shown} lacks the pgvector extension and its user may not "
                f"create it ({detail}); have a superuser run `CREATE EXTENSION vector;` in that "
                "database once, or connect as a user who may, then run `assistant migrate` again"
            )
        if "statement timeout" in text or "canceling statement" in text:
            return DatabaseError(
                f"the database {self.shown} took too long ({detail}); raise "
                "ASSISTANT_DB_STATEMENT_TIMEOUT or check the server's load"
            )
        if type(exc).__name__ == "PoolTimeout":
            return DatabaseUnreachableError(
                f"no connection to the database {self.shown} in time ({detail}); the server "
                "is down or restarting, or every pooled connection is busy "
                "(ASSISTANT_DB_POOL_SIZE)"
            )
        if isinstance(exc, _operational()):
            return DatabaseUnreachableError(
                f"cannot reach the database {self.shown} ({detail}); check that PostgreSQL is "
                "running and ASSISTANT_DATABASE_URL names its host, port and database"
            )
        return DatabaseError(f"the database {self.shown} failed: {type(exc).__name__}: {detail}")

    @contextlib.contextmanager
    def connection(self) -> Iterator[Any]:
        """A pooled connection (autocommit; use ``conn.transaction()`` for several statements);
        failures come out as :class:`DatabaseError`."""
        import psycopg
        from psycopg_pool import PoolTimeout

        try:
            with self.pool.connection() as conn:
                yield conn
        except (psycopg.Error, PoolTimeout) as exc:
            raise self.error(exc) from None

    def fetch(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self.connection() as conn:
            return list(conn.execute(sql, params).fetchall())

    def close(self) -> None:
        self.pool.close()


def _operational() -> type[BaseException]:
    import psycopg

    return psycopg.OperationalError


def _configure(conn: Any) -> None:
    """Each new pooled connection: pgvector's types (when the extension exists)."""
    from pgvector.psycopg import register_vector

    with contextlib.suppress(Exception):
        register_vector(conn)


_DATABASES: dict[tuple[Any, ...], Database] = {}
_DATABASES_LOCK = threading.Lock()


def database(settings: Settings) -> Database:
    """The process's pool for the settings' database URL (created on first use)."""
    assert settings.database_url is not None
    key = (
        settings.database_url.get_secret_value(),
        settings.db_pool_size,
        settings.db_statement_timeout,
        settings.db_connect_timeout,
    )
    with _DATABASES_LOCK:
        found = _DATABASES.get(key)
        if found is None:
            found = _DATABASES[key] = Database(settings)
        return found


def close_databases() -> None:
    """Close every pool of this process (tests; a server that restarts its store)."""
    with _DATABASES_LOCK:
        for db in _DATABASES.values():
            db.close()
        _DATABASES.clear()


# ---------------------------------------------------------------- migrations


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, SQL) of every migration file, in order."""
    found = []
    for path in sorted(MIGRATIONS.glob("*.sql")):
        number = re.match(r"(\d+)_", path.name)
        if number:
            found.append((int(number.group(1)), path.stem, path.read_text(encoding="utf-8")))
    return found


LATEST = migrations()[-1][0]


def schema_version(conn: Any) -> int:
    """The database's schema version (0 when the store was never created in it)."""
    exists = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()[0]
    if not exists:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _refuse_newer(version: int, shown: str) -> None:
    if version > LATEST:
        raise DatabaseSchemaError(
            f"the database {shown} has schema version {version}, newer than this assistant "
            f"knows ({LATEST}); upgrade the assistant, or point it at another database"
        )


def migrate(settings: Settings) -> list[str]:
    """Create or upgrade the schema; the names of the migrations applied (none when current)."""
    db = database(settings)
    applied: list[str] = []
    with db.connection() as conn:
        check_extension(conn, db.shown)
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (BUILD_LOCK_KEY + 1,))
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, "
                "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
            )
            current = schema_version(conn)
            _refuse_newer(current, db.shown)
            for version, name, sql in migrations():
                if version > current:
                    conn.execute(sql)
                    conn.execute(
                        "INSERT INTO schema_version (version, name) VALUES (%s, %s)",
                        (version, name),
                    )
                    applied.append(name)
    return applied


def check_extension(conn: Any, shown: str) -> None:
    """A clear error when the server has no pgvector to create (a user who may not create it
    gets one from :meth:`Database.error` when the migration tries)."""
    row = conn.execute(
        "SELECT default_version FROM pg_available_extensions WHERE name = 'vector'"
    ).fetchone()
    if row is None:
        raise DatabaseExtensionError(
            f"the PostgreSQL server of {shown} does not have the pgvector extension; install "
            "it (the package postgresql-NN-pgvector, or pgvector ≥ 0.8 from source) and run "
            "`assistant migrate` again"
        )


def _check_schema(conn: Any, shown: str) -> None:
    version = schema_version(conn)
    _refuse_newer(version, shown)
    if version == 0:
        raise IndexMissingError(f"the database {shown} holds no index yet; {REBUILD_HINT}")
    if version < LATEST:
        raise DatabaseSchemaError(
            f"the database {shown} has schema version {version}, older than this assistant's "
            f"({LATEST}); run `assistant migrate` (or a build) to upgrade it"
        )


# ---------------------------------------------------------------- building


def _value(v: str | int | date | None) -> str | int | None:
    return v.isoformat() if isinstance(v, date) else v


def _x(v: str | int | date | None) -> str | None:
    return None if v is None else expand_aliases(str(_value(v)))


def _vec(v: np.ndarray) -> str:
    return "[" + ",".join(repr(float(x)) for x in np.asarray(v, dtype=np.float32)) + "]"


@contextlib.contextmanager
def _build_lock(conn: Any, *, timeout: float, shown: str) -> Iterator[None]:
    deadline = time.monotonic() + timeout
    while not conn.execute("SELECT pg_try_advisory_lock(%s)", (BUILD_LOCK_KEY,)).fetchone()[0]:
        if time.monotonic() >= deadline:
            raise IndexBusyError(
                f"another build into {shown} is running; wait for it to finish and try again"
            )
        time.sleep(0.2)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            conn.execute("SELECT pg_advisory_unlock(%s)", (BUILD_LOCK_KEY,))


@contextlib.contextmanager
def _no_statement_timeout(conn: Any) -> Iterator[None]:
    """A build's COPY and index maintenance may outlast ``statement_timeout``."""
    conn.execute("SET statement_timeout = 0")
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            conn.execute("RESET statement_timeout")


def _current(conn: Any) -> tuple[Any, ...] | None:
    row: tuple[Any, ...] | None = conn.execute(
        "SELECT g.id, g.embedder, g.dim, g.chunk_chars, g.paths, g.documents, g.projects, "
        "g.chunks, g.sentences, g.built_at, g.build_seconds "
        "FROM current_generation c JOIN generations g ON g.id = c.generation"
    ).fetchone()
    return row


def _previous_vectors(conn: Any, embedder: Embedder) -> dict[str, np.ndarray]:
    current = _current(conn)
    if current is None or current[1] != embedder.name or current[2] != embedder.dim:
        return {}
    found: dict[str, np.ndarray] = {}
    for table, column in (("sentences", "hash"), ("chunks", "embed_hash")):
        rows = conn.execute(
            f"SELECT {column}, embedding FROM {table} WHERE generation = %s", (current[0],)
        )
        found.update({h: _array(v) for h, v in rows})
    return found


def build_postgres(
    paths: Sequence[Path],
    *,
    settings: Settings,
    embedder: Embedder,
    progress: Progress | None = None,
) -> BuildReport:
    """Read, chunk, embed and write a new generation into PostgreSQL, then switch to it."""
    started = time.perf_counter()
    migrate(settings)
    db = database(settings)
    with (
        db.connection() as conn,
        _build_lock(conn, timeout=settings.lock_timeout, shown=db.shown),
        _no_statement_timeout(conn),
    ):
        if progress:
            progress("reading", 0, 1)
        result = sources.read_paths(list(paths), settings=settings)
        projects = list(result.projects)
        if not projects:
            detail = "; ".join(p.message for p in result.problems[:3])
            raise SourceError(
                "no projects were found in " + ", ".join(str(p) for p in paths) + f". {detail}"
            )
        chunks = chunk_projects(projects, max_chars=settings.chunk_chars)
        sentences = passage_sentences(projects)
        texts = [dense_text(c) for c in chunks] + sentences
        cache = _previous_vectors(conn, embedder)
        hashes = [embed_hash(t) for t in texts]
        fresh_rows = [n for n, h in enumerate(hashes) if h not in cache]
        todo = sorted({hashes[n]: texts[n] for n in fresh_rows}.items())
        if todo:
            fresh = embedder.encode_documents(
                [t for _, t in todo],
                batch_size=settings.batch_size,
                progress=(lambda d, t: progress("embedding", d, t)) if progress else None,
            )
            cache.update({h: fresh[n] for n, (h, _) in enumerate(todo)})
        if progress:
            progress("writing", 0, 1)
        current = _current(conn)
        previous: dict[str, str] = dict(current[5]) if current else {}
        documents = corpus_files(paths, settings=settings)
        name = f"gen-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        dim = int(embedder.dim)
        conn.execute(
            f"CREATE INDEX IF NOT EXISTS chunks_hnsw_{dim} ON chunks USING hnsw "
            f"((embedding::vector({dim})) vector_cosine_ops) WITH (m = {settings.hnsw_m}) "
            f"WHERE dim = {dim}"
        )
        with conn.transaction():
            conn.execute(
                "INSERT INTO generations (id, embedder, dim, chunk_chars, paths, documents, "
                "projects, chunks, sentences) VALUES (%s, %s, %s, %s, %s::jsonb, %s::jsonb, "
                "%s, %s, %s)",
                (
                    name,
                    embedder.name,
                    dim,
                    settings.chunk_chars,
                    _json([str(p) for p in paths]),
                    _json(documents),
                    len(projects),
                    len(chunks),
                    len(sentences),
                ),
            )
            _write_rows(conn, name, documents, projects, chunks, sentences, hashes, cache, dim)
            FAULTS.reached("writing")
            seconds = time.perf_counter() - started
            conn.execute(
                "UPDATE generations SET build_seconds = %s WHERE id = %s", (round(seconds, 2), name)
            )
            FAULTS.reached("publishing")
            conn.execute(
                "INSERT INTO current_generation (one, generation) VALUES (true, %s) "
                "ON CONFLICT (one) DO UPDATE SET generation = excluded.generation",
                (name,),
            )
            keep = [name] + ([current[0]] if current else [])
            conn.execute("DELETE FROM generations WHERE NOT (id = ANY(%s))", (keep,))
    fresh_chunks = sum(1 for n in fresh_rows if n < len(chunks))
    return BuildReport(
        projects=len(projects),
        chunks=len(chunks),
        embedded=fresh_chunks,
        reused=len(chunks) - fresh_chunks,
        sentences=len(sentences),
        sentences_embedded=len(fresh_rows) - fresh_chunks,
        **document_changes(documents, previous, result),
        seconds=time.perf_counter() - started,
        generation=name,
    )


def _json(data: object) -> str:
    import json

    return json.dumps(data, ensure_ascii=False)


def _write_rows(
    conn: Any,
    gen: str,
    documents: dict[str, str],
    projects: Sequence[Project],
    chunks: Sequence[Chunk],
    sentences: Sequence[str],
    hashes: Sequence[str],
    vectors: dict[str, np.ndarray],
    dim: int,
) -> None:
    """Every row of a generation, by COPY."""
    from ..sources.decoding import decode_bytes

    def copy(table: str, columns: str, rows: Iterator[tuple[Any, ...]] | list[Any]) -> None:
        with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as cp:
            for row in rows:
                cp.write_row(row)

    def source_rows() -> Iterator[tuple[Any, ...]]:
        for path, digest in documents.items():
            try:
                text = decode_bytes(Path(path).read_bytes())
            except OSError:
                continue
            yield (gen, path, digest, text.replace("\x00", ""))

    copy("sources", "generation, path, digest, text", source_rows())
    copy(
        "projects",
        "generation, position, id, name, name_folded, kind, source, url, owner, region, "
        'program, contact, grant_sek, budget_sek, start, "end", owner_x, region_x, program_x, '
        "data",
        [
            (
                gen,
                n,
                *project_columns(p),
                _x(p.value("owner")),
                _x(p.value("region")),
                _x(p.value("program")),
                project_to_json(p),
            )
            for n, p in enumerate(projects)
        ],
    )
    copy(
        "fields",
        'generation, project_id, key, label, value, text, start, "end"',
        [
            (gen, p.id, f.key, f.label, _value(f.value), f.text, f.span.start, f.span.end)
            for p in projects
            for f in p.fields
        ],
    )
    copy(
        "list_items",
        "generation, project_id, list_key, label, position, item, item_folded, item_x, "
        'start, "end"',
        [
            (
                gen,
                p.id,
                lst.key,
                lst.label,
                n,
                i.text,
                fold(i.text),
                expand_aliases(i.text),
                i.span.start,
                i.span.end,
            )
            for p in projects
            for lst in p.lists
            for n, i in enumerate(lst.items)
        ],
    )
    copy(
        "sections",
        'generation, project_id, key, title, position, text, start, "end"',
        [
            (gen, p.id, s.key, s.title, n, s.text, s.span.start, s.span.end)
            for p in projects
            for n, s in enumerate(p.sections)
        ],
    )
    copy(
        "chunks",
        "generation, row, id, project_id, section_key, section, ordinal, text, embed_text, "
        'embed_hash, source, start, "end", section_start, section_end, dim, embedding',
        (
            (gen, row, *chunk_columns(c), dim, _vec(vectors[hashes[row]]))
            for row, c in enumerate(chunks)
        ),
    )
    offset = len(chunks)
    copy(
        "sentences",
        "generation, row, hash, dim, embedding",
        (
            (gen, n, hashes[offset + n], dim, _vec(vectors[hashes[offset + n]]))
            for n in range(len(sentences))
        ),
    )


def postgres_is_stale(paths: Sequence[Path], *, settings: Settings, embedder_name: str) -> bool:
    """Whether the database lacks a current generation built from these files and settings."""
    db = database(settings)
    with db.connection() as conn:
        if schema_version(conn) != LATEST:
            return True
        current = _current(conn)
    if current is None:
        return True
    _, embedder, _, chunk_chars, stored_paths, documents, *_ = current
    if embedder != embedder_name or chunk_chars != settings.chunk_chars:
        return True
    if list(stored_paths) != [str(p) for p in paths]:
        return True
    try:
        return corpus_files(paths, settings=settings) != dict(documents)
    except OSError:
        return True


# ---------------------------------------------------------------- reading


class PostgresStore:
    """One generation of the PostgreSQL store: project records and chunk texts in memory (as
    the file store keeps them), vectors and the lexical index in the database."""

    kind = "postgres"
    dense_ready = True  # a generation is published with its vectors, in one transaction

    def __init__(self, db: Database, settings: Settings, current: tuple[Any, ...]) -> None:
        self.db = db
        self.settings = settings
        gen, _, dim, _, _, _, n_projects, n_chunks, *_ = current
        self.generation: str = gen
        self.dim = int(dim)
        self.manifest: dict[str, Any] = _manifest(current, settings, db.shown)
        with db.connection() as conn, conn.transaction():
            self.projects: dict[str, Project] = {
                pid: project_from_json(_text(data))
                for pid, data in conn.execute(
                    "SELECT id, data::text FROM projects WHERE generation = %s ORDER BY position",
                    (gen,),
                )
            }
            self.chunks: list[Chunk] = [
                chunk_from_row(row, self.projects)
                for row in conn.execute(
                    "SELECT id, project_id, section, section_key, ordinal, text, embed_text, "
                    'source, start, "end", section_start, section_end FROM chunks '
                    "WHERE generation = %s ORDER BY row",
                    (gen,),
                )
            ]
        if len(self.chunks) != n_chunks or len(self.projects) != n_projects:
            raise DatabaseError(
                f"the generation {gen} in {db.shown} is incomplete "
                f"({len(self.projects)} projects, {len(self.chunks)} chunks); {REBUILD_HINT}"
            )
        order = {pid: n for n, pid in enumerate(self.projects)}
        self.chunk_project_rows = np.array(
            [order[c.project_id] for c in self.chunks], dtype=np.int32
        )
        self._sentences: OrderedDict[str, np.ndarray | None] = OrderedDict()
        self._lock = threading.Lock()

    # ------------------------------------------------------------ the protocol

    @cached_property
    def bm25(self) -> Any:
        """Term statistics for the answer engine, computed in this process from the chunk texts
        (the same as the file store's BM25 index, so answers weigh words alike)."""
        import bm25s

        retriever = bm25s.BM25()
        corpus = [bm25_tokens(c.embed_text) or ["∅"] for c in self.chunks]
        if corpus:
            retriever.index(corpus, show_progress=False)
        return retriever

    def records(self) -> Records:
        return Records(postgres=(self.db.fetch, self.generation))

    def sentence_vector(self, sentence: str) -> np.ndarray | None:
        key = embed_hash(sentence)
        with self._lock:
            if key in self._sentences:
                return self._sentences[key]
        rows = self.db.fetch(
            "SELECT embedding FROM sentences WHERE generation = %s AND hash = %s",
            (self.generation, key),
        )
        found = _array(rows[0][0]) if rows else None
        with self._lock:
            self._sentences[key] = found
            while len(self._sentences) > 20_000:
                self._sentences.popitem(last=False)
        return found

    def _check_kept(self) -> None:
        """A build keeps the generation it replaces; the one before that is deleted, and a
        reader still on it must open the store again (instead of finding nothing)."""
        rows = self.db.fetch("SELECT 1 FROM generations WHERE id = %s", (self.generation,))
        if not rows:
            raise IndexMissingError(
                f"the index generation {self.generation} was replaced by newer builds; open "
                "the assistant again to use the current index"
            )

    def _allowed(self, mask: np.ndarray | None) -> list[str] | None:
        if mask is None:
            return None
        return sorted({self.chunks[int(r)].project_id for r in np.flatnonzero(mask)})

    def dense_search(
        self, qvec: np.ndarray, *, depth: int, mask: np.ndarray | None
    ) -> list[tuple[int, float]]:
        if not self.chunks:
            return []
        d = self.dim
        where = f"generation = %s AND dim = {d}"  # a literal: the HNSW index is partial on it
        params: list[object] = [_vec(qvec), self.generation]
        allowed = self._allowed(mask)
        if allowed is not None:
            where += " AND project_id = ANY(%s)"
            params.append(allowed)
        params.append(min(depth, len(self.chunks)))
        sql = (
            f"WITH q AS (SELECT %s::vector({d}) AS v), hits AS MATERIALIZED ("
            f"SELECT row, embedding::vector({d}) <=> (SELECT v FROM q) AS dist FROM chunks "
            f"WHERE {where} ORDER BY dist LIMIT %s) "
            "SELECT row, 1 - dist FROM hits ORDER BY dist, row"
        )
        with self.db.connection() as conn, conn.transaction():
            conn.execute(f"SET LOCAL hnsw.ef_search = {int(self.settings.hnsw_ef_search)}")
            conn.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
            rows = conn.execute(sql, params).fetchall()
        if not rows:
            self._check_kept()
        return [(int(r), float(s)) for r, s in rows]

    def lexical_search(
        self, tokens: list[str], *, depth: int, mask: np.ndarray | None
    ) -> list[tuple[int, float]]:
        query = tsquery(tokens)
        if not query or not self.chunks:
            return []
        where = "generation = %s AND tsv @@ q"
        params: list[object] = [query, self.generation]
        allowed = self._allowed(mask)
        if allowed is not None:
            where += " AND project_id = ANY(%s)"
            params.append(allowed)
        params.append(depth)
        rows = self.db.fetch(
            "SELECT row, ts_rank_cd(tsv, q) AS s FROM chunks, to_tsquery('simple', %s) q "
            f"WHERE {where} ORDER BY s DESC, row LIMIT %s",
            params,
        )
        return [(int(r), float(s)) for r, s in rows if s > 0]

    def candidate_scores(
        self, rows: np.ndarray, qvec: np.ndarray, tokens: list[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        d = self.dim
        query = tsquery(tokens) or ""
        found = {
            int(r): (float(ds), float(ls))
            for r, ds, ls in self.db.fetch(
                f"SELECT row, 1 - (embedding::vector({d}) <=> %s::vector({d})), "
                "CASE WHEN %s = '' THEN 0 ELSE ts_rank_cd(tsv, to_tsquery('simple', %s)) END "
                "FROM chunks WHERE generation = %s AND row = ANY(%s)",
                (_vec(qvec), query, query, self.generation, [int(r) for r in rows]),
            )
        }
        if len(found) < len(rows):
            self._check_kept()
        dense = np.array([found.get(int(r), (0.0, 0.0))[0] for r in rows], dtype=np.float32)
        lexical = np.array([found.get(int(r), (0.0, 0.0))[1] for r in rows], dtype=np.float32)
        return dense, lexical

    def stats(self) -> dict[str, Any]:
        size = database_bytes(self.settings)
        return {
            "store": self.kind,
            **manifest_stats(self.manifest),
            "index_bytes": int(size),
            "database": self.db.shown,
            "generation": self.generation,
        }

    def source_text(self, path: str) -> str | None:
        """The stored text of a source file of this generation (for showing a citation)."""
        rows = self.db.fetch(
            "SELECT text FROM sources WHERE generation = %s AND path = %s", (self.generation, path)
        )
        return str(rows[0][0]) if rows else None


def _manifest(current: tuple[Any, ...], settings: Settings, shown: str) -> dict[str, Any]:
    """The current generation described as the file store's manifest is."""
    gen, embedder, dim, chunk_chars, paths, documents, n_projects, n_chunks, n_sent, *rest = current
    built_at, build_seconds = rest
    return {
        "format": f"postgres/{LATEST}",
        "generation": gen,
        "embedder": embedder,
        "dim": int(dim),
        "dense_index": f"pgvector HNSW (vector_cosine_ops, m={settings.hnsw_m})",
        "chunk_chars": chunk_chars,
        "paths": list(paths),
        "documents": dict(documents),
        "projects": n_projects,
        "chunks": n_chunks,
        "sentences": n_sent,
        "built_at": built_at.astimezone(UTC).isoformat(timespec="seconds"),
        "build_seconds": build_seconds,
        "database": shown,
    }


def current_manifest(settings: Settings) -> dict[str, Any]:
    """The current generation's description without loading it (raises AssistantError)."""
    db = database(settings)
    return _manifest(_current_or_missing(db), settings, db.shown)


def _current_or_missing(db: Database) -> tuple[Any, ...]:
    """The current generation's row, after checking the schema; IndexMissingError if none."""
    with db.connection() as conn:
        _check_schema(conn, db.shown)
        current = _current(conn)
    if current is None:
        raise IndexMissingError(f"the database {db.shown} holds no index yet; {REBUILD_HINT}")
    return current


def database_bytes(settings: Settings) -> int:
    """Bytes the store's tables take (every generation kept)."""
    rows = database(settings).fetch(
        "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
        "WHERE c.relname IN ('projects', 'fields', 'list_items', 'sections', 'chunks', "
        "'sentences', 'sources', 'generations') AND c.relkind = 'r'"
    )
    return int(rows[0][0])


def tsquery(tokens: Sequence[str]) -> str:
    """An OR of stem prefixes for ``to_tsquery('simple', …)``: Swedish stems of one word differ
    ('socialt' / 'social'), so a stem longer than four letters loses its last letter and
    matches as a prefix ('socia:*')."""
    terms = []
    for token in dict.fromkeys(tokens):
        clean = re.sub(r"[^\w]", "", token)
        if not clean:
            continue
        prefix = clean if len(clean) <= 4 else clean[: max(4, len(clean) - 1)]
        terms.append(f"'{prefix}':*")
    return " | ".join(terms)


def _array(value: Any) -> np.ndarray:
    """A stored vector as float32 (pgvector's type, or its text form on a connection opened
    before the extension existed)."""
    if isinstance(value, str):
        return np.array(value.strip("[]").split(","), dtype=np.float32)
    if hasattr(value, "to_numpy"):
        value = value.to_numpy()
    return np.asarray(value, dtype=np.float32)


def _text(data: Any) -> str:
    return data if isinstance(data, str) else _json(data)


def open_postgres_store(settings: Settings, *, embedder_name: str | None = None) -> PostgresStore:
    """The current generation; a clear error if the database is unreachable, empty, of another
    schema version, or built with another embedder."""
    db = database(settings)
    current = _current_or_missing(db)
    if embedder_name and current[1] != embedder_name:
        raise EmbedderMismatchError(
            f"the index in {db.shown} was built with {current[1]}, but the configured embedder "
            f"is {embedder_name}; {REBUILD_HINT} or set ASSISTANT_EMBEDDER to the model it was "
            "built with"
        )
    return PostgresStore(db, settings, current)
