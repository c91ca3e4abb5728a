"""The engine's routing (``assistant.answer.engine``) on the seed pages with the fake embedder:
unknown names, bad and hostile questions, the project a short name means."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.answer.engine import _described_sides, _unsaid
from assistant.records import RecordQuery
from assistant.settings import Settings

from ..sources.helpers import TVV_HEADER, tvv_row
from .helpers import assistant_over, check_citations, write_tvv


def test_unknown_project_says_so_and_suggests(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Hur mycket ESF-stöd fick projektet KC3?")
    assert not answer.answered and answer.kind == "notfound"
    assert "KC3" in answer.answer and "KC2" in answer.answer
    assert not re.search(r"\d \d{3} \d{3}", answer.answer)


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


@pytest.mark.parametrize(
    "question",
    [
        "Hur mycket pengar fick Zorblatt totalt?",
        "How much money did Acme Widgets receive in total?",
    ],
)
def test_a_total_for_an_unknown_name_is_not_a_total_of_everything(
    fake_assistant: Assistant, question: str
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.kind == "notfound" and not answer.answered
    assert "8 418 849" not in answer.answer  # the two seed grants summed
    assert re.search(r"Zorblatt|Acme Widgets", answer.answer)


def test_a_short_name_is_the_project_whose_name_holds_another_word_of_the_question(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "tillvaxt.md").write_text(
        "# Tillväxt Kviberg\n\nKviberg ska bli ett område för idrott.\n", encoding="utf-8"
    )
    (seed_dir / "forstudie.md").write_text(
        "# Förstudie Kviberg - tillväxtmotor\n\nFörstudien samarbetar med JM och Skanska.\n",
        encoding="utf-8",
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask("Which companies are partners in the Kviberg pre-study?")
    assert answer.kind != "notfound", answer.answer
    assert {c.project_id for c in answer.citations} <= {
        p.id for p in assistant.index.projects.values() if p.name.startswith("Förstudie")
    }
    ambiguous = assistant.ask("Vem äger Kviberg?")
    assert ambiguous.kind == "notfound" and "Tillväxt Kviberg" in ambiguous.answer


def test_a_compound_answer_says_a_fact_once(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("KC2 - who was running it, and what number can I call?")
    assert answer.answer.count("Veronica Borg") == 1 and "0670-126 10" in answer.answer
    check_citations(fake_assistant, answer)
    said = ["The project manager of X is A [1]."]
    line = "The project manager of X is A [1]. The phone number of X is 1 [2]."
    assert _unsaid(line, said) == "The phone number of X is 1 [2]."
    assert _unsaid("- one [1]\n- two [2]", said) == "- one [1]\n- two [2]"


def _namesakes(seed_dir: Path) -> None:
    rows = [
        ("3001", "Trästad 2012", "Småland och Öarna", "Anna Ek", "2010-01-01"),
        ("3002", "Trästad 2012", "Övre Norrland", "Bo Lind", "2011-03-01"),
        ("3003", "Trästad 2012 (Västsverige)", "Västsverige", "Cia Berg", "2010-01-01"),
        ("3004", "Krenova", "Övre Norrland", "Dan Alm", "2008-01-01"),
        ("3005", '"Krenova, etapp II"', "Övre Norrland", "Eva Nyd", "2008-01-01"),
    ]
    text = TVV_HEADER + "".join(
        tvv_row(
            arende_id=case,
            projektnamn=name,
            projektnamn_short=name,
            omrade=region,
            lan_fordelning="",
            projektledare=leader,
            projekt_starttid=start,
            projektbeskrivning="Träbyggande i staden med lokala företag.",
        )
        for case, name, region, leader, start in rows
    )
    (seed_dir / "trastad.csv").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("question", "leader"),
    [
        ("Who led Trästad 2012 in Övre Norrland?", "Bo Lind"),
        ("Trästad 2012, the West Sweden part: who led it?", "Cia Berg"),
        ("Vem ledde Trästad 2012 som startade 2011?", "Bo Lind"),
        ("Krenova, stage II: who led it?", "Eva Nyd"),
    ],
)
def test_a_place_or_year_picks_one_of_the_projects_sharing_a_name(
    seed_dir: Path, fake_settings: Settings, question: str, leader: str
) -> None:
    _namesakes(seed_dir)
    answer = assistant_over(seed_dir, fake_settings).ask(question)
    assert answer.answered and leader in answer.answer
    assert "2 projects" not in answer.answer


def test_an_answer_about_one_of_two_projects_sharing_a_name_says_so(
    seed_dir: Path, fake_settings: Settings
) -> None:
    _namesakes(seed_dir)
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask("Who led Trästad 2012?")
    assert answer.answered
    led = "Anna Ek" if "Anna Ek" in answer.answer else "Bo Lind"
    other = "Övre Norrland, 2011" if led == "Anna Ek" else "Småland och Öarna, 2010"
    assert "2 projects are called Trästad 2012" in answer.answer and other in answer.answer
    check_citations(assistant, answer)


def test_a_clause_describing_two_projects_is_split_into_its_sides() -> None:
    sides = _described_sides(
        "två hamnförstudier: landanslutningarna till åhus hamn och hamnarna i söråker och"
        " härnösand. hur stor är skillnaden i beviljat stöd, och vilken kom igång först?"
    )
    assert sides[0] == ("landanslutningarna till åhus hamn", "hamnarna i söråker och härnösand")
    assert len(sides) == 2  # the asking clause is no description
    paired = _described_sides("förstudierna om tensider respektive halvledare och tryck")
    assert paired == [("förstudierna om tensider", "halvledare och tryck")]


@pytest.mark.parametrize("question", ["What is KC2?", "Vad är KC2?", "Vad gick KC2 ut på?"])
def test_what_a_named_project_is_reads_its_summary(
    fake_assistant: Assistant, question: str
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.answered, answer.answer
    assert {c.section_key for c in answer.citations} == {"summary"}
    check_citations(fake_assistant, answer)


def test_a_project_named_as_such_that_no_text_knows_is_not_a_later_name(
    fake_assistant: Assistant,
) -> None:
    answer = fake_assistant.ask("Vad fick projektet Mineraljakten hos KC2 i stöd?")
    assert answer.kind == "notfound" and not answer.answered
    assert "Mineraljakten" in answer.answer
    assert fake_assistant.ask("Vad fick projektet KC2 i stöd?").answered


def test_a_project_meant_by_a_quoted_short_name_is_answered_once(
    seed_dir: Path, fake_settings: Settings
) -> None:
    name = 'Utvecklingsprojekt för besöksnäringen i Gävleborg län - "Nu kör vi!"'
    write_tvv(seed_dir / "nukorvi.csv", [{"arende_id": "4001", "projektnamn": name}])
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask('Hur stort stöd fick besöksnäringsprojektet "Nu kör vi!" i Gävleborg?')
    assert answer.kind == "field" and answer.project_ids == ("tvv-4001",), answer.answer
