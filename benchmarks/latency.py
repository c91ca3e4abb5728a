"""Warm query latency of ``search`` and ``ask``, beside the floor: embedding the question alone."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from assistant.answer import Assistant

from .common import load_average, ms_stats


def _timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def measure(
    assistant: Assistant, questions: Sequence[str], *, warmup: Sequence[str]
) -> dict[str, Any]:
    """Per question, interleaved: encode_queries alone, then ``search``, then ``ask``.

    Interleaving makes the three see the same machine load, so their ratios stay meaningful
    when other work runs on the machine. Warm-up questions run first and are not counted.
    """
    embedder, searcher = assistant.embedder, assistant.searcher
    for q in warmup:
        embedder.encode_queries([q])
        searcher.search(q)
        assistant.ask(q)
    load_before = load_average()
    floor, search, ask = [], [], []
    by_kind: dict[str, list[float]] = defaultdict(list)
    for q in questions:
        floor.append(_timed(embedder.encode_queries, [q])[0])
        searcher.forget_queries()
        search.append(_timed(searcher.search, q)[0])
        searcher.forget_queries()  # ask embeds the question itself, as a new question would
        seconds, answer = _timed(assistant.ask, q)
        ask.append(seconds)
        by_kind[answer.kind or "other"].append(seconds)
    result = {
        "questions": len(questions),
        "embed_query": ms_stats(floor),
        "search": ms_stats(search),
        "ask": ms_stats(ask),
        "ask_by_answer_kind": {k: ms_stats(v) for k, v in sorted(by_kind.items())},
        "load_average": [load_before, load_average()],
    }
    result["search_over_floor"] = _ratio(result["search"], result["embed_query"])
    result["ask_over_floor"] = _ratio(result["ask"], result["embed_query"])
    return result


def _ratio(stats: dict[str, float], floor: dict[str, float]) -> float:
    """End-to-end median over the median of embedding the question alone."""
    return round(stats["p50_ms"] / floor["p50_ms"], 2) if floor["p50_ms"] else float("nan")
