"""Where a citation's quote stands in its section (assistant.quotes), and the window around it."""

from __future__ import annotations

from dataclasses import replace

from assistant.models import Citation, Section, Span
from assistant.quotes import excerpt, find_quote, quote_span


def test_find_quote_and_excerpt() -> None:
    text = "Första meningen. Andra  meningen\när här. Första meningen."
    assert find_quote(text, "Andra meningen är här.") == (17, 40)
    assert find_quote(text, "Första meningen.", prefer=40) == (41, 57)
    assert find_quote(text, "saknas") is None
    long = "ord " * 300 + "MITT" + " ord" * 300
    cut = excerpt(long, 1200, 1204, radius=50)
    assert cut.text.startswith("… ") and cut.text.endswith(" …")
    assert cut.text[cut.start : cut.end] == "MITT"


def test_quote_span_uses_the_citations_offsets() -> None:
    section = Section(
        key="goals",
        title="Mål",
        text="Målet är ett. Målet är ett. Sedan två.",
        span=Span(source="x.txt", start=100, end=138),
    )
    cited = Citation(
        n=1,
        project="P",
        project_id="p",
        section="Mål",
        section_key="goals",
        quote="Målet är ett.",
        source="x.txt",
        start=114,
        end=127,
        section_start=14,
        section_end=27,
    )
    assert quote_span(cited, section) == (14, 27)
    stale = replace(cited, section_start=20, section_end=33)
    assert quote_span(stale, section) == (14, 27)  # searched, nearest to ``start``
    assert quote_span(replace(stale, start=100), section) == (0, 13)
    assert quote_span(replace(cited, quote="saknas", section_end=20), section) is None
    assert quote_span(cited, None) is None
