"""Patterns and names of a question (``assistant.routing``): short forms of names, loosely
written names, fields asked for, the value phrases of the records."""

from __future__ import annotations

import pytest

from assistant.answer import Assistant
from assistant.answer.lexicon import translate
from assistant.models import Project
from assistant.routing import (
    AGGREGATE,
    DESCRIBE,
    ONE_DESCRIBED,
    NameMatcher,
    ValueLexicon,
    match_field,
    match_section,
    name_aliases,
    unknown_name,
)
from assistant.text import fold


def test_value_phrases_keep_no_trailing_punctuation(fake_assistant: Assistant) -> None:
    lexicon = ValueLexicon.build(fake_assistant.index.projects.values())
    assert "studieförbundet vuxenskolan" in lexicon.phrases
    assert not any(p.endswith((",", ".", ";")) for p in lexicon.phrases)


def test_short_forms_of_names_before_a_dash_or_bracket() -> None:
    assert name_aliases("VARMEEKOM -Värme och Energi Kompetensutveckling") == [
        "VARMEEKOM -Värme och Energi Kompetensutveckling",
        "VARMEEKOM",
    ]
    assert name_aliases("Swedish Lapland Film Commission (SLFC)")[1:] == [
        "Swedish Lapland Film Commission",
        "SLFC",
    ]
    assert name_aliases("VISÖ, Visualisering av Infrastruktur i Öresund")[1:] == ["VISÖ"]
    assert name_aliases("Ett nytt Innovativt TräCenter i Norr, ITCN")[1:] == [
        "ITCN",
        "Ett nytt Innovativt TräCenter i Norr",
    ]
    assert name_aliases("Stödstruktur vid Uppsala universitet, SIHSU 2.0")[1] == "SIHSU 2.0"
    assert name_aliases("Tillgänglighet, Innovationsprocesser och Tillväxt")[1:] == []
    assert name_aliases("Repslageriet på Lindholmen- utveckling av världsarvsturism")[1:] == [
        "Repslageriet på Lindholmen"
    ]
    assert name_aliases("InUt-Infrastruktursatsningar för näringslivets utveckling")[1:] == ["InUt"]
    assert name_aliases("IKT-Forum i Skåne")[1:] == []


def test_a_loosely_written_long_name_wins_over_a_short_name_inside_it() -> None:
    names = NameMatcher.of_names([("a", "Gävle"), ("b", "Gävle-Dala Designlab")])
    found = names.find("When did Gävle-Dala Desginlab start?")
    assert [m.project_id for m in found] == ["b"]


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


def test_a_one_word_name_is_not_matched_by_a_word_with_another_first_letter() -> None:
    names = NameMatcher.of_names([("g", "Gastronomy"), ("r", "Resurscenter")])
    assert names.find("Is there any astronomy project in Jämtland?") == []
    assert [m.project_id for m in names.find("Vem äger Resurcenter?")] == ["r"]
    assert translate("astronomy") != translate("gastronomy")


def test_a_one_word_name_is_not_the_start_of_a_longer_word() -> None:
    names = NameMatcher.of_names([("i", "Innova"), ("r", "Resurscenter")])
    assert names.find("The energy centre at Innovatum Teknikpark: what was granted?") == []
    assert [m.project_id for m in names.find("Hur stor var Innovas budget?")] == ["i"]
    assert [m.project_id for m in names.find("Vem ledde Resurscentret?")] == ["r"]


@pytest.mark.parametrize(
    "question",
    [
        "Was there a pre-project on packaging welfare solutions for export?",
        "Is there something about sports clubs cutting energy use?",
        "Has anyone worked on a coastal radar system in the Kattegat?",
        "Finns det någon satsning i Skåne som ger blivande företagare mentorer?",
        "Is there a project linking vocational schools and tourism?",
        "Vad hette länsstyrelsen i Östergötlands förstudie om solceller hos småföretag?",
        "Nybro looked at two sites for a freight terminal. What was that pre-study called?",
    ],
)
def test_which_project_questions_in_other_words_are_description_questions(question: str) -> None:
    assert DESCRIBE.search(fold(question))


@pytest.mark.parametrize(
    "question", ["Finns det några projekt i Buskerud?", "Is there a contact person for KC2?"]
)
def test_a_list_or_a_fact_is_not_a_description_question(question: str) -> None:
    assert not DESCRIBE.search(fold(question))


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("which countries did kalmar kommun visit?", None),
        ("which counties does kc2 cover?", "counties"),
        ("vilket företag fick mångfaldsutmärkelsen i kc2?", None),
        ("vilket företag fick stödet i kc2?", "owner"),
        ("vem gjorde förstudien?", "owner"),
        ("vilka låg bakom förstudien?", "owner"),
        ("who carried out the pre-study?", "owner"),
        ("who did the printing trials?", None),
    ],
)
def test_a_word_near_a_field_word_is_not_that_field(question: str, field: str | None) -> None:
    assert match_field(question) == field


def test_the_words_before_a_comma_are_a_short_name_unless_they_name_an_owner() -> None:
    long = "Udvikling af de primære sundhedstjenester, Øresundsregionen - Region Skåne"
    assert "Udvikling af de primære sundhedstjenester" in name_aliases(long)
    owner = "Fiber Optic Valley AB, Processledning & Fokusområden 2"
    assert name_aliases(owner) == [owner]
    assert name_aliases("Analys, strategi och plan")[1:] == []


def test_a_masked_question_is_searched_at_its_own_positions() -> None:
    matcher = NameMatcher.of_names([("p1", "Resurscenter")])
    masked = "                 - who owns resurscenter?"
    (found,) = matcher.find(masked)
    assert masked[found.start : found.end] == "resurscenter"


def test_a_name_of_everyday_english_words_must_be_written_as_a_name() -> None:
    matcher = NameMatcher.of_names([("p1", "Business Development")])
    assert matcher.find("how many researchers join the business development workshops?") == []
    assert matcher.find("Who owns Business Development?")


@pytest.mark.parametrize(
    "question",
    [
        "there was a pre-study testing smart lamp posts with a local utility - name?",
        "jag letar efter förstudien om en ny byggnad för innovation i rosengård",
        "what's the project that wanted to turn the racing track into an arena?",
        "looking for the research project mapping the genetics of local cod",
        "what was the project with an art show in an old oat storehouse?",
        "vad hette projektet med museum och en databas med gamla foton?",
    ],
)
def test_more_ways_of_asking_which_project_a_description_means(question: str) -> None:
    assert DESCRIBE.search(question)


def test_a_programme_called_mal_2_is_no_question_about_goals() -> None:
    from assistant.routing import match_section

    assert match_section("how many mål 2-funded work packages were running?") is None
    assert match_section("vilka mål har projektet?") == "goals"


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("hur når man henne?", "email"),
        ("do you have an emial for them?", "email"),
        ("hur stort var EU-stödet?", "grant_sek"),
        ("I need the amount", "grant_sek"),
        ("vem var projektägre?", "owner"),
        ("vem ska jag ringa om klimatanpassa sundsvall", "contact"),
        ("which organisation was in charge of the project?", "owner"),
    ],
)
def test_more_ways_of_asking_for_a_field(question: str, field: str) -> None:
    assert match_field(question) == field


def test_a_name_joined_to_a_word_by_a_hyphen_is_a_compound_not_the_project() -> None:
    names = NameMatcher.of_names([("s", "SMS"), ("k", "KC2")])
    assert names.find("Hur många köpte SMS-biljett i projektet?") == []
    assert [m.project_id for m in names.find("Vem äger KC2-projektet?")] == ["k"]


def test_a_short_name_in_brackets_at_the_end_is_a_short_form_a_place_or_phase_is_not() -> None:
    assert "Sporstech 1" in name_aliases("Sport- och upplevelseteknologi (Sporstech 1)")
    assert "BiodriV" in name_aliases("Biogas för drift av fordon (BiodriV)")
    assert name_aliases("Turism i väst (Halland)")[1:] == ["Turism i väst"]
    assert "Fas 1" not in name_aliases("Marint centrum (Fas 1)")


def test_a_three_letter_acronym_before_a_dash_is_a_short_form() -> None:
    assert name_aliases("IIM - Industrialiseringsprocesser i Innovativa Miljöer")[1] == "IIM"
    assert "Iim" not in name_aliases("Iim - något annat")


def test_another_number_after_a_name_is_another_project() -> None:
    names = NameMatcher(
        [
            Project(id=pid, name=name, kind="doc", source=f"{pid}.md")
            for pid, name in [
                ("one", "Sport- och upplevelseteknologi (Sporstech 1)"),
                ("two", "SportsTech 2"),
            ]
        ]
    )
    assert [m.project_id for m in names.find("sporstech 1 – vem var stödmottagare?")] == ["one"]
    assert [m.project_id for m in names.find("Vem ledde SportsTech 2?")] == ["two"]
    assert names.find("Vem ledde SportsTech 3?") == []


def test_another_number_after_a_short_form_is_another_project() -> None:
    names = NameMatcher([Project(id="s2", name="SATIN - 2", kind="doc", source="s2.md")])
    assert names.find("SATIN-1 (tjänsteinnovation) – vem ledde projektet?") == []
    assert [m.project_id for m in names.find("SATIN-2: vem ledde det?")] == ["s2"]
    assert [m.project_id for m in names.find("Vem ledde SATIN?")] == ["s2"]
    dated = NameMatcher(
        [Project(id="h", name="Handslaget etapp 2, 2007-11-19", kind="doc", source="h.md")]
    )
    found = dated.find("Handslaget etapp 2 (Lycksele/Malå) - who is the project leader?")
    assert [m.project_id for m in found] == ["h"]


def test_swedish_i_after_a_name_ending_in_a_year_is_no_roman_numeral() -> None:
    names = NameMatcher(
        [
            Project(id=pid, name=name, kind="doc", source=f"{pid}.md")
            for pid, name in [
                ("kalmar", "Företagsstöd beviljade 2010"),
                ("vg", "Företagsstöd (bidrag) i Västra Götaland 2010-2014"),
            ]
        ]
    )
    found = names.find("Företagsstöd beviljade 2010 i Kalmar län: hur stor andel av företagen …")
    assert found[0].project_id == "kalmar"


def test_a_name_is_known_without_its_head_word_for_what_it_is() -> None:
    aliases = name_aliases("Utvecklingsprogrammet Trä Innovations Nätverket (TräIN)")
    assert "Trä Innovations Nätverket" in aliases
    assert "BiogasMitt" in name_aliases("Utvecklingsprojektet BiogasMitt")
    assert "Hälsingland Business" in name_aliases("Hälsingland Business, H4B")
    assert name_aliases("Förstudien Green Living") == ["Förstudien Green Living", "Green Living"]
    assert name_aliases("Miljonprogrammet som innovationsarena") == [
        "Miljonprogrammet som innovationsarena"
    ]


def test_a_coined_word_only_one_name_holds_names_that_project_in_any_word_order() -> None:
    projects = [
        Project(id=pid, name=name, kind="doc", source=f"{pid}.md")
        for pid, name in [
            ("e4s", "Inre Skandinavien Export4Seasons"),
            ("p1", "Plattform DalaBit"),
            ("p2", "DalaBit Fas 2 - fortsättning"),
        ]
    ]
    names = NameMatcher(projects)
    found = names.find("Export4Seasons i Inre Skandinavien: vilket län räknas det till?")
    assert [m.project_id for m in found] == ["e4s"]
    assert names.find("Vem ledde DalaBit?") == []  # two names hold it: which is meant?
    rampen = Project(id="r", name="Rampen SkåneNordost", kind="doc", source="r.md")
    assert NameMatcher([rampen]).find("Förstudien om e-arkiv i Skåne Nordost: vem ledde?") == []
    assert [m.project_id for m in NameMatcher(projects[:2]).find("Vem ledde DalaBit?")] == ["p1"]


def test_a_word_of_other_projects_texts_is_no_slip_of_a_one_word_name() -> None:
    rc = Project(id="rc", name="Resurscenter", kind="doc", source="rc.md")
    names = NameMatcher([rc], words=frozenset({"resurscentra"}))
    assert names.find("vems entreprenörskap ska resurscentra främja?") == []
    assert [m.project_id for m in names.find("vem äger resurcenter?")] == ["rc"]
    assert [m.project_id for m in names.find("Vem äger Resurscentret?")] == ["rc"]


def test_the_stage_a_question_numbers_picks_between_projects_sharing_a_short_name() -> None:
    names = NameMatcher(
        [
            Project(id=pid, name=name, kind="doc", source=f"{pid}.md")
            for pid, name in [
                ("one", "Center för nätverksutveckling och konkurrenskraft - del 1 uppbyggnad"),
                ("two", "Center för nätverksutveckling och konkurrenskraft - del II genomförande"),
            ]
        ]
    )
    for question, pid in [
        ("Center för nätverksutveckling och konkurrenskraft, del 1: vem ledde det?", "one"),
        ("Center för nätverksutveckling och konkurrenskraft del 2 – vem ledde det?", "two"),
        ("Center för nätverksutveckling och konkurrenskraft, part II: who led it?", "two"),
    ]:
        assert names.find(question)[0].project_id == pid


@pytest.mark.parametrize(
    "question",
    [
        "What was the 2014 pre-project that mapped clean-tech players around the Öresund?",
        "which was the study that looked at tram lines?",
        "finns det något skånskt projekt där kvinnor fick en mentor?",
        "Which small Gävleborg study asked whether local know-how about high water could grow?",
        "Vilken dalsländsk förstudie ville att vandringsleder ska bli turistprodukter?",
        "What is the medical technology and physics centre that Norrbotten and Västerbotten run?",
        "Which pre-project from a Gothenburg association prepared a main project on hiring?",
        "Which 2014 Luleå project tried to get machine grading of joinery parts?",
        "What was the small Gothenburg preparatory project on citizen dialogue?",
    ],
)
def test_what_was_the_pre_project_that_describes_one(question: str) -> None:
    assert DESCRIBE.search(question.lower())


@pytest.mark.parametrize(
    "question",
    [
        "NovaMedTech: which university, which project leader, what grant?",
        "what project period?",
        "vilken tidigare studie bygger Det goda åldrandet i Kvarken vidare på?",
        "What was the Gotland Seaweed Biorefinery Initiative about, and who ran it?",
    ],
)
def test_a_field_of_the_project_asks_for_no_project_by_description(question: str) -> None:
    assert not DESCRIBE.search(question.lower())


def test_a_three_letter_short_form_that_is_a_word_of_the_texts_is_no_name() -> None:
    fem = Project(id="f", name="FEM - Fornybar energi og Miljø", kind="doc", source="f.md")
    names = NameMatcher([fem])
    assert [m.project_id for m in names.find("Vem äger FEM?")] == ["f"]
    common = NameMatcher([fem], common=frozenset({"fem"}))
    assert common.find("Vilka fem projekt finns i Halland?") == []


@pytest.mark.parametrize(
    ("question", "one"),
    [
        ("vem var projektledare för förstudien om kanal i Njurunda skärgård?", True),
        ("who led the project on high-frequency power supplies at Miun?", True),
        ("Förstudien om en länkorganisation vid Örebro universitet – vem ledde den?", True),
        ("Hur många projekt har Örebro universitet?", False),
        ("Which projects did Luleå University of Technology run?", False),
        ("Blekinge Business Incubators satsning på produktionsindustrin: hur många idéer?", True),
        ("Region Skåne's pre-study on e-learning: who ran it?", True),
        ("Hur många satsningar på turism har Region Skåne?", False),
        ("Who ran Filmpool Nord's incubator for audiovisual products?", True),
        ("NetPort Karlshamn's e-transactions project: who co-finance it?", True),
        ("What are Region Skåne's projects?", False),
    ],
)
def test_one_project_named_by_what_it_does(question: str, one: bool) -> None:
    assert bool(ONE_DESCRIBED.search(fold(question))) == one


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("who was in charge of it?", "contact"),
        ("LISA: grant, leader and end date?", "grant_sek"),
        ("leader?", "contact"),
        ("Vem stod som stödmotagare för Järvsö?", "owner"),
        ("will it lead to more jobs?", None),
    ],
)
def test_people_in_charge_and_a_misspelt_beneficiary(question: str, field: str | None) -> None:
    assert match_field(question) == field


def test_what_projects_an_owner_has_run_asks_across_projects() -> None:
    assert AGGREGATE.search("stiftelsen minerva – vad har de drivit för projekt?")
    assert not AGGREGATE.search("vad är det för projekt?")
    assert AGGREGATE.search("has the federation itself owned any project here? which?")
    assert AGGREGATE.search("har kommunen ägt något projekt?")
    assert AGGREGATE.search("does frederikshavn kommune (denmark) own anything in here?")


def test_a_later_part_of_a_name_gives_its_short_names() -> None:
    assert "CIFA" in name_aliases("CONNECT Interreg med norra Företagsacceleratorn - CIFA")
    aliases = name_aliases("Säkerhet - Nordic Safety and Security, NSS - En centrumbildning")
    assert "NSS" in aliases and "Nordic Safety and Security" in aliases
    assert name_aliases("Projekt X - Del 1") == ["Projekt X - Del 1", "Projekt X", "X - Del 1"]
    assert "SMILE II" in name_aliases("Science and Math in Learning Enviroments - SMILE II")
    assert "LIFE 2" in name_aliases("Lärande i företag - LIFE 2")


@pytest.mark.parametrize(
    "question",
    [
        "how many funded projects have it as owner?",
        "gate 21 from denmark - what has it owned in this database?",
        "filmpol mitt – vad har föreningen fått stöd för och hur mycket?",
        "byggutbildning star i dalarna ab, vilka projekt och vilken summa?",
        "if i filter on the west sweden programme area, what's the project total?",
        "overtorneå municipality up by the finnish border: what is its project count?",
        "looking at alingsås: on how many project records is that municipality listed?",
        "ulricehamn – hur ofta dyker kommunen upp i projektens kommunlistor?",
    ],
)
def test_other_words_for_an_organisations_or_a_places_projects(question: str) -> None:
    assert AGGREGATE.search(question)


@pytest.mark.parametrize(
    ("masked", "section"),
    [
        ("what is         ?", "summary"),
        ("vad är    ?", "summary"),
        ("vad gick       ut på?", "summary"),
        ("what is     's budget?", None),
        ("tell me about z-group's arena for market development", "summary"),
    ],
)
def test_what_a_project_is_asks_its_summary(masked: str, section: str | None) -> None:
    assert match_section(masked) == section


def test_a_description_naming_an_organisation_describes_one_project() -> None:
    assert ONE_DESCRIBED.search("tell me about z-group's arena for market development in jämtland")
    assert ONE_DESCRIBED.search("what was the kattegattleden pre-study from region halland about?")


def test_each_side_of_a_name_written_as_two_is_a_short_form() -> None:
    aliases = name_aliases(
        "Närinternationalisering i Öresundsregionen / Centre for Scandinavian Studies II"
    )
    assert aliases[1:] == [
        "Närinternationalisering i Öresundsregionen",
        "Centre for Scandinavian Studies II",
    ]
    assert "Del 1 - Projektering" not in name_aliases(
        "Markaryd station - För Framtiden / Del 1 - Projektering"
    )


def test_a_longer_name_written_exactly_wins_over_the_name_it_starts_with() -> None:
    both = "Närinternationalisering i Öresundsregionen / Centre for Scandinavian Studies II"
    names = NameMatcher(
        [
            Project(id="one", name="Centre for Scandinavian Studies", kind="doc", source="a.md"),
            Project(id="two", name=both, kind="doc", source="b.md"),
        ]
    )
    assert (
        names.find("Centre for Scandinavian Studies II – vilka universitet?")[0].project_id == "two"
    )
    assert names.find("Vem ledde Centre for Scandinavian Studies?")[0].project_id == "one"


def test_a_name_continued_after_a_hyphen_is_a_namesake() -> None:
    projects = [
        Project(id="smok", name="KRUT", kind="doc", source="a.md"),
        Project(id="umea", name="KRUT-Ökad regional tillgänglighet", kind="doc", source="b.md"),
    ]
    names = NameMatcher(projects)
    mention = names.find("For KRUT in Umeå: who owns it?")[0]
    assert set(names.rivals(mention, "For KRUT in Umeå: who owns it?")) == {"smok", "umea"}


def test_a_short_form_that_goes_on_in_another_name_is_a_namesake() -> None:
    projects = [
        Project(
            id="main",
            name="GEOSUS, Geoenergy research centre: Förberedande Projekt",
            kind="doc",
            source="a.md",
        ),
        Project(
            id="pre", name="Förstudie: GEOSUS, Geoenergy research centre", kind="doc", source="b.md"
        ),
    ]
    names = NameMatcher(projects)
    question = "The GEOSUS pre-study: how old is the crater?"
    mention = names.find(question)[0]
    assert set(names.rivals(mention, question)) == {"main", "pre"}


@pytest.mark.parametrize(
    ("masked", "section"),
    [
        ("about how long is the new stretch of rail up to it?", None),
        ("is it about two towns?", None),
        ("what is it about?", "summary"),
    ],
)
def test_about_before_a_measure_is_roughly_not_what_it_is_about(
    masked: str, section: str | None
) -> None:
    assert match_section(masked) == section


def test_an_organisations_project_on_something_is_one_project() -> None:
    assert ONE_DESCRIBED.search("in ltu's project on synchronised building, which contractor?")


def test_a_year_or_a_span_of_years_after_project_is_no_name() -> None:
    found = unknown_name("Vilket projekt 2008–2010 ville stärka Lycksele som GIS-centrum?")
    assert found == "Lycksele"  # a capitalised word, for the caller to tell from a place
    assert unknown_name("Vem ledde projektet Mineraljakten?") == "Mineraljakten"
