"""Targets (PASS/MISS, never asserted), the one summary table, and the short detail sections."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from . import pgreport

Row = tuple[str, str, str, str, str]
BASELINES = ("dense", "bm25", "naive")
LABELS = {
    "dense": "dense only",
    "bm25": "BM25 only",
    "naive": "naive RAG: 500 chars, dense",
}


def _get(data: dict[str, Any], *path: str) -> Any:
    """``data[a][b]...`` or None when any step is missing."""
    for key in path:
        if not isinstance(data, dict) or data.get(key) is None:
            return None
        data = data[key]
    return data


def _status(ok: bool | None) -> str:
    return "" if ok is None else ("PASS" if ok else "MISS")


def _check(value: float | None, op: str, limit: float) -> bool | None:
    if value is None or value != value:  # missing or NaN
        return None
    return value >= limit if op == ">=" else value <= limit


# ---------------------------------------------------------------- derived figures


def retrieval_rows(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every retrieval method's metrics by short name (hybrid, blend, dense, bm25, naive)."""
    quality = results.get("quality") or {}
    methods = dict(quality.get("methods") or {})
    for fusion, found in (quality.get("fusion") or {}).items():
        if fusion != results["meta"]["fusion"]:
            methods[f"hybrid:{fusion}"] = found["retrieval"]
    naive = _get(results, "naive", "retrieval")
    if naive:
        methods["naive"] = naive
    return methods


def method_label(name: str, results: dict[str, Any]) -> str:
    """``hybrid`` is the configured fusion (ours); ``hybrid:X`` the same search fused by X."""
    if name == "hybrid":
        return f"hybrid, {results['meta']['fusion']} fusion (ours)"
    if name.startswith("hybrid:"):
        return f"hybrid, {name.partition(':')[2]} fusion"
    cost = _get(results, "naive", "cost") or {}
    if name == "naive" and cost.get("projects", 0) < cost.get("corpus_projects", 0):
        return f"{LABELS[name]} (on {cost['projects']} projects: an upper bound)"
    return LABELS[name]


def margin_over_baselines(results: dict[str, Any]) -> tuple[float, str] | None:
    """Hybrid recall@5 minus the best baseline's, and which baseline that is."""
    methods = retrieval_rows(results)
    if "hybrid" not in methods:
        return None
    present = [b for b in BASELINES if b in methods]
    if not present:
        return None
    best = max(present, key=lambda b: methods[b]["recall@5"])
    return methods["hybrid"]["recall@5"] - methods[best]["recall@5"], best


def ann_headline(scale: dict[str, Any] | None) -> dict[str, Any] | None:
    """The approximate index judged at the largest size: the recommended one, else the best."""
    if not scale:
        return None
    if scale.get("recommended"):
        return dict(scale["recommended"])
    largest = max((r["vectors"] for r in scale["results"]), default=0)
    params = [
        {"spec": r["spec"], "vectors": largest, "build_s": r["build_s"], **p}
        for r in scale["results"]
        if r["vectors"] == largest and r["spec"] != "flat"
        for p in r["params"]
    ]
    return max(params, key=lambda p: (p["recall@10"], -p["p95_ms"])) if params else None


def repo_ann(results: dict[str, Any]) -> dict[str, Any] | None:
    """The repo's configured approximate index and search setting at the largest size: what a
    user of a corpus that large gets (None when it was not measured there)."""
    scale, meta = results.get("scale"), results.get("meta", {})
    if not scale or not meta.get("repo_ann"):
        return None
    largest = max((r["vectors"] for r in scale["results"]), default=0)
    for r in scale["results"]:
        if r.get("family") == meta["repo_ann"] and r["vectors"] == largest:
            p = next((p for p in r["params"] if p["param"] == meta["repo_ann_param"]), None)
            if p:
                return {"spec": r["spec"], "vectors": largest, "build_s": r["build_s"], **p}
    return None


# ---------------------------------------------------------------- targets


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every target of the issue, with the measured value and PASS/MISS (None: not measured)."""
    full = _get(results, "latency", "full")
    ann = repo_ann(results) or ann_headline(results.get("scale"))
    margin = margin_over_baselines(results)
    size = f"{ann['vectors']:,}" if ann else "1M"
    checks: list[tuple[str, Any, str, float]] = [
        (
            "hybrid recall@5 >= 0.95",
            _get(results, "quality", "methods", "hybrid", "recall@5"),
            ">=",
            0.95,
        ),
        ("hybrid recall@5 above every baseline", margin[0] if margin else None, ">=", 1e-9),
        (
            "answer accuracy field >= 0.95",
            _get(results, "quality", "accuracy", "kinds", "field", "accuracy"),
            ">=",
            0.95,
        ),
        (
            "answer accuracy cross >= 0.95",
            _get(results, "quality", "accuracy", "kinds", "cross", "accuracy"),
            ">=",
            0.95,
        ),
        ("search p95 <= 50 ms warm", _get(full or {}, "search", "p95_ms"), "<=", 50.0),
        ("ask p95 <= 150 ms warm", _get(full or {}, "ask", "p95_ms"), "<=", 150.0),
        (
            "ask p95 <= 150 ms warm, natural questions",
            _get(results, "latency", "natural", "ask", "p95_ms"),
            "<=",
            150.0,
        ),
        ("search <= 1.5x embedding alone", _get(full or {}, "search_over_floor"), "<=", 1.5),
        ("ask <= 1.5x embedding alone", _get(full or {}, "ask_over_floor"), "<=", 1.5),
        ("indexing <= 1.2x raw embedder", _get(results, "indexing", "build_over_raw"), "<=", 1.2),
        ("full build <= 10 min", _get(results, "indexing", "build_seconds"), "<=", 600.0),
        (
            "search and answers complete <= 10 min",
            _get(results, "indexing", "searchable_seconds"),
            "<=",
            600.0,
        ),
        (
            "answer <= 60 s into the first build",
            _get(results, "indexing", "first_answer_seconds"),
            "<=",
            60.0,
        ),
        (f"ANN at {size} recall@10 >= 0.95", ann["recall@10"] if ann else None, ">=", 0.95),
        (f"ANN at {size} p95 <= 20 ms", ann["p95_ms"] if ann else None, "<=", 20.0),
        (
            "loaded assistant <= 1 GB RSS",
            _get(results, "memory", "assistant", "peak_rss_mib"),
            "<=",
            1024.0,
        ),
        ("first answer <= 5 s", _get(results, "startup", "median_s"), "<=", 5.0),
        (
            "hallucinations removed = 100 %",
            _get(results, "llm", "hallucinated_removed"),
            ">=",
            1.0,
        ),
        ("correct sentences removed = 0 %", _get(results, "llm", "correct_removed"), "<=", 0.0),
    ]
    return [
        {"target": name, "value": value, "status": _status(_check(value, op, limit)) or "n/a"}
        for name, value, op, limit in checks
    ]


# ---------------------------------------------------------------- the table


def _ms(stats: dict[str, Any] | None) -> str:
    return f"{stats['p50_ms']:.1f} / {stats['p95_ms']:.1f} ms" if stats else "-"


def _metrics(m: dict[str, Any]) -> str:
    return f"{m['recall@1']:.3f} / {m['recall@5']:.3f} / {m['mrr']:.3f}"


def _status_of(checks: list[dict[str, Any]], prefix: str) -> str:
    found = next((c for c in checks if c["target"].startswith(prefix)), None)
    return "" if found is None or found["status"] == "n/a" else found["status"]


def quality_rows(results: dict[str, Any], checks: list[dict[str, Any]]) -> list[Row]:
    quality = results.get("quality")
    if not quality:
        return []
    scope = f"quality ({quality['scope']}, n={quality['retrieval_questions']})"
    rows: list[Row] = []
    for name, m in retrieval_rows(results).items():
        target = "R@5 >= 0.95" if name == "hybrid" else ""
        status = _status_of(checks, "hybrid recall@5 >=") if name == "hybrid" else ""
        label = method_label(name, results)
        rows.append((scope, f"{label}: R@1 / R@5 / MRR", _metrics(m), target, status))
    margin = margin_over_baselines(results)
    if margin:
        rows.append(
            (
                scope,
                f"hybrid R@5 minus best baseline ({margin[1]})",
                f"{margin[0]:+.3f}",
                "> 0",
                _status_of(checks, "hybrid recall@5 above"),
            )
        )
    for fusion in ("rrf", "blend"):
        acc = _get(quality, "fusion", fusion, "accuracy")
        if not acc:
            continue
        kinds = acc["kinds"]
        for kind in ("field", "cross"):
            if kind in kinds:
                ours = fusion == results["meta"]["fusion"]
                rows.append(
                    (
                        f"answers ({quality['scope']})",
                        f"accuracy {kind} ({fusion}), n={kinds[kind]['n']}",
                        f"{kinds[kind]['accuracy']:.3f}",
                        ">= 0.95" if ours else "",
                        _status_of(checks, f"answer accuracy {kind}") if ours else "",
                    )
                )
        detail = ", ".join(f"{k} {v['accuracy']:.2f}" for k, v in kinds.items())
        rows.append(
            (
                f"answers ({quality['scope']})",
                f"accuracy all ({fusion}), n={acc['n']}",
                f"{acc['overall']:.3f}  [{detail}]",
                "",
                "",
            )
        )
    return rows


def first_answer_rows(ix: dict[str, Any], scope: str, checks: list[dict[str, Any]]) -> list[Row]:
    """When the first build's records and BM25 were usable, and its first answer came."""
    if "first_answer_seconds" not in ix:
        return []
    answered = "answered" if ix.get("first_answer_answered") else "NOT answered"
    return [
        (
            scope,
            "records + BM25 published (from process start)",
            f"{ix['lexical_seconds']:.1f} s",
            "",
            "",
        ),
        (
            scope,
            "first answer (from process start)",
            f"{ix['first_answer_seconds']:.1f} s ({answered}; "
            f"the ask {ix['first_answer_ask_seconds']:.1f} s)",
            "<= 60 s",
            _status_of(checks, "answer <= 60 s"),
        ),
    ]


def searchable_rows(ix: dict[str, Any], scope: str, checks: list[dict[str, Any]]) -> list[Row]:
    """When search and every answer were complete, the sentence vectors still to come."""
    if ix.get("searchable_seconds") is None:
        return []
    return [
        (
            scope,
            "search and answers complete (chunk vectors published)",
            f"{ix['searchable_seconds'] / 60:.1f} min",
            "<= 10 min",
            _status_of(checks, "search and answers complete"),
        )
    ]


def indexing_rows(results: dict[str, Any], checks: list[dict[str, Any]]) -> list[Row]:
    ix = results.get("indexing")
    if not ix:
        return []
    scope = f"indexing ({ix['scope']})"
    rows: list[Row] = [
        (
            scope,
            "build_index end to end",
            f"{ix['chunks']} chunks + {ix.get('sentences', 0)} sentences in "
            f"{ix['build_seconds']:.1f} s = {ix['chunks_per_s']} chunks/s",
            "",
            "",
        ),
        (
            scope,
            "raw embedder, same texts & batch",
            f"{ix['embedded_texts']} texts in {ix['embed_seconds']:.1f} s = "
            f"{ix['raw_texts_per_s']}/s ({ix['raw_chars_per_s']} chars/s)",
            "",
            "",
        ),
        (
            scope,
            "build / raw embedder",
            f"{ix['build_over_raw']:.3f}x",
            "<= 1.2x",
            _status_of(checks, "indexing"),
        ),
        (scope, "whole process (start, model, build)", f"{ix['process_seconds']:.1f} s", "", ""),
        (
            scope,
            "full build (the quoted sentences' vectors included)",
            f"{ix['build_seconds'] / 60:.1f} min",
            "<= 10 min",
            _status_of(checks, "full build"),
        ),
        *searchable_rows(ix, scope, checks),
        *first_answer_rows(ix, scope, checks),
        (scope, "peak RSS of the build process", f"{ix['peak_rss_mib']:.0f} MiB", "", ""),
    ]
    sample = ix.get("standalone_sample")
    if sample:
        rows.append(
            (
                scope,
                f"raw embedder alone, {sample['texts']}-text sample",
                f"{sample['chars_per_s']} chars/s",
                "",
                "",
            )
        )
    return rows


_ASK_TARGETS = {"full": "ask p95 <= 150 ms warm", "natural": "ask p95 <= 150 ms warm, natural"}


def latency_rows(results: dict[str, Any], checks: list[dict[str, Any]]) -> list[Row]:
    rows: list[Row] = []
    for name, lat in (results.get("latency") or {}).items():
        headline = name == "full"
        scope = f"latency warm ({lat['scope']}, n={lat['questions']})"
        rows += [
            (
                scope,
                "search p50 / p95",
                _ms(lat["search"]),
                "p95 <= 50 ms" if headline else "",
                _status_of(checks, "search p95") if headline else "",
            ),
            (
                scope,
                "ask p50 / p95",
                _ms(lat["ask"]),
                "p95 <= 150 ms" if headline or name == "natural" else "",
                _status_of(checks, _ASK_TARGETS[name]) if name in _ASK_TARGETS else "",
            ),
            (scope, "embed question alone p50 / p95 (floor)", _ms(lat["embed_query"]), "", ""),
            (
                scope,
                "search / floor (p50)",
                f"{lat['search_over_floor']:.2f}x",
                "<= 1.5x" if headline else "",
                _status_of(checks, "search <=") if headline else "",
            ),
            (
                scope,
                "ask / floor (p50)",
                f"{lat['ask_over_floor']:.2f}x",
                "<= 1.5x" if headline else "",
                _status_of(checks, "ask <=") if headline else "",
            ),
        ]
    return rows


def process_rows(results: dict[str, Any], checks: list[dict[str, Any]]) -> list[Row]:
    rows: list[Row] = []
    mem = _get(results, "memory", "assistant")
    if mem:
        rows.append(
            (
                "memory",
                f"loaded assistant, {mem['questions']} answers: peak RSS",
                f"{mem['peak_rss_mib']:.0f} MiB (after load {mem['loaded_rss_mib']:.0f})",
                "<= 1024 MiB",
                _status_of(checks, "loaded assistant"),
            )
        )
    start = results.get("startup")
    if start:
        runs = ", ".join(f"{t:.2f}" for t in start["runs"])
        rows.append(
            (
                "start-up",
                "process start to first answer (median)",
                f"{start['median_s']:.2f} s  [{runs}]",
                "<= 5 s",
                _status_of(checks, "first answer"),
            )
        )
    return rows


def scale_rows(results: dict[str, Any], checks: list[dict[str, Any]]) -> list[Row]:
    scale = results.get("scale")
    if not scale:
        return []
    scope = "scale (SYNTHETIC vectors)"
    rows: list[Row] = []
    for r in scale["results"]:
        if r["spec"] == "flat":
            last = r["curve"][-1]
            rows.append(
                (
                    scope,
                    f"exact FlatIP at {r['vectors']:,}: p50 / p95",
                    f"{last['p50_ms']:.1f} / {last['p95_ms']:.1f} ms "
                    f"(1 thread {last['p95_ms_1thread']:.1f}); +{r['rss_delta_mib']:.0f} MiB",
                    "",
                    "",
                )
            )
    limit, limit1 = scale.get("exact_limit_vectors"), scale.get("exact_limit_vectors_1thread")
    rows.append(
        (
            scope,
            "exact search p95 reaches 20 ms at about",
            f"{limit or 0:,} vectors (1 thread: {limit1 or 0:,})",
            "",
            "",
        )
    )
    meta = results["meta"]
    for r in scale["results"]:
        if r.get("family") == meta.get("repo_ann"):
            p = next((p for p in r["params"] if p["param"] == meta["repo_ann_param"]), None)
            if p:
                rows.append(
                    (
                        scope,
                        f"repo index {r['spec']} param {p['param']} at {r['vectors']:,}",
                        _ann_text(r, p),
                        "",
                        "",
                    )
                )
    for s in scale["skipped"]:
        rows.append(
            (
                scope,
                f"{s['spec']} at {s['vectors']:,}",
                f"not run: projected build {s['projected_s'] / 60:.0f} min",
                "",
                "",
            )
        )
    ann = repo_ann(results)
    judged = "repo index"
    if ann is None:
        ann, judged = ann_headline(scale), "best ANN"
    if ann:
        size = f"{ann['vectors']:,}"
        rows.append(
            (
                scope,
                f"{judged} at {size}: {ann['spec']} param {ann['param']}",
                f"recall@10 {ann['recall@10']:.3f}, build {ann['build_s']:.0f} s",
                ">= 0.95",
                _status_of(checks, f"ANN at {size} recall"),
            )
        )
        rows.append(
            (
                scope,
                f"{judged} at {size}: p50 / p95",
                _ms(ann),
                "p95 <= 20 ms",
                _status_of(checks, f"ANN at {size} p95"),
            )
        )
    best = scale.get("recommended")
    if best:
        rows.append(
            (
                scope,
                f"cheapest index meeting both at {best['vectors']:,}",
                f"{best['spec']} param {best['param']}: recall@10 {best['recall@10']:.3f}, "
                f"p95 {best['p95_ms']:.1f} ms, build {best['build_s']:.0f} s",
                "",
                "",
            )
        )
    return rows


def _ann_text(r: dict[str, Any], p: dict[str, Any]) -> str:
    return (
        f"recall@10 {p['recall@10']:.3f}, p95 {p['p95_ms']:.2f} ms, "
        f"build {r['build_s']:.0f} s, +{r['rss_delta_mib']:.0f} MiB"
    )


def llm_rows(results: dict[str, Any], checks: list[dict[str, Any]]) -> list[Row]:
    """Verification of model-written answers against the scripted server (``benchmarks.llm``)."""
    llm = results.get("llm")
    if not llm:
        return []
    rows: list[Row] = [
        (
            "llm",
            f"scripted hallucinations removed ({llm['hallucinated']} sentences)",
            f"{llm['hallucinated_removed']:.0%}",
            "= 100 %",
            _status_of(checks, "hallucinations removed"),
        ),
        (
            "llm",
            f"correct sentences removed ({llm['correct']} sentences)",
            f"{llm['correct_removed']:.0%}",
            "= 0 %",
            _status_of(checks, "correct sentences removed"),
        ),
        (
            "llm",
            f"verify() per answer ({llm['answers']} answers)",
            f"{llm['verify_ms_median']:.2f} ms median, {llm['verify_ms_max']:.2f} ms max",
            "",
            "",
        ),
    ]
    for kind, v in llm["by_kind"].items():
        rows.append(("llm", f"  {kind}", f"{v['removed']}/{v['of']} removed", "", ""))
    return rows


ROW_BUILDERS: tuple[Callable[[dict[str, Any], list[dict[str, Any]]], list[Row]], ...] = (
    quality_rows,
    indexing_rows,
    latency_rows,
    process_rows,
    scale_rows,
    llm_rows,
)


def table(results: dict[str, Any]) -> str:
    """The one summary table: every figure, and PASS/MISS beside those with a target."""
    checks = results["targets"]
    rows: list[Row] = [row for build in ROW_BUILDERS for row in build(results, checks)]
    header: Row = ("section", "measure", "value", "target", "status")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    lines = [_line(header, widths), _line(tuple("-" * w for w in widths), widths)]
    previous = ""
    for row in rows:
        shown = ("" if row[0] == previous else row[0], *row[1:])
        previous = row[0]
        lines.append(_line(shown, widths))
    return "\n".join(lines)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()


# ---------------------------------------------------------------- short sections


def sections(results: dict[str, Any]) -> str:
    """Short detail sections: targets summary, scale sweep, latency by kind, the PostgreSQL
    store's tables, hot spots, notes."""
    parts = [_targets_section(results), _scale_section(results), _kinds_section(results)]
    parts += [pgreport.section(results.get("postgres"))]
    parts += [_profile_section(results), _notes_section(results)]
    return "\n\n".join(p for p in parts if p)


def _targets_section(results: dict[str, Any]) -> str:
    checks = results["targets"]
    passed = sum(c["status"] == "PASS" for c in checks)
    missed = [c["target"] for c in checks if c["status"] == "MISS"]
    text = f"Targets: {passed} PASS, {len(missed)} MISS, "
    text += f"{sum(c['status'] == 'n/a' for c in checks)} not measured."
    return text + ("\nMissed: " + "; ".join(missed) if missed else "")


def _scale_section(results: dict[str, Any]) -> str:
    scale = results.get("scale")
    if not scale:
        return ""
    lines = [f"Scale sweep ({scale['data']}; SYNTHETIC, {scale['queries']} queries near points)"]
    for r in scale["results"]:
        if r["spec"] == "flat":
            curve = ", ".join(
                f"{_count(c['vectors'])} {c['p95_ms']:.1f}/{c['p95_ms_1thread']:.1f}"
                for c in r["curve"]
            )
            lines.append(f"  flat {r['vectors']:,}: p95 ms default/1-thread: {curve}")
            continue
        sweep = ", ".join(
            f"{p['param']}: {p['recall@10']:.3f} {p['p95_ms']:.2f}ms" for p in r["params"]
        )
        lines.append(
            f"  {r['spec']} {r['vectors']:,}: build {r['build_s']:.1f} s, "
            f"+{r['rss_delta_mib']:.0f} MiB; recall@10 p95 by param: {sweep}"
        )
    calib = scale.get("calibration")
    if calib:
        lines.append(f"  calibration at {calib['vectors']:,} vectors, recall@10 by param:")
        for label, by_spec in calib["sets"].items():
            for spec, sweep in by_spec.items():
                shown = " ".join(f"{k}:{v:.2f}" for k, v in sweep.items())
                lines.append(f"    {label:<34} {spec:<12} {shown}")
    rec = scale.get("recommended")
    if rec:
        lines.append(
            f"  recommended at {rec['vectors']:,}: {rec['spec']} with param {rec['param']} "
            f"(cheapest build meeting recall >= 0.95 and p95 <= 20 ms)"
        )
    return "\n".join(lines)


def _count(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


def _kinds_section(results: dict[str, Any]) -> str:
    lines = []
    for name in ("full", "natural"):
        found = _get(results, "latency", name)
        if not found:
            continue
        lines.append(f"ask latency by answer kind ({found['scope']}), p50 / p95:")
        for kind, stats in found["ask_by_answer_kind"].items():
            lines.append(f"  {kind:<12} n={stats['n']:<4} {_ms(stats)}")
    return "\n".join(lines)


def _profile_section(results: dict[str, Any]) -> str:
    prof = results.get("profile")
    if not prof:
        return ""
    lines = ["Hot spots (pyinstrument; share of the profiled time):"]
    for name, summary in prof.items():
        lines.append(f"  {name} ({summary['seconds']:.1f} s profiled)")
        for item in summary["inclusive"][:8]:
            lines.append(f"    incl {item['share']:6.1%}  {item['function']}")
        for item in summary["self"][:5]:
            lines.append(f"    self {item['share']:6.1%}  {item['function']}")
    return "\n".join(lines)


def _notes_section(results: dict[str, Any]) -> str:
    meta = results["meta"]
    lines = [
        f"Notes: {meta['cpus']} CPUs; load average {meta['load_start']} at start, "
        f"{meta.get('load_end')} at end (other work on the machine slows every figure); "
        f"total {meta.get('elapsed_s', 0) / 60:.1f} min; embedder {meta['embedder']}; "
        f"commit {meta['git']['commit']}{' (dirty tree)' if meta['git']['dirty'] else ''}.",
    ]
    if meta.get("skipped_parts"):
        lines.append("Skipped parts: " + ", ".join(meta["skipped_parts"]))
    return "\n".join(lines)
