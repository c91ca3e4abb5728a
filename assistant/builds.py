"""Index builds run in the background of a long-lived process (the app's server), one at a time
per index, so that the pages stay usable while a build runs.

A :class:`BuildRunner` runs one build at a time in a daemon thread and keeps what the pages show
(the stage reached, the report, the error) for every session; :func:`runner_for` hands out one
runner per index location for the whole process. Builds still take the index's file lock, so a
build started by another process (``assistant index``) and one started here never overlap, and
a failed or interrupted build leaves the previous generation serving (:mod:`assistant.index`).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .errors import AssistantError

if TYPE_CHECKING:
    from .index import BuildReport, Progress
    from .settings import Settings

log = logging.getLogger("projektbanken.builds")

BuildJob = Callable[["Progress"], "BuildReport | None"]


@dataclass(frozen=True, kw_only=True)
class BuildState:
    """What a runner's latest build did so far: running or not, the stage it reached, and how it
    ended (``report`` on success, ``error`` on failure, neither when the job chose not to
    build). ``number`` counts the builds started, so a page can tell one build from the next."""

    number: int = 0
    running: bool = False
    stage: str = ""
    done: int = 0
    total: int = 0
    report: BuildReport | None = None
    error: str | None = None

    @property
    def failed(self) -> bool:
        """Whether the latest build ended with an error."""
        return not self.running and self.error is not None


class BuildRunner:
    """Runs one build at a time in a background thread and remembers how the latest one went."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = BuildState()
        self._thread: threading.Thread | None = None

    def state(self) -> BuildState:
        """The latest build's state (a snapshot; safe from any thread)."""
        with self._lock:
            return self._state

    def start(self, job: BuildJob, *, on_success: Callable[[], None] | None = None) -> bool:
        """Run ``job`` (given a progress callback) in a background thread, then ``on_success``
        when it returned a report; False, and nothing started, while a build runs here."""
        with self._lock:
            if self._state.running:
                return False
            self._state = BuildState(number=self._state.number + 1, running=True)
            number = self._state.number
            self._thread = threading.Thread(
                target=self._run,
                args=(job, number, on_success),
                name=f"index-build-{number}",
                daemon=True,
            )
            self._thread.start()
        return True

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the running build to end; True when none is running any more."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return not self.state().running

    def _run(self, job: BuildJob, number: int, on_success: Callable[[], None] | None) -> None:
        """The thread's body: the job, then its report or its error in the state."""
        try:
            report = job(lambda stage, done, total: self._progress(number, stage, done, total))
        except AssistantError as exc:
            self._end(number, error=str(exc))
            return
        except Exception as exc:  # a failed build is shown on the page, never lost in a thread
            log.exception("index build failed")
            self._end(number, error=f"{type(exc).__name__}: {exc}")
            return
        if report is not None and on_success is not None:
            try:
                on_success()
            except Exception as exc:  # the new index is built but not served: say so
                log.exception("after the index build")
                error = f"the index was built, but the app could not switch to it: {exc}"
                self._end(number, report=report, error=error)
                return
        self._end(number, report=report)

    def _progress(self, number: int, stage: str, done: int, total: int) -> None:
        with self._lock:
            if self._state.number == number:
                self._state = replace(self._state, stage=stage, done=done, total=total)

    def _end(
        self, number: int, *, report: BuildReport | None = None, error: str | None = None
    ) -> None:
        with self._lock:
            if self._state.number == number:
                self._state = replace(self._state, running=False, report=report, error=error)


_RUNNERS: dict[str, BuildRunner] = {}
_RUNNERS_LOCK = threading.Lock()


def store_key(settings: Settings) -> str:
    """Where the settings' index lives, as a key: the database (by a digest of its URL, so the
    password is not kept) or the resolved index folder."""
    if settings.database_url is not None:
        url = settings.database_url.get_secret_value()
        return "postgres:" + hashlib.sha256(url.encode()).hexdigest()[:16]
    return f"files:{settings.index_dir.resolve()}"


def runner_for(settings: Settings) -> BuildRunner:
    """The process's one build runner for the settings' index (created on first use)."""
    key = store_key(settings)
    with _RUNNERS_LOCK:
        runner = _RUNNERS.get(key)
        if runner is None:
            runner = _RUNNERS[key] = BuildRunner()
        return runner
