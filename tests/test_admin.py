"""Who may change the index from the app (assistant.admin): a token compared in constant time,
else only an app bound to localhost; each case through the Index page with AppTest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


# ---------------------------------------------------------------- OIDC login (st.login, st.user)

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "en-lång-slumpad-hemlighet",
    "client_id": "projektbanken",
    "client_secret": "klienthemlighet",
    "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
}
NAMED = {
    "redirect_uri": AUTH["redirect_uri"],
    "cookie_secret": AUTH["cookie_secret"],
    "microsoft": {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")},
}


@pytest.mark.parametrize(
    ("auth", "provider"),
    [
        (None, None),
        ({}, None),
        ({k: v for k, v in AUTH.items() if k != "cookie_secret"}, None),
        ({"redirect_uri": "x", "cookie_secret": "y"}, None),
        (AUTH, "default"),
        (NAMED, "microsoft"),
        ({**NAMED, "bad_name": NAMED["microsoft"], "okta": NAMED["microsoft"]}, "microsoft"),
    ],
)
def test_oidc_provider_from_the_auth_secrets(auth: dict[str, object] | None, provider: str) -> None:
    assert admin.oidc_provider(auth) == provider


def login(email: str | None = "Anna@Example.org", **changes: object) -> admin.Login:
    values: dict[str, object] = {"configured": True, "logged_in": True, "email": email}
    return admin.Login(**{**values, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("emails", "who", "allowed", "reason"),
    [
        ("", login(logged_in=False), False, "ask_login"),
        ("", login(), True, "login"),
        ("", login(email=None), True, "login"),
        ("anna@example.org", login(), True, "login"),
        ("bo@example.org, ANNA@example.org", login(), True, "login"),
        ("anna@example.org bo@example.org", login(email_verified=True), True, "login"),
        ("anna@example.org", login(email_verified=False), False, "not_admin"),
        ("bo@example.org", login(), False, "not_admin"),
        ("bo@example.org", login(email=None), False, "not_admin"),
    ],
)
def test_with_oidc_the_logged_in_user_on_the_list_may_change(
    emails: str, who: admin.Login, allowed: bool, reason: str
) -> None:
    settings = Settings(admin_token=SecretStr("s3cret"), admin_emails=emails)
    for address, given in (("localhost", None), ("0.0.0.0", "s3cret")):
        access = admin.write_access(settings, address=address, given=given, login=who)
        assert (access.allowed, access.reason, access.needs_login) == (allowed, reason, True)
        assert not access.needs_token  # neither the token nor localhost opens the door


def test_without_oidc_the_login_is_not_asked_for() -> None:
    not_configured = admin.Login(logged_in=True, email="anna@example.org")
    settings = Settings(admin_token=SecretStr("s3cret"))
    access = admin.write_access(settings, address="0.0.0.0", given=None, login=not_configured)
    assert (access.allowed, access.reason, access.needs_login) == (False, "ask_token", False)
    assert admin.admin_emails(Settings(admin_emails=" A@x.se,b@y.se  c@z.se ")) == {
        "a@x.se",
        "b@y.se",
        "c@z.se",
    }


def oidc_index_page(user: dict[str, object]) -> AppTest:
    """The Index page with OIDC configured through AppTest's secrets and ``st.user`` set."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(page="index")
    at.secrets["auth"] = AUTH
    at.user = user
    return ok(at.run())


ANNA = {"is_logged_in": True, "email": "anna@example.org", "name": "Anna"}


def test_oidc_logged_out_sees_a_login_button_and_no_token_field(
    corpus: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_ADMIN_TOKEN", "s3cret")
    with serving_on("localhost"):
        at = oidc_index_page({"is_logged_in": False})
    assert UPLOAD not in labels(at) and REINDEX not in labels(at)
    assert "Logga in" in labels(at) and not at.text_input
    assert "kräver att en administratör loggar in" in texts(at)


def test_oidc_logged_in_user_may_change_and_log_out(corpus: Settings) -> None:
    with serving_on("0.0.0.0"):
        at = oidc_index_page(ANNA)
        assert UPLOAD in labels(at) and REINDEX in labels(at)
        assert "Inloggad som anna@example\\.org" in texts(at)
        next(b for b in at.button if b.label == "Logga ut").click()
        at = ok(at.run())
        assert at.user == {"is_logged_in": False}
        assert UPLOAD not in labels(at) and REINDEX not in labels(at)
        at = ok(at.run())
        assert "Logga in" in labels(at) and REINDEX not in labels(at)


def test_oidc_user_not_on_the_allow_list_may_not(
    corpus: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_ADMIN_EMAILS", "bo@example.org")
    with serving_on("localhost"):
        at = oidc_index_page(ANNA)
        assert UPLOAD not in labels(at) and REINDEX not in labels(at)
        assert "anna@example\\.org får inte ändra indexet" in texts(at)
        monkeypatch.setenv("ASSISTANT_ADMIN_EMAILS", "bo@example.org,ANNA@example.org")
        at = ok(at.run())
        assert REINDEX in labels(at)


def test_the_login_button_starts_streamlits_login(
    corpus: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The button runs the real ``st.login``: Authlib present, the configuration accepted, and
    Streamlit's redirect to its ``/auth/login`` endpoint sent. ``st.login`` checks the secrets
    Streamlit read from ``secrets.toml`` (which ``at.secrets`` does not reach), so they are put
    there for this test; the provider, its callback and the cookie are not exercised."""
    from streamlit.runtime.forward_msg_queue import ForwardMsgQueue
    from streamlit.runtime.secrets import secrets_singleton

    monkeypatch.setattr(secrets_singleton, "_secrets", {"auth": NAMED})
    redirects: list[str] = []
    real_enqueue = ForwardMsgQueue.enqueue

    def spy(self: ForwardMsgQueue, msg: Any) -> None:
        if msg.HasField("auth_redirect"):
            redirects.append(msg.auth_redirect.url)
        real_enqueue(self, msg)

    monkeypatch.setattr(ForwardMsgQueue, "enqueue", spy)
    with serving_on("localhost"):
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        at.query_params.update(page="index")
        at = ok(at.run())
        assert REINDEX not in labels(at)
        next(b for b in at.button if b.label == "Logga in").click()
        at = ok(at.run())
    assert len(redirects) == 1 and redirects[0].startswith("/auth/login?provider=")
    assert not at.error and REINDEX not in labels(at)


def downloads(at: AppTest) -> list[Any]:
    return [d for d in at.get("download_button") if d.proto.label == "Ladda ner omdömen (CSV)"]


def test_the_ratings_download_is_for_administrators_only(
    corpus: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.feedback import FeedbackStore
    from assistant.models import Answer

    answer = Answer(question="Vem äger KC2?", answer="Studieförbundet.", answered=True)
    FeedbackStore.for_settings(corpus).record(answer, rating=1, comment="bra")
    monkeypatch.setenv("ASSISTANT_ADMIN_TOKEN", "s3cret")
    with serving_on("0.0.0.0"):
        at = index_page()
        assert not downloads(at) and "Omdömen" not in texts(at)
        at.text_input(key="admin_token_field").set_value("s3cret")
        at = ok(at.run())
    [download] = downloads(at)
    assert not download.proto.disabled
    assert "1 omdömen om svar" in texts(at)
