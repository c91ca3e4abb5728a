"""Answers quoted from the project texts: the sentence that answers, or an honest "not stated".

Without a reader model, a sentence is chosen by the embedder's similarity, the question's words
it shares (English words through :mod:`.lexicon`), and — for "how many" — a number next to the
thing counted. Before it is quoted it must pass :func:`supports`: the asked-for type present
and enough evidence that it is about what was asked, else the answer is "not stated" with the
closest sources as "see also".
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import numpy as np
from rapidfuzz.distance import DamerauLevenshtein

from .. import routing
from ..chunking import FACTS_KEY, section_by_key
from ..index import bm25_tokens
from ..models import Answer, Citation, Project, Section
from ..phrases import t
from ..records import LIST_RELATIONS
from ..routing import ENGLISH_WORDS
from ..search import Filters
from ..text import fold, sentence_spans
from .asks import (
    AMONG,
    AMOUNT,
    ANNOUNCES,
    CAPITAL,
    CAUSAL,
    CITY_IN,
    COMPANIES,
    COST,
    COUNT_NOUN,
    CROSS_REFERENCE,
    DISTANCE,
    DURATION,
    EARLIER,
    ENDS,
    FORMED,
    FOUNDING,
    FRACTION,
    GENERIC_STEMS,
    HOW_LONG,
    LENGTH,
    MONEY_MADE,
    MONEY_WORD,
    NAMED,
    NUMBER_PREFIX,
    NUMBER_SV,
    NUMBER_WORD,
    NUMBER_WORDS,
    OUTCOME,
    PEOPLE,
    PERCENT,
    PERSON_NAME,
    PLACE_ASKED,
    QUESTION_NAME,
    RANKED,
    REPORTED,
    ROLE_GIVEN,
    SHARE,
    STARTS,
    STATED_NUMBER,
    TARGET,
    WHEN,
    WHERE,
    WHICH_N,
    WHO,
    WHY,
    YEAR,
    YEAR_OR_DATE,
)
from .cites import Cites, citation
from .context import Context, answered
from .entities import ABROAD_OR_ALL, Place, lies_in, place_key
from .evidence import unavailable
from .lexicon import (
    ENGLISH_STOP,
    concepts,
    counted_terms,
    demonym,
    english_word,
    mentions,
    names_group,
    translate,
)
from .reading import Reading

SHORT_SECTION = 450
FALLBACK_DEPTH = 5
"""How far down the ranking a sentence may answer for a best one that does not."""
_RARE_CHUNKS = 10
"""A name in at most this many chunks of the corpus pins the text it is in (:func:`_pinned`)."""
_YEAR_REACH = 200
"""A year the question names may stand this many characters before the quote ('Under 2007
… Detta stöd har skapat 28 nya arbetstillfällen')."""


@dataclass(kw_only=True)
class Candidate:
    """A sentence of a section that may answer a passage question, and its evidence."""

    project: Project
    section: Section
    start: int
    end: int
    rank: int
    dense: float = 0.0
    coverage: float = 0.0
    counts: bool = False
    key_met: bool = True

    @property
    def quote(self) -> str:
        return self.section.text[self.start : self.end]

    @cached_property
    def content(self) -> str:
        """The quote without the project's own name: 'Det är utgångspunkten för Glas och trä i
        samverkan' says nothing of glass or wood, and 'biogas i Mellannorrland' in the name of
        Biogas i Mellannorrland is no place where the plant will be built."""
        return _own_name(self.project.name).sub(" ", self.quote)

    def citation(self) -> Citation:
        return citation(self.project, self.section, self.start, self.end)


@lru_cache(maxsize=4096)
def _own_name(name: str) -> re.Pattern[str]:
    forms = sorted(routing.name_aliases(name), key=len, reverse=True)
    return re.compile("|".join(rf"(?<!\w){re.escape(f)}(?!\w)" for f in forms), re.I)


def passage_answer(ctx: Context, r: Reading, qvec: np.ndarray | None = None) -> Answer:
    r = replace(r, section=_own_section(ctx, r))
    qvec = _query_vector(ctx, r) if qvec is None else qvec
    scored = _unsaid(r, score(ctx, r, candidates(ctx, r, qvec), qvec))
    if not scored:
        return not_stated(r, [])
    chosen = _supported(ctx, r, scored)
    if chosen is None:
        if r.soft:
            return passage_answer(ctx, replace(r, projects=(), soft=False))
        return not_stated(r, [c for _, c in scored[:2]])
    scored = scored[chosen:]
    intent = f"section:{r.section}" if r.section and r.projects else f"passage:{r.masked}"
    return _according(r, quotes(r, scored, ctx.evidence.runner_up), intent=intent)


def _query_vector(ctx: Context, r: Reading) -> np.ndarray:
    """The question's vector as if it named its project: a follow-up or a later part of a
    compound ('… och hur många bolag räknade man med?') is measured on the footing of the
    named questions the evidence thresholds were set on."""
    return ctx.searcher.encode_query(named_query(ctx, r))


def named_query(ctx: Context, r: Reading) -> str:
    """The question, headed by its one project's name when it does not write it."""
    if len(r.projects) != 1:
        return r.query
    name = ctx.project(r.projects[0]).name
    folded = fold(r.query)
    if any(fold(alias) in folded for alias in routing.name_aliases(name)):
        return r.query
    return f"{name}: {r.query}"


def _unsaid(r: Reading, scored: list[tuple[float, Candidate]]) -> list[tuple[float, Candidate]]:
    """The candidates an earlier part of the question has not quoted."""
    if not r.said:
        return scored
    return [(v, c) for v, c in scored if (c.project.id, c.section.key, c.start) not in r.said]


def _supported(ctx: Context, r: Reading, scored: list[tuple[float, Candidate]]) -> int | None:
    """The best sentence if it answers; else one close behind it in the same project that does
    (a sentence the ranking put second can hold the asked figure the first lacks: '2004 var den
    nere i 20 procent' after the one on fifteen years ago). Lower ones must answer on their own
    evidence, without the lead the first may claim."""
    if supports(ctx, r, scored[0][1], scored):
        return 0
    top, first = scored[0][0], scored[0][1].project.id
    for n, (value, c) in enumerate(scored[1:FALLBACK_DEPTH], start=1):
        if value < top - ctx.evidence.fallback_gap:
            break
        if c.project.id == first and supports(ctx, r, c):
            return n
    return None


def _own_section(ctx: Context, r: Reading) -> str | None:
    """The asked section as the named project has it: a Tillväxtverket record has no summary,
    its description is what 'tell me about X' reads; none when the project has no such section
    (a share asked of a record without a goals section is sought in all its text)."""
    if not (r.projects and r.section):
        return r.section
    p = ctx.project(r.projects[0])
    if p.section(r.section) is not None:
        return r.section
    return next((k for k in _STANDS_IN.get(r.section, ()) if p.section(k)), None)


_STANDS_IN = {"summary": ("description",)}


def typed_answer(ctx: Context, r: Reading, need: re.Pattern[str]) -> Answer:
    """A header fact the records lack, quoted from the named project's own text: the best
    sentence that holds a value of the asked type ('Total omslutning: 8 013 451') and speaks
    of what was asked or is close to it in meaning; else "not stated". A where, when or
    which-name question asks that type whatever field its words suggest ('I vilken stad håller
    klubben till, den som IFK samarbetar med': a place, not a partner)."""
    qvec = _query_vector(ctx, r)
    scored = score(ctx, r, candidates(ctx, r, qvec), qvec)
    asks_type = any(p.search(r.masked) for p in (WHERE, WHEN, WHO, NAMED))
    typed = [
        c
        for _, c in scored
        if c.project.id in r.projects
        and need.search(c.quote)
        and _per_unit_met(r, c.quote.lower())
        and (not asks_type or _typed(ctx, r, c))
    ]
    floor = ctx.evidence.project_dense_with_words
    best = next((c for c in typed if c.coverage > 0 or c.dense >= floor), None)
    if best is None:
        return not_stated(r, [c for _, c in scored[:2]])
    return _according(r, [best])


def _according(r: Reading, quoted: list[Candidate], *, intent: str = "") -> Answer:
    """'According to <project> (<section>): “…” [1]', the first quote's project and section
    naming the rest (quotes come from one section)."""
    cites = Cites()
    body = " ".join(
        t(r.language, "answer.quote", quote=c.quote, mark=cites.add(c.citation())) for c in quoted
    )
    first = quoted[0]
    text = t(
        r.language,
        "answer.according",
        name=first.project.name,
        section=first.section.title,
        body=body,
    )
    return answered(r, text, cites, kind="passage", project_ids=(first.project.id,), intent=intent)


def quotes(r: Reading, scored: list[tuple[float, Candidate]], runner_up: float) -> list[Candidate]:
    """The best sentence; a short section read as a whole; or a close runner-up beside it."""
    best = scored[0][1]
    section = best.section
    if r.section == section.key and len(section.text) <= SHORT_SECTION:
        return [
            Candidate(
                project=best.project,
                section=section,
                start=0,
                end=len(section.text),
                rank=best.rank,
            )
        ]
    if r.section == "description" and section.key == "description" and not r.by_meaning:
        return _opening(best)
    chosen = [best]
    follower = _announced(best)
    if follower is not None:
        return [best, follower]
    if len(scored) > 1:
        value, second = scored[1]
        same_place = second.project.id == best.project.id and second.section is section
        if same_place and value >= scored[0][0] - runner_up:
            chosen.append(second)
    return sorted(chosen, key=lambda c: c.start)


def _opening(best: Candidate) -> list[Candidate]:
    """The first sentences of a long description, as an overview reads it: up to
    ``SHORT_SECTION`` characters, at least one sentence, at most three."""
    spans = sentence_spans(best.section.text)[:3]
    kept = [spans[0]] + [sp for sp in spans[1:] if sp[1] - spans[0][0] <= SHORT_SECTION]
    return [
        Candidate(project=best.project, section=best.section, start=a, end=b, rank=0)
        for a, b in kept
    ]


def _announced(best: Candidate) -> Candidate | None:
    """The sentence a quoted one announces ('Projektet har tre delmål:'): the answer is in
    what follows."""
    if not ANNOUNCES.search(best.quote):
        return None
    text = best.section.text
    spans = [(best.end + a, best.end + b) for a, b in sentence_spans(text[best.end :])]
    if not spans:
        return None
    start, end = spans[0]
    return Candidate(project=best.project, section=best.section, start=start, end=end, rank=0)


def candidates(ctx: Context, r: Reading, qvec: np.ndarray) -> list[Candidate]:
    """Sentences that may answer: the named section; else every text sentence of the named
    project, ranked by its chunk's place in a project-scoped search; else the top hits."""
    if r.projects:
        p = ctx.project(r.projects[0])
        section = p.section(r.section) if r.section else None
        if section is not None:
            return _sentences(p, section, 0, len(section.text), 0)
    filters = Filters(project_ids=frozenset(r.projects)) if r.projects else None
    hits = ctx.searcher.search(
        r.query, k=8 if r.projects else 4, filters=filters, query_vector=qvec, section=r.section
    )
    out: list[Candidate] = []
    seen: set[tuple[str, str]] = set()
    for rank, hit in enumerate(hits):
        key = hit.chunk.section_key
        if key == FACTS_KEY or key in LIST_RELATIONS:
            continue
        p = ctx.project(hit.project_id)
        section = section_by_key(p, key)
        if section is None:
            continue
        seen.add((p.id, key))
        out += _sentences(p, section, hit.chunk.section_start, hit.chunk.section_end, rank)
    if r.projects:
        p = ctx.project(r.projects[0])
        for section in p.sections:
            if (p.id, section.key) not in seen:
                out += _sentences(p, section, 0, len(section.text), 8)
    return out


def _with_organisation(
    ctx: Context, r: Reading, wanted: list[frozenset[str]]
) -> list[frozenset[str]]:
    """The question's concepts, the words it names an organisation by ('SLU', 'Luleå University
    of Technology') also met by the names the data gives it ('Sveriges lantbruksuniversitet')."""
    asked = _asked(r)
    org = ctx.organisations.find(asked)
    if org is None:
        return wanted
    written = set(bm25_tokens(asked[org.start : org.end]))
    names = frozenset(fold(v) for v in org.values if len(v) >= 4)
    return [c | names if c & written else c for c in wanted]


def _sentences(p: Project, section: Section, start: int, end: int, rank: int) -> list[Candidate]:
    """The sentences of a stretch of a section; a list marker or fragment ('2.') says nothing."""
    text = section.text[start:end]
    return [
        Candidate(project=p, section=section, start=start + a, end=start + b, rank=rank)
        for a, b in sentence_spans(text)
        if len(_WORD.findall(text[a:b])) >= 2
    ]


_WORD = re.compile(r"[^\W\d_]{2,}")


def score(
    ctx: Context, r: Reading, found: list[Candidate], qvec: np.ndarray
) -> list[tuple[float, Candidate]]:
    """Candidates ranked by similarity (their own and their neighbours'), shared words weighted
    by rarity, a stated count, a reason for 'why', a place for 'where', and search rank."""
    if not found:
        return []
    ev = ctx.evidence
    vectors = ctx.sentences([c.quote for c in found])
    sims = [float(v @ qvec) for v in vectors]
    context = [_neighbours(found, sims, i) for i in range(len(found))]
    wanted = _with_organisation(ctx, r, concepts(TARGET.sub(" ", _asked(r)), lang=r.language))
    key = _key_concept(ctx, r, wanted)
    counted = _counted(r)
    why = bool(WHY.search(r.masked))
    where = bool(WHERE.search(r.masked))
    stems = [set(bm25_tokens(c.content)) for c in found]
    texts = [fold(c.content) for c in found]
    weight = _rarity(wanted, stems, texts)
    out = []
    for c, dense, near, have, folded in zip(found, sims, context, stems, texts):
        c.dense = dense
        met = [w for w in wanted if mentions(w, have, folded, heads=True)]
        c.coverage = len(met) / len(wanted) if wanted else 0.0
        c.counts = bool(counted and _states_count(c.quote, counted))
        c.key_met = key is None or mentions(key, have, folded, heads=True)
        distinct = sum(weight[w] for w in met)
        value = c.dense + ev.word_weight * distinct - 0.004 * c.rank + ev.count_bonus * c.counts
        value += ev.key_bonus * (key is not None and c.key_met)
        value += ev.why_bonus * (why and bool(CAUSAL.search(c.quote.lower())))
        value += ev.where_bonus * (where and ctx.places.find(folded) is not None)
        value += ev.context_weight * near
        out.append((value, c))
    out.sort(key=lambda sc: -sc[0])
    if counted:
        out = [sc for sc in out if sc[1].counts] or out
    if routing.NUMBER_QUESTION.search(r.masked):
        out = [sc for sc in out if NUMBER_WORDS.search(sc[1].quote.lower())] or out
    if HOW_LONG.search(r.masked):
        out = [sc for sc in out if DURATION.search(sc[1].quote.lower())] or out
    if SHARE.search(r.masked):
        out = [sc for sc in out if FRACTION.search(sc[1].quote.lower())] or out
    if TARGET.search(r.masked):
        out = [sc for sc in out if names_group(bm25_tokens(sc[1].quote))] or out
    if PLACE_ASKED.search(r.masked):
        asked = _question_names(r)
        out = [sc for sc in out if _has_place(ctx, sc[1], asked)] or out
    if LENGTH.search(r.masked):
        out = [sc for sc in out if DISTANCE.search(sc[1].quote.lower())] or out
    if WHEN.search(r.masked) and not r.field:
        out = (
            [sc for sc in out if _dated_event(r.masked, sc[1].quote.lower(), named=True)]
            or [sc for sc in out if _dated_event(r.masked, sc[1].quote.lower())]
            or out
        )
    if WHO.search(r.masked) or NAMED.search(r.masked):
        asked, least = _question_names(r), _names_wanted(r)
        out = (
            [sc for sc in out if _names_someone(sc[1], asked, least)]
            or [sc for sc in out if _names_someone(sc[1], asked)]
            or out
        )
    return out


def _key_concept(ctx: Context, r: Reading, wanted: list[frozenset[str]]) -> frozenset[str] | None:
    """The question's rarest word of four letters or more, or with a digit ('3M'; in the
    corpus: 'kom' is rare as a word but says little), which an answer has to speak of. An English
    question about a named project has none: its words reach the Swedish text only through the
    lexicon, too loosely to demand one ('city' for a sentence naming Östersund)."""
    checkable = wanted
    if r.language == "en":
        if r.projects:
            return None
        names = set(concepts(_asked(r), lang="en", untranslated=False))
        checkable = [c for c in wanted if c in names]
    scored = [
        (ctx.idf(c), c)
        for c in checkable
        if not c & GENERIC_STEMS and (max(map(len, c)) >= 4 or re.search(r"\d", "".join(c)))
    ]
    return max(scored, key=lambda s: s[0])[1] if scored else None


def _names_someone(
    c: Candidate, asked: frozenset[str] = frozenset(), least: int = 1, *, companies: bool = False
) -> bool:
    """A sentence that names ``least`` organisations, people or places other than the project
    itself and than what the question already names ('Spanien' for '… in Spain'); a name
    starting with one of those ('TSCN Research' in TSCN's text) is that one. ``companies``:
    a public body is none."""
    own = {w.replace("-", "") for w in (*re.findall(r"[\w\-]+", fold(c.project.name)), *asked)}
    own |= _PROJECT_WORDS
    named = {fold(n).replace("-", "") for n in _names_in(c.quote, companies=companies)}
    return sum(n.split()[0] not in own for n in named) >= least


def _places_in(ctx: Context, quote: str) -> frozenset[str]:
    """The names in a quote that are places and nothing more ('Västerbottens'), which name no
    company or person."""
    return frozenset(
        fold(n).replace("-", "")
        for n in _names_in(quote)
        if (p := ctx.places.find(fold(n))) is not None and p.start == 0 and p.end >= len(n) - 1
    )


def _companies_in(quote: str) -> frozenset[str]:
    """The names in a quote that are companies ('Helsinge Net AB'), which name no place."""
    return frozenset(
        fold(n).replace("-", "").split()[0] for n in _names_in(quote) if _COMPANY_FORM.search(n)
    )


_COMPANY_FORM = re.compile(r"\s(?:AB|Aktiebolag|Oy|AS|A/S|Ltd|GmbH|HB|KB)$")


_PROJECT_WORDS = frozenset(["projekt", "projektet", "project", "förstudie", "förstudien"])
"""'Projekt Öppna portar' names the project, not something else."""


def _names_in(quote: str, *, companies: bool = False) -> list[str]:
    """The names a sentence holds: a capitalised word opening it or a bullet is a name only
    with capitalised words after it ('TSCN Innovation ska …'); a capitalised compound with a
    lower-case tail ('FoU-resultat', 'EU-medel') is a word. ``companies``: without the public
    bodies ('Region Skåne', 'Malmö stad'), which a question about companies does not ask for."""
    found = []
    for m in CAPITAL.finditer(quote):
        single = " " not in m.group()
        if single and (_OPENS.search(quote[: m.start()]) or _CAPITAL_WORD.match(m.group())):
            continue
        if companies and (_PUBLIC_HEAD.match(m.group()) or _PUBLIC_TAIL.match(quote, m.end())):
            continue
        found.append(m.group())
    return found


_OPENS = re.compile(r"(?:^|[.!?*•]\s)$")
_CAPITAL_WORD = re.compile(r"^[\wåäöéü]+-[a-zåäöéü]+$")
_PUBLIC_HEAD = re.compile(r"(?:Region|Landstinget|Länsstyrelsen)\b")
_PUBLIC_TAIL = re.compile(r"\s+(?:kommun|stad|universitet|högskola|landsting|län)\b")


_NUMBER_WORDS = (
    "one en ett",
    "two två",
    "three tre",
    "four fyra",
    "five fem",
    "six sex",
    "seven sju",
    "eight åtta",
    "nine nio",
    "ten tio",
)
_COUNT_WORDS = {
    **{w: n for n, ws in enumerate(_NUMBER_WORDS, 1) for w in ws.split()},
    **{str(n): n for n in range(1, 11)},
}


_WHICH_ONES = re.compile(r"\bwhich ones\b|\bvilka (?:är|var) dessa\b")
_STATED_N = re.compile(
    rf"\b(?:{'|'.join(w for ws in _NUMBER_WORDS for w in ws.split())}|\d+)(?= \w)"
)
"""'the region's seven maritime cities - which ones are they?': the names of all seven."""


def _names_wanted(r: Reading) -> int:
    """How many names a question asks for: 'which two clubs …' two, 'which four sites' three or
    more, 'vilka var de 25 företagen' 24 or more, a plural ('which clubs', 'vilka länder') at
    least two, else one."""
    m = WHICH_N.search(r.masked) or (_WHICH_ONES.search(r.masked) and _STATED_N.search(r.masked))
    if m is not None:
        word = m.group().split()[-1]
        n = int(word) if word.isdigit() else _COUNT_WORDS.get(word, 3)
        return n if n <= 3 else n - 1
    named = NAMED.search(r.masked)
    if named is None:
        return 1
    words = named.group().split()
    plural = words[0] in ("vilka", "names") or (words[0] != "vilken" and words[-1].endswith("s"))
    return 2 if plural else 1


def _question_names(r: Reading) -> frozenset[str]:
    """The names the question uses (other than its projects), with their translations, the
    place it names ('… newcomers to Malmö': 'Malmö' in a quote names no company), the parts
    of a hyphenated name ('Stockholm-Mälardalen') and the countries (see ``_COUNTRY_OF``)."""
    found = [fold(n) for n in QUESTION_NAME.findall(_asked(r))]
    found += [part for n in found if "-" in n for part in n.split("-") if len(part) >= 3]
    if r.place is not None:
        found += [fold(w) for v in r.place.values for w in v.split()]
    found += [c for w in re.findall(r"\w+", fold(_asked(r))) for c in _COUNTRY_OF.get(w, ())]
    if not _ASKS_COUNTRY.search(r.masked):
        found += [c for countries in _COUNTRY_OF.values() for c in countries]
    return frozenset([*found, *(sv for n in found for sv in translate(n))])


_ASKS_COUNTRY = re.compile(r"\bcountr(?:y|ies)\b|\b(?:vilket|vilka|i vilka) länder|\bvilket land\b")


_COUNTRIES = {
    "danish": ("danmark", "denmark"),
    "norwegian": ("norge", "norway"),
    "finnish": ("finland",),
    "german": ("tyskland", "germany"),
    "swedish": ("sverige", "sweden"),
}
_COUNTRY_OF = {
    form: _COUNTRIES[en]
    for en, sv in {**routing.NEIGHBOURS, "swedish": ("svensk", "svenska")}.items()
    if en in _COUNTRIES
    for form in (en, *sv, *(w + "t" for w in sv if w.endswith("sk")))
}
"""The country a nationality word in the question names: 'which Norwegian utilities' is not
answered by 'partners från Sverige, Norge och Danmark'. Unless countries are asked, no
country names the organisation, person or place asked for."""


def _neighbours(found: list[Candidate], sims: list[float], i: int) -> float:
    """How much closer than the sentence itself its best neighbour in the same section is to
    the question (0 when none is): an answer often follows the sentence that sets it up."""
    c = found[i]
    near = [
        sims[j]
        for j in (i - 1, i + 1)
        if 0 <= j < len(found) and found[j].section is c.section and found[j].project is c.project
    ]
    return max(0.0, max(near, default=sims[i]) - sims[i])


def _rarity(
    wanted: list[frozenset[str]], stems: list[set[str]], texts: list[str]
) -> dict[frozenset[str], float]:
    """Each concept's share of the words' weight, rarer among the candidates weighing more:
    a word most sentences share tells less than the one word only the answer has."""
    df = {w: sum(mentions(w, s, t, heads=True) for s, t in zip(stems, texts)) for w in wanted}
    raw = {w: math.log(1 + len(stems) / (1 + n)) if n else 0.0 for w, n in df.items()}
    total = sum(raw.values()) or 1.0
    return {w: v / total for w, v in raw.items()}


def _asked(r: Reading) -> str:
    """What the question asks about, without the project names and the place that only scope
    it; in the question's own case where it can (English names are found by their capitals)."""
    whole = len(r.text) == len(r.masked)
    if not whole:
        return r.masked
    spans = [(m.start, m.end) for m in r.mentions]
    if r.place is not None:
        spans.append((r.place.start, r.place.end))
    chars = list(r.text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _counted(r: Reading) -> set[str]:
    """The stems of the thing a 'how many' question counts ('deltagare' for 'participants';
    'kvinnor' in 'hur många av deltagarna var kvinnor'); an English noun the lexicon cannot
    translate stands for itself, so a count of something else does not answer it."""
    m = COUNT_NOUN.search(r.masked)
    if not m:
        return set()
    among = AMONG.search(r.masked)
    noun = among.group(1) if among else m.group(1)
    if r.language == "en":
        phrase = _noun_phrase([noun, *r.masked[m.end() :].split()[:2]])
        found = {sv for w in phrase for sv in translate(w)}
        if not found and phrase and len(phrase[0]) >= 4 and phrase[0].isalpha():
            return set(bm25_tokens(phrase[0]))
        return {stem for sv in found for stem in counted_terms(sv)}
    return counted_terms(_swedish_noun(noun, r.masked[m.end() :].split()[:1]))


def _swedish_noun(word: str, following: list[str]) -> str:
    """The counted noun after an adjective ('hur många enskilda träffar' counts 'träffar',
    'hur många intresserade företag' 'företag')."""
    after = following[0].strip(",.?!") if following else ""
    adjective = word.endswith(("a", "de", "te")) and len(after) >= 3 and after.isalpha()
    return after if adjective and after not in _SWEDISH_VERBS else word


_SWEDISH_VERBS = frozenset(
    """som av i har hade var är blev blir ska skall kommer finns fanns fick får kan deltog deltar
    och eller med för till på totalt sammanlagt ungefär cirka ca drygt knappt omkring minst
    högst fler mer""".split()  # noqa: SIM905
)


def _noun_phrase(words: list[str]) -> list[str]:
    """The words of an English noun phrase ('credit guarantee associations are …' → its
    first three): a Swedish compound may hold any of them ('kreditgarantiföreningar')."""
    out: list[str] = []
    for word in words:
        w = word.strip(",.?!")
        if not w or w in ENGLISH_STOP or w in _VERBS:
            break
        out.append(w)
        if w != word or _PLURAL.search(w):
            break
    return out


_PLURAL = re.compile(r"(?:[^s]s|people|children|men|staff|personnel)$")
"""The counted noun, which ends the phrase ('mentors take part' counts mentors)."""


_VERBS = frozenset(
    "are is was were did do does have has had will would can could in at for".split()  # noqa: SIM905
)


def _states_count(quote: str, stems: set[str]) -> bool:
    """The quote counts the thing (a number before it, further with 'av': '200 av de små och
    medelstora företagen', or written into it); a number before a capitalised word ends a label
    or a name ('Total omslutning: 11 679 930 Projektledare …')."""
    if stems & PERCENT:
        return bool(re.search(r"\d\s*(%|procent)", quote.lower()))
    cased = re.findall(r"\d[\d\s]*%?|\w+", quote)
    tokens = [token.lower() for token in cased]
    for i, token in enumerate(tokens):
        number = token[0].isdigit() or NUMBER_WORD.match(token)
        if number and tokens[i - 1 : i] and tokens[i - 1] in _ORDINAL_NOUNS:
            continue
        if number and cased[i + 1 : i + 2] and cased[i + 1][0].isupper():
            continue
        unit = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1] in _UNITS else None
        if number and unit and _counts_in({unit, *bm25_tokens(unit)}, stems, tail=True):
            return True
        if number and not token.endswith("%") and unit is None:
            reach = 8 if tokens[i + 1 : i + 2] in (["av"], ["of"]) else 5
            near = set(bm25_tokens(" ".join(tokens[i + 1 : i + reach])))
            if _counts_in(near, stems, tail=True):
                return True
            if tokens[i + 1 : i + 2] in (["st"], ["stycken"]) and _counts_in(
                set(bm25_tokens(" ".join(tokens[max(0, i - 3) : i]))), stems, tail=False
            ):
                return True
        if _counted_compound(token, stems):
            return True
    return False


_UNITS = frozenset(
    """procent kr sek kronor mkr tkr msek miljoner miljon euro eur nok dkk år månader veckor dagar
    km kilometer meter mil ton mwh gwh twh kwh timmar""".split()  # noqa: SIM905
)
"""Units after a number: '20 mkr per bolag' measures, it does not count the 'bolag'."""


def _counts_in(near: set[str], stems: set[str], *, tail: bool) -> bool:
    """The counted thing among the words by a number: the word, with ``tail`` (the words after
    the number) a compound ending in it ('mötesplatser' for 'platser'), else one starting with
    it ('vindkraftparkerna (ca 450 st)' for 'vindkraft'), or the word typed with a slip
    ('arbetstilfällen')."""
    return bool(stems & near) or any(
        (t.endswith(s) if tail else t.startswith(s)) or _slip(t, s)
        for t in near
        for s in stems
        if len(s) >= 4
    )


def _slip(word: str, stem: str) -> bool:
    return len(stem) >= 8 and DamerauLevenshtein.distance(word, stem, score_cutoff=1) <= 1


_ORDINAL_NOUNS = frozenset(
    [
        "punkt",
        "steg",
        "fas",
        "etapp",
        "nr",
        "nummer",
        "del",
        "kapitel",
        "avsnitt",
        "bilaga",
        "point",
        "step",
        "phase",
        "stage",
        "part",
    ]
)
"""Words before a number that label rather than count ('punkt 1 samt mentorer')."""


def _counted_compound(token: str, stems: set[str]) -> bool:
    """A number written into a compound with the thing counted ('en tvådagars workshop',
    'fyraårigt')."""
    m = NUMBER_PREFIX.match(token)
    return m is not None and any(m.group(2).startswith(s) for s in stems if len(s) >= 3)


def supports(
    ctx: Context, r: Reading, c: Candidate, scored: Sequence[tuple[float, Candidate]] = ()
) -> bool:
    """Whether the best sentence really answers the question (see :class:`.evidence.Evidence`):
    it holds what was asked, and the evidence says it is about it, or it leads the ranking
    ``scored`` clearly (:func:`_leads`)."""
    return _holds_asked(ctx, r, c) and (_evidenced(ctx, r, c) or _leads(ctx, r, scored))


def _leads(ctx: Context, r: Reading, scored: Sequence[tuple[float, Candidate]]) -> bool:
    """A best sentence that holds what was asked (a date for 'when', a name for 'which
    company', a place for 'where'), shares a word with the question and stands clearly ahead of
    the next: the ranking's margin stands in for the similarity a translation loses. (What it
    must hold is checked by :func:`supports` first.)"""
    if not scored:
        return False
    ev = ctx.evidence
    value, best = scored[0]
    gap = value - (scored[1][0] if len(scored) > 1 else 0.0)
    return (
        gap >= ev.lead_gap
        and best.coverage > 0
        and best.dense >= ev.lead_dense
        and _typed(ctx, r, best)
    )


def _of_organisation(r: Reading, c: Candidate) -> bool:
    """With no project named, an organisation the question names ('Jamtlis 70-talsmiljö')
    says whose project answers: one it owns, or whose owner or text names it (by its longest
    word: the data's 'Jämtland-Härjedalens Handikappidrottsförb' for 'Handikappidrotts-
    förbundets'), not another's."""
    org = r.organisation
    if r.projects or org is None or c.project.value("owner") in org.values:
        return True
    p = c.project
    text = fold(" ".join([str(p.value("owner") or ""), *(s.text for s in p.sections)]))
    head = max(re.findall(r"\w+", fold(org.written)), key=len, default="")
    return any(fold(name) in text for name in org.values) or head[: min(len(head) - 1, 12)] in text


def _holds_asked(ctx: Context, r: Reading, c: Candidate) -> bool:
    """The quote holds what the question asks for: each name, number, year, date, amount,
    length, share or reported outcome it needs."""
    quote = c.quote.lower()
    if quote.rstrip().endswith("?") and not re.search(r"\d", quote):
        return False  # a question the text asks ('Vilka limtyper passar bäst …?') states nothing
    missing = unavailable(r.masked)
    if missing and not _says(missing.group(), quote):
        return False
    if CROSS_REFERENCE.match(c.quote):
        return False
    if not _names_met(ctx, r, c) or not _numbers_met(r, quote) or not _ordinal_met(r, quote):
        return False
    if not _of_organisation(r, c):
        return False
    if OUTCOME.search(r.masked) and not WHEN.search(r.masked) and not REPORTED.search(quote):
        return False
    if COST.search(r.masked) and not AMOUNT.search(quote):
        return False
    if MONEY_MADE.search(r.masked) and not _money_made(quote):
        return False
    if not _listed(r, quote) or _vaguely_counted(r, quote):
        return False
    if not _per_unit_met(r, quote):
        return False
    if not _same_side(r, quote):
        return False
    if RANKED.search(r.masked) and not NUMBER_WORDS.search(quote):
        return False
    if LENGTH.search(r.masked) and not DISTANCE.search(quote):
        return False
    if HOW_LONG.search(r.masked) and not DURATION.search(quote):
        return False
    if SHARE.search(r.masked) and not FRACTION.search(quote):
        return False
    if WHEN.search(r.masked) and not r.field and not _dated_event(r.masked, quote):
        return False
    asked = _question_names(r)
    if PLACE_ASKED.search(r.masked) and not _has_place(ctx, c, asked):
        return False
    least = _names_wanted(r)
    villages = least >= 2 and PLACE_ASKED.search(r.masked)
    if villages and not _names_someone(c, asked | _companies_in(c.quote), least):
        return False  # 'which four villages': 'Helsinge Net AB' names none
    if _numbered(r) and EARLIER.search(quote) and not EARLIER.search(r.masked):
        return False
    if not r.projects and r.place is not None and not _in_place(c, r.place):
        return False
    before = c.section.text[max(0, c.start - _YEAR_REACH) : c.start]
    asked_years = YEAR.findall(_PROJECT_YEARS.sub(" ", _last_ask(r)))
    named = c.project.name
    if any(year not in quote and year not in before and year not in named for year in asked_years):
        return False
    companies = bool(COMPANIES.search(r.masked))
    if WHO.search(r.masked) and not _names_someone(c, asked, least, companies=companies):
        return False
    if (companies or PEOPLE.search(r.masked)) and not _names_someone(
        c, asked | _places_in(ctx, c.quote), least
    ):
        return False
    if not _named_beside(r, c.quote):
        return False
    if ROLE_GIVEN.search(r.masked) and not PERSON_NAME.search(c.quote):
        return False
    return not NAMED.search(r.masked) or _names_someone(c, asked, least)


def _money_made(quote: str) -> bool:
    """A return, turnover or saving stated: an amount, or a share said to be one ('en
    avkastning på 12 procent'; '100 % av den egna förmågan' is none)."""
    return bool(AMOUNT.search(quote) or (FRACTION.search(quote) and MONEY_WORD.search(quote)))


def _named_beside(r: Reading, quote: str) -> bool:
    """'Vad heter boken …': when the quote speaks of the book, the name that answers stands
    beside it ('en bok, en sk. receptsamling, …' names no book, though it names its owner)."""
    m = _CALLED_THING.search(r.masked.lower())
    if m is None:
        return True
    word = m.group(1) or m.group(2)
    stem = re.sub(r"(?:en|et|na|n|t)$", "", word) if len(word) > 4 else word
    spoken = [w.start() for w in re.finditer(rf"\b{re.escape(stem)}\w*", quote.lower())]
    if not spoken:
        return True
    names = [n.start() for n in CAPITAL.finditer(quote) if not _OPENS.search(quote[: n.start()])]
    return any(-_BESIDE <= n - at <= _BESIDE for at in spoken for n in names)


_CALLED_THING = re.compile(
    r"\bvad (?:hette|heter) (?:den |det |de )?(?:nya |första )?([a-zåäö]{4,})\b"
    r"|\bwhat (?:was|is) the (?:new |first )?([a-z]{4,}) called\b"
)
_BESIDE = 60


_PROJECT_YEARS = re.compile(
    r"\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\s+(?:[\w\-]+\s+)?"
    r"(?:project|projekt\w*|pre-?study|study|förstudie\w*|programme|program)\b"
)
"""'… in its 2009-2011 framework project': years that name the project, not the fact asked."""


def _same_side(r: Reading, quote: str) -> bool:
    """'på svenska sidan av Finnskogen' is not answered by a figure for 'den norska sidan', nor
    by one for both countries ('i Sverige och Norge finns 76 medlemmar')."""
    asked = {_COUNTRY_OF[m.group(1)] for m in _SIDE.finditer(fold(r.masked))}
    said = {_COUNTRY_OF[m.group(1)] for m in _SIDE.finditer(fold(quote))}
    if asked and not said:
        return len(_countries_in(quote)) < 2
    return not asked or not said or bool(asked & said)


def _countries_in(quote: str) -> set[tuple[str, ...]]:
    """The countries a quote names, each as its names."""
    words = set(re.findall(r"\w+", fold(quote)))
    return {names for names in _COUNTRIES.values() if words & set(names)}


_SIDE = re.compile(
    r"\b(svenska|norska|danska|finska|swedish|norwegian|danish|finnish) (?:sidan|side)\b"
)


def _per_unit_met(r: Reading, quote: str) -> bool:
    """'Vad kostade det per kubikmeter': a figure for the whole says nothing of one unit."""
    unit = _PER_UNIT.search(r.masked)
    if unit is None or _says(unit.group(1), quote):
        return True
    every = _EVERY.get(unit.group(1))
    return every is not None and re.search(every, quote) is not None


_EVERY = {
    **dict.fromkeys(("year", "år"), r"\bårlig|\bper år\b|\bom året\b|/år\b|\bannual|\byearly"),
    **dict.fromkeys(("month", "månad"), r"\bmånatlig|\bper månad\b|\bi månaden\b|/mån"),
}
"""A period's figure written as an adverb ('5 % årligen' is per year)."""


_PER_UNIT = re.compile(
    r"\bper (?!cent\b|capita\b|se\b|the\b|their\b|its\b|this\b|that\b|den\b|det\b|dess\b"
    r"|denna\b|detta\b)([^\W\d_]{3,})\b"
)


def _numbered(r: Reading) -> bool:
    """A question asking for a count or a number."""
    return bool(_counted(r) or routing.NUMBER_QUESTION.search(r.masked))


def _has_place(ctx: Context, c: Candidate, asked: Collection[str] = ()) -> bool:
    """The quote, the project's own name and the places the question names (``asked``) aside,
    names a place, a site ('vid Fällfors') or lists names ('Björsarv, Brännås, …'): 'Göteborgs
    förorter' does not say which suburb."""
    text = c.content
    for name in sorted(asked, key=lambda n: (-len(n), n)):
        text = re.sub(_word_or_genitive(name), " ", text, flags=re.I)
    return bool(ctx.places.find(fold(text)) or _SITE.search(text) or len(_names_in(text)) >= 2)


_SITE = re.compile(
    r"\b(?:i|in|vid|från|på|at|near|nära|utanför|outside) [A-ZÅÄÖ][a-zåäöéü][\wåäöéü]*"
)
"""A site named after a preposition ('vid Fällfors', 'på Chalmers'); an acronym ('i IFK') is an
organisation, not a place."""


def _in_place(c: Candidate, place: Place) -> bool:
    """A question naming a place but no project ('lastbilar vid Ånge bangård') is answered
    from a project there, or a text that names the place."""
    section = fold(c.section.text)
    return lies_in(c.project, place) or any(
        re.search(_word_or_genitive(fold(v)), section) for v in place.values
    )


def _word_or_genitive(word: str) -> str:
    """A pattern for ``word`` as a whole word, also in the genitive ('Karlsborgs hamn')."""
    return rf"(?<!\w){re.escape(word)}s?(?!\w)"


def _last_ask(r: Reading) -> str:
    """The sentence of the question that asks, after any that set the scene ('… was turned
    down in 2013. By how much did it cut its budget?': the year is not the one asked about)."""
    return re.split(r"(?<=[.!?])\s+(?=\w)", r.masked.strip())[-1]


def _evidenced(ctx: Context, r: Reading, c: Candidate) -> bool:
    ev = ctx.evidence
    quote = c.quote.lower()
    in_named_section = r.section is not None and c.section.key == r.section
    scoped = bool(r.projects) or _pinned(ctx, r, c)
    if _counted(r):
        return c.counts
    if routing.NUMBER_QUESTION.search(r.masked):
        has_number = NUMBER_WORDS.search(quote)
        floor = ev.number_project if scoped else ev.number_global
        near = c.coverage > 0 or in_named_section or c.dense >= floor
        return bool(has_number and near)
    if r.projects and in_named_section and not r.by_meaning:
        return True
    named_many = _names_many(r, c) and (c.coverage > 0 or c.key_met)
    if scoped and named_many and c.dense >= ev.project_dense_typed:
        return True
    key_met = c.key_met or (scoped and r.language == "en")
    if (
        not key_met
        and (c.dense < ev.key_dense or c.coverage == 0)
        and (not r.projects or c.coverage < 0.5)
    ):
        return False
    if r.projects and in_named_section:
        return True
    if scoped:
        return (
            c.coverage >= 0.5
            or c.dense >= ev.project_dense
            or (c.dense >= ev.project_dense_with_words and c.coverage > 0)
            or (c.dense >= ev.project_dense_named and _names_in_quote(r, c))
            or (
                c.dense >= ev.project_dense_typed
                and (c.coverage > 0 or bool(TARGET.search(r.masked)))
                and not _wants_names(r)
                and _typed(ctx, r, c)
            )
        )
    if c.coverage >= ev.global_words and c.dense >= ev.global_dense_with_words:
        return True
    return c.dense >= ev.global_dense and c.coverage >= 0.25


def _says(asked: str, quote: str) -> bool:
    """The quote names what was asked, in the question's words or their Swedish."""
    forms = [asked, *translate(asked)]
    return any(re.search(rf"\b{re.escape(f)}\b", quote) for f in forms)


def _pinned(ctx: Context, r: Reading, c: Candidate) -> bool:
    """A question naming no project whose own names pin the candidate's text: each is in its
    section (:func:`_names_met`) and one is rare in the corpus ('the cable between Fjällnäs
    and Vauldalen'). Such a sentence is judged as if the project had been named."""
    names = [
        word
        for word in map(fold, QUESTION_NAME.findall(_asked(r)))
        if len(word) >= 4
        and word not in routing.NOT_NAMES
        and word not in ENGLISH_WORDS
        and place_key(word) not in ABROAD_OR_ALL
    ]
    if not names or not _names_met(ctx, r, c):
        return False
    rare = math.log((ctx.index.bm25.scores["num_docs"] + 1) / (_RARE_CHUNKS + 1))
    return any(ctx.idf(frozenset(bm25_tokens(word))) >= rare for word in names)


def _names_met(ctx: Context, r: Reading, c: Candidate) -> bool:
    """Every name the question asks about ('Megaphone', 'Malaga') is in the quoted section:
    a sentence from a section that never names it answers another question. A name of the
    project's own header (its owner 'Innovationsbron' in 'HINT (Innovationsbron)') or an
    organisation the question names ('at Mid Sweden University') is no other thing.
    Compounds with a capitalised head ('IKT-företag', 'Interregansökan': its first part will
    do) are words, not names; so is an everyday English word no text uses ('the Norwegian
    network', 'the Travellers')."""
    text = fold(c.section.text)
    if "-" in text:  # 'VINNOVA-projektet' names 'Vinnovaprojekt'
        text += " " + text.replace("-", "")
    own = set(fold(" ".join([c.project.name, *_header_values(c.project)])).split())
    vocab = ctx.index.bm25.vocab_dict
    asked = _asked(r)
    org = ctx.organisations.find(asked)
    for found in QUESTION_NAME.finditer(asked):
        word = fold(found.group())
        if org is not None and org.start <= found.start() < org.end:
            continue
        if word in own or word in routing.NOT_NAMES or word in ENGLISH_WORDS or "-" in word:
            continue
        forms = [word, *translate(word), *_compound_head(word, vocab)]
        if r.language == "en" and demonym(word):
            continue
        unused = not any(stem in vocab for stem in bm25_tokens(word))
        if len(forms) == 1 and r.language == "en" and english_word(word) and unused:
            continue
        if not any(f[: max(4, len(f) - 2)] in text for f in forms):
            return False
    return True


def _header_values(p: Project) -> list[str]:
    values = [str(f.value) for f in p.fields if isinstance(f.value, str)]
    return values + [v for lst in p.lists for v in lst.values]


def _compound_head(word: str, vocab: Collection[str]) -> list[str]:
    """The first part of a capitalised Swedish compound whose rest is a word of the corpus
    ('interregansökan' → 'interreg')."""
    return [
        word[:i] for i in range(len(word) - 4, 4, -1) if word[:i] in vocab and word[i:] in vocab
    ][:1]


def _dated_event(question: str, quote: str, *, named: bool = False) -> bool:
    """The quote dates what a 'when' question asks: a date or year, and not only the end of
    something when the start is asked ('Vilket datum startade …' is not '… avslutades 2006'),
    nor only its start when the end is, nor anything but a founding when one is asked ('when
    was the association formed' is not 'våren 2009 genomförde de ett seminarium'). ``named``:
    the quote also says the asked start or end in words ('blev klar den 20 november 2008' for
    'when was it completed')."""
    if not YEAR_OR_DATE.search(quote):
        return False
    if FORMED.search(question) and not FOUNDING.search(quote):
        return False
    for asked, other in ((STARTS, ENDS), (ENDS, STARTS)):
        if asked.search(question) and not other.search(question):
            return bool(asked.search(quote)) or (not named and not other.search(quote))
    return not named


def _wants_names(r: Reading) -> bool:
    """A question asking for several things by name ('vilka asiatiska länder …', 'which two
    football clubs'): only a sentence naming that many answers it (:func:`_names_many`)."""
    return _names_wanted(r) > 1 and NAMED.search(r.masked) is not None


def _names_many(r: Reading, c: Candidate) -> bool:
    """A sentence naming as many as :func:`_wants_names` asks for ('… framförallt Kina och
    Indien'): the names are the answer, even where the sentence never repeats the question's
    category word."""
    return _wants_names(r) and _names_someone(c, _question_names(r), _names_wanted(r))


def _typed(ctx: Context, r: Reading, c: Candidate) -> bool:
    """The quote holds what a where, when or which-organisation question asks for, or the
    count, length, amount or share asked (:func:`_holds_asked` has checked those)."""
    quote = fold(c.content)
    if WHERE.search(r.masked):
        return ctx.places.find(quote) is not None or bool(CITY_IN.search(c.content))
    if WHEN.search(r.masked):
        return bool(YEAR_OR_DATE.search(quote))
    if WHO.search(r.masked) or NAMED.search(r.masked):
        return _names_someone(c, _question_names(r), _names_wanted(r))
    if _counted(r):
        return c.counts
    if TARGET.search(r.masked):
        return names_group(bm25_tokens(c.quote))
    return any(ask.search(r.masked) for ask in (HOW_LONG, COST, SHARE))


def _names_in_quote(r: Reading, c: Candidate) -> bool:
    """The quote itself holds a name the question asks about ('Baggensstäket', 'Malaga'):
    strong evidence that it is the sentence meant, even when the wording is far apart."""
    names = _question_names(r) - set(fold(c.project.name).split()) - routing.NOT_NAMES
    quote = fold(c.quote)
    return any(len(n) >= 4 and n[: max(4, len(n) - 2)] in quote for n in names)


_ORDINAL_TIME = re.compile(
    r"\b(first|second|third|last|första|andra|tredje|sista)\s+(?:full\s+)?(?:year|år|året|season"
    r"|säsong|säsongen|month|månad|månaden|week|vecka|veckan)\b"
)
_ORDINAL_WORDS = {
    "first": "först",
    "second": "andra",
    "third": "tredje",
    "last": "sista",
    "första": "först",
    "andra": "andra",
    "tredje": "tredje",
    "sista": "sista",
}


def _ordinal_met(r: Reading, quote: str) -> bool:
    """'How many visited in its first year': a quote with a yearly figure answers only if it
    speaks of that year ('första året', 'first year')."""
    m = _ORDINAL_TIME.search(r.masked)
    if m is None:
        return True
    word = _ORDINAL_WORDS[m.group(1)]
    return word in quote or (word == "först" and "first" in quote)


_SAME_NUMBER = {form: (en, *forms) for en, forms in NUMBER_SV.items() for form in forms}
"""A Swedish number word or a digit and its other forms ('tre delar' is met by '3 delar')."""


def _numbers_met(r: Reading, quote: str) -> bool:
    """A number the question states ('the 14 offices') is in the quote; 'which four villages'
    asks for the names instead (see ``WHO``)."""
    asked = WHICH_N.sub(" ", _asked(r).lower())
    if _WHICH_ONES.search(r.masked):
        asked = _STATED_N.sub(" ", asked)  # '… in two border areas. Which ones?' asks names
    for number in STATED_NUMBER.findall(asked):
        forms = {number, *NUMBER_SV.get(number, ()), *_SAME_NUMBER.get(number, ())}
        if not any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", quote) for f in forms):
            return False
    return True


def _listed(r: Reading, quote: str) -> bool:
    """'… de tre större destinationerna – vilka är det?': a sentence saying 'de tre större
    destinationerna' again does not say which, unless a list follows (a colon, or as many
    commas and joining words as the things counted need)."""
    if not _WHICH.search(r.masked):
        return True
    for m in _NUMBERED.finditer(_asked(r).lower()):
        n = _COUNT_WORDS.get(m.group(1))
        said = {m.group(1), *NUMBER_SV.get(m.group(1), ()), *_SAME_NUMBER.get(m.group(1), ())}
        forms = "|".join(re.escape(f) for f in sorted(said))
        echo = _echo(forms, m.group(2), quote)
        if n and echo is not None:
            return _lists(quote[echo.end() :], n)
    return True


def _lists(rest: str, n: int) -> bool:
    """What follows a count names ``n`` things: a colon, or as many commas and joining words
    as ``n`` things need."""
    joins = rest.count(",") + len(re.findall(r"\b(?:och|and|samt)\b", rest))
    return ":" in rest or joins >= n - 1


def _vaguely_counted(r: Reading, quote: str) -> bool:
    """'Vilka inspel …?' answered by 'ett flertal inspel' and no list after it: the things are
    said to be several, not which they are."""
    asked = _WHICH_THING.search(_asked(r).lower())
    if asked is None:
        return False
    things = [asked.group(1), *translate(asked.group(1))]
    echo = next(
        (
            m
            for m in _VAGUE.finditer(quote)
            if any(_counts_it(w, t) for w in m.group(1, 2) if w for t in things)
        ),
        None,
    )
    return echo is not None and not _lists(quote[echo.end() :], 3)


_WHICH_THING = re.compile(r"\b(?:vilka|which)\s+(?:[^\W\d_]+\s+){0,1}?([^\W\d_]{4,})\b")
_VAGUE = re.compile(
    r"\b(?:ett flertal|flertalet|flera|några|ett antal|många|olika|several|a number of|some|many"
    r"|various|a few|numerous)\s+(\w{4,})(?:\s+(\w{4,}))?"
)
"""Things said to be several ('ett flertal inspel', 'many local companies'): the counted word
right after the quantifier, or after one word more."""


def _echo(forms: str, thing: str, quote: str) -> re.Match[str] | None:
    """Where the quote counts the things again: 'två kommuner' for 'de två dalakommuner'
    (the counted word is the asked one or its translation, or the tail of its compound;
    'the roughly ten firms' in 'de 10-tal företag')."""
    things = [thing, *translate(thing)]
    for m in re.finditer(rf"\b(?:{forms})(?:-tal)?((?:\s+\w+){{1,3}})", quote):
        for word in re.finditer(r"\w{4,}", m.group(1)):
            if any(_counts_it(word.group(), t) for t in things):
                return re.compile(re.escape(word.group())).search(quote, m.start(1) + word.start())
    return None


def _counts_it(word: str, thing: str) -> bool:
    return word.startswith(thing[:5]) or (len(word) >= 5 and word[:5] in thing[2:])


_WHICH = re.compile(r"\b(?:vilka|which|names of|namnen på)\b")
_NUMBERED = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|två|tre|fyra|fem|sju|åtta|nio|tio|[2-9])"
    r"\s+(?:[^\W\d_]+\s+){0,2}?([^\W\d_][\w\-]{3,})"
)


def not_stated(r: Reading, near: list[Candidate]) -> Answer:
    see = tuple(replace(c.citation(), n=n + 1) for n, c in enumerate(near))
    text = t(r.language, "answer.not_stated") + (t(r.language, "answer.see_closest") if see else "")
    return Answer(
        question=r.text,
        answer=text,
        answered=False,
        kind="passage",
        project_ids=r.projects,
        see_also=see,
        intent=f"passage:{r.masked}",
    )
