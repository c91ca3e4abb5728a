"""Builds in the background (assistant.builds): one at a time per index and per process, their
progress and outcome kept for every page, a failure kept as an error, never lost in a thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from assistant.builds import BuildJob, BuildRunner, BuildState, runner_for, store_key
from assistant.errors import SourceError
from assistant.index import BuildStatus, Progress
from assistant.settings import load_settings
from assistant.status import building_stage

TIMEOUT = 30


def held_job(gate: threading.Event, result: object = "report") -> BuildJob:
    """A build that reports a stage, then waits for ``gate`` before it ends."""

    def job(progress: Progress) -> Any:
        progress("embedding", 3, 8)
        assert gate.wait(TIMEOUT)
        return result

    return job


def test_a_build_runs_in_the_background_once_at_a_time() -> None:
    runner, gate, done = BuildRunner(), threading.Event(), []
    assert runner.state() == BuildState()
    assert runner.start(held_job(gate), on_success=lambda: done.append(True))
    assert runner.state().running and runner.state().number == 1
    assert not runner.start(held_job(gate))
    assert runner.state().number == 1
    assert not runner.wait(0.05)
    gate.set()
    assert runner.wait(TIMEOUT)
    state = runner.state()
    assert (state.running, state.report, state.error, state.failed) == (
        False,
        "report",
        None,
        False,
    )
    assert (state.stage, state.done, state.total) == ("embedding", 3, 8)
    assert done == [True]


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (SourceError("no projects found"), "no projects found"),
        (RuntimeError("disk on fire"), "RuntimeError: disk on fire"),
    ],
)
def test_a_failed_build_keeps_its_error_and_can_be_started_again(
    error: Exception, shown: str
) -> None:
    runner, succeeded = BuildRunner(), []

    def broken(progress: Progress) -> Any:
        progress("reading", 0, 1)
        raise error

    assert runner.start(broken, on_success=lambda: succeeded.append(True))
    assert runner.wait(TIMEOUT)
    state = runner.state()
    assert state.failed and state.error == shown and state.report is None
    assert state.stage == "reading" and not succeeded
    gate = threading.Event()
    gate.set()
    assert runner.start(held_job(gate))
    assert runner.wait(TIMEOUT)
    assert runner.state().number == 2 and not runner.state().failed


def test_one_runner_per_index_for_the_whole_process(tmp_path: Path) -> None:
    a = load_settings(index_dir=tmp_path / "a", embedder="fake")
    same = load_settings(index_dir=tmp_path / "x" / ".." / "a", embedder="hashed", top_k=3)
    other = load_settings(index_dir=tmp_path / "b", embedder="fake")
    assert runner_for(a) is runner_for(same)
    assert runner_for(a) is not runner_for(other)


def test_the_database_key_keeps_no_password(tmp_path: Path) -> None:
    settings = load_settings(index_dir=tmp_path, database_url="postgresql://u:hemligt@h/db")
    assert "hemligt" not in store_key(settings)
    assert store_key(settings).startswith("postgres:")


def test_the_stage_shown_is_this_process_build_first() -> None:
    elsewhere = BuildStatus(stage="embedding", done=5, total=9, pid=1, started_at="x")
    starting = BuildState(number=1, running=True)
    assert building_stage(starting, elsewhere) == ("reading", 0, 1)
    embedding = BuildState(number=1, running=True, stage="embedding", done=2, total=4)
    assert building_stage(embedding, None) == ("embedding", 2, 4)
    assert building_stage(BuildState(number=1, error="x"), elsewhere) == ("embedding", 5, 9)
    assert building_stage(BuildState(), None) is None


def test_a_built_index_the_app_cannot_switch_to_is_an_error_not_a_success() -> None:
    runner, gate = BuildRunner(), threading.Event()
    gate.set()

    def cannot_reload() -> None:
        raise RuntimeError("cache locked")

    assert runner.start(held_job(gate), on_success=cannot_reload)
    assert runner.wait(TIMEOUT)
    state = runner.state()
    assert state.failed and state.report == "report"
    assert state.error is not None and "cache locked" in state.error
