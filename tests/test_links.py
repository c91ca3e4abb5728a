"""Links to a project's page, its sections and a highlighted span (assistant.links)."""

from __future__ import annotations

from assistant.links import anchor_id, parse_span, project_link


def test_project_link_and_span() -> None:
    link = project_link("esf-kc2", section_key="goals", highlight=(3, 9), lang="en")
    assert link == "?page=projekt&id=esf-kc2&sec=goals&hl=3-9&lang=en#section-goals"
    assert parse_span("3-9") == (3, 9)
    assert parse_span("9-3") is None and parse_span("x") is None


def test_anchor_ids_are_safe_for_urls_and_css() -> None:
    assert anchor_id("goals") == "section-goals"
    assert anchor_id("Mål & syfte") == "section-m-l-syfte"
    assert anchor_id("åäö") == "section-x"
