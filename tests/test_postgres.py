"""The PostgreSQL store against a real server (tests/pg.py): schema versions, clear errors
(a wrong password, a user who may not create the ``vector`` extension), the build lock,
readers during a rebuild, a build killed with SIGKILL, a lost connection, and the command
line."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest
from psycopg import sql
from pydantic import SecretStr

from assistant import cli
from assistant.answer import Assistant
from assistant.embedding import FakeEmbedder
from assistant.errors import (
    DatabaseAuthError,
    DatabaseExtensionError,
    DatabaseSchemaError,
    DatabaseUnreachableError,
    IndexBusyError,
    IndexMissingError,
)
from assistant.index import FAULTS
from assistant.settings import Settings
from assistant.store import build, open_store
from assistant.store import postgres as pg

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def pg_settings(pg_url: str, tmp_path: Path) -> Settings:
    return Settings(
        index_dir=tmp_path / "index",
        data_dir=tmp_path / "data",
        embedder="fake",
        database_url=SecretStr(pg_url),
        lock_timeout=0.5,
    )


def versions(url: str) -> list[int]:
    with psycopg.connect(url) as con:
        return [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1")]


# ---------------------------------------------------------------- schema


def test_migrate_creates_then_keeps_the_schema(pg_settings: Settings, pg_url: str) -> None:
    assert pg.migrate(pg_settings) == [name for _, name, _ in pg.migrations()]
    assert pg.migrate(pg_settings) == []
    assert versions(pg_url) == [v for v, _, _ in pg.migrations()]
    with pytest.raises(IndexMissingError, match="holds no index yet"):
        open_store(pg_settings)


def test_a_newer_schema_is_refused(pg_settings: Settings, pg_url: str, seed_dir: Path) -> None:
    build([seed_dir], settings=pg_settings, embedder=FakeEmbedder())
    with psycopg.connect(pg_url) as con:
        con.execute("INSERT INTO schema_version (version, name) VALUES (999, '999_future')")
    with pytest.raises(DatabaseSchemaError, match="newer than this assistant"):
        open_store(pg_settings)
    with pytest.raises(DatabaseSchemaError, match="newer"):
        pg.migrate(pg_settings)
    with pytest.raises(DatabaseSchemaError, match="newer"):
        build([seed_dir], settings=pg_settings, embedder=FakeEmbedder())


def test_an_older_schema_is_upgraded_by_migrate(
    pg_settings: Settings, seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build([seed_dir], settings=pg_settings, embedder=FakeEmbedder())
    newer = tmp_path / "migrations"
    newer.mkdir()
    for path in pg.MIGRATIONS.glob("*.sql"):
        (newer / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (newer / "002_notes.sql").write_text(
        "ALTER TABLE generations ADD COLUMN note text;\n", encoding="utf-8"
    )
    monkeypatch.setattr(pg, "MIGRATIONS", newer)
    monkeypatch.setattr(pg, "LATEST", 2)
    with pytest.raises(DatabaseSchemaError, match="older than this assistant's"):
        open_store(pg_settings)
    assert pg.migrate(pg_settings) == ["002_notes"]
    assert len(open_store(pg_settings).projects) == 2  # the data survived the upgrade


def test_cli_migrate(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--database-url", pg_url, "migrate"]) == 0
    assert "applied 001_initial" in capsys.readouterr().out
    assert cli.main(["--database-url", pg_url, "migrate"]) == 0
    assert "up to date" in capsys.readouterr().out


# ---------------------------------------------------------------- clear errors


def test_an_unreachable_database_is_a_clear_error_without_the_password(tmp_path: Path) -> None:
    url = "postgresql://someone:s3cret-pw@127.0.0.1:9/nowhere"
    settings = Settings(index_dir=tmp_path, embedder="fake", database_url=SecretStr(url))
    with pytest.raises(DatabaseUnreachableError) as err:
        open_store(settings)
    assert "s3cret-pw" not in str(err.value)
    assert "postgresql://someone:***@127.0.0.1:9/nowhere" in str(err.value)
    assert "s3cret-pw" not in repr(settings) and "s3cret-pw" not in settings.model_dump_json()


def test_the_cli_reports_an_unreachable_database_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql://someone:s3cret-pw@127.0.0.1:9/nowhere"
    assert cli.main(["--database-url", url, "--embedder", "fake", "stats"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("assistant: error: cannot reach the database") and "s3cret" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_missing_database_is_a_clear_error(pg_server: object, tmp_path: Path) -> None:
    url = pg_server.get_uri(database="no_such_db")  # type: ignore[attr-defined]
    settings = Settings(index_dir=tmp_path, embedder="fake", database_url=SecretStr(url))
    with pytest.raises(DatabaseAuthError, match="does not exist"):
        open_store(settings)


def test_refused_credentials_are_a_clear_error_without_the_password() -> None:
    db = object.__new__(pg.Database)
    db.url = "postgresql://app:hunter2@db.example/projekt"
    db.shown = pg.mask_url(db.url)
    error = db.error(
        psycopg.OperationalError(
            'connection failed: FATAL:  password authentication failed for user "app" '
            "(password hunter2)"
        )
    )
    assert isinstance(error, DatabaseAuthError)
    assert "hunter2" not in str(error) and "app:***@db.example" in str(error)


def socket_url(server: Any, user: str, password: str | None, database: str) -> str:
    """A URL for ``user`` (with ``password``) to ``database`` over the test server's socket."""
    host = parse_qs(urlsplit(server.get_uri()).query)["host"][0]
    secret = f":{password}" if password is not None else ""
    return f"postgresql://{user}{secret}@/{database}?host={host}"


@pytest.fixture
def password_role(pg_server: Any) -> Iterator[tuple[str, str]]:
    """A role that must log in with a password even over the socket (the server trusts every
    other local login): an ``scram-sha-256`` line for it heads ``pg_hba.conf`` while the test
    runs. The role's name and its right password."""
    role, password = f"pw_{uuid.uuid4().hex[:8]}", "right-Pa55word"
    hba = Path(pg_server.pgdata) / "pg_hba.conf"
    original = hba.read_text(encoding="utf-8")
    admin = pg_server.get_uri()
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
        hba.write_text(f"local all {role} scram-sha-256\n{original}", encoding="utf-8")
        con.execute("SELECT pg_reload_conf()")
    try:
        yield role, password
    finally:
        hba.write_text(original, encoding="utf-8")
        with psycopg.connect(admin, autocommit=True) as con:
            con.execute("SELECT pg_reload_conf()")
            con.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def wait_for_hba(url: str) -> None:
    """Wait until the reloaded ``pg_hba.conf`` asks for the password (the reload is signalled
    to the postmaster, which reads the file asynchronously)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            psycopg.connect(url, connect_timeout=2).close()
        except psycopg.OperationalError as exc:
            if "password" in str(exc):
                return
        time.sleep(0.1)
    raise AssertionError("pg_hba.conf was not reloaded in 10 s")


def test_a_wrong_password_against_the_real_server_is_a_clear_error(
    pg_server: Any, password_role: tuple[str, str], tmp_path: Path
) -> None:
    role, password = password_role
    wait_for_hba(socket_url(pg_server, role, None, "postgres"))
    wrong = "wr0ng-Secret-77"
    url = socket_url(pg_server, role, wrong, "postgres")
    settings = Settings(index_dir=tmp_path, embedder="fake", database_url=SecretStr(url))
    with pytest.raises(DatabaseAuthError, match="refused the credentials") as err:
        open_store(settings)
    shown = f"{err.value} {err.value!r} {err.value.__cause__!r} {err.value.__context__!r}"
    assert wrong not in shown and password not in shown
    assert f"postgresql://{role}:***@" in str(err.value)
    assert "password authentication failed" in str(err.value)
    right = settings.model_copy(
        update={"database_url": SecretStr(socket_url(pg_server, role, password, "postgres"))}
    )
    with pytest.raises(IndexMissingError):  # the right password gets in: an empty database
        open_store(right)


def test_the_cli_reports_a_wrong_password_in_one_line_without_it(
    pg_server: Any, password_role: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    role, _ = password_role
    wait_for_hba(socket_url(pg_server, role, None, "postgres"))
    url = socket_url(pg_server, role, "wr0ng-Secret-77", "postgres")
    assert cli.main(["--database-url", url, "--embedder", "fake", "stats"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("assistant: error: the database") and "refused the credentials" in err
    assert "wr0ng-Secret-77" not in err and len(err.strip().splitlines()) == 1


@pytest.fixture
def database_without_vector(pg_server: Any) -> Iterator[str]:
    """A database owned by an ordinary role (no superuser) that lacks the ``vector`` extension:
    pgvector is not a trusted extension, so that role may create tables but not the
    extension. The URL of the role to that database."""
    name = f"t_noext_{uuid.uuid4().hex[:8]}"
    admin = pg_server.get_uri()
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))
        con.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(name), sql.Identifier(name)
            )
        )
    try:
        yield socket_url(pg_server, name, None, name)
    finally:
        pg.close_databases()
        with psycopg.connect(admin, autocommit=True) as con:
            con.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            con.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


def test_a_user_who_may_not_create_the_vector_extension_gets_a_clear_error(
    database_without_vector: str, tmp_path: Path, seed_dir: Path
) -> None:
    settings = Settings(
        index_dir=tmp_path, embedder="fake", database_url=SecretStr(database_without_vector)
    )
    with pytest.raises(DatabaseExtensionError, match="may not create it") as err:
        pg.migrate(settings)
    assert "CREATE EXTENSION vector" in str(err.value)
    assert "permission denied to create extension" in str(err.value)
    with pytest.raises(DatabaseExtensionError, match="may not create it"):
        build([seed_dir], settings=settings, embedder=FakeEmbedder())
    with psycopg.connect(database_without_vector) as con:  # nothing was left half-made
        assert con.execute("SELECT to_regclass('schema_version')").fetchone() == (None,)


def test_a_server_without_pgvector_is_a_clear_error() -> None:
    class NoVector:
        def execute(self, *args: object) -> NoVector:
            return self

        def fetchone(self) -> None:
            return None

    with pytest.raises(DatabaseExtensionError, match="pgvector"):
        pg.check_extension(NoVector(), "postgresql://x:***@h/db")


def test_mask_url() -> None:
    assert pg.mask_url("postgresql://u:p@h:5432/d?sslmode=require") == (
        "postgresql://u:***@h:5432/d?sslmode=require"
    )
    assert pg.mask_url("postgresql:///d?host=/tmp") == "postgresql:///d?host=/tmp"


# ---------------------------------------------------------------- builds and readers


def test_two_builds_are_serialised_by_the_advisory_lock(
    pg_settings: Settings, pg_url: str, seed_dir: Path
) -> None:
    pg.migrate(pg_settings)
    with psycopg.connect(pg_url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (pg.BUILD_LOCK_KEY,))
        with pytest.raises(IndexBusyError, match="another build"):
            build([seed_dir], settings=pg_settings, embedder=FakeEmbedder())
    report = build([seed_dir], settings=pg_settings, embedder=FakeEmbedder())
    assert report.projects == 2


def test_a_reader_answers_while_a_rebuild_runs(
    pg_settings: Settings, seed_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = FakeEmbedder()
    first = build([seed_dir], settings=pg_settings, embedder=embedder)
    reader = Assistant.open(pg_settings, embedder=embedder)
    expected = reader.ask("Hur mycket ESF-stöd fick KC2?").answer
    (seed_dir / "new.md").write_text("# Nytt projekt\n\nText om cykelverkstäder.\n", "utf-8")
    at_publishing, release = threading.Event(), threading.Event()

    def hold(stage: str) -> None:
        if stage == "publishing":
            at_publishing.set()
            assert release.wait(30)

    monkeypatch.setattr(FAULTS, "on_stage", hold)
    result: list[object] = []
    builder = threading.Thread(
        target=lambda: result.append(build([seed_dir], settings=pg_settings, embedder=embedder))
    )
    builder.start()
    try:
        assert at_publishing.wait(30)
        # the new generation is written but not committed: nobody sees it
        assert reader.ask("Hur mycket ESF-stöd fick KC2?").answer == expected
        fresh = open_store(pg_settings)
        assert fresh.manifest["generation"] == first.generation
        assert len(fresh.projects) == 2
    finally:
        release.set()
        builder.join(30)
    assert result, "the build did not finish"
    after = open_store(pg_settings)
    assert after.manifest["generation"] != first.generation and len(after.projects) == 3
    # the reader keeps its (kept) generation until it opens the store again
    assert reader.ask("Hur mycket ESF-stöd fick KC2?").answer == expected
    monkeypatch.setattr(FAULTS, "on_stage", None)
    build([seed_dir], settings=pg_settings, embedder=embedder)
    with pytest.raises(IndexMissingError, match="open the assistant again"):
        reader.searcher.search("ESF-stöd")


READER = """
import json, sys, time
from pathlib import Path
from pydantic import SecretStr
from assistant.answer import Assistant
from assistant.embedding import FakeEmbedder
from assistant.errors import IndexMissingError
from assistant.settings import Settings

url, folder = SecretStr(sys.argv[1]), Path(sys.argv[2])
settings = Settings(index_dir=folder, embedder="fake", database_url=url)
embedder = FakeEmbedder()
assistant = Assistant.open(settings, embedder=embedder)
answers, reopened = [], 0
Path(sys.argv[3]).write_text("ready")
deadline = time.monotonic() + float(sys.argv[4])
while time.monotonic() < deadline:
    try:
        answers.append(assistant.ask("Hur mycket ESF-stöd fick KC2?").answer)
    except IndexMissingError:  # two builds behind: open the current generation, as the app does
        assistant = Assistant.open(settings, embedder=embedder)
        reopened += 1
print(json.dumps({"answers": sorted(set(answers)), "n": len(answers), "reopened": reopened}))
"""


def test_two_reader_processes_answer_while_a_third_rebuilds(
    pg_settings: Settings, pg_url: str, seed_dir: Path, tmp_path: Path
) -> None:
    embedder = FakeEmbedder()
    build([seed_dir], settings=pg_settings, embedder=embedder)
    expected = Assistant.open(pg_settings, embedder=embedder).ask("Hur mycket ESF-stöd fick KC2?")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, pg_url, str(tmp_path), str(tmp_path / f"r{n}"), "6"],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"r{n}").exists() for n in range(2)):
        assert time.monotonic() < deadline and all(r.poll() is None for r in readers)
        time.sleep(0.05)
    (seed_dir / "new.md").write_text("# Nytt projekt\n\nText om cykelverkstäder.\n", "utf-8")
    builds = 0
    while any(r.poll() is None for r in readers) and builds < 6:
        build([seed_dir], settings=pg_settings, embedder=embedder)
        builds += 1
    results = [json.loads(r.communicate(timeout=60)[0]) for r in readers]
    assert all(r.returncode == 0 for r in readers)
    assert builds >= 2
    for found in results:
        assert found["n"] > 10 and found["answers"] == [expected.answer]


KILLED_BUILD = """
import sys, time
from pathlib import Path
from pydantic import SecretStr
from assistant.embedding import FakeEmbedder
from assistant.index import FAULTS
from assistant.settings import Settings
from assistant.store import build

marker = Path(sys.argv[3])
def hang(stage):
    if stage == sys.argv[4]:
        marker.write_text(stage)
        time.sleep(600)
FAULTS.on_stage = hang
settings = Settings(index_dir=Path(sys.argv[3]).parent / "index", embedder="fake",
                    database_url=SecretStr(sys.argv[1]))
build([Path(sys.argv[2])], settings=settings, embedder=FakeEmbedder())
"""


@pytest.mark.parametrize("stage", ["writing", "publishing"])
def test_a_build_killed_with_sigkill_leaves_no_half_generation(
    pg_settings: Settings, pg_url: str, seed_dir: Path, tmp_path: Path, stage: str
) -> None:
    first = build([seed_dir], settings=pg_settings, embedder=FakeEmbedder())
    (seed_dir / "new.md").write_text("# Nytt projekt\n\nText om cykelverkstäder.\n", "utf-8")
    marker = tmp_path / "reached"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, pg_url, str(seed_dir), str(marker), stage],
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, "the build ended before the stage"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    store = open_store(pg_settings)
    assert store.manifest["generation"] == first.generation and len(store.projects) == 2
    with psycopg.connect(pg_url) as con:
        gens = [r[0] for r in con.execute("SELECT id FROM generations")]
        stray = con.execute(
            "SELECT count(*) FROM chunks WHERE generation <> %s", (first.generation,)
        ).fetchone()
    assert gens == [first.generation] and stray == (0,)
    # the killed build's session (and its advisory lock) is gone: the next build runs
    time.sleep(0.5)
    again = build([seed_dir], settings=pg_settings, embedder=FakeEmbedder())
    assert again.projects == 3


def test_a_lost_connection_is_replaced(pg_settings: Settings, seed_dir: Path) -> None:
    embedder = FakeEmbedder()
    build([seed_dir], settings=pg_settings, embedder=embedder)
    reader = Assistant.open(pg_settings, embedder=embedder)
    expected = reader.ask("Vilka projekt pågick 2011?").answer
    url = pg_settings.database_url.get_secret_value()  # type: ignore[union-attr]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    assert reader.ask("Vilka projekt pågick 2011?").answer == expected
    assert reader.searcher.search("callcenter Malaga")[0].project_id == "esf-resurscenter"


def test_a_slow_statement_hits_the_timeout(pg_settings: Settings, seed_dir: Path) -> None:
    build([seed_dir], settings=pg_settings, embedder=FakeEmbedder())
    quick = pg_settings.model_copy(update={"db_statement_timeout": 0.2})
    with pytest.raises(pg.DatabaseError, match="took too long"):
        pg.database(quick).fetch("SELECT pg_sleep(2)")


def test_source_texts_are_stored(pg_settings: Settings, seed_dir: Path) -> None:
    build([seed_dir], settings=pg_settings, embedder=FakeEmbedder())
    store = open_store(pg_settings)
    assert isinstance(store, pg.PostgresStore)
    chunk = next(c for c in store.chunks if c.section_key == "purpose")
    text = store.source_text(chunk.source)
    assert text is not None and chunk.text[:40] in text


# ---------------------------------------------------------------- the command line


def test_cli_end_to_end(pg_url: str, seed_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--database-url", pg_url, "--embedder", "fake"]
    assert cli.main([*base, "index", "--quiet", str(seed_dir)]) == 0
    assert "indexed 2 projects" in capsys.readouterr().out
    assert cli.main([*base, "index", "--if-stale", str(seed_dir)]) == 0
    assert "up to date" in capsys.readouterr().out
    assert cli.main([*base, "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["store"] == "postgres" and stats["projects"] == 2
    assert cli.main([*base, "search", "--json", "--region", "småland", "socialt företag"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and {h["project_id"] for h in hits} == {"esf-resurscenter"}
    assert cli.main([*base, "ask", "--json", "Hur mycket ESF-stöd fick KC2?"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["answered"] and answer["citations"]


def test_a_database_restarted_while_serving(tmp_path: Path, seed_dir: Path) -> None:
    """Its own server: stopped, a question is one clear error; started again, the same
    assistant answers again (the pool replaces its dead connections)."""
    pgserver = pytest.importorskip("pgserver")
    root = Path(tempfile.mkdtemp(prefix="assistant-pg-restart-"))
    server = pgserver.get_server(root / "data", cleanup_mode="stop")
    try:
        url = server.get_uri()
        settings = Settings(
            index_dir=tmp_path / "index",
            embedder="fake",
            database_url=SecretStr(url),
            db_connect_timeout=2.0,
            db_statement_timeout=5.0,
        )
        embedder = FakeEmbedder()
        build([seed_dir], settings=settings, embedder=embedder)
        reader = Assistant.open(settings, embedder=embedder)
        expected = reader.ask("Vilka projekt pågick 2011?").answer
        server.cleanup()
        with pytest.raises(DatabaseUnreachableError):
            reader.ask("Vilka projekt pågick 2011?")
        server = pgserver.get_server(root / "data", cleanup_mode="stop")
        assert server.get_uri() == url
        assert reader.ask("Vilka projekt pågick 2011?").answer == expected
    finally:
        pg.close_databases()
        server.cleanup()
        shutil.rmtree(root, ignore_errors=True)
