"""Plotly selections as Streamlit returns them (``st.plotly_chart(on_select="rerun")``).

A selected point carries the ``customdata`` its trace was given; the labs put one integer
there (a node, a channel). Anything else in the event is ignored, so a stale or malformed
event selects nothing instead of failing.
"""

from __future__ import annotations

from typing import Any


def selected_ids(event: Any, limit: int | None = None) -> list[int]:
    """The integer ``customdata`` of the selected points, in order, without repeats;
    only ids in ``range(limit)`` when ``limit`` is given."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError, IndexError):
        return []
    ids: list[int] = []
    for point in points if isinstance(points, list) else []:
        data = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(data, (list, tuple)):
            data = data[0] if data else None
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            continue
        value = int(data)
        if value == data and (limit is None or 0 <= value < limit) and value not in ids:
            ids.append(value)
    return ids
