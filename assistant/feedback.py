"""Ratings of answers (thumbs up or down, an optional comment) kept in a small SQLite file.

The store lives beside the index generations (``<index_dir>/feedback.sqlite``) so that it
survives re-indexing, and is created on first use. Each rating is one row; a later change of
mind or a comment updates that row instead of adding another.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from .errors import FeedbackError
from .models import Answer
from .settings import Settings

FILE_NAME = "feedback.sqlite"
RATINGS = (1, -1)
SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    rating INTEGER NOT NULL,          -- 1 = thumbs up, -1 = thumbs down
    comment TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    citations TEXT NOT NULL DEFAULT '[]'
)
"""
NEW_ROW = ("created_at", "question", "answer", "rating", "comment", "language", "citations")
INSERT = f"INSERT INTO feedback ({', '.join(NEW_ROW)}) VALUES ({', '.join('?' * len(NEW_ROW))})"
UPDATE = "UPDATE feedback SET rating = ?, comment = ? WHERE id = ?"


@dataclass(frozen=True, kw_only=True)
class FeedbackRow:
    """One stored rating; ``citations`` is the JSON list of the answer's citations."""

    id: int
    created_at: str
    question: str
    answer: str
    rating: int
    comment: str
    language: str
    citations: str


class FeedbackStore:
    """The feedback table in one SQLite file; every call opens and closes its own connection,
    so the store can be shared between sessions and threads."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_settings(cls, settings: Settings) -> FeedbackStore:
        """The store of the configured index folder."""
        return cls(settings.index_dir / FILE_NAME)

    def record(
        self, answer: Answer, *, rating: int, comment: str = "", row_id: int | None = None
    ) -> int:
        """Store a rating of ``answer`` (or update row ``row_id``); returns the row's id."""
        if rating not in RATINGS:
            raise FeedbackError(f"a rating is 1 or -1, not {rating!r}")
        with self._connection() as con:
            if row_id is not None:
                con.execute(UPDATE, (rating, comment, row_id))
                return row_id
            cursor = con.execute(INSERT, _new_row(answer, rating=rating, comment=comment))
            return int(cursor.lastrowid or 0)

    def rows(self) -> list[FeedbackRow]:
        """Every stored rating, oldest first; none (and nothing created) before the first."""
        if not self.path.exists():
            return []
        with self._connection() as con:
            con.row_factory = sqlite3.Row
            found = con.execute("SELECT * FROM feedback ORDER BY id").fetchall()
        return [FeedbackRow(**dict(row)) for row in found]

    def count(self) -> int:
        """How many ratings are stored."""
        with self._connection() as con:
            return int(con.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """A connection to a file with the table in place, committed on success; SQLite and
        file-system failures become FeedbackError."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=5)) as con, con:
                con.execute(SCHEMA)
                yield con
        except (sqlite3.Error, OSError) as exc:
            raise FeedbackError(f"the feedback store {self.path} cannot be used: {exc}") from exc


def _new_row(answer: Answer, *, rating: int, comment: str) -> tuple[object, ...]:
    """The values of a new row, in the order of ``NEW_ROW``."""
    citations = json.dumps(answer.to_dict()["citations"], ensure_ascii=False)
    created = datetime.now(UTC).isoformat(timespec="seconds")
    return (created, answer.question, answer.answer, rating, comment, answer.language, citations)


def feedback_csv(rows: Sequence[FeedbackRow]) -> str:
    """Ratings as CSV (a header of the column names, one line per rating, oldest first) for an
    administrator to download from the Index page."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f.name for f in fields(FeedbackRow)])
    writer.writerows(astuple(row) for row in rows)
    return out.getvalue()
