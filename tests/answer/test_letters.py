"""Swedish letters put back into words typed without them (``assistant.answer.letters``)."""

from __future__ import annotations

import pytest

from assistant.answer.letters import Letters
from assistant.models import Project, Section, Span


def _project(pid: str, text: str, name: str = "Projekt") -> Project:
    section = Section(
        key="description", title="Beskrivning", text=text, span=Span(source="p.md", start=0, end=1)
    )
    return Project(id=pid, name=name, kind="doc", source="p.md", sections=(section,))


LETTERS = Letters(
    [
        _project("a", "Nytt spår till Norrköpings hamn i Norrköping. Ägare är kommunen."),
        _project("b", "Turism i Jämtland och Göteborg, mer info på goteborg.se", name="Göteborg"),
        _project("c", "Göteborg och Jämtland; andra regioner läser bläck och mönster."),
        _project("d", "Jämtland, Göteborg och andra vill ändra sig."),
        _project("e", "Jämtland och Göteborg låter bättre."),
        _project("f", "Göteborg."),
    ]
)


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        (
            "Norrkoping harbour track: how many tonnes?",
            "Norrköping harbour track: how many tonnes?",
        ),
        ("Vem ar agare?", "Vem ar ägare?"),
        ("projects in JAMTLAND", "projects in JÄMTLAND"),
        ("Goteborg and Norrkopings hamn", "Göteborg and Norrköpings hamn"),
        ("black monster later", "black monster later"),
        ("andra projekt", "andra projekt"),
        ("hur manga hushall?", "hur många hushall?"),
        ("a manga about Malmö", "a manga about Malmö"),
    ],
)
def test_a_word_typed_without_swedish_letters_is_spelled_as_the_texts_spell_it(
    typed: str, restored: str
) -> None:
    assert LETTERS.restore(typed) == restored
    assert len(LETTERS.restore(typed)) == len(typed)
