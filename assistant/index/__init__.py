"""The index on disk: FAISS vectors, BM25 and SQLite records of one generation, named by a manifest.

A build writes a new generation folder, then atomically replaces ``manifest.json`` to point at
it, so a failed or killed build leaves the previous index untouched and loadable. Builds hold a
file lock; unchanged chunks reuse their vectors from the previous generation.

A generation is *lexical* (records and BM25, no vectors: published within seconds by a build
that has no complete index to serve meanwhile) or *complete*. A running build reports its
progress in ``build.json`` beside the manifest, for other processes to show.

One module per part, each importing only the ones below it:

* ``schema``: the records database (SQLite schema, the JSON form of a project, text hashes);
* ``lexical``: BM25 tokens and the bm25s index; ``vectors``: FAISS and the vector files;
* ``manifest``: the manifest, generation states, corpus digests, atomic writes;
* ``locking``: the build lock; ``progress``: ``build.json``; ``faults``: the test hook;
* ``report``: what a build did (shared with the PostgreSQL store);
* ``build``: building and publishing a generation; ``load``: opening one (``Index``).

The names below are the package's public ones; callers import them from ``assistant.index``.
"""

from __future__ import annotations

from .build import build_index
from .faults import BUILD_STAGES, FAULTS, FaultHook
from .lexical import bm25_tokens
from .load import Index, load_index
from .locking import LOCK, build_lock
from .manifest import (
    COMPLETE,
    FORMAT_VERSION,
    LEXICAL,
    MANIFEST,
    REBUILD_HINT,
    corpus_files,
    file_digest,
    generation_dir,
    index_state,
    is_stale,
    manifest_stats,
    read_manifest,
)
from .progress import BUILD_STATUS, BuildStatus, Progress, read_build_status
from .report import BuildReport, document_changes, report_dict
from .schema import (
    PROJECT_COLUMNS,
    RECORDS,
    SCHEMA,
    chunk_columns,
    chunk_from_row,
    connect_records,
    embed_hash,
    project_columns,
    project_from_json,
    project_to_json,
    records_path,
)
from .vectors import ivf_index, ivf_lists

__all__ = [
    "BUILD_STAGES",
    "BUILD_STATUS",
    "COMPLETE",
    "FAULTS",
    "FORMAT_VERSION",
    "LEXICAL",
    "LOCK",
    "MANIFEST",
    "PROJECT_COLUMNS",
    "REBUILD_HINT",
    "RECORDS",
    "SCHEMA",
    "BuildReport",
    "BuildStatus",
    "FaultHook",
    "Index",
    "Progress",
    "bm25_tokens",
    "build_index",
    "build_lock",
    "chunk_columns",
    "chunk_from_row",
    "connect_records",
    "corpus_files",
    "document_changes",
    "embed_hash",
    "file_digest",
    "generation_dir",
    "index_state",
    "is_stale",
    "ivf_index",
    "ivf_lists",
    "load_index",
    "manifest_stats",
    "project_columns",
    "project_from_json",
    "project_to_json",
    "read_build_status",
    "read_manifest",
    "records_path",
    "report_dict",
]
