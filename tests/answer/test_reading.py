"""Reading a question (``assistant.answer.reading``) on the seed pages with the fake embedder:
follow-ups, the parts of a question that asks several things, its language.

Meaning-based routing needs the real model; it is tested in test_natural.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.answer.reading import (
    _PROJECT_WORD,
    _field,
    _project_spelled,
    _vetoed,
    describing_head,
    description,
    split_parts,
)
from assistant.models import Answer
from assistant.routing import blank, mask
from assistant.settings import Settings

from .helpers import assistant_over, check_citations, write_tvv


def test_followups_resolve_against_earlier_turns(fake_assistant: Assistant) -> None:
    history: list[Answer] = []
    for question in ("Vem är projektägare för KC2?", "Och hur mycket ESF-stöd fick det projektet?"):
        history.append(fake_assistant.ask(question, history=history))
    assert "3 804 849 kr" in history[-1].answer

    english: list[Answer] = [fake_assistant.ask("How much ESF support did Resurscenter get?")]
    english.append(fake_assistant.ask("And KC2?", history=english))
    assert "3 804 849 kr" in english[-1].answer
    english.append(fake_assistant.ask("Who is the contact person?", history=english))
    assert "Veronica Borg" in english[-1].answer
    assert english[-1].language == "en"


@pytest.mark.parametrize(
    ("question", "values"),
    [
        ("Vem äger Resurscenter och när slutar projektet?", ["Socialförvaltningen", "2010-10-31"]),
        (
            "Who owns KC2, and how much money did it get?",
            ["Studieförbundet Vuxenskolan", "3 804 849"],
        ),
        (
            "What are the owner and the end date of KC2?",
            ["Studieförbundet Vuxenskolan", "2011-06-30"],
        ),
        (
            "Vad är e-postadressen och telefonnumret till Resurscenter?",
            ["@kalmar.se", "0480-450852"],
        ),
        ("Who owns KC2 as well as when did it end?", ["Studieförbundet Vuxenskolan", "2011-06-30"]),
        ("Vem äger KC2? När slutade det?", ["Studieförbundet Vuxenskolan", "2011-06-30"]),
    ],
)
def test_compound_questions_answer_every_part(
    fake_assistant: Assistant, question: str, values: list[str]
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.answered and answer.kind == "compound"
    for value in values:
        assert value in answer.answer
    assert len(answer.citations) >= 2
    check_citations(fake_assistant, answer)


def test_a_part_the_sources_do_not_answer_is_named_not_dropped(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vem äger KC2 och vilka län omfattar projektet?")
    assert answer.answered and answer.kind == "compound"
    assert "Studieförbundet Vuxenskolan" in answer.answer
    assert "Om län: det framgår inte" in answer.answer
    check_citations(fake_assistant, answer)


def test_a_short_ask_between_commas_is_a_part_of_its_own(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("KC2 - who got the money, how much, and which municipality?")
    assert answer.kind == "compound" and answer.answered
    for value in ("Studieförbundet Vuxenskolan", "3 804 849", "Strömsund"):
        assert value in answer.answer
    check_citations(fake_assistant, answer)


def test_a_swedish_name_does_not_make_an_english_question_swedish(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "arena.md").write_text(
        "# Utvecklingsarena för forskning och entreprenörskap i Norrbotten\n\n"
        "Ett samverkansprojekt mellan Luleå tekniska universitet och Umeå universitet.\n",
        encoding="utf-8",
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask(
        "Which universities ran Utvecklingsarena för forskning och entreprenörskap i Norrbotten?"
    )
    assert answer.language == "en"


def test_a_period_asked_as_dates_is_its_own_part(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Who runs KC2 and over what dates does it run?")
    assert answer.kind == "compound" and answer.answered
    assert "Studieförbundet Vuxenskolan" in answer.answer and "2011-06-30" in answer.answer


def test_a_leading_phrase_naming_the_project_is_not_a_part(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("In KC2, who is the project owner?")
    assert answer.answered and answer.kind != "compound", answer.answer
    assert "Studieförbundet Vuxenskolan" in answer.answer


@pytest.mark.parametrize(
    ("masked", "kept"),
    [
        ("who ran the road-to-rail study in strängnäs and what was the grant?", "road-to-rail"),
        ("vem ägde förstudien om omlastning i strängnäs?", "omlastning"),
    ],
)
def test_a_description_is_the_question_without_what_it_asks(masked: str, kept: str) -> None:
    text = description(masked)
    assert kept in text
    assert not re.search(r"\b(who|ran|grant|what|vem|ägde)\b", text), text


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        (
            "KC2: which city was responsible, who was the contact and when did it end?",
            ["which city was responsible", "who was the contact", "when did it end"],
        ),
        (
            "Vem står bakom KC2, och vad hette den första fasen?",
            ["vem står bakom", "vad hette den första fasen"],
        ),
        (
            "According to the KC2 page, how many people were unemployed?",
            ["according to the kc2 page, how many people were unemployed"],
        ),
    ],
)
def test_every_clause_that_asks_is_a_part_and_an_opening_one_qualifies_the_next(
    fake_assistant: Assistant, question: str, asks: list[str]
) -> None:
    r = fake_assistant.reader.read(question, [])
    parts = [p.query.strip(" ?") for p in r.parts] or [r.text.lower().strip(" ?")]
    assert [re.sub(r"^kc2: ", "", p) for p in parts] == asks


def test_a_lowercase_name_nothing_joins_to_another_is_a_word_not_a_second_project(
    fake_assistant: Assistant,
) -> None:
    one = fake_assistant.reader.read("Hur många deltagare som resurscenter nämns i KC2?", [])
    assert one.projects == ("esf-kc2",)
    both = fake_assistant.reader.read("Hur skiljer sig resurscenter och KC2?", [])
    assert set(both.projects) == {"esf-kc2", "esf-resurscenter"}


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("by about how much did they cut the budget in the new application?", None),
        ("hur mycket minskade budgeten i ansökan?", None),
        ("hur stor del av budgeten betalar högskolan?", None),
        ("hur stor del av den är esf-stöd?", "grant_sek"),
        ("vad hade projektledaren i månadslön?", None),
        ("how much of the grant has been paid out?", None),
        ("vad är budgeten?", "budget_sek"),
        ("musikbroen: when was the øresunds solist talent contest started?", None),
        ("over which years was the broadband build-out done?", None),
        ("när startade tävlingen?", None),
        ("when did the project start?", "period"),
        ("when did each run and which got more money?", "period"),
        ("mentions the kvarken link - how long is that crossing?", None),
        ("where was the demonstrator placed for the test period?", None),
        ("by what year should every programme student have taken a course?", None),
        ("när startade projektet?", "period"),
        ("vem är projektledare?", "contact"),
        ("for how long do the student teams work on a company's problem?", None),
        ("how long did the project run?", "period"),
        ("when did they start building the high voltage valley cluster", None),
        ("when did they start the project?", "period"),
        ("när började man bygga klustret?", None),
        ("när började de arbeta med projektet?", "period"),
        ("när startade och slutade projektet?", "period"),
        ("who was the grant holder", "owner"),
        ("which almi company ran it", "owner"),
        ("vilken norsk skola var med som projektägare?", None),
        ("vem var projektägare?", "owner"),
        ("how was the money split between its 7 research projects?", None),
        ("hur mycket ökade tågresandet tack vare projektet?", None),
    ],
)
def test_a_change_a_share_of_an_event_or_a_fact_no_field_holds_is_not_that_field(
    question: str, field: str | None
) -> None:
    assert _field(question) == field


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        (
            "tillväxt halland - who owned it and what was the grant? also which university"
            " college was involved?",
            ["who owned it", "what was the grant", "also which university college was involved?"],
        ),
        (
            "hjärtat - vem var projektägare, hur mycket eu-pengar och längs vilken led ska"
            " turistprodukter utvecklas?",
            ["vem var projektägare", "hur mycket eu-pengar", "längs vilken led"],
        ),
        ("vem äger kc2 och med vilka samarbetar de?", ["vem äger", "med vilka samarbetar de?"]),
        ("satsa ii owner + grant", ["owner", "grant"]),
        (
            "how much was c-bic fas 3 granted, and in what year did the whole c-bic effort begin?",
            ["how much was c-bic fas 3 granted", "in what year did the whole c-bic effort"],
        ),
        (
            "what was the visitor figure in 2007, and since when has karlskrona been on the list?",
            ["what was the visitor figure in 2007", "since when has karlskrona"],
        ),
        (
            "what share goes abroad, and between which cities does the railway run?",
            ["what share goes abroad", "between which cities"],
        ),
        (
            "byggdialog dalarna – hur många aktörer samverkar, och vad heter det årliga forum"
            " där projektgrupperna berättar om sitt arbete?",
            ["hur många aktörer samverkar", "vad heter det årliga forum"],
        ),
        (
            "bio-x 2020 - contact person, grant, and the vinnova programme that uppsala bio is"
            " part of?",
            ["contact person", "grant", "the vinnova programme"],
        ),
        ("vem äger kc2 och vad heter det?", ["vem äger kc2 vad heter det"]),
    ],
)
def test_a_part_after_a_joining_word_or_a_preposition_is_a_part_of_its_own(
    question: str, asks: list[str]
) -> None:
    parts = split_parts(question, question)
    assert len(parts) == len(asks)
    for part, ask in zip(parts, asks):
        assert ask in part.masked


def test_masking_a_masked_question_keeps_every_position() -> None:
    masked = mask("Tillväxt Halland - who owned it?", [(0, 16)])
    again = blank(masked, [(19, 22)])
    assert len(again) == len(masked) and again[23:28] == "owned"


def test_a_name_the_project_is_said_to_mention_is_no_second_project(
    fake_assistant: Assistant,
) -> None:
    r = fake_assistant.reader.read("KC2 mentions Resurscenter - how long is that?", [])
    assert r.projects == ("esf-kc2",)
    both = fake_assistant.reader.read("KC2 and Resurscenter - how long did they run?", [])
    assert set(both.projects) == {"esf-kc2", "esf-resurscenter"}


def test_a_field_asked_again_in_a_later_part_asks_the_text() -> None:
    question = (
        "who applied, how big was the grant, and which ordinance is the seed funding based on?"
    )
    parts = split_parts(question, question)
    assert [p.field for p in parts] == ["owner", "grant_sek", None]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("how many projcts?", "how many projects?"),
        ("hur många porjekt?", "hur många projekt?"),
        ("Prjects of Lund", "Projects of Lund"),
        ("protect the coast", "protect the coast"),
        ("the process and products", "the process and products"),
    ],
)
def test_the_word_project_misspelt_is_read_as_project(written: str, read: str) -> None:
    assert _PROJECT_WORD.sub(_project_spelled, written) == read


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        (
            "forum östersjön on gotland - roughly how many people visit the rectory each year, "
            "and which university college is a partner?",
            ["how many people visit", "which university college"],
        ),
        (
            "säktek: at what scale are the city blocks built, and at which air base is the site?",
            ["at what scale", "at which air base"],
        ),
        ("according to the kc2 page, how many people are unemployed?", ["how many people"]),
    ],
)
def test_a_clause_with_a_question_word_anywhere_is_a_part_of_its_own(
    question: str, asks: list[str]
) -> None:
    parts = split_parts(question, question)
    assert len(parts) == len(asks)
    assert all(ask in p.masked for p, ask in zip(parts, asks))


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("which finished project is this a continuation of?", None),
        ("is it finished?", "status"),
        ("when was it finished?", "period"),
        ("how long can one of these graduate jobs last?", None),
        ("how long can the project run?", "period"),
        ("sedan när finns yrkeshögskolan?", None),
        ("när ska flytten från malmberget vara klar?", None),
        ("när startade projektet?", "period"),
        ("what two gis systems was the municipality running when it started?", None),
        ("when did it start?", "period"),
        ("hur länge måste ett soloföretag ha funnits för att få vara med?", None),
        ("which ongoing project did it grow out of?", None),
        ("is it an ongoing project?", "status"),
        ("the date it wrapped up?", "period"),
    ],
)
def test_a_date_or_length_of_something_else_is_not_the_projects_period(
    question: str, field: str | None
) -> None:
    assert _field(question) == field


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        (
            "botnia samtrams - the money went to which organisation, and who ran the project?",
            ["owner", "contact"],
        ),
        ("who ran it?", ["owner"]),
        (
            "who got the grant, how large was it, and which two other organisations take part?",
            ["owner", "grant_sek", None],
        ),
        (
            "vilken organisation fick pengarna, hur mycket handlade det om"
            " och vem höll i projektet?",
            ["owner", "grant_sek", "contact"],
        ),
    ],
)
def test_a_part_is_read_beside_the_parts_before_it(question: str, fields: list[str | None]) -> None:
    assert [p.field for p in split_parts(question, question)] == fields


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        ("x – kontakt, belopp och antal workshops?", ["contact", "grant_sek", None]),
        (
            "x – vem var projektledare, hur mycket beviljades, och effekterna av vad ska"
            " satsningen motverka?",
            ["contact", "grant_sek", None],
        ),
        ("how many companies are behind it?", [None]),
    ],
)
def test_a_count_or_a_question_word_inside_a_listed_clause_is_a_part(
    question: str, fields: list[str | None]
) -> None:
    assert [p.field for p in split_parts(question, question)] == fields


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("the stockholm region ranks near the top in europe - behind which city?", None),
        ("in which region is it?", "region"),
        ("are they in the same region?", "region"),
        ("vilket år skulle regionen vara en av europas ledande?", None),
        ("vilka statliga myndigheter tänkte de ta kontakt med?", None),
        ("vem ska jag ta kontakt med?", "contact"),
        ("is there a named person i could write to?", "email"),
        ("how long would it be?", None),
        ("how long did it run?", "period"),
        ("inom vilket eu-program finansierades projektet?", "program"),
        ("hur skiljer sig förstudien från själva träinee-programmet i tid?", None),
        ("hur stor andel av företagen ägs av kvinnor?", None),
        ("how many of the firms were women-owned?", None),
        ("vilket år kom turistrådet till?", None),
        ("vilka forskningsfinansiärer kontaktade bioventia 2006?", None),
        ("what year was the tourist board founded?", None),
        ("vem ägs projektet av?", "owner"),
        ("when did the federation board decide it was the top infrastructure priority?", None),
        ("mötesspår räppe: when did the board decide it was the top priority?", None),
        ("which priority axis is it under?", "priority"),
        ("and the vinnova programme that uppsala bio is part of?", None),
        ("the name of the umbrella development programme?", None),
        ("which programme is it funded under?", "program"),
        ("what did it receive?", "grant_sek"),
        ("hur mycket rörde det sig om?", "grant_sek"),
        ("a number to reach her?", "phone"),
        ("how can i reach her?", "email"),
        ("how do i reach her by phone?", "phone"),
        ("hur når jag henne per telefon?", "phone"),
        ("hur når man honom?", "email"),
        ("and the municipalities it lists?", "municipalities"),
        ("vilka är de sju insatsområdena i den digitala agendan?", None),
        ("which insatsområde is it under?", "priority"),
        ("which seven companies got to develop their own laser applications?", None),
        ("who got the olympic professorship at the centre?", None),
        ("who got the grant?", "owner"),
        ("which company got the most?", "owner"),
        ("what is kc2?", None),
        ("which finnish and swedish regions/counties is it filed under?", "counties"),
        ("x part 2 (the building phase): which new tunnel frees capacity?", None),
        ("x (the building phase): who is the owner?", "owner"),
        ("green: vem kontaktar man (mejl)?", "email"),
        ("who has the municipality been partnering with since 2011?", None),
        ("what does the project manager do all day?", None),
        ("who did the owner hire?", None),
        ("what did the project cost?", "budget_sek"),
        ("who has the contact details?", "contact"),
        ("which outside organisations will be contacted afterwards?", None),
        ("who should be contacted?", "contact"),
        ("vem ska kontaktas?", "contact"),
        ("hur ska projektet avslutas?", None),
        ("när ska projektet avslutas?", "period"),
        ("for which earlier labs could the owner not document the results?", None),
        ("which firms ran the two proof-of-concept projects?", None),
        ("vem ledde de två delprojekten?", None),
        ("hur länge ska kommunen själv äga och driva terminalen?", None),
        ("hur länge pågår projektet?", "period"),
        ("how long will the municipality run the terminal?", None),
    ],
)
def test_a_field_word_that_asks_no_field(question: str, field: str | None) -> None:
    assert _field(question) == field


def test_a_programme_region_is_a_filter_not_the_programme_field(
    fake_assistant: Assistant,
) -> None:
    r = fake_assistant.reader.read(
        "Mellersta Norrland-programmet, hur många projekt handlar det om?", []
    )
    assert r.place is not None and r.place.written == "Mellersta Norrland"
    assert r.field is None


def test_an_earlier_project_spoken_of_in_anothers_text_is_no_second_project(
    fake_assistant: Assistant,
) -> None:
    r = fake_assistant.reader.read(
        "How many people had the first Resurscenter project reached, per the KC2 description?", []
    )
    assert r.projects == ("esf-kc2",)
    both = fake_assistant.reader.read(
        "KC2 compared with the first Resurscenter: which got more?", []
    )
    assert set(both.projects) == {"esf-kc2", "esf-resurscenter"}


@pytest.mark.parametrize(
    ("question", "vetoed"),
    [
        ("vad heter det årliga forum där projektgrupperna berättar om sitt arbete?", True),
        ("what is the outer harbour called?", True),
        ("vad heter organisationen som äger det?", False),
        ("what is the name of the project manager?", False),
        ("who has the municipality been partnering with since 2011?", True),
        ("what did the project cost?", False),
    ],
)
def test_the_name_of_a_thing_is_no_field_the_example_bank_may_guess(
    question: str, vetoed: bool
) -> None:
    assert _vetoed(question) is vetoed


@pytest.mark.parametrize(
    ("question", "head"),
    [
        (
            "uppsala county study on quicker trunk bus lines toward the coast: what road number?",
            "uppsala county study on quicker trunk bus lines toward the coast",
        ),
        (
            "In the Klövsjö/Katrina tourism investment, what did the first stage cost?",
            "In the Klövsjö/Katrina tourism investment",
        ),
        ("Battericentrum in Ale: who owned it?", None),
        ("KC2 – vem är projektägare, och när slutar det?", None),
        ("The long project with a grant and an owner: what is the grant?", None),
    ],
)
def test_a_heading_that_describes_the_project_is_its_description(
    question: str, head: str | None
) -> None:
    assert describing_head(question) == head
    if head is not None:
        assert description(question) == head


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        (
            "biotech umeå (uminova): leader, grant, and roughly how many innovation projects?",
            ["contact", "grant_sek", None],
        ),
        (
            "godsterminal i älvsbyn – projektledare, stöd, och hur länge ska kommunen äga den?",
            ["contact", "grant_sek", None],
        ),
    ],
)
def test_a_grant_named_by_one_word_or_a_roughly_counted_clause_is_a_part(
    question: str, fields: list[str | None]
) -> None:
    assert [p.field for p in split_parts(question, question)] == fields


def test_words_of_the_rest_of_a_name_pick_one_of_its_namesakes(
    seed_dir: Path, fake_settings: Settings
) -> None:
    names = [
        ("39613", "The Packaging Arena - regionalt kompetenscentrum för förpackningar"),
        ("148014", "The Packaging Arena - Europeiska nod för förpackningsutveckling"),
    ]
    write_tvv(seed_dir / "arena.csv", [{"arende_id": c, "projektnamn": n} for c, n in names])
    assistant = assistant_over(seed_dir, fake_settings)
    centre = assistant.reader.read("The Packaging Arena competence centre: who led it?", [])
    assert centre.projects == ("tvv-39613",) and not centre.namesakes
    node = assistant.reader.read("Vem ledde The Packaging Arena, den europeiska noden?", [])
    assert node.projects == ("tvv-148014",)
    either = assistant.reader.read("Vem ledde The Packaging Arena?", [])
    assert len(either.projects) == 1
