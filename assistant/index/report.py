"""What a build did (``BuildReport``), shared by both stores' builds, and its JSON form."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..models import Problem, ReadResult


@dataclass(frozen=True, kw_only=True)
class BuildReport:
    """What a build did, for the CLI and the app to report."""

    projects: int
    chunks: int
    embedded: int
    reused: int
    sentences: int = 0
    sentences_embedded: int = 0
    texts_embedded: int = 0
    chars_embedded: int = 0
    documents_added: tuple[str, ...] = ()
    documents_changed: tuple[str, ...] = ()
    documents_removed: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    seconds: float = 0.0
    generation: str = ""
    # seconds from the start until the lexical generation was published (None: none was)
    lexical_seconds: float | None = None
    # seconds until search and every answer were complete, the sentence vectors still to come
    # (None: they came with the chunks)
    searchable_seconds: float | None = None
    searchable_generation: str = ""


def document_changes(
    documents: dict[str, str], previous: dict[str, str], result: ReadResult
) -> dict[str, Any]:
    """The report's files added, changed and removed since the previous build (by digest), the
    duplicates reading skipped and the other reading problems; shared by both stores."""
    return {
        "documents_added": tuple(sorted(set(documents) - set(previous))),
        "documents_changed": tuple(
            sorted(s for s in documents if s in previous and previous[s] != documents[s])
        ),
        "documents_removed": tuple(sorted(set(previous) - set(documents))),
        "duplicates": tuple(
            p.message if p.message.startswith(p.source) else f"{p.source}: {p.message}"
            for p in result.problems
            if p.duplicate
        ),
        "problems": tuple(p for p in result.problems if not p.duplicate),
    }


def report_dict(report: BuildReport) -> dict[str, Any]:
    data = asdict(report)
    data["problems"] = [asdict(p) for p in report.problems]
    return data
