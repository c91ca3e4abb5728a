"""The English → Swedish lexicon (``assistant.answer.lexicon``)."""

from __future__ import annotations

from assistant.answer.lexicon import (
    EN_SV,
    counted_terms,
    demonym,
    english_word,
    mentions,
    translate,
)


def test_english_words_typed_with_a_slip_are_still_translated() -> None:
    assert translate("memebers") == translate("members") != ()
    assert translate("muncipality") == translate("municipality")
    assert translate("countries") != translate("counties")
    assert translate("reserachers") == translate("researchers") != ()


def test_everyday_english_words_and_demonyms_are_told_from_names() -> None:
    assert english_word("travellers") and english_word("norwegian")
    assert not any(english_word(w) for w in ("megaphone", "malaga", "volvo", "agder"))
    assert demonym("norwegian") and demonym("danish") and demonym("chinese")
    assert not any(demonym(w) for w in ("music", "clinic", "malaga", "baltic"))


def test_people_counted_by_role_may_be_counted_as_persons() -> None:
    assert "person" in counted_terms("lärare")
    assert "person" not in counted_terms("kvinnor")


def test_the_corpus_word_list_carries_everyday_domain_words_over() -> None:
    assert len(EN_SV) > 1000
    assert "plattform" in translate("platforms")
    assert "hushåll" in translate("households")
    assert "koncept" in translate("concept")


def test_key_words_only_leaves_the_corpus_entries_out() -> None:
    assert translate("households", key_words=True) == ()
    assert translate("participants", key_words=True) == translate("participants") != ()


def test_a_compound_is_counted_by_its_heads_synonyms() -> None:
    assert {"företag", "livsmedelsbolag"} <= counted_terms("livsmedelsbolag")
    assert "företag" not in counted_terms("kvinnor")


def test_a_compound_is_mentioned_also_when_the_text_writes_it_with_a_hyphen() -> None:
    text = "ny kunskap från vinnova-projektet mera virke"
    stems = set(text.split())
    assert mentions(frozenset({"vinnovaprojekt"}), stems, text)
    assert not mentions(frozenset({"formasprojekt"}), stems, text)
