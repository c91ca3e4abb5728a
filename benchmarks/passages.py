"""Which signals choose the sentence an answer quotes: an ablation over the passage and
unanswerable questions of the labelled set and the dev half of the natural set (never the
held-out half), per language.

    python -m benchmarks.passages --index index/   # an index of the seeds + the whole CSV

Each row switches one signal off and reports accuracy with
``assistant.evaluation.judge``; the first row is the engine as configured.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from assistant.answer import Assistant, lexicon
from assistant.answer.evidence import Evidence
from assistant.evaluation import ask_with_history, judge, load_questions
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
FILES = (ROOT / "eval" / "questions.jsonl", ROOT / "eval" / "natural" / "dev.jsonl")
KINDS = ("passage", "unanswerable")


@contextmanager
def no_lexicon() -> Iterator[None]:
    """English words reach the Swedish text only as themselves."""
    original = lexicon.translate
    lexicon.translate = lambda word: ()  # type: ignore[assignment]
    try:
        yield
    finally:
        lexicon.translate = original  # type: ignore[assignment]


@contextmanager
def unchanged() -> Iterator[None]:
    yield


VARIANTS: list[tuple[str, Callable[[Evidence], Evidence], Callable[[], object]]] = [
    ("as configured", lambda e: e, unchanged),
    ("no shared-word weight", lambda e: replace(e, word_weight=0.0), unchanged),
    ("no sv↔en lexicon", lambda e: e, no_lexicon),
    ("no count bonus", lambda e: replace(e, count_bonus=0.0), unchanged),
    ("no why/where bonus", lambda e: replace(e, why_bonus=0.0, where_bonus=0.0), unchanged),
    ("no neighbour context", lambda e: replace(e, context_weight=0.0), unchanged),
]


def run(index: Path) -> list[tuple[str, dict[str, tuple[int, int]]]]:
    assistant = Assistant.open(Settings(index_dir=index))
    questions = [q for f in FILES for q in load_questions(f) if q.kind in KINDS]
    base = assistant.ctx
    rows = []
    for name, evidence, patch in VARIANTS:
        assistant.ctx = replace(base, evidence=evidence(base.evidence))
        counts = {"sv": [0, 0], "en": [0, 0]}
        with patch():  # type: ignore[attr-defined]
            for q in questions:
                ok = not judge(q, ask_with_history(assistant, q))
                counts[q.lang][0] += ok
                counts[q.lang][1] += 1
        rows.append((name, {k: (v[0], v[1]) for k, v in counts.items()}))
    assistant.ctx = base
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, default=ROOT / "index")
    args = parser.parse_args()
    print(f"{'variant':<26}{'sv':>10}{'en':>10}{'all':>10}")
    for name, c in run(args.index):
        right = c["sv"][0] + c["en"][0]
        asked = c["sv"][1] + c["en"][1]
        cells = [f"{c[k][0]}/{c[k][1]}" for k in ("sv", "en")]
        print(f"{name:<26}{cells[0]:>10}{cells[1]:>10}{right / asked:>10.3f}")


if __name__ == "__main__":
    main()
