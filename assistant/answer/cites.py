"""Citations: numbering in order of use, and the quotes that facts, lists and sentences cite."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..chunking import FACTS_KEY, fact_line, section_by_key
from ..models import Citation, Project, Section

_MARK = re.compile(r"\[(\d+)\]")


class Cites:
    """Numbers citations in order of first use; the same source quoted twice keeps its number."""

    def __init__(self) -> None:
        self.items: list[Citation] = []

    def add(self, citation: Citation) -> str:
        key = (citation.project_id, citation.section_key, citation.quote)
        for c in self.items:
            if (c.project_id, c.section_key, c.quote) == key:
                return f"[{c.n}]"
        self.items.append(replace(citation, n=len(self.items) + 1))
        return f"[{len(self.items)}]"

    def adopt(self, text: str, citations: Sequence[Citation]) -> str:
        """``text`` with its own ``[n]`` markers renumbered into this list (answers merged)."""
        numbers = {c.n: self.add(c) for c in citations}
        return _MARK.sub(lambda m: numbers.get(int(m.group(1)), m.group()), text)


def citation(project: Project, section: Section, start: int, end: int) -> Citation:
    """A citation of ``section.text[start:end]`` with its span in the source file."""
    span = section.source_span(start, end) if section.key != FACTS_KEY else section.span
    return Citation(
        n=0,
        project=project.name,
        project_id=project.id,
        section=section.title,
        section_key=section.key,
        quote=section.text[start:end],
        source=project.source,
        start=span.start,
        end=span.end,
        url=project.url,
        section_start=start,
        section_end=end,
    )


def fact_citation(project: Project, key: str) -> Citation | None:
    """A citation of one header fact, quoting its ``Label: value`` line of the facts section."""
    found = project.field(key)
    facts = section_by_key(project, FACTS_KEY)
    if found is None or facts is None:
        return None
    line = fact_line(found)
    at = facts.text.find(line)
    if at < 0:
        return None
    return replace(
        citation(project, facts, at, at + len(line)), start=found.span.start, end=found.span.end
    )


def list_citation(project: Project, key: str, items: Sequence[str] = ()) -> Citation | None:
    """A citation of a list section, quoting the whole list or the given consecutive items."""
    section = section_by_key(project, key)
    if section is None:
        return None
    quote = "\n".join(items)
    at = section.text.find(quote) if quote else -1
    if at < 0:
        return citation(project, section, 0, len(section.text))
    return citation(project, section, at, at + len(quote))
