"""Uploads: every file is checked before anything is saved, and saved only inside the data folder.

The index for the duplicate checks is the seed corpus built with the fake embedder
(``fake_assistant``); ``fake_settings.data_dir`` is that corpus's folder.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.settings import Settings
from assistant.uploads import (
    UPLOAD_TYPES,
    UploadOutcome,
    accept_upload,
    already_indexed,
    free_target,
    limit_megabytes,
    safe_file_name,
    store_upload,
)

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = ["kc2.txt", "resurscenter.txt"]


def new_page() -> bytes:
    """A valid ESF page for a project not in the seed data (a renamed Resurscenter)."""
    text = (DATA / "resurscenter.txt").read_text(encoding="utf-8")
    return text.replace("\nResurscenter\n", "\nNytt Kunskapscenter\n", 1).encode("utf-8")


@pytest.fixture
def indexed(fake_assistant: Assistant, fake_settings: Settings) -> Settings:
    """Settings whose data folder holds the seeds and whose index holds their projects."""
    return fake_settings


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def everything_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


def test_safe_file_name_keeps_only_a_plain_base_name() -> None:
    assert safe_file_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_file_name("C:\\Users\\x\\rapport.md") == "rapport.md"
    assert safe_file_name(".dold.txt") == "dold.txt"
    assert safe_file_name("  två   ord<>|.txt ") == "två ord_.txt"
    assert safe_file_name("projekt – ny.csv") == "projekt _ ny.csv"
    for bad in ("", "...", "../", ".", "/", "x" * 200 + ".txt"):
        assert safe_file_name(bad) is None, bad


def test_a_good_page_is_saved_in_the_data_folder(indexed: Settings) -> None:
    outcome = accept_upload("nytt.txt", new_page(), indexed)
    assert outcome.ok and outcome.saved and outcome.message_key == "upload.saved"
    assert outcome.path == indexed.data_dir / "nytt.txt"
    assert outcome.path.read_bytes() == new_page()
    assert outcome.message("sv") == "nytt.txt: sparad – 1 projekt hittades."
    assert outcome.message("en") == "nytt.txt: saved – 1 project(s) found."


def test_path_traversal_lands_inside_the_data_folder(indexed: Settings) -> None:
    outside = indexed.data_dir.parent / "utanfor.txt"
    outcome = accept_upload("../utanfor.txt", new_page(), indexed)
    assert outcome.path == indexed.data_dir / "utanfor.txt"
    assert not outside.exists()


def test_nothing_is_written_outside_the_data_folder(indexed: Settings) -> None:
    root = indexed.data_dir.parent
    others = everything_under(root) - everything_under(indexed.data_dir)
    scratch = set(Path(tempfile.gettempdir()).glob("pb-upload-*"))
    for name, data in (
        ("../a.txt", new_page()),
        ("../../b.md", b"# Rubrik\n\nText om ett projekt.\n"),
        ("fel.csv", b"a,b\n1,2\n"),
        ("binar.txt", b"abc\x00def" * 10),
    ):
        accept_upload(name, data, indexed)
    after = everything_under(root) - everything_under(indexed.data_dir)
    assert after == others
    assert set(Path(tempfile.gettempdir()).glob("pb-upload-*")) == scratch
    assert not [p for p in indexed.data_dir.iterdir() if p.name.startswith(".upload-")]


def test_hidden_and_windows_names_are_made_plain(indexed: Settings) -> None:
    assert accept_upload(".dold.txt", new_page(), indexed).path == indexed.data_dir / "dold.txt"
    document = b"# Rubrik\n\nText om ett projekt.\n"
    windows = accept_upload("C:\\Users\\x\\win.md", document, indexed)
    assert windows.ok and windows.path == indexed.data_dir / "win.md"


def test_unusable_names_are_refused(indexed: Settings) -> None:
    for name in ("...", "", "x" * 300 + ".txt"):
        outcome = accept_upload(name, new_page(), indexed)
        assert outcome.message_key == "upload.bad_name" and not outcome.saved
        assert len(outcome.name) <= 150
    assert files_in(indexed.data_dir) == SEEDS


def test_wrong_type_is_refused_with_its_suffix(indexed: Settings) -> None:
    outcome = accept_upload("bild.png", b"\x89PNG", indexed)
    assert outcome.message_key == "upload.bad_type" and outcome.values == {"suffix": ".png"}
    assert "(.png)" in outcome.message("sv")
    assert accept_upload("README", b"text", indexed).values == {"suffix": "–"}
    assert files_in(indexed.data_dir) == SEEDS


def test_empty_and_blank_files_are_refused(indexed: Settings) -> None:
    for data in (b"", b"   \n\t"):
        assert accept_upload("tom.txt", data, indexed).message_key == "upload.empty"
    assert files_in(indexed.data_dir) == SEEDS


def test_binary_file_is_refused_with_the_readers_reason(indexed: Settings) -> None:
    outcome = accept_upload("binar.txt", b"abc\x00def" * 10, indexed)
    assert outcome.message_key in ("upload.unreadable", "upload.no_projects")
    assert "binary" in outcome.message("en")
    assert tempfile.gettempdir() not in outcome.message("en")
    assert files_in(indexed.data_dir) == SEEDS


def test_bad_csv_is_refused(indexed: Settings) -> None:
    outcome = accept_upload("fel.csv", b"a,b\n1,2\n", indexed)
    assert outcome.message_key in ("upload.unreadable", "upload.no_projects")
    assert not outcome.ok and not outcome.saved
    assert files_in(indexed.data_dir) == SEEDS


def test_projects_already_indexed_are_refused(indexed: Settings) -> None:
    outcome = accept_upload("kc2-kopia.txt", (DATA / "kc2.txt").read_bytes(), indexed)
    assert outcome.message_key == "upload.duplicate"
    assert "esf-kc2" in outcome.message("sv")
    assert files_in(indexed.data_dir) == SEEDS


def test_too_big_file_is_refused_before_parsing(indexed: Settings) -> None:
    small = indexed.model_copy(update={"max_upload_bytes": 100})
    outcome = accept_upload("stor.txt", new_page(), small)
    assert outcome.message_key == "upload.too_big"
    assert outcome.values["limit"] == "100 B"
    assert files_in(indexed.data_dir) == SEEDS


def test_name_collision_gets_a_new_name_and_same_content_is_not_saved_twice(
    indexed: Settings,
) -> None:
    first = accept_upload("nytt.txt", new_page(), indexed)
    same = accept_upload("nytt.txt", new_page(), indexed)
    assert same.message_key == "upload.same" and same.ok and not same.saved
    other = accept_upload("nytt.txt", new_page() + b"\nMer text.\n", indexed)
    assert other.message_key == "upload.renamed" and other.path == indexed.data_dir / "nytt-2.txt"
    assert "nytt-2.txt" in other.message("en")
    assert first.path and first.path.read_bytes() == new_page()
    assert files_in(indexed.data_dir) == sorted([*SEEDS, "nytt.txt", "nytt-2.txt"])


def test_free_target(tmp_path: Path) -> None:
    assert free_target(tmp_path, "a.txt", b"x") == tmp_path / "a.txt"
    (tmp_path / "a.txt").write_bytes(b"x")
    assert free_target(tmp_path, "a.txt", b"x") is None
    assert free_target(tmp_path, "a.txt", b"y") == tmp_path / "a-2.txt"
    (tmp_path / "a-2.txt").mkdir()
    assert free_target(tmp_path, "a.txt", b"y") == tmp_path / "a-3.txt"


def test_unwritable_data_folder_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    settings = Settings(data_dir=blocker, index_dir=tmp_path / "index", embedder="fake")
    outcome = store_upload("nytt.txt", new_page(), settings, projects=1)
    assert outcome.message_key == "upload.write_failed" and not outcome.saved


def test_upload_without_an_index_is_checked_but_not_deduplicated(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", index_dir=tmp_path / "index", embedder="fake")
    assert already_indexed(settings, ["esf-kc2"]) == []
    outcome = accept_upload("kc2.txt", (DATA / "kc2.txt").read_bytes(), settings)
    assert outcome.message_key == "upload.saved" and outcome.path == tmp_path / "data" / "kc2.txt"


def test_already_indexed(indexed: Settings) -> None:
    assert already_indexed(indexed, ["esf-kc2", "esf-finns-inte"]) == ["esf-kc2"]
    assert already_indexed(indexed, []) == []


def test_outcome_markdown_escapes_names_and_details() -> None:
    outcome = UploadOutcome(
        name="[x](javascript:1).txt", message_key="upload.unreadable", values={"detail": "*b*"}
    )
    shown = outcome.markdown("sv")
    assert "](javascript" not in shown and "\\*b\\*" in shown


def test_picker_options() -> None:
    assert UPLOAD_TYPES == ["txt", "md", "html", "htm", "csv"]
    assert limit_megabytes(Settings(max_upload_bytes=1)) == 1
    assert limit_megabytes(Settings(max_upload_bytes=20_000_000)) == 20
