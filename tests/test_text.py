"""Sentence splitting and the other text helpers' behaviour on the corpus' Swedish."""

from __future__ import annotations

import pytest

from assistant.text import fold, fold_in_place, sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Där finns Hallströms verkstäder (inkl. Näldens värmeindustri) med 160 anställda.",
        "Vi samarbetar bl.a. Med Volvo i Göteborg.",
        "Metoden, t.ex. Kaizen, prövas.",
        "Den f.d. Posten-terminalen i Ånge byggs om.",
        "Vi har ca. 30 medlemmar.",
    ],
)
def test_an_abbreviation_before_a_capital_does_not_end_a_sentence(text: str) -> None:
    assert _sentences(text + " Nästa mening.") == [text, "Nästa mening."]


def test_a_sentence_ending_in_etc_or_a_year_still_ends() -> None:
    text = "Vi gör mat, kaffe etc. Projektet slutar 2008. Nästa."
    assert _sentences(text) == ["Vi gör mat, kaffe etc.", "Projektet slutar 2008.", "Nästa."]


def test_folding_in_place_keeps_every_letter_where_it_was() -> None:
    masked = "                 : vilken norsk part jobbar SLU ihop med, Ångström?"
    folded = fold_in_place(masked)
    assert len(folded) == len(masked)
    assert folded.index("slu") == masked.index("SLU")
    assert folded.endswith("ångström?")
    assert fold_in_place("Straße") == fold("Straße")
