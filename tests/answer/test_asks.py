"""The patterns that say what a question asks for and what a quote holds."""

from __future__ import annotations

import re

import pytest

from assistant.answer.asks import (
    CITY_IN,
    COST,
    DISTANCE,
    DURATION,
    FRACTION,
    HOW_LONG,
    LENGTH,
    OUTCOME,
    PLACE_ASKED,
    RANKED,
    SHARE,
    WHERE,
    WHO,
)


@pytest.mark.parametrize(
    ("question", "pattern"),
    [
        ("what will a ride on the new funicular cost?", COST),
        ("what's the average investment per company?", COST),
        ("hur stor blir snittinvesteringen per bolag?", COST),
        ("how many companies actually started exporting thanks to it?", OUTCOME),
        ("which measures did they end up carrying out, and did they work?", OUTCOME),
        ("was the main project application approved?", OUTCOME),
        ("did the firms survive?", OUTCOME),
        (
            "which measures did                                        end up doing?",
            OUTCOME,
        ),
        ("hur många deltagare fick KC2 faktiskt ut i jobb?", OUTCOME),
        ("Hur många av företagen som projektet faktiskt skapade ägs av kvinnor?", OUTCOME),
        ("ledde prospekteringen till att någon ny gruva öppnades?", OUTCOME),
        ("vad beräknas det kosta att genomföra planen?", COST),
        ("vilken placering hade åre i rankingen?", RANKED),
        ("what rank did the region get?", RANKED),
        ("vilka var de 25 företagen som fick hjälp?", WHO),
        ("which were the 12 companies in the network?", WHO),
        ("hur många av företagen som kontaktades fick faktiskt coachning?", OUTCOME),
        ("vad blev föreningens nya namn efter namnbytet?", OUTCOME),
        ("vilka trender kom trendspaningen fram till?", OUTCOME),
        ("which type of glue did the project find works best?", OUTCOME),
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
        "did the firms really manage to triple their order intake?",
        "which gaps did its mapping turn up?",
        "how much did their sales grow in practice?",
    ],
)
def test_outcomes_asked_in_more_words(question: str) -> None:
    assert OUTCOME.search(question)


@pytest.mark.parametrize(
    "question",
    [
        "at least how many business advisers should end up using it?",
        "what share of the forest berries actually gets picked today?",
    ],
)
def test_a_goal_or_the_present_is_not_an_outcome(question: str) -> None:
    assert not OUTCOME.search(question)


@pytest.mark.parametrize(
    ("question", "length"),
    [
        ("hur lång blir den nya förbindelsen?", True),
        ("how long will the platform be?", True),
        ("how long did the project run?", False),
        ("hur lång tid tar det?", False),
    ],
)
def test_a_length_asked_is_told_from_a_time(question: str, length: bool) -> None:
    assert bool(LENGTH.search(question)) is length
    assert DISTANCE.search("den totala längden blir 170 meter")
    assert not DISTANCE.search("ett sabotage för tre år sedan")


@pytest.mark.parametrize(
    ("question", "unavailable"),
    [
        ("how much are the doctoral students paid?", True),
        ("how much of its grant has actually been paid out?", True),
        ("vad hade projektledaren i månadslön?", True),
        ("who paid for the new bridge?", False),
    ],
)
def test_salaries_and_payments_are_facts_the_texts_must_name(
    question: str, unavailable: bool
) -> None:
    from assistant.answer.evidence import UNAVAILABLE

    assert bool(UNAVAILABLE.search(question)) is unavailable


def test_where_after_a_name_and_dash_asks_a_place_an_acronym_is_no_place() -> None:
    assert WHERE.search("uniclean at miun - where was the demonstrator placed?")
    assert PLACE_ASKED.search("säktek: at which former air base is the site?")
    assert not PLACE_ASKED.search("the project where students build robots: who led it?")
    assert CITY_IN.search("placeras vid Fällfors") and not CITY_IN.search("spelare i IFK")


@pytest.mark.parametrize(
    "question",
    [
        "Hur många gästnätter blev det faktiskt genom LINK?",
        "Nådde projektet målet om 100 MSEK mer i omsättning?",
        "Did they reach the target of 200 companies?",
        "Vad blev den nya sloganen?",
        "Hur mycket ökade omsättningen i hamnarna?",
        "How much did turnover increase thanks to it?",
    ],
)
def test_an_outcome_is_asked(question: str) -> None:
    assert OUTCOME.search(question.lower())


def test_a_rent_is_a_cost_and_a_suburb_a_place() -> None:
    assert COST.search("vad skulle hyran bli för en plats i bazaren?")
    assert PLACE_ASKED.search("which gothenburg suburb did the pilot end up in?")
    assert PLACE_ASKED.search("i vilken stadsdel ligger kontoret?")
