"""Who may change the index from the app (assistant.admin): a token compared in constant time,
else only an app bound to localhost; each case through the Index page with AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr
from streamlit.testing.v1 import AppTest

from assistant import admin
from assistant.settings import Settings

from .test_app import APP, TIMEOUT, make_corpus, ok, serving_on, texts, use

UPLOAD = "Lägg till och indexera om"
REINDEX = "Indexera om nu"


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def index_page() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(page="index")
    return ok(at.run())


@pytest.mark.parametrize(
    ("token", "address", "given", "allowed", "reason"),
    [
        (None, "localhost", None, True, "local"),
        (None, "127.0.0.1", None, True, "local"),
        (None, "::1", None, True, "local"),
        (None, None, None, False, "remote"),
        (None, "0.0.0.0", None, False, "remote"),
        (None, "10.1.2.3", "anything", False, "remote"),
        ("s3cret", "localhost", None, False, "ask_token"),
        ("s3cret", "0.0.0.0", "wrong", False, "wrong_token"),
        ("s3cret", "0.0.0.0", "s3cret", True, "token"),
    ],
)
def test_write_access(
    token: str | None, address: str | None, given: str | None, allowed: bool, reason: str
) -> None:
    settings = Settings(admin_token=SecretStr(token) if token else None)
    access = admin.write_access(settings, address=address, given=given)
    assert (access.allowed, access.reason) == (allowed, reason)


def test_the_token_is_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return a == b

    monkeypatch.setattr(admin.hmac, "compare_digest", spy)
    settings = Settings(admin_token=SecretStr("s3cret"))
    assert admin.token_matches(settings, "s3cret") and not admin.token_matches(settings, "x")
    assert calls == [(b"s3cret", b"s3cret"), (b"x", b"s3cret")]
    assert "s3cret" not in repr(settings)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    return use(monkeypatch, make_corpus(tmp_path))


def test_bound_to_localhost_without_a_token_may_change(corpus: Settings) -> None:
    with serving_on("localhost"):
        at = index_page()
    assert UPLOAD in labels(at) and REINDEX in labels(at)


def test_bound_to_every_interface_without_a_token_may_not(corpus: Settings) -> None:
    with serving_on(None):
        at = index_page()
    assert UPLOAD not in labels(at) and REINDEX not in labels(at)
    assert "ASSISTANT_ADMIN_TOKEN" in texts(at)
    assert not at.get("file_uploader")


def test_with_a_token_only_the_right_token_unlocks(
    corpus: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_ADMIN_TOKEN", "s3cret")
    with serving_on("0.0.0.0"):
        at = index_page()
        assert REINDEX not in labels(at)
        assert "kräver administratörsnyckeln" in texts(at)
        at.text_input(key="admin_token_field").set_value("fel")
        at = ok(at.run())
        assert REINDEX not in labels(at) and "Fel administratörsnyckel" in texts(at)
        at.text_input(key="admin_token_field").set_value("s3cret")
        at = ok(at.run())
        assert REINDEX in labels(at) and UPLOAD in labels(at)
        assert "s3cret" not in texts(at)
