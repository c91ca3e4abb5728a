"""Optional model-written answers, every sentence verified against its cited source.

``base.py`` the :class:`Generator` protocol and the backend registry (``ASSISTANT_LLM``);
``openai_backend.py`` any OpenAI-compatible server; ``gguf.py`` a local GGUF file through
``xllamacpp`` (optional extra); ``prompts.py`` every prompt text; ``verify.py`` the sentence
checks; ``writer.py`` the sources, the prompt and the :class:`Generation` that streams and then
verifies.
"""

from __future__ import annotations

from .base import Generator, describe, load_generator, register_generator
from .writer import Generation

__all__ = ["Generation", "Generator", "describe", "load_generator", "register_generator"]
