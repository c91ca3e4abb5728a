"""Reading a question: its language, the projects, places and organisations it names, what it
asks for (by pattern, else by meaning), and the parts of a question that asks several things."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz.distance import OSA

from .. import routing
from ..models import Answer, Project
from ..routing import Mention
from ..text import fold, words
from .asks import MONEY_FIELDS, MONEY_WORD, WHEN, WHERE, YEAR
from .entities import Gazetteer, Organisation, Organisations, Place, lies_in, place_key, plain
from .evidence import Evidence, unavailable
from .intents import IntentBank
from .letters import Letters
from .lexicon import ENGLISH_STOP, translate

_QUESTION_WORDS = (
    r"vem|vems|vad|när|hur|var|vart|varför|vilken|vilket|vilka|who|whose|what|when|how|where|why"
    r"|which|is|are|does|did|do|was|were|har|hade|finns|fanns|är|var|kan|can|ska|will|its|dess"
    r"|their|deras|i vilken|in which|from|från"
)
_PREPOSITIONS = (
    r"längs|på|till|med|för|inom|mot|hos|i|från|under|efter|along|on|to|with|for|at|by|within"
    r"|in|from|during|after|since|sedan|between|mellan|until|enligt|according to|genom|through"
    r"|via|om|about|kring|around|av|of|bland|among"
)
_ROUGHLY = r"roughly|approximately|about|around|exactly|ungefär|cirka|ca|exakt|precis"
_CLAUSE_BREAK = re.compile(
    rf"(?:\s*[,;]\s*|\s+)(?:och|and|samt|plus|men|but|also|även|as well as|liksom|,)\s+"
    rf"(?=(?:(?:{_PREPOSITIONS}|{_ROUGHLY})\s+)?(?:{_QUESTION_WORDS})\b)"
    r"|\?\s+(?=\w)|;\s+"
    r"|\s*,\s*(?:och|and|samt)\s+(?=(?:[\wåäö\-]+\s+){1,2}(?:vad|vilk(?:en|et|a)|vem|what|which"
    r"|who|whom)\b)"
    r"|\s*,\s+(?=(?:who|whose|what|when|which|how|where|why|vem|vems|vad|när|vilken|vilket"
    r"|vilka|hur|varför)\b)"
)
_PLACE_SUFFIXES = frozenset(
    """kommun kommuns stad stads län region regionen municipality county of the""".split()  # noqa: SIM905
)
_HOW_LONG_OTHER = re.compile(
    r"\b(?:hur länge|how long) (?:ska|skall|kommer|har|hade|will|shall|did|does|has|had)"
    r" (?!(?:it|det|den|de|they|the project|projektet|satsningen|förstudien)\b)[\wåäö]+"
)
"""'hur länge ska kommunen själv äga terminalen': how long something else lasts."""
_HOW_IT_ENDS = re.compile(
    r"\b(?:hur|how) (?:ska|skall|kommer|will|shall|should|is|was|did|does)\b"
    r"(?! (?:it|det) (?:last|pågå))"
)
_BODY = re.compile(r"^region\b|\bstad$")
"""'Region Dalarna', 'Göteborgs Stad': a body's name; the place would be 'Dalarna', 'Göteborg'."""
_IN_PLACE = re.compile(
    r"\b(?:i|in|inom|within|across|around|kring|över|omfatta\w*|covers?|covering|involv\w*"
    r"|berör\w*|concern\w*|rör)\s*$"
)
_IN_PLACE_GLOSSED = re.compile(_IN_PLACE.pattern.replace(r"\s*$", r"(?:\s+[\w\-]+){1,5}\s*\(\s*$"))
"""'involving the Capital Region of Denmark (Region Hovedstaden)': the bracket glosses a name."""
_OWNS = re.compile(
    r"\b(har|hade|haft|fick|fått|driver|drev|drivit|äger|ägde|ägt|beviljades|has|had|got|owns?"
    r"|owned|runs?|ran|received|gets?|beneficiary|stödmottagare|projektägare|owner|behind|bakom)\b"
)
_CAPITALISED = re.compile(r"(?<=[\w,] )[A-ZÅÄÖ][\wåäöéü\-]+")
_JOINER = re.compile(r"(?:^|\s)(?:och|and|samt|plus|&|\+|as well as|liksom)(?:\s|$)|,|/")
_REFERS_BACK = re.compile(
    r"^\W*(?:and )?(?:what|vad|how|hur) (?:is|was|are|were|heter|hette|hade|har|var|är) "
    r"(?:it|they|det|den|de)\b(?! (?:project|projektet|första|andra|tredje|sista|nya|gamla"
    r"|[\wåäö]+(?:en|et|na)\b|[\wåäö]{3,}(?:a|e)\b))"
)
_TOPIC_BEFORE = re.compile(
    r"\b(?:handlar|handlade|handla) om\b.{0,30}$"
    r"|\b(?:about|concerning|kring|rör|rörande|gäller)\s*$"
    r"|\bwork(?:s|ed|ing)? (?:on|with)\s*$|\barbetar med\s*$"
)
_SPOKEN_OF = re.compile(
    r"\b(?:mentions?|mentioned|talks? about|refers? to|describes?|nämner|nämns|talar om"
    r"|beskriver)\s+(?:the |a |an |det |den |ett |en )?$"
)
_EARLIER_ONE = re.compile(
    r"\b(?:the|det|den) (?:first|earlier|previous|original|första|tidigare|förra|ursprungliga)\s+$"
)
_RELATED = re.compile(rf"{routing.COMPARE.pattern}|\b(?:before|after|innan|efter|than|än)\b")
"""'… had the first ESIS project reported, per the ESIS fas II description': the earlier project
is spoken of in the other's text (unless the two are compared or set in time)."""
_PROJECTS_WORD = re.compile(r"\b(?:projects|projekten|projekt)\b")
_PROJECTS_END = re.compile(r"(?:\wprojekt|\wprojekten|\sprojects)$")
_PROJECTS_AFTER = re.compile(r"\s*-?(?:projects|projekten)\b")
_LEADING = re.compile(r"^(?:the|i|in|of|för|av|på|at)\s+")
COUNTS_SOMETHING = re.compile(
    r"(hur många|how many|antal|(?<!phone )(?<!telephone )(?<!case )number of) "
    r"(?!kommun|municipalit|län|count|gånger|times|medfinansi|co-?financ|partner|samarbetspartner|projekt"
    r"|project|proj[ecktsr]{2,4}\b)"
)

CHANGED = re.compile(
    r"\bby (?:about |roughly |approximately |around )?how much\b|\bmed hur (?:mycket|mkt)\b"
    r"|\b(?:cut|cuts|reduced?|lowered?|increased?|raised?|trimmed|shrunk|grew)\b.{0,30}"
    r"\b(?:budget|grant|cost|costs|funding)\b"
    r"|\b(?:minsk|sänk|reducer|skar ner|skurit ner|ök|höj)\w*\b.{0,30}"
    r"\b(?:budget\w*|stöd\w*|kostnad\w*|bidrag\w*)"
    r"|\bhur (?:mycket|mkt) (?:ökade|minskade|växte|steg|sjönk|förbättrades)\b"
    r"|\bhow much (?:did|has|have|will) (?:[\wåäö\-]+ ){1,4}(?:increase|grow|rise|fall|drop"
    r"|decrease|improve)\b"
    r"|\b(?:split|divided|distributed|allocated|shared out)\b.{0,30}\b(?:between|among)\b"
    r"|\bfördela(?:de|des|t|s)?\b.{0,30}\b(?:mellan|på)\b"
)
"""A question about how much something changed or how a sum was split: the text tells it,
no header field does."""
WHOLE_OF = re.compile(
    r"\b(?:del|delen|andel|andelen|share|proportion|part|fraction|percentage) (?:av|of)"
    r" (?:the |den |det |total |totala )?[\wåäö\-]+"
)
"""The whole a share is asked of ('hur stor del av budgeten'): not the fact asked."""
_DOER = re.compile(
    r"\b(?:who|whom|what|which [\w\-]+(?: [\w\-]+)?) (?:did|does|do|will|could|can|would|should"
    r"|must|(?:has|have|had)(?= \S+ \S+ (?:been|\w+ed)\b))"
    r" (?P<doer>(?:the |its |their )"
    r"(?!(?:project|initiative|study|pre-?study)\b(?! manager| leader))[\w\-]+)"
)
"""The one who does what is asked ('who has the municipality been partnering with', 'what did
the owner promise'): the subject of the question, not the fact asked."""


@dataclass(frozen=True, kw_only=True)
class Part:
    """One thing a question asks: its stretch of the folded question and its intent."""

    query: str
    masked: str
    field: str | None = None
    section: str | None = None
    by_meaning: bool = False


@dataclass(frozen=True, kw_only=True)
class Reading:
    """What the reader made of a question."""

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
    parts: tuple[Part, ...] = ()
    place: Place | None = None
    organisation: Organisation | None = None
    by_meaning: bool = False
    said: frozenset[tuple[str, str, int]] = frozenset()
    """Sentences (project, section, start) an earlier part of the question already quoted."""
    namesakes: tuple[str, ...] = ()
    """The other projects called exactly what the one named is, which nothing in the
    question told apart from it (:meth:`Reader._chosen`)."""

    def part(self, p: Part) -> Reading:
        """This reading narrowed to one of its parts (the projects carried over)."""
        return replace(
            self,
            masked=p.masked,
            query=p.query,
            field=p.field,
            section=p.section,
            parts=(),
            by_meaning=p.by_meaning,
        )


class Reader:
    """Turns question text (and the conversation so far) into a :class:`Reading`."""

    def __init__(
        self,
        *,
        names: routing.NameMatcher,
        places: Gazetteer,
        organisations: Organisations,
        bank: IntentBank,
        evidence: Evidence,
        encode: Callable[[str], np.ndarray],
        full_names: frozenset[str] = frozenset(),
        project: Callable[[str], Project] | None = None,
        letters: Letters | None = None,
    ) -> None:
        self.names = names
        self.letters = letters
        self.places = places
        self.organisations = organisations
        self.bank = bank
        self.evidence = evidence
        self.encode = encode
        self.full_names = full_names
        self.project = project

    def read(self, text: str, history: Sequence[Answer]) -> Reading:
        default = history[-1].language if history else "sv"
        if self.letters is not None:
            text = self.letters.restore(text)
        text = _JOINED_DASH.sub("-", _PROJECT_WORD.sub(_project_spelled, text))
        mentions = tuple(self._mentions(text))
        masked = routing.mask(text, [(m.start, m.end) for m in mentions])
        lang = _language(text, masked, default)
        organisation, place = self._owner_or_place(masked, mentions)
        chosen = [self._chosen(m, text, place) for m in mentions]
        mentions = tuple(m for m, _ in chosen)
        if organisation is None and not mentions:
            organisation = self._by_head(text)
        asks = (
            self._without_owner(masked)
            if mentions
            else _without_named_region(_without_programme(masked, place), organisation)
        )
        parts = tuple(split_parts(fold(text), asks))
        first = parts[0] if len(parts) == 1 else Part(query=text, masked=asks)
        reading = Reading(
            text=text,
            language=lang,
            projects=tuple(m.project_id for m in mentions),
            masked=masked,
            field=first.field if len(parts) == 1 else _field(asks),
            section=first.section if len(parts) == 1 else routing.match_section(asks),
            aggregate=bool(routing.AGGREGATE.search(masked)) and len(mentions) != 1,
            mentions=mentions,
            query=text,
            parts=parts if len(parts) > 1 else (),
            place=place,
            organisation=organisation,
            namesakes=chosen[0][1] if len(chosen) == 1 else (),
        )
        return resolve_followup(reading, history)

    def _owner_or_place(
        self, masked: str, mentions: Sequence[Mention]
    ) -> tuple[Organisation | None, Place | None]:
        """The organisation and the place a question names. 'Strömsunds kommun' is both an
        owner and a municipality: projects it has, runs or received are the owner's; projects
        in it, covering it or concerning it are the place's. A place the owner's name holds is
        the owner's ('the board in Västernorrland (Länsstyrelsen i Västernorrlands län)')."""
        org = self.organisations.find(masked) if not mentions else None
        place = self.places.find(masked)
        if org is None or place is None or place.end <= org.start or org.end <= place.start:
            if org is None:
                return org, place
            return org, self._beside_owner(masked, org)
        extra = set(masked[org.start : org.end].split()) - set(
            masked[place.start : place.end].split()
        )
        if _TAKES_PART.search(masked) and not _OWNS.search(masked):
            return None, place
        if _OWNS.search(masked) or extra - _PLACE_SUFFIXES:
            return org, self._beside_owner(masked, org)
        before = masked[: org.start]
        in_place = _IN_PLACE.search(before) or _IN_PLACE_GLOSSED.search(before)
        if _BODY.search(masked[org.start : org.end]) and not in_place:
            return org, self._beside_owner(masked, org)
        return None, place

    def _beside_owner(self, masked: str, org: Organisation) -> Place | None:
        """The place a question names besides its organisation, not the one the owner's name
        holds ('Flen municipality (Flens kommun) in Sörmland': Sörmland)."""
        rest = routing.blank(masked, [(org.start, org.end)])
        own = plain(masked[org.start : org.end])
        for _ in range(3):
            place = self.places.find(rest)
            if place is None or plain(place_key(place.written)) not in own:
                return place
            rest = routing.blank(rest, [(place.start, place.end)])
        return None

    def _chosen(
        self, m: Mention, text: str, place: Place | None
    ) -> tuple[Mention, tuple[str, ...]]:
        """Of the projects known by the name the question writes ('Trästad 2012'), the one in
        the place it names, or whose full name holds it ('Trästad 2012 (Västsverige)' for
        '…, the West Sweden part'), or that started in the year it names; else the mention as
        found, with the others called exactly the same. The stage it numbers ('Krenova, stage
        II') also picks one, and so do words of the rest of its name ('The Packaging Arena
        competence centre' for '… - regionalt kompetenscentrum för …')."""
        rivals = self.names.rivals(m, text)
        if len(rivals) < 2 or self.project is None:
            return m, ()
        projects = {pid: self.project(pid) for pid in rivals}
        years = set(YEAR.findall(text))
        keys = [fold(v) for v in place.values] if place else []
        stages = routing.stages(fold(text))
        worded = _worded(
            routing.blank(text, [(m.start, m.end)]), rivals, fold(text[m.start : m.end])
        )
        for fits in (
            lambda p: (
                place is not None and (lies_in(p, place) or any(k in rivals[p.id] for k in keys))
            ),
            lambda p: str(p.value("start") or "")[:4] in years,
            lambda p: bool(stages) and routing.stages(rivals[p.id]) == stages,
            lambda p: p.id in worded,
        ):
            there = [pid for pid, p in projects.items() if fits(p)]
            if len(there) == 1:
                return replace(m, project_id=there[0]), ()
        own = rivals.get(m.project_id)
        return m, tuple(pid for pid, full in rivals.items() if full == own and pid != m.project_id)

    def _without_owner(self, masked: str) -> str:
        """The question without an organisation it names beside its projects, when that name
        holds a field word ('Region Värmland ran both A and B' asks no region)."""
        org = self.organisations.find(masked)
        if org is None:
            return masked
        if _field(masked[org.start : org.end]) or routing.match_section(
            masked[org.start : org.end]
        ):
            return routing.blank(masked, [(org.start, org.end)])
        return masked

    def _by_head(self, text: str) -> Organisation | None:
        found = self.organisations.by_head(text)
        if found is None or self.places.whole(fold(text[found.start : found.end])):
            return None
        return found

    def _mentions(self, text: str) -> list[Mention]:
        """Project names in the question, less those that are really a place (a short form
        'Gävle' of 'Gävle - Dala utvecklingsstråk', or any place in a question across
        projects) or an organisation (a longer name, 'Innovatum AB', or any name in a question
        across projects); in a 'which project …?' question a short form of another project's
        name ('Rosengård') is a word of the description; beside a project, a name the project
        is said to mention ('X mentions the Kvarken link') is a thing in its text."""
        found = self.names.find(text)
        folded = fold(text)
        org = self.organisations.find(folded)
        across = routing.AGGREGATE.search(folded) or routing.TOTAL.search(folded)
        describes = routing.DESCRIBE.search(folded)
        kept = []
        for m in found:
            full = bare_name(folded[m.start : m.end]) in self.full_names
            covered = org is not None and org.start <= m.start and m.end <= org.end
            longer = org is not None and (org.end - org.start) > (m.end - m.start)
            compared = full and len(found) > 1
            by_org = covered and (longer or (bool(across) and not compared))
            place = (
                self.places.whole(_LEADING.sub("", folded[m.start : m.end]))
                and (across or not full)
            ) or (bool(across) and m.score < 100 and self._mostly_place(folded[m.start : m.end]))
            short = (
                describes
                and not full
                and (bool(folded[: m.start].strip()) or not _HEADS_QUESTION.match(folded[m.end :]))
            )
            elsewhere = folded[: m.start] + " " * (m.end - m.start) + folded[m.end :]
            topic = _as_topic(
                folded, m, across=bool(across), place=bool(self.places.find(elsewhere))
            )
            spoken_of = len(found) > 1 and bool(
                _SPOKEN_OF.search(folded[: m.start])
                or (not full and _IN_SOMETHING.search(folded[: m.start]))
                or (not full and any(_IN_IT.fullmatch(folded[m.end : o.start]) for o in found))
                or (_EARLIER_ONE.search(folded[: m.start]) and not _RELATED.search(folded))
            )
            if not by_org and not place and not short and not topic and not spoken_of:
                kept.append(m)
        return _written_names(text, kept)

    def _mostly_place(self, written: str) -> bool:
        """A loosely matched name that is mostly a place ('the Botnia-Atlantica area' is not
        'Botnia-Atlantica IT')."""
        found = self.places.find(written)
        return found is not None and found.end - found.start >= 0.6 * len(written.strip())

    def by_meaning(self, r: Reading) -> Reading:
        """The reading with the intent the example bank sees, for parts no pattern read."""
        named = _names_something(r)
        if r.parts:
            return replace(r, parts=tuple(self._guess(p, named) for p in r.parts))
        guessed = self._guess(
            Part(query=r.query, masked=r.masked, field=r.field, section=r.section), named
        )
        return replace(
            r, field=guessed.field, section=guessed.section, by_meaning=guessed.by_meaning
        )

    def _guess(self, p: Part, named: bool = False) -> Part:
        if p.field or p.section or not re.search(r"\w{3}", p.masked) or unavailable(p.masked):
            return p
        guess = self.bank.classify(self.encode(p.masked))
        if guess.kind == "field" and (named or _vetoed(p.masked)):
            return p
        if guess.key in _DATES and (_dates_something_else(p.masked) or WHERE.search(p.masked)):
            return p  # 'where does the line end up' asks a place, not when the project ends
        if guess.key in MONEY_FIELDS and MONEY_WORD.search(p.masked):
            return p
        if guess.score < self.evidence.intent_score or guess.margin < self.evidence.intent_margin:
            return p
        if guess.kind == "field":
            return replace(p, field=guess.key, by_meaning=True)
        if guess.kind == "section":
            return replace(p, section=guess.key, by_meaning=True)
        return p


_HEADS_QUESTION = re.compile(r"[^:?–]{0,40}(?::|\s[–\-]\s)")
"""A name opening the question before a colon or dash ('TREff i NGB: ur vilket tidigare
projekt …') names the project asked about, in a 'which project' question too."""
_IN_SOMETHING = re.compile(r"\w \b(?:i|in|på)\s+$")
"""'lägenheter i Rosengård' beside a project: a short name after 'i' is a place in its text."""
_TAKES_PART = re.compile(
    r"\b(?:taking part|takes? part|took part|participat\w*|involv\w*|deltar|deltog|deltagit"
    r"|medverka\w*|är med|var med)\b|\bas (?:a |the )?(?:county|region|municipality)\b"
    r"|\bsom (?:län|region|kommun)\b|\bbland (?:länen|fylkena|kommunerna|regionerna)\b"
)
"""'Any project with Region Midtjylland taking part': a region that is also an owner is the
place the projects cover, not their owner."""
_IN_IT = re.compile(r"\s+(?:i|in|på|inom|within|at)\s+")
"""'the FöretagsAcceleratorn in SMEAX 8': a short name before 'in' another project is a thing
in that project's text."""
_JOINED_DASH = re.compile(r"(?<=\w)[–—](?=\w)")
_PROGRAMME_AFTER = re.compile(
    r"(?:\s*-|\s+(?:as an?|som|that|this|the|det|detta)?\s*)"
    r"(?:program(?:me|met|mets)?(?: ?area| ?område)?|programområde\w*)\b"
)


def _without_named_region(masked: str, org: Organisation | None) -> str:
    """The question without an owner whose name says 'region' ('any project with Region
    Midtjylland taking part' asks no region field)."""
    if org is None or not _field(masked[org.start : org.end]):
        return masked
    return routing.blank(masked, [(org.start, org.end)])


def _without_programme(masked: str, place: Place | None) -> str:
    """The question without the word 'programme' beside a programme region it names
    ('Skåne-Blekinge as a programme area', 'Sverige-Norge-programmet'): no field is asked."""
    if place is None or place.relation != "region":
        return masked
    after = _PROGRAMME_AFTER.search(masked, place.start, place.end + 40)
    if after is None:
        return masked
    return masked[: after.start()] + " " * len(after.group()) + masked[after.end() :]


_PROJECT_WORD = re.compile(r"\b[Pp][a-z]{5,8}\b")
_PROJECT_FORMS = ("project", "projects", "projekt", "projekten", "projektet")


def _project_spelled(m: re.Match[str]) -> str:
    """'projcts', 'porjekt' as the word for project they misspell, so that 'how many
    projcts' counts projects instead of searching for a topic."""
    word = m.group()
    low = word.lower()
    if low in _PROJECT_FORMS or "j" not in low:
        return word
    form = next((f for f in _PROJECT_FORMS if OSA.distance(low, f) == 1), None)
    return word if form is None else word[0] + form[1:]


def _written_names(text: str, found: list[Mention]) -> list[Mention]:
    """Of several names nothing joins ('… för kreativa näringar ska genomföras på Lögdö Bruk'),
    those written as names, with a capital: the others are words of the question that happen
    to be a project's name too. Names joined by 'och', 'or', 'than', a comma … are compared."""
    if len(found) < 2:
        return found
    ordered = sorted(found, key=lambda m: m.start)
    gaps = [text[a.end : b.start] for a, b in itertools.pairwise(ordered)]
    if any(_NAMES_JOINED.search(gap) for gap in gaps):
        return found
    written = [m for m in found if text[m.start : m.start + 1].isupper()]
    return [m for m in found if m in written] or found


_NAMES_JOINED = re.compile(
    r"\b(?:och|and|eller|or|vs|versus|med|with|mot|från|from|than|än|samt|jämfört|compared"
    r"|mellan|between|to|till|respektive)\b|[,/&+–]|\s-\s"
)


def bare_name(name: str) -> str:
    """A folded project name without its quotes, brackets and dashes, for comparing a name as
    written in a question with the records' ('förstudie "framtid pajala').'"""
    return " ".join(re.findall(r"\w+", name))


def _as_topic(folded: str, m: Mention, *, across: bool, place: bool) -> bool:
    """A project name used as the topic of a question across projects ('Vilka projekt i
    Värmland handlar om Svenska rallyt?', 'printed electronics projects in Östergötland',
    'något observatorieprojekt i Jämtland', 'projects about Dalhalla in Rättvik')."""
    named = folded[m.start : m.end]
    before = folded[: m.start]
    if _TOPIC_BEFORE.search(before) and (across or (place and _PROJECTS_WORD.search(before))):
        return True
    kind = _PROJECTS_AFTER.match(folded[m.end :]) or _PROJECTS_END.search(named)
    return bool(kind) and (across or place)


def _language(text: str, masked: str, default: str) -> str:
    """The question's language from its own words: a Swedish project name in an English
    question does not make it Swedish."""
    own = routing.detect_language(masked, default="")
    return own or routing.detect_language(text, default=default)


def _names_something(r: Reading) -> bool:
    """Whether the question names something besides its projects ('… in Malaga …'): then it
    asks about that, and a field guessed by meaning would answer another question."""
    if len(r.text) != len(r.masked):
        return False
    spans = [(m.start, m.end) for m in r.mentions]
    for match in _CAPITALISED.finditer(r.text):
        if not any(a <= match.start() < b for a, b in spans):
            return True
    return False


def split_parts(folded: str, masked: str) -> list[Part]:
    """The things a question asks, in order: clauses joined by 'och'/'and' + a question word,
    and within a clause, two intents joined by 'och'/'and'/a comma ('ägare och slutdatum')."""
    parts: list[Part] = []
    start = 0
    for match in [*_CLAUSE_BREAK.finditer(masked), None]:
        end = match.start() if match else len(masked)
        if masked[start:end].strip(" ?.!,"):
            parts.extend(_intent_parts(folded[start:end], masked[start:end]))
        if match:
            start = match.end()
    return _asked_once(_merge_bare(parts)) or [Part(query=folded, masked=masked)]


def _asked_once(parts: list[Part]) -> list[Part]:
    """A later part whose field an earlier part already asks for asks something else of the
    text ('who applied, how big was the grant, and which ordinance is the seed funding based
    on?': the funding word does not ask the grant twice)."""
    seen: set[str] = set()
    out = []
    for p in parts:
        if p.field == "owner" and "owner" in seen and _PERSON_RAN.search(p.masked):
            p = replace(p, field="contact")
        if p.field is None and p.section is None and _BARE_AMOUNT.fullmatch(p.masked.strip()):
            p = replace(p, field="grant_sek")
        if p.field in seen:
            p = replace(p, field=None)
        seen |= {p.field} if p.field else set()
        out.append(p)
    return out


_PERSON_RAN = re.compile(r"\bwho (?:ran|runs|was running|is running)\b|\bvem (?:drev|driver)\b")
"""'Who ran it' beside an organisation already asked for asks the person who ran it."""
_BARE_AMOUNT = re.compile(
    r"(?:(?:and|och|,)\s*)?(?:how (?:large|big|much)|hur (?:mycket|stor|stort))"
    r"(?: (?:was|is|were|var|är|blev|handlade|gällde) (?:it|det|den|that|the sum|summan))?"
    r"(?: (?:om|about))?\W*"
)
"""'… who got the grant, how large was it': a bare amount in a question about a project is
its grant."""


def _intent_parts(query: str, masked: str) -> list[Part]:
    found = [f for f in _intents(masked) if not _counted_thing(masked, f)]
    found = sorted(found + _bare_asks(masked, found), key=lambda f: f[2])
    found = sorted(found + _listed_counts(masked, found), key=lambda f: f[2])
    cuts = [
        cur[3] + j.start()
        for cur, nxt in itertools.pairwise(found)
        if (j := _last_joiner(masked[cur[3] : nxt[2]]))
    ]
    if found and (tail := _LISTED_THING.search(masked, found[-1][3])):
        cuts.append(tail.start())
    pieces: list[Part] = []
    for a, b in itertools.pairwise([0, *cuts, len(masked)]):
        m = masked[a:b]
        piece = Part(
            query=query[a:b],
            masked=m,
            field=_field(m) or _bare_grant(m),
            section=routing.match_section(m),
        )
        repeated = any(_same_intent(piece, q) for q in pieces)
        if not repeated or len(_WORDS.findall(m)) > _REPEAT_WORDS:
            pieces.append(piece)
    return pieces


_LISTED_THING = re.compile(
    r"(?:,\s*|\s+)(?:and|och|samt|plus)\s+(?:the|its|their|den|det|de|dess|deras)"
    r"(?:\s+[^\W\d_][\w\-]*){3,}\W*$"
)
"""'…: contact person, grant, and the VINNOVA programme that Uppsala BIO is part of?': the
thing named after the last asked field is asked too, though no pattern knows it."""


def _last_joiner(between: str) -> re.Match[str] | None:
    """Where the next intent's piece starts: at the last joining word before it ('…, name of
    the contact, | and the years the fund is to invest in')."""
    found = list(_JOINER.finditer(between))
    return found[-1] if found else None


_WORDS = re.compile(r"[^\W\d_]+")
_REPEAT_WORDS = 3
"""A piece asking an intent already asked is a repeat ('ägare och projektägare') when it is
this short; a longer one asks something of its own ('… and the years the fund is to invest
in'), which :func:`_asked_once` turns into a question for the text."""


def _bare_asks(
    masked: str, found: list[tuple[str, str, int, int]]
) -> list[tuple[str, str, int, int]]:
    """Intents that only a comma-separated piece read on its own shows ('…, how much, and …'):
    a short ask between commas is a part, not a word of the clause before."""
    out = []
    for m in re.finditer(r"(?<=,)[^,]+(?=,|$)", masked):
        inside = any(m.start() <= f[2] < m.end() for f in found)
        field = None if inside else _field(m.group().strip(" ?.!")) or _bare_grant(m.group())
        if field:
            out.append(("field", field, m.start(), m.end()))
    return out


def _bare_grant(piece: str) -> str | None:
    """A grant named by one word in a list of asked fields ('projektledare, stöd, och …')."""
    word = piece.strip(" ,?.!").removeprefix("och ").removeprefix("and ")
    return "grant_sek" if word in _GRANT_WORDS else None


_GRANT_WORDS = frozenset({"stöd", "stödet", "support", "bidrag", "belopp"})


def _listed_counts(
    masked: str, found: list[tuple[str, str, int, int]]
) -> list[tuple[str, str, int, int]]:
    """A count listed after asked fields ('kontakt, belopp och antal workshops'): a part of
    its own, which the text may answer."""
    first = found[0][2] if found else len(masked)
    return [
        ("count", "", m.start(), m.end())
        for m in COUNTS_SOMETHING.finditer(masked)
        if m.start() > first and not any(_overlaps(m, f) for f in found)
    ]


def _intents(masked: str) -> list[tuple[str, str, int, int]]:
    """Every place a field or section intent is asked, by position (patterns in their order
    of priority; a stretch already claimed is not read twice)."""
    found: list[tuple[str, str, int, int]] = []
    glosses = _glosses(masked)
    for kind, patterns in (
        ("field", routing.FIELD_PATTERNS),
        ("section", routing.SECTION_PATTERNS),
    ):
        for key, pattern in patterns:
            for m in re.finditer(pattern, masked):
                if not any(_overlaps(m, f) for f in found) and not any(
                    g.start() <= m.start() < g.end() for g in glosses
                ):
                    found.append((kind, key, m.start(), m.end()))
    return sorted(found, key=lambda f: f[2])


def _glosses(masked: str) -> list[re.Match[str]]:
    return [
        g
        for g in _BRACKETED.finditer(masked)
        if not _QUESTION_WORD.search(g.group()) and len(g.group().split()) >= 2
    ]


_BRACKETED = re.compile(r"\([^()]*\)")
_QUESTION_WORD = re.compile(
    r"\b(?:vem|vems|vad|när|hur|varför|vilk(?:en|et|a)|who|whose|what|when|how|where|why|which)\b"
)
"""'Markaryd station part 2 (the building phase): …': a gloss in brackets asks nothing, unless
it holds a question word ('(and whose)') or is one word ('vem kontaktar man (mejl)')."""


def description(masked: str) -> str:
    """What a question says about its project when it names none ('who ran the road-to-rail
    study in Strängnäs and what was the grant?' → 'the road-to-rail study in Strängnäs'): the
    question without the facts it asks for and its joining words; a heading before the
    question ('Uppsala county study on quicker trunk bus lines toward the coast: what road …')
    is all of it."""
    head = describing_head(masked)
    if head is not None:
        return head
    spans = [(f[2], f[3]) for f in _intents(masked)]
    rest = routing.blank(masked, spans)
    return _ASK_WORDS.sub(" ", rest)


DESCRIBING_HEAD = re.compile(
    r"^(?P<head>[^?,:;–—]{12,}?)\s*[,:;–—]\s+(?=(?:what|which|who|whom|whose|how|when|where|why"
    r"|vad|vilken|vilket|vilka|vem|vems|hur|när|var|varför)\b)",
    re.I,
)
"""The words that describe a project before the question about it begins."""
_HEAD_WORDS = 5


def describing_head(text: str) -> str | None:
    """The heading a question opens with to describe its project, when it says enough to pick
    one out alone (five words or more) and asks no field."""
    head = DESCRIBING_HEAD.match(text)
    if head is None or routing.match_field(head.group("head")):
        return None
    enough = len(re.findall(r"[^\W\d_]{3,}", head.group("head"))) >= _HEAD_WORDS
    return head.group("head") if enough else None


_ASK_WORDS = re.compile(
    r"\b(?:who|whom|whose|what|which|when|where|how|much|many|was|were|is|are|did|does|do"
    r"|vem|vilk(?:en|et|a)|vad|när|var|hur|mycket|många|är|var|blev|fick|och|and|it|its|det)\b"
    r"|[?,:;–]|\s-\s"
)


def _field(masked: str) -> str | None:
    """The field the patterns see, unless the question counts something ('how many
    companies'), asks how much a sum changed ('by how much did they cut the budget'), asks
    what no field holds (the project manager's salary, how much was paid out) or names
    the sum a share is taken of ('hur stor del av budgeten betalar …'), which no header field
    answers."""
    if _no_field(masked):
        return None
    spared = [m.span() for m in (*WHOLE_OF.finditer(masked), *_glosses(masked))]
    spared += [m.span("doer") for m in _DOER.finditer(masked)]
    field = routing.match_field(routing.blank(masked, spared))
    if field == "status" and WHEN.search(masked):
        field = "period"  # 'when was it finished' asks a date, not whether it is
    if field == "period" and (
        _dates_something_else(masked) or _where_not_when(masked) or _WHEN_CLAUSE.search(masked)
    ):
        return None
    if field == "program" and _OTHER_PROGRAMME.search(masked):
        return None
    if field == "period" and (_HOW_IT_ENDS.search(masked) or _HOW_LONG_OTHER.search(masked)):
        return None  # 'hur ska projektet avslutas' asks how, not when
    headless = _HEADS_QUESTION.sub("", masked, count=1)
    if field not in (None, "period", "status") and _YEAR_ASKED.match(headless):
        return None  # 'when did the board decide it was the top priority' asks no priority
    if field == "region" and _NAMED_REGION.search(masked) and not _REGION_ASKED.search(masked):
        return None
    if field in ("owner", "contact") and _FOREIGN_PARTY.search(masked):
        return None
    if field == "contact" and _THEY_CONTACT.search(masked):
        return None
    if field == "owner" and _OWNED_BY_GROUP.search(masked):
        return None
    if field in ("owner", "contact") and _RAN_COUNTED.search(masked):
        return None
    if field == "region" and _REGION_OR_COUNTY.search(masked):
        return "counties"  # 'which Finnish and Swedish regions/counties': the counties list
    if field in _ONE_VALUED and _SEVERAL_OF.search(masked):
        return None  # 'vilka är de sju insatsområdena i agendan' asks what no one value holds
    return field


_REGION_OR_COUNTY = re.compile(
    r"\bregion(?:s|er)?\s*/\s*(?:count(?:y|ies)|län)\b|\b(?:count(?:y|ies)|län)\s*/\s*region"
)
_ONE_VALUED = frozenset({"priority", "program", "region", "owner"})
_SEVERAL_OF = re.compile(
    r"\b(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|two|three|four|five|six|seven|eight|nine|ten"
    r"|[2-9])\s+(?:[\wåäö\-]+\s+)?(?:insatsområden\w*|priorit(?:y|ies)|program(?:me)?s?\b"
    r"|programområden\w*)"
)
"""Several of a one-valued field's kind ('de sju insatsområdena', 'two programmes'): not the
project's own value."""


_OTHER_PROGRAMME = re.compile(
    r"\b(?:vinnova\w*|tillväxtverket\w*|nutek\w*|formas\w*|energimyndighet\w*|kk-stiftelsen\w*"
    r"|knowledge foundation\w*)\b.{0,20}\bprogram|\butvecklingsprogram|\bdevelopment programme"
    r"|\bumbrella (?:\w+ )?programme|\bparaplyprogram"
    r"|\b(?:vilken|vilket) (?:myndighets|organisations|departements) program"
    r"|\bwhich (?:agency|authority|ministry|organi[sz]ation)'s programme"
)
"""'The VINNOVA programme Uppsala BIO is part of', 'the umbrella development programme': a
national or local programme the text names, not the project's EU programme area."""
_WHEN_CLAUSE = re.compile(
    r"^\W*(?:what|which|who|how|vad|vilk\w+|vem|hur)\b.*\b(?:when|när)"
    r" (?:it|they|the project|projektet|det|de|man|we|vi)"
    r" (?!did\b|does\b|do\b|was\b|were\b|is\b|are\b|will\b)\w+"
)
"""'What systems were they running when it started': the 'when' dates the question's other
ask, it asks no date."""
_NAMED_REGION = re.compile(
    r"\b(?:the|in|i) (?!which\b|what\b|vilken\b|vilket\b|same\b|samma\b|different\b|olika\b"
    r"|its\b|their\b|this\b|that\b|each\b|one\b|a\b)[\wåäö\-]+ region(?:en)?\b"
)
_YEAR_ASKED = re.compile(r"\W*(?:vilket år|which year|what year|när|when)\b")
_REGION_ASKED = re.compile(r"\b(?:which|what|vilken|vilket) region|\bwhere\b|\bvar ligger\b")
"""'The Stockholm region ranks near the top': a region the question names, not the field."""
_THEY_CONTACT = re.compile(
    r"\b(?:de|man|projektet) (?:\w+ )?(?:ta|tog|tagit) kontakt med\b(?!.*\b(?:jag|vi)\b)"
    r"|\bkontaktade\b|\bhar kontaktat\b|\b(?:they|it|the project) (?:had )?contacted\b"
    r"|\b(?:which|what) [\w\s]{0,30}\b(?:did|do|will|would) (?:they|the project) (?:\w+ )?contact\b"
)
"""'Vilka myndigheter tänkte de ta kontakt med': whom the project contacts, not its contact."""
_OWNED_BY_GROUP = re.compile(
    r"\b(?:ägs|ägda|ägts|owned|run) (?:av|by) (?:\w+ )?(?:kvinnor|män|women|men|utrikes födda"
    r"|immigrants|invandrare|unga|young people|ungdomar|familjer|families|locals)\b"
    r"|\b(?:kvinno|women-|female-|familje|family-)(?:ägda|ägt|owned)\b"
)
"""'Hur stor andel av företagen ägs av kvinnor': who owns the companies, not the project."""
_RAN_COUNTED = re.compile(
    r"\b(?:ran|run|led|owned|managed|drev|ledde|ägde|ansvarade för) (?:the |de |those )?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|två|tre|fyra|fem|sex|sju|åtta|nio|tio"
    r"|\d+)\b"
)
"""'Which firms ran the two proof-of-concept projects': who ran things inside it, not the
project."""
_FOREIGN_PARTY = re.compile(rf"\b(?:{routing.NATIONALITY})(?:a|t)? (?!region|fylke|county)")
"""'Vilken norsk skola var med som projektägare': a cross-border project's Swedish owner is the
header's; the other side's is in the text."""


def _vetoed(masked: str) -> bool:
    """The patterns see a field the question does not ask (:func:`_field`), or it asks the
    name of a thing that is no field ('vad heter det årliga forum …'): the example bank must
    not bring one back; nor where the question asks what someone else does ('who has the
    municipality been partnering with')."""
    if _NAME_OF_THING.search(masked) and not _WHO_WORDS.search(masked):
        return True
    if _DOER.search(masked):
        return True
    return _no_field(masked) or (routing.match_field(masked) is not None and _field(masked) is None)


_NAME_OF_THING = re.compile(
    r"\bvad (?:heter|hette|kallas|kallades) (?:det|den|de) [\wåäö]+"
    r"|\bwhat (?:is|was|are|were) the [\w\s\-]{1,40} called\b"
    r"|\bwhat(?:'s| is| was) the name of the\b"
)
_WHO_WORDS = re.compile(
    r"organisation|organization|företag|bolag|compan|firm|ägare|owner|projektledare|leader"
    r"|manager|kontakt|contact|stödmottagare|beneficiar|universit|högskol|kommun|municipal"
)


def _where_not_when(masked: str) -> bool:
    """'Where was the demonstrator placed for the test period': a place is asked, the period
    only dates it."""
    return bool(WHERE.search(masked) or _WHERE_ASKED.search(masked)) and not WHEN.search(masked)


_WHERE_ASKED = re.compile(r"\bwhere\b|\bvar (?:ligger|låg|placera\w*|finns|fanns|hölls)\b")


_DATES = frozenset({"period", "start", "end"})


def _dates_something_else(masked: str) -> bool:
    """A 'when' about something the project speaks of, not the project itself ('when was the
    Øresunds Solist talent contest started', 'när startade tävlingen')."""
    found = (p.search(masked) for p in (_EVENT, _BEGUN_DOING, _LASTING))
    subjects = [g for m in found if m for g in m.groups() if g]
    return any(w not in _THE_PROJECT and w not in _SPARE for s in subjects for w in s.split())


_EVENT = re.compile(
    r"\b(?:when|which years?|what year|(?:on )?(?:what|which) date)"
    r" (?:was|were|did|is|are|will|has|have|had)"
    r" (?:the |a |an |their |its |this |that )?(?P<en>[\wåäöæø\-]+(?: [\wåäöæø\-]+){0,4}?)"
    r" (?:start\w*|begin|began|begun|found\w*|launch\w*|held|built|done|finish\w*|complet\w*"
    r"|open\w*|creat\w*|set up|introduc\w*|carried out|made|run|ran)\b"
    r"|\bnär (?:startade|började|grundades|hölls|byggdes|invigdes|öppnade|öppnades|genomfördes"
    r"|startades|skapades|infördes|bildades|gjordes|byggdes ut) (?:den |det |de )?"
    r"(?P<sv>[\wåäöæø\-]+(?: [\wåäöæø\-]+){0,2})"
    r"|\bnär (?:ska|skulle|kommer) (?P<sv2>[\wåäöæø\-]+(?: [\wåäöæø\-]+){0,3}?)"
    r" (?:att )?(?:vara|bli|stå) (?:klar|färdig|avslutad|slutförd|på plats)"
    r"|\bwhen (?:will|would|should) (?:the |a |an )?(?P<en2>[\wåäöæø\-]+(?: [\wåäöæø\-]+){0,3}?)"
    r" be (?:finished|complete|completed|done|ready|in place)\b"
    r"|\bsedan när (?:finns|har funnits|existerar|fanns) (?:det |den |de )?"
    r"(?P<sv3>[\wåäöæø\-]+(?: [\wåäöæø\-]+){0,2})"
    r"|\bsince when (?:has|have|had) (?:the |a |an )?(?P<en3>[\wåäöæø\-]+(?: [\wåäöæø\-]+){0,2}?)"
    r" (?:existed|been around|been running)\b"
    r"|\b(?:när|vilket år) (?:kom|bildades|grundades|startades|skapades|invigdes|öppnade)"
    r" (?:den |det |de )?(?P<sv4>[\wåäöæø\-]+(?: [\wåäöæø\-]+){0,2}?)(?: till| igång)?\b"
    r"|\bwhat year (?:was|were|did) (?:the |a |an )?(?P<en4>[\wåäöæø\-]+(?: [\wåäöæø\-]+){0,2}?)"
    r" (?:come about|come into being|founded|formed|set up|established|started)\b"
)
_BEGUN_DOING = re.compile(
    r"\bwhen did (?:they|it|we|the project) (?:start|begin) (?:to \w+|\w+ing)"
    r" (?:on |with )?(?:the |a |an |their |its )?"
    r"(?P<en>(?!on\b|with\b)[\wåäöæø\-]+(?: [\wåäöæø\-]+){0,3})"
    r"|\bnär (?:började|startade) (?:man|de|projektet) (?:att )?\w+a"
    r" (?:på |med )?(?P<sv>(?!på\b|med\b)[\wåäöæø\-]+(?: [\wåäöæø\-]+){0,2})"
)
"""'When did they start building the cluster': the building of something is dated."""
_LASTING = re.compile(
    r"\b(?:for )?how long (?:do|does|did|will|would|should|can|could|may)"
    r" (?:the |a |an |their |its )?"
    r"(?P<en>[\wåäöæø\-]+(?: [\wåäöæø\-]+){0,4}?) (?:work|stay|last|run|take|spend|get|be|go)\b"
    r"|\bhur (?:länge|lång tid)"
    r" (?:ska|skulle|får|fick|arbetar|jobbar|pågår|varar|tar|måste|kan|bör)"
    r" (?:de |den |det |en |ett )?(?P<sv>[\wåäöæø\-]+(?: [\wåäöæø\-]+){0,2}?)"
    r" (?:arbeta|jobba|vara|pågå|stanna|hålla på|på sig|ha funnits|ha varit|ha drivits|finnas)\b"
)
"""'How long do the student teams work on a problem': the time something else takes."""
_THE_PROJECT = frozenset(
    """project projektet projekt it they study pre-study prestudy feasibility förstudien
    förstudie det den de work arbetet initiative satsningen this each both either var vardera
    båda bägge respektive""".split()  # noqa: SIM905
)
"""Words that name the asked project itself ('when did the pre-study start')."""
_SPARE = frozenset(
    """och and arbeta jobba med på slutade avslutades slutar tog slut end ended finish
    finished""".split()  # noqa: SIM905
)
"""Words the patterns' short subject groups take in beside the project ('när slutade och
avslutades projektet', 'how long did it work on'): they name nothing else."""


def _no_field(masked: str) -> bool:
    return bool(
        COUNTS_SOMETHING.search(masked)
        or CHANGED.search(masked)
        or unavailable(masked)
        or _LENGTH_OF.search(masked)
    )


_LENGTH_OF = re.compile(
    r"\bhow long (?:would|will|should) (?:it|they) be\b|\bhur lång (?:blir|skulle|är) (?:den|det)\b"
    r"|\bhow long and how (?:wide|deep|high|broad|tall)\b"
)
"""'How long would it be' asks the length of a thing (a pipe, a track), which no field holds."""


def _counted_thing(masked: str, f: tuple[str, str, int, int]) -> bool:
    """A field word that is the thing a 'how many' counts ('how many companies … behind'), the
    sum whose change is asked, the whole a share is taken of, or one of several of a
    one-valued field's kind ('de sju insatsområdena')."""
    whole = any(m.start() <= f[2] < m.end() for m in WHOLE_OF.finditer(masked))
    clause = _clause_of(masked, f[2])
    several = f[1] in _ONE_VALUED and bool(_SEVERAL_OF.search(clause))
    return f[0] == "field" and (_no_field(clause) or whole or several)


def _clause_of(masked: str, at: int) -> str:
    """The stretch of a list holding position ``at`` ('kontakt, belopp och antal workshops':
    'antal workshops' counts something, 'kontakt' does not)."""
    cuts = [0, *(m.end() for m in _LIST_CUT.finditer(masked)), len(masked)]
    start = max(c for c in cuts if c <= at)
    end = min(
        (m.start() for m in _LIST_CUT.finditer(masked, start) if m.start() > at),
        default=len(masked),
    )
    return masked[start:end]


_LIST_CUT = re.compile(r"\s*[,;]\s*|\s+(?:och|and|samt)\s+")


def _overlaps(m: re.Match[str], f: tuple[str, str, int, int]) -> bool:
    return m.start() < f[3] and f[2] < m.end()


def _same_intent(a: Part, b: Part) -> bool:
    return (a.field, a.section) == (b.field, b.section)


_INTERROGATIVE = re.compile(
    r"\b(?:who|whose|what|when|how|where|why|which|vem|vems|vad|när|hur|varför|vilken|vilket"
    r"|vilka)\b|(?:^|[:–])\W*(?:" + _QUESTION_WORDS + r")\b"
)
"""A clause that asks: a question word anywhere in it ('Forum Östersjön on Gotland - roughly
how many …'), or a question's opening word ('Finns det …') at its start."""


def _merge_bare(parts: list[Part]) -> list[Part]:
    """A clause with no intent of its own joins the one before (it qualifies it); an opening
    one that asks nothing ('According to the KC2 page, how many …') or one with no word at all
    ('In <project>, how many …') the one after."""
    out: list[Part] = []
    lead: Part | None = None
    for p in parts:
        if lead is not None:
            p = replace(p, query=lead.query + " " + p.query, masked=lead.masked + " " + p.masked)
            lead = None
        opening = not out and not _INTERROGATIVE.search(p.masked)
        if not (p.field or p.section) and (opening or not re.search(r"\w{4}", p.masked)):
            lead = p
            continue
        bare = not (p.field or p.section) and not _asks_on_its_own(p.masked)
        if out and not (p.field or p.section) and _REFERS_BACK.search(p.masked):
            out[-1] = _joined(out[-1], p)
            continue
        if out and bare and (out[-1].field or out[-1].section):
            out[-1] = _joined(out[-1], p)
            continue
        out.append(p)
    return out if lead is None else [*out, lead]


def _joined(a: Part, b: Part) -> Part:
    return replace(a, query=a.query + " " + b.query, masked=a.masked + " " + b.masked)


def _asks_on_its_own(masked: str) -> bool:
    """A clause that starts with a question word, also after a joining word ('Also which
    university college was involved?', 'Och vilken myndighets krav …'), or a thing named
    after a list of asked fields (``_LISTED_THING``)."""
    opening = (
        rf"\W*(?:(?:{_LEADING_JOINERS}|{_PREPOSITIONS}|{_ROUGHLY})\s+)*(?:{_QUESTION_WORDS})\b"
    )
    if _LISTED_THING.match(" " + masked) or _LISTED_COUNT.match(masked):
        return True
    if _ASKS_INSIDE.match(masked) and len(masked.split()) >= 4:
        return True  # 'och effekterna av vad ska satsningen motverka?'
    return bool(re.match(opening, masked)) and len(masked.split()) >= 3


_LEADING_JOINERS = r"och|and|also|även|dessutom|samt|plus|men|but|so|så"
_ASKS_INSIDE = re.compile(
    r"\W*(?:(?:och|and|samt)\s+)?(?:[\wåäö\-]+\s+){1,2}(?:vad|vilk(?:en|et|a)|vem|what|which|who"
    r"|whom)\b"
)


_LISTED_COUNT = re.compile(
    rf"\W*(?:(?:{_LEADING_JOINERS})\s+)?(?:antal|number of|hur många|how many)\s+\w+"
)
"""'… och antal workshops': a count listed after asked fields (see :func:`_listed_counts`)."""


def resolve_followup(r: Reading, history: Sequence[Answer]) -> Reading:
    """Carry the project or the intent of the conversation over to a short follow-up."""
    previous = next((a for a in reversed(history) if a.project_ids or a.intent), None)
    if previous is None:
        return r
    asks_something = r.field or r.section or r.aggregate or r.parts
    if r.projects and not asks_something and len(r.masked.split()) <= 6 and previous.intent:
        kind, _, value = previous.intent.partition(":")
        if kind == "field":
            return replace(r, field=value, followup=True)
        if kind == "section":
            return replace(r, section=value, followup=True)
        if kind == "passage":
            return replace(r, masked=value, query=value, followup=True)
    if r.projects or r.aggregate or r.place or not 0 < len(previous.project_ids) <= 2:
        return r
    refers_back = r.field or r.section or r.parts or routing.ANAPHORA.search(r.masked)
    return replace(r, projects=previous.project_ids[:1], followup=True, soft=not refers_back)


def _worded(rest: str, rivals: dict[str, str], written: str) -> set[str]:
    """The namesakes whose names, after the name the question writes, hold the most of the
    question's other words (English ones through the lexicon); none when no name holds any."""
    wanted = _name_words(rest)
    held = {
        pid: sum(
            bool(re.search(rf"(?<!\w){re.escape(w)}", full.removeprefix(written))) for w in wanted
        )
        for pid, full in rivals.items()
    }
    best = max(held.values(), default=0)
    return {pid for pid, n in held.items() if n == best} if best else set()


def _name_words(text: str) -> set[str]:
    """A question's words that could say which of several namesakes it means, folded."""
    found: set[str] = set()
    for w in words(text):
        if fold(w) in ENGLISH_STOP or len(w) < 4:
            continue
        found |= {fold(x) for x in (w, *translate(w)) if len(x) >= 4}
    return found
