"""Build speed on a fixed sample: every chunk text embedded (the old way) against chunk vectors
derived from sentence vectors (``Settings.derive_chunks``, :mod:`assistant.vectorplan`).

``python -m benchmarks.buildspeed [--rows N] [--rounds R]`` builds the seeds plus a fixed random
sample of N CSV rows with the real model, each build a fresh worker process into a fresh folder,
the two methods alternating R times (so a change of machine load hits both), and prints one JSON
object. The same sample at the same load gives the ratio new/old that the whole corpus keeps.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from pathlib import Path
from typing import Any

from tests.csv_sample import records

from .common import CSV, DATA, load_average, log, run_worker

SEED = 11


def write_sample(target: Path, rows: int) -> Path:
    """The CSV header and ``rows`` records drawn with a fixed seed, raw and in file order."""
    header, found = records(CSV)
    keep = set(random.Random(SEED).sample(range(len(found)), min(rows, len(found))))
    with target.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header)
        for n, (_, raw) in enumerate(found):
            if n in keep:
                handle.write(raw)
    return target


def build_once(folder: Path, sample: Path, *, derive: bool, timeout: float) -> dict[str, Any]:
    """One build of the seeds and the sample in a worker; the worker's figures."""
    env = {"ASSISTANT_DERIVE_CHUNKS": "1" if derive else "0"}
    args = ["benchmarks.worker", "build", str(folder), str(DATA), str(sample)]
    result, wall = run_worker(args, timeout=timeout, env=env)
    result["process_seconds"] = round(wall, 2)
    result["load"] = load_average()
    return result


def compare(rows: int, rounds: int, *, timeout: float = 7200) -> dict[str, Any]:
    """Alternating builds of the two methods; per method every run and the best build time."""
    runs: dict[str, list[dict[str, Any]]] = {"embedded": [], "derived": []}
    with tempfile.TemporaryDirectory(prefix="buildspeed-") as tmp:
        sample = write_sample(Path(tmp) / "sample.csv", rows)
        for n in range(rounds):
            for name, derive in (("embedded", False), ("derived", True)):
                log(f"round {n + 1}: {name}")
                folder = Path(tmp) / f"{name}-{n}"
                runs[name].append(build_once(folder, sample, derive=derive, timeout=timeout))
    best = {k: min(r["build_seconds"] for r in v) for k, v in runs.items()}
    return {
        "rows": rows,
        "rounds": rounds,
        "runs": runs,
        "best_build_seconds": best,
        "ratio": round(best["derived"] / best["embedded"], 3) if best["embedded"] else None,
        "chars_ratio": round(
            runs["derived"][0]["embedded_chars"] / runs["embedded"][0]["embedded_chars"], 3
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.buildspeed")
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(compare(args.rows, args.rounds), indent=1))


if __name__ == "__main__":
    main()
