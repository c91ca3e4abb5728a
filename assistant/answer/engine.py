"""The assistant: reads a question, picks the kind of answer, and composes it from the sources.

The extracted answer is a frame in the question's language around values and sentences taken
verbatim from the index, each with a citation. When a language model is configured
(``ASSISTANT_LLM``), passage, description and comparison answers are then rewritten by it and
verified sentence by sentence (:mod:`assistant.generate`); structured answers never are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from .. import routing
from ..embedding import Embedder
from ..errors import QuestionError
from ..generate.base import Generator, load_generator
from ..index import bm25_tokens
from ..models import Answer, Citation, Project
from ..phrases import field_name, join_words, t
from ..routing import Mention, NameMatcher, ValueLexicon
from ..search import Filters, Searcher, open_searcher
from ..settings import Settings
from ..text import fold
from .acronyms import asked_abbreviation, stands_for
from .asks import COST
from .cites import Cites
from .compare import aspects, compare_answer, compares, date_order
from .context import Context
from .cross import cross_query, list_answer, measure, named_group, run
from .entities import Gazetteer, Organisations, glossed_place, unknown_place
from .evidence import evidence_for, unavailable
from .fields import field_answer, from_contributor, which_project
from .intents import IntentBank
from .letters import Letters
from .lexicon import demonym, english_word, translate
from .passages import AMOUNT, not_stated, passage_answer, typed_answer
from .reading import (
    COUNTS_SOMETHING,
    DESCRIBING_HEAD,
    Part,
    Reader,
    Reading,
    bare_name,
    describing_head,
)
from .sentences import SentenceVectors
from .topics import (
    DESCRIBING_WORDS,
    describe_answer,
    described_project,
    semantic_list,
    topic_answer,
    topic_words,
)

if TYPE_CHECKING:
    from ..generate.writer import Generation

_NAMED = re.compile(r"(?<=\w[ ,(])[A-ZÅÄÖ][\wåäö]+")
_IN_TEXT = {
    "budget_sek": AMOUNT,
    "public_funding_sek": AMOUNT,
    "grant_sek": AMOUNT,
    "grant_eur": AMOUNT,
    "period": re.compile(r"\b(19|20)\d{2}\b"),
    "partners": _NAMED,
    "cofinanciers": _NAMED,
    "phone": re.compile(r"(?:\+\d{2}|\b0\d)[\s()0-]*\d[\d\s-]{5,}\d"),
    "email": re.compile(r"[\w.\-]+@[\w\-]+\.[a-z]{2,}"),
    "contact": re.compile(
        r"\b(?:kontaktperson|projektledare|prosjektleder|contact person|project manager)\w*"
        r"\s*:?\s*[A-ZÅÄÖÆØ][\wåäöæøé\-]+ [A-ZÅÄÖÆØ][\wåäöæøé\-]+",
        re.IGNORECASE,
    ),
}
_ASKS = re.compile(
    r"\b(?:how many|how much|which|what|where|when|why|hur många|hur mycket|vilk\w+|vad|var"
    r"|när|varför)\b"
)
"""A part that asks something of its own (not only 'and compare them')."""


def _missing(lang: str, what: str) -> str:
    """'On <what>: the project texts do not say.' for a part of a question no text answers."""
    return t(lang, "answer.part_missing", part=t(lang, "answer.part_label", what=what))


def _after_heading(masked: str) -> str:
    """A part without the heading that names what is compared ('A vs B: how many …')."""
    return masked.rsplit(": ", 1)[-1]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


class Assistant:
    """Answers questions over one loaded index; safe to share between threads."""

    def __init__(self, *, settings: Settings, searcher: Searcher) -> None:
        index = searcher.index
        projects = list(index.projects.values())
        self.settings = settings
        self.searcher = searcher
        self.index = index
        self.embedder: Embedder = searcher.embedder
        evidence = evidence_for(self.embedder.name)
        counts = routing.word_projects(projects)
        common = routing.common_words(counts)
        words = frozenset(w for w, n in counts.items() if n >= 2)
        self.ctx = Context(
            settings=settings,
            index=index,
            searcher=searcher,
            embedder=self.embedder,
            records=index.records(),
            evidence=evidence,
            names=NameMatcher(projects, common=common, words=words),
            lexicon=ValueLexicon.build(projects),
            places=Gazetteer(projects),
            organisations=Organisations(projects, common=common),
            sentences=SentenceVectors(index, self.embedder),
        )
        bank = IntentBank.load(self.embedder, cache_dir=settings.cache_dir)
        self.reader = Reader(
            names=self.ctx.names,
            places=self.ctx.places,
            organisations=self.ctx.organisations,
            bank=bank,
            evidence=evidence,
            encode=searcher.encode_query,
            full_names=frozenset(bare_name(routing.fold(p.name)) for p in projects),
            project=self.project,
            letters=Letters(projects),
        )
        self.generator: Generator | None = load_generator(settings)
        self._people = _project_managers(projects)

    @classmethod
    def open(cls, settings: Settings, *, embedder: Embedder | None = None) -> Assistant:
        return cls(settings=settings, searcher=open_searcher(settings, embedder=embedder))

    def project(self, project_id: str) -> Project:
        return self.ctx.project(project_id)

    def ask(self, question: str, *, history: Sequence[Answer] = ()) -> Answer:
        """Answer one question; ``history`` holds the conversation's earlier answers in order."""
        if self.generator is None:
            return self._extract(question, history)[0]
        return self.ask_stream(question, history=history).result()

    def ask_stream(self, question: str, *, history: Sequence[Answer] = ()) -> Generation:
        """The answer in the making: iterate it for a model's text as it streams, then call
        ``result()`` for the verified answer. Without a model (or for a structured answer) it
        streams nothing and ``result()`` is the extracted answer."""
        from ..generate.writer import Generation, gather, messages, writable

        answer, reading = self._extract(question, history)
        if self.generator is None or reading is None:
            return Generation(answer)
        if not writable(answer, field=reading.field, aggregate=reading.aggregate):
            return Generation(answer)
        materials = gather(
            answer,
            query=reading.query or reading.text,
            project_ids=reading.projects,
            projects=self.index.projects,
            searcher=self.searcher,
            limit=self.settings.llm_sources,
        )
        if not materials:
            return Generation(answer)
        prompt = messages(reading.text, reading.language, history, materials)
        return Generation(
            answer,
            generator=self.generator,
            materials=materials,
            prompt=prompt,
            deadline=self.settings.llm_total_timeout,
        )

    def _extract(self, question: str, history: Sequence[Answer]) -> tuple[Answer, Reading | None]:
        try:
            text = self._clean(question)
        except QuestionError as exc:
            lang = routing.detect_language(question[:500])
            invalid = Answer(
                question=question, answer=str(exc), answered=False, kind="invalid", language=lang
            )
            return invalid, None
        reading = self.reader.read(text, history)
        answer = self._with_namesakes(reading, self._route(reading))
        return replace(answer, question=question, language=reading.language), reading

    def _with_namesakes(self, r: Reading, answer: Answer) -> Answer:
        """An answer about a project that shares its exact name with others ('Trästad 2012',
        in two programme areas) says so, and which one it is about."""
        if not r.namesakes or not answer.answered or r.projects[0] not in answer.project_ids:
            return answer
        p = self.project(r.projects[0])
        note = t(
            r.language,
            "answer.namesakes",
            n=len(r.namesakes) + 1,
            name=p.name,
            this=_where_when(p),
            others=", ".join(_where_when(self.project(pid)) for pid in r.namesakes),
        )
        return replace(answer, answer=f"{answer.answer}\n\n{note}")

    def _clean(self, question: str) -> str:
        text = re.sub(r"\s+", " ", _CONTROL.sub(" ", question or "")).strip()
        lang = routing.detect_language(text)
        if not text or not re.search(r"\w", text):
            raise QuestionError(t(lang, "answer.ask_hint"))
        limit = self.settings.max_question_chars
        if len(text) > limit:
            raise QuestionError(t(lang, "answer.too_long", n=len(text), limit=limit))
        return text

    # ------------------------------------------------------------ routing

    def _route(self, r: Reading) -> Answer:
        ctx = self.ctx
        if _BEYOND.search(r.masked):
            return passage_answer(ctx, replace(r, aggregate=False, place=None, organisation=None))
        if place := self._glossed_nowhere(r):
            return _no_place(r, place)
        describes = not r.projects and routing.DESCRIBE.search(r.masked) and not _then_asked(r)
        if unavailable(r.masked) and not r.parts and not describes:
            return passage_answer(ctx, r)
        if len(r.projects) == 1 and (
            routing.COMPARE.search(r.masked) or routing.GOT_MORE.search(r.masked)
        ):
            r = self._with_described_other(r)
        elif len(r.projects) == 1 and r.mentions and _BOTH.search(r.masked):
            r = self._with_other(r, self._owned_other(r, _other_side(r, r.mentions[0])))
        elif not r.projects and routing.COMPARE.search(r.masked):
            r = replace(r, projects=self._both_described(r))
        if len(r.projects) >= 2 and (
            r.field
            or routing.COMPARE.search(r.masked)
            or routing.TOTAL.search(r.masked)
            or date_order(r.masked)
        ):
            return self._compare(r)
        if len(r.projects) >= 2 and not (r.field or r.section):
            return self._compare(r)
        unknown = self._named_other(r) if r.projects else self._unknown_project(r)
        if unknown and r.projects and not self._text_word_or_none(unknown):
            return self._unknown_name(replace(r, projects=(), mentions=()), unknown)
        if r.projects and not r.aggregate:
            r = self.reader.by_meaning(r)
        elif (
            (r.field or r.parts or r.section or _THE_PROJECT_DESCRIBED.search(r.masked))
            and not (describes or r.aggregate)
            and (not r.organisation or routing.ONE_DESCRIBED.search(r.masked) or _headed(r))
            and self._text_word_or_none(unknown)
        ):
            meant = described_project(ctx, r)
            if meant is None and _then_asked(r):
                meant, r = self._described_first(r), _asked_of_it(r)
            if meant is not None:
                return self._route(replace(self._after_description(r), projects=(meant,)))
        if r.parts and r.projects:
            return self._compound(r)
        if named_group(ctx, r.text):
            return self._cross(r)
        if unknown and _names_a_project(r, unknown, quoted=not routing.DESCRIBE.search(r.masked)):
            return self._unknown_name(r, unknown)
        if not r.projects and r.organisation is not None and _across(r) and self._bare(r):
            return self._cross(r)  # 'which project did Örebro kommun get money for'
        if not r.projects and routing.DESCRIBE.search(r.masked) and not _ranking(r):
            return describe_answer(ctx, r)
        if not r.projects and _across(r):
            return self._cross(r)
        return self._single(r)

    def _glossed_nowhere(self, r: Reading) -> str | None:
        """A place the question glosses ('Pärnu, the Estonian resort town – any project
        there?') that no record or text knows: no project is there."""
        if r.projects or r.place or r.organisation:
            return None
        place = glossed_place(r.text)
        return place if place and not self._in_texts(place) else None

    def _bare(self, r: Reading) -> bool:
        """The question says nothing of a project beyond its organisation and place ('which
        project did Örebro kommun get money for'): it asks for the organisation's projects."""
        vocab = self.index.bm25.vocab_dict
        return len(topic_words(r, None, vocab=vocab)) < DESCRIBING_WORDS

    def _after_description(self, r: Reading) -> Reading:
        """A question that describes its project in one sentence and asks in the last ('Mid
        Sweden University had a project on an international network … Start and finish
        dates?'): the last sentence read on its own, so no word of the description is asked."""
        sentences = [s for s in _SENTENCE_END.split(r.text) if s.strip()]
        if len(sentences) < 2 or routing.match_field(" ".join(sentences[:-1])):
            return self._after_head(r)
        last = self.reader.read(sentences[-1], [])
        if not (last.field or last.section or last.parts):
            return r
        return replace(last, text=r.text, language=r.language)

    def _after_head(self, r: Reading) -> Reading:
        """A question led by the description of its project ('In the Klövsjö/Katrina tourism
        investment, what did …', 'Uppsala county study on quicker trunk bus lines: what road
        …'): what follows read on its own, so the description's words are not asked of the
        quote that answers."""
        head = describing_head(r.text)
        if head is None:
            return r
        rest = self.reader.read(DESCRIBING_HEAD.sub("", r.text, count=1), [])
        return replace(rest, text=r.text, language=r.language)

    def _described_first(self, r: Reading) -> str | None:
        """The project a description sentence names best, when a field of it is asked after
        it (:func:`_then_asked`): what the description answer would name first."""
        found = describe_answer(self.ctx, replace(r, field=None))
        return found.project_ids[0] if found.answered else None

    def _single(self, r: Reading) -> Answer:
        ctx = self.ctx
        spelled = self._spelled_out(r)
        if spelled is not None:
            return spelled
        if unavailable(r.masked):
            return passage_answer(ctx, r)
        if r.field and r.projects and _ANOTHER.search(r.masked):
            return passage_answer(ctx, replace(r, field=None))
        if r.field and r.projects:
            return self._field(r)
        name = None if r.projects else self._unknown_project(r)
        if name and (r.field or _names_a_project(r, name)):
            return self._unknown_name(r, name)
        if r.field and not r.projects and r.field not in ("region", "period", "program"):
            return which_project(r)
        if not r.projects and routing.DESCRIBE.search(r.masked):
            return describe_answer(ctx, r)
        return passage_answer(ctx, r)

    def _spelled_out(self, r: Reading) -> Answer | None:
        """'Vad står GIRON för?': the words the abbreviation stands for; "not stated" for the
        named project's own abbreviation that nothing spells out; None when none is asked."""
        if not r.projects:
            return None
        p = self.project(r.projects[0])
        short = asked_abbreviation(r.query or r.text, p)
        if not short:
            return None
        spelled = stands_for(r, p, short)
        if spelled is None and short in fold(p.name).split():
            return not_stated(r, [])
        return spelled

    def _with_described_other(self, r: Reading) -> Reading:
        """A comparison of a named project with one it describes ('Resecentrum Borlänge eller
        perrongförlängningen vid Djurås'): the other side's project, when one holds it. The
        side runs from the joining word next to the name to the next one."""
        if not r.mentions:
            return r
        side = _other_side(r, r.mentions[0])
        together = bool(routing.GOT_MORE.search(r.masked))
        found = self._owned_other(r, side, together=together)
        if found is None and side is not None:
            found = described_project(self.ctx, r, side=side)
        return self._with_other(r, found)

    def _both_described(self, r: Reading) -> tuple[str, ...]:
        """The two projects a comparison describes instead of naming ('förstudierna om
        tungmetallsbindande tensider respektive nya halvledarmaterial – vilken fick mer?'):
        the sides of the first describing clause whose two sides each pick out their own
        project (:func:`described_project`)."""
        owned = r.organisation is not None and bool(_BOTH.search(r.masked))
        for first, second in _described_sides(r.masked):
            one = described_project(self.ctx, r, side=first, owned=owned)
            other = described_project(self.ctx, r, side=second, owned=owned) if one else None
            if one and other and one != other:
                return (one, other)
        return ()

    @staticmethod
    def _with_other(r: Reading, found: str | None) -> Reading:
        if found is None or found in r.projects:
            return r
        return replace(r, projects=(*r.projects, found))

    def _owned_other(self, r: Reading, side: str | None, *, together: bool = False) -> str | None:
        """The other project of a question on two projects of the owner or project manager it
        names, beside one of them ('Naboer AB står bakom både karolinerföreningen och
        Gränsregionalt samarbete'; ``together``: which got more, which speaks of two projects
        without saying 'both'): their only other project, or the one search ranks first
        for the other side when its name shares a word with that side (or a compound of one:
        'Branäsområdet' for 'vägen till Branäs')."""
        group = self._group_of(r) if together or _BOTH.search(r.masked) else frozenset()
        if r.projects[0] not in group:
            return None
        others = group - set(r.projects)
        if len(others) == 1:
            return next(iter(others))
        if not side:
            return None
        hits = self.ctx.searcher.search(side, k=1, filters=Filters(project_ids=others))
        if not hits:
            return None
        name = bm25_tokens(self.project(hits[0].project_id).name)
        said = [w for w in bm25_tokens(side) if len(w) >= 5]
        shared = set(name) & set(bm25_tokens(side)) or any(
            n.startswith(w) for n in name for w in said
        )
        return hits[0].project_id if shared else None

    def _group_of(self, r: Reading) -> frozenset[str]:
        """The projects of the owner or the project manager the question names that holds
        its named project."""
        groups = []
        org = r.organisation or self.ctx.organisations.find(r.masked)
        if org is not None:
            owners = set(org.values)
            projects = self.ctx.index.projects.values()
            groups.append(frozenset(p.id for p in projects if p.value("owner") in owners))
        text = fold(r.text)
        groups += [ids for name, ids in self._people.items() if name in text]
        return next((g for g in groups if r.projects[0] in g), frozenset())

    def _field(self, r: Reading) -> Answer:
        """A field; when the records lack an amount, date or list, the project's own text may
        state it ('den totala omslutningen'), so a quoted sentence of the right type is tried."""
        answer = field_answer(self.ctx, r)
        need = _IN_TEXT.get(r.field or "")
        if (
            answer.answered
            or need is None
            or from_contributor(self.ctx, r, self.project(r.projects[0]))
        ):
            return answer
        quoted = typed_answer(self.ctx, replace(r, field=None), need)
        return quoted if quoted.answered else answer

    def _compound(self, r: Reading) -> Answer:
        """Each part answered on its own, with its own citations, in one reply."""
        cites = Cites()
        lines: list[str] = []
        see_also: list[Citation] = []
        answers: list[Answer] = []
        for p in r.parts:
            answers.append(self._part(r.part(p), answers))
        for part, a in zip(r.parts, answers):
            if a.answered:
                line = _unsaid(cites.adopt(a.answer, a.citations), lines)
                lines += [line] if line else []
            else:
                lines.append(_missing(r.language, self._asked_what(r, part)))
                see_also += a.see_also
        ids = tuple(dict.fromkeys(pid for a in answers for pid in a.project_ids))
        return Answer(
            question=r.text,
            answer="\n".join(lines),
            answered=any(a.answered for a in answers),
            citations=tuple(cites.items),
            kind="compound",
            project_ids=ids,
            see_also=tuple(replace(c, n=n + 1) for n, c in enumerate(see_also[:2])),
            intent=answers[-1].intent,
        )

    def _asked_what(self, r: Reading, part: Part) -> str:
        """What a part asked, by its field or the named project's section, else in its words."""
        key = part.field or part.section
        if key and (part.field or any(self.project(p).section(key) for p in r.projects)):
            return field_name(key, r.language)
        asked = part.query.strip(" ?.,")
        rest = _NAMED_HEAD.sub("", asked, count=1)
        return _LEADING_JOINER.sub("", rest if len(rest.split()) >= 2 else asked)

    def _part(self, r: Reading, earlier: list[Answer]) -> Answer:
        """A part's answer; one that only repeats a quote an earlier part gave is asked again
        without it ('how many start-ups nationwide' after the sentence on 150 ideas), and kept
        when nothing else answers."""
        said = frozenset(_quoted(c) for a in earlier for c in a.citations)
        answer = self._single(r)
        if not (answer.kind == "passage" and answer.citations):
            return answer
        if not {_quoted(c) for c in answer.citations} <= said:
            return answer
        again = self._single(replace(r, said=said))
        return again if again.answered else answer

    def _compare(self, r: Reading) -> Answer:
        """The side-by-side answer, and a part that asks the texts ('how many buses was each
        fitting') answered from each project's own text, so no part is dropped."""
        named = aspects(r.masked)
        r = replace(r, parts=(*r.parts, *(a for a in named if a.field)))
        answer = compare_answer(self.ctx, r)
        textual = [
            p
            for p in r.parts
            if not (p.field or p.section or compares(_after_heading(p.masked)))
            and _ASKS.search(p.masked)
        ]
        textual += [a for a in named if not a.field and not compares(a.masked)]
        if not textual:
            return answer
        cites = Cites()
        lines = [cites.adopt(answer.answer, answer.citations)]
        for part in textual:
            for pid in r.projects:
                a = passage_answer(self.ctx, replace(r.part(part), projects=(pid,)))
                if a.answered:
                    lines.append(cites.adopt(a.answer, a.citations))
                else:
                    what = f"{self.project(pid).name}: {_LEADING_JOINER.sub('', part.query)}"
                    lines.append(_missing(r.language, what.strip(" ?.,")))
        return replace(answer, answer="\n".join(lines), citations=tuple(cites.items))

    def _cross(self, r: Reading) -> Answer:
        ctx = self.ctx
        q = cross_query(ctx, r)
        place = unknown_place(r.text) if r.place is None and r.organisation is None else None
        topic = topic_words(r, q, vocab=self.index.bm25.vocab_dict, also=place or "")
        if q is None:
            if place and not topic:
                return _no_place(r, place)
            if routing.DESCRIBE.search(r.masked):
                return describe_answer(ctx, r)
            return semantic_list(ctx, r)
        if not q.spans_filter() and (name := self._unexplained_name(r)):
            text = t(r.language, "answer.no_such_name", name=name)
            return Answer(question=r.text, answer=text, answered=False, kind="notfound")
        matches = run(ctx, q)
        if topic and q.measure in ("list", "count") and q.spans_filter():
            return topic_answer(ctx, r, q, [p.id for p in matches], topic)
        return list_answer(ctx, r, q, matches)

    # ------------------------------------------------------------ unknown projects

    def _unknown_project(self, r: Reading) -> str | None:
        name = routing.unknown_name(r.text, words=_no_name(r))
        if name is None:
            return None
        if (
            not r.field
            and not routing._NAME_AFTER.search(r.text)
            and not routing._QUOTED.search(r.text)
        ):
            return None
        known = self.ctx.lexicon.find(routing.fold(name))
        if known and len(known[0]) >= 0.7 * len(name):
            return None
        if self.ctx.places.whole(name) or self.ctx.organisations.find(name):
            return None
        org = r.organisation
        if org and fold(name) in r.masked[org.start : org.end]:
            return None  # 'Sweden University' of Mid Sweden University
        if org and re.search(rf"{re.escape(name)}\s*\(\s*$", r.text[: org.start]):
            return None  # an English gloss: 'the Swedish Parasports Federation (Svenska …)'
        return name

    def _named_other(self, r: Reading) -> str | None:
        """A name written as the project's ('projektet Mineraljakten i Bergslagen') that no
        project mentioned in the question starts with, and that is no word of the texts: the
        question is about a project we do not know, not the one a later word names."""
        found = routing._NAME_AFTER.search(r.text)
        if found is None or not r.mentions:
            return None
        if any(m.start <= found.start(1) < m.end for m in r.mentions):
            return None
        name = found.group(1).strip(" ?.!,:;")
        if not name[:1].isupper() or fold(name) in routing.NOT_NAMES or self._in_texts(name):
            return None
        return self._unknown_project(replace(r, projects=()))

    def _unexplained_name(self, r: Reading) -> str | None:
        """A name in a question over every project that is neither a project, an organisation
        nor a place we know, nor a word of the texts ('Hur mycket fick Zorblatt totalt?'):
        summing every project would answer another question."""
        name = routing.unknown_name(r.text, words=_no_name(r))
        if name is None or r.place or r.organisation or self.ctx.places.whole(fold(name)):
            return None
        return None if self._in_texts(name) else name

    def _unknown_name(self, r: Reading, name: str) -> Answer:
        """The answer for the project the unknown name must mean; else, for a name the texts
        use but no project is called ('mellan Fjällnäs och Vauldalen', the earlier project
        'Kraftcentrum'), the sentence that answers or "not stated" with the closest; else "no
        project called …"."""
        meant = self._meant(r, name)
        if meant:
            return self._route(replace(r, projects=(meant,)))
        if self._text_word_or_none(name):
            return passage_answer(self.ctx, replace(r, field=None))
        return self._not_found(r, name)

    def _text_word_or_none(self, name: str | None) -> bool:
        """No unknown name, or one word that the texts use and no project is called: a
        place, a person or an earlier project the texts mention, not a name to say is missing
        ('Smart Hamn Kalix' is)."""
        if name is None:
            return True
        return " " not in name.strip() and self._in_texts(name) and not self._names_holding(name)

    def _in_texts(self, name: str) -> bool:
        vocab = self.index.bm25.vocab_dict
        stems = bm25_tokens(name)
        return bool(stems) and all(stem in vocab for stem in stems)

    def _meant(self, r: Reading, name: str) -> str | None:
        """The one project a short name ('Kviberg') is part of whose name also holds another
        word of the question, or its translation ('the Kviberg pre-study' → 'Förstudie
        Kviberg …', not 'Tillväxt Kviberg')."""
        word = fold(name)
        others = {fold(w) for w in re.findall(r"[\wåäöÅÄÖ\-]{5,}", r.text)} - {word}
        others |= {sv for w in others for sv in translate(w)}
        within = self._names_holding(name)
        stems = set(bm25_tokens(" ".join(others)))
        chosen = [pid for pid in within if stems & set(bm25_tokens(self.project(pid).name))]
        return chosen[0] if len(chosen) == 1 else None

    def _names_holding(self, name: str) -> list[str]:
        """The projects (among the closest names) whose name holds ``name`` as a word."""
        word = fold(name)
        return [
            pid
            for pid in self.ctx.names.suggest(name, limit=8)
            if re.search(rf"\b{re.escape(word)}\b", fold(self.project(pid).name))
        ]

    def _not_found(self, r: Reading, name: str) -> Answer:
        close = list(dict.fromkeys(self.project(pid).name for pid in self.ctx.names.suggest(name)))
        lang = r.language
        text = t(lang, "answer.not_found", name=name)
        if close:
            quoted = [t(lang, "answer.quoted", text=c) for c in close]
            text += t(lang, "answer.did_you_mean", names=join_words(quoted, lang))
        return Answer(question=r.text, answer=text, answered=False, kind="notfound")


def _no_name(r: Reading) -> Callable[[str], bool] | None:
    """In an English question, capitalised words that are no names ('the Danish–Swedish …')."""
    if r.language != "en":
        return None
    return lambda word: demonym(word) or (" " not in word and english_word(word))


def _where_when(p: Project) -> str:
    """What tells namesakes apart: the programme area and start year."""
    start = p.value("start")
    year = str(start)[:4] if start else ""
    return ", ".join(str(v) for v in (p.value("region"), year) if v)


_THE_PROJECT_DESCRIBED = re.compile(
    r"\b(?:its|their|the|this|that)\s+(?:[\w\-]+\s+){1,3}?(?:project|pre-?study|study)\b"
    r"|\b[\wåäö]{3,}(?:projektet|studien)\b"
)
"""A question about one project it describes instead of naming ('… the investment aid in its
2009-2011 framework project'): asked of the project the description picks out, if any."""
_BOTH = re.compile(r"\b(?:både|båda|bägge|both|each|vartdera|respektive|two|två)\b")
"""An owner's two projects spoken of together ('Naboer AB står bakom både …')."""
_CLAUSE_END = re.compile(r"[.?!:;]\s|\s[–—]\s")
_SIDES = re.compile(
    r"\s(?:eller|or|och|and|vs\.?|versus|jämfört med|compared (?:to|with)|med|with|than|än|mot"
    r"|against)\s"
)


def _described_sides(masked: str) -> list[tuple[str, str]]:
    """The two sides of a clause that describes two projects without asking anything: split
    at 'respektive', 'versus' or 'eller', else at each 'och'/'and' in turn (the sides may
    hold one of their own: 'Åhus hamn och hamnarna i Söråker och Härnösand')."""
    sides = []
    for clause in _CLAUSE_END.split(masked):
        if _ASKING.search(clause):
            continue
        joins = list(_PAIRED.finditer(clause)) or list(_JOINED.finditer(clause))
        sides += [(clause[: j.start()], clause[j.end() :]) for j in joins[:_MOST_JOINS]]
    return sides


_ASKING = re.compile(r"\?|\b(?:vilk(?:en|et|a)|hur|vad|när|vem|which|how|what|when|who|whom)\b")
_PAIRED = re.compile(r"\s(?:respektive|versus|vs\.?|eller|or)\s")
_JOINED = re.compile(r",?\s(?:och|and)\s")
_MOST_JOINS = 3


_MONEY_WORDS = re.compile(
    r"hur mycket|how much|received|\bfick\b|\bfått\b|bevilja|granted|\bgot\b|\bget\b|pengar|money"
    r"|funding|funded|\bbelopp\b|\bsumma\b|\bamount\b"
)
_LISTING = re.compile(r"\blist\b|\blista\b|\beverything\b")


def _project_managers(projects: list[Project]) -> dict[str, frozenset[str]]:
    """Each project manager named in full (two words or more), folded, and their projects."""
    found: dict[str, set[str]] = {}
    for p in projects:
        name = p.value("contact")
        if isinstance(name, str) and len(name.split()) >= 2:
            found.setdefault(fold(name), set()).add(p.id)
    return {name: frozenset(ids) for name, ids in found.items()}


def _then_asked(r: Reading) -> bool:
    """A project described in one sentence and a field of it asked in the last ('Mid Sweden
    University had a project on radiation detectors. Start and finish dates?')."""
    sentences = [s for s in _SENTENCE_END.split(r.masked) if s.strip()]
    return bool(
        r.field
        and len(sentences) > 1
        and routing.DESCRIBE.search(r.masked)
        and not routing.DESCRIBE.search(sentences[-1])
        and routing.match_field(sentences[-1])
    )


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def _asked_of_it(r: Reading) -> Reading:
    """The reading narrowed to what is asked after the description."""
    asked = tuple(p for p in r.parts if not routing.DESCRIBE.search(p.masked))
    if len(asked) > 1:
        return replace(r, parts=asked)
    last = [s for s in _SENTENCE_END.split(r.masked) if s.strip()][-1]
    return replace(r, parts=(), masked=last, query=last)


def _other_side(r: Reading, mention: Mention) -> str | None:
    """The words of a comparison's other side: from the joining word next to the named
    project (within the clause that names it) to the next one."""
    joins = [m for m in _SIDES.finditer(r.masked) if not mention.start <= m.start() < mention.end]
    found = _CLAUSE_END.search(r.masked, mention.end)
    clause_end = found.start() if found else len(r.masked)
    after = [m for m in joins if mention.end <= m.start() < clause_end]
    before = [m for m in joins if m.end() <= mention.start]
    if after:
        later = [m.start() for m in joins if m.start() > after[0].start()]
        return r.masked[after[0].end() : later[0] if later else len(r.masked)]
    if before:
        start = before[-2].end() if len(before) > 1 else 0
        return r.masked[start : before[-1].start()]
    return None


def _quoted(c: Citation) -> tuple[str, str, int]:
    return (c.project_id, c.section_key, c.section_start)


def _unsaid(line: str, said: list[str]) -> str:
    """The sentences of a part's answer that an earlier part's answer has not already said
    (the phone number's 'whose' line beside the asked project manager)."""
    before = {s for earlier in said for s in _SENTENCE_BREAK.split(earlier)}
    sentences = _SENTENCE_BREAK.split(line)
    if not before.intersection(sentences):
        return line
    return " ".join(s for s in sentences if s not in before)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
_NAMED_HEAD = re.compile(r"^[^:–—]{3,}?(?::|\s[-–—])\s+")
"""The project named at a part's head ('Företagsstöd … i Kalmar län: hur stor andel …')."""
_LEADING_JOINER = re.compile(r"^(?:(?:and|och|also|även|plus|samt|but|men)\s+)+")
_ANOTHER = re.compile(
    r"\b(?:earlier|previous|former|preceding|prior|föregående|tidigare|förra)\s+"
    r"(?:[\w\-]+\s+){0,2}?(?:projects?|projekt(?:et|en)?)\b"
    r"|\bbefore (?:this|the) project\b|\b(?:innan|före) projektet\b"
    r"|\b(?:huvud|för)?projekt(?:et)? som (?:\w+ ){0,3}(?:före|föregick|fortsätter)\b"
    r"|\bär en fortsättning på\b|\bis a continuation of\b|\b(?:came|went) before\b"
    r"|\bpreceded\b|\bthat \w+ (?:continues|follows on from|builds on)\b"
    r"|\bursprungsprojekt\w*|\b(?:the )?original project\b|\bursprungliga projektet\b"
    r"|\bföregångar\w*|\bpredecessor\b|\bmoderprojekt\w*"
    r"|\b(?:talks? about|mentions?|mentioned|describes?|refers? to|nämner|nämns|talar om"
    r"|beskriver|omnämn\w*)\b"
    r"|\bin (?:nok|eur|euro|dkk)\b|\bi (?:nok|euro|eur|dkk|norska kronor|danska kronor)\b"
    rf"|\b(?:{routing.NATIONALITY})\s+(?:\w+\s+)?(?:money|funding|kronor|pengar|medel)\b"
)
"""A fact of another project the named one speaks of ('the earlier project KC2 builds on',
'the GIS cluster X talks about'), of the time before it, or an amount in another currency
than the records' kronor: the text answers, not the named project's own fields."""
_BEYOND = re.compile(
    r"hela sverige|all of sweden|whole of sweden|nationwide|i hela landet|across sweden"
    r"|in (the )?(whole|entire) country"
)
_ABOUT_PROJECTS = re.compile(
    r"\b(anything|något|nåt|any|anyone|anybody|någon som)\b|projekt(en)?\b|projects\b|\binsatser\b"
    r"|\bproject (?:count|tally|number)"
)


def _across(r: Reading) -> bool:
    """A question over the records: 'which/how many projects', a place, or an organisation's
    projects or money (an organisation's phone number is no such question)."""
    if r.aggregate:
        return True
    if r.place is not None and not r.field and _ABOUT_PROJECTS.search(r.masked):
        return True
    if r.organisation is None or COUNTS_SOMETHING.search(r.masked):
        return False
    if COST.search(r.masked) and not _PROJECT_WORD.search(r.masked):
        return False  # 'how much is the yearly membership fee in Z-Group' is no grant total
    if _COUNTS_OTHER.search(r.masked):
        return False  # 'how many partner companies had Sigrun recruited' counts no projects
    money = routing.COUNT.search(r.masked) or routing.TOTAL.search(r.masked)
    return bool(money or _MONEY_WORDS.search(r.masked) or _LISTING.search(r.masked))


def _headed(r: Reading) -> bool:
    """The question opens with a heading that describes a project beyond naming its
    organisation ('SLU (Sveriges lantbruksuniversitet): …' describes none)."""
    head = _HEADED.match(r.masked)
    if head is None or r.organisation is None:
        return False
    org = r.organisation
    rest = r.masked[: head.end()][: org.start] + r.masked[: head.end()][org.end :]
    return len(re.findall(r"[^\W\d_]{3,}", rest)) >= _HEADING_WORDS


_HEADING_WORDS = 4
_HEADED = re.compile(r"[^:?]{20,}:\s")
"""'Umeå University product development of a drug for heart disease: grant, start and end?':
a heading that describes one project, the organisation in it says whose."""
_COUNTS_OTHER = re.compile(
    r"\b(?:how many|hur många|number of|antal)\s+(?!(?:[\w\-]+\s+)?(?:projekt\w*|projects?"
    r"|records|entries|poster|rader|gånger|times|kronor|kr|sek|euro|money|pengar)\b)[\w\-]+"
)
_PROJECT_WORD = re.compile(r"\bprojekt\w*|\bprojects?\b")


def _names_a_project(r: Reading, name: str, *, quoted: bool = True) -> bool:
    """Whether the question calls ``name`` a project ('projektet X', 'the project "X"'); in a
    'which project …' question a quoted phrase is part of the description, not a name."""
    patterns = (routing._NAME_AFTER, routing._QUOTED) if quoted else (routing._NAME_AFTER,)
    named = [m.group(1) for p in patterns for m in p.finditer(r.text)]
    return any(n.strip(" ?.!,:;").startswith(name) for n in named)


def _no_place(r: Reading, place: str) -> Answer:
    text = t(r.language, "answer.place.none", place=place)
    return Answer(question=r.text, answer=text, answered=False, kind="cross", intent="cross")


def _ranking(r: Reading) -> bool:
    return measure(r.masked) in ("max", "min", "total")
