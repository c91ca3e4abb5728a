"""Who may change the index from the app: the Index page's upload and re-index, and the
download of the stored ratings.

Reading is for everyone who can open the app; changing is for an administrator, decided by
the first rule that applies:

1. **OIDC login configured** (an ``[auth]`` section with a provider in Streamlit's
   ``.streamlit/secrets.toml``): a user logged in through it. With ``ASSISTANT_ADMIN_EMAILS``
   set (comma-separated), only a user whose e-mail is on that list (case-insensitive, and not
   when the provider says the address is unverified); without it, anyone the provider lets log
   in. The token is then not asked for.
2. **``ASSISTANT_ADMIN_TOKEN`` set**: whoever enters that token (compared in constant time).
3. **Neither**: only when the app is bound to this machine (``server.address`` localhost,
   127.0.0.1 or ::1, as ``make run`` binds it by default); bound to every interface or to a
   network address, the index can then only be changed from the command line.

Everything here is pure (the page passes in what Streamlit knows), so each case is tested
without a browser.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .settings import Settings

LOCAL_ADDRESSES = frozenset({"localhost", "127.0.0.1", "::1"})
DEFAULT_PROVIDER = "default"
_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


@dataclass(frozen=True, kw_only=True)
class Login:
    """What Streamlit's OIDC login says about this session: whether a provider is configured
    (:func:`oidc_provider`), and ``st.user``'s ``is_logged_in``, ``email`` and
    ``email_verified`` (None when the provider does not say)."""

    configured: bool = False
    logged_in: bool = False
    email: str | None = None
    email_verified: bool | None = None


NO_LOGIN = Login()


@dataclass(frozen=True)
class WriteAccess:
    """Whether write actions are shown, and why (``reason`` names the phrase to show)."""

    allowed: bool
    needs_token: bool
    reason: str  # "login", "token", "local", "ask_login", "not_admin", "ask_token", ...
    needs_login: bool = False


def oidc_provider(auth: Mapping[str, Any] | None) -> str | None:
    """The provider ``st.login`` is to use, from the ``[auth]`` section of the secrets: None
    when login is not configured (no section, or no ``redirect_uri`` and ``cookie_secret``),
    ``"default"`` when the section itself names a provider (``client_id``, ``client_secret``,
    ``server_metadata_url``), else the first ``[auth.<name>]`` section that does (Streamlit
    refuses names with an underscore)."""
    if not isinstance(auth, Mapping) or not all(
        auth.get(k) for k in ("redirect_uri", "cookie_secret")
    ):
        return None
    if _names_provider(auth):
        return DEFAULT_PROVIDER
    named = (n for n, value in auth.items() if isinstance(value, Mapping) and "_" not in n)
    return next((name for name in named if _names_provider(auth[name])), None)


def _names_provider(section: Mapping[str, Any]) -> bool:
    return all(section.get(key) for key in _PROVIDER_KEYS)


def admin_emails(settings: Settings) -> frozenset[str]:
    """The e-mail addresses of ``ASSISTANT_ADMIN_EMAILS`` (commas or spaces between them),
    lower-cased; empty when not set."""
    return frozenset(e.lower() for e in re.split(r"[,\s]+", settings.admin_emails) if e)


def email_allowed(settings: Settings, login: Login) -> bool:
    """Whether a logged-in user is an administrator: anyone without an allow-list; with one,
    a user whose e-mail is on it, unless the provider marked that address unverified."""
    allowed = admin_emails(settings)
    if not allowed:
        return True
    if not login.email or login.email_verified is False:
        return False
    return login.email.strip().lower() in allowed


def token_matches(settings: Settings, given: str | None) -> bool:
    """Whether ``given`` is the configured admin token (constant time; False without one)."""
    if settings.admin_token is None or not given:
        return False
    expected = settings.admin_token.get_secret_value()
    return bool(expected) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def write_access(
    settings: Settings, *, address: str | None, given: str | None, login: Login = NO_LOGIN
) -> WriteAccess:
    """May this session upload and re-index? ``address`` is the app's ``server.address``
    (None or empty: every interface), ``given`` the token the user entered, if any, and
    ``login`` what the OIDC login says (by default: not configured)."""
    if login.configured:
        if not login.logged_in:
            return WriteAccess(
                allowed=False, needs_token=False, needs_login=True, reason="ask_login"
            )
        if email_allowed(settings, login):
            return WriteAccess(allowed=True, needs_token=False, needs_login=True, reason="login")
        return WriteAccess(allowed=False, needs_token=False, needs_login=True, reason="not_admin")
    configured = settings.admin_token is not None and bool(settings.admin_token.get_secret_value())
    if configured:
        if token_matches(settings, given):
            return WriteAccess(allowed=True, needs_token=True, reason="token")
        return WriteAccess(
            allowed=False, needs_token=True, reason="wrong_token" if given else "ask_token"
        )
    if (address or "").strip().strip("[]") in LOCAL_ADDRESSES:
        return WriteAccess(allowed=True, needs_token=False, reason="local")
    return WriteAccess(allowed=False, needs_token=False, reason="remote")
