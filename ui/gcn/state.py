"""The GCN lab's session state: one typed object behind one accessor.

Four parts: the graph being edited (with the revision the table editors were drawn at),
the step player's deadline, the karate club's training run and the graph classification.
Widget values (the controls, the tables' deltas, the drawing's selection) stay with their
widgets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from core.gcn.graph import Graph, Note
from core.gcn.karate_training import TrainingState
from core.gcn.molecules import GraphDataset
from ui.common.state import session_object


@dataclass
class EditorState:
    """The graph and what keeps its edits from being applied twice.

    A table editor's delta refers to the rows it was drawn with: it is applied only while
    ``revision`` (bumped by every change of the graph) still equals ``tables_revision``
    (the revision the editors were drawn at); a changed graph redraws them with fresh rows.
    """

    graph: Graph = field(default_factory=Graph)
    revision: int = 0
    tables_revision: int | None = None
    source: tuple | None = None  # (preset, size, hydrogens) loaded; None before the first run
    notes: list[Note] = field(default_factory=list)  # what the last edit repaired or refused
    last_selection: tuple[int, ...] | None = None  # the drawing's selection, applied once
    preset_graph: Graph | None = None  # the preset's own graph: the link stores the difference


@dataclass
class KarateRun:
    """One training of the karate club: the generator yields a state per epoch."""

    seed: int
    steps: Iterator[TrainingState]
    states: list[TrainingState]
    running: bool = False
    done: bool = False


@dataclass
class ClassifyRun:
    """One graph-classification training; ``training`` is a
    ``core.gcn.graph_training.GraphTraining`` (typed loosely: that module imports torch)."""

    key: tuple  # (data, readout, layers, seed, self-loops, normalisation)
    training: Any
    running: bool = False


@dataclass
class ClassifyState:
    run: ClassifyRun | None = None
    uploaded: GraphDataset | None = None
    upload_id: str | None = None  # the uploaded file's id, read once
    upload_error: tuple[str, dict] | None = None  # i18n key and parameters
    compared: dict = field(default_factory=dict)  # comparison key -> readout -> accuracies
    ablations: dict = field(default_factory=dict)  # settings key -> list of AblationRow
    leave_for_steps: bool = False  # Follow was pressed inside the live fragment


@dataclass
class GcnState:
    editor: EditorState = field(default_factory=EditorState)
    play_due: float | None = None  # while the step player plays: when the next step is due
    karate: KarateRun | None = None
    classify: ClassifyState = field(default_factory=ClassifyState)
    trained: Any = None  # core.gcn.graph_training.TrainedWeights the step view follows
    full_runs: int = 0  # counts the page's full runs: a fragment tells its own reruns apart
    source_seen: tuple | None = None  # the graph's source as the last full run drew it


def lab_state() -> GcnState:
    return session_object("_gcn_state", GcnState)
