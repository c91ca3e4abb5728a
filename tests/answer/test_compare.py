"""Comparisons (``assistant.answer.compare``) on the seed pages with the fake embedder: the
projects side by side, what they share, and which is larger, longer, earlier or later."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.settings import Settings

from ..sources.helpers import TVV_HEADER, tvv_row
from .helpers import assistant_over, check_citations, write_tvv


def test_compare_two_projects(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Jämför ESF-stödet för KC2 och Resurscenter")
    assert answer.kind == "compare"
    assert "3 804 849 kr" in answer.answer and "4 614 000 kr" in answer.answer
    assert "809 151 kr" in answer.answer
    assert {c.project_id for c in answer.citations} == {"esf-kc2", "esf-resurscenter"}
    check_citations(fake_assistant, answer)


@pytest.mark.parametrize(
    "question",
    [
        "Jämför Resurscenter och KC2",
        "What distinguishes KC2 from Resurscenter?",
        "How are KC2 and Resurscenter connected?",
        "Vad har KC2 och Resurscenter gemensamt?",
        "How do KC2 and Resurscenter differ?",
    ],
)
def test_comparisons_put_the_projects_side_by_side(
    fake_assistant: Assistant, question: str
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.kind == "compare" and answer.answered
    for value in ("Socialförvaltningen", "Studieförbundet Vuxenskolan", "4 614 000", "3 804 849"):
        assert value in answer.answer
    assert "Af Kalmar / Arbetsförmedlingen Strömsund" in answer.answer
    assert {c.project_id for c in answer.citations} == {"esf-kc2", "esf-resurscenter"}
    check_citations(fake_assistant, answer)


def test_which_of_two_is_larger_says_by_how_much(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Which of KC2 and Resurscenter is larger?")
    assert "So Resurscenter has 809 151 kr more" in answer.answer


def test_which_ran_longer_compares_the_periods(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vilket pågick längst, KC2 eller Resurscenter?")
    assert "KC2 pågick alltså längre (1094 dagar) än Resurscenter (913 dagar)" in answer.answer


def test_comparing_a_list_field_does_not_compare_grants(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Har KC2 och Resurscenter några medfinansiärer gemensamt?")
    assert answer.kind == "compare"
    assert "Gemensamt för båda: medfinansiärer" in answer.answer
    assert not re.search(r"\d kr\b", answer.answer)
    check_citations(fake_assistant, answer)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Vilket startade först, KC2 eller Resurscenter?", "Resurscenter startade alltså först"),
        ("Which of KC2 and Resurscenter ended later?", "So KC2 ended later (2011-06-30)"),
    ],
)
def test_which_started_first_or_ended_last_compares_the_dates(
    fake_assistant: Assistant, question: str, said: str
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.kind == "compare" and said in answer.answer
    check_citations(fake_assistant, answer)


def test_a_compared_amount_a_project_lacks_is_said_with_the_amount_it_has(
    fake_assistant: Assistant,
) -> None:
    answer = fake_assistant.ask(
        "Vilket hade störst offentlig finansiering, KC2 eller Resurscenter?"
    )
    assert answer.kind == "compare"
    assert answer.answer.count("framgår inte") == 2, answer.answer
    assert "4 614 000" in answer.answer and "3 804 849" in answer.answer
    check_citations(fake_assistant, answer)


def test_a_quoted_name_is_compared_not_read_as_a_description(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "pajala.md").write_text(
        '# Förstudie "Framtid Pajala"\n\nNäringslivet i Pajala ska utvecklas.\n', encoding="utf-8"
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask('Vilket projekt är störst, KC2 eller Förstudie "Framtid Pajala"?')
    assert answer.kind == "compare" and len(answer.project_ids) == 2, answer.answer


def test_which_got_more_beside_another_fact_still_compares_the_grants(
    fake_assistant: Assistant,
) -> None:
    answer = fake_assistant.ask("KC2 eller Resurscenter – vilket fick mest, och vem äger dem?")
    assert answer.kind == "compare"
    assert "4 614 000" in answer.answer and "Studieförbundet Vuxenskolan" in answer.answer
    assert "mer i beviljat stöd" in answer.answer


def test_a_part_asking_the_texts_is_answered_for_each_compared_project(
    fake_assistant: Assistant,
) -> None:
    answer = fake_assistant.ask(
        "Resurscenter vs KC2: hur många deltagare hade de, och vilket fick mest pengar?"
    )
    assert answer.kind == "compare"
    assert "809 151 kr" in answer.answer
    told = answer.answer.split("809 151 kr", 1)[1]
    assert "Resurscenter" in told and "KC2" in told
    check_citations(fake_assistant, answer)


def test_how_long_beside_an_amount_compares_both(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vad skiljer Resurscenter och KC2 åt i belopp och längd?")
    assert "809 151 kr" in answer.answer
    assert "2008-05-01" in answer.answer and "2011-06-30" in answer.answer


def test_the_aspects_named_are_compared_a_field_side_by_side_the_rest_from_each_text(
    fake_assistant: Assistant,
) -> None:
    answer = fake_assistant.ask(
        "Vad skiljer KC2 och Resurscenter åt när det gäller målgrupp och beviljat belopp?"
    )
    assert answer.kind == "compare"
    assert "4 614 000" in answer.answer and "3 804 849" in answer.answer
    told = answer.answer.split("mer i beviljat stöd", 1)[1].splitlines()[1:]
    assert len(told) == 2  # the target group, per project: quoted or said to be missing
    assert any("KC2" in line for line in told) and any("Resurscenter" in line for line in told)
    check_citations(fake_assistant, answer)


def test_which_was_bigger_beside_dates_shows_both_grants(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("KC2 and Resurscenter - which was bigger, and when did each start?")
    assert "4 614 000" in answer.answer and "3 804 849" in answer.answer
    assert "2008-05-01" in answer.answer and "2008-07-01" in answer.answer
    check_citations(fake_assistant, answer)


def test_who_led_them_is_asked_of_both(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask(
        "Hur stor är skillnaden i stöd mellan KC2 och Resurscenter? Vilka ledde dem?"
    )
    assert answer.kind == "compare"
    assert answer.answer.count("rojektledare") >= 2 or answer.answer.count("ontaktperson") >= 2
    check_citations(fake_assistant, answer)


@pytest.mark.parametrize(
    "question",
    [
        "KC2 and Resurscenter: how do their grants and project periods compare?",
        "Hur stora var stöden för KC2 och Resurscenter, och hur länge höll respektive projekt på?",
        "KC2 compared with Resurscenter: how much more did one get, and when did each run?",
        "KC2 och Resurscenter – vad skiljer i stöd, och när startade respektive projekt?",
    ],
)
def test_grants_and_periods_asked_in_other_words_are_both_compared(
    fake_assistant: Assistant, question: str
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.kind == "compare"
    assert "4 614 000" in answer.answer and "3 804 849" in answer.answer
    assert "2008-05-01" in answer.answer and "2011-06-30" in answer.answer
    check_citations(fake_assistant, answer)


def _owner_csv(seed_dir: Path) -> None:
    rows = [
        ("2001", "Karolinerföreningen mot vision 2018", "Naboer AB", "1113000", "Mattias Jaktlund"),
        ("2002", "Gränsregionalt samarbete", "Naboer AB", "125000", "Lennart Adsten"),
        ("2003", "Engagera mera!", "Uddevalla kommun", "4388000", "Cornelia Kirpensteijn"),
        (
            "2004",
            "Institutionelt samarbejde mellem skolerne",
            "Roskilde Universitet",
            "136035",
            "Marie Brobeck",
        ),
        ("2005", "En exemplarisk kunskapsregion", "Malmö högskola", "503100", "Marie Brobeck"),
    ]
    text = TVV_HEADER + "".join(
        tvv_row(
            arende_id=case,
            projektnamn=name,
            projektnamn_short=name,
            stodmottagare=owner,
            beviljat_belopp_sek=grant,
            projektledare=leader,
            projektbeskrivning="Föreningen vill engagera fler ungdomar i gränsbygden.",
        )
        for case, name, owner, grant, leader in rows
    )
    (seed_dir / "agare.csv").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("question", "both"),
    [
        (
            "Naboer AB står bakom både karolinerföreningen och Gränsregionalt samarbete."
            " Vilket fick mest EU-pengar och vem är projektledare i de två?",
            ("Mattias Jaktlund", "Lennart Adsten"),
        ),
        (
            "Marie Brobeck led both the institutional cooperation and En exemplarisk"
            " kunskapsregion. Which got more?",
            ("136 035", "503 100"),
        ),
        (
            "Naboer AB hade Gränsregionalt samarbete och arbetet mot vision 2018 – vem ledde"
            " vad, och vilket fick mest?",
            ("Mattias Jaktlund", "Lennart Adsten"),
        ),
    ],
)
def test_the_other_project_of_an_owner_or_manager_named_beside_one_is_compared(
    seed_dir: Path, fake_settings: Settings, question: str, both: tuple[str, str]
) -> None:
    _owner_csv(seed_dir)
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask(question)
    assert answer.kind == "compare", answer.answer
    assert all(value in answer.answer for value in both)
    assert "Cornelia" not in answer.answer
    check_citations(assistant, answer)


def test_which_ran_longer_keeps_the_other_facts_asked(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("KC2 and Resurscenter: which ran longer, and who led each?")
    assert answer.kind == "compare"
    assert "2008-05-01" in answer.answer and "Veronica Borg" in answer.answer


def test_a_difference_in_money_is_said_only_when_money_is_asked(
    fake_assistant: Assistant,
) -> None:
    answer = fake_assistant.ask("KC2 och Resurscenter: när startade respektive projekt?")
    assert answer.kind == "compare"
    assert "2008-05-01" in answer.answer and "2008-07-01" in answer.answer
    assert "mer i beviljat stöd" not in answer.answer


def test_the_other_side_may_be_named_by_the_first_part_of_a_compound(
    seed_dir: Path, fake_settings: Settings
) -> None:
    names = [
        "Godstrafik på Fryksdalsbanan",
        "Trafiklösning Norra Värmland - Branäsområdet",
        "Destination Valberget",
    ]
    rows = [
        {"arende_id": f"300{n}", "projektnamn": name, "stodmottagare": "Torsby kommun"}
        for n, name in enumerate(names, 1)
    ]
    write_tvv(seed_dir / "torsby.csv", rows)
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask(
        "Torsby kommun hade både Godstrafik på Fryksdalsbanan och vägen till Branäs – vilket"
        " fick mest?"
    )
    assert answer.kind == "compare", answer.answer
    assert set(answer.project_ids) == {"tvv-3001", "tvv-3002"}
