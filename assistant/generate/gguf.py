"""A local GGUF model file run in-process by ``xllamacpp`` (llama.cpp inside).

``xllamacpp`` is an optional extra (``pip install -e '.[local-llm]'``) and imported only when
this backend is chosen. The model is loaded on first use and kept per process (one per file and
thread count). Generation runs in a worker thread that hands pieces over a queue, so a stalled
model ends in a timeout instead of a hang; returning True from the stream callback stops it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ConfigError, GenerationError
from ..settings import Settings
from .base import Message
from .prompts import STOP

_SERVERS: dict[tuple[str, int, int], Any] = {}
_LOCK = threading.Lock()
_DONE = object()


class GGUFGenerator:
    backend = "gguf"

    def __init__(self, settings: Settings) -> None:
        path = settings.llm_gguf
        if path is None:
            raise ConfigError("ASSISTANT_LLM=gguf needs ASSISTANT_LLM_GGUF (a .gguf model file)")
        if not Path(path).is_file():
            raise ConfigError(f"ASSISTANT_LLM_GGUF: no such model file: {path}")
        self.settings = settings
        self.path = Path(path)
        self.model = settings.llm_model or self.path.name

    def _server(self) -> Any:
        s = self.settings
        key = (str(self.path.resolve()), s.llm_threads, s.llm_context)
        with _LOCK:
            if key not in _SERVERS:
                _SERVERS[key] = _load(self.path, threads=s.llm_threads, context=s.llm_context)
            return _SERVERS[key]

    def stream(self, messages: list[Message]) -> Iterator[str]:
        s = self.settings
        server = self._server()
        pieces: queue.Queue[object] = queue.Queue()
        stop = threading.Event()
        request = {
            "messages": messages,
            "max_tokens": s.llm_max_tokens,
            "temperature": s.llm_temperature,
            "stop": list(STOP),
            "stream": True,
        }

        def on_chunk(chunk: Any) -> bool:
            pieces.put(chunk)
            return stop.is_set()

        def work() -> None:
            try:
                result = server.handle_chat_completions(request, on_chunk)
                if isinstance(result, dict) and "error" in result:
                    pieces.put(GenerationError(_error_text(result), reason="failed"))
            except Exception as exc:  # the extension's own errors, reported as ours
                pieces.put(GenerationError(f"the local model failed: {exc}", reason="failed"))
            finally:
                pieces.put(_DONE)

        threading.Thread(target=work, name="gguf-generate", daemon=True).start()
        finished = False
        try:
            while True:
                try:
                    item = pieces.get(timeout=s.llm_timeout)
                except queue.Empty:
                    raise GenerationError(
                        f"the local model produced nothing for {s.llm_timeout:g} s",
                        reason="timeout",
                    ) from None
                if item is _DONE:
                    break
                if isinstance(item, GenerationError):
                    raise item
                if isinstance(item, dict) and "error" in item:
                    raise GenerationError(_error_text(item), reason="failed")
                for choice in (item.get("choices") or []) if isinstance(item, dict) else []:
                    text = (choice.get("delta") or {}).get("content")
                    if text:
                        yield text
                    if choice.get("finish_reason"):
                        finished = True
        finally:
            stop.set()
        if not finished:
            raise GenerationError("the local model's answer was cut off", reason="cut")


def _load(path: Path, *, threads: int, context: int) -> Any:
    try:
        import xllamacpp as xlc
    except ImportError as exc:
        raise ConfigError(
            "ASSISTANT_LLM=gguf needs the optional extra: pip install -e '.[local-llm]'"
        ) from exc
    params = xlc.CommonParams()
    params.model.path = str(path)
    params.n_ctx = context
    params.n_parallel = 1
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.sampling.temp = 0.0
    params.sampling.top_k = 1
    params.warmup = False
    params.verbosity = 1  # llama.cpp's per-request logs off; a failed load still raises
    try:
        return xlc.Server(params)
    except Exception as exc:
        raise ConfigError(f"the GGUF model {path} could not be loaded: {exc}") from exc


def _error_text(result: dict[str, Any]) -> str:
    error = result.get("error")
    message = error.get("message") if isinstance(error, dict) else error
    return f"the local model failed: {message}"
