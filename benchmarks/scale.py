"""The vector layer alone at scale, on SYNTHETIC normalised 384-d vectors (not real embeddings).

Data: a gaussian mixture whose shape is calibrated on the real index (multilingual-e5-small
chunk vectors): the same decay of the principal-component spectrum, the same share of the
first component, the same total variance, and the same narrow cone (a common mean direction of
norm 0.91). Clusters of about 30 points hold 70 % of the variance, so there is topical
structure without clean gaps between topics; random uniform vectors would make every index
look bad, cleanly separated clusters would make inverted lists look perfect. The two cluster
figures were chosen so that, at the real index's size, recall curves on this data come close to
those on the real vectors. Queries are data points plus noise. ``calibration`` repeats that
comparison in every run, and adds the real labelled questions as queries.

Each (size, index type) runs in its own subprocess (``python -m benchmarks.scale N SPEC``), so
its resident-memory growth is its own. Specs: ``flat`` (exact IndexFlatIP), ``hnsw:M:efC``
(IndexHNSWFlat), ``ivf:NLIST`` (IndexIVFFlat, trained quantizer), ``ivfpq:NLIST:M``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.index import ivf_index, ivf_lists

from .common import Budget, load_average, log, ms_stats, rss_mib, run_worker

DIM = 384
# Measured on the real index (9,190 chunks of the seeds + CSV): PCA eigenvalues fall as
# rank^-0.76, the first holds 14.8 % of a total variance of 0.172, the mean has norm 0.91.
TOTAL_VARIANCE, FIRST_SHARE, SLOPE, MEAN_NORM = 0.172, 0.148, -0.76, 0.91
WITHIN_SHARE = 0.7
PER_CLUSTER = 30
BLOCK = 100_000
SEED = 384
QUERIES = 200
LATENCY_QUERIES = 100
K = 10
TARGET_MS = 20.0
TARGET_RECALL = 0.95
SWEEPS = {
    "hnsw": (16, 32, 64, 128, 256, 512),
    "ivf": (16, 32, 64, 128, 192, 256),
    "ivfpq": (8, 16, 32, 64, 128),
}
# Build time grows a little faster than linearly (graph search per insert, finer IVF lists).
GROWTH = {"flat": 1.0, "hnsw": 1.25, "ivf": 1.6, "ivfpq": 1.6}
WORKER_OVERHEAD_S = 60.0


# ---------------------------------------------------------------- synthetic data


def spectrum() -> np.ndarray:
    """Variance per principal direction, as in the real index."""
    tail = np.arange(2, DIM + 1, dtype=np.float64) ** SLOPE
    tail *= TOTAL_VARIANCE * (1 - FIRST_SHARE) / tail.sum()
    return np.concatenate([[TOTAL_VARIANCE * FIRST_SHARE], tail])


def _model(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cluster centres, within-cluster scales, a random rotation and the common mean."""
    rng = np.random.default_rng([SEED, n])
    ev = spectrum()
    rotation = np.linalg.qr(rng.standard_normal((DIM, DIM)))[0].astype(np.float32)
    mean = rng.standard_normal(DIM)
    mean = (mean / np.linalg.norm(mean) * MEAN_NORM).astype(np.float32)
    clusters = max(8, n // PER_CLUSTER)
    centres = rng.standard_normal((clusters, DIM), dtype=np.float32)
    centres *= np.sqrt(ev * (1 - WITHIN_SHARE)).astype(np.float32)
    within = np.sqrt(ev * WITHIN_SHARE).astype(np.float32)
    return centres, within, rotation, mean


def _normalise(x: np.ndarray) -> np.ndarray:
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


def vectors(n: int) -> np.ndarray:
    """``n`` synthetic unit vectors (deterministic for a given ``n``)."""
    centres, within, rotation, mean = _model(n)
    out = np.empty((n, DIM), dtype=np.float32)
    for block, start in enumerate(range(0, n, BLOCK)):
        size = min(BLOCK, n - start)
        rng = np.random.default_rng([SEED, n, block])
        labels = rng.integers(len(centres), size=size)
        x = centres[labels] + rng.standard_normal((size, DIM), dtype=np.float32) * within
        out[start : start + size] = _normalise(x @ rotation.T + mean)
    return out


def queries(data: np.ndarray, count: int = QUERIES) -> np.ndarray:
    """Queries near random data points (noise of about a third of the vector's length)."""
    rng = np.random.default_rng([SEED, len(data), 7])
    picked = data[rng.integers(len(data), size=count)]
    noise = rng.standard_normal(picked.shape, dtype=np.float32) * (0.35 / math.sqrt(DIM))
    return np.ascontiguousarray(_normalise(picked + noise))


# ---------------------------------------------------------------- one index (worker side)


def make_index(spec: str, data: np.ndarray) -> Any:
    """An untrained-or-trained empty index for ``spec``, ready for ``add``."""
    import faiss

    kind, *params = spec.split(":")
    ip = faiss.METRIC_INNER_PRODUCT
    if kind == "flat":
        return faiss.IndexFlatIP(DIM)
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(DIM, int(params[0]), ip)
        index.hnsw.efConstruction = int(params[1])
        return index
    nlist = int(params[0])
    if kind == "ivf":
        return ivf_index(data, lists=nlist, nprobe=1)
    if kind != "ivfpq":
        raise ValueError(f"unknown index spec {spec!r}")
    index = faiss.IndexIVFPQ(faiss.IndexFlatIP(DIM), DIM, nlist, int(params[1]), 8, ip)
    index.cp.niter = 10
    sample = np.random.default_rng(1).choice(len(data), min(len(data), 40 * nlist), replace=False)
    index.train(data[np.sort(sample)])
    return index


def _set_param(index: Any, kind: str, value: int) -> None:
    if kind == "hnsw":
        index.hnsw.efSearch = value
    else:
        index.nprobe = value


def single_query_ms(index: Any, q: np.ndarray, *, threads: int | None = None) -> dict[str, float]:
    """Latency of one query at a time (what an interactive user waits for).

    ``threads`` pins FAISS's OpenMP threads for the loop (None: FAISS's default, as the app
    runs); a single query on a busy machine can be much slower with more threads.
    """
    import faiss

    default = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(threads or default)
    times = []
    try:
        for i in range(len(q)):
            started = time.perf_counter()
            index.search(q[i : i + 1], K)
            times.append(time.perf_counter() - started)
    finally:
        faiss.omp_set_num_threads(default)
    return ms_stats(times)


def recall_at_k(found: np.ndarray, truth: np.ndarray) -> float:
    hits = sum(len(set(f) & set(t)) for f, t in zip(found.tolist(), truth.tolist()))
    return round(hits / truth.size, 4)


def cached_vectors(n: int, work_dir: Path) -> np.ndarray:
    """``vectors(n)``, generated once per run and then read back from the run's temp folder."""
    path = work_dir / f"data-{n}.npy"
    if path.exists():
        return np.load(path)
    data = vectors(n)
    np.save(path, data)
    return data


def measure_flat(n: int, gt_dir: Path, checkpoints: Sequence[int]) -> dict[str, Any]:
    """Exact search: memory, and single-query latency at growing sizes; saves the truth.

    Latency is taken with FAISS's default threads and with one thread, at each checkpoint and
    at ``n``, over ``LATENCY_QUERIES`` queries.
    """
    data = cached_vectors(n, gt_dir)
    q = queries(data)
    before = rss_mib()
    index = make_index("flat", data)
    curve, added, build = [], 0, 0.0
    for size in sorted({*(c for c in checkpoints if c < n), n}):
        started = time.perf_counter()
        index.add(data[added:size])
        build += time.perf_counter() - started
        added = size
        sample = q[:LATENCY_QUERIES]
        point: dict[str, Any] = {"vectors": size, **single_query_ms(index, sample)}
        one = single_query_ms(index, sample, threads=1)
        point.update(p50_ms_1thread=one["p50_ms"], p95_ms_1thread=one["p95_ms"])
        curve.append(point)
    _, truth = index.search(q, K)
    np.save(gt_dir / f"truth-{n}.npy", truth)
    return {
        "spec": "flat",
        "vectors": n,
        "build_s": round(build, 2),
        "rss_delta_mib": round(rss_mib() - before, 1),
        "curve": curve,
        "params": [{"param": None, "recall@10": 1.0, **curve[-1]}],
    }


def measure_ann(n: int, spec: str, gt_dir: Path) -> dict[str, Any]:
    """Build time, memory growth, and recall@10 and latency over a sweep of search settings."""
    data = cached_vectors(n, gt_dir)
    q = queries(data)
    truth = np.load(gt_dir / f"truth-{n}.npy")
    before = rss_mib()
    started = time.perf_counter()
    index = make_index(spec, data)
    index.add(data)
    build = time.perf_counter() - started
    grown = rss_mib() - before
    kind = spec.split(":")[0]
    params = []
    for value in SWEEPS[kind]:
        _set_param(index, kind, value)
        _, found = index.search(q, K)
        params.append({"param": value, "recall@10": recall_at_k(found, truth)})
        params[-1].update(single_query_ms(index, q))
    return {
        "spec": spec,
        "vectors": n,
        "build_s": round(build, 2),
        "rss_delta_mib": round(grown, 1),
        "params": params,
    }


# ---------------------------------------------------------------- calibration (parent side)


def sweep_recall(data: np.ndarray, q: np.ndarray, truth: np.ndarray, spec: str) -> dict[str, float]:
    """Recall@10 of one index type over its search-parameter sweep (no timing)."""
    index = make_index(spec, data)
    index.add(data)
    kind = spec.split(":")[0]
    out = {}
    for value in SWEEPS[kind]:
        _set_param(index, kind, value)
        out[str(value)] = recall_at_k(index.search(q, K)[1], truth)
    return out


def calibration(real: np.ndarray, questions: np.ndarray, specs: Sequence[str]) -> dict[str, Any]:
    """How recall on the synthetic data compares with recall on the real index, at its size.

    Three query sets: the real chunk vectors searched with the labelled questions embedded by
    the real model, the real vectors with queries near points (as in the scale runs), and
    synthetic vectors of the same count with queries near points.
    """
    import faiss

    n = len(real)
    synthetic = vectors(n)
    sets = {
        "real vectors, real questions": (real, questions),
        "real vectors, queries near points": (real, queries(real)),
        "synthetic, queries near points": (synthetic, queries(synthetic)),
    }
    out: dict[str, Any] = {"vectors": n, "sets": {}}
    for label, (data, q) in sets.items():
        data = np.ascontiguousarray(data, dtype=np.float32)
        q = np.ascontiguousarray(q, dtype=np.float32)
        exact = faiss.IndexFlatIP(DIM)
        exact.add(data)
        truth = exact.search(q, K)[1]
        out["sets"][label] = {
            resolve(spec, n): sweep_recall(data, q, truth, resolve(spec, n)) for spec in specs
        }
    return out


# ---------------------------------------------------------------- plan (parent side)


def resolve(spec: str, n: int) -> str:
    """``ivf:auto`` as the repo's list count at ``n`` vectors (``assistant.index.ivf_lists``)."""
    return spec.replace("auto", str(ivf_lists(n)))


def projected_seconds(spec: str, small: dict[str, Any] | None, n: int) -> float:
    """Expected build time at ``n`` from the same index type's build at a smaller size."""
    if small is None:
        return float("inf")
    kind = spec.split(":")[0]
    ratio = n / small["vectors"]
    return small["build_s"] * ratio * GROWTH[kind] ** math.log10(ratio) + WORKER_OVERHEAD_S


def best_setting(result: dict[str, Any]) -> dict[str, Any] | None:
    """The cheapest search setting reaching the recall target within the latency target."""
    good = [
        p
        for p in result.get("params", [])
        if p["recall@10"] >= TARGET_RECALL and p["p95_ms"] <= TARGET_MS
    ]
    return min(good, key=lambda p: p["p95_ms"]) if good else None


def exact_limit(curve: Sequence[dict[str, Any]], key: str = "p95_ms") -> int | None:
    """Vector count where exact search's ``key`` latency reaches the target.

    Interpolated between the two measured sizes around the crossing; extrapolated from the
    last two sizes when every measured size is still under the target.
    """
    points = sorted((c["vectors"], c[key]) for c in curve)
    if len(points) < 2:
        return None
    if points[0][1] > TARGET_MS:
        return points[0][0]
    pairs = list(itertools.pairwise(points))
    (n0, t0), (n1, t1) = next(((a, b) for a, b in pairs if b[1] > TARGET_MS), pairs[-1])
    if t1 <= t0:
        return None
    return int(n0 + (TARGET_MS - t0) * (n1 - n0) / (t1 - t0))


def run(
    *,
    sizes: Sequence[int],
    specs: Sequence[str],
    budget: Budget,
    reserve_s: float,
    essential: Sequence[str],
) -> dict[str, Any]:
    """Every spec at every size, smallest first; larger builds only if their projection fits.

    ``essential`` specs run at every size whatever the budget (they are cheap).
    """
    results: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for n in sorted(sizes):
            for spec in ["flat", *specs]:
                concrete = resolve(spec, n)
                earlier = _latest(results, spec)
                projection = projected_seconds(spec, earlier, n) if earlier else 0.0
                room = budget.remaining() - reserve_s
                if spec != "flat" and spec not in essential and projection > room:
                    log(f"scale: skip {concrete} at {n:,} (projected {projection:.0f} s)")
                    skipped.append({"spec": concrete, "vectors": n, "projected_s": projection})
                    continue
                log(f"scale: {concrete} at {n:,} vectors (load {load_average()})")
                results.append(_run_one(n, concrete, spec, Path(tmp), sizes))
    return summarise(results, skipped)


def _latest(results: Sequence[dict[str, Any]], spec: str) -> dict[str, Any] | None:
    return next((r for r in reversed(results) if r["family"] == spec), None)


def _run_one(n: int, concrete: str, spec: str, tmp: Path, sizes: Sequence[int]) -> dict[str, Any]:
    args = ["benchmarks.scale", str(n), concrete, str(tmp)]
    if spec == "flat":
        args += ["--checkpoints", *(str(c) for c in _checkpoints(n, sizes))]
    result, wall = run_worker(args, timeout=3 * 3600.0)
    result.update(family=spec, worker_seconds=round(wall, 1))
    return result


def _checkpoints(n: int, sizes: Sequence[int]) -> list[int]:
    """Sizes on the way to ``n`` at which exact search latency is also measured."""
    return sorted({*(int(n * f) for f in (0.1, 0.2, 0.4)), *(s for s in sizes if s < n)})


def summarise(results: list[dict[str, Any]], skipped: list[dict[str, Any]]) -> dict[str, Any]:
    """Results plus the recommendation: which index at the largest size, and the exact limit."""
    largest = max((r["vectors"] for r in results), default=0)
    candidates = []
    for r in results:
        best = best_setting(r)
        r["meets_targets"] = best
        if r["vectors"] == largest and r["spec"] != "flat" and best:
            candidates.append((r["build_s"], r, best))
    flat = [r for r in results if r["spec"] == "flat"]
    curve = max(flat, key=lambda r: r["vectors"])["curve"] if flat else []
    recommended = None
    if candidates:
        _, r, best = min(candidates, key=lambda item: item[0])
        recommended = {"spec": r["spec"], "vectors": largest, "build_s": r["build_s"], **best}
    return {
        "synthetic": True,
        "data": (
            f"gaussian mixture calibrated on the real index: ~{PER_CLUSTER} points a cluster, "
            f"{WITHIN_SHARE:.0%} of variance within clusters, dim {DIM}, unit norm"
        ),
        "queries": QUERIES,
        "results": results,
        "skipped": skipped,
        "exact_curve": curve,
        "exact_limit_vectors": exact_limit(curve),
        "exact_limit_vectors_1thread": exact_limit(curve, "p95_ms_1thread"),
        "recommended": recommended,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale")
    parser.add_argument("n", type=int)
    parser.add_argument("spec")
    parser.add_argument("gt_dir", type=Path)
    parser.add_argument("--checkpoints", nargs="*", type=int, default=[])
    args = parser.parse_args()
    if args.spec == "flat":
        result = measure_flat(args.n, args.gt_dir, args.checkpoints)
    else:
        result = measure_ann(args.n, args.spec, args.gt_dir)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
