"""One contract for both stores (the index folder and PostgreSQL): build, incremental build,
search with each filter, records queries, sentence vectors and answers.

What may differ, and is tested as such: the lexical side ranks by ``ts_rank_cd`` over the
``swedish`` tsvector in PostgreSQL and by BM25 in the file store, so hybrid and lexical hit
orders may differ; dense search (exact on the seeds) and everything answered from the records
are the same, and so are the answers to the questions below.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import SecretStr

from assistant.answer import Assistant
from assistant.embedding import FakeEmbedder
from assistant.records import RecordQuery
from assistant.search import Filters, Searcher
from assistant.settings import Settings
from assistant.store import build, open_store
from assistant.store.base import Store

STORES = ["files", "postgres"]


def settings_for(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    settings = Settings(index_dir=tmp_path / "index", data_dir=tmp_path / "data", embedder="fake")
    if kind == "postgres":
        url = request.getfixturevalue("pg_url")
        settings = settings.model_copy(update={"database_url": SecretStr(url)})
    return settings


@pytest.fixture(params=STORES)
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    return settings_for(request.param, tmp_path, request)


@pytest.fixture
def both(request: pytest.FixtureRequest, tmp_path: Path, seed_dir: Path) -> dict[str, Settings]:
    """The seeds built into each store."""
    found = {}
    for kind in STORES:
        settings = settings_for(kind, tmp_path / kind, request)
        build([seed_dir], settings=settings, embedder=FakeEmbedder())
        found[kind] = settings
    return found


def test_build_then_open(store_settings: Settings, seed_dir: Path) -> None:
    report = build([seed_dir], settings=store_settings, embedder=FakeEmbedder())
    store = open_store(store_settings, embedder_name=FakeEmbedder.name)
    assert isinstance(store, Store)
    assert set(store.projects) == {"esf-kc2", "esf-resurscenter"}
    assert len(store.chunks) == report.chunks == store.manifest["chunks"]
    assert store.manifest["generation"] == report.generation
    assert report.embedded == report.chunks and report.reused == 0
    assert len(store.chunk_project_rows) == len(store.chunks)
    stats = store.stats()
    assert stats["projects"] == 2 and stats["embedder"] == FakeEmbedder.name
    assert stats["index_bytes"] > 0


def test_incremental_build_reuses_vectors_and_readers_keep_their_generation(
    store_settings: Settings, seed_dir: Path
) -> None:
    embedder = FakeEmbedder()
    first = build([seed_dir], settings=store_settings, embedder=embedder)
    again = build([seed_dir], settings=store_settings, embedder=embedder)
    assert again.embedded == 0 and again.sentences_embedded == 0
    assert again.reused == first.chunks
    before = open_store(store_settings)
    goals = before.projects["esf-kc2"].section("goals")
    assert goals is not None
    sentence = goals.text[: goals.text.index(".") + 1]
    assert before.sentence_vector(sentence) is not None
    page = seed_dir / "kc2.txt"
    page.write_text(
        page.read_text(encoding="utf-8").replace(sentence, "Projektet ska ge fler jobb."), "utf-8"
    )
    changed = build([seed_dir], settings=store_settings, embedder=embedder)
    assert changed.documents_changed == (str(page),)
    assert 0 < changed.embedded < changed.chunks
    assert changed.sentences_embedded == 1
    after = open_store(store_settings)
    assert after.manifest["generation"] == changed.generation != before.manifest["generation"]
    # the reader opened before the build still answers from its generation
    hits = Searcher(before, embedder, settings=store_settings).search("callcenter Malaga")
    assert hits and hits[0].project_id == "esf-resurscenter"
    assert before.sentence_vector(sentence) is not None
    assert after.sentence_vector(sentence) is None


def test_dense_search_is_the_same_on_both(both: dict[str, Settings]) -> None:
    embedder = FakeEmbedder()
    searchers = {kind: Searcher(open_store(s), embedder, settings=s) for kind, s in both.items()}
    for query in ("socialt företag i kooperativ regi", "callcenter i Malaga", "arbetsmarknaden"):
        hits = {k: s.search(query, k=8, mode="dense") for k, s in searchers.items()}
        assert [h.chunk.id for h in hits["files"]] == [h.chunk.id for h in hits["postgres"]]
        assert np.allclose(
            [h.score for h in hits["files"]], [h.score for h in hits["postgres"]], atol=1e-5
        )


FILTERS = [
    Filters(region="småland"),
    Filters(owner="vuxenskolan"),
    Filters(program="socialfonden"),
    Filters(municipality="Strömsunds kommun"),
    Filters(period_from=date(2011, 1, 1), period_to=date(2011, 12, 31)),
    Filters(region="Stockholm"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: repr(f)[8:40])
def test_each_filter_gives_the_same_projects(both: dict[str, Settings], filters: Filters) -> None:
    embedder = FakeEmbedder()
    found: dict[str, Any] = {}
    for kind, settings in both.items():
        store = open_store(settings)
        searcher = Searcher(store, embedder, settings=settings)
        for mode in ("hybrid", "dense", "bm25"):
            hits = searcher.search("arbete projektet", k=20, filters=filters, mode=mode)  # type: ignore[arg-type]
            assert all(filters.accepts(store.projects[h.project_id]) for h in hits)
            found[kind, mode] = {h.project_id for h in hits}
    for mode in ("hybrid", "dense"):
        assert found["files", mode] == found["postgres", mode]


RECORD_QUERIES = [
    RecordQuery(),
    RecordQuery(ascending=True),
    RecordQuery(relation="municipalities", phrase="kalmar"),
    RecordQuery(relation="municipalities", exact=("Strömsund",)),
    RecordQuery(relation="owner", phrase="studieförbundet vuxenskolan"),
    RecordQuery(relation="owner", phrase="af"),
    RecordQuery(relation="cofinanciers", phrase="arbetsförmedlingen"),
    RecordQuery(relation="partners", phrase="röda korset"),
    RecordQuery(relation="region", phrase="småland"),
    RecordQuery(period=(date(2011, 1, 1), date(2011, 12, 31))),
    RecordQuery(period=(date(2020, 1, 1), date(2020, 12, 31))),
    RecordQuery(ids=("esf-kc2",)),
]


def test_records_queries_are_the_same(both: dict[str, Settings]) -> None:
    records = {kind: open_store(s).records() for kind, s in both.items()}
    results = [records["files"].project_ids(q) for q in RECORD_QUERIES]
    assert any(results) and not all(results)  # the queries tell projects apart
    for q, expected in zip(RECORD_QUERIES, results):
        assert records["postgres"].project_ids(q) == expected, q


def test_sentence_vectors_by_hash_are_the_same(both: dict[str, Settings]) -> None:
    stores = {kind: open_store(s) for kind, s in both.items()}
    goals = stores["files"].projects["esf-kc2"].section("goals")
    assert goals is not None
    sentence = goals.text[: goals.text.index(".") + 1]
    vectors = {k: s.sentence_vector(sentence) for k, s in stores.items()}
    assert all(v is not None for v in vectors.values())
    assert np.allclose(vectors["files"], vectors["postgres"], atol=1e-6)  # type: ignore[arg-type]
    assert all(s.sentence_vector("ingen sådan mening finns") is None for s in stores.values())


QUESTIONS = [
    "Vad är syftet med KC2?",
    "När pågick KC2?",
    "Hur mycket ESF-stöd fick KC2?",
    "How much ESF support did Resurscenter get?",
    "Vilka är KC2:s medfinansiärer?",
    "Vilka samarbetspartners har KC2?",
    "Vilka län omfattar KC2?",
    "Vem äger KC2 och vilka län omfattar projektet?",
    "Har KC2 och Resurscenter några medfinansiärer gemensamt?",
    "Jämför ESF-stödet för KC2 och Resurscenter",
    "Which of KC2 and Resurscenter is larger?",
    "Vilket pågick längst, KC2 eller Resurscenter?",
    "Vilka projekt har Arbetsförmedlingen som medfinansiär?",
    "Vilka projekt pågick 2011?",
    "Vilket projekt fick störst ESF-stöd?",
    "Hur mycket stöd beviljades totalt?",
    "Hur många projekt finns i Strömsunds kommun?",
    "Vilka projekt i Strömsund handlar om sociala företag?",
    "Which projects have Röda Korset as a partner?",
    "Vilket projekt arbetar med callcenter i Malaga?",
    "Hur mycket ESF-stöd fick projektet KC3?",
    "Vad säger projekten om jämställdhet?",
]


def test_the_same_questions_get_the_same_answers(both: dict[str, Settings]) -> None:
    embedder = FakeEmbedder()
    assistants = {k: Assistant.open(s, embedder=embedder) for k, s in both.items()}
    for question in QUESTIONS:
        answers = {k: a.ask(question) for k, a in assistants.items()}
        files, pg = answers["files"].to_dict(), answers["postgres"].to_dict()
        assert pg == files, question


def test_copies_of_the_seeds_are_one_corpus(tmp_path: Path, seed_dir: Path) -> None:
    """The contract's corpus: two projects in two files (a guard for the tests above)."""
    copy = tmp_path / "copy"
    shutil.copytree(seed_dir, copy)
    assert sorted(p.name for p in copy.iterdir()) == sorted(p.name for p in seed_dir.iterdir())
