"""The feature-map lab's session state: one typed object behind ``lab_state()``.

The lab's settings are controls bound to the link (``core.feature_maps.controls``). Two
more widgets are views rather than settings, so they stay out of the link: the layer group
(always the chosen layer's group) and the enlarged channel (picked by a click on a map).
Streamlit keeps a widget's value under its key, so this object reads and writes them there.
"""

from __future__ import annotations

from dataclasses import dataclass

from ui.common.state import session_object, set_widget_value, widget_value

FOCUS_KEY = "fm_focus"
GROUP_KEY = "fm_group"


@dataclass
class FeatureMapState:
    @property
    def focus(self) -> int | None:
        """The enlarged channel."""
        return widget_value(FOCUS_KEY)

    @focus.setter
    def focus(self, channel: int) -> None:
        set_widget_value(FOCUS_KEY, int(channel))

    @property
    def group(self) -> int | None:
        """The index of the layer group the layer picker shows."""
        return widget_value(GROUP_KEY)

    @group.setter
    def group(self, index: int) -> None:
        set_widget_value(GROUP_KEY, int(index))


def lab_state() -> FeatureMapState:
    return session_object("_fm_state", FeatureMapState)
