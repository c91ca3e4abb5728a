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
from .models import Citation, Hit, Project, Section

if TYPE_CHECKING:
    from .index import BuildReport

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
PROJECT_KINDS = ("esf", "tvv", "doc")
LIST_SECTION_KEYS = frozenset({"cofinanciers", "partners", "municipalities", "counties"})
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

TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "app.title": "Projektbanken",
        "app.tagline": "Frågor och sökning i ESF-rådets och Tillväxtverkets projektbanker – "
        "med källa till varje svar.",
        "nav.label": "Sida",
        "nav.chat": "Fråga",
        "nav.sok": "Sök",
        "nav.projekt": "Projekt",
        "nav.index": "Index",
        "lang.label": "Språk",
        "sidebar.index": "{projects} projekt · {chunks} textavsnitt",
        "sidebar.built": "Index byggt {when}",
        "error.settings": "Inställningarna går inte att läsa: {error}",
        "error.unexpected": "Något gick fel: {error}",
        "loading.model": "Läser in index och språkmodell …",
        # first start / index problems
        "first.title": "Första start: projektbanken indexeras",
        "first.body": "Inget index finns ännu i `{index_dir}`. Texterna i `{data_dir}` läses in "
        "och indexeras nu – det behöver bara göras en gång.",
        "first.no_data": "Det finns inget index och mappen `{data_dir}` saknas eller är tom. "
        "Lägg till projekttexter på sidan **Index** (uppladdning) och bygg indexet där.",
        "first.failed": "Indexet kunde inte byggas: {error}",
        "first.retry": "Försök igen",
        "problem.title": "Indexet kan inte användas just nu",
        "problem.rebuild": "Bygg om indexet",
        # build
        "build.running": "Indexerar …",
        "build.reading": "Läser och delar upp texterna …",
        "build.embedding": "Beräknar betydelsevektorer: {done} av {total} avsnitt",
        "build.writing": "Skriver index …",
        "build.stage": "{stage}: {done} av {total}",
        "build.done": "Klart: {projects} projekt, {chunks} avsnitt ({embedded} nya, "
        "{reused} återanvända) på {seconds:.1f} s",
        "build.failed": "Indexeringen misslyckades – det tidigare indexet används fortfarande. "
        "Orsak: {error}",
        "build.failed_first": "Indexeringen misslyckades: {error}",
        "build.added": "Tillagda filer",
        "build.changed": "Ändrade filer",
        "build.removed": "Borttagna filer",
        "build.duplicates": "Dubbletter (den första behölls)",
        "build.problems": "Problem vid inläsningen",
        # chat
        "chat.title": "Fråga projektbanken",
        "chat.placeholder": "Ställ en fråga om ett projekt, t.ex. ”Vem äger KC2?”",
        "chat.welcome": "Ställ en fråga om projekten så svarar assistenten med uppgifter "
        "direkt ur projekttexterna – varje påstående har en numrerad källa som du kan öppna "
        "och kopiera. Följdfrågor fungerar: ”Och vem äger det?”",
        "chat.examples": "Prova till exempel",
        "chat.thinking": "Letar i projekttexterna …",
        "chat.sources": "Källor",
        "chat.see_also": "Närmaste källor",
        "chat.not_answered": "Tips: nämn projektet vid namn, fråga om en uppgift (stöd, "
        "ägare, period, kommuner) eller använd **Sök** för att leta efter ett ämne.",
        "chat.open_section": "Öppna avsnittet",
        "chat.cite": "Citera",
        "chat.cite_help": "Färdig att klistra in i en rapport – kopiera med knappen i rutan.",
        "chat.feedback": "Var svaret till hjälp?",
        "chat.comment": "Kommentar (frivillig)",
        "chat.comment_placeholder": "Vad saknades eller var fel?",
        "chat.comment_send": "Skicka kommentar",
        "chat.feedback_thanks": "Tack för din återkoppling!",
        "chat.comment_thanks": "Tack! Kommentaren är sparad.",
        "chat.feedback_failed": "Återkopplingen kunde inte sparas: {error}",
        "chat.conversation": "Samtal",
        "chat.export": "Exportera samtalet (Markdown)",
        "chat.clear": "Rensa samtalet",
        "chat.empty_history": "Inget samtal ännu.",
        "chat.error": "Frågan kunde inte besvaras: {error}",
        "chat.question_n": "Fråga {n}",
        "example.grant": "Hur mycket ESF-stöd fick {name}?",
        "example.tvv_grant": "Hur mycket stöd beviljades {name}?",
        "example.owner": "Vem äger projektet {name}?",
        "example.purpose": "Vad är syftet med {name}?",
        "example.municipalities": "Vilka kommuner deltar i {name}?",
        "example.topic": "Vilka projekt arbetar med coachning?",
        # citations
        "cite.reference": "{quote}\n– {project}{owner}, avsnittet ”{section}”. Källa: {source}",
        "cite.chars": "tecken {start}–{end}",
        "cite.quote": "”{text}”",
        # search
        "search.title": "Sök i projektbanken",
        "search.caption": "Sökningen förstår betydelse, inte bara exakta ord: ”hjälp tillbaka "
        "till arbete” hittar också ”återinträde i yrkeslivet”.",
        "search.query": "Vad letar du efter?",
        "search.placeholder": "t.ex. socialt företag i glesbygd",
        "search.filters": "Filter",
        "search.region": "Region",
        "search.owner": "Projektägare / stödmottagare",
        "search.program": "Program",
        "search.municipality": "Kommun",
        "search.period": "Projektperiod (år)",
        "search.all": "Alla",
        "search.reset": "Rensa filter",
        "search.empty": "Skriv vad du letar efter – ett ämne, en målgrupp, en metod eller ett "
        "projektnamn. Använd filtren för att begränsa till en region, en ägare, ett program, "
        "en kommun eller en period.",
        "search.no_hits": "Inga träffar. Prova andra eller färre ord, ta bort ett filter eller "
        "vidga perioden.",
        "search.no_hits_filtered": "Inga träffar med de valda filtren. Ta bort ett filter eller "
        "vidga perioden.",
        "search.results": "Träffar {first}–{last}",
        "search.score": "poäng {score:.3f}",
        "search.prev": "Föregående",
        "search.next": "Nästa",
        "search.page": "Sida {n}",
        "search.open": "Öppna i projektet",
        # projects
        "projects.title": "Projekt",
        "projects.caption": "Alla indexerade projekt. Klicka på en rad (eller ”Öppna”) för att "
        "se projektets alla uppgifter och avsnitt.",
        "projects.filter": "Filtrera tabellen",
        "projects.filter_placeholder": "namn, ägare, region, program eller kommun",
        "projects.count": "{shown} av {total} projekt",
        "projects.none": "Inga projekt matchar filtret.",
        "col.name": "Projekt",
        "col.owner": "Ägare",
        "col.region": "Region",
        "col.program": "Program",
        "col.start": "Start",
        "col.end": "Slut",
        "col.grant": "Beviljat stöd (kr)",
        "col.budget": "Budget (kr)",
        "col.msek": "Beviljat stöd (miljoner kr)",
        "col.link": "Sida",
        "col.open": "Öppna",
        "col.year": "År",
        "col.projects": "Antal projekt",
        "chart.tabs_region": "Stöd per region",
        "chart.tabs_top": "Största projekten",
        "chart.tabs_timeline": "Tidslinje",
        "chart.region_caption": "Summa beviljat stöd per region för projekten i tabellen.",
        "chart.top_caption": "De {n} projekt i tabellen som beviljats mest stöd.",
        "chart.timeline_caption": "Projektperioder för de {n} största projekten i tabellen.",
        "chart.no_data": "Inga belopp eller perioder att visa för urvalet.",
        "project.back": "Alla projekt",
        "project.missing": "Projektet {id} finns inte i indexet. Det kan ha tagits bort vid en "
        "omindexering.",
        "project.contents": "Innehåll",
        "project.source": "Källfil: {source}",
        "project.external": "Projektets sida hos källan",
        "project.grant": "Beviljat stöd",
        "project.budget": "Total budget",
        "project.period": "Period",
        "project.highlight": "Markerat: citatet som länken pekar på.",
        "kind.esf": "ESF-rådets projektbank",
        "kind.tvv": "Tillväxtverkets projektbank",
        "kind.doc": "Dokument",
        # index
        "index.title": "Index",
        "index.caption": "Vad assistenten kan svara på: de indexerade projekttexterna.",
        "index.none": "Det finns inget index ännu. Ladda upp projekttexter nedan eller bygg "
        "indexet från `{data_dir}`.",
        "index.projects": "Projekt",
        "index.chunks": "Textavsnitt",
        "index.documents": "Filer",
        "index.size": "Storlek",
        "index.embedder": "Språkmodell för betydelse",
        "index.built": "Byggt",
        "index.paths": "Indexerat från",
        "index.stale": "Filerna har ändrats sedan indexet byggdes. Indexera om för att få med "
        "ändringarna.",
        "index.upload_title": "Lägg till projekttexter",
        "index.upload_help": "Sidtext från ESF-rådets projektbank (.txt), Markdown (.md), HTML "
        "(.html) eller Tillväxtverkets CSV-export (.csv), högst {limit}. Filerna kontrolleras "
        "innan de sparas i `{data_dir}`; felaktiga filer avvisas med en förklaring.",
        "index.upload": "Välj filer",
        "index.add": "Lägg till och indexera om",
        "index.rebuild_title": "Indexera om",
        "index.rebuild_help": "Läser om allt från {paths} och bygger ett nytt index. Det gamla "
        "indexet används tills det nya är klart; misslyckas bygget finns det kvar.",
        "index.rebuild": "Indexera om nu",
        "index.build": "Bygg indexet",
        "index.last_build": "Senaste indexering",
        "index.missing_path": "Sökvägen {path} finns inte längre och hoppas över.",
        "upload.saved": "{name}: sparad – {projects} projekt hittades.",
        "upload.renamed": "{name}: en annan fil har redan det namnet, sparad som {saved} – "
        "{projects} projekt hittades.",
        "upload.same": "{name}: filen finns redan i {data_dir} med samma innehåll.",
        "upload.bad_name": "{name}: ogiltigt filnamn.",
        "upload.bad_type": "{name}: filtypen stöds inte ({suffix}). Använd .txt, .md, .html "
        "eller .csv.",
        "upload.too_big": "{name}: filen är {size} – större än gränsen {limit}.",
        "upload.empty": "{name}: filen är tom.",
        "upload.unreadable": "{name}: filen kunde inte läsas som projekttext. {detail}",
        "upload.no_projects": "{name}: inga projekt hittades i filen. {detail}",
        "upload.duplicate": "{name}: projekten finns redan i indexet ({detail}); filen sparades "
        "inte.",
        "upload.write_failed": "{name}: filen kunde inte sparas: {detail}",
        "upload.none_saved": "Inga nya filer sparades, så indexet byggs inte om.",
    },
    "en": {
        "app.title": "Projektbanken",
        "app.tagline": "Questions and search over the ESF Council and Tillväxtverket project "
        "banks – with a source for every answer.",
        "nav.label": "Page",
        "nav.chat": "Ask",
        "nav.sok": "Search",
        "nav.projekt": "Projects",
        "nav.index": "Index",
        "lang.label": "Language",
        "sidebar.index": "{projects} projects · {chunks} text passages",
        "sidebar.built": "Index built {when}",
        "error.settings": "The settings cannot be read: {error}",
        "error.unexpected": "Something went wrong: {error}",
        "loading.model": "Loading the index and the language model …",
        "first.title": "First start: indexing the project bank",
        "first.body": "There is no index in `{index_dir}` yet. The texts in `{data_dir}` are "
        "being read and indexed now – this is only needed once.",
        "first.no_data": "There is no index and the folder `{data_dir}` is missing or empty. "
        "Add project texts on the **Index** page (upload) and build the index there.",
        "first.failed": "The index could not be built: {error}",
        "first.retry": "Try again",
        "problem.title": "The index cannot be used right now",
        "problem.rebuild": "Rebuild the index",
        "build.running": "Indexing …",
        "build.reading": "Reading and splitting the texts …",
        "build.embedding": "Computing meaning vectors: {done} of {total} passages",
        "build.writing": "Writing the index …",
        "build.stage": "{stage}: {done} of {total}",
        "build.done": "Done: {projects} projects, {chunks} passages ({embedded} new, "
        "{reused} reused) in {seconds:.1f} s",
        "build.failed": "Indexing failed – the previous index is still in use. Reason: {error}",
        "build.failed_first": "Indexing failed: {error}",
        "build.added": "Added files",
        "build.changed": "Changed files",
        "build.removed": "Removed files",
        "build.duplicates": "Duplicates (the first one was kept)",
        "build.problems": "Problems while reading",
        "chat.title": "Ask the project bank",
        "chat.placeholder": "Ask about a project, e.g. “Who owns KC2?”",
        "chat.welcome": "Ask about the projects and the assistant answers with facts taken "
        "straight from the project texts – every statement has a numbered source you can open "
        "and copy. Follow-up questions work: “And who owns it?”",
        "chat.examples": "Try for example",
        "chat.thinking": "Searching the project texts …",
        "chat.sources": "Sources",
        "chat.see_also": "Nearest sources",
        "chat.not_answered": "Tip: name the project, ask for a fact (grant, owner, period, "
        "municipalities) or use **Search** to look for a topic.",
        "chat.open_section": "Open the section",
        "chat.cite": "Cite",
        "chat.cite_help": "Ready to paste into a report – copy it with the button in the box.",
        "chat.feedback": "Was this answer helpful?",
        "chat.comment": "Comment (optional)",
        "chat.comment_placeholder": "What was missing or wrong?",
        "chat.comment_send": "Send comment",
        "chat.feedback_thanks": "Thank you for your feedback!",
        "chat.comment_thanks": "Thank you! Your comment is saved.",
        "chat.feedback_failed": "The feedback could not be saved: {error}",
        "chat.conversation": "Conversation",
        "chat.export": "Export the conversation (Markdown)",
        "chat.clear": "Clear the conversation",
        "chat.empty_history": "No conversation yet.",
        "chat.error": "The question could not be answered: {error}",
        "chat.question_n": "Question {n}",
        "example.grant": "How much ESF support did {name} get?",
        "example.tvv_grant": "How much funding was {name} granted?",
        "example.owner": "Who owns the project {name}?",
        "example.purpose": "What is the purpose of {name}?",
        "example.municipalities": "Which municipalities take part in {name}?",
        "example.topic": "Which projects work with coaching?",
        "cite.reference": "{quote}\n– {project}{owner}, section “{section}”. Source: {source}",
        "cite.chars": "characters {start}–{end}",
        "cite.quote": "“{text}”",
        "search.title": "Search the project bank",
        "search.caption": "Search understands meaning, not just exact words: “help back to "
        "work” also finds “återinträde i yrkeslivet”.",
        "search.query": "What are you looking for?",
        "search.placeholder": "e.g. social enterprise in rural areas",
        "search.filters": "Filters",
        "search.region": "Region",
        "search.owner": "Project owner / beneficiary",
        "search.program": "Programme",
        "search.municipality": "Municipality",
        "search.period": "Project period (years)",
        "search.all": "All",
        "search.reset": "Clear filters",
        "search.empty": "Type what you are looking for – a topic, a target group, a method or a "
        "project name. Use the filters to narrow to a region, an owner, a programme, a "
        "municipality or a period.",
        "search.no_hits": "No hits. Try other or fewer words, remove a filter or widen the period.",
        "search.no_hits_filtered": "No hits with the chosen filters. Remove a filter or widen "
        "the period.",
        "search.results": "Hits {first}–{last}",
        "search.score": "score {score:.3f}",
        "search.prev": "Previous",
        "search.next": "Next",
        "search.page": "Page {n}",
        "search.open": "Open in the project",
        "projects.title": "Projects",
        "projects.caption": "All indexed projects. Click a row (or “Open”) to see all of a "
        "project's facts and sections.",
        "projects.filter": "Filter the table",
        "projects.filter_placeholder": "name, owner, region, programme or municipality",
        "projects.count": "{shown} of {total} projects",
        "projects.none": "No project matches the filter.",
        "col.name": "Project",
        "col.owner": "Owner",
        "col.region": "Region",
        "col.program": "Programme",
        "col.start": "Start",
        "col.end": "End",
        "col.grant": "Grant (SEK)",
        "col.budget": "Budget (SEK)",
        "col.msek": "Grant (million SEK)",
        "col.link": "Page",
        "col.open": "Open",
        "col.year": "Year",
        "col.projects": "Projects",
        "chart.tabs_region": "Grant per region",
        "chart.tabs_top": "Largest projects",
        "chart.tabs_timeline": "Timeline",
        "chart.region_caption": "Total grant per region for the projects in the table.",
        "chart.top_caption": "The {n} projects in the table with the largest grants.",
        "chart.timeline_caption": "Project periods of the {n} largest projects in the table.",
        "chart.no_data": "No amounts or periods to show for this selection.",
        "project.back": "All projects",
        "project.missing": "The project {id} is not in the index. It may have been removed by a "
        "re-index.",
        "project.contents": "Contents",
        "project.source": "Source file: {source}",
        "project.external": "The project's page at the source",
        "project.grant": "Grant",
        "project.budget": "Total budget",
        "project.period": "Period",
        "project.highlight": "Highlighted: the quote the link points to.",
        "kind.esf": "ESF Council project bank",
        "kind.tvv": "Tillväxtverket project bank",
        "kind.doc": "Document",
        "index.title": "Index",
        "index.caption": "What the assistant can answer from: the indexed project texts.",
        "index.none": "There is no index yet. Upload project texts below or build the index "
        "from `{data_dir}`.",
        "index.projects": "Projects",
        "index.chunks": "Text passages",
        "index.documents": "Files",
        "index.size": "Size",
        "index.embedder": "Meaning model",
        "index.built": "Built",
        "index.paths": "Indexed from",
        "index.stale": "The files have changed since the index was built. Re-index to include "
        "the changes.",
        "index.upload_title": "Add project texts",
        "index.upload_help": "Page text from the ESF Council project bank (.txt), Markdown "
        "(.md), HTML (.html) or the Tillväxtverket CSV export (.csv), at most {limit}. Files are "
        "checked before they are saved in `{data_dir}`; bad files are rejected with a reason.",
        "index.upload": "Choose files",
        "index.add": "Add and re-index",
        "index.rebuild_title": "Re-index",
        "index.rebuild_help": "Reads everything again from {paths} and builds a new index. The "
        "old index serves until the new one is ready; if the build fails, it stays.",
        "index.rebuild": "Re-index now",
        "index.build": "Build the index",
        "index.last_build": "Last indexing",
        "index.missing_path": "The path {path} no longer exists and is skipped.",
        "upload.saved": "{name}: saved – {projects} project(s) found.",
        "upload.renamed": "{name}: another file already has that name, saved as {saved} – "
        "{projects} project(s) found.",
        "upload.same": "{name}: the file is already in {data_dir} with the same content.",
        "upload.bad_name": "{name}: invalid file name.",
        "upload.bad_type": "{name}: unsupported file type ({suffix}). Use .txt, .md, .html or "
        ".csv.",
        "upload.too_big": "{name}: the file is {size} – over the limit of {limit}.",
        "upload.empty": "{name}: the file is empty.",
        "upload.unreadable": "{name}: the file could not be read as project text. {detail}",
        "upload.no_projects": "{name}: no projects were found in the file. {detail}",
        "upload.duplicate": "{name}: the projects are already indexed ({detail}); the file was "
        "not saved.",
        "upload.write_failed": "{name}: the file could not be saved: {detail}",
        "upload.none_saved": "No new files were saved, so the index is not rebuilt.",
    },
}


def t(lang: str, key: str, **values: object) -> str:
    """The UI text ``key`` in ``lang`` (Swedish when missing), formatted with ``values``."""
    table = TEXTS.get(lang, TEXTS[DEFAULT_LANGUAGE])
    template = table.get(key) or TEXTS[DEFAULT_LANGUAGE].get(key, key)
    return template.format(**values) if values else template


# ---------------------------------------------------------------- index builds


@dataclass(frozen=True, kw_only=True)
class BuildStage:
    """A stage :func:`assistant.index.build_index` reports: its label and its share of the bar."""

    text_key: str
    low: float
    high: float


BUILD_STAGES = {
    "reading": BuildStage(text_key="build.reading", low=0.0, high=0.05),
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


def sek(amount: int | None) -> str:
    """Swedish money format: ``3 804 849 kr`` (empty for None)."""
    return "" if amount is None else f"{grouped(amount)} kr"


def when_text(iso: str) -> str:
    """An ISO timestamp as ``2026-11-23 11:04`` (as given when it does not parse)."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def grouped(n: int) -> str:
    """A whole number with thin groups of three: ``2 123``."""
    return f"{n:,}".replace(",", " ")


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
        (t(lang, "project.grant"), sek(grant) if isinstance(grant, int) else ""),
        (t(lang, "project.budget"), sek(budget) if isinstance(budget, int) else ""),
        (t(lang, "project.period"), period),
    ]
    return [(label, value) for label, value in shown if value]
