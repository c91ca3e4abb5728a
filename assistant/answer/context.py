"""What every kind of answer needs: the loaded index, search, records, thresholds, matchers."""

from __future__ import annotations

from dataclasses import dataclass

from ..embedding import Embedder
from ..index import Index
from ..models import Answer, Project
from ..records import Records
from ..routing import NameMatcher, ValueLexicon
from ..search import Searcher
from ..settings import Settings
from .cites import Cites
from .entities import Gazetteer, Organisations
from .evidence import Evidence
from .reading import Reading
from .sentences import SentenceVectors


@dataclass(frozen=True, kw_only=True)
class Context:
    settings: Settings
    index: Index
    searcher: Searcher
    embedder: Embedder
    records: Records
    evidence: Evidence
    names: NameMatcher
    lexicon: ValueLexicon
    places: Gazetteer
    organisations: Organisations
    sentences: SentenceVectors

    def project(self, project_id: str) -> Project:
        return self.index.projects[project_id]


def answered(
    r: Reading,
    text: str,
    cites: Cites,
    *,
    kind: str,
    project_ids: tuple[str, ...],
    intent: str = "",
) -> Answer:
    """An answer that the sources give, with its citations."""
    return Answer(
        question=r.text,
        answer=text,
        answered=True,
        citations=tuple(cites.items),
        kind=kind,
        project_ids=project_ids,
        intent=intent,
    )
