"""Sentence-by-sentence verification of a model-written answer against its numbered sources.

A sentence is kept only when

1. it cites at least one source (``[n]``, ``[1, 2]`` or ``[1][2]``) and every cited number
   exists;
2. every quoted passage (”…”, "…", “…”, «…») occurs verbatim (up to white space) in a cited
   source;
3. every number — amounts, dates, percentages, years — occurs in a cited source, compared after
   normalising grouping spaces and separators ("4 614 000" = "4614000", "07" = "7");
4. every proper name (a capitalised word not opening the sentence, or a word with a digit or
   several capitals such as ``KC2``, ``ESF``) occurs in a cited source, ignoring case and simple
   Swedish/English inflection ("Strömsunds" for "Strömsund", "KC2's" for "KC2");
5. it is about its sources at all: it holds a checked name, number or quote, or shares a content
   word with them (six letters or more, compared on the first five: "projektet" ~ "project") —
   so an echo of the instructions with a ``[1]`` pasted on does not pass.

The whole answer must also be in the question's language (function words, quotes excluded); an
answer in the wrong language loses every sentence. Everything removed is reported with its
reason, so the caller can say so or fall back to the extracted answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import Removed
from ..routing import detect_language
from ..text import fold
from .prompts import NO_ANSWER

_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
_MARKS = r"(?:\s*\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\])"
_END = re.compile(
    r"(?<!\bt\.ex)(?<!\bbl\.a)(?<!\bca)(?<!\bdvs)(?<!\bjfr)(?<!\be\.g)(?<!\bi\.e)(?<!\bnr)"
    rf"(?:[.!?]+[\"”’»)]*{_MARKS}*|{_MARKS}+)"
    r"(?=\s+[\"“”«(\[]?[A-ZÅÄÖÉ0-9]|\s*$)"
)
_BULLET = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s+")
_QUOTED = re.compile(r"[”\"“«]([^”\"“«»]{2,}?)[”\"»]")
_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?!\d)|\d+(?:[.,]\d+)?)")
_WORD = re.compile(r"[\wÅÄÖåäöÉé][\w\-'’]*")
_GROUPED = re.compile(r"\d{1,3}([ \u00a0\u202f.,])\d{3}(?:\1\d{3})*")
_ENDINGS = ("'s", "’s", "s", "ens", "en", "ets", "et", "ns", "na", "arna", "erna")


@dataclass(frozen=True)
class Source:
    """One numbered source the model was given: the text it may cite and where it is from."""

    n: int
    text: str
    project: str = ""
    section: str = ""


@dataclass(frozen=True)
class Claim:
    """A kept sentence: its text without markers and the sources it cites."""

    text: str
    cites: tuple[int, ...]


@dataclass
class Verdict:
    kept: list[Claim] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    no_answer: bool = False


def sentences(text: str) -> list[str]:
    """The model's answer cut into sentences (and list lines), each with its markers."""
    found: list[str] = []
    for raw in text.splitlines():
        line = _BULLET.sub("", raw).strip()
        start = 0
        for m in _END.finditer(line):
            if part := line[start : m.end()].strip():
                found.append(part)
            start = m.end()
        if rest := line[start:].strip():
            found.append(rest)
    return found


def plain(sentence: str) -> str:
    """A sentence without its ``[n]`` markers (and the space before them)."""
    text = _MARKER.sub("", sentence)
    return re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()


def cited(sentence: str) -> tuple[int, ...]:
    numbers = (int(n) for m in _MARKER.finditer(sentence) for n in re.split(r"[,;]", m.group(1)))
    return tuple(dict.fromkeys(numbers))


def says_no_answer(text: str) -> bool:
    """Whether the model replied that the sources do not answer (in either language)."""
    folded = _letters(plain(text))
    return bool(folded) and any(
        folded.startswith(_letters(phrase)) for phrase in NO_ANSWER.values()
    )


def verify(text: str, sources: Sequence[Source], *, language: str) -> Verdict:
    """Check every sentence of ``text`` against ``sources`` (numbered from 1)."""
    verdict = Verdict()
    if says_no_answer(text):
        verdict.no_answer = True
        return verdict
    by_n = {s.n: s for s in sources}
    parts = sentences(text)
    if parts and detect_language(_prose(parts), default=language) != language:
        verdict.removed = [Removed(sentence=plain(p), reason="wrong_language") for p in parts]
        return verdict
    for part in parts:
        problem = check(part, by_n)
        if problem is None:
            verdict.kept.append(Claim(text=plain(part), cites=cited(part)))
        else:
            reason, detail = problem
            verdict.removed.append(Removed(sentence=plain(part), reason=reason, detail=detail))
    return verdict


def _prose(parts: Sequence[str]) -> str:
    """The answer's own words for the language check: quotes and proper names left out (a
    Swedish place name in an English answer says nothing about its language)."""
    out = []
    for part in parts:
        text = _QUOTED.sub(" ", plain(part))
        drop = set(names(text))
        out.append(" ".join(w for w in text.split() if w.strip(".,;:!?()") not in drop))
    return " ".join(out)


def check(sentence: str, sources: dict[int, Source]) -> tuple[str, str] | None:
    """The first reason ``sentence`` fails, as ``(reason, detail)``, or None when it holds."""
    numbers = cited(sentence)
    if not numbers:
        return ("no_citation", "")
    missing = [n for n in numbers if n not in sources]
    if missing:
        return ("unknown_source", ", ".join(f"[{n}]" for n in missing))
    texts = [sources[n].text for n in numbers]
    body = plain(sentence)
    spaced = [_spaces(t) for t in texts]
    for m in _QUOTED.finditer(body):
        quote = _spaces(m.group(1).strip(" .,;:"))
        if quote and not any(quote in t for t in spaced):
            return ("quote_not_verbatim", m.group(1))
    unquoted = _QUOTED.sub(" ", body)
    have = {v for t in texts for tok in _NUMBER.findall(t) for v in _number_forms(tok)}
    for tok in _NUMBER.findall(unquoted):
        if not _number_forms(tok) & have:
            return ("unsupported_number", tok.strip())
    named = [f"{sources[n].project} {sources[n].section} {sources[n].text}" for n in numbers]
    words = {w for t in named for w in _words(t)}
    found = names(unquoted)
    for name in found:
        if not _known(name, words):
            return ("unsupported_name", name)
    if not (found or _NUMBER.search(unquoted) or _QUOTED.search(body) or _shares(body, words)):
        return ("not_in_source", "")
    return None


def _shares(sentence: str, words: set[str]) -> bool:
    """Whether a sentence shares a content word with its sources: a word of six letters or
    more whose first five letters begin a source word ('projektet' ~ 'project')."""
    prefixes = {w[:5] for w in words if len(w) >= 5}
    return any(w[:5] in prefixes for w in _words(sentence) if len(w) >= 6)


def names(text: str) -> list[str]:
    """Proper names in a sentence: capitalised words not opening it, and words with a digit
    or more than one capital (KC2, ESF, AMS) anywhere."""
    found = []
    first = True
    for m in _WORD.finditer(text):
        word = m.group().strip("-'’")
        opening = first or _opens(text, m.start())
        first = False
        if len(word) < 2 or word.isdigit():
            continue
        caps = sum(c.isupper() for c in word)
        marked = any(c.isdigit() for c in word) and any(c.isalpha() for c in word)
        if caps >= 2 or marked or (word[0].isupper() and not opening):
            found.append(word)
    return found


def _opens(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens a sentence or a clause after a colon or a dash."""
    before = text[:at].rstrip()
    return not before or before[-1] in '.!?:–—("”“«'


def _known(name: str, words: set[str]) -> bool:
    key = _stem(fold(name))
    if fold(name) in words or key in words:
        return True
    if len(key) < 3:
        return False
    return any(w.startswith(key) and len(w) - len(key) <= 4 for w in words)


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _words(text: str) -> set[str]:
    found = set()
    for m in _WORD.finditer(text):
        w = fold(m.group().strip("-'’"))
        found.add(w)
        found.add(_stem(w))
        found.update(p for p in w.split("-") if p)
    return found


def _number_forms(token: str) -> set[str]:
    """The forms a number may be written in: '4 614 000' -> {'4614000'}; '4,5' -> {'4.5'};
    '07' -> {'7'}; '3.804' (grouped) -> {'3804', '3.804'}."""
    tok = token.strip()
    forms = set()
    if _GROUPED.fullmatch(tok):
        forms.add(re.sub(r"\D", "", tok).lstrip("0") or "0")
    compact = re.sub(r"[ \u00a0\u202f]", "", tok).replace(",", ".")
    if re.fullmatch(r"\d+", compact):
        forms.add(compact.lstrip("0") or "0")
    elif re.fullmatch(r"\d+\.\d+", compact):
        whole, frac = compact.split(".")
        forms.add(f"{whole.lstrip('0') or '0'}.{frac.rstrip('0') or '0'}")
    return forms


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


def _letters(text: str) -> str:
    return re.sub(r"[^\w]+", " ", fold(text)).strip()
