"""Hot spots with pyinstrument, for figures that miss their target: where does the time go?"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.index import Index, build_index
from assistant.settings import Settings

INTERVAL = 0.0005
TOP = 12


def _label(frame: Any) -> str:
    return f"{frame.function} ({frame.file_path_short}:{frame.line_no})"


def _is_ours(frame: Any) -> bool:
    path = str(frame.file_path or "")
    return "/assistant/" in path and "site-packages" not in path


def summarise_session(session: Any, *, top: int = TOP) -> dict[str, Any]:
    """Self time per function, and inclusive time of the assistant's own functions (shares).

    Inclusive time counts a function once per call stack, so recursion is not double counted.
    """
    root = session.root_frame()
    total = root.time if root is not None else 0.0
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()

    def walk(frame: Any, stack: frozenset[str]) -> None:
        label = _label(frame)
        real_children = [c for c in frame.children if not c.is_synthetic]
        own[label] += frame.time - sum(c.time for c in real_children)
        if _is_ours(frame) and label not in stack:
            inclusive[label] += frame.time
        for child in real_children:
            walk(child, stack | {label})

    if root is not None:
        walk(root, frozenset())

    def shares(counter: Counter[str]) -> list[dict[str, Any]]:
        return [
            {"function": k, "seconds": round(v, 3), "share": round(v / total, 3)}
            for k, v in counter.most_common(top)
            if total
        ]

    return {"seconds": round(total, 3), "self": shares(own), "inclusive": shares(inclusive)}


def profile(work: Callable[[], object], *, top: int = TOP) -> dict[str, Any]:
    """Run ``work`` under pyinstrument and summarise where its time went."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=INTERVAL)
    profiler.start()
    try:
        work()
    finally:
        profiler.stop()
    return summarise_session(profiler.last_session, top=top)


def profile_calls(fn: Callable[[str], object], questions: Sequence[str]) -> dict[str, Any]:
    """Hot spots of ``fn`` over every question, plus the per-call time."""
    result = profile(lambda: [fn(q) for q in questions])
    result["calls"] = len(questions)
    return result


class ReplayEmbedder:
    """Returns the vectors an index already holds, so a re-build profiles everything else."""

    def __init__(self, index: Index) -> None:
        self._vectors = {c.embed_text: index.vectors[n] for n, c in enumerate(index.chunks)}
        self.name = str(index.manifest["embedder"])
        self.dim = int(index.manifest["dim"])

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        raise NotImplementedError("a replay embedder only re-embeds indexed documents")

    def encode_documents(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: Any = None
    ) -> np.ndarray:
        return np.stack([self._vectors[t] for t in texts])


def profile_build_overhead(
    index: Index, paths: Sequence[Path], *, settings: Settings, index_dir: Path
) -> dict[str, Any]:
    """Hot spots of a build whose embedding costs nothing: the build's own overhead."""
    replay = settings.model_copy(update={"index_dir": index_dir})
    return profile(lambda: build_index(paths, settings=replay, embedder=ReplayEmbedder(index)))
