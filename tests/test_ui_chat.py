"""The chat page's own logic (assistant.ui.chat): a conversation as the export takes it."""

from __future__ import annotations

from assistant.export import Exchange
from assistant.models import Answer
from assistant.ui.chat import Turn, exchanges


def test_turns_become_exchanges_with_answer_or_error() -> None:
    answer = Answer(question="Vem äger KC2?", answer="Studieförbundet.", answered=True)
    history = [Turn("Vem äger KC2?", answer=answer), Turn("Och sen?", error="indexet saknas")]
    assert exchanges(history) == [
        Exchange(question="Vem äger KC2?", answer=answer, error=""),
        Exchange(question="Och sen?", answer=None, error="indexet saknas"),
    ]
    assert history[0].id != history[1].id and len(history[0].id) == 10
