"""Hybrid retrieval and filters over the seed index (fake embedder)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answer import Assistant
from assistant.search import Filters, _rrf


def test_hybrid_search_finds_the_section_that_says_it(fake_assistant: Assistant) -> None:
    hits = fake_assistant.searcher.search("socialt företag i kooperativ regi", k=3)
    assert hits[0].project_id == "esf-kc2"
    assert "kooperativ regi" in hits[0].sentence
    assert hits[0].sentence in hits[0].chunk.text
    assert [h.rank for h in hits] == [0, 1, 2]


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_every_mode_returns_ranked_hits(fake_assistant: Assistant, mode: str) -> None:
    hits = fake_assistant.searcher.search("callcenter i Malaga", k=5, mode=mode)  # type: ignore[arg-type]
    assert hits and hits[0].project_id == "esf-resurscenter"
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_region_filter_keeps_only_that_region(fake_assistant: Assistant) -> None:
    hits = fake_assistant.searcher.search(
        "socialt företag", k=10, filters=Filters(region="småland")
    )
    assert hits and {h.project_id for h in hits} == {"esf-resurscenter"}


def test_municipality_owner_and_period_filters(fake_assistant: Assistant) -> None:
    search = fake_assistant.searcher.search
    assert {
        h.project_id
        for h in search("arbete", k=20, filters=Filters(municipality="Strömsunds kommun"))
    } == {"esf-kc2"}
    assert {h.project_id for h in search("arbete", k=20, filters=Filters(owner="vuxenskolan"))} == {
        "esf-kc2"
    }
    late = Filters(period_from=date(2011, 1, 1), period_to=date(2011, 12, 31))
    assert {h.project_id for h in search("arbete", k=20, filters=late)} == {"esf-kc2"}
    assert search("arbete", k=20, filters=Filters(region="Stockholm")) == []


def test_paging_continues_the_ranking(fake_assistant: Assistant) -> None:
    search = fake_assistant.searcher.search
    all_hits = search("projektet arbetsmarknaden", k=6)
    page2 = search("projektet arbetsmarknaden", k=3, offset=3)
    assert [h.chunk.id for h in page2] == [h.chunk.id for h in all_hits[3:6]]


def test_rrf_rewards_agreement() -> None:
    fused = _rrf([[(1, 0.9), (2, 0.8), (3, 0.7)], [(3, 9.0), (1, 5.0)]], k=60)
    assert [row for row, _ in fused][:2] == [1, 3]


def test_blend_rewards_query_terms_that_stand_next_to_each_other(
    fake_assistant: Assistant,
) -> None:
    searcher = fake_assistant.searcher
    with_bonus = searcher.search("kooperativ regi", k=3)
    searcher.settings = searcher.settings.model_copy(update={"phrase_weight": 0.0})
    without = searcher.search("kooperativ regi", k=3)
    assert "kooperativ regi" in with_bonus[0].chunk.text
    assert with_bonus[0].score == pytest.approx(without[0].score + 0.5)


def test_a_named_section_is_preferred(fake_assistant: Assistant) -> None:
    from assistant.search import Searcher

    question = "Vad är syftet med Resurscenter?"
    index, embedder = fake_assistant.index, fake_assistant.embedder
    plain = Searcher(
        index, embedder, settings=fake_assistant.settings.model_copy(update={"section_weight": 0})
    )
    before = [h.chunk.id for h in plain.search(question, k=40)]
    after = [h.chunk.id for h in fake_assistant.searcher.search(question, k=40)]
    moved = [c for c in before if ":purpose:" in c]
    assert moved and all(after.index(c) < before.index(c) for c in moved)
    assert [c for c in after if c not in moved] == [c for c in before if c not in moved]
