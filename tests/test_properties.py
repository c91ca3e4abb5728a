"""Property-based tests of the readers and the chunker (hypothesis).

Any text either yields valid records and chunks or raises a clear ``AssistantError``, never
another exception. Valid means: every span lies inside the source text, a span's slice of the
source is the record's text wherever the reader promises exactness (ESF pages, plain and
Markdown documents; CSV values up to quote unescaping and character repair), sections and
chunks are never empty, every chunk is a slice of its own section, and ids are unique.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assistant.answer import Assistant
from assistant.chunking import FACTS_KEY, all_sections, chunk_project
from assistant.embedding import FakeEmbedder
from assistant.errors import AssistantError
from assistant.index import build_index
from assistant.models import Project, Section
from assistant.settings import Settings
from assistant.sources import (
    decode_bytes,
    looks_like_esf_page,
    read_document,
    read_esf_page,
    read_path,
    read_tvv_csv,
    repair_text,
)

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------------------------------
# Invariants
# ------------------------------------------------------------------------------------------


def unquote_repair(raw: str) -> str:
    """What a CSV reader makes of the raw text a span points at: unescaped, repaired, stripped."""
    return repair_text(raw.replace('""', '"'))[0].strip()


def check_csv_value(raw: str, text: str) -> None:
    """A CSV value's span points at its raw text: unescaped and repaired, the raw is the value.

    Repairs of '¿' depend on the characters around it (' ¿ ' is a dash, a trailing '¿' is
    dropped), which a span trimmed of white space no longer shows; there the letters and
    digits of the value must still stand, in order, in the raw text.
    """
    if "¿" not in raw:
        assert unquote_repair(raw) == text
        return
    rest = iter(raw)
    assert all(ch in rest for ch in text if ch.isascii() and ch.isalnum()), (raw, text)


def check_offsets(section: Section, source: str) -> None:
    """The section's map to the source is monotonic, inside the section span and the source."""
    span = section.span
    assert 0 <= span.start <= span.end <= len(source)
    offsets = [section.source_offset(i) for i in range(len(section.text) + 1)]
    assert offsets == sorted(offsets), section.key
    assert all(span.start <= o <= span.end for o in offsets), section.key
    whole = section.source_span(0, len(section.text))
    assert (whole.start, whole.end) == (span.start, span.end)


def check_project(project: Project, source: str) -> None:
    """The invariants every project of every reader keeps, with the exactness its kind promises."""
    assert project.id and project.name.strip()
    exact = project.kind == "esf" or (
        project.kind == "doc" and not project.source.endswith((".html", ".htm"))
    )
    if project.name_span is not None:
        span = project.name_span
        assert 0 <= span.start <= span.end <= len(source)
        if exact:
            assert source[span.start : span.end] == project.name
        elif project.kind == "tvv":
            check_csv_value(source[span.start : span.end], project.name)
    keys = [f.key for f in project.fields]
    assert len(keys) == len(set(keys)), "a repeated field must be reported, not kept twice"
    for fv in project.fields:
        assert 0 <= fv.span.start <= fv.span.end <= len(source)
        raw = source[fv.span.start : fv.span.end]
        if project.kind == "esf":
            assert raw == fv.text, fv.key
        elif project.kind == "tvv":
            check_csv_value(raw, fv.text)
    for lst in project.lists:
        assert lst.items
        for item in lst.items:
            assert item.text.strip()
            assert 0 <= item.span.start <= item.span.end <= len(source)
            raw = source[item.span.start : item.span.end]
            if project.kind == "esf":
                assert raw == item.text
            elif project.kind == "tvv":
                check_csv_value(raw, item.text)
    section_keys = [s.key for s in project.sections]
    assert len(section_keys) == len(set(section_keys))
    for section in project.sections:
        assert section.text.strip(), section.key
        assert section.text == section.text.strip(), section.key
        if exact:
            assert section.anchors == ()
            assert source[section.span.start : section.span.end] == section.text
        else:
            check_offsets(section, source)
            for i, ch in enumerate(section.text):
                if ch.isascii() and ch.isalnum():
                    assert source[section.source_offset(i)] == ch, (section.key, i)
    check_chunks(project, source, exact=exact)


def check_chunks(project: Project, source: str, *, exact: bool) -> None:
    for max_chars in (200, 900):
        sections = {s.key: s for s in all_sections(project)}
        assert len(sections) == len(all_sections(project)), "section keys must be unique"
        chunks = chunk_project(project, max_chars=max_chars)
        ids = [c.id for c in chunks]
        assert len(ids) == len(set(ids))
        covered = {c.section_key for c in chunks}
        assert covered == set(sections), "every section is chunked"
        for chunk in chunks:
            section = sections[chunk.section_key]
            assert chunk.project_id == project.id and chunk.source == project.source
            assert chunk.text.strip(), chunk.id
            assert 0 <= chunk.section_start < chunk.section_end <= len(section.text)
            assert section.text[chunk.section_start : chunk.section_end] == chunk.text
            assert chunk.embed_text.endswith(chunk.text)
            assert 0 <= chunk.start <= chunk.end <= len(source), chunk.id
            if chunk.section_key == FACTS_KEY:
                continue
            assert len(chunk.text) <= max_chars
            assert section.span.start <= chunk.start <= chunk.end <= section.span.end
            in_text = chunk.section_key in {s.key for s in project.sections}
            if exact and in_text:
                assert source[chunk.start : chunk.end] == chunk.text


def check_read(text: str, source: str, read: object) -> list[Project]:
    """Run a reader: a project/result is checked, an AssistantError is fine, nothing else is."""
    try:
        result = read(text, source=source)  # type: ignore[operator]
    except AssistantError as exc:
        assert str(exc).strip()
        return []
    projects = [result] if isinstance(result, Project) else list(result.projects)
    ids = [p.id for p in projects]
    assert len(ids) == len(set(ids))
    for project in projects:
        check_project(project, text)
    return projects


# ------------------------------------------------------------------------------------------
# Generators
# ------------------------------------------------------------------------------------------

LABELS = [
    "Programområde",
    "Projektfas",
    "Projektägare",
    "Kontaktperson",
    "E-post",
    "Telefonnummer",
    "Beviljat ESF-stöd",
    "Total projektbudget",
    "Projektperiod",
    "Region",
]
HEADINGS = [
    "Sammanfattning",
    "Bakgrund",
    "Syfte",
    "Syftet med projektet",
    "Målsättning",
    "Mål",
    "Tillgänglighet för personer med funktionsnedsättning",
    "Jämställdhetsintegrering",
    "Jämställdhet",
    "Transnationellt samarbete",
]
LIST_HEADINGS = ["Medfinansiärer", "Samarbetspartners", "Kommun", "Kommuner", "Län"]
CHROME = [
    "Logotyp på utskrifter",
    "Stäng",
    "Mer information och anmälan.",
    "In English",
    "Skriv ut",
    "Dela",
    "3 december - Webbinarium om fattigdom i dagens Sverige",
]
# Swedish and troublesome characters: letters, quotes, dashes, no-break and odd spaces,
# controls, mojibake pieces, emoji and a character outside the BMP.
TRICKY = "åäöÅÄÖéÉ“”‘’–—…•·\u00a0\u2009\u200b\t\"',;:.!?-#*()[]<>&%\\/\x13\x1d¿Â«Å\x96¤🙂𝔘"
WORDS = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ") + list(TRICKY)))
LINE = WORDS.map(lambda s: s.replace("\n", " "))


def cased(text: str) -> st.SearchStrategy[str]:
    return st.sampled_from([text, text.upper(), text.lower(), text + ":", text + " :"])


money = st.one_of(
    st.integers(0, 10**10).map(lambda n: f"{n:,}".replace(",", " ") + " kr"),
    st.integers(0, 10**10).map(lambda n: f"{n:,}".replace(",", "\u00a0") + " kr"),
    st.integers(0, 10**7).map(str),
    LINE,
)
period = st.one_of(
    st.tuples(st.dates(), st.dates()).map(lambda d: f"{d[0]} till {d[1]}"),
    st.tuples(st.dates(), st.dates()).map(lambda d: f"{d[0]} – {d[1]}"),
    st.just("2008-02-30 till 2009-13-01"),
    LINE,
)


@st.composite
def header_line(draw: st.DrawFn) -> str:
    label = draw(st.sampled_from(LABELS))
    if label in ("Beviljat ESF-stöd", "Total projektbudget"):
        value = draw(money)
    elif label == "Projektperiod":
        value = draw(period)
    else:
        value = draw(LINE)
    glue = draw(st.sampled_from(["", ":", ": ", "\n", " "]))
    return label + glue + value


@st.composite
def body_block(draw: st.DrawFn) -> list[str]:
    if draw(st.booleans()):
        heading = draw(st.sampled_from(HEADINGS).flatmap(cased))
        lines = draw(st.lists(LINE, max_size=4))
    else:
        heading = draw(st.sampled_from(LIST_HEADINGS).flatmap(cased))
        bullet = draw(st.sampled_from(["• ", "- ", "* ", "1. ", ""]))
        lines = [bullet + item for item in draw(st.lists(LINE, max_size=5))]
    return [heading, *lines]


@st.composite
def esf_pages(draw: st.DrawFn) -> str:
    """An ESF-like page: chrome, a name, header labels with random values, random sections."""
    lines: list[str] = draw(st.lists(st.sampled_from(CHROME), max_size=3))
    if draw(st.integers(0, 9)):
        lines.append(draw(LINE))
    lines += draw(st.lists(header_line(), max_size=12))
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(CHROME)))
    for block in draw(st.lists(body_block(), max_size=6)):
        lines += block
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(st.sampled_from(CHROME)))
    separators = draw(st.lists(st.sampled_from(["\n", "\n\n", "\n \n"]), min_size=len(lines)))
    return "".join(line + sep for line, sep in zip(lines, separators))


TVV_COLUMNS = [
    "source",
    "arende_id",
    "projektnamn_short",
    "stodmottagare_short",
    "projekt_starttid",
    "projekt_sluttid",
    "beviljat_belopp_sek",
    "beviljat_belopp_euro",
    "projektnamn",
    "projektbeskrivning",
    "pagar_slut",
    "stodmottagare",
    "projektledare",
    "projektledare_telnr",
    "projektledare_mail",
    "malprogram",
    "omrade",
    "insatsomrade",
    "offentlig_finansiar",
    "lan_fordelning",
    "kommun_fordelning",
    "laddningsdatum",
]
CSV_CHARS = list("abcdefghij ÅÄÖåäöé0123456789") + list(',"\n\u00a0¿Â«Å\x96\x84¤\x13\x1d\x02–”')
CSV_VALUE = st.one_of(
    st.text(alphabet=st.sampled_from(CSV_CHARS), max_size=40),
    st.sampled_from(["Information saknas", "Värde saknas", "", " ", "SLUT", "PAGAR"]),
    st.integers(0, 10**9).map(str),
    st.dates().map(str),
)


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """A header with the required columns (others random, any order) and random rows.

    Most rows are written by the csv module (valid quoting); some are raw lines with broken
    quoting or a wrong number of fields.
    """
    optional = [c for c in TVV_COLUMNS if c not in ("arende_id", "projektnamn")]
    columns = ["arende_id", "projektnamn", *draw(st.lists(st.sampled_from(optional), unique=True))]
    columns = draw(st.permutations(columns))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            out.write(draw(st.text(alphabet=st.sampled_from(CSV_CHARS), max_size=60)) + "\n")
            continue
        row = [draw(CSV_VALUE) for _ in columns]
        row[columns.index("arende_id")] = draw(st.one_of(st.integers(1, 30).map(str), CSV_VALUE))
        writer.writerow(row)
    return out.getvalue()


# ------------------------------------------------------------------------------------------
# ESF pages
# ------------------------------------------------------------------------------------------


@PROPERTY
@given(esf_pages())
def test_esf_like_pages_give_valid_records_or_a_clear_error(page: str) -> None:
    check_read(page, "page.txt", read_esf_page)


@PROPERTY
@given(esf_pages())
def test_esf_like_pages_never_guess_a_value(page: str) -> None:
    """A money field is an int, a period's dates agree with its text, and nothing is invented."""
    projects = check_read(page, "page.txt", read_esf_page)
    for project in projects:
        for fv in project.fields:
            assert fv.text in page
            if fv.key in ("grant_sek", "budget_sek"):
                assert isinstance(fv.value, int)
                assert str(fv.value) == re.sub(r"\D", "", fv.text)
            if fv.key in ("start", "end"):
                assert fv.value.isoformat() == fv.text  # type: ignore[union-attr]
        period = project.field("period")
        if period is not None and project.field("start") is not None:
            assert project.field("start").text in period.text  # type: ignore[union-attr]


@PROPERTY
@given(esf_pages())
def test_esf_like_pages_as_plain_documents(page: str) -> None:
    check_read(page, "page.md", read_document)


# ------------------------------------------------------------------------------------------
# The Tillväxtverket CSV
# ------------------------------------------------------------------------------------------


@PROPERTY
@given(csv_texts())
def test_csv_like_texts_give_valid_records_or_a_clear_error(text: str) -> None:
    projects = check_read(text, "export.csv", read_tvv_csv)
    result = read_tvv_csv(text, source="export.csv")
    for problem in result.problems:
        assert problem.source == "export.csv" and problem.message.startswith("line ")
        assert "could not locate the fields" not in problem.message
    for project in projects:
        assert project.kind == "tvv" and project.id.startswith("tvv-")


@PROPERTY
@given(csv_texts())
def test_valid_csv_rows_are_all_read(text: str) -> None:
    """Every row the csv module can parse with the right field count and an id and a name
    becomes a project (first of a repeated id wins); the rest are problems with a line."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error:
        assume(False)
    header, *rows = rows
    result = read_tvv_csv(text, source="export.csv")
    id_at, name_at = header.index("arende_id"), header.index("projektnamn")
    short_at = header.index("projektnamn_short") if "projektnamn_short" in header else None
    wanted: list[str] = []
    for row in rows:
        if not row or len(row) != len(header):
            continue
        case, name = row[id_at].strip(), row[name_at]
        if not has_value(name) and short_at is not None:
            name = row[short_at]  # the short name stands in for a missing long one
        if has_value(case) and has_value(name) and unquote_repair(name):
            wanted += [f"tvv-{case}"] if f"tvv-{case}" not in wanted else []
    assert [p.id for p in result.projects] == wanted


def has_value(raw: str) -> bool:
    """Whether a CSV value counts as given (not blank, not 'Information saknas')."""
    return bool(raw.strip()) and raw.strip().lower() not in ("information saknas", "värde saknas")


# ------------------------------------------------------------------------------------------
# Arbitrary unicode and bytes
# ------------------------------------------------------------------------------------------

ANY_TEXT = st.text(max_size=400)
MIXED_TEXT = st.one_of(
    ANY_TEXT,
    st.lists(st.one_of(LINE, st.sampled_from([*LABELS, *HEADINGS, *CHROME, "# ", "\n"]))).map(
        "\n".join
    ),
)


@PROPERTY
@given(MIXED_TEXT)
def test_any_text_through_every_reader(text: str) -> None:
    for source, read in (
        ("any.txt", read_esf_page),
        ("any.md", read_document),
        ("any.csv", read_tvv_csv),
    ):
        check_read(text, source, read)
    assert looks_like_esf_page(text) == (esf_label_count(text) >= 3)


def esf_label_count(text: str) -> int:
    """How many of the ESF header labels start a line (white space stripped, any case) in the
    first 20,000 characters: an ESF page is a text with three or more."""
    lines = [line.strip().lower() for line in text[:20_000].split("\n")]
    return sum(any(line.startswith(label.lower()) for line in lines) for label in LABELS)


def test_three_header_labels_make_an_esf_page() -> None:
    two = "Namn\nProjektägareX\n  e-post: a@b.se\nEtt stycke text."
    assert esf_label_count(two) == 2 and not looks_like_esf_page(two)
    assert looks_like_esf_page(two + "\nRegionNorr")
    assert not looks_like_esf_page("x" * 20_000 + "\n" + two + "\nRegionNorr")


def read_html(text: str, *, source: str) -> Project:
    return read_document(text, source=source, html=True)


HTML_PIECES = st.sampled_from(
    [
        "<h1>",
        "</h1>",
        "<h2>",
        "</h2>",
        "<p>",
        "</p>",
        "<br>",
        "<script>",
        "</script>",
        "<nav>",
        "</nav>",
        "<title>",
        "</title>",
        "&amp;",
        "&auml;",
        "&#228;",
        "&nbsp;",
        "&bogus;",
        "&",
        "<",
        ">",
        "<!--",
        "-->",
        "<li>",
        "\n",
    ]
)


@PROPERTY
@given(st.lists(st.one_of(HTML_PIECES, LINE), max_size=40).map("".join))
def test_html_like_text_gives_valid_records_or_a_clear_error(text: str) -> None:
    check_read(text, "page.html", read_html)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
SUFFIXES = st.sampled_from([".txt", ".md", ".csv", ".html"])


@PROPERTY
@given(text=st.one_of(MIXED_TEXT, esf_pages(), csv_texts()), encoding=ENCODINGS, suffix=SUFFIXES)
def test_any_file_gives_valid_records_or_a_clear_error(
    scratch: Path, text: str, encoding: str, suffix: str
) -> None:
    """Encoded, with CRLF or CR line ends, through read_path: spans refer to decode_bytes."""
    newline = "\r\n" if len(text) % 3 == 0 else ("\r" if len(text) % 3 == 1 else "\n")
    try:
        data = text.replace("\n", newline).encode(encoding)
    except UnicodeEncodeError:
        data = text.replace("\n", newline).encode("utf-8")
    path = scratch / f"file{suffix}"
    path.write_bytes(data)
    try:
        result = read_path(path, settings=Settings())
    except AssistantError as exc:
        assert str(path) in str(exc)
        return
    try:
        source = decode_bytes(data)
    except AssistantError:
        assert result.projects == () and len(result.problems) == 1
        return
    for project in result.projects:
        assert project.source == str(path)
        check_project(project, source)


@PROPERTY
@given(st.binary(max_size=600))
def test_any_bytes_decode_to_lf_text_or_a_clear_error(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except AssistantError as exc:
        assert str(exc)
        return
    assert "\r" not in text and text.strip()
    assert not text.startswith("\ufeff")


@FEW
@given(st.binary(max_size=600), SUFFIXES)
def test_any_bytes_through_read_path(scratch: Path, data: bytes, suffix: str) -> None:
    path = scratch / f"bytes{suffix}"
    path.write_bytes(data)
    try:
        result = read_path(path, settings=Settings())
    except AssistantError:
        return
    if result.projects:
        source = decode_bytes(data)
        for project in result.projects:
            check_project(project, source)
    else:
        assert result.problems


# ------------------------------------------------------------------------------------------
# The chunker on its own
# ------------------------------------------------------------------------------------------


@PROPERTY
@given(
    st.lists(st.one_of(LINE, st.just(""), st.sampled_from([". ", "! ", "\n", "   "]))).map("".join),
    st.integers(200, 2000),
)
def test_chunker_packs_any_section(body: str, max_chars: int) -> None:
    text = body.strip()
    assume(text)
    page = f"# Rubrik\n\n{text}\n"
    try:
        project = read_document(page, source="c.md")
    except AssistantError:
        return  # the body was headings only ('#   :')
    check_project(project, page)
    chunks = chunk_project(project, max_chars=max_chars)
    for section in project.sections:
        own = sorted((c for c in chunks if c.section_key == section.key), key=lambda c: c.ordinal)
        assert [c.ordinal for c in own] == list(range(len(own)))
        last = 0
        for c in own:  # in order, not overlapping, leaving out only white space
            assert c.section_start >= last
            assert not section.text[last : c.section_start].strip()
            last = c.section_end
        assert not section.text[last:].strip()
        assert "".join("".join(c.text.split()) for c in own) == "".join(section.text.split())


# ------------------------------------------------------------------------------------------
# Questions
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def assistant(scratch: Path) -> Assistant:
    data = Path(__file__).resolve().parents[1] / "data"
    settings = Settings(index_dir=scratch / "index", embedder="fake")
    build_index([data], settings=settings, embedder=FakeEmbedder())
    return Assistant.open(settings, embedder=FakeEmbedder())


QUESTION_WORDS = st.sampled_from(
    [
        "KC2",
        "Resurscenter",
        "hur",
        "mycket",
        "stöd",
        "vem",
        "äger",
        "vilka",
        "projekt",
        "2009",
        "medfinansiär",
        "jämför",
        "och",
        "syfte",
        "what",
        "budget",
        "'",
        ";",
        "--",
        "DROP",
    ]
)


@PROPERTY
@given(
    st.one_of(
        st.text(max_size=300),
        st.text(st.characters(codec=None), max_size=60),
        st.lists(st.one_of(QUESTION_WORDS, WORDS), max_size=12).map(" ".join),
    )
)
def test_any_question_gets_an_answer_whose_markers_are_its_citations(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert answer.question == question and answer.answer.strip()
    used = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert used <= {c.n for c in answer.citations}
    for c in (*answer.citations, *answer.see_also):
        assert c.quote.strip() and c.project_id in assistant.index.projects


def _fold_by_character(text: str) -> str:
    """The definition ``fold`` implements faster: each character decomposed on its own."""
    import unicodedata

    text = unicodedata.normalize("NFC", text).casefold()
    out = []
    for ch in text:
        if ch in "åäö":
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return re.sub(r"\s+", " ", "".join(out)).strip()


@PROPERTY
@given(st.text() | st.text(alphabet="aåäöÅÄÖéÉüñ\u0301\u0308\u030a한ǅ\U000f0000 \t\nxyz"))
def test_fold_keeps_swedish_letters_and_drops_other_accents(text: str) -> None:
    from assistant.text import fold

    assert fold(text) == _fold_by_character(text)
