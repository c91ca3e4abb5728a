"""Projects found by what their texts say (``assistant.answer.topics``) on the seed pages with
the fake embedder: "which project …?" by description, topics within a place."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.answer.entities import Place
from assistant.answer.topics import (
    _PLACE_GLOSS,
    Match,
    _speaks_of,
    _unheard,
    accepted,
    in_corpus,
)
from assistant.models import Project, Section, Span
from assistant.settings import Settings

from .helpers import assistant_over, check_citations, write_tvv


def test_a_topic_within_a_place_lists_matching_projects_with_a_sentence(
    fake_assistant: Assistant,
) -> None:
    answer = fake_assistant.ask("Vilka projekt i Strömsund handlar om sociala företag?")
    assert answer.answered and answer.project_ids == ("esf-kc2",)
    assert answer.answer.startswith("1 av 1 projekt i kommunen Strömsund")
    assert answer.citations[0].section_key not in ("facts", "municipalities")
    check_citations(fake_assistant, answer)


def test_a_misspelt_topic_word_is_the_corpus_word_it_resembles() -> None:
    assert in_corpus("musikbranshcen", {"musikbransch", "turism"}) == "musikbransch"
    assert in_corpus("zxqwvbnm", {"musikbransch", "turism"}) is None


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
    in_place = assistant.ask("projects about Svenska rallyt in Strömsund municipality?")
    assert in_place.kind == "cross", in_place.answer
    assert assistant.ask("Vem äger Svenska rallyt?").kind == "field"


def test_the_project_search_ranks_first_is_named_when_its_sentence_is_close_enough(
    fake_assistant: Assistant,
) -> None:
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
    named = accepted(ctx, reading, found, "esf-resurscenter")
    assert [m.project.id for m in named] == ["esf-resurscenter"]
    both_first = [replace(m, dense=m.dense - 0.08) for m in found]
    assert [m.project.id for m in accepted(ctx, reading, both_first, "esf-kc2")] == ["esf-kc2"]
    assert accepted(ctx, reading, both_first, "esf-resurscenter") == []
    weak = [replace(m, dense=m.dense - 0.12) for m in found]
    assert accepted(ctx, reading, weak, "esf-kc2") == []


def test_an_english_topic_word_is_no_slip_of_a_swedish_one() -> None:
    assert in_corpus("hiking", {"hising", "vandring"}) == "hiking"


def test_a_project_outside_the_place_asked_matches_only_if_its_text_names_it() -> None:
    text = "Ett samarbete kring livsmedel och turism över Öresund och i Region Skåne."
    section = Section(
        key="description", title="Beskrivning", text=text, span=Span(source="p", start=0, end=1)
    )
    p = Project(id="p", name="Mat över sundet", kind="doc", source="p", sections=(section,))
    skane = Place(
        relation="region", values=("Region Skåne",), written="Region Skåne", start=0, end=1
    )
    jamtland = Place(relation="counties", values=("Jämtland",), written="Jämtland", start=0, end=1)
    assert _speaks_of(p, skane)
    assert not _speaks_of(p, jamtland)


@pytest.mark.parametrize(
    ("after_place", "gloss"),
    [
        (", the town north-east of Gothenburg: how many?", True),
        (" municipality up by the Finnish border: what is its project count?", True),
        (" i Västra Götaland – hur ofta?", True),
        (" in the tourism sector: how many?", False),
        (" handlar om turism?", False),
    ],
)
def test_words_that_say_where_a_place_is_are_a_gloss(after_place: str, gloss: bool) -> None:
    assert bool(_PLACE_GLOSS.match(after_place)) is gloss


def _project(case: str, name: str, owner: str, about: str, places: str = "") -> dict[str, str]:
    return {
        "arende_id": case,
        "projektnamn": name,
        "projektnamn_short": name,
        "stodmottagare": owner,
        "kommun_fordelning": places,
        "projektbeskrivning": about,
    }


@pytest.mark.parametrize(
    ("question", "meant"),
    [
        (
            "Vilket Region Skåne-projekt skapar en fiskedestination för sportfiske i världsklass?",
            "tvv-501",
        ),
        ("Vilket projekt i Lycksele kommun skapar en fiskedestination i världsklass?", "tvv-503"),
    ],
)
def test_a_description_naming_an_owner_or_municipality_is_sought_among_its_projects(
    seed_dir: Path, fake_settings: Settings, question: str, meant: str
) -> None:
    """Region Skåne's own project before Region Blekinge's, whose text mentions Region Skåne;
    Lycksele kommun's project, whose record lists no municipality."""
    fishing = "Region Skåne-projektet skapar en fiskedestination för sportfiske"
    write_tvv(
        seed_dir / "fiske.csv",
        [
            _project("501", "Fiskeriket", "Region Skåne", f"{fishing}."),
            _project("502", "Fiskeleden", "Region Blekinge", f"{fishing} i världsklass."),
            _project(
                "503",
                "Gränslöst fiske",
                "Lycksele kommun",
                "Projektet skapar en fiskedestination i världsklass.",
            ),
            _project("504", "Idrottsriket", "Förening", "En idrottsplattform.", "Lycksele"),
        ],
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask(question)
    assert answer.kind == "describe" and answer.project_ids[:1] == (meant,), answer.answer


def test_an_organisation_s_project_named_by_what_it_does_is_found_among_its_own(
    seed_dir: Path, fake_settings: Settings
) -> None:
    owner = "Filmpool Nord AB"
    incubator = "Filmpool Nord Development - inkubator för audiovisuella produkter"
    about = "Inkubatorn stödjer unga filmare med audiovisuella produkter."
    other = "Spridning av långfilm till biografer i länet."
    write_tvv(
        seed_dir / "film.csv",
        [
            _project("601", incubator, owner, about),
            _project("602", "Filmpool Nord Distribution", owner, other),
        ],
    )
    assistant = assistant_over(seed_dir, fake_settings)
    answer = assistant.ask(
        "Who ran Filmpool Nord's incubator for audiovisual products, and what is the phone number?"
    )
    assert answer.project_ids == ("tvv-601",), answer.answer
    assert "phone" in answer.answer


@pytest.mark.parametrize(
    ("question", "unheard"),
    [
        ("Jag söker info om Dalslands kanotakademi – vem var projektägare?", True),
        ("Vilket projekt arbetar med sociala företag i Jämtland?", False),
        ("Which project worked with a canoe academy?", False),
    ],
)
def test_a_swedish_description_with_a_word_no_text_uses_is_unheard(
    fake_assistant: Assistant, question: str, unheard: bool
) -> None:
    reading = fake_assistant.reader.read(question, [])
    assert _unheard(fake_assistant.ctx, reading) == unheard
