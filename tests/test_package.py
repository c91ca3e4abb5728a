"""The package's public face: ``from assistant import …`` for what a caller needs."""

from __future__ import annotations

import subprocess
import sys

import pytest

import assistant
from assistant import chunking, embedding, errors, index, models, search, settings, store
from assistant.answer import Assistant


def test_every_public_name_is_the_object_its_module_defines() -> None:
    defined = {
        "Assistant": Assistant,
        "Settings": settings.Settings,
        "load_settings": settings.load_settings,
        "build_index": index.build_index,
        "Filters": search.Filters,
        "Answer": models.Answer,
        "Citation": models.Citation,
        "Hit": models.Hit,
        "Project": models.Project,
        "Section": models.Section,
        "BuildReport": index.BuildReport,
        "build_store": store.build,
        "current_manifest": store.current_manifest,
        "Store": store.base.Store,
        "Embedder": embedding.Embedder,
        "load_embedder": embedding.load_embedder,
        "all_sections": chunking.all_sections,
    }
    for name, obj in defined.items():
        assert getattr(assistant, name) is obj, name
    error_names = [n for n in assistant.__all__ if n.endswith("Error")]
    for name in error_names:
        assert getattr(assistant, name) is getattr(errors, name)
        assert issubclass(getattr(assistant, name), assistant.AssistantError)
    tree = {c.__name__ for c in vars(errors).values() if isinstance(c, type)}
    assert set(error_names) == tree  # the whole AssistantError tree, nothing else
    assert set(assistant.__all__) == set(defined) | set(error_names)
    assert set(assistant.__all__) <= set(dir(assistant))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = assistant.nothing_here


def imported_after(code: str) -> str:
    """What a fresh interpreter prints after running ``code``."""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return run.stdout.strip()


def test_importing_the_package_imports_nothing_heavy() -> None:
    ours = "print(sorted(m for m in sys.modules if m.startswith('assistant')))"
    assert imported_after(f"import sys, assistant; {ours}") == "['assistant', 'assistant.errors']"
    heavy = "print([m for m in ('numpy', 'pydantic', 'faiss', 'torch') if m in sys.modules])"
    assert imported_after(f"import sys, assistant; {heavy}") == "[]"
