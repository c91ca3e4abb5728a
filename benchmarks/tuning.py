"""The measurement behind the search's tuned numbers: recall@5 and MRR of hybrid search on the
labelled questions and the natural dev sets (never the held-out half) as the blend's dense
weight (``blend_alpha``) and the named-section bonus (``section_weight``) vary.

    python -m benchmarks.tuning --index /path/to/index

Each question is embedded once; every setting searches with the same query vectors.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.answer import Assistant
from assistant.evaluation import Question, load_questions, retrieval_metrics, retrieval_questions
from assistant.search import Searcher
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SETS = (
    "eval/questions.jsonl",
    "eval/natural/dev.jsonl",
    "eval/natural/dev2.jsonl",
    "eval/natural/dev3.jsonl",
    "eval/natural/dev4.jsonl",
    "eval/natural/dev5.jsonl",
)
ALPHAS = (0.6, 0.7, 0.8, 0.9)
SECTION_WEIGHTS = (0.0, 0.1, 0.2, 0.4)


def rank(searcher: Searcher, q: Question, vector: np.ndarray, *, depth: int = 10) -> int | None:
    """1-based rank of the first hit in the right project (and section, when labelled)."""
    for hit in searcher.search(q.question, k=depth, query_vector=vector):
        if hit.project_id in q.projects and (
            q.section is None or hit.chunk.section_key == q.section
        ):
            return hit.rank + 1
    return None


def sweep(assistant: Assistant, questions: Sequence[Question]) -> list[tuple[float, float, dict]]:
    """Recall and MRR for every (alpha, section weight) pair."""
    vectors = assistant.searcher.embedder.encode_queries([q.question for q in questions])
    base = assistant.searcher
    out = []
    for alpha, weight in itertools.product(ALPHAS, SECTION_WEIGHTS):
        settings = base.settings.model_copy(update={"blend_alpha": alpha, "section_weight": weight})
        searcher = Searcher(base.index, base.embedder, settings=settings)
        ranks = [rank(searcher, q, v) for q, v in zip(questions, vectors)]
        out.append((alpha, weight, retrieval_metrics(ranks)))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="a built index (seeds + CSV)")
    args = parser.parse_args(argv)
    assistant = Assistant.open(Settings(index_dir=args.index))
    questions = [q for s in SETS for q in retrieval_questions(load_questions(ROOT / s))]
    current = (assistant.searcher.settings.blend_alpha, assistant.searcher.settings.section_weight)
    print(f"{len(questions)} retrieval questions (labelled + natural dev sets)\n")
    print(f"{'alpha':>6}{'section':>9}{'recall@1':>10}{'recall@5':>10}{'MRR':>8}")
    for alpha, weight, m in sweep(assistant, questions):
        mark = "  ← current" if (alpha, weight) == current else ""
        print(
            f"{alpha:>6.1f}{weight:>9.1f}{m['recall@1']:>10.3f}{m['recall@5']:>10.3f}"
            f"{m['mrr']:>8.3f}{mark}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
