"""'Vad står GIRON för?': an abbreviation spelled out, from the project's name or its text.

The abbreviation is often the project's own short name, which the reader masks as a mention,
so a passage search would never see it; the name and the text spell it out instead."""

from __future__ import annotations

import re

from ..chunking import FACTS_KEY, section_by_key
from ..models import Answer, Project, Section
from ..phrases import t
from ..text import fold, sentence_spans
from .cites import Cites, citation
from .context import answered
from .reading import Reading

STANDS_FOR = re.compile(
    r"\bwhat (?:does|do|did) (?P<generic>it|that|this|the (?:abbreviation|acronym|short name))"
    r" (?:stand|stands) for\b"
    r"|\bvad står (?:förkortningen |akronymen |namnet )?(?P<sv>[\w\-]{2,}) för\b"
    r"|\bwhat (?:does|do|did) (?:the (?:abbreviation|acronym|name) )?(?P<en>[\w\-]{2,})"
    r" (?:stand|stands) for\b|\bwhat is (?P<short>[\w\-]{2,}) short for\b"
)
_SMALL = frozenset("i och för av på med till om the of for and in on to a an & -".split())  # noqa: SIM905
_MEANS = r"(?:står för|stands for|betyder|means)"
_WORD = re.compile(r"[^\W_][\w\-']*")


def asked_abbreviation(text: str, project: Project | None = None) -> str | None:
    """The abbreviation a question asks to spell out, folded ('giron'), if it asks that; the
    ``project``'s own ('SE UT!') when it asks 'vad står förkortningen för?' of no other."""
    m = STANDS_FOR.search(fold(text))
    short = next((g for g in m.groups() if g), None) if m else None
    if short in _GENERIC or (m is not None and m.group("generic")):
        return _own_short(project) if project is not None else None
    return short


_GENERIC = frozenset({"förkortningen", "akronymen", "namnet", "den", "det", "de", "it", "that"})
_CAPITALS = re.compile(r"(?<![\w\-])[A-ZÅÄÖ][A-ZÅÄÖ0-9\-]+(?:\s+[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9\-]+)*\b")


def _own_short(p: Project) -> str | None:
    """The project's own abbreviation: the capitals its name is written in ('SE UT', 'KC2')."""
    m = _CAPITALS.search(p.name)
    return fold(m.group()) if m else None


def stands_for(r: Reading, p: Project, short: str) -> Answer | None:
    """'GIRON står för ”God Infrastruktur för …” [1]', citing the line or sentence that spells
    it out; None when neither the name nor the text does."""
    found = expansion(p, short)
    if found is None:
        return None
    section, start, end = found
    cites = Cites()
    a, b = _sentence_around(section, start, end)
    mark = cites.add(citation(p, section, a, b))
    written = _written(p, short)
    text = t(
        r.language, "answer.stands_for", short=written, long=section.text[start:end], mark=mark
    )
    return answered(r, text, cites, kind="passage", project_ids=(p.id,), intent="stands_for")


def expansion(p: Project, short: str) -> tuple[Section, int, int] | None:
    """Where the project's name or text spells ``short`` out: 'SHORT (words)', 'words
    (SHORT)', 'SHORT står för words', else words whose initials spell it."""
    facts = section_by_key(p, FACTS_KEY)
    ordered = ([facts] if facts else []) + [s for s in p.sections if s.key != FACTS_KEY]
    for finder in (_defined, _initials):
        for section in ordered:
            span = finder(section.text, short)
            if span is not None:
                return section, *span
    return None


def _defined(text: str, short: str) -> tuple[int, int] | None:
    name = re.escape(short)
    after = re.search(rf"(?<![\w\-]){name}\s*\(([^()]{{4,160}})\)", text, re.I)
    if after:
        return after.span(1)
    says = re.search(rf"(?<![\w\-]){name}\s+{_MEANS}\s+([^.\n]+)", text, re.I)
    if says:
        return says.span(1)
    before = re.search(rf"\(\s*{name}\s*\)", text, re.I)
    if before:
        return _spelled_backwards(text, before.start(), short)
    return None


def _spelled_backwards(text: str, end: int, short: str) -> tuple[int, int] | None:
    """The words just before '(SHORT)' whose initials follow its letters in order (a compound
    may carry two: 'tek-nikbaserade upplevelseprodukter (TUP)'), reaching its first letter."""
    letters = [c for c in fold(short) if c.isalpha()]
    words = list(_WORD.finditer(text[:end]))[-(2 * len(letters) + 4) :]
    k, start = len(letters) - 1, None
    for w in reversed(words):
        word = fold(w.group())
        if word in _SMALL:
            continue
        while k >= 0 and letters[k] != word[0]:
            k -= 1
        if k < 0:
            break
        start, k = w.start(), k - 1
        if k < 0:
            break
    if start is None or fold(text[start])[0] != letters[0]:
        return None
    return start, len(text[:end].rstrip())


def _initials(text: str, short: str) -> tuple[int, int] | None:
    """A run of words whose initials spell ``short`` (small words between them skipped):
    'God Infrastruktur för Regional Omvandling och Näringslivsutveckling' for GIRON."""
    letters = [c for c in fold(short) if c.isalpha()]
    if len(letters) < 2:
        return None
    words = list(_WORD.finditer(text))
    for i, first in enumerate(words):
        word = fold(first.group())
        if word == fold(short) or word in _SMALL or word[0] != letters[0]:
            continue
        end = _spells(words, i, letters)
        if end is not None:
            return first.start(), end
    return None


def _spells(words: list[re.Match[str]], i: int, letters: list[str]) -> int | None:
    k = 0
    for w in words[i:]:
        word = fold(w.group())
        if word[0] == letters[k] and not (k > 0 and word in _SMALL):
            k += 1
            if k == len(letters):
                return w.end()
        elif word not in _SMALL:
            return None
    return None


def _sentence_around(section: Section, start: int, end: int) -> tuple[int, int]:
    for a, b in sentence_spans(section.text):
        if a <= start < b:
            return a, max(b, end)
    return start, end


def _written(p: Project, short: str) -> str:
    """The abbreviation as the project writes it ('GIRON', not 'giron')."""
    for text in (p.name, *(s.text for s in p.sections)):
        m = re.search(rf"(?<![\w\-]){re.escape(short)}(?![\w\-])", text, re.I)
        if m:
            return m.group()
    return short.upper()
