"""The ``Generator`` protocol and the registry of backends by name (``ASSISTANT_LLM``).

A generator turns chat messages into text, streamed as pieces. Every failure a user can meet
(timeout, refusal, HTTP error, unreachable server, cut-off stream) is raised as
:class:`~assistant.errors.GenerationError`, never as the backend library's own exception.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from ..errors import ConfigError
from ..settings import Settings

Message = dict[str, str]


class Generator(Protocol):
    """A language model behind one interface."""

    backend: str  # the registry name: "openai", "gguf"
    model: str  # what the model is called, shown on the Index page and by `assistant stats`

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """The answer's text in pieces as they come; raises ``GenerationError``."""
        ...


GeneratorFactory = Callable[[Settings], Generator]
_REGISTRY: dict[str, GeneratorFactory] = {}


def register_generator(name: str, factory: GeneratorFactory) -> None:
    """Make a backend available as ``ASSISTANT_LLM=<name>``."""
    _REGISTRY[name] = factory


def generator_names() -> tuple[str, ...]:
    return ("none", *sorted(_REGISTRY))


def load_generator(settings: Settings) -> Generator | None:
    """The configured generator, or None for ``ASSISTANT_LLM=none``; a ``ConfigError`` when its
    settings are incomplete. Cheap: a local model file is only loaded on first use."""
    if settings.llm == "none":
        return None
    _register_builtins()
    factory = _REGISTRY.get(settings.llm)
    if factory is None:
        raise ConfigError(
            f"unknown ASSISTANT_LLM {settings.llm!r}; choose one of {', '.join(generator_names())}"
        )
    return factory(settings)


def describe(settings: Settings) -> dict[str, str]:
    """The backend and model that write answers, for ``assistant stats`` and the Index page
    (never the API key)."""
    if settings.llm == "none":
        return {"llm": "none", "llm_model": ""}
    if settings.llm == "gguf":
        model = settings.llm_model or (settings.llm_gguf.name if settings.llm_gguf else "")
        return {"llm": "gguf", "llm_model": model}
    return {"llm": settings.llm, "llm_model": f"{settings.llm_model} @ {settings.llm_base_url}"}


def _register_builtins() -> None:
    if "openai" not in _REGISTRY:
        from .openai_backend import OpenAIGenerator

        register_generator("openai", OpenAIGenerator)
    if "gguf" not in _REGISTRY:
        from .gguf import GGUFGenerator

        register_generator("gguf", GGUFGenerator)
