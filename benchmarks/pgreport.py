"""The ``postgres`` part's tables as text: both stores' build and latency on the CSV sample,
retrieval side by side on seeds + the whole CSV, the lexical variants, and pgvector HNSW
against FAISS IVF on synthetic vectors. Printed by ``make bench`` and by each module alone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def _ms(stats: dict[str, Any]) -> str:
    return f"{stats['p50_ms']:.1f} / {stats['p95_ms']:.1f}"


def sample_lines(pg: dict[str, Any]) -> list[str]:
    """Build, rebuild and warm latency of both stores on the seeds + the CSV sample."""
    if "files" not in pg:
        return []
    lines = [f"Both stores on {pg['scope']} ({pg['questions']} questions, {pg['embedder']}):"]
    rows = []
    for name in ("files", "postgres"):
        s = pg[name]
        rows.append(
            [
                name,
                f"{s['build']['seconds']:.1f} s",
                f"{s['rebuild_all_reused']['seconds']:.2f} s",
                _ms(s["search"]),
                _ms(s["ask"]),
            ]
        )
    header = ["store", "first build", "rebuild (reused)", "search p50/p95 ms", "ask p50/p95 ms"]
    lines += _table(header, rows)
    lines.append(
        f"  top-5 identical to the file store's: {pg['top5_identical_share']}; "
        f"same answer text: {pg['same_answer_share']}"
    )
    return lines


def recall_lines(recall: dict[str, Any]) -> list[str]:
    """Retrieval per store and mode, and answer accuracy, on seeds + the whole CSV."""
    b = recall["postgres_build"]
    lines = [
        f"Retrieval, both stores on {recall['scope']} ({recall['chunks']:,} chunks, "
        f"{recall['retrieval_questions']} labelled retrieval questions; PostgreSQL built in "
        f"{b['seconds']:.1f} s from the file index's vectors, {b['texts_embedded']} texts "
        "embedded):"
    ]
    rows = []
    for store, found in recall["stores"].items():
        for mode, m in found["retrieval"].items():
            rows.append(
                [
                    store,
                    "lexical" if mode == "bm25" else mode,
                    f"{m['recall@1']:.3f}",
                    f"{m['recall@5']:.3f}",
                    f"{m['recall@10']:.3f}",
                    f"{m['mrr']:.3f}",
                ]
            )
        if "accuracy" in found:
            acc = found["accuracy"]
            rows.append([store, f"answers (n={acc['n']})", "", "", "", f"acc {acc['overall']:.3f}"])
    lines += _table(["store", "search", "R@1", "R@5", "R@10", "MRR"], rows)
    lexical = recall.get("lexical")
    if lexical:
        lines.append(
            f"PostgreSQL lexical side (trigram GIN index built in {lexical['trgm_index_s']} s; "
            f"database ctype {lexical['database_ctype']}):"
        )
        rows = []
        for variant, v in lexical["variants"].items():
            r = v["retrieval"]
            rows.append(
                [
                    variant,
                    f"{r['bm25']['recall@5']:.3f}",
                    f"{r['bm25']['mrr']:.3f}",
                    f"{r['hybrid']['recall@5']:.3f}",
                    f"{r['hybrid']['mrr']:.3f}",
                    _ms(v["lexical_query"]),
                ]
            )
        header = ["variant", "lexical R@5", "lexical MRR", "hybrid R@5", "hybrid MRR"]
        lines += _table([*header, "query p50/p95 ms"], rows)
    return lines


def scale_lines(scale: dict[str, Any]) -> list[str]:
    """pgvector HNSW against FAISS IVF per size: build, recall@10 and one-query latency."""
    lines = [
        f"pgvector HNSW vs FAISS IVF (SYNTHETIC 384-d unit vectors, {scale['queries']} queries "
        "near points, one core each; recall@10 against exact search):"
    ]
    rows = []
    for r in scale["results"]:
        n = f"{r['vectors']:,}"
        ivf, hnsw = r["faiss_ivf"], r["pgvector_hnsw"]
        for p in ivf["sweep"]:
            rows.append(
                [
                    n,
                    f"FAISS {ivf['index']}",
                    f"{ivf['build_s']:.1f} s",
                    f"nprobe {p['nprobe']}",
                    f"{p['recall@10']:.3f}",
                    _ms(p),
                ]
            )
        build = f"{hnsw['build_s']:.0f} s ({hnsw['build_rate_per_s']}/s)"
        for p in hnsw["sweep"]:
            rows.append(
                [
                    n,
                    hnsw["index"],
                    build,
                    f"ef_search {p['ef_search']}",
                    f"{p['recall@10']:.3f}",
                    _ms(p),
                ]
            )
    header = ["vectors", "index", "build", "search setting", "recall@10", "p50/p95 ms"]
    return lines + _table(header, rows)


def section(pg: dict[str, Any] | None) -> str:
    """Every table the part measured (empty when it did not run)."""
    if not pg:
        return ""
    lines = sample_lines(pg)
    if pg.get("recall"):
        lines += recall_lines(pg["recall"])
    if pg.get("vector_scale"):
        lines += scale_lines(pg["vector_scale"])
    return "\n".join(lines)
