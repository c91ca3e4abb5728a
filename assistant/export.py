"""Answers taken out of the app: a citation as a reference to paste into a report, and a whole
conversation as a Markdown document with every source.

Both are plain text in the visitor's language, built from the answer records and the indexed
projects only, so the CLI or a test can produce exactly what the app offers for download.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from .chunking import section_by_key
from .models import Answer, Citation, Project, Section
from .phrases import PROJECT_KINDS, kind_text, t


@dataclass(frozen=True, kw_only=True)
class Exchange:
    """One question of a conversation and its answer, or the error that stopped it."""

    question: str
    answer: Answer | None = None
    error: str = ""


def cited_source(
    citation: Citation, projects: Mapping[str, Project]
) -> tuple[Project | None, Section | None]:
    """The project and section a citation quotes, as far as the index still holds them."""
    project = projects.get(citation.project_id)
    section = section_by_key(project, citation.section_key) if project else None
    return project, section


def citation_reference(citation: Citation, project: Project | None, language: str) -> str:
    """The citation as a reference to paste: quote, project (owner), section, bank and file."""
    owner = project.value("owner") if project else None
    return reference_text(
        language,
        quote=citation.quote,
        project=citation.project,
        owner=str(owner) if owner else None,
        section=citation.section,
        source=_source_text(citation, project, language),
        start=citation.start,
        end=citation.end,
    )


def _source_text(citation: Citation, project: Project | None, language: str) -> str:
    """Where the quote comes from: the project bank, the project's page and the file."""
    bank = kind_text(language, project.kind) if project and project.kind in PROJECT_KINDS else ""
    return ", ".join(part for part in (bank, citation.url, citation.source) if part)


def conversation_markdown(
    exchanges: Sequence[Exchange],
    projects: Mapping[str, Project],
    language: str,
    *,
    when: datetime | None = None,
) -> str:
    """The conversation with every source, as a Markdown document to download."""
    stamp = (when or datetime.now()).strftime("%Y-%m-%d %H:%M")
    lines = [f"# {t(language, 'chat.title')}", "", f"_{stamp}_", ""]
    for n, exchange in enumerate(exchanges, start=1):
        lines += [f"## {t(language, 'chat.question_n', n=n)}: {exchange.question}", ""]
        lines += _exchange_lines(exchange, projects, language)
    return "\n".join(lines)


def _exchange_lines(
    exchange: Exchange, projects: Mapping[str, Project], language: str
) -> list[str]:
    """The answer and its numbered references (or the error) of one exchange."""
    answer = exchange.answer
    if answer is None:
        return [t(language, "chat.error", error=exchange.error), ""]
    cited = [*answer.citations, *answer.see_also]
    lines = [f"_{answer.notice}_", ""] if answer.notice else []
    lines += [answer.answer, ""]
    if answer.generated:
        lines += [f"_{t(language, 'export.generated')}_", ""]
    if cited:
        heading = "chat.sources" if answer.citations else "chat.see_also"
        lines += [f"**{t(language, heading)}**", ""]
    for c in cited:
        reference = citation_reference(c, projects.get(c.project_id), language)
        lines += [f"{c.n}. " + reference.replace("\n", "  \n   "), ""]
    return lines


def export_file_name(when: datetime) -> str:
    """The download's file name, stamped so that exports of one day do not collide."""
    return f"projektbanken-samtal-{when.strftime('%Y%m%d-%H%M')}.md"


def reference_text(
    lang: str,
    *,
    quote: str,
    project: str,
    owner: str | None,
    section: str,
    source: str,
    start: int,
    end: int,
) -> str:
    """A citation ready to paste into a report: quote, project, owner, section and source."""
    where = f"{source} ({t(lang, 'cite.chars', start=start, end=end)})"
    return t(
        lang,
        "cite.reference",
        quote=t(lang, "cite.quote", text=" ".join(quote.split())),
        project=project,
        owner=f" ({owner})" if owner else "",
        section=section,
        source=where,
    )
