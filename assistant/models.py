"""The records that flow through the pipeline: projects, chunks, hits, citations and answers."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, kw_only=True)
class Span:
    """Where a piece of text stands in its source file (character offsets in the decoded text)."""

    source: str
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class FieldValue:
    """One header fact of a project, e.g. ``grant_sek`` = 3804849, with its label and raw text."""

    key: str
    label: str
    value: str | int | date
    text: str
    span: Span


@dataclass(frozen=True, kw_only=True)
class ListItem:
    """One entry of a list field such as a co-financier or a municipality."""

    text: str
    span: Span


@dataclass(frozen=True, kw_only=True)
class ListField:
    """A named list of a project: ``cofinanciers``, ``partners`` or ``municipalities``."""

    key: str
    label: str
    items: tuple[ListItem, ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(item.text for item in self.items)


@dataclass(frozen=True, kw_only=True)
class Section:
    """A titled body of text of a project, with a map from its characters back to the source.

    ``anchors`` holds ``(text_offset, source_offset)`` pairs where the text departs from the
    source (repaired characters, unescaped quotes); between anchors the two advance together.
    """

    key: str
    title: str
    text: str
    span: Span
    anchors: tuple[tuple[int, int], ...] = ()

    def source_offset(self, i: int) -> int:
        """Map an offset in ``text`` to an offset in the source file."""
        if not self.anchors:
            return self.span.start + i
        pos = bisect.bisect_right(self.anchors, (i, float("inf"))) - 1
        if pos < 0:
            return self.span.start + i
        text_at, source_at = self.anchors[pos]
        return source_at + (i - text_at)

    def source_span(self, start: int, end: int) -> Span:
        """The source span of ``text[start:end]``."""
        return Span(
            source=self.span.source, start=self.source_offset(start), end=self.source_offset(end)
        )


@dataclass(frozen=True, kw_only=True)
class Project:
    """One funded project as read from a page, a CSV row or a document."""

    id: str
    name: str
    kind: str
    source: str
    url: str = ""
    fields: tuple[FieldValue, ...] = ()
    lists: tuple[ListField, ...] = ()
    sections: tuple[Section, ...] = ()
    problems: tuple[str, ...] = ()
    name_span: Span | None = None

    def field(self, key: str) -> FieldValue | None:
        return next((f for f in self.fields if f.key == key), None)

    def value(self, key: str) -> str | int | date | None:
        found = self.field(key)
        return found.value if found else None

    def list(self, key: str) -> ListField | None:
        return next((lst for lst in self.lists if lst.key == key), None)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


@dataclass(frozen=True, kw_only=True)
class Problem:
    """Something a reader could not parse; reported to the user, never guessed."""

    source: str
    message: str
    line: int | None = None
    duplicate: bool = False


@dataclass(frozen=True, kw_only=True)
class ReadResult:
    """What reading one or more files produced: the projects and the problems met."""

    projects: tuple[Project, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Chunk:
    """A retrievable piece of one section of one project.

    ``text`` is a slice of the section text (``section_start:section_end``); ``embed_text`` is
    what the embedder and BM25 see: the project and section title, then the text.
    """

    id: str
    project_id: str
    project_name: str
    section: str
    section_key: str
    ordinal: int
    text: str
    embed_text: str
    source: str
    start: int
    end: int
    section_start: int
    section_end: int


@dataclass(frozen=True, kw_only=True)
class Hit:
    """A search result: a chunk with its fused score and its best-matching sentence."""

    chunk: Chunk
    score: float
    rank: int
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    dense_rank: int | None = None
    bm25_rank: int | None = None

    @property
    def project_id(self) -> str:
        return self.chunk.project_id

    @property
    def project(self) -> str:
        return self.chunk.project_name

    @property
    def section(self) -> str:
        return self.chunk.section


@dataclass(frozen=True, kw_only=True)
class Citation:
    """A numbered source of an answer: the quote is verbatim in the named section."""

    n: int
    project: str
    project_id: str
    section: str
    section_key: str
    quote: str
    source: str
    start: int
    end: int
    url: str = ""
    section_start: int = 0
    section_end: int = 0


@dataclass(frozen=True, kw_only=True)
class Removed:
    """A model-written sentence that verification dropped, and why.

    ``reason`` is one of ``no_citation``, ``unknown_source``, ``quote_not_verbatim``,
    ``unsupported_number``, ``unsupported_name``, ``not_in_source``, ``wrong_language``;
    ``detail`` the offending
    number, name, quote or citation.
    """

    sentence: str
    reason: str
    detail: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"sentence": self.sentence, "reason": self.reason, "detail": self.detail}


@dataclass(frozen=True, kw_only=True)
class Answer:
    """An answer whose every ``[n]`` marker refers to one of its citations."""

    question: str
    answer: str
    answered: bool
    citations: tuple[Citation, ...] = ()
    kind: str = ""
    language: str = "sv"
    project_ids: tuple[str, ...] = ()
    see_also: tuple[Citation, ...] = field(default=())
    intent: str = ""
    generated: bool = False  # a language model wrote the prose (every sentence verified)
    removed: tuple[Removed, ...] = ()  # the model's sentences that verification dropped
    notice: str = ""  # why a model-written answer is not shown (backend error, nothing verified)

    def to_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "answer": self.answer,
            "answered": self.answered,
            "kind": self.kind,
            "language": self.language,
            "project_ids": list(self.project_ids),
            "citations": [citation_dict(c) for c in self.citations],
            "see_also": [citation_dict(c) for c in self.see_also],
            "generated": self.generated,
            "removed": [r.to_dict() for r in self.removed],
            "notice": self.notice,
        }


def citation_dict(c: Citation) -> dict[str, object]:
    """The JSON form of a citation, as the CLI and the app export it."""
    return {
        "n": c.n,
        "project": c.project,
        "project_id": c.project_id,
        "section": c.section,
        "quote": c.quote,
        "source": c.source,
        "start": c.start,
        "end": c.end,
        "url": c.url,
        "section_start": c.section_start,
        "section_end": c.section_end,
    }
