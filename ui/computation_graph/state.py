"""The computation-graph lab's session state: what the local-computation text needs to
know about the previous run."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.computation_graph.scalar_graph import InputEdit
from ui.common.state import session_object


@dataclass
class GraphLabState:
    last_values: dict[str, dict[str, float]] = field(default_factory=dict)  # per preset
    last_edit: InputEdit | None = None


def lab_state() -> GraphLabState:
    return session_object("_cg_state", GraphLabState)
