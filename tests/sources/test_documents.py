"""Plain text, Markdown and HTML documents (``assistant.sources.documents``)."""

from __future__ import annotations

from assistant.sources import read_document

MARKDOWN = """Lite inledning före rubriken.

# Projekt Solsken

Kort om projektet.

## Bakgrund

Det började 2019.
Andra raden.

```
# inte en rubrik
```

Mål
===

Att lyckas.
"""


def test_markdown_document() -> None:
    project = read_document(MARKDOWN, source="docs/solsken-plan.md")
    assert project.id == "doc-solsken-plan"
    assert project.kind == "doc"
    assert project.name == "Projekt Solsken"
    assert project.name_span is not None
    assert MARKDOWN[project.name_span.start : project.name_span.end] == "Projekt Solsken"
    assert [(s.key, s.title) for s in project.sections] == [
        ("intro", "Inledning"),
        ("projekt-solsken", "Projekt Solsken"),
        ("bakgrund", "Bakgrund"),
        ("mal", "Mål"),
    ]
    background = project.section("bakgrund")
    assert background is not None
    assert background.text.startswith("Det började 2019.\nAndra raden.")
    assert "# inte en rubrik" in background.text
    for section in project.sections:
        assert MARKDOWN[section.span.start : section.span.end] == section.text


def test_plain_text_document_headings() -> None:
    text = "Projektplan för X\n\nBakgrund:\n\nHär står bakgrunden. Den är lång.\n\n"
    text += "Mål\n\nAtt lyckas.\n"
    project = read_document(text, source="plan.txt")
    assert project.name == "Projektplan för X"
    assert [(s.key, s.text) for s in project.sections] == [
        ("bakgrund", "Här står bakgrunden. Den är lång."),
        ("mal", "Att lyckas."),
    ]


HTML = """<!DOCTYPE html>
<html><head><title>Sidans titel</title><style>p { color: red }</style>
<script>var x = "<h1>Inte rubrik</h1> hemligt";</script></head>
<body><nav><a href="/">Hem</a></nav>
<h1>Projekt &amp; Partner</h1>
<p>Första   stycket
fortsätter h&auml;r.</p><p>Andra&nbsp;stycket.</p>
<h2>Syfte</h2><ul><li>Ett</li><li>Två</li></ul>
<script>alert("nej")</script>
</body></html>
"""


def test_html_document() -> None:
    project = read_document(HTML, source="sida.html", html=True)
    assert project.id == "doc-sida"
    assert project.name == "Projekt & Partner"
    assert project.name_span is not None
    assert HTML[project.name_span.start : project.name_span.end] == "Projekt &amp; Partner"
    assert [s.key for s in project.sections] == ["projekt-partner", "syfte"]
    first = project.sections[0]
    assert first.text == "Första stycket fortsätter här.\nAndra stycket."
    assert project.sections[1].text == "Ett\nTvå"
    for section in project.sections:
        assert "hemligt" not in section.text and "alert" not in section.text
        assert "<" not in section.text
        for i, ch in enumerate(section.text):
            if ch.isalpha() and ch != "ä":
                assert HTML[section.source_offset(i)] == ch
    i = first.text.index("här")
    assert HTML[first.source_offset(i + 1) :].startswith("&auml;")
    span = first.source_span(0, len(first.text))
    assert HTML[span.start : span.end].endswith("Andra&nbsp;stycket.")


def test_html_without_h1_is_named_by_its_title() -> None:
    page = "<html><head><title>Titeln</title></head><body><p>Bara text.</p></body></html>"
    project = read_document(page, source="t.htm", html=True)
    assert project.name == "Titeln"
    assert [(s.key, s.title, s.text) for s in project.sections] == [
        ("intro", "Inledning", "Bara text.")
    ]
