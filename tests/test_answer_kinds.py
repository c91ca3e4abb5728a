"""Questions as people ask them, on the seed pages with the fake embedder: several things at
once, comparisons and relations, places and organisations as filters, honest refusals.

Meaning-based routing needs the real model; it is tested in test_natural.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.answer.lexicon import translate
from assistant.answer.passages import _NAMED, _WHO, _names_wanted, _numbers_met
from assistant.answer.reading import Reading
from assistant.answer.topics import Match, accepted, in_corpus
from assistant.embedding import FakeEmbedder
from assistant.index import build_index
from assistant.routing import NameMatcher, ValueLexicon, match_field, name_aliases
from assistant.settings import Settings

from .test_answer import check_citations


def assistant_over(seed_dir: Path, settings: Settings) -> Assistant:
    """An assistant over the seed folder as the test has added to it (fake embedder)."""
    embedder = FakeEmbedder()
    build_index([seed_dir], settings=settings, embedder=embedder)
    return Assistant.open(settings, embedder=embedder)


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


@pytest.mark.parametrize(
    "question",
    [
        "Jämför Resurscenter och KC2",
        "What distinguishes KC2 from Resurscenter?",
        "How are KC2 and Resurscenter connected?",
        "Vad har KC2 och Resurscenter gemensamt?",
        "How do KC2 and Resurscenter differ?",
    ],
)
def test_comparisons_put_the_projects_side_by_side(
    fake_assistant: Assistant, question: str
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.kind == "compare" and answer.answered
    for value in ("Socialförvaltningen", "Studieförbundet Vuxenskolan", "4 614 000", "3 804 849"):
        assert value in answer.answer
    assert "Af Kalmar / Arbetsförmedlingen Strömsund" in answer.answer
    assert {c.project_id for c in answer.citations} == {"esf-kc2", "esf-resurscenter"}
    check_citations(fake_assistant, answer)


def test_which_of_two_is_larger_says_by_how_much(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Which of KC2 and Resurscenter is larger?")
    assert "So Resurscenter has 809 151 kr more" in answer.answer


def test_which_ran_longer_compares_the_periods(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vilket pågick längst, KC2 eller Resurscenter?")
    assert "KC2 pågick alltså längre (1094 dagar) än Resurscenter (913 dagar)" in answer.answer


def test_comparing_a_list_field_does_not_compare_grants(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Har KC2 och Resurscenter några medfinansiärer gemensamt?")
    assert answer.kind == "compare"
    assert "Gemensamt för båda: medfinansiärer" in answer.answer
    assert not re.search(r"\d kr\b", answer.answer)
    check_citations(fake_assistant, answer)


@pytest.mark.parametrize(
    ("question", "place"),
    [("Vilka projekt finns i Luleå?", "Luleå"), ("Are there any projects in Tromsø?", "Tromsø")],
)
def test_a_place_no_project_is_in_is_said_so(
    fake_assistant: Assistant, question: str, place: str
) -> None:
    answer = fake_assistant.ask(question)
    assert not answer.answered and answer.citations == ()
    assert place in answer.answer and (
        "Inget projekt" in answer.answer or "No project" in answer.answer
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which projects are in Borgholm?", {"esf-resurscenter"}),
        ("Hur många projekt finns i Strömsund?", {"esf-kc2"}),
        ("Vilka projekt finns i regionen Mellersta Norrland?", {"esf-kc2"}),
    ],
)
def test_a_place_is_a_filter_not_a_name(
    fake_assistant: Assistant, question: str, expected: set[str]
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.kind == "cross" and answer.answered
    assert set(answer.project_ids) == expected
    check_citations(fake_assistant, answer)


def test_a_topic_within_a_place_lists_matching_projects_with_a_sentence(
    fake_assistant: Assistant,
) -> None:
    answer = fake_assistant.ask("Vilka projekt i Strömsund handlar om sociala företag?")
    assert answer.answered and answer.project_ids == ("esf-kc2",)
    assert answer.answer.startswith("1 av 1 projekt i kommunen Strömsund")
    assert answer.citations[0].section_key not in ("facts", "municipalities")
    check_citations(fake_assistant, answer)


@pytest.mark.parametrize(
    "question",
    [
        "Hur många projekt har socialförvaltningen?",
        "How much did Socialforvaltningen receive in total, across how many projects?",
        "Vilka projekt har Socialförvaltnigen drivit?",
    ],
)
def test_organisations_are_matched_loosely(fake_assistant: Assistant, question: str) -> None:
    answer = fake_assistant.ask(question)
    assert answer.answered and answer.project_ids == ("esf-resurscenter",)
    assert "Socialförvaltningen" in answer.answer and "4 614 000 kr" in answer.answer
    check_citations(fake_assistant, answer)


def test_an_organisations_phone_number_is_not_a_list_of_its_projects(
    fake_assistant: Assistant,
) -> None:
    answer = fake_assistant.ask("Vilket organisationsnummer har Socialförvaltningen i Kalmar?")
    assert not answer.answered


@pytest.mark.parametrize(
    "question",
    [
        "What was KC2's ESF grant in euros?",
        "Hur mycket pengar bidrog Försäkringskassan med till KC2?",
    ],
)
def test_an_amount_the_records_do_not_hold_is_not_replaced_by_another(
    fake_assistant: Assistant, question: str
) -> None:
    answer = fake_assistant.ask(question)
    assert not answer.answered
    assert "3 804 849" not in answer.answer


def test_the_period_is_stated_without_a_tense_that_depends_on_today(
    fake_assistant: Assistant,
) -> None:
    answer = fake_assistant.ask("När pågick KC2?")
    assert answer.answer == "Projektperioden för KC2 är 2008-07-01 till 2011-06-30 [1]."


def test_a_document_without_owner_or_region_does_not_break_cross_questions(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "note.md").write_text(
        "# Anteckning\n\nEtt möte om samverkan.\n\nInga fakta här.\n", encoding="utf-8"
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask("Vilka projekt har Arbetsförmedlingen som medfinansiär?")
    assert set(answer.project_ids) == {"esf-kc2", "esf-resurscenter"}
    owner = assistant.ask("Vilka projekt har Socialförvaltningen som projektägare?")
    assert owner.project_ids == ("esf-resurscenter",)


def test_value_phrases_keep_no_trailing_punctuation(fake_assistant: Assistant) -> None:
    lexicon = ValueLexicon.build(fake_assistant.index.projects.values())
    assert "studieförbundet vuxenskolan" in lexicon.phrases
    assert not any(p.endswith((",", ".", ";")) for p in lexicon.phrases)


def test_which_of_the_named_projects_ranges_over_them(
    seed_dir: Path, fake_settings: Settings
) -> None:
    for n in (1, 2):
        (seed_dir / f"fjallbuss-{n}.md").write_text(
            f"# Fjällbuss Norr {n}\n\nEn busslinje mellan fjällbyarna, etapp {n}.\n",
            encoding="utf-8",
        )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask("Vilka av Fjällbuss Norr-projekten finns i källorna?")
    assert answer.kind == "cross" and answer.answered
    assert len(answer.project_ids) == 2
    assert "2 projekt med ”Fjällbuss Norr” i namnet" in answer.answer
    check_citations(assistant, answer)


def test_a_short_ask_between_commas_is_a_part_of_its_own(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("KC2 - who got the money, how much, and which municipality?")
    assert answer.kind == "compound" and answer.answered
    for value in ("Studieförbundet Vuxenskolan", "3 804 849", "Strömsund"):
        assert value in answer.answer
    check_citations(fake_assistant, answer)


def test_a_one_item_list_is_said_in_the_singular(fake_assistant: Assistant) -> None:
    sv = fake_assistant.ask("Vilka samarbetspartners har KC2?")
    assert sv.answer.startswith("Samarbetspartner för KC2: Röda Korset [1]")
    en = fake_assistant.ask("Which partners does KC2 have?")
    assert en.answer.startswith("The partner of KC2 is Röda Korset [1]")


def test_an_amount_missing_from_the_records_is_quoted_from_the_text(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "fjallbuss.md").write_text(
        "# Fjällbuss Norr\n\nEn busslinje mellan fjällbyarna i tre kommuner. "
        "Projektägare: Fjällbuss AB. Total omslutning: 8 013 451 Projektledare: Anna Berg.\n",
        encoding="utf-8",
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask("Hur stor var den totala omslutningen för Fjällbuss Norr?")
    assert answer.answered and "8 013 451" in answer.answer
    assert [c.quote for c in answer.citations] == [answer.citations[0].quote]
    assert "8 013 451" in answer.citations[0].quote
    check_citations(assistant, answer)


@pytest.mark.parametrize(
    "question",
    [
        "Hur mycket pengar fick Zorblatt totalt?",
        "How much money did Acme Widgets receive in total?",
    ],
)
def test_a_total_for_an_unknown_name_is_not_a_total_of_everything(
    fake_assistant: Assistant, question: str
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.kind == "notfound" and not answer.answered
    assert "8 418 849" not in answer.answer  # the two seed grants summed
    assert re.search(r"Zorblatt|Acme Widgets", answer.answer)


def test_an_organisation_is_found_by_its_first_word(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Hur mycket fick Studieförbundet totalt?")
    assert answer.kind == "cross" and answer.answered
    assert "3 804 849" in answer.answer and "4 614 000" not in answer.answer


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


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Vilket startade först, KC2 eller Resurscenter?", "Resurscenter startade alltså först"),
        ("Which of KC2 and Resurscenter ended later?", "So KC2 ended later (2011-06-30)"),
    ],
)
def test_which_started_first_or_ended_last_compares_the_dates(
    fake_assistant: Assistant, question: str, said: str
) -> None:
    answer = fake_assistant.ask(question)
    assert answer.kind == "compare" and said in answer.answer
    check_citations(fake_assistant, answer)


def test_short_forms_of_names_before_a_dash_or_bracket() -> None:
    assert name_aliases("VARMEEKOM -Värme och Energi Kompetensutveckling") == [
        "VARMEEKOM -Värme och Energi Kompetensutveckling",
        "VARMEEKOM",
    ]
    assert name_aliases("Swedish Lapland Film Commission (SLFC)")[1:] == [
        "Swedish Lapland Film Commission",
        "SLFC",
    ]


def test_a_loosely_written_long_name_wins_over_a_short_name_inside_it() -> None:
    names = NameMatcher.of_names([("a", "Gävle"), ("b", "Gävle-Dala Designlab")])
    found = names.find("When did Gävle-Dala Desginlab start?")
    assert [m.project_id for m in found] == ["b"]


def test_english_words_typed_with_a_slip_are_still_translated() -> None:
    assert translate("memebers") == translate("members") != ()
    assert translate("muncipality") == translate("municipality")
    assert translate("countries") == ()


def test_a_misspelt_topic_word_is_the_corpus_word_it_resembles() -> None:
    assert in_corpus("musikbranshcen", {"musikbransch", "turism"}) == "musikbransch"
    assert in_corpus("zxqwvbnm", {"musikbransch", "turism"}) is None


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("how long is the road around the mountain in it?", None),
        ("how long was the project?", "period"),
        ("how long did it run?", "period"),
    ],
)
def test_how_long_asks_for_the_period_only_of_the_project(question: str, field: str | None) -> None:
    assert match_field(question) == field


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


def test_a_cost_question_needs_an_amount_in_the_quote(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vad kostade utbildningen av deltagarna i Resurscenter?")
    assert not answer.answered, answer.answer


def test_which_two_asks_for_names_not_the_word_two() -> None:
    reading = Reading(
        text="Which two clubs run Gränslös fotboll?",
        language="en",
        projects=("p",),
        masked="which two clubs run                  ?",
        field=None,
        section=None,
        aggregate=False,
        mentions=(),
    )
    assert _numbers_met(reading, "ett huvudprojekt mellan ifk och kvik.")
    asked_four = replace(reading, text="The four clubs of it?", masked="the four clubs of it?")
    assert not _numbers_met(asked_four, "ett huvudprojekt mellan ifk och kvik.")


def test_a_quoted_phrase_in_a_which_project_question_is_description_not_a_name(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "rosenlund.md").write_text(
        "# Ett blomstrande Rosenlund\n\nProjektet planeras inom ramen för ”Trygg, vacker stad”, "
        "ett samverkansinitiativ i Göteborgs Stad.\n",
        encoding="utf-8",
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask("Vilket projekt planerades inom initiativet 'Trygg, vacker stad'?")
    assert answer.kind == "describe"  # read as a description, not "no project called …"


def test_a_project_name_can_be_the_topic_of_a_question_across_projects(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "rally.md").write_text(
        "# Svenska rallyt\n\nSvenska rallyt är ett evenemang i Värmland.\n", encoding="utf-8"
    )
    (seed_dir / "rally2.md").write_text(
        "# Innovation rally\n\nInnovationer kring Svenska rallyt och motorsport.\n",
        encoding="utf-8",
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask("Vilka projekt handlar om Svenska rallyt?")
    assert answer.kind == "cross"


def test_a_one_word_name_is_not_matched_by_a_word_with_another_first_letter() -> None:
    names = NameMatcher.of_names([("g", "Gastronomy"), ("r", "Resurscenter")])
    assert names.find("Is there any astronomy project in Jämtland?") == []
    assert [m.project_id for m in names.find("Vem äger Resurcenter?")] == ["r"]
    assert translate("astronomy") != translate("gastronomy")


def test_who_won_needs_a_reported_winner(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Vem vann tävlingen som KC2 ordnade?")
    assert not answer.answered, answer.answer


def test_a_period_asked_as_dates_is_its_own_part(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Who runs KC2 and over what dates does it run?")
    assert answer.kind == "compound" and answer.answered
    assert "Studieförbundet Vuxenskolan" in answer.answer and "2011-06-30" in answer.answer


def test_a_leading_phrase_naming_the_project_is_not_a_part(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("In KC2, who is the project owner?")
    assert answer.answered and answer.kind != "compound", answer.answer
    assert "Studieförbundet Vuxenskolan" in answer.answer


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
        ("Vilka tre företag deltar?", 2),
        ("What telescope model is given as an example?", 1),
    ],
)
def test_a_question_asking_for_names_wants_that_many(question: str, wanted: int) -> None:
    reading = Reading(
        text=question,
        language="en",
        projects=("p",),
        masked=question.lower(),
        field=None,
        section=None,
        aggregate=False,
        mentions=(),
    )
    assert _NAMED.search(reading.masked) or _WHO.search(reading.masked)
    assert _names_wanted(reading) == wanted


def test_a_compared_amount_a_project_lacks_is_said_with_the_amount_it_has(
    fake_assistant: Assistant,
) -> None:
    answer = fake_assistant.ask(
        "Vilket hade störst offentlig finansiering, KC2 eller Resurscenter?"
    )
    assert answer.kind == "compare"
    assert answer.answer.count("framgår inte") == 2, answer.answer
    assert "4 614 000" in answer.answer and "3 804 849" in answer.answer
    check_citations(fake_assistant, answer)


def test_a_quoted_name_is_compared_not_read_as_a_description(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "pajala.md").write_text(
        '# Förstudie "Framtid Pajala"\n\nNäringslivet i Pajala ska utvecklas.\n', encoding="utf-8"
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask('Vilket projekt är störst, KC2 eller Förstudie "Framtid Pajala"?')
    assert answer.kind == "compare" and len(answer.project_ids) == 2, answer.answer


def test_a_description_search_also_ranks_first_is_named(fake_assistant: Assistant) -> None:
    reading = fake_assistant.reader.read("Vilket projekt handlar om zebror och giraffer?", [])
    hit = fake_assistant.searcher.search("KC2", k=1)[0]
    kc2, res = (fake_assistant.ctx.project(p) for p in ("esf-kc2", "esf-resurscenter"))
    found = [
        Match(project=kc2, hit=hit, start=0, end=10, dense=0.90, shares_words=False),
        Match(project=res, hit=hit, start=0, end=10, dense=0.86, shares_words=False),
    ]
    ctx = fake_assistant.ctx
    assert [m.project.id for m in accepted(ctx, reading, found, "esf-kc2")] == ["esf-kc2"]
    assert accepted(ctx, reading, found, None) == []
    assert accepted(ctx, reading, found, "esf-resurscenter") == []
    weak = [replace(m, dense=m.dense - 0.08) for m in found]
    assert accepted(ctx, reading, weak, "esf-kc2") == []


def test_a_short_name_is_the_project_whose_name_holds_another_word_of_the_question(
    seed_dir: Path, fake_settings: Settings
) -> None:
    (seed_dir / "tillvaxt.md").write_text(
        "# Tillväxt Kviberg\n\nKviberg ska bli ett område för idrott.\n", encoding="utf-8"
    )
    (seed_dir / "forstudie.md").write_text(
        "# Förstudie Kviberg - tillväxtmotor\n\nFörstudien samarbetar med JM och Skanska.\n",
        encoding="utf-8",
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask("Which companies are partners in the Kviberg pre-study?")
    assert answer.kind != "notfound", answer.answer
    assert {c.project_id for c in answer.citations} <= {
        p.id for p in assistant.index.projects.values() if p.name.startswith("Förstudie")
    }
    ambiguous = assistant.ask("Vem äger Kviberg?")
    assert ambiguous.kind == "notfound" and "Tillväxt Kviberg" in ambiguous.answer
