"""Any OpenAI-compatible server (``/v1/chat/completions``): Ollama, vLLM, llama.cpp's server,
LM Studio, OpenAI, Azure OpenAI — through the ``openai`` client, streaming or not.

The client never retries on its own (``max_retries=0``): a 429 whose ``Retry-After`` is short
(``ASSISTANT_LLM_RETRY_AFTER_MAX``) is waited out once, anything else becomes a
:class:`GenerationError` at once, so a question never hangs behind hidden retries.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from ..errors import ConfigError, GenerationError
from ..settings import Settings
from .base import Message


class OpenAIGenerator:
    backend = "openai"

    def __init__(self, settings: Settings) -> None:
        if not settings.llm_model:
            raise ConfigError(
                "ASSISTANT_LLM=openai needs ASSISTANT_LLM_MODEL (the model name the server knows)"
            )
        if not settings.llm_base_url.startswith(("http://", "https://")):
            raise ConfigError(
                f"ASSISTANT_LLM_BASE_URL must be an http(s) URL, not {settings.llm_base_url!r}"
            )
        try:
            import openai
        except ImportError as exc:  # pragma: no cover - a main dependency
            raise ConfigError("ASSISTANT_LLM=openai needs the 'openai' package") from exc
        self._httpx = _httpx_module()
        self.settings = settings
        self.model = settings.llm_model
        self._openai = openai
        self._client = openai.OpenAI(
            base_url=settings.llm_base_url,
            # local servers take any key; the client insists on a non-empty one
            api_key=settings.llm_api_key.get_secret_value() or "not-needed",
            timeout=settings.llm_timeout,
            max_retries=0,
        )

    def stream(self, messages: list[Message]) -> Iterator[str]:
        waited = False
        while True:
            try:
                yield from self._request(messages)
                return
            except self._openai.RateLimitError as exc:
                wait = _retry_after(exc)
                if waited or wait is None or wait > self.settings.llm_retry_after_max:
                    raise GenerationError(
                        "the language model is busy (HTTP 429)",
                        reason="rate_limited",
                        retry_after=wait,
                    ) from None
                waited = True
                time.sleep(wait)
            except GenerationError:
                raise
            except self._openai.APITimeoutError:
                raise GenerationError(
                    f"the language model did not answer within {self.settings.llm_timeout:g} s",
                    reason="timeout",
                ) from None
            except self._openai.APIConnectionError:
                raise GenerationError(
                    f"the language model at {self.settings.llm_base_url} cannot be reached",
                    reason="unreachable",
                ) from None
            except self._openai.APIStatusError as exc:
                reason = "server" if exc.status_code >= 500 else "refused"
                raise GenerationError(
                    f"the language model answered HTTP {exc.status_code}", reason=reason
                ) from None
            except self._httpx.TimeoutException:  # raised mid-stream, not wrapped by the client
                raise GenerationError(
                    f"the language model stopped sending for {self.settings.llm_timeout:g} s",
                    reason="timeout",
                ) from None
            except self._httpx.TransportError:
                raise GenerationError(
                    "the language model's answer was cut off", reason="cut"
                ) from None
            except self._openai.OpenAIError as exc:
                raise GenerationError(
                    f"the language model failed: {type(exc).__name__}", reason="failed"
                ) from None

    def _request(self, messages: list[Message]) -> Iterator[str]:
        s = self.settings
        common: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "max_tokens": s.llm_max_tokens,
            "temperature": s.llm_temperature,
        }
        if not s.llm_stream:
            reply = self._client.chat.completions.create(**common)
            if not reply.choices:
                raise GenerationError("the language model sent no answer", reason="failed")
            yield reply.choices[0].message.content or ""
            return
        finished = False
        with self._client.chat.completions.create(stream=True, **common) as stream:
            for chunk in stream:
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                if choice.delta and choice.delta.content:
                    yield choice.delta.content
                if choice.finish_reason:
                    finished = True
        if not finished:
            raise GenerationError("the language model's answer was cut off", reason="cut")


def _retry_after(exc: Any) -> float | None:
    """Seconds from a 429's ``Retry-After`` header (seconds form only), else None."""
    try:
        value = exc.response.headers.get("retry-after")
        return max(0.0, float(value)) if value is not None else None
    except (AttributeError, ValueError):
        return None


def _httpx_module() -> Any:
    """The HTTP library under the ``openai`` client (``httpx``, or ``httpx2`` in newer ones)."""
    import importlib

    for name in ("httpx2", "httpx"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    raise ConfigError("the 'openai' client's HTTP library (httpx) is missing")
