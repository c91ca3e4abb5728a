"""'What does X stand for?' (``assistant.answer.acronyms``): spelled out from the project's
name or its own text, cited; a project's own abbreviation nothing spells out is "not stated"."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.acronyms import asked_abbreviation, expansion
from assistant.models import Project, Section, Span
from assistant.settings import Settings

from .helpers import assistant_over, check_citations


def _project(name: str, text: str) -> Project:
    span = Span(source="p.md", start=0, end=len(text))
    section = Section(key="description", title="Projektbeskrivning", text=text, span=span)
    return Project(id="p", name=name, kind="doc", source="p.md", sections=(section,))


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("Vad står STRAKKS för och vilken kommun var stödmottagare?", "strakks"),
        ("What does GIRON stand for in Nya GIRON?", "giron"),
        ("vad står förkortningen TUP för?", "tup"),
        ("Vem äger KC2?", None),
    ],
)
def test_the_abbreviation_asked(question: str, short: str | None) -> None:
    assert asked_abbreviation(question) == short


@pytest.mark.parametrize(
    "question", ["Vad står förkortningen för?", "What does it stand for?", "Vad står det för?"]
)
def test_the_abbreviation_asked_without_writing_it_is_the_projects_own(question: str) -> None:
    p = _project("SE UT!", "Projektet SE UT (Samarbeid for Entreprenørskap i Utdanningen).")
    assert asked_abbreviation(question) is None
    assert asked_abbreviation(question, p) == "se ut"
    assert asked_abbreviation("Vad står TUP för?", p) == "tup"


def test_spelled_out_in_brackets_before_or_after_or_by_initials() -> None:
    text = (
        "STRAKKS (Strategier for byudvikling i mellemstore nordiske kundskapsbyer) er et projekt. "
        "Satsningar med inriktning mot tek-nikbaserade upplevelseprodukter (TUP). "
        "Arbetet bygger på God Infrastruktur för Regional Omvandling och Näringslivsutveckling."
    )
    p = _project("Något annat", text)
    for short, words in [
        ("strakks", "Strategier for byudvikling i mellemstore nordiske kundskapsbyer"),
        ("tup", "tek-nikbaserade upplevelseprodukter"),
        ("giron", "God Infrastruktur för Regional Omvandling och Näringslivsutveckling"),
    ]:
        found = expansion(p, short)
        assert found is not None, short
        section, start, end = found
        assert section.text[start:end] == words
    assert expansion(p, "xyz") is None


def test_a_projects_own_abbreviation_is_spelled_out_with_a_citation_or_not_stated(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "giron.md").write_text(
        "# Nya GIRON - God Infrastruktur för Regional Omvandling och Näringslivsutveckling\n\n"
        "Projektet bygger vidare på GIRON (God Infrastruktur för Regional Omvandling och "
        "Näringslivsutveckling) och arbetar med infrastruktur i Norrbotten.\n",
        encoding="utf-8",
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask("Nya GIRON: vad står GIRON för?")
    assert answer.answered, answer.answer
    assert "God Infrastruktur för Regional Omvandling och Näringslivsutveckling" in answer.answer
    check_citations(assistant, answer)
    unknown = assistant.ask("What does KC2 stand for?")
    assert not unknown.answered, unknown.answer
