"""Questions across projects answered from the records database: which projects have a value,
in a period, ordered by grant. The SQL lives here so answers never write any."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from .errors import IndexCorruptError
from .text import fold

LIST_RELATIONS = frozenset({"cofinanciers", "partners", "municipalities", "counties"})
FIELD_RELATIONS = frozenset({"owner", "region", "program"})

ALIASES: dict[str, str] = {
    "af": "arbetsförmedlingen",
    "fk": "försäkringskassan",
    "fkassan": "försäkringskassan",
    "försäkringskassa": "försäkringskassan",
    "sv": "studieförbundet vuxenskolan",
    "abf": "arbetarnas bildningsförbund",
    "komvux": "kommunal vuxenutbildning",
    "kom vux": "kommunal vuxenutbildning",
}


def expand_aliases(value: str) -> str:
    """A folded value with abbreviations written out ('af kalmar' → 'arbetsförmedlingen …')."""
    words = fold(value).split()
    if words and words[0] in ALIASES:
        words[0] = ALIASES[words[0]]
    return " ".join(words)


def value_matches(value: str | None, phrase: str | None) -> bool:
    """Whether a project's value contains the phrase as whole words (abbreviations expanded);
    a project without the value never matches."""
    if value is None or not phrase:
        return False
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", expand_aliases(value)) is not None


@dataclass(frozen=True, kw_only=True)
class RecordQuery:
    """Projects whose ``relation`` value contains ``phrase`` (or equals one of ``exact``), that
    overlap ``period``; largest grant first, or smallest with ``ascending``."""

    relation: str | None = None
    phrase: str | None = None
    exact: tuple[str, ...] = ()
    period: tuple[date, date] | None = None
    ascending: bool = False
    ids: tuple[str, ...] = ()


Runner = Callable[[str, Sequence[object]], list[tuple[object, ...]]]


class Records:
    """Read-only queries over the records of one index generation: the file store's SQLite
    database (``connect``), or PostgreSQL (``postgres``: a function running a query, and the
    generation to read), where the same queries are written in its dialect here."""

    def __init__(
        self,
        connect: Callable[[], sqlite3.Connection] | None = None,
        *,
        postgres: tuple[Runner, str] | None = None,
    ) -> None:
        self._connect = connect
        self._postgres = postgres

    def project_ids(self, q: RecordQuery) -> list[str]:
        if self._postgres is not None:
            run, generation = self._postgres
            return [str(row[0]) for row in run(*_postgres_sql(q, generation))]
        where, params = _conditions(q)
        order = "p.grant_sek IS NULL, p.grant_sek DESC, p.name"
        if q.ascending:
            where.append("p.grant_sek IS NOT NULL")
            order = "p.grant_sek ASC, p.name"
        sql = f"SELECT p.id FROM projects p WHERE {' AND '.join(where)} ORDER BY {order}"
        return [str(row[0]) for row in self._run(sql, params)]

    def _run(self, sql: str, params: Sequence[object]) -> list[tuple[object, ...]]:
        assert self._connect is not None
        con = self._connect()
        con.create_function("matches", 2, value_matches, deterministic=True)
        try:
            return [tuple(row) for row in con.execute(sql, params).fetchall()]
        except sqlite3.Error as exc:
            raise IndexCorruptError(
                f"the records database could not answer a query ({exc}); "
                "rebuild the index with `assistant index`"
            ) from exc


def _conditions(q: RecordQuery) -> tuple[list[str], list[object]]:
    where: list[str] = ["1=1"]
    params: list[object] = []
    if q.relation in LIST_RELATIONS:
        test = (
            "item IN ({})".format(",".join("?" * len(q.exact))) if q.exact else "matches(item, ?)"
        )
        where.append(f"p.id IN (SELECT project_id FROM list_items WHERE list_key = ? AND {test})")
        params += [q.relation, *(q.exact or [q.phrase])]
    elif q.relation in FIELD_RELATIONS:
        if q.exact:
            where.append(f"p.{q.relation} IN ({','.join('?' * len(q.exact))})")
            params += list(q.exact)
        else:
            where.append(f"matches(p.{q.relation}, ?)")
            params.append(q.phrase)
    if q.ids:
        where.append(f"p.id IN ({','.join('?' * len(q.ids))})")
        params += list(q.ids)
    if q.period:
        where.append('p.start <= ? AND p."end" >= ?')
        params += [q.period[1].isoformat(), q.period[0].isoformat()]
    return where, params


# ---------------------------------------------------------------- the PostgreSQL dialect
#
# The same query over the tables of assistant/store/migrations/: every row carries its
# generation; ``matches`` (whole words after folding and expanding abbreviations) becomes a
# regular expression over the ``*_x`` columns, which hold ``expand_aliases(value)`` written at
# build time; names sort by code point (COLLATE "C") as SQLite's BINARY does.


def match_pattern(phrase: str) -> str:
    """A PostgreSQL regular expression for ``phrase`` as whole words (``value_matches``)."""
    return r"(^|[^[:alnum:]_])" + re.escape(phrase) + r"($|[^[:alnum:]_])"


def _postgres_sql(q: RecordQuery, generation: str) -> tuple[str, list[object]]:
    where = ["p.generation = %s"]
    params: list[object] = [generation]
    if q.relation in LIST_RELATIONS:
        if q.exact:
            test = "l.item = ANY(%s)"
            value: object = list(q.exact)
        else:
            test, value = "l.item_x ~ %s", match_pattern(q.phrase or "")
        where.append(
            "p.id IN (SELECT l.project_id FROM list_items l WHERE l.generation = p.generation"
            f" AND l.list_key = %s AND {test})"
        )
        params += [q.relation, value]
    elif q.relation in FIELD_RELATIONS:
        if q.exact:
            where.append(f"p.{q.relation} = ANY(%s)")
            params.append(list(q.exact))
        else:
            where.append(f"p.{q.relation}_x ~ %s")
            params.append(match_pattern(q.phrase or ""))
    if q.ids:
        where.append("p.id = ANY(%s)")
        params.append(list(q.ids))
    if q.period:
        where.append('p.start <= %s AND p."end" >= %s')
        params += [q.period[1].isoformat(), q.period[0].isoformat()]
    order = 'p.grant_sek IS NULL, p.grant_sek DESC, p.name COLLATE "C"'
    if q.ascending:
        where.append("p.grant_sek IS NOT NULL")
        order = 'p.grant_sek ASC, p.name COLLATE "C"'
    return f"SELECT p.id FROM projects p WHERE {' AND '.join(where)} ORDER BY {order}", params
