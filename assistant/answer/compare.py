"""Two or more named projects side by side: the facts of each, cited, what they share, and the
difference (or the sum) of an amount when the question asks which is larger."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from .. import routing
from ..chunking import display_value
from ..models import Answer, Project
from ..phrases import field_name, join_words, t
from ..records import LIST_RELATIONS, expand_aliases
from ..text import format_sek, sentence_spans
from .cites import Cites, citation, fact_citation, list_citation
from .context import Context, answered
from .reading import Part, Reading

SIDE_BY_SIDE = ("owner", "region", "period", "grant_sek", "budget_sek")
SHARED_LISTS = ("cofinanciers", "partners", "municipalities", "counties")
_AMOUNTS = ("grant_sek", "budget_sek", "public_funding_sek")
_RELATES = re.compile(
    r"relat|connect|koppl|gemensamt|in common|hänger ihop|\bshare|\bdela|likhet|similar|liknar"
)
_STARTED = re.compile(
    r"(?:started|began|begun|startade|började|kom igång|inleddes) (?:\w+ )?(?:earlier|first|later"
    r"|tidigare|först|senare|sist)|(?:earlier|first|tidigast|först) (?:to )?start"
)
_ENDED = re.compile(
    r"(?:ended|finished|closed|ends|wrapped up|wound up|slutade|avslutades|tog slut) (?:\w+ )?"
    r"(?:later|earlier|first|last|senare|tidigare|först|sist)"
    r"|(?:later|last|senast|sist) (?:to )?(?:end|finish|avsluta)"
)
_MONEY = re.compile(
    r"\b(?:pengar|money|funding|kronor|belopp|amounts?|grants|stöden|skiljer(?: \w+)? i stöd"
    r"|how much (?:more|less)|hur mycket (?:mer|mindre))\b"
)
"""Money asked beside another fact ('i pengar och när de slutade'): the grants."""
_BIGGER = re.compile(r"\b(?:bigger|biggest|larger|largest|större|störst|största)\b")
"""'Which was bigger': the grants, beside whatever else is asked ('and when did each start')."""
_DURATION = re.compile(
    r"\blängd\b|\blength\b|\bduration\b|\bhur länge\b|\bhow long\b|\bperiods\b|\bprojekttide"
    r"|\bprojektperiode|\b(?:did|does) (?:each|both|they) run\b|\beach run\b"
    r"|\b(?:och|and) (?:tid|time)\b"
)
"""How long each ran, asked beside another fact ('i belopp och längd')."""
_LONGER = re.compile(r"längre|longer|längst|longest|\blast\w*\b|varade|pågick längst")


def compares(masked: str) -> bool:
    """Whether the side-by-side answer itself answers this (part of a) question: which got
    more, which ran longer or first, how they relate or differ."""
    return any(
        p.search(masked)
        for p in (routing.GOT_MORE, routing.COMPARE, routing.TOTAL, _LONGER, _DURATION, _MONEY)
    ) or bool(_RELATES.search(masked) or date_order(masked) or _BY_HOW_MUCH.match(masked))


_BY_HOW_MUCH = re.compile(r"\W*(?:and\s+|och\s+)?(?:by how much|med hur mycket|hur mycket mer)\W*$")
"""'… and by how much?': the difference the side-by-side answer states."""


def aspects(masked: str) -> list[Part]:
    """The things a comparison names to compare on ('… när det gäller målgrupp och beviljat
    belopp', 'in terms of budget, partners and aims'): a field each, or a question for the
    texts."""
    found = _ASPECT_LIST.search(masked)
    if found is None:
        return []
    items = [x.strip(" ,") for x in _ASPECT_SPLIT.split(found.group("list")) if x.strip(" ,")]
    return [Part(query=x, masked=x, field=routing.match_field(x)) for x in items]


_ASPECT_LIST = re.compile(
    r"\b(?:när det gäller|vad gäller|i fråga om|med avseende på|in terms of|when it comes to"
    r"|with (?:regard|respect) to|regarding)\s+(?P<list>[^?.!]+)"
)
_ASPECT_SPLIT = re.compile(r",\s*|\s+(?:och|and|samt|&)\s+")


def compare_answer(ctx: Context, r: Reading) -> Answer:
    projects = [ctx.project(pid) for pid in r.projects]
    lang = r.language
    cites = Cites()
    asked = list(dict.fromkeys(f for f in (r.field, *(p.field for p in r.parts)) if f))
    money = (
        routing.GOT_MORE.search(r.masked)
        or _BIGGER.search(r.masked)
        or (asked and _MONEY.search(r.masked))
    )
    if money and not any(k in _AMOUNTS for k in asked):
        asked.insert(0, "grant_sek")
    if date_order(r.masked) or _LONGER.search(r.masked):
        asked = list(dict.fromkeys(["period", *asked]))
    elif _DURATION.search(r.masked) and "period" not in asked:
        asked.append("period")
    keys = asked or list(SIDE_BY_SIDE)
    if "program" in keys and "region" not in keys and any(p.kind == "tvv" for p in projects):
        keys.insert(keys.index("program") + 1, "region")  # Tillväxtverket's programme area
    lines = [_project_line(p, _with_nearest(p, keys, asked), lang, cites, asked) for p in projects]
    if not asked:
        lines += _aims(projects, lang, cites)
    relates = _RELATES.search(r.masked)
    if not asked or relates or any(k in LIST_RELATIONS for k in asked):
        lines.append(_shared(projects, lang, cites))
    if not asked or any(k in _AMOUNTS or k == "period" for k in asked):
        lines += _difference(r, projects, keys)
    intent = f"field:{asked[0]}" if len(asked) == 1 else ""
    return answered(
        r,
        "\n".join(x for x in lines if x),
        cites,
        kind="compare",
        project_ids=r.projects,
        intent=intent,
    )


def _with_nearest(p: Project, keys: list[str], asked: list[str]) -> list[str]:
    """The keys to show for ``p``: an asked amount it lacks ('budget' of a record with only a
    grant) is followed by the grant, the amount it has."""
    missing = any(k in _AMOUNTS and k in asked and p.value(k) is None for k in keys)
    if missing and "grant_sek" not in keys and p.value("grant_sek") is not None:
        return [*keys, "grant_sek"]
    return keys


def _project_line(
    p: Project, keys: list[str], lang: str, cites: Cites, asked: Sequence[str] = ()
) -> str:
    """A project's facts for ``keys``; an asked fact it lacks is said to be missing."""
    parts = []
    for key in keys:
        found = _fact(p, key, lang, cites)
        if found is None and key in asked:
            found = t(lang, "answer.compare.no_value", label=field_name(key, lang, p.kind))
        if found:
            parts.append(found)
    if not parts:
        return f"{p.name}: " + t(lang, "answer.not_stated")
    return f"{p.name}: " + "; ".join(parts) + "."


def _fact(p: Project, key: str, lang: str, cites: Cites) -> str | None:
    label = field_name(key, lang, p.kind)
    if key in LIST_RELATIONS:
        lst, c = p.list(key), list_citation(p, key)
        if lst is None or not lst.items or c is None:
            return None
        return f"{label} {join_words(list(lst.values), lang)} {cites.add(c)}"
    if key == "period":
        start, end = p.value("start"), p.value("end")
        sources = [fact_citation(p, "period")] if p.field("period") else []
        sources = sources or [fact_citation(p, "start"), fact_citation(p, "end")]
        marks = " ".join(cites.add(c) for c in dict.fromkeys(sources) if c is not None)
        if not isinstance(start, date) or not isinstance(end, date) or not marks:
            return None
        return f"{label} {start} – {end} {marks}"
    found, c = p.field(key), fact_citation(p, key)
    if found is None or c is None:
        return None
    return f"{label} {display_value(found)} {cites.add(c)}"


def _aims(projects: list[Project], lang: str, cites: Cites) -> list[str]:
    lines = []
    for p in projects:
        section = p.section("purpose") or p.section("description") or p.section("summary")
        spans = sentence_spans(section.text) if section else []
        if section and spans:
            a, b = spans[0]
            mark = cites.add(citation(p, section, a, b))
            quote = t(lang, "answer.quote", quote=section.text[a:b], mark=mark)
            lines.append(t(lang, "answer.compare.aim", name=p.name, quote=quote))
    return lines


def _shared(projects: list[Project], lang: str, cites: Cites) -> str:
    if len(projects) < 2:
        return ""
    a, b = projects[0], projects[1]
    found = []
    for key in ("owner", "region"):
        va, vb = a.value(key), b.value(key)
        if va and vb and expand_aliases(str(va)) == expand_aliases(str(vb)):
            marks = " ".join(cites.add(c) for p in (a, b) if (c := fact_citation(p, key)))
            found.append(
                t(lang, "answer.compare.same", label=field_name(key, lang), value=va, marks=marks)
            )
    for key in SHARED_LISTS:
        found += _shared_items(a, b, key, lang, cites)
    if not found:
        return t(lang, "answer.compare.nothing_shared")
    return t(lang, "answer.compare.shared", what="; ".join(found))


def _shared_items(a: Project, b: Project, key: str, lang: str, cites: Cites) -> list[str]:
    la, lb = a.list(key), b.list(key)
    if la is None or lb is None:
        return []
    pairs = [(x, y) for x in la.values for y in lb.values if same_organisation(x, y)]
    if not pairs:
        return []
    items = [x if expand_aliases(x) == expand_aliases(y) else f"{x} / {y}" for x, y in pairs]
    marks = [
        cites.add(c)
        for p, vals in ((a, [x for x, _ in pairs]), (b, [y for _, y in pairs]))
        if (c := list_citation(p, key, vals[:1]))
    ]
    return [
        t(
            lang,
            "answer.compare.shared_list",
            label=field_name(key, lang),
            items=join_words(items, lang),
            marks=" ".join(marks),
        )
    ]


def same_organisation(x: str, y: str) -> bool:
    """Two list values naming the same thing: equal once abbreviations are written out, or the
    same organisation ('Af Kalmar' and 'Arbetsförmedlingen Strömsund')."""
    ex, ey = expand_aliases(x).split(), expand_aliases(y).split()
    if ex == ey:
        return True
    return bool(ex and ey) and ex[0] == ey[0] and len(ex[0]) >= 10


def _difference(r: Reading, projects: list[Project], keys: list[str]) -> list[str]:
    """The difference of an amount (or with 'tillsammans'/'together' the sum), or of the period
    when the question asks which ran longer."""
    if len(projects) < 2:
        return []
    lang = r.language
    if order := date_order(r.masked):
        return _by_date(projects[:2], order, lang)
    if _LONGER.search(r.masked):
        return _longer(projects[:2], lang)
    both = [
        k for k in keys if k in _AMOUNTS and all(isinstance(p.value(k), int) for p in projects[:2])
    ]
    if not both:
        return []
    key = both[0]
    values = [(p, v) for p in projects[:2] if isinstance(v := p.value(key), int)]
    if routing.TOTAL.search(r.masked):
        total = format_sek(sum(v for _, v in values))
        return [
            t(
                lang,
                "answer.compare.together",
                total=total,
                names=join_words([p.name for p, _ in values], lang),
            )
        ]
    (a, va), (b, vb) = sorted(values, key=lambda pv: -pv[1])
    return [
        t(
            lang,
            "answer.compare.more",
            a=a.name,
            b=b.name,
            diff=format_sek(va - vb),
            label=field_name(key, lang),
        )
    ]


def date_order(masked: str) -> str | None:
    """'start' or 'end' when the question asks which started first or ended last."""
    if _STARTED.search(masked):
        return "start"
    if _ENDED.search(masked):
        return "end"
    return None


def _by_date(projects: list[Project], key: str, lang: str) -> list[str]:
    dated = [(p, d) for p in projects if isinstance(d := p.value(key), date)]
    if len(dated) < 2:
        return []
    (a, da), (b, db) = sorted(dated, key=lambda pd: pd[1], reverse=key == "end")
    return [t(lang, f"answer.compare.{key}ed", a=a.name, b=b.name, da=da, db=db)]


def _longer(projects: list[Project], lang: str) -> list[str]:
    spans = []
    for p in projects:
        start, end = p.value("start"), p.value("end")
        if isinstance(start, date) and isinstance(end, date):
            spans.append((p, (end - start).days))
    if len(spans) < 2:
        return []
    (a, da), (b, db) = sorted(spans, key=lambda s: -s[1])
    return [t(lang, "answer.compare.longer", a=a.name, b=b.name, da=da, db=db)]
