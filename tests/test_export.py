"""Export: a citation as a reference to paste and a conversation as Markdown, in both languages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.export import (
    Exchange,
    citation_reference,
    cited_source,
    conversation_markdown,
    export_file_name,
)
from assistant.models import Answer, Citation, Project
from assistant.settings import Settings
from assistant.sources import read_path

DATA = Path(__file__).resolve().parents[1] / "data"
WHEN = datetime(2026, 11, 23, 11, 4)


@pytest.fixture(scope="module")
def projects() -> dict[str, Project]:
    result = read_path(DATA, settings=Settings())
    return {p.id: p for p in result.projects}


def citation(**changes: object) -> Citation:
    values: dict[str, object] = {
        "n": 1,
        "project": "KC2",
        "project_id": "esf-kc2",
        "section": "Projektfakta",
        "section_key": "facts",
        "quote": "Beviljat ESF-stöd: 3 804 849 kr",
        "source": "data/kc2.txt",
        "start": 120,
        "end": 139,
    }
    return Citation(**{**values, **changes})  # type: ignore[arg-type]


def test_reference_names_quote_project_owner_section_bank_and_place(
    projects: dict[str, Project],
) -> None:
    reference = citation_reference(citation(), projects["esf-kc2"], "sv")
    assert reference == (
        "”Beviljat ESF-stöd: 3 804 849 kr”\n"
        "– KC2 (Studieförbundet Vuxenskolan, avd Norra Jämtland), avsnittet ”Projektfakta”. "
        "Källa: ESF-rådets projektbank, data/kc2.txt (tecken 120–139)"
    )


def test_reference_in_english_with_the_projects_page(projects: dict[str, Project]) -> None:
    cited = citation(url="https://example.org/kc2", quote="Ett  citat\növer rader")
    reference = citation_reference(cited, projects["esf-kc2"], "en")
    assert reference.startswith("“Ett citat över rader”\n– KC2 (Studieförbundet")
    assert "section “Projektfakta”" in reference
    assert reference.endswith(
        "Source: ESF Council project bank, https://example.org/kc2, data/kc2.txt "
        "(characters 120–139)"
    )


def test_reference_without_the_project_in_the_index() -> None:
    reference = citation_reference(citation(), None, "sv")
    assert "– KC2, avsnittet ”Projektfakta”. Källa: data/kc2.txt (tecken 120–139)" in reference


def test_cited_source_finds_the_project_and_section(projects: dict[str, Project]) -> None:
    project, section = cited_source(citation(section_key="goals"), projects)
    assert project is projects["esf-kc2"] and section is not None and section.key == "goals"
    assert cited_source(citation(section_key="nothing"), projects)[1] is None
    assert cited_source(citation(project_id="esf-gone"), projects) == (None, None)


def test_conversation_lists_questions_answers_and_numbered_sources(
    projects: dict[str, Project],
) -> None:
    answer = Answer(
        question="Hur mycket ESF-stöd fick KC2?",
        answer="KC2 fick 3 804 849 kr [1].",
        answered=True,
        citations=(citation(),),
    )
    markdown = conversation_markdown(
        [Exchange(question=answer.question, answer=answer)], projects, "sv", when=WHEN
    )
    assert markdown.split("\n")[:4] == ["# Fråga projektbanken", "", "_2026-11-23 11:04_", ""]
    assert "## Fråga 1: Hur mycket ESF-stöd fick KC2?\n\nKC2 fick 3 804 849 kr [1].\n" in markdown
    assert "**Källor**\n\n1. ”Beviljat ESF-stöd: 3 804 849 kr”  \n   – KC2 (" in markdown


def test_conversation_with_only_nearest_sources_and_an_error(
    projects: dict[str, Project],
) -> None:
    unanswered = Answer(
        question="Vilket organisationsnummer har KC2?",
        answer="Det framgår inte av källorna.",
        answered=False,
        see_also=(citation(),),
    )
    exchanges = [
        Exchange(question=unanswered.question, answer=unanswered),
        Exchange(question="Och sedan?", error="the question is empty"),
    ]
    markdown = conversation_markdown(exchanges, projects, "en", when=WHEN)
    assert markdown.startswith("# Ask the project bank\n\n_2026-11-23 11:04_")
    assert "**Nearest sources**" in markdown and "**Sources**" not in markdown
    assert (
        "## Question 2: Och sedan?\n\nThe question could not be answered: the question is empty"
        in markdown
    )


def test_empty_conversation_is_just_the_heading(projects: dict[str, Project]) -> None:
    assert conversation_markdown([], projects, "sv", when=WHEN) == (
        "# Fråga projektbanken\n\n_2026-11-23 11:04_\n"
    )


def test_a_real_answer_exports_every_citation(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vilka kommuner deltar i KC2?")
    markdown = conversation_markdown(
        [Exchange(question=answer.question, answer=answer)], fake_assistant.index.projects, "sv"
    )
    for c in answer.citations:
        assert f"\n{c.n}. ”" in markdown
    assert "Strömsund" in markdown


def test_file_name_is_stamped() -> None:
    assert export_file_name(WHEN) == "projektbanken-samtal-20261123-1104.md"
