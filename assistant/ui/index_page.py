"""The index page: what is indexed, and for an administrator (assistant.admin) uploads,
re-indexing with progress, and the ratings visitors gave answers as a download.

Who is an administrator is decided by :func:`assistant.admin.write_access`; this module only
gathers what Streamlit knows for it (the ``[auth]`` secrets, ``st.user``, the server address,
the token typed in) and offers the matching way in: ``st.login``/``st.logout`` when OIDC login
is configured, else a token field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from assistant import AssistantError, Settings, admin, builds, status, uploads
from assistant.feedback import FeedbackStore, feedback_csv
from assistant.markup import llm_markdown, md_escape

from .loading import build_panel, build_status_line, rebuild, show_build_report
from .session import lang, tr


def index_page(settings: Settings) -> None:
    """What is indexed, the build running now (or how the last one failed), uploads, and
    re-indexing in the background."""
    st.header(tr("index.title"), anchor=False)
    st.caption(tr("index.caption"))
    manifest = status.current_manifest(settings)
    if manifest:
        index_overview(settings, manifest)
    else:
        st.info(tr("index.none", data_dir=str(settings.data_dir)))
    running = build_panel(settings)
    if may_change_index(settings):
        upload_section(settings, manifest, running=running)
        rebuild_section(settings, manifest, running=running)
        feedback_section(settings)
        state = builds.runner_for(settings).state()
        if not running and state.report is not None:
            st.subheader(tr("index.last_build"), anchor=False)
            show_build_report(state.report)


def may_change_index(settings: Settings) -> bool:
    """Whether this session may upload and re-index (assistant.admin); offers the way in the
    configuration calls for: logging in, or the token."""
    login, provider = session_login()
    given = st.session_state.get("admin_token_given")
    address = st.get_option("server.address")
    access = admin.write_access(settings, address=address, given=given, login=login)
    if access.needs_login:
        return login_gate(access, login, provider)
    if access.allowed:
        return True
    if access.needs_token:
        entered = st.text_input(tr("admin.token"), type="password", key="admin_token_field")
        if entered and entered != given:
            st.session_state.admin_token_given = entered
            access = admin.write_access(settings, address=address, given=entered)
            if access.allowed:
                return True
        if entered:
            st.error(tr("admin.wrong_token"), icon=":material/lock:")
        else:
            st.info(tr("admin.ask_token"), icon=":material/lock:")
        return False
    st.info(tr(f"admin.{access.reason}"), icon=":material/lock:")
    return False


def auth_secrets() -> Mapping[str, Any] | None:
    """The ``[auth]`` section of Streamlit's secrets; None without one or without a secrets
    file (Streamlit's "no secrets" error is a FileNotFoundError)."""
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError:
        return None
    return section if isinstance(section, Mapping) else None


def session_login() -> tuple[admin.Login, str | None]:
    """What Streamlit's OIDC login says about this session, and the provider to log in with
    (None, and no login, when none is configured)."""
    provider = admin.oidc_provider(auth_secrets())
    if provider is None:
        return admin.NO_LOGIN, None
    email, verified = st.user.get("email"), st.user.get("email_verified")
    login = admin.Login(
        configured=True,
        logged_in=st.user.get("is_logged_in") is True,
        email=email if isinstance(email, str) and email else None,
        email_verified=verified if isinstance(verified, bool) else None,
    )
    return login, provider


def login_gate(access: admin.WriteAccess, login: admin.Login, provider: str | None) -> bool:
    """With OIDC login configured: a login button, or who is logged in and a logout button;
    True when that user is an administrator."""
    email = md_escape(login.email or "")
    if not login.logged_in:
        st.info(tr("admin.ask_login"), icon=":material/lock:")
        if st.button(tr("admin.login"), icon=":material/login:", key="admin-login"):
            try:
                st.login(provider)
            except StreamlitAPIException as exc:
                st.error(md_escape(str(exc)))
        return False
    if access.allowed:
        st.caption(tr("admin.logged_in", email=email))
    else:
        st.error(tr("admin.not_admin", email=email), icon=":material/lock:")
    if st.button(tr("admin.logout"), icon=":material/logout:", key="admin-logout"):
        st.logout()
        return False
    return access.allowed


def index_overview(settings: Settings, manifest: dict[str, Any]) -> None:
    """Counts, model, build time and the paths the index was built from."""
    size = status.generation_size(settings, manifest)
    figures = status.index_figures(lang(), manifest, size)
    for col, (label, value) in zip(st.columns(len(figures)), figures):
        col.metric(label, value)
    st.markdown(
        f"**{tr('index.embedder')}:** `{manifest['embedder']}`  \n"
        f"**{tr('index.llm')}:** {llm_markdown(settings, lang())}  \n"
        f"**{tr('index.built')}:** {status.when_text(str(manifest.get('built_at', '')))}"
    )
    st.markdown(f"**{tr('index.paths')}:**")
    st.code("\n".join(manifest.get("paths", [])), language=None)
    if status.dense_pending(manifest):
        build_status_line(settings)
    elif status.index_is_stale(settings, status.indexed_paths(manifest)):
        st.warning(tr("index.stale"), icon=":material/update:")


def upload_section(
    settings: Settings, manifest: dict[str, Any] | None, *, running: bool = False
) -> None:
    """Upload files, check each one, save the good ones and re-index (not while a build
    runs: it would not read them)."""
    st.subheader(tr("index.upload_title"), anchor=False)
    limit = status.human_size(settings.max_upload_bytes)
    st.caption(tr("index.upload_help", limit=limit, data_dir=str(settings.data_dir)))
    generation = st.session_state.setdefault("uploader_gen", 0)
    files = st.file_uploader(
        tr("index.upload"),
        type=uploads.UPLOAD_TYPES,
        accept_multiple_files=True,
        key=f"uploader-{generation}",
        max_upload_size=uploads.limit_megabytes(settings),
    )
    if st.button(
        tr("index.add"), type="primary", disabled=running or not files, icon=":material/upload:"
    ):
        add_uploads(settings, manifest, files or [])
    show_upload_outcomes()


def add_uploads(settings: Settings, manifest: dict[str, Any] | None, files: Sequence[Any]) -> None:
    """Check and save each file, then start re-indexing in the background and rerun (empty
    uploader; the build's progress, then its outcome, show on the page)."""
    outcomes = [uploads.accept_upload(f.name, f.getvalue(), settings) for f in files]
    st.session_state.upload_outcomes = outcomes
    st.session_state.uploader_gen = st.session_state.get("uploader_gen", 0) + 1
    if not any(o.saved for o in outcomes):
        st.rerun()
    rebuild(settings, status.reindex_paths(settings, manifest))


def show_upload_outcomes() -> None:
    """What became of the last uploaded files (kept across the rerun after saving)."""
    outcomes: list[uploads.UploadOutcome] = st.session_state.get("upload_outcomes", [])
    for outcome in outcomes:
        if outcome.ok:
            st.success(outcome.markdown(lang()), icon=":material/check:")
        else:
            st.error(outcome.markdown(lang()), icon=":material/block:")
    if outcomes and not any(o.saved for o in outcomes):
        st.info(tr("upload.none_saved"))


def rebuild_section(
    settings: Settings, manifest: dict[str, Any] | None, *, running: bool = False
) -> None:
    """Re-index the recorded paths (and the data folder) on demand, in the background; not
    while a build runs."""
    paths = status.reindex_paths(settings, manifest)
    st.subheader(tr("index.rebuild_title"), anchor=False)
    st.caption(tr("index.rebuild_help", paths=", ".join(f"`{p}`" for p in paths)))
    label = tr("index.rebuild") if manifest else tr("index.build")
    if st.button(label, icon=":material/refresh:", disabled=running):
        rebuild(settings, paths)


def feedback_section(settings: Settings) -> None:
    """How many ratings are stored, and all of them as a CSV download."""
    st.subheader(tr("feedback.title"), anchor=False)
    try:
        rows = FeedbackStore.for_settings(settings).rows()
    except AssistantError as exc:
        st.error(tr("feedback.failed", error=md_escape(str(exc))))
        return
    st.caption(tr("feedback.count", n=len(rows)))
    st.download_button(
        tr("feedback.download"),
        data=feedback_csv(rows),
        file_name="feedback.csv",
        mime="text/csv",
        icon=":material/download:",
        disabled=not rows,
        on_click="ignore",
        key="feedback-download",
    )
