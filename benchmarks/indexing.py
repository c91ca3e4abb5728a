"""Indexing end to end (in a subprocess, for its peak memory) beside the raw embedder."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.embedding import Embedder
from assistant.index import Index

from .common import REPO, run_worker

SAMPLE = 256


def repo_relative(path: Path) -> str:
    """A path as seen from the repo root (the CSV stays ``../shared/...``, as in the Makefile)."""
    return os.path.relpath(path, REPO)


def build(
    index_dir: Path, paths: Sequence[Path], *, embedder: str, timeout: float
) -> dict[str, Any]:
    """Build ``paths`` into ``index_dir`` in a worker process and derive the throughput figures.

    The worker wraps the embedder in a pass-through timer, so ``embed_seconds`` is the raw
    embedder's time on exactly the texts the build embeds, with the build's batch size.
    """
    args = ["benchmarks.worker", "--embedder", embedder, "build", str(index_dir)]
    result, wall = run_worker([*args, *map(repo_relative, paths)], timeout=timeout)
    build_s, embed_s = result["build_seconds"], result["embed_seconds"]
    result.update(
        paths=[repo_relative(p) for p in paths],
        process_seconds=round(wall, 2),
        chunks_per_s=round(result["chunks"] / build_s, 1) if build_s else None,
        texts_per_s=round(result["embedded_texts"] / build_s, 1) if build_s else None,
        raw_texts_per_s=round(result["embedded_texts"] / embed_s, 1) if embed_s else None,
        raw_chars_per_s=round(result["embedded_chars"] / embed_s) if embed_s else None,
        build_over_raw=round(build_s / embed_s, 3) if embed_s else None,
        non_embedding_seconds=round(build_s - embed_s, 2),
    )
    return result


def standalone_sample(index: Index, embedder: Embedder, *, batch_size: int) -> dict[str, Any]:
    """The raw embedder on a fixed sample of the same chunk texts, outside any build.

    A cross-check of the in-build timer: chars/s here should be close to the build's.
    """
    texts = [c.embed_text for c in index.chunks]
    sample = random.Random(0).sample(texts, min(SAMPLE, len(texts)))
    started = time.perf_counter()
    embedder.encode_documents(sample, batch_size=batch_size)
    seconds = time.perf_counter() - started
    return {
        "texts": len(sample),
        "chars": sum(len(t) for t in sample),
        "seconds": round(seconds, 2),
        "chars_per_s": round(sum(len(t) for t in sample) / seconds) if seconds else None,
    }
