"""The build's fault-injection hook: the one public seam tests use to fail or stop a build
at a named stage (both stores reach the same stages)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class FaultHook:
    """A seam for fault tests: ``on_stage`` is called with the name of each stage a build
    reaches, in the building thread, and may raise (a failure there) or block (a process to
    kill there).

    The stages, in order:

    * ``"writing"``: the new generation's vectors, FAISS and BM25 files are in its temporary
      folder; its records database is written next;
    * ``"publishing"``: the new generation's folder is complete and in place; the manifest
      that switches readers to it is replaced next.

    Only tests set it (``index.FAULTS.on_stage = ...``); it is None otherwise.
    """

    on_stage: Callable[[str], None] | None = None

    def reached(self, stage: str) -> None:
        if self.on_stage is not None:
            self.on_stage(stage)


BUILD_STAGES = ("writing", "publishing")
FAULTS = FaultHook()
