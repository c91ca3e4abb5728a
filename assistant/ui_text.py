"""The app's words in Swedish and English, its own CSS and script, and the pure helpers that
turn records into safe Markdown and HTML for the pages.

Project text (names, sections, quotes) is never trusted as markup: :func:`md_escape` neutralises
Markdown for strings shown with ``st.markdown`` and :func:`marked_html` escapes everything and
adds only its own ``<mark>``/``<strong>`` tags for highlighted text. Nothing here imports
Streamlit, so it can be tested on its own.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from .chunking import FACTS_KEY
from .models import Answer, Citation, Hit, Project, Removed, Section
from .phrases import DEFAULT_LANGUAGE, t
from .records import LIST_RELATIONS
from .text import format_sek

if TYPE_CHECKING:
    from .generate.base import Generator
    from .index import BuildReport
    from .settings import Settings

PROJECT_KINDS = ("esf", "tvv", "doc")
LIST_SECTION_KEYS = LIST_RELATIONS  # the sections that are lists, shown in columns
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}

PAGE_CSS = """
<style>
.pb-text { white-space: pre-wrap; line-height: 1.6; overflow-wrap: anywhere; }
.pb-excerpt { border-left: 3px solid rgba(250, 200, 40, 0.9); padding: 0.1rem 0 0.1rem 0.8rem;
  font-size: 0.93rem; }
.pb-list { columns: 3 12em; column-gap: 2rem; }
[id^="section-"] { scroll-margin-top: 4rem; }
.pb-text mark { background: rgba(255, 214, 10, 0.45); color: inherit; padding: 0.05rem 0; }
.pb-text strong { font-weight: 600; }
[data-testid="stAppDeployButton"] { display: none; }
</style>
"""

# Our own constant script (no project text in it): once per page load, keep the section named in
# the URL's #fragment at the top while the page is still rendering, until the visitor scrolls.
SCROLL_TO_ANCHOR = """
<script>
(() => {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id || window.__pbAnchored === window.location.href) return;
  window.__pbAnchored = window.location.href;
  let steady = 0, ticks = 0, stopped = false;
  const stop = () => { stopped = true; };
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(
    (name) => window.addEventListener(name, stop, { once: true, passive: true }));
  const timer = setInterval(() => {
    ticks += 1;
    const el = document.getElementById(id);
    if (el && !stopped) {
      const top = el.getBoundingClientRect().top;
      if (Math.abs(top - 64) > 8) { el.scrollIntoView({ block: "start" }); steady = 0; }
      else { steady += 1; }
    }
    if (stopped || steady >= 6 || ticks > 60) clearInterval(timer);
  }, 150);
})();
</script>
"""

# ---------------------------------------------------------------- index builds


@dataclass(frozen=True, kw_only=True)
class BuildStage:
    """A stage :func:`assistant.index.build_index` reports: its label and its share of the bar."""

    text_key: str
    low: float
    high: float


BUILD_STAGES = {
    "reading": BuildStage(text_key="build.reading", low=0.0, high=0.05),
    "lexical": BuildStage(text_key="build.lexical", low=0.05, high=0.05),
    "embedding": BuildStage(text_key="build.embedding", low=0.05, high=0.95),
    "writing": BuildStage(text_key="build.writing", low=0.95, high=1.0),
}
_OTHER_STAGE = BuildStage(text_key="build.stage", low=0.0, high=1.0)


def stage_text(lang: str, stage: str, done: int, total: int) -> str:
    """The progress label of a build stage (a generic one for stages not known here)."""
    key = BUILD_STAGES.get(stage, _OTHER_STAGE).text_key
    return t(lang, key, stage=stage, done=done, total=total)


def stage_fraction(stage: str, done: int, total: int) -> float:
    """How far the whole build is, 0–1: each stage fills its own share of one bar, so the bar
    never runs backwards when a new stage starts at 0."""
    known = BUILD_STAGES.get(stage, _OTHER_STAGE)
    share = min(done / total, 1.0) if total > 0 else 1.0
    return known.low + (known.high - known.low) * share


def build_changes(report: BuildReport) -> list[tuple[str, tuple[str, ...]]]:
    """The file lists of a build worth showing, each with the text key of its heading."""
    lists = (
        ("build.added", report.documents_added),
        ("build.changed", report.documents_changed),
        ("build.removed", report.documents_removed),
        ("build.duplicates", report.duplicates),
    )
    return [(key, items) for key, items in lists if items]


def index_line(lang: str, manifest: Mapping[str, Any]) -> str:
    """Projects, passages and build time of an index, as two Markdown lines."""
    built = when_text(str(manifest.get("built_at", "")))
    counts = t(lang, "sidebar.index", projects=manifest["projects"], chunks=manifest["chunks"])
    return f"{counts}  \n{t(lang, 'sidebar.built', when=built)}"


def build_summary(lang: str, report: BuildReport) -> str:
    """One line on what a build did: projects, passages, new and reused vectors, seconds."""
    return t(
        lang,
        "build.done",
        projects=report.projects,
        chunks=report.chunks,
        embedded=report.embedded,
        reused=report.reused,
        seconds=report.seconds,
    )


# ---------------------------------------------------------------- safe Markdown and HTML

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


# ---------------------------------------------------------------- quotes in their sections


def find_quote(text: str, quote: str, *, prefer: int | None = None) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text`` (whitespace-tolerant); ``prefer`` picks among repeats."""
    if not quote.strip():
        return None
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]
    if not found:
        words = [re.escape(w) for w in quote.split()]
        found = [(m.start(), m.end()) for m in re.finditer(r"\s+".join(words), text)]
    if not found:
        return None
    if prefer is not None:
        return min(found, key=lambda span: abs(span[0] - prefer))
    return found[0]


def quote_span(citation: Citation, section: Section | None) -> tuple[int, int] | None:
    """Where the citation's quote stands in its section's text: the citation's own offsets,
    or a search for the quote when they do not match the text (another index generation)."""
    if section is None:
        return None
    start, end = citation.section_start, citation.section_end
    if start < end and section.text[start:end] == citation.quote:
        return start, end
    prefer = citation.start - section.span.start if section.key != FACTS_KEY else None
    return find_quote(section.text, citation.quote, prefer=prefer)


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


@dataclass(frozen=True)
class Excerpt:
    """A window of a text around a span: the window's text and the span within it."""

    text: str
    start: int
    end: int


def excerpt(text: str, start: int, end: int, *, radius: int = 320) -> Excerpt:
    """``text`` cut to about ``radius`` characters either side of ``[start, end)``, at spaces,
    with ``…`` where it was cut; the whole text when it is short."""
    if len(text) <= 2 * radius + (end - start):
        return Excerpt(text, start, end)
    a = max(0, start - radius)
    b = min(len(text), end + radius)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space != -1 else a
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space != -1 else b
    prefix = "… " if a > 0 else ""
    suffix = " …" if b < len(text) else ""
    window = prefix + text[a:b] + suffix
    shift = len(prefix) - a
    return Excerpt(window, start + shift, end + shift)


# ---------------------------------------------------------------- links and references


def anchor_id(section_key: str) -> str:
    """The HTML id of a section heading on the project page (safe for URLs and CSS)."""
    slug = re.sub(r"[^a-z0-9]+", "-", section_key.lower()).strip("-") or "x"
    return f"section-{slug}"


def project_link(
    project_id: str,
    *,
    section_key: str | None = None,
    highlight: tuple[int, int] | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> str:
    """A relative link to a project's page, anchored at a section, optionally marking a span."""
    params = {"page": "projekt", "id": project_id}
    if section_key:
        params["sec"] = section_key
    if highlight:
        params["hl"] = f"{highlight[0]}-{highlight[1]}"
    if lang != DEFAULT_LANGUAGE:
        params["lang"] = lang
    link = "?" + urlencode(params)
    return link + (f"#{anchor_id(section_key)}" if section_key else "")


def hit_link(hit: Hit, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """A link to the section a search hit comes from, its best sentence highlighted."""
    chunk = hit.chunk
    sentence = (chunk.section_start + hit.sentence_start, chunk.section_start + hit.sentence_end)
    return project_link(
        chunk.project_id, section_key=chunk.section_key, highlight=sentence, lang=lang
    )


def parse_span(raw: str | None) -> tuple[int, int] | None:
    """``"12-40"`` as ``(12, 40)``; None for anything else."""
    match = re.fullmatch(r"(\d{1,9})-(\d{1,9})", raw or "")
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    return (start, end) if end > start else None


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


def human_size(n: int) -> str:
    """A byte count for people: ``2.3 MB``."""
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} B"


def when_text(iso: str) -> str:
    """An ISO timestamp as ``2026-11-23 11:04`` (as given when it does not parse)."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def kind_text(lang: str, kind: str) -> str:
    """The name of the project bank a kind of project comes from (the kind itself if unknown)."""
    return t(lang, f"kind.{kind}") if kind in PROJECT_KINDS else kind


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


# ---------------------------------------------------------------- model-written answers


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
