"""Scoring the assistant on a labelled question file (format: eval/README.md)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answer import Assistant
from .errors import SourceError
from .models import Answer
from .search import Mode

KINDS = (
    "field",
    "passage",
    "cross",
    "followup",
    "unanswerable",
    "notfound",
    "compound",
    "compare",
    "describe",
    "place",
    "topic",
    "organisation",
)
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")


@dataclass(frozen=True, kw_only=True)
class Question:
    id: str
    kind: str
    lang: str
    question: str
    answered: bool
    history: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    section: str | None = None
    expect: tuple[str, ...] = ()
    count: int | None = None


@dataclass(kw_only=True)
class Outcome:
    question: Question
    answer: Answer
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def load_questions(path: Path) -> list[Question]:
    """Read a JSON-lines question file; a clear error names the bad line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SourceError(f"cannot read the question file {path}: {exc.strerror}") from exc
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            raw = json.loads(line)
            out.append(_question(raw))
        except (ValueError, KeyError, TypeError) as exc:
            raise SourceError(f"{path}:{n}: not a valid question ({exc})") from exc
    return out


def _question(raw: dict[str, Any]) -> Question:
    if raw["kind"] not in KINDS:
        raise ValueError(f"unknown kind {raw['kind']!r}")
    return Question(
        id=str(raw["id"]),
        kind=raw["kind"],
        lang=raw.get("lang", "sv"),
        question=raw["question"],
        answered=bool(raw["answered"]),
        history=tuple(raw.get("history", ())),
        projects=tuple(raw.get("projects", ())),
        section=raw.get("section"),
        expect=tuple(raw.get("expect", ())),
        count=raw.get("count"),
    )


def ask_with_history(assistant: Assistant, q: Question) -> Answer:
    history: list[Answer] = []
    for earlier in q.history:
        history.append(assistant.ask(earlier, history=history))
    return assistant.ask(q.question, history=history)


def judge(q: Question, answer: Answer) -> list[str]:
    """What is wrong with an answer (empty when it is right)."""
    problems = []
    if answer.answered != q.answered:
        problems.append(f"answered={answer.answered}, expected {q.answered}")
    if not q.answered:
        return problems
    text = _norm(answer.answer)
    problems += [f"missing {e!r}" for e in q.expect if _norm(e) not in text]
    cited = {c.project_id for c in answer.citations}
    missing = [p for p in q.projects if p not in cited]
    if missing:
        problems.append(f"not cited: {', '.join(missing)}")
    if q.count is not None and not re.search(rf"(?<!\d)(?<!\d )\b{q.count}(?![\d]| \d)", text):
        problems.append(f"count {q.count} not stated")
    cited_section = answer.citations[0].section_key if answer.citations else q.section
    if q.section and q.kind in ("field", "passage") and cited_section != q.section:
        problems.append(f"cited section {cited_section}, expected {q.section}")
    return problems


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).casefold()


def retrieval_rank(assistant: Assistant, q: Question, mode: Mode, *, depth: int = 10) -> int | None:
    """1-based rank of the first hit in the right project (and section, when labelled)."""
    hits = assistant.searcher.search(q.question, k=depth, mode=mode)
    for hit in hits:
        right_project = hit.project_id in q.projects
        right_section = q.section is None or hit.chunk.section_key == q.section
        if right_project and right_section:
            return hit.rank + 1
    return None


def retrieval_questions(questions: Sequence[Question]) -> list[Question]:
    """Questions whose answer stands in one known project section and that stand on their own."""
    return [
        q
        for q in questions
        if q.kind in ("field", "passage") and len(q.projects) == 1 and q.answered
    ]


def retrieval_metrics(ranks: Sequence[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {
        "n": len(ranks),
        "recall@1": sum(1 for r in ranks if r is not None and r <= 1) / n,
        "recall@5": sum(1 for r in ranks if r is not None and r <= 5) / n,
        "recall@10": sum(1 for r in ranks if r is not None and r <= 10) / n,
        "mrr": sum(1 / r for r in ranks if r is not None) / n,
    }


def run_eval(path: Path, *, assistant: Assistant) -> dict[str, Any]:
    questions = load_questions(path)
    outcomes = []
    for q in questions:
        answer = ask_with_history(assistant, q)
        outcomes.append(Outcome(question=q, answer=answer, problems=judge(q, answer)))
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_kind[o.question.kind].append(o)
    retrieval = {
        mode: retrieval_metrics(
            [retrieval_rank(assistant, q, mode) for q in retrieval_questions(questions)]
        )
        for mode in MODES
    }
    describe = [o for o in outcomes if o.question.kind == "describe"]
    return {
        "questions": len(outcomes),
        "by_kind_language": _by_kind_language(outcomes),
        "describe_vs_search": {
            "n": len(describe),
            "chat_names_it": sum(o.ok for o in describe),
            "search_ranks_it_first": sum(_search_first(assistant, o.question) for o in describe),
        },
        "accuracy": sum(o.ok for o in outcomes) / (len(outcomes) or 1),
        "kinds": {
            kind: {"n": len(items), "accuracy": sum(o.ok for o in items) / len(items)}
            for kind, items in sorted(by_kind.items())
        },
        "languages": {
            lang: sum(o.ok for o in outcomes if o.question.lang == lang)
            / max(1, sum(1 for o in outcomes if o.question.lang == lang))
            for lang in ("sv", "en")
        },
        "retrieval": retrieval,
        "failures": [
            {
                "id": o.question.id,
                "question": o.question.question,
                "answer": o.answer.answer,
                "problems": o.problems,
            }
            for o in outcomes
            if not o.ok
        ],
    }


def _by_kind_language(outcomes: Sequence[Outcome]) -> dict[str, dict[str, list[int]]]:
    """``{kind: {lang: [right, asked]}}``."""
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: {"sv": [0, 0], "en": [0, 0]})
    for o in outcomes:
        cell = table[o.question.kind][o.question.lang]
        cell[0] += o.ok
        cell[1] += 1
    return dict(table)


def _search_first(assistant: Assistant, q: Question) -> bool:
    """Whether plain hybrid search ranks a chunk of the expected project first."""
    hits = assistant.searcher.search(q.question, k=1)
    return bool(hits) and hits[0].project_id in q.projects


def format_report(report: dict[str, Any]) -> str:
    lines = [f"{report['questions']} questions, accuracy {report['accuracy']:.3f}", ""]
    lines.append(f"{'kind':<14}{'n':>5}{'accuracy':>10}{'sv':>10}{'en':>10}")
    for kind, row in report["kinds"].items():
        cells = report["by_kind_language"][kind]
        sv, en = (_cell(cells[lang]) for lang in ("sv", "en"))
        lines.append(f"{kind:<14}{row['n']:>5}{row['accuracy']:>10.3f}{sv:>10}{en:>10}")
    langs = report["languages"]
    lines.append(f"{'language':<14}{'':>5}{'':>10}{langs['sv']:>10.3f}{langs['en']:>10.3f}")
    d = report["describe_vs_search"]
    if d["n"]:
        lines.append(
            f"describe: chat names the project {d['chat_names_it']}/{d['n']}, "
            f"search ranks it first {d['search_ranks_it_first']}/{d['n']}"
        )
    lines.append("")
    lines.append(f"{'retrieval':<10}{'n':>5}{'R@1':>8}{'R@5':>8}{'R@10':>8}{'MRR':>8}")
    for mode, m in report["retrieval"].items():
        lines.append(
            f"{mode:<10}{m['n']:>5}{m['recall@1']:>8.3f}{m['recall@5']:>8.3f}"
            f"{m['recall@10']:>8.3f}{m['mrr']:>8.3f}"
        )
    if report["failures"]:
        lines.append("")
        lines.append("failures:")
        for f in report["failures"]:
            lines.append(f"- {f['id']}: {f['question']}")
            lines.append(f"    {'; '.join(f['problems'])}")
            lines.append(f"    answer: {f['answer'][:200]!r}")
    return "\n".join(lines)


def _cell(cell: list[int]) -> str:
    right, asked = cell
    return f"{right}/{asked}" if asked else "-"
