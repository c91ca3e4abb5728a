"""What every kind of answer needs: the loaded index, search, records, thresholds, matchers."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..embedding import Embedder
from ..models import Answer, Project
from ..records import Records
from ..routing import NameMatcher, ValueLexicon
from ..search import Searcher
from ..settings import Settings
from ..store.base import Store
from .cites import Cites
from .entities import Gazetteer, Organisations
from .evidence import Evidence
from .reading import Reading
from .sentences import SentenceVectors


@dataclass(frozen=True, kw_only=True)
class Context:
    settings: Settings
    index: Store
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

    def idf(self, concept: frozenset[str]) -> float:
        """The rarest alternative's inverse document frequency over the indexed chunks (a word
        no chunk has gets the highest)."""
        scores = self.index.bm25.scores
        vocab = self.index.bm25.vocab_dict
        indptr = scores["indptr"]
        dfs = [
            int(indptr[i + 1] - indptr[i]) if (i := vocab.get(s)) is not None else 0
            for s in concept
        ]
        n = int(scores["num_docs"])
        return math.log((n + 1) / (min(dfs, default=0) + 1))


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
