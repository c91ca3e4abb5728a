"""Answers composed from the sources themselves: exact field values, quoted sentences, SQL lists.

There is no language model here, so nothing is generated: an answer is a frame in the question's
language around values and sentences taken verbatim from the index, each with a citation.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from . import routing
from .chunking import FACTS_KEY, display_value, fact_line, section_by_key
from .embedding import Embedder
from .errors import QuestionError
from .index import Index, bm25_tokens
from .models import Answer, Citation, Project, Section
from .routing import Mention, NameMatcher, ValueLexicon
from .search import Filters, Searcher, open_searcher
from .settings import Settings
from .text import format_sek, sentence_spans

NOT_IN_SOURCES = {
    "sv": "Det framgår inte av projekttexterna.",
    "en": "The project texts do not say.",
}
LIST_LIMIT = 10
SHORT_SECTION = 450
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_UNAVAILABLE = re.compile(
    r"webbplats|hemsida|website|homepage|\burl\b|organisationsnummer|org\.? ?nr|anställda"
    r"|employees|staff|\badress|\baddress|\bfax\b|twitter|facebook|linkedin|instagram"
)
_NUMBER_WORDS = re.compile(
    r"(?<!\w)\d|\b(två|tre|fyra|fem|sex|sju|åtta|nio|tio|tjugo|hundra|tusen|miljon\w*|hälften)\b"
)
_CROSS_REFERENCE = re.compile(r"^(se|see) (under|ovan|nedan|above|below)\b", re.I)


# ---------------------------------------------------------------- citations


class Cites:
    """Numbers citations in order of first use; the same source quoted twice keeps its number."""

    def __init__(self) -> None:
        self.items: list[Citation] = []

    def add(self, citation: Citation) -> str:
        for c in self.items:
            if (c.project_id, c.section_key, c.quote) == (
                citation.project_id,
                citation.section_key,
                citation.quote,
            ):
                return f"[{c.n}]"
        self.items.append(replace(citation, n=len(self.items) + 1))
        return f"[{len(self.items)}]"


def _citation(project: Project, section: Section, start: int, end: int) -> Citation:
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
        _citation(project, facts, at, at + len(line)), start=found.span.start, end=found.span.end
    )


def list_citation(project: Project, key: str, items: Sequence[str] | None = None) -> Citation:
    """A citation of a list section, quoting the whole list or the given consecutive items."""
    section = section_by_key(project, key)
    assert section is not None
    if not items:
        return _citation(project, section, 0, len(section.text))
    quote = "\n".join(items)
    at = section.text.find(quote)
    if at < 0:
        return _citation(project, section, 0, len(section.text))
    return _citation(project, section, at, at + len(quote))


# ---------------------------------------------------------------- phrasing

FIELD_NAMES: dict[str, tuple[str, str]] = {
    "grant_sek": ("beviljat stöd", "granted support"),
    "budget_sek": ("total projektbudget", "total budget"),
    "public_funding_sek": ("offentlig finansiering", "public funding"),
    "owner": ("projektägare", "project owner"),
    "contact": ("kontaktperson", "contact person"),
    "email": ("e-postadress", "e-mail address"),
    "phone": ("telefonnummer", "phone number"),
    "region": ("region", "region"),
    "program": ("programområde", "programme area"),
    "priority": ("insatsområde", "priority axis"),
    "phase": ("projektfas", "project phase"),
    "status": ("status", "status"),
    "case_id": ("ärende-id", "case id"),
    "period": ("projektperiod", "project period"),
    "cofinanciers": ("medfinansiärer", "co-financiers"),
    "partners": ("samarbetspartners", "partners"),
    "municipalities": ("kommuner", "municipalities"),
    "counties": ("län", "counties"),
}
LIST_KEYS = frozenset({"cofinanciers", "partners", "municipalities", "counties"})


def field_name(key: str, lang: str, project: Project | None = None) -> str:
    sv, en = FIELD_NAMES.get(key, (key, key))
    if project is not None and project.kind == "tvv":
        sv, en = {
            "owner": ("stödmottagare", "beneficiary"),
            "contact": ("projektledare", "project manager"),
        }.get(key, (sv, en))
    if project is not None and project.kind == "esf" and key == "grant_sek":
        sv, en = "beviljat ESF-stöd", "granted ESF support"
    return sv if lang == "sv" else en


def join_words(items: Sequence[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    last = " och " if lang == "sv" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def _tr(lang: str, sv: str, en: str) -> str:
    return sv if lang == "sv" else en


# ---------------------------------------------------------------- the assistant


@dataclass(frozen=True, kw_only=True)
class Reading:
    """What the router made of a question."""

    text: str
    language: str
    projects: tuple[str, ...]
    masked: str
    field: str | None
    section: str | None
    aggregate: bool
    mentions: tuple[Mention, ...]
    query: str = ""
    followup: bool = False
    soft: bool = False


class Assistant:
    """Answers questions over one loaded index; safe to share between threads."""

    def __init__(self, *, settings: Settings, searcher: Searcher) -> None:
        self.settings = settings
        self.searcher = searcher
        self.index: Index = searcher.index
        self.embedder: Embedder = searcher.embedder
        projects = self.index.projects.values()
        self.names = NameMatcher(projects, common=routing.common_words(projects))
        self.lexicon = ValueLexicon.build(self.index.projects.values())
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def open(cls, settings: Settings, *, embedder: Embedder | None = None) -> Assistant:
        return cls(settings=settings, searcher=open_searcher(settings, embedder=embedder))

    def project(self, project_id: str) -> Project:
        return self.index.projects[project_id]

    # ------------------------------------------------------------ entry point

    def ask(self, question: str, *, history: Sequence[Answer] = ()) -> Answer:
        """Answer one question; ``history`` holds the conversation's earlier answers in order."""
        try:
            text = self._clean(question)
        except QuestionError as exc:
            lang = routing.detect_language(question[:500])
            return Answer(
                question=question, answer=str(exc), answered=False, kind="invalid", language=lang
            )
        reading = self._read(text, history)
        answer = self._route(reading, history)
        return replace(answer, question=question, language=reading.language)

    def _clean(self, question: str) -> str:
        text = re.sub(r"\s+", " ", _CONTROL.sub(" ", question or "")).strip()
        lang = routing.detect_language(text)
        if not text or not re.search(r"\w", text):
            raise QuestionError(
                _tr(
                    lang,
                    "Skriv en fråga om ett projekt, till exempel ”Hur mycket ESF-stöd fick KC2?”",
                    "Please ask a question about a project, e.g. “How much ESF support did KC2 "
                    "get?”",
                )
            )
        limit = self.settings.max_question_chars
        if len(text) > limit:
            raise QuestionError(
                _tr(
                    lang,
                    f"Frågan är för lång ({len(text)} tecken). "
                    f"Korta den till högst {limit} tecken.",
                    f"The question is too long ({len(text)} characters). Keep it under {limit}.",
                )
            )
        return text

    def _read(self, text: str, history: Sequence[Answer]) -> Reading:
        default = history[-1].language if history else "sv"
        lang = routing.detect_language(text, default=default)
        mentions = tuple(self.names.find(text))
        masked = routing.mask(text, [(m.start, m.end) for m in mentions])
        reading = Reading(
            text=text,
            language=lang,
            projects=tuple(m.project_id for m in mentions),
            masked=masked,
            field=routing.match_field(masked),
            section=routing.match_section(masked),
            aggregate=bool(routing.AGGREGATE.search(masked)) and len(mentions) != 1,
            mentions=mentions,
            query=text,
        )
        return self._resolve_followup(reading, history)

    def _resolve_followup(self, r: Reading, history: Sequence[Answer]) -> Reading:
        previous = next((a for a in reversed(history) if a.project_ids or a.intent), None)
        if previous is None:
            return r
        asks_something = r.field or r.section or r.aggregate
        if r.projects and not asks_something and len(r.masked.split()) <= 6 and previous.intent:
            kind, _, value = previous.intent.partition(":")
            if kind == "field":
                return replace(r, field=value, followup=True)
            if kind == "section":
                return replace(r, section=value, followup=True)
            if kind == "passage":
                return replace(r, masked=value, query=value, followup=True)
        if r.projects or r.aggregate or not 0 < len(previous.project_ids) <= 2:
            return r
        refers_back = r.field or r.section or routing.ANAPHORA.search(r.masked)
        return replace(r, projects=previous.project_ids[:1], followup=True, soft=not refers_back)

    def _route(self, r: Reading, history: Sequence[Answer]) -> Answer:
        if len(r.projects) >= 2 and (r.field or routing.COMPARE.search(r.masked)):
            return self._compare(r)
        if r.aggregate and not (len(r.projects) == 1 and r.field and not _is_ranking(r)):
            return self._cross(r)
        if r.field and r.projects:
            return self._field(r)
        if not r.projects and (name := self._unknown_project(r)):
            return self._not_found(r, name)
        if r.field and not r.projects and r.field not in ("region", "period", "program"):
            return self._which_project(r)
        return self._passage(r)

    # ------------------------------------------------------------ field questions

    def _field(self, r: Reading) -> Answer:
        project = self.project(r.projects[0])
        key = r.field or ""
        lang = r.language
        cites = Cites()
        if key in LIST_KEYS:
            return self._list_field(r, project, key)
        if key == "period":
            text = self._period_text(project, lang, cites)
        else:
            text = self._value_text(project, key, lang, cites)
        if text is None:
            return self._missing_field(r, project, key)
        return _field_answer(r, project, key, text, cites)

    def _value_text(self, p: Project, key: str, lang: str, cites: Cites) -> str | None:
        found = p.field(key)
        citation = fact_citation(p, key)
        if found is None or citation is None:
            return None
        value = display_value(found)
        mark = cites.add(citation)
        name = field_name(key, lang, p)
        if key == "grant_sek":
            return _tr(
                lang,
                f"{p.name} beviljades {value} i {'ESF-stöd' if p.kind == 'esf' else 'stöd'}"
                f" {mark}.",
                f"{p.name} was granted {value}"
                f"{' of ESF support' if p.kind == 'esf' else ''} {mark}.",
            )
        return _tr(
            lang,
            f"{name[0].upper() + name[1:]} för {p.name}: {value} {mark}.",
            f"The {name} of {p.name} is {value} {mark}.",
        )

    def _period_text(self, p: Project, lang: str, cites: Cites) -> str | None:
        start, end = p.value("start"), p.value("end")
        key = "period" if p.field("period") else "start"
        citation = fact_citation(p, key)
        if not isinstance(start, date) or not isinstance(end, date) or citation is None:
            return None
        mark = cites.add(citation)
        if key == "start" and (end_cite := fact_citation(p, "end")):
            mark += " " + cites.add(end_cite)
        past = end < date.today()
        return _tr(
            lang,
            f"{p.name} {'pågick' if past else 'pågår'} från {start} till {end} {mark}.",
            f"{p.name} {'ran' if past else 'runs'} from {start} to {end} {mark}.",
        )

    def _list_field(self, r: Reading, p: Project, key: str) -> Answer:
        lst = p.list(key)
        if lst is None or not lst.items:
            return self._missing_field(r, p, key)
        cites = Cites()
        mark = cites.add(list_citation(p, key))
        lang = r.language
        shown = [_with_alias(v) for v in lst.values]
        name = field_name(key, lang, p)
        text = _tr(
            lang,
            f"{p.name} har {len(shown)} {name}: {join_words(shown, lang)} {mark}.",
            f"{p.name} has {len(shown)} {name}: {join_words(shown, lang)} {mark}.",
        )
        return _field_answer(r, p, key, text, cites)

    def _missing_field(self, r: Reading, p: Project, key: str) -> Answer:
        lang = r.language
        name = field_name(key, lang, p)
        see = fact_citation(p, "owner") or fact_citation(p, "grant_sek")
        return Answer(
            question=r.text,
            answer=_tr(
                lang,
                f"{NOT_IN_SOURCES['sv']} Projekttexten för {p.name} anger ingen {name}.",
                f"{NOT_IN_SOURCES['en']} The text of {p.name} gives no {name}.",
            ),
            answered=False,
            kind="field",
            project_ids=(p.id,),
            see_also=(replace(see, n=1),) if see else (),
            intent=f"field:{key}",
        )

    def _which_project(self, r: Reading) -> Answer:
        lang = r.language
        return Answer(
            question=r.text,
            answer=_tr(
                lang,
                "Vilket projekt menar du? Skriv projektets namn, till exempel ”Vem är "
                "kontaktperson för KC2?”",
                "Which project do you mean? Name it, e.g. “Who is the contact person for KC2?”",
            ),
            answered=False,
            kind="clarify",
        )

    # ------------------------------------------------------------ comparisons

    def _compare(self, r: Reading) -> Answer:
        lang = r.language
        keys = (
            [r.field]
            if r.field and r.field not in LIST_KEYS
            else ["grant_sek", "budget_sek", "period", "region", "owner"]
        )
        cites = Cites()
        lines = []
        for pid in r.projects:
            p = self.project(pid)
            parts = []
            for key in keys:
                if key == "period":
                    part = self._period_text(p, lang, cites)
                else:
                    part = self._value_text(p, key, lang, cites)
                if part:
                    parts.append(part)
            if parts:
                lines.append(" ".join(parts))
        lines.extend(self._difference(r, keys))
        if not cites.items:
            return self._passage(r)
        return Answer(
            question=r.text,
            answer="\n".join(lines),
            answered=True,
            citations=tuple(cites.items),
            kind="compare",
            project_ids=r.projects,
            intent=f"field:{keys[0]}" if len(keys) == 1 else "",
        )

    def _difference(self, r: Reading, keys: Sequence[str]) -> list[str]:
        """The difference, or with 'tillsammans'/'total' the sum, of an amount for two projects."""
        key = keys[0]
        values = [(self.project(pid), _amount(self.project(pid), key)) for pid in r.projects[:2]]
        if len(values) < 2 or any(v is None for _, v in values):
            return []
        name = field_name(key, r.language)
        if routing.TOTAL.search(r.masked):
            total = format_sek(sum(v or 0 for _, v in values))
            names = join_words([p.name for p, _ in values], r.language)
            return [
                _tr(
                    r.language,
                    f"Tillsammans: {total} för {names}.",
                    f"Together: {total} for {names}.",
                )
            ]
        (a, va), (b, vb) = sorted(values, key=lambda pv: -(pv[1] or 0))
        diff = format_sek((va or 0) - (vb or 0))
        return [
            _tr(
                r.language,
                f"{a.name} har alltså {diff} mer i {name} än {b.name}.",
                f"So {a.name} has {diff} more {name} than {b.name}.",
            )
        ]

    # ------------------------------------------------------------ cross-project questions

    def _cross(self, r: Reading) -> Answer:
        query = self._cross_query(r)
        if query is None:
            return self._semantic_list(r)
        matches = self._run_cross(query)
        return self._cross_answer(r, query, matches)

    def _cross_query(self, r: Reading) -> CrossQuery | None:
        span = routing.years(r.masked)
        relation, phrase = self._relation(r.masked)
        measure = _measure(r)
        if relation is None and span is None and measure in ("list", "count"):
            return None
        return CrossQuery(relation=relation, phrase=phrase, period=span, measure=measure)

    def _relation(self, masked: str) -> tuple[str | None, str | None]:
        """The relation and value a cross-project question filters on, if any.

        A relation word ('medfinansiär', 'län') picks the value among that relation's values;
        without one only place names count, so 'livsmedel' never becomes an owner filter.
        """
        for relation, pattern in routing.RELATION_WORDS.items():
            if re.search(pattern, masked) and (
                found := self.lexicon.find(masked, relation=relation)
            ):
                return relation, found[0]
        anywhere = self.lexicon.find(masked)
        place = _first(("region", "counties", "municipalities"), anywhere[1]) if anywhere else None
        return (place, anywhere[0]) if anywhere and place else (None, None)

    def _run_cross(self, q: CrossQuery) -> list[CrossMatch]:
        """Matching projects from the SQLite records, with the value that made each match."""
        con = self.index.db()
        con.create_function("matches", 2, routing.value_matches, deterministic=True)
        where, params, evidence = ["1=1"], [], "p.id"
        if q.relation in LIST_KEYS:
            where.append(
                "p.id IN (SELECT project_id FROM list_items"
                " WHERE list_key = ? AND matches(item, ?))"
            )
            params += [q.relation, q.phrase]
        elif q.relation:
            where.append(f"matches(p.{q.relation}, ?)")
            params.append(q.phrase)
        if q.period:
            where.append('p.start <= ? AND p."end" >= ?')
            params += [q.period[1].isoformat(), q.period[0].isoformat()]
        order = "p.grant_sek IS NULL, p.grant_sek DESC, p.name"
        if q.measure == "min":
            where.append("p.grant_sek IS NOT NULL")
            order = "p.grant_sek ASC, p.name"
        sql = f"SELECT {evidence} FROM projects p WHERE {' AND '.join(where)} ORDER BY {order}"
        try:
            rows = con.execute(sql, params).fetchall()
        except sqlite3.Error:
            return []
        return [CrossMatch(project=self.project(row[0])) for row in rows]

    def _cross_answer(self, r: Reading, q: CrossQuery, matches: list[CrossMatch]) -> Answer:
        lang = r.language
        desc = _describe(replace(q, phrase=self.lexicon.display(q.phrase or "")), lang)
        if not matches:
            return Answer(
                question=r.text,
                answer=_tr(
                    lang,
                    f"Inga projekt {desc} finns i källorna.",
                    f"No projects {desc} are in the sources.",
                ),
                answered=False,
                kind="cross",
                intent="cross",
            )
        cites = Cites()
        shown = matches[:LIST_LIMIT]
        items = [f"{m.project.name} {self._evidence(m.project, q, cites)}" for m in shown]
        total = sum(_amount(m.project, "grant_sek") or 0 for m in matches)
        head = self._cross_head(q, matches, desc, lang, total)
        more = len(matches) - len(shown)
        tail = _tr(lang, f" … och {more} till.", f" … and {more} more.") if more > 0 else ""
        sep = "\n- "
        return Answer(
            question=r.text,
            answer=head + sep + sep.join(items) + tail,
            answered=True,
            citations=tuple(cites.items),
            kind="cross",
            project_ids=tuple(m.project.id for m in shown),
            intent="cross",
        )

    def _cross_head(
        self, q: CrossQuery, matches: list[CrossMatch], desc: str, lang: str, total: int
    ) -> str:
        n = len(matches)
        if q.measure == "max":
            best = matches[0].project
            return _tr(
                lang,
                f"Störst beviljat stöd bland {n} projekt {desc} har {best.name}:",
                f"Of {n} projects {desc}, {best.name} has the largest grant:",
            )
        if q.measure == "min":
            best = matches[0].project
            return _tr(
                lang,
                f"Minst beviljat stöd bland {n} projekt {desc} har {best.name}:",
                f"Of {n} projects {desc}, {best.name} has the smallest grant:",
            )
        if q.measure == "total":
            return _tr(
                lang,
                f"Sammanlagt beviljades {format_sek(total)} till {n} projekt {desc}"
                + (" (de största visas):" if n > LIST_LIMIT else ":"),
                f"In total {format_sek(total)} was granted to {n} projects {desc}"
                + (" (largest shown):" if n > LIST_LIMIT else ":"),
            )
        return _tr(
            lang,
            f"{n} projekt {desc}"
            + (f" (de {LIST_LIMIT} första visas):" if n > LIST_LIMIT else ":"),
            f"{n} project{'s' if n != 1 else ''} {desc}"
            + (f" (first {LIST_LIMIT} shown):" if n > LIST_LIMIT else ":"),
        )

    def _evidence(self, p: Project, q: CrossQuery, cites: Cites) -> str:
        """The citation marker(s) for why a project is in a cross-project answer."""
        marks = []
        if q.relation in LIST_KEYS and q.phrase:
            lst = p.list(q.relation)
            hits = [v for v in (lst.values if lst else ()) if routing.value_matches(v, q.phrase)]
            marks.append(cites.add(list_citation(p, q.relation, hits[:1])))
        elif q.relation and (c := fact_citation(p, q.relation)):
            marks.append(cites.add(c))
        if q.period and (c := fact_citation(p, "period") or fact_citation(p, "start")):
            marks.append(cites.add(c))
        grant = fact_citation(p, "grant_sek")
        if q.measure in ("max", "min", "total") and grant:
            value = display_value(p.field("grant_sek"))  # type: ignore[arg-type]
            return f"({value}) " + " ".join([*marks, cites.add(grant)])
        if not marks and grant:
            marks.append(cites.add(grant))
        return " ".join(marks)

    def _semantic_list(self, r: Reading) -> Answer:
        """'Which projects work with X?' with no field to match: the projects whose text does."""
        hits = self.searcher.search(r.text, k=20)
        cites = Cites()
        seen: dict[str, str] = {}
        for hit in hits:
            if hit.project_id in seen or hit.chunk.section_key == FACTS_KEY:
                continue
            p = self.project(hit.project_id)
            section = section_by_key(p, hit.chunk.section_key)
            if section is None:
                continue
            start = hit.chunk.section_start + hit.sentence_start
            end = hit.chunk.section_start + hit.sentence_end
            mark = cites.add(_citation(p, section, start, end))
            seen[p.id] = f"{p.name}: ”{section.text[start:end]}” {mark}"
            if len(seen) == 5:
                break
        if not seen:
            return self._unanswered(r, [])
        lang = r.language
        head = _tr(
            lang,
            "De projekt vars texter bäst motsvarar frågan:",
            "The projects whose texts best match the question:",
        )
        return Answer(
            question=r.text,
            answer=head + "\n- " + "\n- ".join(seen.values()),
            answered=True,
            citations=tuple(cites.items),
            kind="cross",
            project_ids=tuple(seen),
            intent="cross",
        )

    # ------------------------------------------------------------ passages

    def _passage(self, r: Reading, qvec: np.ndarray | None = None) -> Answer:
        if qvec is None:
            qvec = self.searcher.encode_query(r.query)
        candidates = self._candidate_sentences(r, qvec)
        if not candidates:
            return self._unanswered(r, [])
        scored = self._score_sentences(r, candidates, qvec)
        if routing.NUMBER_QUESTION.search(r.masked):
            scored = [sc for sc in scored if _NUMBER_WORDS.search(sc[1].quote.lower())] or scored
        best = scored[0][1]
        if not self._supports(r, best):
            if r.soft:
                return self._passage(replace(r, projects=(), soft=False), qvec)
            return self._unanswered(r, [c for _, c in scored[:2]])
        quotes = self._quotes(r, scored)
        cites = Cites()
        body = " ".join(f"”{c.quote}” {cites.add(c.citation())}" for c in quotes)
        text = _tr(
            r.language,
            f"Enligt {best.project.name} ({best.section.title}): {body}",
            f"According to {best.project.name} ({best.section.title}): {body}",
        )
        return Answer(
            question=r.text,
            answer=text,
            answered=True,
            citations=tuple(cites.items),
            kind="passage",
            project_ids=(best.project.id,),
            intent=f"section:{r.section}" if r.section and r.projects else f"passage:{r.masked}",
        )

    def _quotes(self, r: Reading, scored: list[tuple[float, Candidate]]) -> list[Candidate]:
        """The best sentence; a short section read as a whole; or a close runner-up beside it."""
        best = scored[0][1]
        section = best.section
        whole = Candidate(best.project, section, 0, len(section.text), best.rank)
        if r.section == section.key and len(section.text) <= SHORT_SECTION:
            return [whole]
        quotes = [best]
        if len(scored) > 1:
            score, second = scored[1]
            same_place = second.project.id == best.project.id and second.section is section
            if same_place and score >= scored[0][0] - 0.015:
                quotes.append(second)
        return sorted(quotes, key=lambda c: c.start)

    def _candidate_sentences(self, r: Reading, qvec: np.ndarray) -> list[Candidate]:
        if r.projects and r.section:
            p = self.project(r.projects[0])
            section = p.section(r.section)
            if section is not None:
                return [Candidate(p, section, a, b, 0) for a, b in sentence_spans(section.text)]
        filters = Filters(project_ids=frozenset(r.projects)) if r.projects else None
        hits = self.searcher.search(r.query, k=4, filters=filters, query_vector=qvec)
        out: list[Candidate] = []
        for rank, hit in enumerate(hits):
            if hit.chunk.section_key == FACTS_KEY or hit.chunk.section_key in LIST_KEYS:
                continue
            p = self.project(hit.project_id)
            section = section_by_key(p, hit.chunk.section_key)
            if section is None:
                continue
            base = hit.chunk.section_start
            for a, b in sentence_spans(hit.chunk.text):
                out.append(Candidate(p, section, base + a, base + b, rank))
        return out

    def _score_sentences(
        self, r: Reading, candidates: list[Candidate], qvec: np.ndarray
    ) -> list[tuple[float, Candidate]]:
        vectors = self._sentence_vectors([c.quote for c in candidates])
        wanted = set(bm25_tokens(r.masked))
        scored = []
        for c, vec in zip(candidates, vectors):
            dense = float(vec @ qvec)
            have = set(bm25_tokens(c.quote))
            coverage = len(wanted & have) / len(wanted) if wanted else 0.0
            c.dense, c.coverage = dense, coverage
            scored.append((dense + 0.1 * coverage - 0.004 * c.rank, c))
        scored.sort(key=lambda sc: -sc[0])
        return scored

    def _sentence_vectors(self, sentences: list[str]) -> list[np.ndarray]:
        """Stored vectors from the index; the few sentences it lacks (a sentence cut at a chunk
        boundary) are embedded now and kept in a bounded cache."""
        stored = {s: v for s in sentences if (v := self.index.sentence_vector(s)) is not None}
        with self._lock:
            todo = [s for s in dict.fromkeys(sentences) if s not in stored and s not in self._cache]
        fresh = list(self.embedder.encode_documents(todo, batch_size=32)) if todo else []
        with self._lock:
            for s, v in zip(todo, fresh):
                self._cache[s] = v
            while len(self._cache) > 20_000:
                self._cache.popitem(last=False)
            return [stored[s] if s in stored else self._cache[s] for s in sentences]

    def _supports(self, r: Reading, c: Candidate) -> bool:
        """Whether the best sentence really answers the question (no LLM: evidence thresholds).

        e5 similarities are compressed (related ≈ 0.80–0.85, unrelated ≈ 0.76–0.81), so a named
        section or shared words count for more than the similarity alone.
        """
        unavailable = _UNAVAILABLE.search(r.masked)
        if unavailable and unavailable.group() not in c.quote.lower():
            return False
        in_named_section = r.section is not None and c.section.key == r.section
        if _CROSS_REFERENCE.match(c.quote):
            return False
        if routing.NUMBER_QUESTION.search(r.masked):
            has_number = _NUMBER_WORDS.search(c.quote.lower())
            near = c.coverage > 0 or in_named_section or c.dense >= (0.80 if r.projects else 0.83)
            return bool(has_number and near)
        if r.projects and in_named_section:
            return True
        if c.coverage >= 0.5 or (in_named_section and c.dense >= 0.80):
            return True
        if r.projects:
            return c.dense >= 0.84 or (c.dense >= 0.81 and c.coverage > 0)
        return c.dense >= 0.84 and c.coverage >= 0.25

    def _unanswered(self, r: Reading, near: list[Candidate]) -> Answer:
        see = tuple(replace(c.citation(), n=n + 1) for n, c in enumerate(near))
        return Answer(
            question=r.text,
            answer=NOT_IN_SOURCES[r.language]
            + (
                _tr(
                    r.language,
                    " Se även de närmaste källorna nedan.",
                    " See the closest sources below.",
                )
                if see
                else ""
            ),
            answered=False,
            kind="passage",
            project_ids=r.projects,
            see_also=see,
            intent=f"passage:{r.masked}",
        )

    # ------------------------------------------------------------ unknown projects

    def _unknown_project(self, r: Reading) -> str | None:
        name = routing.unknown_name(r.text)
        if name is None:
            return None
        if (
            not r.field
            and not routing._NAME_AFTER.search(r.text)
            and not routing._QUOTED.search(r.text)
        ):
            return None
        known = self.lexicon.find(routing.fold(name))
        if known and len(known[0]) >= 0.7 * len(name):
            return None
        return name

    def _not_found(self, r: Reading, name: str) -> Answer:
        close = [self.project(pid).name for pid in self.names.suggest(name)]
        lang = r.language
        text = _tr(
            lang,
            f"Jag hittar inget projekt som heter ”{name}” i källorna.",
            f"I found no project called “{name}” in the sources.",
        )
        if close:
            text += (
                _tr(lang, " Menade du: ", " Did you mean: ")
                + join_words(
                    [f"”{c}”" if lang == "sv" else f"“{c}”" for c in close],
                    "sv" if lang == "sv" else "en",
                )
                + "?"
            )
        return Answer(question=r.text, answer=text, answered=False, kind="notfound")


# ---------------------------------------------------------------- small records


class Candidate:
    """A sentence of a section that may answer a passage question."""

    def __init__(self, project: Project, section: Section, start: int, end: int, rank: int):
        self.project = project
        self.section = section
        self.start = start
        self.end = end
        self.rank = rank
        self.dense = 0.0
        self.coverage = 0.0

    @property
    def quote(self) -> str:
        return self.section.text[self.start : self.end]

    def citation(self) -> Citation:
        return _citation(self.project, self.section, self.start, self.end)


@dataclass(frozen=True, kw_only=True)
class CrossQuery:
    relation: str | None
    phrase: str | None
    period: tuple[date, date] | None
    measure: str


@dataclass(frozen=True, kw_only=True)
class CrossMatch:
    project: Project


def _measure(r: Reading) -> str:
    if routing.COUNT.search(r.masked):
        return "count"
    if routing.TOTAL.search(r.masked):
        return "total"
    if routing.SUPERLATIVE_MAX.search(r.masked):
        return "max"
    if routing.SUPERLATIVE_MIN.search(r.masked):
        return "min"
    return "list"


def _field_answer(r: Reading, project: Project, key: str, text: str, cites: Cites) -> Answer:
    return Answer(
        question=r.text,
        answer=text,
        answered=True,
        citations=tuple(cites.items),
        kind="field",
        project_ids=(project.id,),
        intent=f"field:{key}",
    )


def _amount(project: Project, key: str) -> int | None:
    value = project.value(key)
    return value if isinstance(value, int) else None


def _is_ranking(r: Reading) -> bool:
    return _measure(r) in ("max", "min", "total")


def _first(order: Sequence[str], available: set[str]) -> str | None:
    return next((rel for rel in order if rel in available), None)


def _describe(q: CrossQuery, lang: str) -> str:
    parts = []
    phrase = q.phrase or ""
    sv_rel = {
        "cofinanciers": f"med {phrase} som medfinansiär",
        "partners": f"med {phrase} som samarbetspartner",
        "owner": f"där {phrase} är projektägare",
        "municipalities": f"i kommunen {phrase}",
        "counties": f"i {phrase} län",
        "region": f"i regionen {phrase}",
        "program": f"i programmet {phrase}",
    }
    en_rel = {
        "cofinanciers": f"with {phrase} as co-financier",
        "partners": f"with {phrase} as partner",
        "owner": f"owned by {phrase}",
        "municipalities": f"in the municipality of {phrase}",
        "counties": f"in {phrase} county",
        "region": f"in the region {phrase}",
        "program": f"in the programme {phrase}",
    }
    if q.relation:
        parts.append((sv_rel if lang == "sv" else en_rel)[q.relation])
    if q.period:
        a, b = q.period[0].year, q.period[1].year
        years = str(a) if a == b else f"{a}–{b}"
        parts.append(_tr(lang, f"som pågick {years}", f"running in {years}"))
    return " ".join(parts) or _tr(lang, "i källorna", "in the sources")


def _with_alias(value: str) -> str:
    expanded = routing.expand_aliases(value)
    first = value.split()[0] if value.split() else ""
    if len(first) <= 4 and expanded != routing.fold(value):
        return f"{value} ({expanded.split()[0].capitalize()})"
    return value
