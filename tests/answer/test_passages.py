"""Answers quoted from the project texts (``assistant.answer.passages``) on the seed pages with
the fake embedder: the quote must hold what was asked, else an honest "not stated".

Passage answers that need meaning are in test_integration.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.answer.asks import NAMED, WHO, YEAR
from assistant.answer.engine import _ANOTHER
from assistant.answer.entities import Place
from assistant.answer.lexicon import counted_terms, mentions
from assistant.answer.passages import (
    _PROJECT_YEARS,
    Candidate,
    _compound_head,
    _counted,
    _dated_event,
    _has_place,
    _holds_asked,
    _in_place,
    _leads,
    _listed,
    _names_someone,
    _names_wanted,
    _noun_phrase,
    _numbers_met,
    _of_organisation,
    _ordinal_met,
    _question_names,
    _states_count,
    _swedish_noun,
    _typed,
    _vaguely_counted,
    named_query,
    passage_answer,
)
from assistant.answer.reading import Reading
from assistant.index import bm25_tokens, build_index
from assistant.settings import Settings
from assistant.text import sentence_spans

from ..conftest import RecordingEmbedder
from .helpers import assistant_over, check_citations


def english_reading(text: str, masked: str) -> Reading:
    """A reading of a question about one project ('p'), with no field or section found."""
    return Reading(
        text=text,
        language="en",
        projects=("p",),
        masked=masked,
        field=None,
        section=None,
        aggregate=False,
        mentions=(),
    )


def test_passage_answers_use_the_sentence_vectors_stored_at_build_time(
    seed_dir: Path, fake_settings: Settings
) -> None:
    embedder = RecordingEmbedder()
    build_index([seed_dir], settings=fake_settings, embedder=embedder)
    assistant = Assistant.open(fake_settings, embedder=embedder)
    embedder.documents.clear()
    embedder.queries.clear()
    answer = assistant.ask("Vad är syftet med KC2?")
    assert answer.answered and answer.kind == "passage"
    assert answer.citations[0].section_key == "purpose"
    assert embedder.documents == []
    assert len(embedder.queries) == 1


def test_an_amount_missing_from_the_records_is_quoted_from_the_text(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "fjallbuss.md").write_text(
        "# Fjällbuss Norr\n\nEn busslinje mellan fjällbyarna i tre kommuner. "
        "Projektägare: Fjällbuss AB. Total omslutning: 8 013 451 Projektledare: Anna Berg.\n\n"
        "Kontaktperson: Projektledare Anna Berg, 070-3299235\n",
        encoding="utf-8",
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask("Hur stor var den totala omslutningen för Fjällbuss Norr?")
    assert answer.answered and "8 013 451" in answer.answer
    assert [c.quote for c in answer.citations] == [answer.citations[0].quote]
    assert "8 013 451" in answer.citations[0].quote
    check_citations(assistant, answer)
    phone = assistant.ask("Is there a phone number for the project leader of Fjällbuss Norr?")
    assert phone.answered and "070-3299235" in phone.answer


@pytest.mark.parametrize(
    "question",
    [
        "Hur många deltagare från Resurscenter fick jobb hos Megaphone i Malaga?",
        "Hur många deltagare har Resurscenter i Göteborg?",
        "Which four villages does KC2 work in?",
        "How satisfied were the participants with Resurscenter?",
    ],
)
def test_a_quote_that_misses_a_name_number_or_outcome_asked_is_not_given(
    fake_assistant: Assistant, question: str
) -> None:
    answer = fake_assistant.ask(question)
    assert not answer.answered, answer.answer


def test_a_cost_question_needs_an_amount_in_the_quote(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vad kostade utbildningen av deltagarna i Resurscenter?")
    assert not answer.answered, answer.answer


def test_which_two_asks_for_names_not_the_word_two() -> None:
    reading = english_reading(
        "Which two clubs run Gränslös fotboll?", "which two clubs run                  ?"
    )
    assert _numbers_met(reading, "ett huvudprojekt mellan ifk och kvik.")
    asked_four = replace(reading, text="The four clubs of it?", masked="the four clubs of it?")
    assert not _numbers_met(asked_four, "ett huvudprojekt mellan ifk och kvik.")


def test_which_ones_after_a_number_asks_for_the_names() -> None:
    text = "GränsEraser builds on skills in two border areas. Which ones?"
    reading = english_reading(text, text.lower())
    assert _numbers_met(reading, "nedre glommaregionen och trollhätteregionen har stor kompetens.")


@pytest.mark.parametrize(
    ("question", "quote", "listed"),
    [
        (
            "X lägger fokus på de tre större destinationerna – vilka är det?",
            "projektet har en speciell fokus på de tre större destinationerna.",
            False,
        ),
        (
            "Vilka är de fyra större fastighetsförvaltarna i Dalarna?",
            "de fyra större fastighetsförvaltarna i länet samverkar som beställare.",
            False,
        ),
        (
            "Vilka är de fyra större fastighetsförvaltarna i Dalarna?",
            "de fyra större fastighetsförvaltarna: a, b, c och d samverkar.",
            True,
        ),
        (
            "Which three parts does it have?",
            "the project has three parts, research, training and a network.",
            True,
        ),
        ("Hur många destinationer finns det?", "de tre större destinationerna.", True),
        (
            "Vilka var de två dalakommuner som redan hade samarbetat?",
            "med undantag för två kommuner har inga andra kommuner i dalarna samarbetat.",
            False,
        ),
        (
            "Vilka var de två dalakommuner som redan hade samarbetat?",
            "två kommuner, rättvik och orsa, har samarbetat förut.",
            True,
        ),
        (
            "What were the names of the five or six spin-off projects?",
            "syftet är att initiera fem till sex avknoppningsprojekt i skåne och blekinge.",
            False,
        ),
        (
            "Which are the roughly ten firms that confirmed?",
            "målgruppen är de 10-tal företag som redan intygat sin medverkan.",
            False,
        ),
    ],
)
def test_a_quote_saying_the_counted_things_again_does_not_say_which(
    question: str, quote: str, listed: bool
) -> None:
    assert _listed(english_reading(question, question.lower()), quote) is listed


def test_years_that_name_the_project_are_not_asked_for() -> None:
    text = "Under which ordinances can the board give the aid in its 2009-2011 framework project?"
    assert YEAR.findall(_PROJECT_YEARS.sub(" ", text)) == []
    asked = "How many visitors came in 2010 to the project?"
    assert YEAR.findall(_PROJECT_YEARS.sub(" ", asked)) == ["2010"]


def test_the_parts_of_a_hyphenated_name_are_names_the_question_uses() -> None:
    text = "Which city does the study (Filmpool Stockholm-Mälardalen) take as its model?"
    names = _question_names(replace(english_reading(text, text.lower()), projects=()))
    assert {"stockholm-mälardalen", "stockholm", "mälardalen", "filmpool"} <= names


def test_who_won_needs_a_reported_winner(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vem vann tävlingen som KC2 ordnade?")
    assert not answer.answered, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "What hourly fee did the consultants in Resurscenter charge?",
        "Vilken arkitekt ritade lokalerna för Resurscenter?",
    ],
)
def test_a_fee_or_a_named_person_must_be_in_the_quote(
    fake_assistant: Assistant, question: str
) -> None:
    answer = fake_assistant.ask(question)
    assert not answer.answered, answer.answer


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("Which two football clubs are involved in it?", 2),
        ("Vilka tre företag deltar?", 3),
        ("Which four historic sites are restored?", 3),
        ("Vilka var de 25 företagen som fick hjälp?", 24),
        ("Vilka var de två dalakommunerna?", 2),
        ("What telescope model is given as an example?", 1),
        ("Vilka asiatiska länder pekar projektet ut?", 2),
        ("Vilket land samarbetar de med?", 1),
        ("Which archives are mentioned?", 2),
        ("På vilka orter visades utställningen?", 2),
        ("What are the names of the 14 tourist offices?", 2),
    ],
)
def test_a_question_asking_for_names_wants_that_many(question: str, wanted: int) -> None:
    reading = english_reading(question, question.lower())
    assert NAMED.search(reading.masked) or WHO.search(reading.masked)
    assert _names_wanted(reading) == wanted


@pytest.mark.parametrize(
    "question",
    [
        "När avslutades det tidigare projektet som KC2 bygger på?",
        "When did the earlier ESF project that KC2 builds on come to an end?",
        "När slutade projektet som KC2 är en fortsättning på?",
    ],
)
def test_a_date_of_an_earlier_project_is_quoted_not_the_named_projects_period(
    fake_assistant: Assistant, question: str
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.kind == "passage" and answer.answered, answer.answer
    assert "2006-12-31" in answer.answer and "2011-06-30" not in answer.answer
    check_citations(fake_assistant, answer)


def test_a_rare_name_in_a_question_pins_the_project_that_holds_it(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "fiber.md").write_text(
        "# Gränsfiber Nord\n\nEn förbindelse över gränsen i fjällen. Länken mellan Fjällnäs "
        "och Vauldalen blev klar den 20 november 2008. Arbetet påbörjades i mars 2008.\n",
        encoding="utf-8",
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask("När blev länken mellan Fjällnäs och Vauldalen klar?")
    assert answer.answered, answer.answer
    assert "20 november 2008" in answer.citations[0].quote
    check_citations(assistant, answer)


@pytest.mark.parametrize(
    ("quote", "counted", "expected"),
    [
        ("Testningen görs i en tvådagars workshop.", "dagar", True),
        ("Ett endagsseminarium för personalen.", "dagar", True),
        ("Testningen görs i en workshop.", "dagar", False),
        ("Det blir en tvådagars workshop.", "deltagare", False),
    ],
)
def test_a_number_written_into_a_compound_states_a_count(
    quote: str, counted: str, expected: bool
) -> None:
    assert _states_count(quote, counted_terms(counted)) is expected


def test_a_compound_of_the_question_is_met_by_its_head_only_when_asked() -> None:
    concept = frozenset(bm25_tokens("produktionslinjer"))
    text = "på centret kommer olika linjer för kött, mejeri och bageri."
    stems = set(bm25_tokens(text))
    assert mentions(concept, stems, text, heads=True)
    assert not mentions(concept, stems, text)
    broad = frozenset(bm25_tokens("utvecklingsprojekt"))
    assert not mentions(broad, set(bm25_tokens("ett nytt projekt")), "ett nytt projekt", heads=True)


def test_a_founding_asked_is_dated_only_by_a_founding() -> None:
    question = "in what year was the association formed?"
    assert not _dated_event(question, "progressum har våren 2009 genomfört ett seminarium.")
    assert _dated_event(question, "föreningen bildades 2007 av sex företag.")


def test_when_completed_prefers_the_sentence_that_says_completed() -> None:
    question = "when was the cable completed?"
    assert _dated_event(
        question, "bredbandsförbindelsen blev klar den 20 november 2008.", named=True
    )
    assert not _dated_event(question, "invigningen hölls den 4 december 2008.", named=True)
    assert _dated_event(question, "invigningen hölls den 4 december 2008.")
    assert not _dated_event(question, "arbetet påbörjades i mars 2008.")


def test_a_definite_ending_the_stemmer_left_does_not_hide_a_word() -> None:
    concept = frozenset(bm25_tokens("huvudprojektet"))
    text = "ett 18 månaders huvudprojekt"
    assert mentions(concept, set(bm25_tokens(text)), text)


@pytest.mark.parametrize(
    "question",
    [
        "when did the project that came before      end?",
        "where is the gis cluster that      talks about?",
        "how much norwegian ir money, in nok, went to     ?",
        "hur länge pågick huvudprojektet som kom före     ?",
    ],
)
def test_a_fact_of_something_else_than_the_project_is_read_from_its_text(question: str) -> None:
    assert _ANOTHER.search(question)
    assert not _ANOTHER.search("when did      end?")


@pytest.mark.parametrize(
    ("quote", "counted", "expected"),
    [
        ("Insatser till kvinnor enligt punkt 1 samt mentorer.", "mentorer", False),
        ("MittSverige Vatten ansvarar för 46 reningsverk i området.", "verk", True),
        ("Total omslutning: 11 679 930 Projektledare eller kontaktperson: Rolf", "personer", False),
        ("Skador drabbar i Sverige cirka 90 000 ofta unga patienter varje år.", "personer", True),
        ("Skador drabbar i Sverige cirka 90 000 ofta unga patienter varje år.", "företag", False),
        ("Målet är att 200 av de små och medelstora företagen ska delta.", "småföretag", True),
    ],
)
def test_a_labelling_number_counts_nothing_and_a_compound_counts_its_head(
    quote: str, counted: str, expected: bool
) -> None:
    assert _states_count(quote, counted_terms(counted)) is expected


def test_an_english_count_is_of_the_first_word_the_lexicon_knows() -> None:
    reading = english_reading(
        "How many new jobs did it create?", "how many new jobs did it create?"
    )
    assert "jobb" in _counted(reading)


def test_a_typed_sentence_clearly_ahead_answers_at_a_lower_similarity(
    fake_assistant: Assistant,
) -> None:
    ctx = fake_assistant.ctx
    kc2 = ctx.project("esf-kc2")
    section = kc2.section("background")
    assert section is not None
    spans = sentence_spans(section.text)
    dated = next(sp for sp in spans if "2006-12-31" in section.text[sp[0] : sp[1]])
    plain = next(sp for sp in spans if not re.search(r"\d{4}", section.text[sp[0] : sp[1]]))
    best = Candidate(
        project=kc2,
        section=section,
        start=dated[0],
        end=dated[1],
        rank=0,
        dense=0.78,
        coverage=0.2,
    )
    other = Candidate(project=kc2, section=section, start=plain[0], end=plain[1], rank=0)
    reading = english_reading("When did it end?", "when did it end?")
    assert _leads(ctx, reading, [(0.95, best), (0.85, other)])
    assert not _leads(ctx, reading, [(0.95, best), (0.93, other)])
    assert not _leads(ctx, reading, [(0.95, replace(best, dense=0.70)), (0.85, other)])
    assert not _leads(ctx, reading, [(0.95, replace(best, coverage=0.0)), (0.85, other)])


@pytest.mark.parametrize(
    ("quote", "counted", "expected"),
    [
        ("De planerade vindkraftparkerna (ca 450 st) ger 2,6 TWh.", {"vindkraft"}, True),
        ("Resultatet blir ca 300 arbetstillfällen.", {"arbetstilfäll"}, True),
        ("Investeringar kan ligga mellan 2 och 20 mkr per bolag.", {"företag", "bolag"}, False),
        ("Farleden ska muddras på en sträcka av 3 250 meter.", {"meter"}, True),
        ("I hallen finns sex curlingbanor, åskådarläktare och omklädningsrum.", {"åskåd"}, False),
    ],
)
def test_a_count_is_read_around_units_pieces_and_slips(
    quote: str, counted: set[str], expected: bool
) -> None:
    assert _states_count(quote, counted) is expected


@pytest.mark.parametrize(
    ("words", "phrase"),
    [
        (
            "credit guarantee associations are there",
            ["credit", "guarantee", "associations"],
        ),
        ("mentors take part", ["mentors"]),
        ("wind farms are planned", ["wind", "farms"]),
        ("people took part", ["people"]),
    ],
)
def test_an_english_count_is_of_the_noun_phrase_up_to_its_plural(
    words: str, phrase: list[str]
) -> None:
    assert _noun_phrase(words.split()) == phrase


def test_an_english_thing_the_lexicon_cannot_translate_is_not_counted_by_other_numbers(
    fake_assistant: Assistant,
) -> None:
    answer = fake_assistant.ask("How many zeppelins does KC2 have?")
    assert not answer.answered


def test_a_swedish_count_is_of_the_noun_after_its_adjective() -> None:
    assert _swedish_noun("enskilda", ["träffar"]) == "träffar"
    assert _swedish_noun("deltagare", ["fick"]) == "deltagare"
    assert _swedish_noun("nya", ["har"]) == "nya"
    assert _swedish_noun("intresserade", ["företag"]) == "företag"
    assert _swedish_noun("deltagare", ["totalt"]) == "deltagare"
    assert _swedish_noun("deltagare", ["omfattar"]) == "deltagare"
    assert counted_terms("träffar") >= counted_terms("möten")


def test_a_capitalised_compound_is_met_by_its_first_part() -> None:
    vocab = {"interreg", "ansökan", "projekt"}
    assert _compound_head("interregansökan", vocab) == ["interreg"]
    assert _compound_head("megaphone", vocab) == []


@pytest.mark.parametrize(
    ("quote", "project", "names"),
    [
        ("Forskningen kommer från TSCN Research och partners.", "TSCN", False),
        ("TSCN Innovation ska stimulera kommersialisering av FoU-resultat.", "TSCN", False),
        ("Delar: * Skräddarsydda barriärer. * Antibakteriella ytor.", "Tryck", False),
        ("Satsningen heter Företagsamt Halland.", "Ungt entreprenörskap i Halland", True),
        ("De arbetar med Volvo Cars och Scania.", "Fordon", True),
    ],
)
def test_a_name_is_read_whole_and_one_starting_with_the_project_is_the_project(
    fake_assistant: Assistant, quote: str, project: str, names: bool
) -> None:
    assert _names_someone(_quoted(fake_assistant, quote, project)) is names


def test_a_public_body_names_no_company(fake_assistant: Assistant) -> None:
    quote = "Medeon AB tar i samverkan med Region Skåne och Malmö stad fram ett underlag."
    c = _quoted(fake_assistant, quote, "Medeon")
    assert _names_someone(c)
    assert not _names_someone(c, companies=True)


def _quoted(assistant: Assistant, quote: str, project: str) -> Candidate:
    """``quote`` as the whole text of a project called ``project``."""
    p = next(iter(assistant.index.projects.values()))
    section = replace(p.sections[0], text=quote)
    return Candidate(
        project=replace(p, name=project), section=section, start=0, end=len(quote), rank=0
    )


def _read(assistant: Assistant, question: str, *, projects: tuple[str, ...] = ()) -> Reading:
    return replace(assistant.reader.read(question, []), projects=projects)


def test_a_question_the_text_asks_states_nothing_unless_it_holds_a_figure(
    fake_assistant: Assistant,
) -> None:
    r = _read(fake_assistant, "Which glue works best for glass and wood?", projects=("p",))
    asked = _quoted(fake_assistant, "Vilka limtyper passar bäst till glas och trä?", "Glas")
    assert not _holds_asked(fake_assistant.ctx, r, asked)
    figure = _quoted(fake_assistant, "Hur genomförs åtgärd 1.3 inom Regionalfonden?", "X")
    assert _holds_asked(fake_assistant.ctx, _read(fake_assistant, "Vilken åtgärd?"), figure)


def test_a_place_in_the_projects_own_name_is_no_answer_to_where(fake_assistant: Assistant) -> None:
    r = _read(fake_assistant, "Where will the plant be built?", projects=("p",))
    own = _quoted(
        fake_assistant,
        "Underlag för en anläggning för produktion av biogas i Mellannorrland tas fram.",
        "Biogas i Mellannorrland",
    )
    assert not _holds_asked(fake_assistant.ctx, r, own)
    site = _quoted(fake_assistant, "Anläggningen byggs vid Fällfors flygbas.", "Biogas i Norr")
    assert _holds_asked(fake_assistant.ctx, r, site)


def test_a_figure_of_an_earlier_programme_does_not_count_the_projects_own(
    fake_assistant: Assistant,
) -> None:
    quote = "I två tidigare utvecklingsprogram har 2 000 företag deltagit."
    c = _quoted(fake_assistant, quote, "Expedition Framåt")
    own = _read(
        fake_assistant, "How many companies took part in Expedition Framåt?", projects=("p",)
    )
    assert not _holds_asked(fake_assistant.ctx, own, c)
    earlier = _read(fake_assistant, "How many companies took part in the earlier programmes?")
    assert _holds_asked(fake_assistant.ctx, replace(earlier, projects=("p",)), c)


def test_a_target_group_is_answered_by_a_sentence_naming_a_group(
    fake_assistant: Assistant,
) -> None:
    r = _read(fake_assistant, "Vilken är målgruppen för Ungas levnadsvanor?", projects=("p",))
    group = _quoted(fake_assistant, "Skolelever i åldern 13 till 20 år ska få ökad insikt.", "U")
    none = _quoted(fake_assistant, "Projektet ska ge ökad insikt om vanor och hälsa.", "U")
    assert _typed(fake_assistant.ctx, r, group)
    assert not _typed(fake_assistant.ctx, r, none)


def test_a_place_named_without_a_project_is_where_the_answer_comes_from(
    fake_assistant: Assistant,
) -> None:
    ange = Place(relation="municipalities", values=("Ånge",), written="Ånge", start=0, end=4)
    kalmar = fake_assistant.project("esf-resurscenter")
    elsewhere = _quoted(fake_assistant, "Ca 600 lastbilar per dag angör många terminaler.", "V")
    elsewhere = replace(elsewhere, project=kalmar)
    assert not _in_place(elsewhere, ange)
    assert _in_place(
        replace(elsewhere, section=replace(elsewhere.section, text="Ånges bangård")), ange
    )
    kc2 = fake_assistant.project("esf-kc2")
    assert _in_place(
        replace(elsewhere, project=kc2), ange
    )  # KC2 lists Ånge among its municipalities


def test_which_four_asks_for_three_names_or_more(fake_assistant: Assistant) -> None:
    r = _read(fake_assistant, "Which four historic sites does it focus on?", projects=("p",))
    two = _quoted(fake_assistant, "I Projekt Öppna portar tar SFV och Statens ett grepp.", "Öppna")
    four = _quoted(fake_assistant, "Slotten Kalmar, Borgholm, Läckö och Vadstena ingår.", "Öppna")
    assert not _holds_asked(fake_assistant.ctx, r, two)
    assert _holds_asked(fake_assistant.ctx, r, four)


def test_which_ones_after_a_counted_thing_wants_them_all() -> None:
    question = "The text talks about the region's seven maritime cities - which ones are they?"
    assert _names_wanted(english_reading(question, question.lower())) == 6


def test_a_figure_for_a_year_answers_the_first_year_only_if_it_says_so() -> None:
    question = "How many people visited the centre in its first year?"
    reading = english_reading(question, question.lower())
    assert not _ordinal_met(reading, "en besöksplats som har drygt 25 000 besökare per år.")
    assert _ordinal_met(reading, "under det första året kom 25 000 besökare.")
    other = english_reading("How many people visit it?", "how many people visit it?")
    assert _ordinal_met(other, "en besöksplats som har drygt 25 000 besökare per år.")


def test_a_later_part_or_a_follow_up_is_measured_as_if_it_named_its_project(
    fake_assistant: Assistant,
) -> None:
    kc2 = next(p for p in fake_assistant.index.projects.values() if p.name.startswith("KC2"))
    later = replace(_read(fake_assistant, "och hur många deltog?"), projects=(kc2.id,))
    assert named_query(fake_assistant.ctx, later) == f"{kc2.name}: och hur många deltog?"
    named = replace(_read(fake_assistant, "Hur många deltog i KC2?"), projects=(kc2.id,))
    assert named_query(fake_assistant.ctx, named) == "Hur många deltog i KC2?"


def test_each_part_of_a_compound_gets_its_own_sentence(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "idebanken.md").write_text(
        "# Idébanken Blekinge\n\nMålet är att granska 50 idéer under projekttiden. "
        "Av dessa beräknas sju företag starta inom ramen för projektet.\n",
        encoding="utf-8",
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask(
        "Idébanken Blekinge: hur många idéer skulle granskas och hur många bolag räknade man med?"
    )
    assert "50 idéer" in answer.answer and "sju företag" in answer.answer, answer.answer
    check_citations(assistant, answer)
    said = next(c for c in answer.citations if "sju" in c.quote)
    r = replace(
        assistant.reader.read("Idébanken Blekinge: hur många bolag räknade man med?", []),
        said=frozenset({(said.project_id, said.section_key, said.section_start)}),
    )
    assert "sju företag" not in passage_answer(assistant.ctx, r).answer


def test_a_number_word_in_the_question_is_met_by_its_digit() -> None:
    r = english_reading(
        "Det är uppdelat i tre delar. Vilka?", "det är uppdelat i tre delar. vilka?"
    )
    assert _numbers_met(r, "projektet består av 3 delar: a, b och c.")
    assert not _numbers_met(r, "projektet består av 4 delar: a, b, c och d.")


@pytest.mark.parametrize(
    ("question", "wrong", "right"),
    [
        (
            "Vad kostade det per kubikmeter?",
            "Muddringen av 3 250 meter farled kostar 12 mkr.",
            "Muddringen kostar 150 kr per kubikmeter.",
        ),
        (
            "Hur stor del av husen på svenska sidan har försvunnit?",
            "Ca 20 % av bebyggelsen har försvunnit på den norska sidan.",
            "På svenska sidan har 15 % försvunnit.",
        ),
        (
            "Which Norwegian water utilities take part?",
            "Partners från Sverige, Norge och Danmark.",
            "Partners är Nedre Romerike Vannverk och Oslo VAV.",
        ),
        (
            "How many of its members are on the Norwegian side?",
            "Runt nationalparken i Sverige och Norge finns idag föreningens 76 medlemmar.",
            "På den norska sidan finns 30 av medlemmarna.",
        ),
        (
            "Which authors are featured in the project?",
            "Kulturturismen har börjat komma i Kalmar och Strömsund, där underlaget av"
            " författare är stort.",
            "Bland författarna finns Sara Lidman och Torgny Lindgren.",
        ),
        (
            "Vad heter boken som projektet gav ut?",
            "Det görs genom en bok, en så kallad receptsamling, som sedan ska spridas och bli"
            " underlag för en serie workshops som organisationen Coompanion håller.",
            "Projektet ger ut boken Smaker från Norr under hösten.",
        ),
        (
            "Vilken avkastning gav investeringarna?",
            "Avsikten är att Partnerinvest ska kunna göra de första investeringarna under 2009.",
            "Investeringarna gav en avkastning på 12 procent.",
        ),
        (
            "Which four small villages got broadband?",
            "Bolaget bildas av Helsinge Net AB, som ägs av Ovanåkers kommun, och Söderhamn"
            " Teknikpark AB.",
            "Byarna Alfta, Edsbyn, Viksjöfors och Runemo får bredband.",
        ),
        (
            "Who got the Olympic professorship at the centre?",
            "Miljön stärks genom inrättande av olympisk professur vid NVC.",
            "Den olympiska professuren gick till Anna Berg vid NVC.",
        ),
        (
            "Hur stor omsättning fick de sociala företagen?",
            "Målet är att deltagarna ska arbeta utifrån 100 % av den egna förmågan.",
            "De sociala företagen omsatte 4 miljoner kronor.",
        ),
    ],
)
def test_a_quote_must_hold_the_unit_side_or_kind_of_name_asked(
    fake_assistant: Assistant, question: str, wrong: str, right: str
) -> None:
    """A price per unit needs the unit, a figure for one side of the border (or for both) is
    not the other side's, a country names no organisation asked for, a place no author, a
    name far from the book asked about is not its title, and a return asks for a figure."""
    r = _read(fake_assistant, question, projects=("p",))
    assert not _holds_asked(fake_assistant.ctx, r, _quoted(fake_assistant, wrong, "X"))
    assert _holds_asked(fake_assistant.ctx, r, _quoted(fake_assistant, right, "X"))


def test_names_the_question_uses_are_removed_longest_first_in_any_order(
    fake_assistant: Assistant,
) -> None:
    quote = "Samarbetena Kalmar-Sundsvall och Kalmar-Umeå fortsätter."
    c = _quoted(fake_assistant, quote, "Moving Pictures")
    names = ["kalmar", "kalmar-sundsvall", "kalmar-umeå"]
    found = {_has_place(fake_assistant.ctx, c, order) for order in (names, names[::-1])}
    assert found == {False}


def test_a_year_in_the_projects_own_name_is_not_asked_of_the_quote(
    fake_assistant: Assistant,
) -> None:
    r = _read(
        fake_assistant, "Gävle broadband 2007: what share could get broadband?", projects=("p",)
    )
    quote = "Kommunen har byggt ut bredband som kan nås av 97 procent av invånarna."
    assert _holds_asked(fake_assistant.ctx, r, _quoted(fake_assistant, quote, "Bredband 2007"))
    assert not _holds_asked(fake_assistant.ctx, r, _quoted(fake_assistant, quote, "Bredband"))


@pytest.mark.parametrize(
    ("question", "quote", "vague"),
    [
        (
            "Vilka inspel togs upp i den nationella strategin?",
            "den regionala strategin har gett ett flertal inspel till den nationella.",
            True,
        ),
        (
            "Which companies took part?",
            "several companies took part, among them acme ab, nordic ab and sun ab.",
            False,
        ),
        ("Vilka företag deltog?", "många företag i regionen har visat intresse.", True),
        ("Vilka företag deltog?", "tre företag deltog: acme ab och sun ab.", False),
    ],
)
def test_things_said_to_be_several_are_not_said_which(
    question: str, quote: str, vague: bool
) -> None:
    reading = english_reading(question, question.lower())
    assert _vaguely_counted(reading, quote) is vague


def test_an_organisation_named_says_whose_project_answers(fake_assistant: Assistant) -> None:
    reading = fake_assistant.reader.read(
        "Hur många besökare lockade Socialförvaltningens fest?", []
    )
    assert reading.organisation is not None and not reading.projects

    def candidate(pid: str) -> Candidate:
        p = fake_assistant.project(pid)
        section = p.sections[-1]
        return Candidate(project=p, section=section, start=0, end=len(section.text), rank=0)

    assert _of_organisation(reading, candidate("esf-resurscenter"))
    assert not _of_organisation(reading, candidate("esf-kc2"))
