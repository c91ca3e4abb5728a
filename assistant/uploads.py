"""Uploaded files checked and saved into the data folder, with a clear outcome for each one.

An upload is parsed with the library's readers before anything is saved, so a file that holds
no projects never reaches the data folder, and a saved file never lands outside it or over
another file. Outcomes carry a UI text key (see :mod:`assistant.phrases`) rather than a
sentence, so the shells can show them in either language.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AssistantError
from .index import connect_records, generation_dir, records_path
from .markup import md_escape
from .phrases import t
from .settings import Settings
from .sources import read_path
from .status import current_manifest, human_size

UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".csv")
UPLOAD_TYPES = [suffix.lstrip(".") for suffix in UPLOAD_SUFFIXES]
SAVED_KEYS = frozenset({"upload.saved", "upload.renamed", "upload.same"})
MAX_NAME_CHARS = 150
MAX_RENAMES = 1000


@dataclass(frozen=True, kw_only=True)
class UploadOutcome:
    """What became of one uploaded file: saved (``path``) or not, and why, as a UI text key."""

    name: str
    message_key: str
    values: Mapping[str, object] = field(default_factory=dict)
    path: Path | None = None

    @property
    def saved(self) -> bool:
        """Whether a new file was written (a re-index is then worth running)."""
        return self.path is not None

    @property
    def ok(self) -> bool:
        """Whether the file's projects are now in the data folder (saved now or before)."""
        return self.message_key in SAVED_KEYS

    def message(self, language: str) -> str:
        """The outcome in words (plain text)."""
        return t(language, self.message_key, name=self.name, **self.values)

    def markdown(self, language: str) -> str:
        """The outcome as Markdown, with the file name and the readers' messages escaped."""
        values = {k: md_escape(str(v)) for k, v in self.values.items()}
        return t(language, self.message_key, name=md_escape(self.name), **values)


def limit_megabytes(settings: Settings) -> int:
    """The upload limit in whole megabytes (MiB, rounded up), as file pickers take it."""
    return max(1, math.ceil(settings.max_upload_bytes / 1024**2))


def safe_file_name(name: str) -> str | None:
    """The base name of an uploaded file without folders, leading dots or odd characters;
    None when nothing usable is left."""
    base = name.replace("\\", "/").split("/")[-1].strip()
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" ._")
    base = re.sub(r"\s+", " ", base)
    if not base or base.startswith(".") or len(base) > MAX_NAME_CHARS:
        return None
    return base


def accept_upload(name: str, data: bytes, settings: Settings) -> UploadOutcome:
    """Check an uploaded file and save it into ``settings.data_dir`` if it holds new projects."""
    safe = safe_file_name(name)
    if safe is None:
        return UploadOutcome(name=name[:MAX_NAME_CHARS], message_key="upload.bad_name")
    rejected = precheck_upload(safe, data, settings)
    if rejected is not None:
        return rejected
    checked = check_upload(safe, data, settings)
    if isinstance(checked, UploadOutcome):
        return checked
    return store_upload(safe, data, settings, projects=checked)


def precheck_upload(name: str, data: bytes, settings: Settings) -> UploadOutcome | None:
    """Why a file is refused before it is parsed (type, size, emptiness), or None."""
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return UploadOutcome(
            name=name, message_key="upload.bad_type", values={"suffix": suffix or "–"}
        )
    if len(data) > settings.max_upload_bytes:
        sizes = {"size": human_size(len(data)), "limit": human_size(settings.max_upload_bytes)}
        return UploadOutcome(name=name, message_key="upload.too_big", values=sizes)
    if not data.strip():
        return UploadOutcome(name=name, message_key="upload.empty")
    return None


def check_upload(name: str, data: bytes, settings: Settings) -> UploadOutcome | int:
    """The number of projects the file holds, or why it is refused (unreadable, no projects,
    only projects that are already indexed).

    The readers take a path, so the file is parsed from a private temporary copy that is
    removed at once; the data folder is not touched.
    """
    with tempfile.TemporaryDirectory(prefix="pb-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            result = read_path(path, settings=settings)
        except AssistantError as exc:
            detail = _without_folder(exc, tmp)
            return UploadOutcome(
                name=name, message_key="upload.unreadable", values={"detail": detail}
            )
        problems = [_without_folder(p.message, tmp) for p in result.problems[:3]]
    if not result.projects:
        return UploadOutcome(
            name=name, message_key="upload.no_projects", values={"detail": "; ".join(problems)}
        )
    known = already_indexed(settings, [p.id for p in result.projects])
    if known and len(known) == len(result.projects):
        detail = ", ".join(known[:5])
        return UploadOutcome(name=name, message_key="upload.duplicate", values={"detail": detail})
    return len(result.projects)


def _without_folder(message: object, folder: str) -> str:
    """A reader's message without the temporary folder's path."""
    return str(message).replace(folder + os.sep, "").replace(folder, "")


def already_indexed(settings: Settings, project_ids: Sequence[str]) -> list[str]:
    """Which of the ids the current index already holds (ESF and CSV ids are stable; documents
    get new ids, so they never count as indexed)."""
    manifest = current_manifest(settings)
    if not manifest or not project_ids:
        return []
    if settings.database_url is not None:
        from .store.postgres import database

        try:
            found = database(settings).fetch(
                "SELECT id FROM projects WHERE generation = %s AND id = ANY(%s) ORDER BY id",
                (manifest["generation"], list(project_ids)),
            )
        except AssistantError:
            return []
        return [str(row[0]) for row in found]
    db = records_path(generation_dir(settings.index_dir, manifest))
    marks = ",".join("?" * len(project_ids))
    try:
        con = connect_records(db)
        try:
            rows = con.execute(f"SELECT id FROM projects WHERE id IN ({marks})", list(project_ids))
            return [str(row[0]) for row in rows]
        finally:
            con.close()
    except sqlite3.Error:
        return []


def store_upload(name: str, data: bytes, settings: Settings, *, projects: int) -> UploadOutcome:
    """Write a checked upload into the data folder, atomically and without overwriting
    another file; ``name`` must already be a :func:`safe_file_name`."""
    data_dir = settings.data_dir
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        target = free_target(data_dir, name, data)
        if target is None:
            return UploadOutcome(
                name=name, message_key="upload.same", values={"data_dir": str(data_dir)}
            )
        if target.resolve().parent != data_dir.resolve():
            return UploadOutcome(name=name, message_key="upload.bad_name")
        _write_atomically(target, data)
    except OSError as exc:
        detail = exc.strerror or str(exc)
        return UploadOutcome(
            name=name, message_key="upload.write_failed", values={"detail": detail}
        )
    key = "upload.saved" if target.name == name else "upload.renamed"
    values = {"projects": projects, "saved": target.name}
    return UploadOutcome(name=name, message_key=key, values=values, path=target)


def _write_atomically(target: Path, data: bytes) -> None:
    """Write beside ``target`` under a hidden name, then rename, so readers never see half."""
    tmp = target.parent / f".upload-{uuid.uuid4().hex}.tmp"
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def free_target(folder: Path, name: str, data: bytes) -> Path | None:
    """``folder/name``, or ``name-2``, ``name-3``… when taken by other content; None when a
    file with the same content is already there. Raises OSError when every name is taken."""
    stem, suffix = Path(name).stem, Path(name).suffix
    for n in range(1, MAX_RENAMES):
        candidate = folder / (name if n == 1 else f"{stem}-{n}{suffix}")
        if not candidate.exists():
            return candidate
        if candidate.is_file() and candidate.read_bytes() == data:
            return None
    raise OSError(f"too many files named {name}")
