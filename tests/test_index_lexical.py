"""The first build's lexical generation: records and BM25 usable while the vectors are built."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.embedding import FakeEmbedder
from assistant.index import (
    BUILD_STATUS,
    COMPLETE,
    LEXICAL,
    build_index,
    index_state,
    is_stale,
    load_index,
    read_build_status,
    read_manifest,
)
from assistant.settings import Settings

FIELD_QUESTION = "Hur mycket ESF-stöd fick KC2?"
PASSAGE_QUESTION = "Varför behövs KC2, enligt projektbeskrivningen?"


def build_watching(seed_dir: Path, settings: Settings, at: str, check: object) -> list[str]:
    """Build the seeds, calling ``check()`` when the build reports stage ``at``; the stages."""
    stages: list[str] = []

    def progress(stage: str, done: int, total: int) -> None:
        if not stages or stages[-1] != stage:
            stages.append(stage)
            if stage == at:
                check()  # type: ignore[operator]

    build_index([seed_dir], settings=settings, embedder=FakeEmbedder(), progress=progress)
    return stages


def test_a_first_build_answers_from_records_and_bm25_before_the_vectors(
    seed_dir: Path, fake_settings: Settings
) -> None:
    seen: dict[str, object] = {}

    def while_embedding() -> None:
        index = load_index(fake_settings, embedder_name=FakeEmbedder.name)
        assistant = Assistant.open(fake_settings, embedder=FakeEmbedder())
        seen.update(
            state=index_state(index.manifest),
            dense_ready=index.dense_ready,
            vectors=index.vectors.shape[0],
            projects=set(index.projects),
            hybrid=assistant.searcher.search("kooperativ regi", mode="hybrid"),
            answer=assistant.ask(FIELD_QUESTION),
            stale=is_stale([seed_dir], settings=fake_settings, embedder_name=FakeEmbedder.name),
        )

    stages = build_watching(seed_dir, fake_settings, "lexical", while_embedding)
    assert stages == [
        "reading",
        "lexical",
        "embedding",
        "writing",
        "searchable",
        "sentences",
        "writing",
    ]
    assert seen["state"] == LEXICAL and seen["dense_ready"] is False and seen["vectors"] == 0
    assert seen["projects"] == {"esf-kc2", "esf-resurscenter"}
    hits = seen["hybrid"]
    assert isinstance(hits, list) and hits and all(h.dense_rank is None for h in hits)
    answer = seen["answer"]
    assert answer.answered and "3 804 849" in answer.answer  # type: ignore[attr-defined]
    assert seen["stale"] is True  # an interrupted lexical build is finished by `--if-stale`

    index = load_index(fake_settings)
    assert index_state(index.manifest) == COMPLETE and index.dense_ready
    assert index.vectors.shape[0] == len(index.chunks) == index.dense.ntotal
    gens = {p.name for p in fake_settings.index_dir.iterdir() if p.name.startswith("gen-")}
    assert len(gens) == 3  # the lexical and the searchable one stay for readers still on them


def test_search_and_answers_are_complete_before_the_sentence_vectors(
    seed_dir: Path, fake_settings: Settings
) -> None:
    seen: dict[str, object] = {}

    def while_sentences() -> None:
        index = load_index(fake_settings)
        assistant = Assistant.open(fake_settings, embedder=FakeEmbedder())
        seen.update(
            state=index_state(index.manifest),
            vectors=index.vectors.shape[0] == len(index.chunks),
            sentences=len(index.sentence_rows),
            pending=index.manifest["sentences_pending"],
            answer=assistant.ask(PASSAGE_QUESTION).answer,
            stale=is_stale([seed_dir], settings=fake_settings, embedder_name=FakeEmbedder.name),
        )

    build_watching(seed_dir, fake_settings, "sentences", while_sentences)
    assert seen["state"] == COMPLETE and seen["vectors"] is True
    assert seen["sentences"] == 0 and seen["pending"] > 0  # type: ignore[operator]
    assert seen["stale"] is True  # a build stopped here is finished by `--if-stale`
    index = load_index(fake_settings)
    assert index.manifest["sentences_pending"] == 0
    assert len(index.sentence_rows) == seen["pending"] == index.manifest["sentences"]
    assert not is_stale([seed_dir], settings=fake_settings, embedder_name=FakeEmbedder.name)
    answer = Assistant.open(fake_settings, embedder=FakeEmbedder()).ask(PASSAGE_QUESTION)
    assert answer.answer == seen["answer"]  # sentences embedded on demand are the same vectors


def test_the_sentence_vectors_can_come_with_the_chunks(seed_dir: Path, tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "index", embedder="fake", sentences_after=False)
    stages = build_watching(seed_dir, settings, "never", None)
    assert stages == ["reading", "lexical", "embedding", "writing"]
    assert len(load_index(settings).sentence_rows) == read_manifest(settings.index_dir)["sentences"]


def test_a_rebuild_over_a_complete_index_keeps_serving_it_instead(
    seed_dir: Path, fake_settings: Settings
) -> None:
    first = build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    (seed_dir / "new.md").write_text("# Nytt projekt\n\nText om något nytt.\n", encoding="utf-8")
    served: list[str] = []
    stages = build_watching(
        seed_dir,
        fake_settings,
        "writing",
        lambda: served.append(read_manifest(fake_settings.index_dir)["generation"]),
    )
    assert "lexical" not in stages and served[0] == first.generation
    assert index_state(read_manifest(fake_settings.index_dir)) == COMPLETE


def test_lexical_first_can_be_switched_off(seed_dir: Path, tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "index", embedder="fake", lexical_first=False)
    missing: list[bool] = []
    stages = build_watching(
        seed_dir,
        settings,
        "embedding",
        lambda: missing.append(not (tmp_path / "index" / "manifest.json").exists()),
    )
    assert "lexical" not in stages and missing == [True]
    report = build_index([seed_dir], settings=settings, embedder=FakeEmbedder())
    assert report.lexical_seconds is None


def test_the_build_status_file_shows_progress_and_goes_away(
    seed_dir: Path, fake_settings: Settings
) -> None:
    seen = []
    stages = build_watching(
        seed_dir,
        fake_settings,
        "writing",
        lambda: seen.append(read_build_status(fake_settings.index_dir)),
    )
    assert stages[-1] == "writing"
    status = seen[0]
    assert status is not None and status.stage == "writing" and status.pid == os.getpid()
    assert read_build_status(fake_settings.index_dir) is None
    assert not (fake_settings.index_dir / BUILD_STATUS).exists()


def test_a_killed_builds_status_file_is_ignored(fake_settings: Settings) -> None:
    fake_settings.index_dir.mkdir(parents=True)
    dead = {"stage": "embedding", "done": 5, "total": 9, "pid": 2**22 + 7, "started_at": "x"}
    (fake_settings.index_dir / BUILD_STATUS).write_text(json.dumps(dead), encoding="utf-8")
    assert read_build_status(fake_settings.index_dir) is None
    (fake_settings.index_dir / BUILD_STATUS).write_text("{garbage", encoding="utf-8")
    assert read_build_status(fake_settings.index_dir) is None


def test_the_report_says_when_the_lexical_generation_was_usable(
    seed_dir: Path, fake_settings: Settings
) -> None:
    report = build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    assert report.lexical_seconds is not None and 0 < report.lexical_seconds <= report.seconds


@pytest.mark.parametrize("missing", ["bm25", "records.sqlite"])
def test_a_damaged_lexical_generation_is_a_clear_error(
    missing: str, seed_dir: Path, fake_settings: Settings
) -> None:
    from assistant.errors import IndexCorruptError

    def damage() -> None:
        gen = fake_settings.index_dir / read_manifest(fake_settings.index_dir)["generation"]
        target = gen / missing
        if target.is_dir():
            for p in target.iterdir():
                p.unlink()
            target.rmdir()
        else:
            target.unlink()
        with pytest.raises(IndexCorruptError, match=missing):
            load_index(fake_settings)

    build_watching(seed_dir, fake_settings, "lexical", damage)
