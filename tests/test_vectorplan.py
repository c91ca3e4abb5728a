"""Chunk vectors derived from sentence vectors: which chunks, the formula, reuse in builds."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.chunking import chunk_projects, dense_text, passage_sentences
from assistant.embedding import FakeEmbedder
from assistant.index import build_index, load_index
from assistant.settings import Settings
from assistant.sources import read_path
from assistant.vectorplan import Derivation, compose, derivations, method, texts_for


def seed_chunks(seed_dir: Path, settings: Settings) -> tuple[list, list]:  # type: ignore[type-arg]
    projects = list(read_path(seed_dir, settings=settings).projects)
    return projects, chunk_projects(projects, max_chars=settings.chunk_chars)


DERIVED = Settings(embedder="fake", derive_chunks=True)


def test_text_chunks_are_derived_from_their_sentences_and_others_embedded(seed_dir: Path) -> None:
    settings = DERIVED
    projects, chunks = seed_chunks(seed_dir, settings)
    plans = derivations(chunks, projects, settings)
    sentences = set(passage_sentences(projects))
    for chunk, plan in zip(chunks, plans, strict=True):
        is_text = any(s.key == chunk.section_key for p in projects for s in p.sections)
        if not is_text:
            assert plan is None and texts_for(plan, chunk) == [dense_text(chunk)]
            continue
        assert plan is not None, chunk.id
        assert set(plan.sentences) <= sentences  # every part is a stored sentence
        assert chunk.text.startswith(plan.sentences[0]) and chunk.text.endswith(plan.sentences[-1])
        assert plan.heading == f"{chunk.project_name} – {chunk.section}"


def test_a_chunk_cut_inside_a_long_sentence_is_embedded_whole(seed_dir: Path) -> None:
    settings = DERIVED.model_copy(update={"chunk_chars": 200})
    projects, chunks = seed_chunks(seed_dir, settings)
    plans = derivations(chunks, projects, settings)
    sentences = set(passage_sentences(projects))
    cut = [c for c, p in zip(chunks, plans, strict=True) if p is None and c.section_key != "facts"]
    cut = [c for c in cut if any(s.key == c.section_key for s in _sections(projects, c))]
    assert cut, "a 200-character limit cuts some sentence of the seeds"
    assert all(c.text not in sentences for c in cut)


def _sections(projects: list, chunk: object) -> list:  # type: ignore[type-arg]
    return [s for p in projects if p.id == chunk.project_id for s in p.sections]  # type: ignore[attr-defined]


def test_by_default_every_chunk_is_embedded(seed_dir: Path) -> None:
    settings = Settings(embedder="fake")
    projects, chunks = seed_chunks(seed_dir, settings)
    assert derivations(chunks, projects, settings) == [None] * len(chunks)
    assert method(settings) == "embedded" != method(DERIVED) == "derived:0.3"


def test_compose_is_the_normalised_mean_plus_the_weighted_heading() -> None:
    vectors = {
        "a": np.array([1.0, 0.0, 0.0]),
        "b": np.array([0.0, 1.0, 0.0]),
        "h": np.array([0.0, 0.0, 1.0]),
    }
    plan = Derivation(sentences=("a", "b"), heading="h")
    got = compose(plan, vectors.__getitem__, heading_weight=0.5)
    mean = np.array([1.0, 1.0, 0.0]) / np.sqrt(2)
    want = (mean + 0.5 * vectors["h"]) / np.linalg.norm(mean + 0.5 * vectors["h"])
    assert np.allclose(got, want) and np.isclose(np.linalg.norm(got), 1.0)


def test_a_build_embeds_each_sentence_once_and_derives_text_chunks(
    seed_dir: Path, tmp_path: Path
) -> None:
    fake_settings = DERIVED.model_copy(update={"index_dir": tmp_path / "index"})
    report = build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    index = load_index(fake_settings)
    projects, chunks = list(index.projects.values()), index.chunks
    plans = derivations(chunks, projects, fake_settings)
    whole = sum(1 for p in plans if p is None)
    headings = {p.heading for p in plans if p is not None}
    assert report.texts_embedded == report.sentences + whole + len(headings)
    assert report.texts_embedded < report.sentences + report.chunks
    embedder = FakeEmbedder()
    n, plan = next((n, p) for n, p in enumerate(plans) if p is not None)
    want = compose(
        plan,
        lambda text: embedder.encode_documents([text])[0],
        heading_weight=fake_settings.heading_weight,
    )
    assert np.allclose(index.vectors[n], want, atol=1e-6)
    assert index.manifest["chunk_vectors"] == method(fake_settings)


def test_chunk_vectors_are_reused_only_when_made_the_same_way(
    seed_dir: Path, tmp_path: Path
) -> None:
    fake_settings = DERIVED.model_copy(update={"index_dir": tmp_path / "index"})
    build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    again = build_index([seed_dir], settings=fake_settings, embedder=FakeEmbedder())
    assert again.embedded == 0 and again.texts_embedded == 0
    embedded = fake_settings.model_copy(update={"derive_chunks": False})
    switched = build_index([seed_dir], settings=embedded, embedder=FakeEmbedder())
    assert switched.embedded == switched.chunks  # derived vectors are not reused as embedded
    assert switched.sentences_embedded == 0  # sentence vectors are the same either way
    assert switched.texts_embedded == switched.chunks
