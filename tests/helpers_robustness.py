"""A build or a CLI command run in a subprocess that stalls at a chosen stage (fault tests).

Usage::

    python tests/helpers_robustness.py build PHASE INDEX_DIR PATH...
    python tests/helpers_robustness.py cli PHASE ARG...

``build`` runs :func:`assistant.index.build_index` with the fake embedder; ``cli`` runs
``assistant.cli.main(ARG...)`` (the ``assistant`` command) with ``ASSISTANT_EMBEDDER=fake``
taken from the environment. PHASE is where the process stalls:

* ``embedding``: the fake embedder sleeps a little after every batch and stalls after the
  third one (the build lock is held, nothing is written yet);
* ``writing``: stalls while writing ``records.sqlite`` in the temporary generation folder
  (vectors, FAISS and BM25 files are already there);
* ``publishing``: stalls after the new generation folder is in place, before the manifest is
  replaced.

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
from typing import Any

import numpy as np

from assistant import cli, index
from assistant.embedding import FakeEmbedder
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


def patch(phase: str) -> None:
    if phase == "embedding":
        original = FakeEmbedder.encode_documents

        def slow_encode(
            self: FakeEmbedder,
            texts: Sequence[str],
            *,
            batch_size: int = 32,
            progress: Callable[[int, int], None] | None = None,
        ) -> np.ndarray:
            parts = []
            for n, start in enumerate(range(0, len(texts), batch_size)):
                parts.append(original(self, texts[start : start + batch_size]))
                time.sleep(BATCH_SLEEP)
                if n == 2:
                    stall(phase)
            return np.concatenate(parts) if parts else original(self, texts)

        FakeEmbedder.encode_documents = slow_encode  # type: ignore[method-assign]
    elif phase in ("writing", "publishing"):
        name = "_write_records" if phase == "writing" else "_atomic_write"
        original_step = getattr(index, name)

        def stalled(*args: Any, **kwargs: Any) -> Any:
            stall(phase)
            return original_step(*args, **kwargs)

        setattr(index, name, stalled)
    else:
        raise SystemExit(f"unknown phase {phase!r}")


def main(argv: Sequence[str]) -> int:
    command, phase, *rest = argv
    patch(phase)
    if command == "build":
        index_dir, *paths = rest
        settings = Settings(index_dir=Path(index_dir), embedder="fake")
        report = index.build_index(
            [Path(p) for p in paths], settings=settings, embedder=FakeEmbedder()
        )
        print(f"BUILT {report.generation} {report.chunks}", flush=True)
        return 0
    if command == "cli":
        return cli.main(rest)
    raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
