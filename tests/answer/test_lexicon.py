"""The English → Swedish lexicon (``assistant.answer.lexicon``)."""

from __future__ import annotations

from assistant.answer.lexicon import translate


def test_english_words_typed_with_a_slip_are_still_translated() -> None:
    assert translate("memebers") == translate("members") != ()
    assert translate("muncipality") == translate("municipality")
    assert translate("countries") == ()
