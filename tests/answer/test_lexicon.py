"""The English → Swedish lexicon (``assistant.answer.lexicon``)."""

from __future__ import annotations

from assistant.answer.lexicon import counted_terms, demonym, english_word, translate


def test_english_words_typed_with_a_slip_are_still_translated() -> None:
    assert translate("memebers") == translate("members") != ()
    assert translate("muncipality") == translate("municipality")
    assert translate("countries") == ()


def test_everyday_english_words_and_demonyms_are_told_from_names() -> None:
    assert english_word("travellers") and english_word("norwegian")
    assert not any(english_word(w) for w in ("megaphone", "malaga", "volvo", "agder"))
    assert demonym("norwegian") and demonym("danish") and demonym("chinese")
    assert not any(demonym(w) for w in ("music", "clinic", "malaga", "baltic"))


def test_people_counted_by_role_may_be_counted_as_persons() -> None:
    assert "person" in counted_terms("lärare")
    assert "person" not in counted_terms("kvinnor")
