"""Section-aware chunks: sentences packed within one section of one project, with stable ids."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .models import Chunk, FieldValue, Project, Section, Span
from .text import format_sek, sentence_spans

FACTS_KEY = "facts"
FACTS_TITLE = "Projektfakta"
_MONEY_KEYS = frozenset({"grant_sek", "budget_sek", "public_funding_sek"})
_HIDDEN_FACTS = frozenset({"start", "end"})


def chunk_projects(projects: Iterable[Project], *, max_chars: int) -> list[Chunk]:
    """All chunks of the given projects, in a stable order."""
    return [chunk for p in projects for chunk in chunk_project(p, max_chars=max_chars)]


def chunk_project(project: Project, *, max_chars: int) -> list[Chunk]:
    """The facts chunk, then each list and section split into sentence-packed pieces."""
    chunks: list[Chunk] = []
    for section in all_sections(project):
        chunks.extend(_section_chunks(project, section, max_chars=max_chars))
    return chunks


def passage_sentences(projects: Iterable[Project]) -> list[str]:
    """The distinct sentences of every text section: the units passage answers score and quote."""
    found = dict.fromkeys(
        section.text[a:b]
        for p in projects
        for section in p.sections
        for a, b in sentence_spans(section.text)
    )
    return list(found)


def all_sections(project: Project) -> list[Section]:
    """Facts, lists and text sections of a project: everything a chunk or citation can name."""
    facts = [facts_section(project)] if project.fields or project.lists else []
    return [*facts, *list_sections(project), *project.sections]


def section_by_key(project: Project, key: str) -> Section | None:
    return next((s for s in all_sections(project) if s.key == key), None)


_UNEMBEDDED = ("Projekt: ", "E-post: ", "Telefonnummer: ", "Ärende-id: ")
"""Fact lines a facts chunk's vector is made without: contact details and ids say nothing a
question means, and the name is in the heading already. They stay in its text and BM25.
Leaving them out embeds 6 % fewer characters on seeds + CSV with the same hybrid recall and
answer accuracy (benchmarks/README.md, *Build speed*)."""


def dense_text(chunk: Chunk) -> str:
    """The text a chunk's vector is made from: its embedded text, less the lines of a facts
    chunk in ``_UNEMBEDDED``."""
    if chunk.section_key != FACTS_KEY:
        return chunk.embed_text
    head, *lines = chunk.embed_text.split("\n")
    return "\n".join([head, *(line for line in lines if not line.startswith(_UNEMBEDDED))])


def fact_line(field: FieldValue) -> str:
    """A project fact as a ``Label: value`` line, money and dates in Swedish form."""
    return f"{field.label}: {display_value(field)}"


def display_value(field: FieldValue) -> str:
    if field.key in _MONEY_KEYS and isinstance(field.value, int):
        return format_sek(field.value)
    if isinstance(field.value, date):
        return field.value.isoformat()
    return str(field.value)


def facts_section(project: Project) -> Section:
    """The project's header facts as a synthetic section of ``Label: value`` lines."""
    hidden = _HIDDEN_FACTS if project.field("period") else frozenset()
    shown = [f for f in project.fields if f.key not in hidden]
    lines = [f"Projekt: {project.name}", *(fact_line(f) for f in shown)]
    spans = [f.span for f in shown]
    if not spans and project.name_span:
        spans = [project.name_span]
    start = min((s.start for s in spans), default=0)
    end = max((s.end for s in spans), default=0)
    return Section(
        key=FACTS_KEY,
        title=FACTS_TITLE,
        text="\n".join(lines),
        span=Span(source=project.source, start=start, end=end),
    )


def list_sections(project: Project) -> list[Section]:
    """Each list field (co-financiers, partners, municipalities) as a section of one item a line."""
    sections = []
    for lst in project.lists:
        if not lst.items:
            continue
        anchors, offset = [], 0
        for item in lst.items:
            anchors.append((offset, item.span.start))
            offset += len(item.text) + 1
        sections.append(
            Section(
                key=lst.key,
                title=lst.label,
                text="\n".join(lst.values),
                span=Span(
                    source=project.source,
                    start=min(i.span.start for i in lst.items),
                    end=max(i.span.end for i in lst.items),
                ),
                anchors=tuple(anchors),
            )
        )
    return sections


def _section_chunks(project: Project, section: Section, *, max_chars: int) -> list[Chunk]:
    if section.key == FACTS_KEY:
        return [_make_chunk(project, section, 0, 0, len(section.text))]
    pieces = _pack(section.text, max_chars=max_chars)
    return [_make_chunk(project, section, n, a, b) for n, (a, b) in enumerate(pieces)]


def _pack(text: str, *, max_chars: int) -> list[tuple[int, int]]:
    """Group consecutive sentences into spans of at most ``max_chars`` (long sentences split)."""
    pieces: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for start, end in _bounded_sentences(text, max_chars=max_chars):
        if current and end - current[0] <= max_chars:
            current = (current[0], end)
            continue
        if current:
            pieces.append(current)
        current = (start, end)
    if current:
        pieces.append(current)
    return pieces


def _bounded_sentences(text: str, *, max_chars: int) -> Iterable[tuple[int, int]]:
    for start, end in sentence_spans(text):
        while end - start > max_chars:
            cut = _cut_point(text, start, start + max_chars)
            yield start, cut
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            yield start, end


def _cut_point(text: str, start: int, limit: int) -> int:
    """The last whitespace before ``limit``, so words are not split (hard cut if none)."""
    gaps = [m.start() for m in re.finditer(r"\s+", text[start:limit]) if m.start() > 0]
    return start + gaps[-1] if gaps else limit


def _make_chunk(project: Project, section: Section, ordinal: int, start: int, end: int) -> Chunk:
    text = section.text[start:end]
    span = section.source_span(start, end) if section.key != FACTS_KEY else section.span
    return Chunk(
        id=f"{project.id}:{section.key}:{ordinal}",
        project_id=project.id,
        project_name=project.name,
        section=section.title,
        section_key=section.key,
        ordinal=ordinal,
        text=text,
        embed_text=f"{project.name} – {section.title}\n{text}",
        source=project.source,
        start=span.start,
        end=span.end,
        section_start=start,
        section_end=end,
    )
