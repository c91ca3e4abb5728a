"""The search page's own logic (assistant.ui.search): the period filter and the 'All' choice."""

from __future__ import annotations

from datetime import date

from assistant.ui.search import ALL, all_labeller, period_range


def test_a_year_range_filters_only_when_narrowed() -> None:
    assert period_range((2008, 2014), (2008, 2014)) is None
    assert period_range(None, (2008, 2014)) is None
    assert period_range((2008, 2014), (2010, 2012)) == (date(2010, 1, 1), date(2012, 12, 31))


def test_no_filter_is_shown_as_all_in_the_language() -> None:
    assert all_labeller("sv")(ALL) == "Alla" and all_labeller("en")(ALL) == "All"
    assert all_labeller("en")("Norra Mellansverige") == "Norra Mellansverige"
