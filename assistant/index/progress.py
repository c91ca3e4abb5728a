"""A running build's progress: the callback type, and ``build.json`` beside the manifest that
lets other processes (the app, the CLI) show it."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

BUILD_STATUS = "build.json"
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, kw_only=True)
class BuildStatus:
    """A running build's progress as other processes see it (``build.json``)."""

    stage: str
    done: int
    total: int
    pid: int
    started_at: str


def read_build_status(index_dir: Path) -> BuildStatus | None:
    """The progress of the build running on ``index_dir``; None when none is running (no
    status file, an unreadable one, or one left by a build that was killed)."""
    try:
        raw = json.loads((index_dir / BUILD_STATUS).read_text(encoding="utf-8"))
        found = BuildStatus(**raw)
    except (OSError, ValueError, TypeError):
        return None
    return found if _alive(found.pid) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class StatusFile:
    """A build's progress callback: passes each report on, and keeps ``build.json`` up to date
    (at most a few writes a second; removed when the build ends, however it ends)."""

    INTERVAL = 0.5

    def __init__(self, index_dir: Path, progress: Progress | None) -> None:
        self.path = index_dir / BUILD_STATUS
        self.progress = progress
        self.started_at = datetime.now(UTC).isoformat(timespec="seconds")
        self.stage = ""
        self.written = 0.0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)

    def __call__(self, stage: str, done: int, total: int) -> None:
        self._write(stage, done, total)
        if self.progress is not None:
            self.progress(stage, done, total)

    def _write(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == self.stage and done < total and now - self.written < self.INTERVAL:
            return
        self.stage, self.written = stage, now
        status = BuildStatus(
            stage=stage, done=done, total=total, pid=os.getpid(), started_at=self.started_at
        )
        tmp = self.path.with_name(f".{BUILD_STATUS}.tmp")
        try:
            tmp.write_text(json.dumps(asdict(status)), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # progress is a courtesy: a full disk must fail the build elsewhere, not here
