"""The Streamlit app served from the PostgreSQL store (AppTest, a real server from tests/pg.py):
chat with citations, search with a filter, the Index page, an upload and re-index that
switches the database to a new generation."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr
from streamlit.testing.v1 import AppTest

from assistant.embedding import FakeEmbedder
from assistant.settings import Settings
from assistant.store import build, current_manifest

from .test_app import (
    APP,
    ROOT,
    TIMEOUT,
    ask,
    assistant_markdown,
    button,
    finish_build,
    hit_titles,
    new_page,
    ok,
    search,
    serving_on,
    texts,
)


@pytest.fixture
def pg_app(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    settings = Settings(
        data_dir=data,
        index_dir=tmp_path / "no-index-folder",
        embedder="fake",
        database_url=SecretStr(pg_url),
    )
    build([data], settings=settings, embedder=FakeEmbedder())
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "fake")
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", pg_url)
    return settings


def start(**query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(query)
    return ok(at.run())


@pytest.fixture(autouse=True)
def bound_to_localhost() -> Iterator[None]:
    with serving_on("localhost"):
        yield


def test_the_app_answers_searches_and_reindexes_from_postgres(pg_app: Settings) -> None:
    at = ask(start(), "Hur mycket ESF-stöd fick KC2?")
    answer = assistant_markdown(at)[0]
    assert "3 804 849" in answer and "**\\[1\\]**" in answer
    assert "**KC2** · Projektfakta" in texts(at)

    at = search(start(page="sok"), "arbetsmarknaden coachning")
    assert any("Resurscenter" in t for t in hit_titles(at))
    at.selectbox(key="f_region").select("Småland och Öarna")
    at = ok(at.run())
    assert hit_titles(at) and all("Resurscenter" in t for t in hit_titles(at))

    at = start(page="index")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Projekt"] == "2"
    assert "fake/hashed-bow" in texts(at)
    assert not pg_app.index_dir.exists()  # nothing was written beside the database

    before = current_manifest(pg_app)["generation"]
    at.file_uploader[0].set_value([("nytt.txt", new_page().encode("utf-8"), "text/plain")])
    at = ok(at.run())
    button(at, "Lägg till och indexera om").click()
    at = finish_build(ok(at.run()), pg_app)
    assert "Klart: 3 projekt" in texts(at)
    manifest = current_manifest(pg_app)
    assert manifest["generation"] != before and manifest["projects"] == 3
    at.sidebar.radio[0].set_value("chat")
    at = ask(ok(at.run()), "Vem äger Nytt Kunskapscenter?")
    assert "Socialförvaltningen" in assistant_markdown(at)[0]
    assert not pg_app.index_dir.exists()
