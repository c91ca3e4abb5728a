"""Files and folders (``assistant.sources.files``): limits, unsupported types, folders read
recursively, results merged with unique ids, the reader picked by content."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import SourceError
from assistant.settings import Settings
from assistant.sources import read_path, read_paths

from .helpers import DATA, KC2, TVV_CSV, TVV_HEADER, needs_csv, tvv_row


def test_too_big_file(tmp_path: Path) -> None:
    path = tmp_path / "stor.txt"
    path.write_text("Rubrik\n\nEn text som är längre än tio byte.\n", encoding="utf-8")
    small = Settings(max_file_bytes=10)
    with pytest.raises(SourceError, match="over the limit of 10 bytes"):
        read_path(path, settings=small)
    result = read_path(tmp_path, settings=small)
    assert result.projects == ()
    assert "over the limit of 10 bytes" in result.problems[0].message


def test_unsupported_file_named_directly_raises_but_is_a_problem_in_a_folder(
    tmp_path: Path,
) -> None:
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    (tmp_path / "notis.md").write_text("# Notis\n\nText.\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"unsupported file type '\.pdf'"):
        read_path(pdf, settings=Settings())
    result = read_path(tmp_path, settings=Settings())
    assert [p.name for p in result.projects] == ["Notis"]
    assert len(result.problems) == 1
    assert "unsupported file type '.pdf'" in result.problems[0].message


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file or folder"):
        read_path(tmp_path / "finns-inte.txt", settings=Settings())


def test_folder_is_read_recursively_sorted_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "kc2.txt").write_bytes(KC2.read_bytes())
    (tmp_path / "a.md").write_text("# Alfa\n\nText.\n", encoding="utf-8")
    (tmp_path / ".dold.md").write_text("# Dold\n\nText.\n", encoding="utf-8")
    (tmp_path / ".git" / "x.md").write_text("# Git\n\nText.\n", encoding="utf-8")
    (tmp_path / "tom.txt").write_bytes(b"")
    (tmp_path / "fel.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    result = read_path(tmp_path, settings=Settings())
    assert [p.name for p in result.projects] == ["Alfa", "KC2"]
    assert [Path(p.source).name for p in result.problems] == ["fel.csv", "tom.txt"]
    assert "missing column(s) arende_id, projektnamn" in result.problems[0].message


def test_read_paths_merges_and_keeps_ids_unique(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "readme.md").write_text("# Ett\n\nText.\n", encoding="utf-8")
    (tmp_path / "y" / "readme.md").write_text("# Två\n\nText.\n", encoding="utf-8")
    (tmp_path / "y" / "kopia.txt").write_bytes(KC2.read_bytes())
    result = read_paths([KC2, tmp_path / "x", tmp_path / "y", KC2], settings=Settings())
    assert [p.id for p in result.projects] == ["esf-kc2", "doc-readme", "doc-readme-2"]
    assert len(result.problems) == 1
    assert "esf-kc2 was already read" in result.problems[0].message


def test_a_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("# Ett\n\nText.\n", encoding="utf-8")
    result = read_paths([tmp_path, tmp_path / "readme.md"], settings=Settings())
    assert [p.id for p in result.projects] == ["doc-readme"]
    assert result.problems == ()


def test_csv_in_a_txt_file_is_detected_by_its_header(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(TVV_HEADER + tvv_row(arende_id="5"), encoding="utf-8")
    result = read_path(path, settings=Settings())
    assert [p.id for p in result.projects] == ["tvv-5"]


@needs_csv
def test_read_paths_on_the_real_export_and_seeds() -> None:
    result = read_paths([DATA, TVV_CSV], settings=Settings())
    assert len(result.projects) == 2125
    assert {p.kind for p in result.projects} == {"esf", "tvv"}
    assert result.problems == ()
