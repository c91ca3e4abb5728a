"""The ``llm`` part: what verifying a model-written answer costs and whether it catches what it
should, against the scripted OpenAI-compatible server of the tests (no real model needed).

For each passage question on the seed pages (fake embedder: retrieval does not matter here),
the server returns a correct cited answer (source sentences, or in English a sentence naming
the project and section), then the same answer with one scripted hallucination appended: an
invented number, a sentence without a citation, a citation to a source that does not exist, a
quote that is not verbatim, an invented name; and a whole answer in the wrong language. Counted:
the share of hallucinated sentences removed (target 100 %), the share of correct sentences
removed (target 0 %), and the time ``verify()`` takes per answer.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path
from typing import Any

from .common import DATA

QUESTIONS = (
    ("sv", "Vad är syftet med KC2?"),
    ("sv", "Varför startades KC2?"),
    ("sv", "Berätta om KC2"),
    ("sv", "Vad är syftet med Resurscenter?"),
    ("sv", "Hur arbetar Resurscenter med deltagarna?"),
    ("en", "What is the purpose of KC2?"),
    ("en", "What is the background of Resurscenter?"),
    ("en", "How does KC2 work with the participants?"),
)
HALLUCINATIONS: dict[str, dict[str, str]] = {
    "invented number": {
        "sv": "Projektet fick 9 999 999 kr [1].",
        "en": "The project received 9 999 999 kronor [1].",
    },
    "no citation": {
        "sv": "Projektet var mycket framgångsrikt.",
        "en": "The project was a great success.",
    },
    "nonexistent source": {
        "sv": "Projektet pågick i många år [9].",
        "en": "The project ran for many years [9].",
    },
    "quote not verbatim": {
        "sv": "Källan skriver ”deltagarna blev lyckligare än någonsin” [1].",
        "en": "The source says “deltagarna blev lyckligare än någonsin” [1].",
    },
    "invented name": {
        "sv": "Projektet leddes av Volvo Personvagnar [1].",
        "en": "The project was led by Volvo Cars [1].",
    },
}
WRONG_LANGUAGE = {
    "sv": "The project is about work and training [1]. It ran for several years [1].",
    "en": "Projektet handlar om arbete och utbildning [1]. Det pågick i flera år [1].",
}
REPEATS = 50


def correct(lang: str, sources: list[Any]) -> str:
    """A correct answer from the prompt's sources: their first sentences (Swedish), or a
    sentence naming the project and section of each (English)."""
    from tests.fake_llm import first_sentence

    if lang == "sv":
        return " ".join(f"{first_sentence(s.text)} [{s.n}]" for s in sources[:2])
    return " ".join(
        f"The project {s.project} writes about this in the section {s.section} [{s.n}]."
        for s in sources[:2]
    )


def measure(tmp: Path) -> dict[str, Any]:
    from assistant.answer import Assistant
    from assistant.embedding import FakeEmbedder
    from assistant.generate.verify import sentences, verify
    from assistant.index import build_index
    from assistant.settings import Settings
    from tests.fake_llm import Reply, Running

    shutil.copytree(DATA, tmp / "data")
    running = Running()
    fake = running.fake
    settings = Settings(
        index_dir=tmp / "index",
        data_dir=tmp / "data",
        cache_dir=tmp / "cache",
        embedder="fake",
        llm="openai",
        llm_base_url=fake.base_url,
        llm_model="scripted",
        llm_stream=False,
        llm_timeout=10,
    )
    build_index([tmp / "data"], settings=settings, embedder=FakeEmbedder())
    assistant = Assistant.open(settings, embedder=FakeEmbedder())
    per_kind: dict[str, list[int]] = {}
    good = [0, 0]  # correct sentences removed, correct sentences
    costs: list[float] = []
    answers = 0
    try:
        for lang, question in QUESTIONS:
            scripts: list[tuple[str, Any, int]] = [("correct", None, 0)]
            scripts += [(k, v[lang], 1) for k, v in HALLUCINATIONS.items()]
            scripts.append(("wrong language", WRONG_LANGUAGE[lang], -1))
            for kind, bad, n_bad in scripts:

                def reply(
                    sources: list[Any], bad: Any = bad, n_bad: int = n_bad, lang: str = lang
                ) -> str:
                    if n_bad < 0:
                        return str(bad)
                    return correct(lang, sources) + (f" {bad}" if bad else "")

                fake.set(Reply(reply))
                draft = assistant.ask_stream(question)
                answer = draft.result()
                if not draft.streams:
                    raise RuntimeError(f"not a model-written question: {question}")
                answers += 1
                sources = [m.source for m in draft.materials]
                started = time.perf_counter()
                for _ in range(REPEATS):
                    verify(draft.text, sources, language=answer.language)
                costs.append((time.perf_counter() - started) / REPEATS * 1000)
                total = len(sentences(draft.text))
                removed = len(answer.removed)
                if n_bad < 0:
                    per_kind.setdefault(kind, [0, 0])
                    per_kind[kind][0] += removed
                    per_kind[kind][1] += total
                    continue
                good_total = total - n_bad
                good_removed = removed - n_bad if removed >= n_bad else removed
                good[0] += max(0, good_removed)
                good[1] += good_total
                if n_bad:
                    bad_text = str(bad).split(" [")[0].rstrip(".")
                    caught = int(any(r.sentence.startswith(bad_text[:20]) for r in answer.removed))
                    per_kind.setdefault(kind, [0, 0])
                    per_kind[kind][0] += caught
                    per_kind[kind][1] += 1
    finally:
        running.stop()
    caught = sum(v[0] for v in per_kind.values())
    planted = sum(v[1] for v in per_kind.values())
    return {
        "questions": len(QUESTIONS),
        "answers": answers,
        "hallucinated_removed": caught / planted if planted else None,
        "hallucinated": planted,
        "correct_removed": good[0] / good[1] if good[1] else None,
        "correct": good[1],
        "by_kind": {k: {"removed": v[0], "of": v[1]} for k, v in per_kind.items()},
        "verify_ms_median": round(statistics.median(costs), 3),
        "verify_ms_max": round(max(costs), 3),
    }
