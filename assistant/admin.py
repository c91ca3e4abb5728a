"""Who may change the index from the app: the Index page's upload and re-index.

Reading is for everyone who can open the app; changing is for an administrator:

* with ``ASSISTANT_ADMIN_TOKEN`` set, whoever enters that token (compared in constant time);
* with no token, only when the app is bound to this machine (``server.address`` localhost,
  127.0.0.1 or ::1, as ``make run`` binds it by default); bound to every interface or to a
  network address, the index can then only be changed from the command line.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from .settings import Settings

LOCAL_ADDRESSES = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True)
class WriteAccess:
    """Whether write actions are shown, and why (``reason`` names the phrase to show)."""

    allowed: bool
    needs_token: bool
    reason: str  # "token", "local", "ask_token", "wrong_token", "remote"


def token_matches(settings: Settings, given: str | None) -> bool:
    """Whether ``given`` is the configured admin token (constant time; False without one)."""
    if settings.admin_token is None or not given:
        return False
    expected = settings.admin_token.get_secret_value()
    return bool(expected) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def write_access(settings: Settings, *, address: str | None, given: str | None) -> WriteAccess:
    """May this session upload and re-index? ``address`` is the app's ``server.address``
    (None or empty: every interface), ``given`` the token the user entered, if any."""
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
