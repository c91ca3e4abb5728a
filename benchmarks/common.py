"""Shared helpers: where things are, timing statistics, process memory and the time budget."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
# The CSV lives beside the repo (never copied into it), so it is found relative to the repo.
CSV = REPO.parent / "shared" / "corpora" / "tillvaxtverket-2007-2013.csv"
QUESTIONS = REPO / "eval" / "questions.jsonl"
NATURAL = REPO / "eval" / "natural"
RESULTS = REPO / "benchmarks" / "results"


def ms_stats(seconds: Sequence[float]) -> dict[str, float]:
    """p50/p95/mean/max in milliseconds of a list of durations in seconds."""
    if not seconds:
        return {"n": 0, "p50_ms": float("nan"), "p95_ms": float("nan"), "mean_ms": float("nan")}
    a = np.asarray(seconds, dtype=np.float64) * 1000.0
    return {
        "n": len(a),
        "p50_ms": round(float(np.percentile(a, 50)), 2),
        "p95_ms": round(float(np.percentile(a, 95)), 2),
        "mean_ms": round(float(a.mean()), 2),
        "max_ms": round(float(a.max()), 2),
    }


def proc_status_kib(field_name: str, pid: int | str = "self") -> int:
    """A ``/proc/<pid>/status`` memory field (VmRSS, VmHWM, ...) in KiB; 0 when unavailable."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    return 0


def rss_mib() -> float:
    """Current resident memory of this process in MiB."""
    return proc_status_kib("VmRSS") / 1024


def peak_rss_mib() -> float:
    """Peak resident memory (high-water mark) of this process in MiB."""
    return proc_status_kib("VmHWM") / 1024


def load_average() -> float:
    """The 1-minute load average: other people's work on this machine skews every timing."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return float("nan")


@dataclass
class Budget:
    """Wall-clock budget of one run, so optional expensive measurements can be skipped in time."""

    seconds: float
    started: float = field(default_factory=time.perf_counter)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def remaining(self) -> float:
        return self.seconds - self.elapsed()


def run_worker(
    args: Sequence[str], *, timeout: float, env: dict[str, str] | None = None
) -> tuple[dict[str, Any], float]:
    """Run ``python -m <args>`` from the repo root (``env`` added to the environment); its last
    stdout line is a JSON result.

    Returns the result and the wall time of the whole process (interpreter start to exit).
    """
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, **(env or {})},
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(
            f"worker {' '.join(args[:2])} failed ({proc.returncode}): {proc.stderr[-2000:]}"
        )
    last = proc.stdout.strip().splitlines()[-1]
    result: dict[str, Any] = json.loads(last)
    return result, wall


def git_state() -> dict[str, Any]:
    """The commit the figures belong to, and whether the working tree had local edits."""

    def git(*args: str) -> str:
        out = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
        return out.stdout.strip()

    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(git("status", "-s"))}


def log(message: str) -> None:
    """Progress on stderr, so the table on stdout stays clean."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
