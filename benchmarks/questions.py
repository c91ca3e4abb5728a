"""Question sets: the labelled questions, and varied ones for latency (templates over names)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from pathlib import Path

from assistant.evaluation import Question, load_questions
from assistant.models import Project

from .common import NATURAL, QUESTIONS

PROJECT_TEMPLATES = (
    "Hur mycket stöd fick {name}?",
    "Who is the project owner of {name}?",
    "Vem är kontaktperson för {name}?",
    "When did {name} run?",
    "Vilka kommuner omfattar {name}?",
    "What was the total budget of {name}?",
    "Vad är syftet med {name}?",
    "What are the goals of {name}?",
    "Beskriv projektet {name}.",
    "Vilka målgrupper vänder sig {name} till?",
    "Vilken region hör {name} till?",
    "What does {name} do for young people?",
)
REGION_TEMPLATES = (
    "Vilka projekt finns i {region}?",
    "How many projects are there in {region}?",
    "Vilket projekt fick mest stöd i {region}?",
)
TOPIC_TEMPLATES = (
    "Vilka projekt arbetar med {topic}?",
    "Which projects work on {topic}?",
    "projekt om {topic}",
)
YEAR_TEMPLATES = ("Hur många projekt pågick {year}?", "Which projects ran in {year}?")
PROJECT_TOPIC_TEMPLATES = (
    "Hur arbetar {name} med {topic}?",
    "What does {name} say about {topic}?",
    "Finns det något om {topic} i {name}?",
)
TOPICS = (
    "turism",
    "innovation",
    "entreprenörskap",
    "kompetensutveckling",
    "unga arbetslösa",
    "bredband",
    "förnybar energi",
    "besöksnäring",
    "integration av nyanlända",
    "miljöteknik",
    "livsmedel",
    "kvinnors företagande",
)


def labelled(path: Path = QUESTIONS) -> list[Question]:
    """The labelled evaluation questions (eval/questions.jsonl)."""
    return load_questions(path)


def natural(directory: Path = NATURAL, *, n: int, seed: int = 7) -> list[str]:
    """``n`` questions as people wrote them: the natural dev sets, never the held-out half.

    Follow-ups are left out (they need the conversation before them); the rest are drawn with
    a fixed seed so runs compare.
    """
    asked = [
        q.question
        for path in sorted(directory.glob("dev*.jsonl"))
        for q in load_questions(path)
        if not q.history
    ]
    return random.Random(seed).sample(asked, min(n, len(asked)))


def answerable_here(questions: Iterable[Question], project_ids: set[str]) -> list[Question]:
    """Questions an index of only some sources can be judged on (used by ``--quick``).

    Cross questions are dropped: their expected counts are over the whole corpus.
    """
    return [
        q
        for q in questions
        if set(q.projects) <= project_ids and not (q.kind == "cross" and q.answered)
    ]


def variations(projects: Sequence[Project], *, n: int, seed: int) -> list[str]:
    """``n`` varied questions: templates rotated over project names, regions, topics and years."""
    rng = random.Random(seed)
    names = [p.name for p in projects if p.name]
    regions = sorted({str(p.value("region")) for p in projects if p.value("region")}) or ["Norr"]
    out: list[str] = []
    for i in range(n):
        family, turn = i % 5, i // 5
        if family in (0, 1):
            template = PROJECT_TEMPLATES[(i // 2) % len(PROJECT_TEMPLATES)]
            out.append(template.format(name=rng.choice(names)))
        elif family == 2:
            template = PROJECT_TOPIC_TEMPLATES[turn % len(PROJECT_TOPIC_TEMPLATES)]
            out.append(template.format(name=rng.choice(names), topic=rng.choice(TOPICS)))
        elif family == 3:
            template = REGION_TEMPLATES[turn % len(REGION_TEMPLATES)]
            out.append(template.format(region=rng.choice(regions)))
        elif turn % 3 == 0:
            template = YEAR_TEMPLATES[turn % len(YEAR_TEMPLATES)]
            out.append(template.format(year=rng.randint(2007, 2014)))
        else:
            template = TOPIC_TEMPLATES[turn % len(TOPIC_TEMPLATES)]
            out.append(template.format(topic=rng.choice(TOPICS)))
    return out


def latency_set(
    questions: Sequence[Question], projects: Sequence[Project], *, n: int, seed: int = 7
) -> list[str]:
    """``n`` distinct questions: the labelled ones first, then variations."""
    out = list(dict.fromkeys(q.question for q in questions))[:n]
    extra = variations(projects, n=max(0, n - len(out)) * 3 + 50, seed=seed)
    for text in extra:
        if len(out) >= n:
            break
        if text not in out:
            out.append(text)
    return out
