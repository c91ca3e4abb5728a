"""Chunks stay inside one section of one project, keep exact spans and stable ids."""

from __future__ import annotations

from pathlib import Path

from assistant.chunking import FACTS_KEY, all_sections, chunk_project, dense_text, facts_section
from assistant.settings import Settings
from assistant.sources import read_path

DATA = Path(__file__).resolve().parents[1] / "data"


def _projects() -> list:
    return list(read_path(DATA, settings=Settings()).projects)


def test_chunks_never_mix_sections_and_respect_size() -> None:
    for project in _projects():
        sections = {s.key: s for s in all_sections(project)}
        for chunk in chunk_project(project, max_chars=300):
            section = sections[chunk.section_key]
            assert chunk.project_id == project.id
            assert section.text[chunk.section_start : chunk.section_end] == chunk.text
            if chunk.section_key != FACTS_KEY:
                assert len(chunk.text) <= 300
            assert chunk.text.strip()


def test_embedded_text_starts_with_project_and_section() -> None:
    project = next(p for p in _projects() if p.id == "esf-kc2")
    chunk = next(c for c in chunk_project(project, max_chars=900) if c.section_key == "goals")
    assert chunk.embed_text.startswith("KC2 – Målsättning\n")
    assert chunk.embed_text.endswith(chunk.text)


def test_text_chunk_spans_point_into_the_source_file() -> None:
    for project in _projects():
        source = Path(project.source).read_text(encoding="utf-8")
        for chunk in chunk_project(project, max_chars=400):
            if chunk.section_key in (FACTS_KEY, "cofinanciers", "partners", "municipalities"):
                continue
            assert source[chunk.start : chunk.end] == chunk.text


def test_facts_chunk_lists_label_value_lines() -> None:
    project = next(p for p in _projects() if p.id == "esf-kc2")
    facts = facts_section(project).text.splitlines()
    assert "Beviljat ESF-stöd: 3 804 849 kr" in facts
    assert "Projektägare: Studieförbundet Vuxenskolan, avd Norra Jämtland" in facts
    assert "Region: Mellersta Norrland" in facts


def test_a_facts_vector_is_made_without_contact_details_ids_or_the_repeated_name() -> None:
    project = next(p for p in _projects() if p.id == "esf-kc2")
    chunks = chunk_project(project, max_chars=900)
    facts = next(c for c in chunks if c.section_key == FACTS_KEY)
    assert "E-post: " in facts.embed_text and "Projekt: KC2" in facts.embed_text
    dense = dense_text(facts).splitlines()
    assert dense[0] == "KC2 – Projektfakta"
    assert "Kontaktperson: Veronica Borg" in dense and "Region: Mellersta Norrland" in dense
    assert not any(line.startswith(("E-post", "Telefonnummer", "Projekt:")) for line in dense)
    text = next(c for c in chunks if c.section_key != FACTS_KEY)
    assert dense_text(text) == text.embed_text


def test_list_sections_map_items_back_to_their_source_spans() -> None:
    project = next(p for p in _projects() if p.id == "esf-resurscenter")
    source = Path(project.source).read_text(encoding="utf-8")
    section = next(s for s in all_sections(project) if s.key == "partners")
    start = section.text.index("Kunskapsnavet")
    span = section.source_span(start, start + len("Kunskapsnavet"))
    assert source[span.start : span.end] == "Kunskapsnavet"


def test_chunk_ids_are_stable_and_unique() -> None:
    first = [c.id for p in _projects() for c in chunk_project(p, max_chars=500)]
    second = [c.id for p in _projects() for c in chunk_project(p, max_chars=500)]
    assert first == second
    assert len(set(first)) == len(first)
    assert "esf-kc2:facts:0" in first


def test_a_long_sentence_is_split_at_whitespace() -> None:
    from assistant.chunking import _pack

    text = " ".join(["ord"] * 200) + "."
    pieces = _pack(text, max_chars=100)
    assert len(pieces) > 1
    assert all(b - a <= 100 for a, b in pieces)
    assert all(not text[a:b].startswith(" ") for a, b in pieces)
