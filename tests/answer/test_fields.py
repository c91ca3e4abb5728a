"""Field answers (``assistant.answer.fields``) on the seed pages with the fake embedder: exact
values and lists, each cited to its line; a missing value is said, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.answer.evidence import unavailable

from .helpers import check_citations


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


def test_missing_field_is_not_guessed(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vilka län omfattar KC2?")
    assert not answer.answered
    assert "framgår inte" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "What was KC2's ESF grant in euros?",
        "Hur mycket pengar bidrog Försäkringskassan med till KC2?",
    ],
)
def test_an_amount_the_records_do_not_hold_is_not_replaced_by_another(
    fake_assistant: Assistant, question: str
) -> None:
    answer = fake_assistant.ask(question)
    assert not answer.answered
    assert "3 804 849" not in answer.answer


def test_the_period_is_stated_without_a_tense_that_depends_on_today(
    fake_assistant: Assistant,
) -> None:
    answer = fake_assistant.ask("När pågick KC2?")
    assert answer.answer == "Projektperioden för KC2 är 2008-07-01 till 2011-06-30 [1]."


def test_a_one_item_list_is_said_in_the_singular(fake_assistant: Assistant) -> None:
    sv = fake_assistant.ask("Vilka samarbetspartners har KC2?")
    assert sv.answer.startswith("Samarbetspartner för KC2: Röda Korset [1]")
    en = fake_assistant.ask("Which partners does KC2 have?")
    assert en.answer.startswith("The partner of KC2 is Röda Korset [1]")


def test_an_email_or_phone_answer_says_whose_it_is(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vad har KC2 för telefonnummer?")
    assert answer.answer.index("Veronica Borg") < answer.answer.index("0670-126 10")
    check_citations(fake_assistant, answer)


def test_an_address_beside_an_email_is_the_email_address() -> None:
    assert unavailable("I need to email whoever ran it. Name and address?") is None
    assert unavailable("What is the postal address of KC2?") is not None
