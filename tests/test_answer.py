"""The answer engine on the seed pages: fields, lists, cross-project, follow-ups, refusals.

These use the fake embedder; passage answers that need meaning are in test_integration.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.chunking import section_by_key
from assistant.index import build_index
from assistant.models import Answer
from assistant.records import RecordQuery
from assistant.settings import Settings

from .conftest import RecordingEmbedder


def check_citations(assistant: Assistant, answer: Answer) -> None:
    """Every [n] refers to a listed citation, every citation is used, every quote is verbatim."""
    used = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    listed = {c.n for c in answer.citations}
    assert used == listed
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for c in (*answer.citations, *answer.see_also):
        section = section_by_key(assistant.project(c.project_id), c.section_key)
        assert section is not None and c.quote in section.text


@pytest.mark.parametrize(
    ("question", "value", "lang"),
    [
        ("Hur mycket ESF-stöd fick KC2?", "3 804 849 kr", "sv"),
        ("How much ESF support did KC2 get?", "3 804 849 kr", "en"),
        ("Vad är den totala budgeten för Resurscenter?", "11 535 000 kr", "sv"),
        ("Vem är kontaktperson för KC2:s projekt?", "Veronica Borg", "sv"),
        ("Who is the contact person of resurscentret?", "agneta leonhardt", "en"),
        ("kc2 e-post", "veronica.borg@sv.se", "sv"),
        ("What is the phone number of Resurscentr?", "0480-450852", "en"),
        ("Vem är projektägare för KC2?", "Studieförbundet Vuxenskolan, avd Norra Jämtland", "sv"),
        ("Which region is KC2 in?", "Mellersta Norrland", "en"),
        (
            "Vilket programområde tillhör Resurscenter?",
            "Programområde 2 Ökat arbetskraftsutbud",
            "sv",
        ),
        ("What phase is KC2 in?", "Genomförande", "en"),
        ("När pågick KC2?", "2008-07-01 till 2011-06-30", "sv"),
    ],
)
def test_field_questions_give_the_exact_value(
    fake_assistant: Assistant, question: str, value: str, lang: str
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.answered and answer.kind == "field"
    assert value in answer.answer
    assert answer.language == lang
    assert answer.citations[0].section_key == "facts"
    check_citations(fake_assistant, answer)


def test_field_citation_points_at_the_value_in_the_source(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Hur mycket ESF-stöd fick KC2?")
    c = answer.citations[0]
    source = Path(c.source).read_text(encoding="utf-8")
    assert source[c.start : c.end].replace("\xa0", " ") == "3 804 849 kr"
    assert c.quote == "Beviljat ESF-stöd: 3 804 849 kr"


def test_list_question_names_every_cofinancier(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vilka är KC2:s medfinansiärer?")
    for name in (
        "Arbetsförmedlingen Strömsund",
        "Försäkringskassan Östersund",
        "Sociala enheten",
        "Ström-Alanäs Församling",
    ):
        assert name in answer.answer
    assert "4 medfinansiärer" in answer.answer
    assert answer.citations[0].section_key == "cofinanciers"
    check_citations(fake_assistant, answer)


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


def test_compare_two_projects(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Jämför ESF-stödet för KC2 och Resurscenter")
    assert answer.kind == "compare"
    assert "3 804 849 kr" in answer.answer and "4 614 000 kr" in answer.answer
    assert "809 151 kr" in answer.answer
    assert {c.project_id for c in answer.citations} == {"esf-kc2", "esf-resurscenter"}
    check_citations(fake_assistant, answer)


def test_followups_resolve_against_earlier_turns(fake_assistant: Assistant) -> None:
    history: list[Answer] = []
    for question in ("Vem är projektägare för KC2?", "Och hur mycket ESF-stöd fick det projektet?"):
        history.append(fake_assistant.ask(question, history=history))
    assert "3 804 849 kr" in history[-1].answer

    english: list[Answer] = [fake_assistant.ask("How much ESF support did Resurscenter get?")]
    english.append(fake_assistant.ask("And KC2?", history=english))
    assert "3 804 849 kr" in english[-1].answer
    english.append(fake_assistant.ask("Who is the contact person?", history=english))
    assert "Veronica Borg" in english[-1].answer
    assert english[-1].language == "en"


def test_unknown_project_says_so_and_suggests(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Hur mycket ESF-stöd fick projektet KC3?")
    assert not answer.answered and answer.kind == "notfound"
    assert "KC3" in answer.answer and "KC2" in answer.answer
    assert not re.search(r"\d \d{3} \d{3}", answer.answer)


def test_missing_field_is_not_guessed(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vilka län omfattar KC2?")
    assert not answer.answered
    assert "framgår inte" in answer.answer


@pytest.mark.parametrize("question", ["", "   ", "\x00\x07", "?" * 3, "x" * 10_000])
def test_bad_questions_get_a_clear_message(fake_assistant: Assistant, question: str) -> None:
    answer = fake_assistant.ask(question)
    assert not answer.answered and answer.kind == "invalid"
    assert answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "'; DROP TABLE projects; --",
        "<script>alert(1)</script> KC2?",
        "Vad är 🤖 budgeten för KC2 please?",
        "SELECT * FROM chunks WHERE 1=1",
    ],
)
def test_hostile_questions_never_break(fake_assistant: Assistant, question: str) -> None:
    answer = fake_assistant.ask(question)
    assert isinstance(answer.answer, str) and answer.answer
    check_citations(fake_assistant, answer)
    assert len(fake_assistant.index.records().project_ids(RecordQuery())) == 2


def test_passage_answers_use_the_sentence_vectors_stored_at_build_time(
    seed_dir: Path, fake_settings: Settings
) -> None:
    embedder = RecordingEmbedder()
    build_index([seed_dir], settings=fake_settings, embedder=embedder)
    assistant = Assistant.open(fake_settings, embedder=embedder)
    embedder.documents.clear()
    embedder.queries.clear()
    answer = assistant.ask("Vad är syftet med KC2?")
    assert answer.answered and answer.kind == "passage"
    assert answer.citations[0].section_key == "purpose"
    assert embedder.documents == []
    assert len(embedder.queries) == 1
