"""Bytes to source text (``assistant.sources.decoding``): cp1252 and Latin-1, BOM, CRLF, empty
and binary files."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.sources import read_path

from .helpers import KC2, TVV_HEADER, esf_page, only_project, source_text, tvv_row


def test_cp1252_file_decodes_swedish_letters(tmp_path: Path) -> None:
    path = tmp_path / "anteckning.txt"
    path.write_bytes(
        "Åtgärder för öns näringsliv\n\nVi ökar sysselsättningen – nu.\n".encode("cp1252")
    )
    project = only_project(read_path(path, settings=Settings()))
    assert project.name == "Åtgärder för öns näringsliv"
    assert project.sections[0].text == "Vi ökar sysselsättningen – nu."


def test_latin1_esf_page_decodes(tmp_path: Path) -> None:
    path = tmp_path / "sida.txt"
    path.write_bytes(esf_page(name="Höga mål").encode("latin-1"))
    project = only_project(read_path(path, settings=Settings()))
    assert project.kind == "esf"
    assert project.name == "Höga mål"
    assert project.value("owner") == "Testkommunen"


def test_utf8_bom_is_stripped_and_spans_follow_the_decoded_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf# Rubrik\n\nText h\xc3\xa4r.\n")
    project = only_project(read_path(path, settings=Settings()))
    assert project.name == "Rubrik"
    assert project.name_span is not None
    assert (project.name_span.start, project.name_span.end) == (2, 8)


def test_crlf_is_normalised_and_spans_refer_to_the_lf_text(tmp_path: Path) -> None:
    path = tmp_path / "kc2-crlf.txt"
    path.write_bytes(KC2.read_bytes().replace(b"\n", b"\r\n"))
    project = only_project(read_path(path, settings=Settings()))
    text = source_text(path)
    assert "\r" not in text
    grant = project.field("grant_sek")
    assert grant is not None
    assert grant.value == 3804849
    assert text[grant.span.start : grant.span.end] == grant.text
    for section in project.sections:
        assert "\r" not in section.text
        assert text[section.span.start : section.span.end] == section.text


def test_crlf_csv_keeps_exact_spans(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        (TVV_HEADER + tvv_row() + tvv_row(arende_id="2")).replace("\n", "\r\n").encode()
    )
    result = read_path(path, settings=Settings())
    assert [p.id for p in result.projects] == ["tvv-1001", "tvv-2"]
    text = source_text(path)
    owner = result.projects[1].field("owner")
    assert owner is not None
    assert text[owner.span.start : owner.span.end] == "Mottagare AB"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"  \n\r\n", "empty"), (b"PK\x03\x04\x00\x00binary", "binary")],
)
def test_empty_and_binary_files_are_problems(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "fil.txt"
    path.write_bytes(content)
    result = read_path(path, settings=Settings())
    assert result.projects == ()
    assert len(result.problems) == 1
    assert message in result.problems[0].message
    assert result.problems[0].source == str(path)
