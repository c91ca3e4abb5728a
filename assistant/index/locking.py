"""The build lock of an index folder: one build at a time, a clear error for the second."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import IndexBusyError

LOCK = ".build.lock"


@contextmanager
def build_lock(index_dir: Path, *, timeout: float) -> Iterator[None]:
    """Hold the index's build lock, or fail clearly if another build holds it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / LOCK))
    try:
        lock.acquire(timeout=timeout)
    except Timeout as exc:
        raise IndexBusyError(
            f"another build of {index_dir}/ is running; wait for it to finish and try again"
        ) from exc
    try:
        yield
    finally:
        lock.release()
