"""Projektbanken Assistant: cited answers and search by meaning over funded-project texts.

The public face, importable from ``assistant`` itself::

    from assistant import Assistant, load_settings

    settings = load_settings()
    answer = Assistant.open(settings).ask("Vem äger KC2?")

:class:`Assistant` answers and searches; :class:`Settings` / :func:`load_settings` configure;
:func:`build_index` builds the index from files and folders; :class:`Filters` narrows a search;
:class:`Answer`, :class:`Citation`, :class:`Hit` and :class:`Project` are what comes back; every
error a user can act on is an :class:`AssistantError`. A shell that manages the index itself
(the app) also finds here the store's :func:`build_store` and :func:`current_manifest`, the
:class:`Store` and :class:`BuildReport` it works with, :func:`load_embedder` / :class:`Embedder`,
and a project's :class:`Section` list (:func:`all_sections`). Everything else lives in the
modules (see ARCHITECTURE.md).

The exceptions are imported at once (they import nothing); the other names are imported when
first used, so ``import assistant`` stays cheap. A lazy name is looked up in its module on every
access, so it is always the object that module holds.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    AssistantError,
    ConfigError,
    DatabaseAuthError,
    DatabaseError,
    DatabaseExtensionError,
    DatabaseSchemaError,
    DatabaseUnreachableError,
    EmbedderError,
    EmbedderMismatchError,
    FeedbackError,
    GenerationError,
    IndexBusyError,
    IndexCorruptError,
    IndexMissingError,
    QuestionError,
    SourceError,
)

if TYPE_CHECKING:
    from .answer import Assistant
    from .chunking import all_sections
    from .embedding import Embedder, load_embedder
    from .index import BuildReport, build_index
    from .models import Answer, Citation, Hit, Project, Section
    from .search import Filters
    from .settings import Settings, load_settings
    from .store import build as build_store
    from .store import current_manifest
    from .store.base import Store

__version__ = "0.1.0"

# name -> the module that defines it ("module:attribute" when it is named otherwise there),
# imported on first use
_LAZY = {
    "Assistant": ".answer",
    "Settings": ".settings",
    "load_settings": ".settings",
    "build_index": ".index",
    "Filters": ".search",
    "Answer": ".models",
    "Citation": ".models",
    "Hit": ".models",
    "Project": ".models",
    "Section": ".models",
    "BuildReport": ".index",
    "build_store": ".store:build",
    "current_manifest": ".store",
    "Store": ".store.base",
    "Embedder": ".embedding",
    "load_embedder": ".embedding",
    "all_sections": ".chunking",
}

__all__ = [
    "Answer",
    "Assistant",
    "AssistantError",
    "BuildReport",
    "Citation",
    "ConfigError",
    "DatabaseAuthError",
    "DatabaseError",
    "DatabaseExtensionError",
    "DatabaseSchemaError",
    "DatabaseUnreachableError",
    "Embedder",
    "EmbedderError",
    "EmbedderMismatchError",
    "FeedbackError",
    "Filters",
    "GenerationError",
    "Hit",
    "IndexBusyError",
    "IndexCorruptError",
    "IndexMissingError",
    "Project",
    "QuestionError",
    "Section",
    "Settings",
    "SourceError",
    "Store",
    "all_sections",
    "build_index",
    "build_store",
    "current_manifest",
    "load_embedder",
    "load_settings",
]


def __getattr__(name: str) -> Any:
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, _, attribute = where.partition(":")
    return getattr(importlib.import_module(module, __name__), attribute or name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
