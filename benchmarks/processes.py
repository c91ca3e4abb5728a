"""Whole-process figures: memory of a loaded assistant, and time from start to first answer."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .common import REPO, run_worker


def loaded_memory(
    index_dir: Path, questions: Sequence[str], *, embedder: str, timeout: float
) -> dict[str, Any]:
    """Peak RSS (VmHWM) of a fresh process that loads the assistant and answers ``questions``."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(list(questions), fh, ensure_ascii=False)
        path = Path(fh.name)
    try:
        args = ["benchmarks.worker", "--embedder", embedder, "serve", str(index_dir), str(path)]
        result, wall = run_worker(args, timeout=timeout)
    finally:
        path.unlink(missing_ok=True)
    result["process_seconds"] = round(wall, 2)
    return result


def first_answer_seconds(index_dir: Path, question: str, *, embedder: str) -> float:
    """Seconds from spawning ``python -m assistant ... ask`` to the first line of its answer."""
    cmd = [sys.executable, "-m", "assistant", "--index-dir", str(index_dir)]
    cmd += ["--embedder", embedder, "ask", question]
    started = time.perf_counter()
    with subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        seconds = time.perf_counter() - started
        proc.stdout.read()
        if proc.wait() != 0 or not first.strip():
            raise RuntimeError(f"`{' '.join(cmd)}` gave no answer (exit {proc.returncode})")
    return seconds


def startup(index_dir: Path, question: str, *, embedder: str, runs: int) -> dict[str, Any]:
    """Start-up to first answer, several times: the first run may find cold file caches."""
    times = [first_answer_seconds(index_dir, question, embedder=embedder) for _ in range(runs)]
    return {
        "question": question,
        "runs": [round(t, 2) for t in times],
        "median_s": round(statistics.median(times), 2),
        "first_s": round(times[0], 2),
    }
