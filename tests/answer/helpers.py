"""Helpers the answer tests share: the citation check and an assistant over an added-to seed
folder."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.answer import Assistant
from assistant.chunking import section_by_key
from assistant.embedding import FakeEmbedder
from assistant.index import build_index
from assistant.models import Answer
from assistant.settings import Settings


def check_citations(assistant: Assistant, answer: Answer) -> None:
    """Every [n] refers to a listed citation, every citation is used, every quote is verbatim."""
    used = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    listed = {c.n for c in answer.citations}
    assert used == listed
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for c in (*answer.citations, *answer.see_also):
        section = section_by_key(assistant.project(c.project_id), c.section_key)
        assert section is not None and c.quote in section.text


def assistant_over(seed_dir: Path, settings: Settings) -> Assistant:
    """An assistant over the seed folder as the test has added to it (fake embedder)."""
    embedder = FakeEmbedder()
    build_index([seed_dir], settings=settings, embedder=embedder)
    return Assistant.open(settings, embedder=embedder)


def write_tvv(path: Path, rows: list[dict[str, str]]) -> None:
    """A CSV export at ``path`` with one row per dict of column values (the rest defaults)."""
    from ..sources.helpers import TVV_HEADER, tvv_row

    path.write_text(TVV_HEADER + "".join(tvv_row(**row) for row in rows), encoding="utf-8")
