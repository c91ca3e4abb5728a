"""The index status the app shows: manifest, size, staleness, what a re-index reads, and a
build's progress as labels on one bar."""

from __future__ import annotations

from pathlib import Path

from assistant.answer import Assistant
from assistant.settings import Settings
from assistant.status import (
    current_manifest,
    generation_size,
    has_files,
    index_figures,
    index_is_stale,
    indexed_paths,
    reindex_paths,
    stage_fraction,
    stage_text,
)


def test_no_index_means_no_manifest(fake_settings: Settings) -> None:
    assert current_manifest(fake_settings) is None
    assert reindex_paths(fake_settings, None) == [fake_settings.data_dir]


def test_damaged_manifest_means_no_manifest(fake_settings: Settings) -> None:
    fake_settings.index_dir.mkdir(parents=True)
    (fake_settings.index_dir / "manifest.json").write_text("{ trasig", encoding="utf-8")
    assert current_manifest(fake_settings) is None


def test_built_index_status(fake_assistant: Assistant, fake_settings: Settings) -> None:
    manifest = current_manifest(fake_settings)
    assert manifest is not None and manifest["projects"] == 2
    assert indexed_paths(manifest) == [fake_settings.data_dir]
    assert generation_size(fake_settings, manifest) == fake_assistant.index.size_bytes() > 0
    assert not index_is_stale(fake_settings, indexed_paths(manifest))
    (fake_settings.data_dir / "kc2.txt").write_text("Ändrad text.\n", encoding="utf-8")
    assert index_is_stale(fake_settings, indexed_paths(manifest))


def test_size_of_a_missing_generation_is_zero(fake_settings: Settings) -> None:
    assert generation_size(fake_settings, {"generation": "finns-inte"}) == 0


def test_reindex_adds_the_data_folder_unless_covered(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "corpus" / "data", index_dir=tmp_path / "index")
    csv = tmp_path / "export.csv"
    assert reindex_paths(settings, {"paths": [str(csv)]}) == [csv, settings.data_dir]
    covered = {"paths": [str(tmp_path / "corpus"), str(csv)]}
    assert reindex_paths(settings, covered) == [tmp_path / "corpus", csv]
    same = {"paths": [str(settings.data_dir)]}
    assert reindex_paths(settings, same) == [settings.data_dir]


def test_has_files(tmp_path: Path) -> None:
    assert not has_files(tmp_path / "saknas")
    assert not has_files(tmp_path)
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    assert has_files(tmp_path)


def test_build_stages_have_labels_and_a_bar_that_never_runs_back() -> None:
    assert stage_text("sv", "reading", 0, 1) == "Läser och delar upp texterna …"
    assert stage_text("en", "writing", 0, 1) == "Writing the index …"
    assert stage_text("sv", "embedding", 3, 10) == "Beräknar betydelsevektorer: 3 av 10 avsnitt"
    assert stage_text("en", "merging", 1, 2) == "merging: 1 of 2"
    steps = [("reading", 0, 1), ("embedding", 0, 4), ("embedding", 4, 4), ("writing", 0, 1)]
    fractions = [stage_fraction(*step) for step in steps]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] < 1.0
    assert stage_fraction("merging", 1, 2) == 0.5
    assert stage_fraction("embedding", 0, 0) == 0.95


def test_index_figures_are_labelled_and_readable() -> None:
    manifest = {"projects": 2123, "chunks": 9152, "documents": {"a.txt": {}, "b.csv": {}}}
    assert index_figures("sv", manifest, 2_300_000) == [
        ("Projekt", "2 123"),
        ("Textavsnitt", "9 152"),
        ("Filer", "2"),
        ("Storlek", "2.3 MB"),
    ]
