"""Projects found by what their texts say: "which project …?" by description, and "which
projects in X work with Y?" — hybrid search (restricted to a place, owner or period when the
question names one), grouped per project, each named with the sentence that matches."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from wordfreq import zipf_frequency

from .. import routing
from ..chunking import FACTS_KEY, section_by_key
from ..index import bm25_tokens
from ..models import Answer, Hit, Project
from ..phrases import t
from ..records import LIST_RELATIONS, RecordQuery
from ..search import Filters
from ..text import fold, sentence_spans, words
from .cites import Cites, citation
from .context import Context, answered
from .cross import CrossQuery, describe, none_answer
from .entities import Place, place_key
from .lexicon import (
    EN_SV,
    ENGLISH_STOP,
    SLIPS,
    concepts,
    english_word,
    mentions,
    swedish_terms,
    translate,
    wanted_terms,
)
from .passages import not_stated
from .reading import Reading, description

LIST_LIMIT = 10
_PROJECT_SUFFIX = re.compile(r"-?(?:projekt|projekten|projektet|project|projects)$")
_SCAFFOLD = frozenset(
    """
    projekt projekten projektet project projects finns fanns det några något nåt any
    there are is was were which what vilka vilket vilken hur många
    how many i in inom på om about handlar handla handlade arbetar
    arbetade arbeta work works worked working jobbar med with deal deals dealing
    focus focused fokuserar kring around related relaterade till to som that who
    do does did have has har hade had the a an och
    and eller or of för for län county kommun kommunen municipality region
    regionen area området område list lista visa show me mig alla all
    names namn namnen ran pågick run running år year total totalt sammanlagt stöd grant got
    fick received money pengar much mycket number antal largest störst största smallest
    minst ett en någon några know känner du you tell berätta can
    kan jag i me please snälla anything något where var based located
    ligger within tell
    across receive receives receiving get gets getting whole overall together tillsammans
    altogether combined hela helt sammantaget många mest most more fler than än står stod
    varit blivit blir blev been being involved inblandad inblandade registered registrerade
    listed listade listas letar leta söker looking searching name heter hette called känner
    vet know funnits funnit arbetat jobbat handlat sysslat varit worked dealt rör rörde
    involve involves involved involving concern concerns concerning cover covers covered omfattar
    omfattade tillhör tillhörde belong belongs carried out done gjort gjorts gjorde riktat
    riktar riktade sig norge sverige finland danmark norway sweden denmark has have
    vill ville skulle ska skall kunde planerades planerade gjordes tänkt tänkte avsåg
    berör berörs berördes berört database databasen databas källorna sources data registret
    include includes included including inkluderar inkluderade ingår ingick
    haft stått drivit drivits ägt ägs fått sökt bedrivit startat genomfört lett ledde led
    owned held started conducted gånger gång times beviljade beviljats beviljat granted
    swedish svenska svenskt making make makes made anyone anybody someone
    tally count counted hör hörde belongs interreg part big size
    here there här där appears appear appeared records record entries entry poster
    show visa every varje own owns äger ägde bland among stort räknat räknad räknas
    summa föreningen bolaget företaget organisationen stiftelsen nätverket förbundet from från
    gärna please kindly funded financed supported finansierade
    shows showing shown down härifrån hittills själv själva itself themselves its
    ofta dyker upp projektens listed looking count records
    mean meant menar just only bara ihop ones those really actually egentligen
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True, kw_only=True)
class Match:
    """A project whose text matches, with its best sentence."""

    project: Project
    hit: Hit
    start: int
    end: int
    dense: float
    shares_words: bool


_PLACE_GLOSS = re.compile(
    r"(?:\s+(?:municipality|kommun|county|län|town|city|stad))?\s*,?\s*"
    r"(?:the |a |up |down |near |just |north|south|east|west|norr|söder|öster|väster"
    r"|(?:i|in) (?=[A-ZÅÄÖ]))"
    r"[^:?–—]{0,60}?(?=\s*[:–—])"
)
"""Words that say where a place is ('Alingsås, the town north-east of Gothenburg:',
'Övertorneå municipality up by the Finnish border:'): no topic."""
_SET_ASIDE = re.compile(
    r"\b(?:rather than|instead of|not|inte|snarare än|i stället för|istället för)"
    r"(?: the| a| an| den| det| de)?(?: [\wåäö\-]+){1,2}"
)
"""'the municipality rather than the regional association': what the question sets aside is
no topic."""
_GLOSS = re.compile(r"(?:[\w\-]+\s+){1,6}\(\s*$")
"""The English name before a place or owner given in brackets ('the County Administrative
Board of Jamtland (Lansstyrelsen Jamtlands lan)'): no topic."""


def topic_words(
    r: Reading, q: CrossQuery | None, *, vocab: Collection[str], also: str = ""
) -> list[str]:
    """The words of the question that are neither scaffolding, a relation or field word, nor
    the filter's own value (a place, an organisation, ``also``), and that the corpus uses
    (``vocab``: its BM25 stems) or the lexicon translates."""
    text = r.masked
    if r.place is not None and (gloss := _PLACE_GLOSS.match(text, r.place.end)):
        text = text[: gloss.start()] + " " * (gloss.end() - gloss.start()) + text[gloss.end() :]
    for span in (r.place, r.organisation):
        if span is not None:
            gloss = _GLOSS.search(text[: span.start])
            start = gloss.start() if gloss else span.start
            text = text[:start] + " " * (span.end - start) + text[span.end :]
    text = _SET_ASIDE.sub(" ", re.sub(r"\([^)]*\)", " ", text))
    patterns = [*routing.RELATION_WORDS.values(), *(p for _, p in routing.FIELD_PATTERNS)]
    for pattern in patterns:
        text = re.sub(rf"[\wåäö\-]*(?:{pattern})[\wåäö\-]*", " ", text)
    skip = set(words(q.shown)) if q and q.shown else set()
    skip |= set(words(also))
    kept = [
        w
        for w in words(text)
        if w not in _SCAFFOLD
        and w not in skip
        and not w.isdigit()
        and len(w) >= 3
        and bm25_tokens(w)
    ]
    return [f for w in kept if (f := in_corpus(w, vocab))]


def in_corpus(word: str, vocab: Collection[str]) -> str | None:
    """The word as the corpus or the lexicon knows it: itself, or the corpus stem it is a typing
    slip of ('musikbranshcen' → 'musikbransch'); None for a word the corpus never uses."""
    head = _PROJECT_SUFFIX.sub("", word)
    for form in dict.fromkeys([head if len(head) >= 4 else word, word]):
        if form in EN_SV or translate(form) or all(s in vocab for s in bm25_tokens(form)):
            return form
        stems = bm25_tokens(form)
        if len(stems) == 1 and len(stems[0]) >= 7 and any(v.startswith(stems[0]) for v in vocab):
            return form  # the first part of the corpus's compounds ('observatorie…')
    stems = bm25_tokens(word)
    if english_word(word) and word not in ENGLISH_STOP and zipf_frequency(word, "en") < 5.0:
        return word  # 'hiking' is no slip of 'Hising': the search matches it by meaning
    if len(stems) != 1 or len(stems[0]) < 6:
        return None
    found = process.extractOne(
        stems[0],
        [v for v in vocab if v[:1] == stems[0][:1]],
        scorer=DamerauLevenshtein.distance,
        score_cutoff=SLIPS,
    )
    return str(found[0]) if found else None


def topic_answer(
    ctx: Context, r: Reading, q: CrossQuery, ids: list[str], topic: list[str]
) -> Answer:
    """Projects in the filter whose texts are about the topic, each with its best sentence."""
    desc = describe(q, r.language)
    if not ids:
        return none_answer(r, desc)
    matches = find_matches(ctx, r, " ".join(topic), frozenset(ids))
    shown_topic = " ".join(topic)
    if not matches:
        return Answer(
            question=r.text,
            answer=t(r.language, "answer.topic.none", total=len(ids), desc=desc, topic=shown_topic),
            answered=False,
            kind="cross",
            intent="cross",
        )
    head = t(
        r.language,
        "answer.topic.head",
        n=len(matches),
        total=len(ids),
        desc=desc,
        topic=shown_topic,
    )
    return _listed(r, head, matches[:LIST_LIMIT])


def semantic_list(ctx: Context, r: Reading) -> Answer:
    """'Which projects work with X?' with no filter: the projects whose texts do."""
    matches = find_matches(ctx, r, r.query, None)
    if not matches:
        return not_stated(r, [])
    return _listed(r, t(r.language, "answer.semantic.head"), matches[:5])


def describe_answer(ctx: Context, r: Reading) -> Answer:
    """'Which project …?' by description: the best-matching project, and a close second."""
    first = _search_first(ctx, r)
    matches = _owner_matches(ctx, r) or _place_matches(ctx, r, first)
    if not matches and r.place is not None:
        outside = accepted(ctx, r, find_matches(ctx, r, r.query, None)[:2], first)
        written = r.masked[r.place.start : r.place.end]
        strict = bool(_ADMINISTRATIVE.match(r.masked, r.place.end) or _AREA.search(written))
        matches = [m for m in outside if not strict or _speaks_of(m.project, r.place)]
    if not matches:
        return Answer(
            question=r.text,
            answer=t(r.language, "answer.describe.none"),
            answered=False,
            kind="describe",
        )
    cites = Cites()
    lines = []
    for n, m in enumerate(matches[:2]):
        if n == 1 and m.dense < matches[0].dense - 0.01:
            break
        quote = _quoted(r, m, cites)
        key = "answer.describe.one" if n == 0 else "answer.describe.also"
        lines.append(t(r.language, key, name=m.project.name, quote=quote))
    ids = tuple(dict.fromkeys(c.project_id for c in cites.items))
    return answered(r, "\n".join(lines), cites, kind="describe", project_ids=ids, intent="cross")


_AREA_WORD = r"(?:county|län|kommun|municipality|fylke)\b"
_ADMINISTRATIVE = re.compile(rf"s?\s+{_AREA_WORD}")
_AREA = re.compile(rf"\b{_AREA_WORD}")
"""A place named as an area ('in Jämtland county'), not as a point of reference ('a suburb
of Stockholm', 'north of Stockholm'): a match elsewhere must speak of it."""


def _place_matches(ctx: Context, r: Reading, first: str | None) -> list[Match]:
    """The matches within the place the description names (everywhere when it names none)."""
    found = find_matches(ctx, r, r.query, _in_place(ctx, r, owning=True))
    return accepted(ctx, r, _with_first(found, first), first)


def _owner_matches(ctx: Context, r: Reading) -> list[Match]:
    """The matches among the projects of the organisation the description names ('Which Region
    Skåne project from 2011 …') whose texts hold the rest of the description (among a few,
    the first by similarity is no evidence, nor is the organisation's name, which all of them
    hold); none otherwise, and the description is sought in all."""
    if r.organisation is None:
        return []
    ids = _owned(ctx, r.organisation.values, None)
    if ids is None:
        return []
    span = [(r.organisation.start, r.organisation.end)]
    unnamed = replace(r, text=routing.blank(r.text, span), masked=routing.blank(r.masked, span))
    found = find_matches(ctx, r, r.query, ids)[:_CANDIDATES]
    return [m for m in found if described(ctx, unnamed, m)]


def _speaks_of(p: Project, place: Place) -> bool:
    """A project outside the place a description names that its text speaks of ('the
    Öresund'): a match; one that never names it is in another place, not the one asked."""
    text = fold(" ".join([p.name, *(s.text for s in p.sections)]))
    keys = {place_key(v) for v in place.values} | {fold(place.written)}
    return any(re.search(rf"(?<!\w){re.escape(k)}", text) for k in keys if k)


def _with_first(found: list[Match], first: str | None) -> list[Match]:
    """The three best matches, and the project search ranks first wherever it came among the
    rest: the chat must not miss what the search page shows at the top. (Outside a place the
    question names it is not sought: there the place decides.)"""
    top = found[:_CANDIDATES]
    if first is None or any(m.project.id == first for m in top):
        return top
    return top + [m for m in found[_CANDIDATES:] if m.project.id == first][:1]


_CANDIDATES = 8
"""How many of the best-matching projects a description is checked against: the one whose
text holds it may rank below others that only resemble it."""


def described_project(
    ctx: Context, r: Reading, *, side: str | None = None, owned: bool = False
) -> str | None:
    """The one project a question describes instead of naming it ('who ran the road-to-rail
    transshipment study in Strängnäs?'), or one side of a comparison does (``side``: '… eller
    perrongförlängningen vid Djurås resecentrum'): the project search ranks first, when its
    text holds the description (:func:`accepted`) and no other project's does as closely.
    Among the projects of the organisation the question names, for a side when ``owned``
    ('Gävle kommun owned both the broadband expansion and a solar-energy pre-study')."""
    text = description(side if side is not None else r.masked)
    own = _content_words(text)
    of_owner = (side is None or owned) and r.organisation is not None
    if len(own) < DESCRIBING_WORDS - of_owner:
        return None
    place = ctx.places.find(text) if side is not None else r.place
    d = replace(
        r, text=text, masked=text, query=text, field=None, section=None, parts=(), place=place
    )
    ids = _in_place(ctx, d)
    mine = False
    if of_owner and r.organisation is not None:
        theirs = _owned(ctx, r.organisation.values, ids)
        mine = theirs is not None and theirs != ids
        ids = theirs
    first, lead = _search_lead(ctx, d, ids)
    found = accepted(ctx, d, find_matches(ctx, d, text, ids)[:3], first)
    if not found and mine and lead >= _CLEAR_LEAD:
        return first  # among the organisation's own projects, the search page's clear first
    if not found or found[0].project.id != first:
        return None
    if _unheard(ctx, d) and not described(ctx, d, found[0]):
        return None
    close = len(found) > 1 and found[1].dense >= found[0].dense - 0.01
    if close and lead < _CLEAR_LEAD and _name_words(found[0], own) <= _name_words(found[1], own):
        return None
    return first


def _name_words(m: Match, words: list[str]) -> int:
    """How many of the description's words the project's name holds: between two texts that
    match alike, the one whose name says it ('kanal i Njurunda skärgård') is the one meant."""
    return len(set(bm25_tokens(" ".join(words))) & set(bm25_tokens(m.project.name)))


DESCRIBING_WORDS = 3
"""The fewest words of its own a description needs to pick out a project (one fewer among
an organisation's projects)."""


def _owned(
    ctx: Context, owners: tuple[str, ...], ids: frozenset[str] | None
) -> frozenset[str] | None:
    """The projects of the organisation a description names ('Z-Group's arena for …'), within
    ``ids``; all of ``ids`` when it owns none there."""
    owned = frozenset(ctx.records.project_ids(RecordQuery(relation="owner", exact=owners)))
    within = owned if ids is None else owned & ids
    return within or ids


def _search_lead(
    ctx: Context, r: Reading, ids: frozenset[str] | None = None
) -> tuple[str | None, float]:
    """The project search ranks first for the question (among ``ids``), and by how much its
    best hit scores above the best of any other project."""
    filters = Filters(project_ids=ids) if ids is not None else None
    hits = ctx.searcher.search(r.text, k=_LEAD_HITS, filters=filters)
    if not hits:
        return None, 0.0
    first = hits[0].project_id
    other = next((h.score for h in hits if h.project_id != first), 0.0)
    return first, hits[0].score - other


_LEAD_HITS = 10
_CLEAR_LEAD = 0.05
"""A search score this far ahead of any other project's picks the project out even where
another's text matches the description about as closely (the search page shows it first
by a wide margin)."""


def _search_first(ctx: Context, r: Reading, ids: frozenset[str] | None = None) -> str | None:
    """The project plain hybrid search (the search page) ranks first for the question, among
    ``ids`` when given."""
    filters = Filters(project_ids=ids) if ids is not None else None
    hits = ctx.searcher.search(r.text, k=1, filters=filters)
    return hits[0].project_id if hits else None


def accepted(ctx: Context, r: Reading, found: list[Match], first: str | None) -> list[Match]:
    """The matches that hold the description (:func:`described`), the project search ranks
    first before the rest; that one is taken at the floor's similarity even where its words
    differ (the search page's ranking agrees with it)."""
    holds = [described(ctx, r, m) for m in found]
    floor = ctx.evidence.describe_floor
    agreed = [
        m for m, held in zip(found, holds) if m.project.id == first and (held or m.dense >= floor)
    ]
    rest = [m for m, held in zip(found, holds) if held and m not in agreed]
    return [*agreed, *rest]


def _in_place(ctx: Context, r: Reading, *, owning: bool = False) -> frozenset[str] | None:
    """The projects in the place a description names, if it names one the records hold; with
    ``owning``, also those its municipality owns ('the Lycksele project that …' may be Lycksele
    kommun's, 'the Gothenburg project …' Göteborgs Stad's, whatever places their records
    list)."""
    if r.place is None:
        return None
    query = RecordQuery(relation=r.place.relation, exact=r.place.values)
    ids = frozenset(ctx.records.project_ids(query))
    if owning and r.place.relation == "municipalities":
        owners = tuple(o for v in r.place.values for o in _MUNICIPAL_OWNERS.format(v).split("|"))
        ids |= frozenset(ctx.records.project_ids(RecordQuery(relation="owner", exact=owners)))
    return ids or None


_MUNICIPAL_OWNERS = "{0} kommun|{0}s kommun|{0} stad|{0}s stad|{0} Stad|{0}s Stad"
"""How the records write a municipality as an owner ('Lycksele kommun', 'Göteborgs Stad')."""


def described(ctx: Context, r: Reading, m: Match) -> bool:
    """Whether the project's text holds what the description says: the description's words
    (English through the hand-written key words of the lexicon: the corpus entries' other
    senses, 'share' → 'andel', would count against a right project), weighted by how rare they
    are in the corpus, mostly found in it; a description with no checkable word needs a high
    similarity instead."""
    ev = ctx.evidence
    own = _content_words(_own_words(r))
    wanted = concepts(" ".join(own), lang=r.language, untranslated=False, key_words=True)
    weights = [ctx.idf(c) for c in wanted]
    if r.language == "en":
        extra = [frozenset([fold(w)]) for w in own if _untranslated(w)]
        wanted += extra
        weights += [ev.untranslated_weight] * len(extra)
    if not wanted:
        return m.dense >= ev.describe_dense
    p = m.project
    places = [
        v for key in ("municipalities", "counties") if (lst := p.list(key)) for v in lst.values
    ]
    record = [str(p.value("region")), str(p.value("owner"))]
    text = fold(" ".join([p.name, *(s.text for s in p.sections), *places, *record]))
    have = set(bm25_tokens(text))
    found = sum(w for c, w in zip(wanted, weights) if mentions(c, have, text))
    return m.dense >= ev.describe_floor and found / sum(weights) >= ev.describe_words


def _untranslated(word: str) -> bool:
    """An English content word the lexicon cannot carry over (it still has to be found)."""
    w = fold(word)
    return (
        len(w) >= 4
        and not translate(w, key_words=True)
        and not word[0].isupper()
        and w not in ENGLISH_STOP
    )


def _unheard(ctx: Context, r: Reading) -> bool:
    """A Swedish description with a word no text uses, nor a slip of one ('Dalslands
    kanotakademi'): a project whose text does not hold it is not picked out by similarity."""
    if r.language != "sv":
        return False
    vocab = ctx.index.bm25.vocab_dict
    return any(in_corpus(fold(w), vocab) is None for w in _content_words(_own_words(r)))


def _content_words(text: str) -> list[str]:
    """The words of a description that say something ('projekt', 'som', 'about' do not)."""
    return [w for w in re.findall(r"[\wåäöÅÄÖ\-]+", text) if fold(w) not in _SCAFFOLD]


def _own_words(r: Reading) -> str:
    return r.text if len(r.text) == len(r.masked) else r.masked


def find_matches(ctx: Context, r: Reading, query: str, ids: frozenset[str] | None) -> list[Match]:
    """The projects whose best hit for ``query`` passes the evidence, best first."""
    ev = ctx.evidence
    wanted = wanted_terms(query, lang=r.language, key_words=True) | set(
        swedish_terms(query, key_words=True)
    )
    added = {sv for w in words(query) for sv in translate(w, key_words=True)}
    search_text = query + " " + " ".join(sorted(added))
    qvec = ctx.searcher.encode_query(search_text)
    filters = Filters(project_ids=ids) if ids is not None else None
    hits = ctx.searcher.search(search_text, k=40, filters=filters, query_vector=qvec)
    out: list[Match] = []
    for hit in hits:
        if _skipped(ctx, hit) or any(m.project.id == hit.project_id for m in out):
            continue
        m = _best_sentence(ctx, hit, qvec, wanted)
        if m is None:
            continue
        if m.shares_words or m.dense >= ev.topic_dense:
            out.append(m)
    return out


def _skipped(ctx: Context, hit: Hit) -> bool:
    """Lists never match a description; the facts only for a project with no text at all."""
    key = hit.chunk.section_key
    return key in LIST_RELATIONS or (
        key == FACTS_KEY and bool(ctx.project(hit.project_id).sections)
    )


def _best_sentence(ctx: Context, hit: Hit, qvec: np.ndarray, wanted: set[str]) -> Match | None:
    p = ctx.project(hit.project_id)
    section = section_by_key(p, hit.chunk.section_key)
    if section is None:
        return None
    base = hit.chunk.section_start
    spans = [(base + a, base + b) for a, b in sentence_spans(hit.chunk.text)]
    spans = [s for s in spans if len(re.findall(r"\w+", section.text[s[0] : s[1]])) >= 4] or spans
    if section.key == FACTS_KEY:
        spans = [s for s in spans if p.name in section.text[s[0] : s[1]]]
    if not spans:
        return None
    vectors = ctx.sentences([section.text[a:b] for a, b in spans])
    sims = [float(v @ qvec) for v in vectors]
    shared = [bool(wanted & set(bm25_tokens(section.text[a:b]))) for a, b in spans]
    best = max(range(len(spans)), key=lambda i: sims[i] + 0.02 * shared[i])
    a, b = spans[best]
    return Match(project=p, hit=hit, start=a, end=b, dense=sims[best], shares_words=shared[best])


def _quoted(r: Reading, m: Match, cites: Cites) -> str:
    section = section_by_key(m.project, m.hit.chunk.section_key)
    assert section is not None
    mark = cites.add(citation(m.project, section, m.start, m.end))
    return t(r.language, "answer.quote", quote=section.text[m.start : m.end], mark=mark)


def _listed(r: Reading, head: str, matches: list[Match]) -> Answer:
    cites = Cites()
    items = [f"{m.project.name}: {_quoted(r, m, cites)}" for m in matches]
    ids = tuple(m.project.id for m in matches)
    return answered(
        r, head + "\n- " + "\n- ".join(items), cites, kind="cross", project_ids=ids, intent="cross"
    )
