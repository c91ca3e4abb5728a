"""Records as safe Markdown and HTML for the app's pages.

Project text (names, sections, quotes) is never trusted as markup: :func:`md_escape` neutralises
Markdown for strings shown with ``st.markdown``, and :func:`marked_html` escapes everything and
adds only its own ``<mark>``/``<strong>`` tags for highlighted text. Nothing here imports
Streamlit, so it can be tested on its own.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from .chunking import FACTS_KEY
from .links import anchor_id
from .models import Answer, Citation, Hit, Project, Removed, Section
from .phrases import kind_text, t
from .quotes import excerpt
from .records import LIST_RELATIONS
from .text import format_sek

if TYPE_CHECKING:
    from .generate.base import Generator
    from .settings import Settings

LIST_SECTION_KEYS = LIST_RELATIONS  # the sections that are lists, shown in columns

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")
_MARKER = re.compile(r"\[(\d{1,3})\]")
_BULLET_LINE = re.compile(r"^\s*[-•*]\s+")


def md_escape(text: str) -> str:
    """``text`` as inert Markdown: every special character backslash-escaped, newlines kept."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return escaped.replace("\n", "  \n")


def answer_markdown(text: str) -> str:
    """An answer's text as safe Markdown: escaped, ``[n]`` markers bold, ``- `` lines as bullets."""
    lines = []
    for line in text.split("\n"):
        bullet = _BULLET_LINE.match(line)
        body = line[bullet.end() :] if bullet else line
        parts = _MARKER.split(body)
        rendered = "".join(
            f"**\\[{part}\\]**" if n % 2 else _MD_SPECIAL.sub(r"\\\1", part)
            for n, part in enumerate(parts)
        )
        lines.append(f"- {rendered}" if bullet else rendered)
    return _join_markdown_lines(lines)


def _join_markdown_lines(lines: Sequence[str]) -> str:
    """Bullets as a list, other lines with hard breaks, a blank line between the two kinds."""
    out: list[str] = []
    for n, line in enumerate(lines):
        if n:
            bullet, prev_bullet = line.startswith("- "), lines[n - 1].startswith("- ")
            if bullet != prev_bullet:
                out.append("\n\n")
            else:
                out.append("\n" if bullet else "  \n")
        out.append(line)
    return "".join(out)


def marked_html(
    text: str,
    marks: Iterable[tuple[int, int]] = (),
    strong: Iterable[tuple[int, int]] = (),
    *,
    css_class: str = "pb-text",
) -> str:
    """``text`` HTML-escaped in a ``<div>``, with ``<mark>`` around ``marks`` spans and
    ``<strong>`` around ``strong`` spans; the only tags in the result are these three."""
    mark_spans = _clip(marks, len(text))
    strong_spans = _clip(strong, len(text))
    cuts = sorted({0, len(text), *(p for s in (*mark_spans, *strong_spans) for p in s)})
    pieces: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = html.escape(text[a:b])
        if any(s <= a and b <= e for s, e in strong_spans):
            piece = f"<strong>{piece}</strong>"
        if any(s <= a and b <= e for s, e in mark_spans):
            piece = f"<mark>{piece}</mark>"
        pieces.append(piece)
    return f'<div class="{html.escape(css_class)}">{"".join(pieces)}</div>'


def _clip(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    return [(max(0, s), min(length, e)) for s, e in spans if min(length, e) > max(0, s)]


def label_spans(text: str) -> list[tuple[int, int]]:
    """The ``Label:`` part of each ``Label: value`` line (for bold labels in facts)."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        colon = line.find(": ")
        if colon > 0:
            spans.append((offset, offset + colon + 1))
        offset += len(line) + 1
    return spans


def text_css(section_key: str, *, excerpt: bool = False) -> str:
    """The CSS classes of a section's text: lists flow in columns, excerpts get a side bar."""
    css = "pb-text pb-excerpt" if excerpt else "pb-text"
    return f"{css} pb-list" if section_key in LIST_SECTION_KEYS else css


def quote_html(citation: Citation, section: Section | None, span: tuple[int, int] | None) -> str:
    """The quote highlighted inside (a window of) its section's text, as escaped HTML; the bare
    quote when its section or its place there is unknown."""
    if section is None or span is None:
        whole = [(0, len(citation.quote))]
        return marked_html(citation.quote, whole, css_class=text_css("", excerpt=True))
    window = excerpt(section.text, *span)
    strong = label_spans(window.text) if section.key == FACTS_KEY else []
    css = text_css(section.key, excerpt=True)
    return marked_html(window.text, [(window.start, window.end)], strong, css_class=css)


def section_html(section: Section, marked: tuple[int, int] | None) -> str:
    """A whole section as escaped HTML, facts with bold labels and ``marked`` highlighted."""
    strong = label_spans(section.text) if section.key == FACTS_KEY else []
    css = text_css(section.key)
    return marked_html(section.text, [marked] if marked else [], strong, css_class=css)


def hit_html(hit: Hit, *, radius: int = 260) -> str:
    """A search hit's best sentence highlighted in a window of its chunk, as escaped HTML."""
    chunk = hit.chunk
    window = excerpt(chunk.text, hit.sentence_start, hit.sentence_end, radius=radius)
    css = text_css(chunk.section_key, excerpt=True)
    return marked_html(window.text, [(window.start, window.end)], css_class=css)


def hit_heading(hit: Hit) -> str:
    """``**3. Project** · Section`` for a search hit, escaped for Markdown."""
    return f"**{hit.rank + 1}. {md_escape(hit.project)}** · {md_escape(hit.section)}"


def citation_heading(lang: str, citation: Citation, link: str, *, numbered: bool) -> str:
    """``**[n]** **Project** · Section · [Open the section ↗](link)``, escaped for Markdown."""
    number = f"**\\[{citation.n}\\]** " if numbered else ""
    names = f"**{md_escape(citation.project)}** · {md_escape(citation.section)}"
    return f"{number}{names} · [{t(lang, 'chat.open_section')} ↗]({link})"


def project_subtitle(lang: str, project: Project) -> str:
    """Bank · owner · region of a project, escaped for Markdown."""
    parts = [kind_text(lang, project.kind), project.value("owner"), project.value("region")]
    return " · ".join(md_escape(str(p)) for p in parts if p)


def project_facts_line(project: Project) -> str:
    """Owner · region · period of a project, escaped for Markdown."""
    parts = [project.value("owner"), project.value("region")]
    start, end = project.value("start"), project.value("end")
    if isinstance(start, date) and isinstance(end, date):
        parts.append(f"{start.isoformat()} – {end.isoformat()}")
    return " · ".join(md_escape(str(p)) for p in parts if p)


def contents_markdown(lang: str, sections: Sequence[Section]) -> str:
    """A line of links to a project page's sections, escaped for Markdown."""
    links = " · ".join(f"[{md_escape(s.title)}](#{anchor_id(s.key)})" for s in sections)
    return f"**{t(lang, 'project.contents')}:** {links}"


def project_figures(lang: str, project: Project) -> list[tuple[str, str]]:
    """The headline figures of a project that it has: grant, budget and period, labelled."""
    grant, budget = project.value("grant_sek"), project.value("budget_sek")
    start, end = project.value("start"), project.value("end")
    period = f"{start.year}–{end.year}" if isinstance(start, date) and isinstance(end, date) else ""
    shown = [
        (t(lang, "project.grant"), format_sek(grant) if isinstance(grant, int) else ""),
        (t(lang, "project.budget"), format_sek(budget) if isinstance(budget, int) else ""),
        (t(lang, "project.period"), period),
    ]
    return [(label, value) for label, value in shown if value]


def provenance(answer: Answer, lang: str, generator: Generator | None) -> str:
    """Who wrote an answer: the language model (named) or the sources themselves."""
    if answer.generated:
        return t(lang, "chat.generated", model=generator.model if generator else "")
    return t(lang, "chat.extracted")


def removed_markdown(removed: Sequence[Removed], lang: str) -> str:
    """The sentences verification removed, each with its reason, as safe Markdown bullets."""
    return "\n".join(
        f"- {md_escape(r.sentence)} – *{md_escape(_reason(r, lang))}*" for r in removed
    )


def _reason(removed: Removed, lang: str) -> str:
    return t(lang, "removed." + removed.reason, detail=removed.detail)


def llm_markdown(settings: Settings, lang: str) -> str:
    """The backend and model that write answers (never the API key), for the Index page."""
    from .generate.base import describe

    found = describe(settings)
    if found["llm"] == "none":
        return t(lang, "index.llm_none")
    return f"{md_escape(found['llm'])} · `{found['llm_model'].replace('`', '')}`"
