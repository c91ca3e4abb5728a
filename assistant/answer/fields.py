"""Answers from one project's header facts and lists: exact values, each cited to its line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..chunking import display_value
from ..models import Answer, Project
from ..phrases import ONE, field_name, join_words, t
from ..records import LIST_RELATIONS, expand_aliases, value_matches
from ..text import fold
from .asks import MONEY_FIELDS
from .cites import Cites, fact_citation, list_citation
from .context import Context, answered
from .reading import Reading


def field_answer(ctx: Context, r: Reading) -> Answer:
    project = ctx.project(r.projects[0])
    key = r.field or ""
    cites = Cites()
    if key in MONEY_FIELDS and from_contributor(ctx, r, project):
        return missing_field(r, project, key)
    text = field_text(project, key, r.language, cites)
    if text is None:
        return missing_field(r, project, key)
    return answered(r, text, cites, kind="field", project_ids=(project.id,), intent=f"field:{key}")


def field_text(p: Project, key: str, lang: str, cites: Cites) -> str | None:
    """One sentence stating a field or list of ``p``, its citation added to ``cites``.

    Tillväxtverket calls its regions (``omrade``) programme areas, so a question about the
    programme of one of its projects gets the programme and the region."""
    if key in LIST_RELATIONS:
        return list_text(p, key, lang, cites)
    if key == "period":
        return period_text(p, lang, cites)
    whose = key in _REACHES and p.field(key) is not None and p.field("contact") is not None
    person = value_text(p, "contact", lang, cites) if whose else None
    text = value_text(p, key, lang, cites)
    if person and text:
        return f"{person} {text}"  # whose address or number it is
    if text and key == "program" and p.kind == "tvv":
        region = value_text(p, "region", lang, cites)
        return f"{text} {region}" if region else text
    return text


_REACHES = ("email", "phone")


def from_contributor(ctx: Context, r: Reading, p: Project) -> bool:
    """An amount asked of one co-financier or partner ('hur mycket bidrog Försäkringskassan
    med'): the records give only the project's totals, never one contributor's share. The
    question must name the organisation (its first word), not only a place in its name."""
    for relation in ("cofinanciers", "partners"):
        found = ctx.lexicon.find(r.masked, relation=relation)
        lst = p.list(relation)
        if found and lst and any(_heads(v, found[0]) for v in lst.values):
            return True
    return False


def _heads(value: str, phrase: str) -> bool:
    words = expand_aliases(value).split()
    return value_matches(value, phrase) and bool(words) and phrase.split()[0] == words[0]


def value_text(p: Project, key: str, lang: str, cites: Cites) -> str | None:
    found = p.field(key)
    citation = fact_citation(p, key)
    if found is None or citation is None:
        return None
    mark = cites.add(citation)
    value = display_value(found)
    if key == "grant_sek":
        template = "answer.grant_esf" if p.kind == "esf" else "answer.grant"
        return t(lang, template, name=p.name, value=value, mark=mark)
    label = field_name(key, lang, p.kind)
    return t(
        lang,
        "answer.value",
        Label=label[0].upper() + label[1:],
        label=label,
        name=p.name,
        value=value,
        mark=mark,
    )


def period_text(p: Project, lang: str, cites: Cites) -> str | None:
    start, end = p.value("start"), p.value("end")
    key = "period" if p.field("period") else "start"
    citation = fact_citation(p, key)
    if not isinstance(start, date) or not isinstance(end, date) or citation is None:
        return None
    mark = cites.add(citation)
    if key == "start" and (end_cite := fact_citation(p, "end")):
        mark += " " + cites.add(end_cite)
    return t(lang, "answer.period", name=p.name, start=start, end=end, mark=mark)


def list_text(p: Project, key: str, lang: str, cites: Cites) -> str | None:
    lst = p.list(key)
    citation = list_citation(p, key)
    if lst is None or not lst.items or citation is None:
        return None
    shown = [with_alias(v) for v in lst.values]
    label = field_name(key, lang, p.kind)
    if len(shown) == 1 and key in ONE:
        label = ONE[key][lang != "sv"]
    items = join_words(shown, lang)
    return t(
        lang,
        "answer.list_one" if len(shown) == 1 and key in ONE else "answer.list",
        name=p.name,
        n=len(shown),
        label=label,
        items=items,
        mark=cites.add(citation),
    )


def missing_field(r: Reading, p: Project, key: str) -> Answer:
    see = fact_citation(p, "owner") or fact_citation(p, "grant_sek")
    return Answer(
        question=r.text,
        answer=t(
            r.language,
            "answer.missing_field",
            name=p.name,
            label=field_name(key, r.language, p.kind),
        ),
        answered=False,
        kind="field",
        project_ids=(p.id,),
        see_also=(replace(see, n=1),) if see else (),
        intent=f"field:{key}",
    )


def which_project(r: Reading) -> Answer:
    return Answer(
        question=r.text,
        answer=t(r.language, "answer.which_project"),
        answered=False,
        kind="clarify",
    )


def with_alias(value: str) -> str:
    """A list value with its abbreviation written out: 'Af Kalmar (Arbetsförmedlingen)'."""
    expanded = expand_aliases(value)
    first = value.split()[0] if value.split() else ""
    if len(first) <= 4 and expanded != fold(value):
        return f"{value} ({expanded.split()[0].capitalize()})"
    return value
