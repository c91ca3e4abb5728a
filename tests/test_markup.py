"""Records as safe Markdown and HTML (assistant.markup): project text stays text."""

from __future__ import annotations

from assistant import markup
from assistant.links import project_link
from assistant.models import Citation
from assistant.records import LIST_RELATIONS


def test_md_escape_makes_markdown_inert() -> None:
    escaped = markup.md_escape("[x](javascript:alert(1)) **b** <i>#1</i>\nrad")
    assert escaped == (
        "\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\*\\*b\\*\\* \\<i\\>\\#1\\</i\\>  \nrad"
    )


def test_answer_markdown_keeps_markers_and_bullets() -> None:
    text = "Projekten:\n- KC2: ”a_b” [1]\n- Resurscenter [2]\nSlut."
    assert markup.answer_markdown(text) == (
        "Projekten\\:\n\n- KC2\\: ”a\\_b” **\\[1\\]**\n- Resurscenter **\\[2\\]**\n\nSlut\\."
    )


def test_marked_html_escapes_and_marks() -> None:
    html = markup.marked_html("a <b>x</b> & c", [(2, 10)], [(0, 1)])
    assert html == (
        '<div class="pb-text"><strong>a</strong> <mark>&lt;b&gt;x&lt;/b&gt;</mark> &amp; c</div>'
    )


def test_record_helpers_escape_project_text() -> None:
    cited = Citation(
        n=2,
        project="A*B",
        project_id="p",
        section="Mål_1",
        section_key="goals",
        quote="q",
        source="x",
        start=0,
        end=1,
    )
    link = project_link("p", section_key="goals", lang="en")
    heading = markup.citation_heading("en", cited, link, numbered=True)
    assert heading == f"**\\[2\\]** **A\\*B** · Mål\\_1 · [Open the section ↗]({link})"
    assert markup.citation_heading("sv", cited, link, numbered=False).startswith("**A\\*B**")
    assert markup.text_css("municipalities", excerpt=True) == "pb-text pb-excerpt pb-list"
    assert markup.text_css("goals") == "pb-text"
    assert markup.LIST_SECTION_KEYS is LIST_RELATIONS
