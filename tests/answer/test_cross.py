"""Questions across projects (``assistant.answer.cross``) on the seed pages with the fake
embedder: which projects have a partner, ran in a period, got the largest grant; named groups."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.settings import Settings

from .helpers import assistant_over, check_citations


def test_abbreviations_in_the_data_are_understood(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vilka projekt har Arbetsförmedlingen som medfinansiär?")
    assert answer.kind == "cross" and answer.answered
    assert set(answer.project_ids) == {"esf-kc2", "esf-resurscenter"}
    quotes = {c.project_id: c.quote for c in answer.citations}
    assert quotes["esf-resurscenter"] == "Af Kalmar"
    check_citations(fake_assistant, answer)


def test_cross_project_by_partner_lists_only_matches(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Which projects have Röda Korset as a partner?")
    assert answer.project_ids == ("esf-kc2",)
    assert answer.language == "en"
    check_citations(fake_assistant, answer)


def test_cross_project_by_period_and_largest_grant(fake_assistant: Assistant) -> None:
    late = fake_assistant.ask("Vilka projekt pågick 2011?")
    assert late.project_ids == ("esf-kc2",)
    largest = fake_assistant.ask("Vilket projekt fick störst ESF-stöd?")
    assert largest.project_ids[0] == "esf-resurscenter"
    assert "4 614 000 kr" in largest.answer
    total = fake_assistant.ask("Hur mycket stöd beviljades totalt?")
    assert "8 418 849 kr" in total.answer
    count = fake_assistant.ask("Hur många projekt finns i Strömsunds kommun?")
    assert count.answer.startswith("1 projekt")
    for answer in (late, largest, total, count):
        check_citations(fake_assistant, answer)


def test_a_document_without_owner_or_region_does_not_break_cross_questions(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "note.md").write_text(
        "# Anteckning\n\nEtt möte om samverkan.\n\nInga fakta här.\n", encoding="utf-8"
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask("Vilka projekt har Arbetsförmedlingen som medfinansiär?")
    assert set(answer.project_ids) == {"esf-kc2", "esf-resurscenter"}
    owner = assistant.ask("Vilka projekt har Socialförvaltningen som projektägare?")
    assert owner.project_ids == ("esf-resurscenter",)


def test_which_of_the_named_projects_ranges_over_them(
    seed_dir: Path, fake_settings: Settings
) -> None:
    for n in (1, 2):
        (seed_dir / f"fjallbuss-{n}.md").write_text(
            f"# Fjällbuss Norr {n}\n\nEn busslinje mellan fjällbyarna, etapp {n}.\n",
            encoding="utf-8",
        )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask("Vilka av Fjällbuss Norr-projekten finns i källorna?")
    assert answer.kind == "cross" and answer.answered
    assert len(answer.project_ids) == 2
    assert "2 projekt med ”Fjällbuss Norr” i namnet" in answer.answer
    check_citations(assistant, answer)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Mellersta Norrland - how big is that programme area, counted in projects?", "KC2"),
        ("Vad har Socialförvaltningen drivit för projekt?", "Resurscenter"),
        ("How many projects is Region Mellersta Norrland (the programme area) part of?", "KC2"),
        ("Vad har Socialförvaltningen i Stockholm haft för projekt?", "Resurscenter"),
        ("Socialförvaltningen - what projects does it own here?", "Resurscenter"),
        ("Socialförvaltningen appears as owner - on how many records?", "Resurscenter"),
        (
            "Has the Social Services Department (Socialförvaltningen) itself owned any project"
            " here? Which?",
            "Resurscenter",
        ),
    ],
)
def test_a_count_or_list_asked_in_other_words_is_answered_from_the_records(
    fake_assistant: Assistant, question: str, expected: str
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.kind == "cross" and answer.answered
    assert expected in answer.answer and " 1 " in f" {answer.answer}"
    check_citations(fake_assistant, answer)


def test_an_organisations_projects_in_a_place_are_narrowed_to_it(
    fake_assistant: Assistant,
) -> None:
    inside = fake_assistant.ask("Hur många projekt har Socialförvaltningen haft i Kalmar?")
    assert inside.kind == "cross" and inside.answered and "Resurscenter" in inside.answer
    assert "Kalmar" in inside.answer
    outside = fake_assistant.ask("Hur många projekt har Socialförvaltningen haft i Sundsvall?")
    assert outside.kind == "cross" and not outside.answered
    assert "Resurscenter" not in outside.answer and "KC2" not in outside.answer
    located = fake_assistant.ask("Socialförvaltningen i Sundsvall: how many projects?")
    assert located.answered and "Resurscenter" in located.answer


@pytest.mark.parametrize(
    "question",
    [
        "Which project did Studieförbundet Vuxenskolan get money for, and how much was that?",
        "Har Studieförbundet Vuxenskolan själv stått som stödmottagare? För vad, och med vilket"
        " belopp?",
        "Studieförbundet Vuxenskolan shows up as owner of which projects?",
        "Vad har Studieförbundet Vuxenskolan drivit för projekt med stöd härifrån?",
        "Which projects was Studieförbundet Vuxenskolan itself the beneficiary of? I mean"
        " projects it owned, not ones that just cover its area.",
        "Studieförbundet Vuxenskolan som projektägare: vilka projekt, och hur mycket fick de ihop?",
    ],
)
def test_which_project_an_organisation_got_money_for_lists_its_projects(
    fake_assistant: Assistant, question: str
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.kind == "cross" and answer.answered, answer.answer
    assert answer.project_ids == ("esf-kc2",)
    check_citations(fake_assistant, answer)


def test_words_that_say_where_a_place_is_are_no_topic(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask(
        "Strömsund, the municipality north of Östersund: what is its project count?"
    )
    assert answer.kind == "cross" and answer.answered, answer.answer
    assert answer.project_ids == ("esf-kc2",)


def test_what_an_organisations_grants_come_to_is_their_sum(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask(
        "Studieförbundet Vuxenskolan as beneficiary: what do all its projects' grants come to"
        " together?"
    )
    assert answer.kind == "cross" and answer.answered, answer.answer
    assert "3 804 849 kr" in answer.answer and answer.project_ids == ("esf-kc2",)
