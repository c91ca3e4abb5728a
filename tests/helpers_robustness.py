"""A build or a CLI command run in a subprocess that stalls at a chosen stage (fault tests).

Usage::

    python tests/helpers_robustness.py build PHASE INDEX_DIR PATH...
    python tests/helpers_robustness.py cli PHASE ARG...

``build`` runs :func:`assistant.index.build_index` with the fake embedder; ``cli`` runs
``assistant.cli.main(ARG...)`` (the ``assistant`` command) with ``ASSISTANT_EMBEDDER=fake``
taken from the environment. PHASE is where the process stalls:

* ``embedding``: the embedder (a slow fake, registered as ``fake``) sleeps a little after
  every batch and stalls after the third one (the build lock is held, nothing is written yet);
* ``writing``: stalls while writing ``records.sqlite`` in the temporary generation folder
  (vectors, FAISS and BM25 files are already there);
* ``publishing``: stalls after the new generation folder is in place, before the manifest is
  replaced.

The last two are stages of :data:`assistant.index.FAULTS`, the index's fault-injection hook;
nothing private is patched.

On reaching the stage it prints ``STALLED <phase>`` to stdout (flushed) and waits until the
file named by ``HELPER_RELEASE`` exists (or ``HELPER_STALL_SECONDS``, default 60, pass), so a
test can kill it with SIGKILL at a known point, or let it go on.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant import cli, index
from assistant.embedding import Embedder, FakeEmbedder, register_embedder
from assistant.settings import Settings

BATCH_SLEEP = 0.01


def stall(phase: str) -> None:
    print(f"STALLED {phase}", flush=True)
    release = os.environ.get("HELPER_RELEASE")
    deadline = time.monotonic() + float(os.environ.get("HELPER_STALL_SECONDS", "60"))
    while time.monotonic() < deadline:
        if release and Path(release).exists():
            return
        time.sleep(0.02)


class StallingEmbedder(FakeEmbedder):
    """The fake embedder, slowed down, stalling after its third batch of documents."""

    def encode_documents(
        self,
        texts: Sequence[str],
        *,
        batch_size: int = 32,
        progress: Callable[[int, int], None] | None = None,
    ) -> np.ndarray:
        parts = []
        for n, start in enumerate(range(0, len(texts), batch_size)):
            parts.append(super().encode_documents(texts[start : start + batch_size]))
            time.sleep(BATCH_SLEEP)
            if n == 2:
                stall("embedding")
        return np.concatenate(parts) if parts else super().encode_documents(texts)


def stall_at(phase: str) -> Embedder:
    """Arrange to stall at ``phase``; the embedder a build should use."""
    if phase == "embedding":
        register_embedder("fake", StallingEmbedder, name=FakeEmbedder.name, replace=True)
        return StallingEmbedder()
    if phase in index.BUILD_STAGES:

        def on_stage(stage: str) -> None:
            if stage == phase:
                stall(phase)

        index.FAULTS.on_stage = on_stage
        return FakeEmbedder()
    raise SystemExit(f"unknown phase {phase!r}")


def main(argv: Sequence[str]) -> int:
    command, phase, *rest = argv
    embedder = stall_at(phase)
    if command == "build":
        index_dir, *paths = rest
        settings = Settings(index_dir=Path(index_dir), embedder="fake")
        report = index.build_index([Path(p) for p in paths], settings=settings, embedder=embedder)
        print(f"BUILT {report.generation} {report.chunks}", flush=True)
        return 0
    if command == "cli":
        return cli.main(rest)
    raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
