"""Retrieval quality and answer accuracy on the labelled questions, ours beside the baselines."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from assistant.answer import Assistant
from assistant.evaluation import (
    Question,
    ask_with_history,
    judge,
    retrieval_metrics,
    retrieval_questions,
    retrieval_rank,
)
from assistant.search import Mode, Searcher

DEPTH = 10


def ranks_for(
    questions: Sequence[Question], rank: Callable[[Question], int | None]
) -> dict[str, Any]:
    """Recall@1/5/10 and MRR of one retrieval method, with the rank of every question."""
    ranks = [rank(q) for q in questions]
    metrics: dict[str, Any] = {k: round(v, 4) for k, v in retrieval_metrics(ranks).items()}
    metrics["ranks"] = {q.id: r for q, r in zip(questions, ranks)}
    return metrics


def mode_ranks(assistant: Assistant, questions: Sequence[Question], mode: Mode) -> dict[str, Any]:
    """Retrieval metrics of one search mode (evaluation.retrieval_rank semantics)."""
    return ranks_for(questions, lambda q: retrieval_rank(assistant, q, mode, depth=DEPTH))


def accuracy(assistant: Assistant, questions: Sequence[Question]) -> dict[str, Any]:
    """Answer accuracy per question kind, judged by evaluation.judge over ask_with_history."""
    by_kind: dict[str, list[bool]] = defaultdict(list)
    failures = {}
    for q in questions:
        problems = judge(q, ask_with_history(assistant, q))
        by_kind[q.kind].append(not problems)
        if problems:
            failures[q.id] = problems
    ok = [v for values in by_kind.values() for v in values]
    return {
        "n": len(ok),
        "overall": round(sum(ok) / (len(ok) or 1), 4),
        "kinds": {
            kind: {"n": len(v), "accuracy": round(sum(v) / len(v), 4)}
            for kind, v in sorted(by_kind.items())
        },
        "failures": failures,
    }


def with_fusion(assistant: Assistant, fusion: str) -> Assistant:
    """The same loaded index and model behind a searcher that fuses another way.

    The sentence-vector cache (vectors of sentence texts, whatever the fusion) is shared when
    the assistant has one, so the second fusion does not re-embed the same sentences.
    """
    settings = assistant.settings.model_copy(update={"fusion": fusion})
    searcher = Searcher(assistant.index, assistant.embedder, settings=settings)
    other = Assistant(settings=settings, searcher=searcher)
    for shared in ("_cache", "_lock"):
        if hasattr(assistant, shared) and hasattr(other, shared):
            setattr(other, shared, getattr(assistant, shared))
    return other


def evaluate(assistant: Assistant, questions: Sequence[Question]) -> dict[str, Any]:
    """Retrieval per mode and answer accuracy, for RRF (the default) and blend fusion."""
    retrieval = retrieval_questions(questions)
    out: dict[str, Any] = {"retrieval_questions": len(retrieval), "methods": {}, "fusion": {}}
    for mode in ("hybrid", "dense", "bm25"):
        out["methods"][mode] = mode_ranks(assistant, retrieval, mode)
    for fusion in ("rrf", "blend"):
        fused = assistant if fusion == assistant.settings.fusion else with_fusion(assistant, fusion)
        out["fusion"][fusion] = {
            "retrieval": mode_ranks(fused, retrieval, "hybrid"),
            "accuracy": accuracy(fused, questions),
        }
    out["accuracy"] = out["fusion"][assistant.settings.fusion]["accuracy"]
    return out
