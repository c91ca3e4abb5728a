"""Questions across projects answered from the records: which or how many projects have a
co-financier, partner or owner, lie in a place, ran in a period; the largest, smallest or
total grant. Places and organisations come from :mod:`.entities`; the SQL from
:mod:`assistant.records`."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .. import routing
from ..chunking import display_value
from ..models import Answer, Project
from ..phrases import t
from ..records import LIST_RELATIONS, RecordQuery, value_matches
from ..text import fold, format_sek
from .cites import Cites, fact_citation, list_citation
from .context import Context, answered
from .reading import Reading

LIST_LIMIT = 10
_LEXICON_FIRST = ("cofinanciers", "partners")
_LEXICON_AFTER = ("owner", "program")


@dataclass(frozen=True, kw_only=True)
class CrossQuery:
    """A filter over the records and what to report: a list, a count, max, min or total."""

    relation: str | None
    phrase: str | None = None
    exact: tuple[str, ...] = ()
    shown: str = ""
    period: tuple[date, date] | None = None
    measure: str = "list"
    ids: tuple[str, ...] = ()
    within: tuple[str, str] | None = None
    """The place an organisation's projects are narrowed to (relation, as written)."""

    def records(self) -> RecordQuery:
        return RecordQuery(
            relation=None if self.relation == "named" else self.relation,
            phrase=self.phrase,
            exact=self.exact,
            period=self.period,
            ascending=self.measure == "min",
            ids=self.ids,
        )

    def spans_filter(self) -> bool:
        return self.relation is not None or self.period is not None


def measure(masked: str) -> str:
    """What a question across projects reports; a total also states the count."""
    if routing.COUNT.search(masked) and routing.TOTAL.search(masked):
        return "total"
    if routing.COUNT.search(masked):
        return "count"
    if routing.TOTAL.search(masked):
        return "total"
    if routing.SUPERLATIVE_MAX.search(masked):
        return "max"
    if routing.SUPERLATIVE_MIN.search(masked):
        return "min"
    return "list"


_WHICH_OF = re.compile(
    r"\b(?:vilket|vilka|vilken|which|what) (?:av|of) (?:de |the )?(?P<x>[\w\s\-]+?)[- ]?"
    r"(?:projekten|projects)\b|(?P<y>(?:[\w\-]+ ){0,3}[\w\-]+)-projekten\b"
)


def named_group(ctx: Context, text: str) -> CrossQuery | None:
    """'Which of the Kiruna Airport projects …', 'Kiruna Airport-projekten': the projects whose
    names contain those words (two at least), shown as the data writes them."""
    m = _WHICH_OF.search(fold(text))
    words = (m.group("x") or m.group("y") or "").split() if m else []
    for start in range(len(words)):
        x = " ".join(words[start:])
        names = [p for p in ctx.index.projects.values() if len(x) >= 3 and x in fold(p.name)]
        if len(names) >= 2:
            at = fold(names[0].name).find(x)
            shown = names[0].name[at : at + len(x)] if at >= 0 else x
            ids = tuple(p.id for p in names)
            return CrossQuery(relation="named", shown=shown, ids=ids, measure=measure(fold(text)))
    return None


def cross_query(ctx: Context, r: Reading) -> CrossQuery | None:
    """The filter a question across projects asks for, or None when it names none."""
    if group := named_group(ctx, r.text):
        return group
    period = routing.years(r.masked)
    how = measure(r.masked)
    found = (
        _by_relation_word(ctx, r.masked, _LEXICON_FIRST)
        or _owner_in_place(ctx, r)
        or _by_place(r)
        or _by_organisation(r)
    )
    found = found or _by_relation_word(ctx, r.masked, _LEXICON_AFTER)
    if found is None and period is None and how in ("list", "count"):
        return None
    return replace(found or CrossQuery(relation=None), period=period, measure=how)


def _by_relation_word(ctx: Context, masked: str, relations: tuple[str, ...]) -> CrossQuery | None:
    """A relation word ('medfinansiär', 'ägare') picks the value among that relation's values,
    so 'livsmedel' never becomes an owner filter."""
    for relation in relations:
        if re.search(routing.RELATION_WORDS[relation], masked) and (
            found := ctx.lexicon.find(masked, relation=relation)
        ):
            return CrossQuery(
                relation=relation, phrase=found[0], shown=ctx.lexicon.display(found[0])
            )
    return None


def _by_place(r: Reading) -> CrossQuery | None:
    if r.place is None:
        return None
    return CrossQuery(relation=r.place.relation, exact=r.place.values, shown=r.place.written)


def _owner_in_place(ctx: Context, r: Reading) -> CrossQuery | None:
    """'Innovatum AB:s projekt i Trollhättan': the organisation's projects in that place (a
    place right after the organisation only says where it is, see ``_LOCATES``). An
    organisation named after the place, or in brackets, is no owner asked for."""
    org, place = r.organisation, r.place
    if org is None or place is None or org.start > place.start or "(" in r.masked[: org.start]:
        return None
    if _LOCATES.fullmatch(r.masked[org.end : place.start]):
        return _by_organisation(r)
    there = RecordQuery(relation=place.relation, exact=place.values)
    ids = tuple(ctx.records.project_ids(there))
    if not ids:
        return None
    within = (place.relation, place.written)
    return CrossQuery(relation="owner", exact=org.values, shown=org.written, ids=ids, within=within)


_LOCATES = re.compile(r"(?:\s+(?:ab|aktiebolag|oy|as|a/s|gmbh))?(?:\s+(?:i|in|på|at)\s+|\s*\(\s*)")
"""'Innovatum AB i Trollhättan', 'Santa Anna IT Research (Linköping)': a place right after
the organisation says where it is, not which of its projects are meant."""


def _by_organisation(r: Reading) -> CrossQuery | None:
    if r.organisation is None:
        return None
    org = r.organisation
    return CrossQuery(relation="owner", exact=org.values, shown=org.written)


def run(ctx: Context, q: CrossQuery) -> list[Project]:
    return [ctx.project(pid) for pid in ctx.records.project_ids(q.records())]


def describe(q: CrossQuery, lang: str) -> str:
    """'med Af som medfinansiär som pågick 2009' / 'in the municipality of Luleå running in
    2009'."""
    relation = q.relation
    if relation == "counties" and re.search(r"(?i)\b(fylke|maakunta|amt|region)\b", q.shown):
        relation = "counties_named"
    parts = [t(lang, f"rel.{relation}", v=q.shown)] if relation else []
    if q.within:
        parts.append(t(lang, f"rel.{q.within[0]}", v=q.within[1]))
    if q.period:
        a, b = q.period[0].year, q.period[1].year
        parts.append(t(lang, "rel.period", years=str(a) if a == b else f"{a}–{b}"))
    return " ".join(parts) or t(lang, "rel.none")


def list_answer(ctx: Context, r: Reading, q: CrossQuery, matches: list[Project]) -> Answer:
    lang = r.language
    desc = describe(q, lang)
    if not matches:
        return none_answer(r, desc)
    cites = Cites()
    shown = matches[:LIST_LIMIT]
    items = [f"{p.name} {_evidence(p, q, cites)}" for p in shown]
    head = _head(q, matches, desc, lang)
    more = len(matches) - len(shown)
    tail = t(lang, "answer.cross.more", n=more) if more > 0 else ""
    spelled = _spelling_note(q, lang)
    text = head + "\n- " + "\n- ".join(items) + tail + spelled
    return answered(
        r, text, cites, kind="cross", project_ids=tuple(p.id for p in shown), intent="cross"
    )


def none_answer(r: Reading, desc: str) -> Answer:
    return Answer(
        question=r.text,
        answer=t(r.language, "answer.cross.none", desc=desc),
        answered=False,
        kind="cross",
        intent="cross",
    )


def _spelling_note(q: CrossQuery, lang: str) -> str:
    """Which spellings of an organisation were counted, when the data writes it several ways."""
    if q.relation != "owner" or len(q.exact) < 2:
        return ""
    written = ", ".join(t(lang, "answer.quoted", text=v) for v in q.exact)
    return "\n" + t(lang, "answer.cross.matched", written=written)


def _head(q: CrossQuery, matches: list[Project], desc: str, lang: str) -> str:
    n = len(matches)
    if q.measure in ("max", "min"):
        return t(lang, f"answer.cross.{q.measure}", n=n, desc=desc, best=matches[0].name)
    grants = [v for p in matches if isinstance(v := p.value("grant_sek"), int)]
    if grants and (q.measure == "total" or q.relation == "owner"):
        key = "answer.cross.total_more" if n > LIST_LIMIT else "answer.cross.total"
        return t(lang, key, total=format_sek(sum(grants)), n=n, desc=desc)
    key = "answer.cross.list_more" if n > LIST_LIMIT else "answer.cross.list"
    key = "answer.cross.list_one" if n == 1 else key
    return t(lang, key, n=n, desc=desc, limit=LIST_LIMIT)


def _evidence(p: Project, q: CrossQuery, cites: Cites) -> str:
    """The citation marker(s) for why a project is in a cross-project answer."""
    marks = []
    if q.relation in LIST_RELATIONS:
        lst = p.list(q.relation)
        values = lst.values if lst else ()
        hits = [v for v in values if v in q.exact or value_matches(v, q.phrase)]
        if c := list_citation(p, q.relation, hits[:1]):
            marks.append(cites.add(c))
    elif q.relation and (c := fact_citation(p, q.relation)):
        marks.append(cites.add(c))
    if q.period and (c := fact_citation(p, "period") or fact_citation(p, "start")):
        marks.append(cites.add(c))
    grant = fact_citation(p, "grant_sek")
    found = p.field("grant_sek")
    if q.measure in ("max", "min", "total") and grant and found:
        return f"({display_value(found)}) " + " ".join([*marks, cites.add(grant)])
    if not marks and grant:
        marks.append(cites.add(grant))
    return " ".join(marks)
