"""Files and folders: each file checked, decoded and handed to the reader its content calls
for; folders read recursively; results merged with unique project ids."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import SourceError
from ..models import Problem, Project, ReadResult
from ..settings import Settings
from .decoding import UnreadableFileError, decode_bytes
from .documents import read_document
from .esf import looks_like_esf_page, read_esf_page
from .parsing import unique_key
from .tvv_csv import is_tvv_text, read_tvv_csv

SUPPORTED_SUFFIXES: tuple[str, ...] = (".csv", ".htm", ".html", ".markdown", ".md", ".txt")
_HTML_SUFFIXES = (".htm", ".html")


def _parse_text(text: str, *, source: str, suffix: str) -> ReadResult:
    """Dispatch a decoded file on its content: CSV export, ESF page or document."""
    if suffix == ".csv" or is_tvv_text(text):
        return read_tvv_csv(text, source=source)
    if suffix in _HTML_SUFFIXES:
        return ReadResult(projects=(read_document(text, source=source, html=True),))
    if looks_like_esf_page(text):
        return ReadResult(projects=(read_esf_page(text, source=source),))
    return ReadResult(projects=(read_document(text, source=source),))


def _read_file(path: Path, settings: Settings, *, named: bool) -> ReadResult:
    """Read one file; whole-file failures raise when ``named`` and are Problems otherwise."""
    source = str(path)
    try:
        return _read_file_or_raise(path, settings)
    except UnreadableFileError as exc:
        return ReadResult(problems=(Problem(source=source, message=f"{source}: {exc}"),))
    except SourceError as exc:
        if named:
            raise
        return ReadResult(problems=(Problem(source=source, message=str(exc)),))


def _read_file_or_raise(path: Path, settings: Settings) -> ReadResult:
    """Check, decode and parse one file, raising SourceError (or UnreadableFileError) on failure."""
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise SourceError(
            f"{source}: unsupported file type "
            f"{repr(suffix) if suffix else '(no extension)'}; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise SourceError(
                f"{source}: the file is {size} bytes, over the limit of "
                f"{settings.max_file_bytes} bytes (setting max_file_bytes, "
                "environment variable ASSISTANT_MAX_FILE_BYTES)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{source}: could not read the file: {exc.strerror or exc}") from exc
    return _parse_text(decode_bytes(data), source=source, suffix=suffix)


def folder_files(folder: Path) -> list[Path]:
    """The files under a folder, recursively and sorted, skipping hidden files and folders."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / name for name in files if not name.startswith("."))
    return sorted(found)


def _read_folder(folder: Path, settings: Settings) -> ReadResult:
    """Read every file of a folder; no file's failure stops the others."""
    files = folder_files(folder)
    if not files:
        return ReadResult(
            problems=(Problem(source=str(folder), message=f"{folder}: the folder has no files"),)
        )
    return _merge([_read_file(path, settings, named=False) for path in files])


def _merge(results: Sequence[ReadResult]) -> ReadResult:
    """Join results, keeping project ids unique.

    A file reached twice is read once. A repeated ESF or CSV project from another file (the
    same project saved twice) is skipped with a Problem; a repeated document id (two files
    with the same stem) gets a ``-2``, ``-3``… suffix.
    """
    projects: list[Project] = []
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    for result in results:
        problems.extend(result.problems)
        for project in result.projects:
            if project.id not in owners:
                owners[project.id] = project.source
                projects.append(project)
                continue
            if Path(owners[project.id]).resolve() == Path(project.source).resolve():
                continue  # the same file reached twice (a folder and a file in it)
            if project.kind != "doc":
                problems.append(
                    Problem(
                        source=project.source,
                        message=f"{project.source}: project {project.id} was already read from "
                        f"{owners[project.id]}; skipped",
                        duplicate=True,
                    )
                )
                continue
            new_id = unique_key(project.id, set(owners))
            owners[new_id] = project.source
            projects.append(_with_id(project, new_id))
    return ReadResult(projects=tuple(projects), problems=tuple(problems))


def _with_id(project: Project, new_id: str) -> Project:
    """A copy of a project under another id."""
    return replace(project, id=new_id)


def read_path(path: Path, *, settings: Settings) -> ReadResult:
    """Read a file or, recursively, a folder into projects.

    A file named directly raises SourceError when it is missing, of an unsupported type,
    over ``settings.max_file_bytes`` or not parseable as its kind; empty and binary files are
    reported as Problems. Inside a folder every failure is a Problem and never stops the
    other files.
    """
    if not path.exists():
        raise SourceError(f"{path}: no such file or folder")
    if path.is_dir():
        return _read_folder(path, settings)
    return _read_file(path, settings, named=True)


def read_paths(paths: Sequence[Path], *, settings: Settings) -> ReadResult:
    """Read several files or folders (see :func:`read_path`) into one result."""
    seen: set[Path] = set()
    results: list[ReadResult] = []
    for path in paths:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        results.append(read_path(path, settings=settings))
    return _merge(results)
