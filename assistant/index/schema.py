"""The records database of a generation (SQLite): its schema, the lossless JSON form of a
project, the rows written for projects and chunks, and the text hash vectors are keyed by.

The JSON form, ``project_columns``, ``embed_hash`` and ``chunk_from_row`` are shared with the
PostgreSQL store, so both stores hold the same records.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..chunking import dense_text
from ..models import Chunk, FieldValue, ListField, ListItem, Project, Section, Span
from ..text import fold

RECORDS = "records.sqlite"


def _span_json(span: Span | None) -> list[Any] | None:
    return [span.source, span.start, span.end] if span else None


def _span_from(raw: list[Any] | None) -> Span | None:
    return Span(source=raw[0], start=raw[1], end=raw[2]) if raw else None


def project_to_json(project: Project) -> str:
    """A lossless JSON form of a project (dates tagged) for the records database."""

    def value(v: object) -> object:
        return {"date": v.isoformat()} if isinstance(v, date) else v

    data = {
        "id": project.id,
        "name": project.name,
        "kind": project.kind,
        "source": project.source,
        "url": project.url,
        "problems": list(project.problems),
        "name_span": _span_json(project.name_span),
        "fields": [
            [f.key, f.label, value(f.value), f.text, _span_json(f.span)] for f in project.fields
        ],
        "lists": [
            [lst.key, lst.label, [[i.text, _span_json(i.span)] for i in lst.items]]
            for lst in project.lists
        ],
        "sections": [
            [s.key, s.title, s.text, _span_json(s.span), [list(a) for a in s.anchors]]
            for s in project.sections
        ],
    }
    return json.dumps(data, ensure_ascii=False)


def project_from_json(raw: str) -> Project:
    data = json.loads(raw)

    def value(v: Any) -> str | int | date:
        return date.fromisoformat(v["date"]) if isinstance(v, dict) else v

    def span(raw_span: Any) -> Span:
        found = _span_from(raw_span)
        assert found is not None
        return found

    return Project(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        source=data["source"],
        url=data["url"],
        problems=tuple(data["problems"]),
        name_span=_span_from(data["name_span"]),
        fields=tuple(
            FieldValue(key=k, label=lbl, value=value(v), text=t, span=span(sp))
            for k, lbl, v, t, sp in data["fields"]
        ),
        lists=tuple(
            ListField(
                key=k,
                label=lbl,
                items=tuple(ListItem(text=t, span=span(sp)) for t, sp in items),
            )
            for k, lbl, items in data["lists"]
        ),
        sections=tuple(
            Section(
                key=k,
                title=title,
                text=text,
                span=span(sp),
                anchors=tuple((a, b) for a, b in anchors),
            )
            for k, title, text, sp, anchors in data["sections"]
        ),
    )


def records_path(generation: Path) -> Path:
    """The records database (SQLite) of a generation folder: the one place that names it."""
    return generation / RECORDS


def connect_records(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A read-only connection to a records database (raises sqlite3.Error if unreadable)."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=check_same_thread)


SCHEMA = """
CREATE TABLE projects (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_folded TEXT NOT NULL, kind TEXT NOT NULL,
    source TEXT NOT NULL, url TEXT, owner TEXT, region TEXT, program TEXT, contact TEXT,
    grant_sek INTEGER, budget_sek INTEGER, start TEXT, "end" TEXT, data TEXT NOT NULL
);
CREATE TABLE fields (
    project_id TEXT NOT NULL, key TEXT NOT NULL, label TEXT NOT NULL, value TEXT,
    text TEXT NOT NULL, start INTEGER, "end" INTEGER
);
CREATE TABLE list_items (
    project_id TEXT NOT NULL, list_key TEXT NOT NULL, label TEXT NOT NULL, position INTEGER,
    item TEXT NOT NULL, item_folded TEXT NOT NULL, start INTEGER, "end" INTEGER
);
CREATE TABLE sections (
    project_id TEXT NOT NULL, key TEXT NOT NULL, title TEXT NOT NULL, position INTEGER,
    text TEXT NOT NULL, start INTEGER, "end" INTEGER
);
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, project_id TEXT NOT NULL,
    section_key TEXT NOT NULL, section TEXT NOT NULL, ordinal INTEGER NOT NULL,
    text TEXT NOT NULL, embed_text TEXT NOT NULL, embed_hash TEXT NOT NULL, source TEXT NOT NULL,
    start INTEGER, "end" INTEGER, section_start INTEGER, section_end INTEGER
);
CREATE TABLE sentences (row INTEGER PRIMARY KEY, hash TEXT UNIQUE NOT NULL);
CREATE INDEX fields_key ON fields(key, value);
CREATE INDEX list_items_key ON list_items(list_key, item_folded);
CREATE INDEX chunks_project ON chunks(project_id);
"""


def _sql_value(v: str | int | date | None) -> str | int | None:
    return v.isoformat() if isinstance(v, date) else v


PROJECT_COLUMNS = (
    "owner",
    "region",
    "program",
    "contact",
    "grant_sek",
    "budget_sek",
    "start",
    "end",
)


def project_columns(p: Project) -> tuple[str | int | None, ...]:
    """A project's columns in the records tables of both stores: id, name, folded name, kind,
    source, url, then the values of ``PROJECT_COLUMNS`` (dates as ISO text)."""
    values = (_sql_value(p.value(key)) for key in PROJECT_COLUMNS)
    return (p.id, p.name, fold(p.name), p.kind, p.source, p.url, *values)


def write_records(
    db: Path, projects: Sequence[Project], chunks: Sequence[Chunk], sentences: Sequence[str]
) -> None:
    con = sqlite3.connect(db)
    try:
        con.executescript(SCHEMA)
        for p in projects:
            _insert_project(con, p)
        con.executemany(
            "INSERT INTO sentences VALUES (?,?)",
            [(row, embed_hash(text)) for row, text in enumerate(sentences)],
        )
        con.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(row, *chunk_columns(c)) for row, c in enumerate(chunks)],
        )
        con.commit()
    finally:
        con.close()


def _insert_project(con: sqlite3.Connection, p: Project) -> None:
    con.execute(
        "INSERT INTO projects VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (*project_columns(p), project_to_json(p)),
    )
    con.executemany(
        "INSERT INTO fields VALUES (?,?,?,?,?,?,?)",
        [
            (p.id, f.key, f.label, _sql_value(f.value), f.text, f.span.start, f.span.end)
            for f in p.fields
        ],
    )
    con.executemany(
        "INSERT INTO list_items VALUES (?,?,?,?,?,?,?,?)",
        [
            (p.id, lst.key, lst.label, n, i.text, fold(i.text), i.span.start, i.span.end)
            for lst in p.lists
            for n, i in enumerate(lst.items)
        ],
    )
    con.executemany(
        "INSERT INTO sections VALUES (?,?,?,?,?,?,?)",
        [
            (p.id, s.key, s.title, n, s.text, s.span.start, s.span.end)
            for n, s in enumerate(p.sections)
        ],
    )


def embed_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


CHUNK_SQL = (
    "SELECT id, project_id, section, section_key, ordinal, text, embed_text, source, start, "
    '"end", section_start, section_end FROM chunks ORDER BY row'
)


def chunk_from_row(row: tuple[Any, ...], projects: dict[str, Project]) -> Chunk:
    """A chunk from its stored columns (id, project, section, key, ordinal, text, embed text,
    source, start, end, section start, section end), in the file and the PostgreSQL store."""
    cid, pid, section, key, ordinal, text, embed_text, source, start, end, s_start, s_end = row
    return Chunk(
        id=cid,
        project_id=pid,
        project_name=projects[pid].name,
        section=section,
        section_key=key,
        ordinal=ordinal,
        text=text,
        embed_text=embed_text,
        source=source,
        start=start,
        end=end,
        section_start=s_start,
        section_end=s_end,
    )


def chunk_columns(c: Chunk) -> tuple[Any, ...]:
    """A chunk's stored columns after its row, in the order both stores keep them: id,
    project, section key and title, ordinal, text, embedded text and its hash, source and
    spans."""
    return (
        c.id,
        c.project_id,
        c.section_key,
        c.section,
        c.ordinal,
        c.text,
        c.embed_text,
        embed_hash(dense_text(c)),
        c.source,
        c.start,
        c.end,
        c.section_start,
        c.section_end,
    )
