"""Places and organisations in a question (``assistant.answer.entities``) on the seed pages with
the fake embedder: a place is a filter, an organisation is matched loosely."""

from __future__ import annotations

import pytest

from assistant.answer import Assistant
from assistant.answer.entities import (
    _ENGLISH_ORG,
    Gazetteer,
    Organisations,
    _bare_forms,
    _leading_words,
    _spoken,
    _swedish_orgs,
    glossed_place,
    org_key,
    place_key,
    plain,
)
from assistant.models import FieldValue, ListField, ListItem, Project, Span

from .helpers import check_citations


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("Vilka projekt finns i Luleå?", "Luleå"),
        ("Are there any projects in Tromsø?", "Tromsø"),
        ("Pärnu, the Estonian resort town - has any project been there?", "Pärnu"),
        ("Flensburg vid gränsen – finns det något projekt där?", "Flensburg"),
    ],
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
    ("question", "kind"),
    [
        ("How much is the yearly membership fee at Socialförvaltningen?", "passage"),
        ("What did Socialförvaltningen's projects cost in total?", "cross"),
        ("What has Socialförvaltningen owned in this database?", "cross"),
        (
            "Socialförvaltningen (i Kalmar): what do the grants to all its projects add up to?",
            "cross",
        ),
    ],
)
def test_a_fee_of_an_organisation_is_no_total_of_its_grants(
    fake_assistant: Assistant, question: str, kind: str
) -> None:
    assert fake_assistant.ask(question).kind == kind


def test_an_organisation_is_found_by_its_first_word(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask("Hur mycket fick Studieförbundet totalt?")
    assert answer.kind == "cross" and answer.answered
    assert "3 804 849" in answer.answer and "4 614 000" not in answer.answer


def test_a_county_body_is_found_as_people_say_it() -> None:
    assert _spoken("regionförbundet jämtlands län") == [
        "regionförbundet i jämtland",
        "regionförbundet jämtland",
    ]
    assert _spoken("länsstyrelsen i norrbottens län")[0] == "länsstyrelsen i norrbotten"
    assert _spoken("studieförbundet vuxenskolan") == []


@pytest.mark.parametrize(
    ("written", "swedish"),
    [
        ("Karlstad University", "Karlstads universitet"),
        ("Umeå University", "Umeå universitet"),
        ("Luleå University of Technology", "Luleå tekniska universitet"),
        ("Boden municipality", "Bodens kommun"),
        ("the municipality of Strömsund", "Strömsunds kommun"),
    ],
)
def test_an_organisation_named_in_english_is_read_as_the_data_names_it(
    written: str, swedish: str
) -> None:
    m = _ENGLISH_ORG.search(written)
    assert m is not None and _swedish_orgs(m)[0] == swedish


def test_an_organisation_in_english_or_without_swedish_letters_is_found(
    fake_assistant: Assistant,
) -> None:
    assert plain("högskolan i gävle") == "hogskolan i gavle"
    answer = fake_assistant.ask("How many projects did Socialforvaltningen run?")
    assert answer.answered and answer.project_ids == ("esf-resurscenter",)


def test_english_names_no_rule_derives_are_listed() -> None:
    from assistant.answer.entities import _ENGLISH_NAME, ENGLISH_ORG_NAMES

    found = _ENGLISH_NAME.search("unicleans demonstrator at mid sweden university")
    assert found is not None and ENGLISH_ORG_NAMES[found.group()] == "mittuniversitetet"
    m = _ENGLISH_ORG.search("University of Gävle")
    assert m is not None and "högskolan i Gävle" in _swedish_orgs(m)


def test_a_danish_ae_is_the_ae_the_records_write() -> None:
    assert place_key("Region Sjælland") == place_key("Region Sjaelland")


def test_a_norwegian_county_is_found_as_written_in_norwegian() -> None:
    item = ListItem(text="Nord tröndelags fylke", span=Span(source="p.csv", start=0, end=1))
    county = ListField(key="counties", label="Län", items=(item,))
    places = Gazetteer([Project(id="p", name="P", kind="tvv", source="p.csv", lists=(county,))])
    for written in ("nord-trøndelag", "nord tröndelag", "nord-tröndelags fylke"):
        found = places.find(f"hur många projekt finns i {written}?")
        assert found is not None and found.values == ("Nord tröndelags fylke",), written
    assert places.find("hur många projekt finns i trøndelag?") is None


def test_a_name_ending_in_its_own_short_form_gets_no_second_one() -> None:
    orgs = Organisations([_owned_by("Svenstavik Företagarförening SFF")])
    assert orgs.find("under which sfs ordinances can the board give aid") is None
    found = orgs.find("vad har svenstavik företagarförening sff drivit för projekt")
    assert found is not None and found.written == "Svenstavik Företagarförening SFF"
    assert Organisations([_owned_by("Norrbottens Energi Kontor")]).find("nek:s projekt")


def test_an_owner_is_found_without_its_legal_form() -> None:
    groups = {
        "kommunalförbundet akademi norr": ("Kommunalförbundet Akademi Norr",),
        "georange ideella förening": ("Georange ideella förening",),
        "föreningen norden": ("FÖRENINGEN NORDEN",),
        "ab yrkeshögskolan vid åbo akademi": ("Ab Yrkeshögskolan vid Åbo Akademi",),
    }
    forms = dict((bare, key) for key, bare in _bare_forms(groups, frozenset()))
    assert forms["akademi norr"] == "kommunalförbundet akademi norr"
    assert forms["georange"] == "georange ideella förening"
    assert forms["yrkeshögskolan vid åbo akademi"] == "ab yrkeshögskolan vid åbo akademi"
    assert "norden" not in forms  # a place of the texts, not the association


def test_an_owner_is_found_by_its_distinctive_part() -> None:
    orgs = Organisations(
        [
            _owned_by("Svenska Assitej"),
            _owned_by("Nätverk för jämställdhet i Västernorrland - Winnet Västernorrland"),
        ]
    )
    found = orgs.find("Vilka projekt har Assitej stått som ägare till?")
    assert found is not None and found.written == "Svenska Assitej"
    found = orgs.find("What projects does Winnet Västernorrland have?")
    assert found is not None and found.written.endswith("Winnet Västernorrland")


def test_an_owner_is_found_by_its_first_words_when_no_other_starts_with_them() -> None:
    orgs = Organisations([_owned_by("Santa Anna IT Research Institute AB")])
    found = orgs.find("santa anna it research (linköping): list its projects")
    assert found is not None and found.written == "Santa Anna IT Research Institute AB"
    twins = ("nya mötesplatser i norr service", "nya mötesplatser i norr invest")
    leads = dict((lead, k) for k, lead in _leading_words({k: (k,) for k in twins}, frozenset()))
    assert leads == {}  # both start so; 'nya mötesplatser i' ends in a joining word


def test_initials_that_are_a_common_word_name_no_owner() -> None:
    orgs = Organisations([_owned_by("Kommunalförbundet Akademi Norr")], common=frozenset({"kan"}))
    assert orgs.find("vilka två flygplatser kan bindas ihop?") is None
    assert Organisations([_owned_by("Kommunalförbundet Akademi Norr")]).find("kan:s projekt")


def _places(*values: str) -> Gazetteer:
    items = tuple(ListItem(text=v, span=Span(source="p.csv", start=0, end=1)) for v in values)
    field = ListField(key="counties", label="Län", items=items)
    return Gazetteer([Project(id="p", name="P", kind="tvv", source="p.csv", lists=(field,))])


def test_a_place_typed_without_swedish_letters_is_found_unless_it_is_a_word() -> None:
    places = _places("Norsjö", "Åre", "Östersund")
    found = places.find("norsjo - count the projects that include it")
    assert found is not None and found.values == ("Norsjö",)
    assert places.find("ostersund projects") is not None
    assert places.find("which projects are there") is None  # 'are' is not Åre


def test_a_place_the_question_sets_aside_is_no_filter() -> None:
    places = _places("Österbotten", "Mellersta Österbotten")
    found = places.find("ostrobothnia itself, not south or central ostrobothnia: how many?")
    assert found is not None and found.values == ("Österbotten",)


def _owned_by(owner: str) -> Project:
    value = FieldValue(
        key="owner",
        label="Ägare",
        value=owner,
        text=owner,
        span=Span(source="p.md", start=0, end=1),
    )
    return Project(id=owner, name=f"Projekt {owner}", kind="doc", source="p.md", fields=(value,))


def test_a_nationality_before_a_body_is_no_slip_of_an_owner() -> None:
    orgs = Organisations([_owned_by("ORSA KOMMUN")])
    assert orgs.find("vilken norsk kommun står som projektägare") is None
    found = orgs.find("hur många projekt har orsa kommun")
    assert found is not None and found.written == "ORSA KOMMUN"


@pytest.mark.parametrize(
    ("owner", "key"),
    [
        ("Medicon Valley Alliance, F.M.B.A", "medicon valley alliance"),
        ("IUC Z-GROUP AB", "iuc z-group"),
        ("Nordisk Energi A/S", "nordisk energi"),
        ("Oy Botnia Ab", "oy botnia"),
        ("Region Hovedstaden", "region hovedstaden"),
    ],
)
def test_an_owner_is_known_without_its_legal_form_in_any_nordic_language(
    owner: str, key: str
) -> None:
    assert org_key(owner) == key


def test_an_organisation_in_a_masked_question_is_found_where_it_is_written() -> None:
    orgs = Organisations([_owned_by("Bioforsk Midt-Norge")])
    masked = "                               : vilken svensk part jobbar Bioforsk Midt-Norge med?"
    found = orgs.find(masked)
    assert found is not None
    assert masked[found.start : found.end] == "Bioforsk Midt-Norge"


def test_a_place_named_by_an_everyday_word_is_the_word_after_a_verb() -> None:
    places = _places("Vara", "Norrbotten", "Södermanland")
    found = places.find("hur stor del av personalen ska vara från norrbotten?")
    assert found is not None and found.values == ("Norrbotten",)
    vara = places.find("vilka projekt finns i vara?")
    assert vara is not None and vara.values == ("Vara",)
    sormland = places.find("flens kommun in sörmland")
    assert sormland is not None and sormland.values == ("Södermanland",)


def test_an_organisation_opening_the_question_by_its_body_word_is_found() -> None:
    orgs = Organisations([_owned_by("Skärgårdsstiftelsen i Stockholms län")])
    found = orgs.by_head("Skärgårdsstiftelsen – vilka projekt har stiftelsen fått stöd för?")
    assert found is not None and found.values == ("Skärgårdsstiftelsen i Stockholms län",)
    assert Organisations([_owned_by("Strömsunds kommun")]).by_head("Strömsunds projekt?") is None


def test_a_place_the_question_locates_in_a_larger_one_is_the_place_asked() -> None:
    places = _places("Ulricehamn", "Västra Götaland")
    found = places.find("ulricehamn i västra götaland – hur ofta dyker kommunen upp?")
    assert found is not None and found.values == ("Ulricehamn",)
    assert found.start == 0 and found.end == len("ulricehamn")


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("Molde on the Norwegian west coast - anything there?", "Molde"),
        ("Pärnu, the Estonian resort town - has any project been there?", "Pärnu"),
        ("KC2, the project in Jämtland - who owns it?", None),
        ("Umeå, the city up north - who lives there?", None),
    ],
)
def test_a_name_glossed_as_a_place_asked_for_projects_there(
    question: str, place: str | None
) -> None:
    assert glossed_place(question) == place
