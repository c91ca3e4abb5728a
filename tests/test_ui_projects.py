"""The projects page's own logic (assistant.ui.projects): room for a chart's axes."""

from __future__ import annotations

import altair as alt
import pandas as pd

from assistant.ui.projects import CHART_AXIS_PX, chart_height


def test_a_fixed_height_chart_gets_room_for_its_axes() -> None:
    data = pd.DataFrame({"x": [1, 2], "y": ["a", "b"]})
    fixed = alt.Chart(data).mark_bar().encode(x="x", y="y").properties(height=120)
    assert chart_height(fixed) == 120 + CHART_AXIS_PX
    assert chart_height(alt.Chart(data).mark_bar().encode(x="x", y="y")) is None
