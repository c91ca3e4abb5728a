"""The patterns that say what a question asks for and what a quote holds."""

from __future__ import annotations

import re

import pytest

from assistant.answer.asks import COST, DURATION, FRACTION, HOW_LONG, OUTCOME, SHARE


@pytest.mark.parametrize(
    ("question", "pattern"),
    [
        ("what will a ride on the new funicular cost?", COST),
        ("what's the average investment per company?", COST),
        ("hur stor blir snittinvesteringen per bolag?", COST),
        ("how many companies actually started exporting thanks to it?", OUTCOME),
        ("which measures did they end up carrying out, and did they work?", OUTCOME),
    ],
)
def test_costs_and_outcomes_are_recognised_in_other_words(
    question: str, pattern: re.Pattern[str]
) -> None:
    assert pattern.search(question)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("Projektet har föregåtts av ett 18 månaders huvudprojekt.", True),
        ("Vägen runt fjället är 170 km lång.", True),
        ("Ett treårigt projekt.", True),
        ("Projektet har föregåtts av ett huvudprojekt.", False),
    ],
)
def test_how_long_needs_a_length_of_time_or_distance(quote: str, expected: bool) -> None:
    assert HOW_LONG.search("hur länge pågick huvudprojektet?")
    assert bool(DURATION.search(quote.lower())) is expected


@pytest.mark.parametrize(
    ("question", "quote", "answers"),
    [
        ("hur stor del av budgeten betalar högskolan?", "budgeten är 1 962 000 kr.", False),
        ("hur stor del av de vuxna står utanför?", "var 8:e vuxen står utanför.", True),
        ("what share of the cost is public?", "hälften är offentlig finansiering.", True),
    ],
)
def test_a_share_is_answered_by_a_percentage_or_fraction(
    question: str, quote: str, answers: bool
) -> None:
    assert SHARE.search(question)
    assert bool(FRACTION.search(quote)) is answers


@pytest.mark.parametrize(
    "question",
    [
        "blev det nån sammanslagning med en annan destination till slut?",
        "what gaps did the analysis actually find?",
        "vilket företag fick mångfaldsutmärkelsen?",
    ],
)
def test_outcomes_asked_in_more_words(question: str) -> None:
    assert OUTCOME.search(question)
