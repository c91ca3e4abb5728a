"""Repairing the damaged characters of the export (``assistant.sources.repair``), with anchors
back to the raw text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.models import Section, Span
from assistant.sources import repair_text

from .helpers import C0_C1


@pytest.mark.parametrize(
    ("raw", "repaired"),
    [
        ("SÅ\x96M: processamordning", "SÖM: processamordning"),
        ("Småland och Å\x96arna", "Småland och Öarna"),
        ("BORLÅ\x84NGE", "BORLÄNGE"),
        ("idÅ©er och svÅ¦rt, hÅ¸jere", "idéer och svært, højere"),
        ("Â«Pendler-broenÂ» vil", "«Pendler-broen» vil"),
        ("2007 \x13 2013", "2007 – 2013"),
        ("som \x1däkta\x1d, dvs", "som ”äkta”, dvs"),
        ("\x1cBolagets\x1d plan", "“Bolagets” plan"),
        ("statusen ¿bra arbetsgivare¿. ¿¿¿", "statusen ”bra arbetsgivare”."),
        ("Innovation 2.0 ¿ utveckla", "Innovation 2.0 – utveckla"),
        ("¿Norrbotniabanan ¿ Förankring¿ som", "”Norrbotniabanan – Förankring” som"),
        ("förprojektet Â¿Rural Regions 2020Â¿ är", "förprojektet ”Rural Regions 2020” är"),
        ("inom PI¿s verksamhet", "inom PI¿s verksamhet"),  # unknown: left as it is
        ("företa¬gens syssels¤ttning", "företagens sysselsättning"),
        ("transportlösningar.\x02\x02 Såväl", "transportlösningar.   Såväl"),
        ("Grøn medarbejdertransport", "Grøn medarbejdertransport"),  # legitimate Danish
        ("Åre och Åsele", "Åre och Åsele"),
    ],
)
def test_repair_text(raw: str, repaired: str) -> None:
    text, _ = repair_text(raw)
    assert text == repaired
    assert not C0_C1.search(text)


def test_repair_text_leaves_clean_text_alone() -> None:
    assert repair_text("Helt vanlig text på svenska.") == ("Helt vanlig text på svenska.", ())


def test_repair_text_anchors_map_back_to_raw() -> None:
    raw = "Å\x96kad ¿bra¿ tillväxt i Å\x84lvdalen ¿¿¿"
    text, anchors = repair_text(raw)
    assert text == "Ökad ”bra” tillväxt i Älvdalen"
    section = Section(
        key="k", title="t", text=text, span=Span(source="s", start=0, end=len(raw)), anchors=anchors
    )
    assert anchors[0] == (1, 2)  # after 'Ö' the raw is one char ahead
    start = text.index("tillväxt")
    span = section.source_span(start, start + len("tillväxt"))
    assert raw[span.start : span.end] == "tillväxt"
    start = text.index("Älvdalen")
    assert raw[section.source_offset(start) :].startswith("Å\x84lvdalen")
    start = text.index("bra")
    span = section.source_span(start, start + len("bra"))
    assert raw[span.start : span.end] == "bra"
    # the whole text stands for the whole raw text, dropped '¿¿¿' included
    whole = section.source_span(0, len(text))
    assert (whole.start, whole.end) == (0, len(raw))


DAMAGE = st.sampled_from(
    ["a", "ö", " ", ".", "Å\x96", "Å\x84", "Â«", "\x13", "\x1d", "¿", " ¿ ", "¿¿", "¬", "\xa0", "Å"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(DAMAGE, max_size=30))
def test_repair_text_anchor_map_is_consistent(pieces: list[str]) -> None:
    raw = "".join(pieces)
    text, anchors = repair_text(raw)
    section = Section(
        key="k", title="t", text=text, span=Span(source="s", start=0, end=len(raw)), anchors=anchors
    )
    offsets = [section.source_offset(i) for i in range(len(text) + 1)]
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(raw) for o in offsets)
    for i, ch in enumerate(text):
        if (ch.isascii() and ch != " ") or ch == "ö":
            assert raw[offsets[i]] == ch  # unrepaired characters map onto themselves
