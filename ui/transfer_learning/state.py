"""The transfer-learning lab's session state: one typed object behind one accessor.

Two parts, each owned by its own UI module: the training part (model, runs, the live run)
for ui.transfer_learning.{model,training,results}, and the data part for
ui.transfer_learning.dataset_input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ui.common.state import session_object

# ---------------------------------------------------------------- training part


@dataclass
class TrainingPart:
    """The live run, the finished runs' summaries and the run counter."""

    run: Any = None  # the session's TrainingRun (at most one at a time)
    run_id: str = ""  # its place in the process-wide queue (RunSlots)
    answered: bool = False  # the page answered the Start click (that answer does no work)
    drawn: tuple = ()  # (run number, finished) as the last whole-page run drew the run
    queued: bool = False  # the run waits in line: its panel asks less often
    curves: tuple = ()  # (key, figure) of the live curves: built again when an epoch ends
    count: int = 0  # runs started in this session: #1, #2, ...
    runs: list = field(default_factory=list)  # RunSummary of every finished run


# ---------------------------------------------------------------- experiment part


@dataclass
class ExperimentPart:
    """The strategy experiment (ui.transfer_learning.experiment) and its paired runs."""

    experiment: Any = None  # the session's StrategyExperiment (or a finished shared one)
    key: tuple = ()  # its settings, for the process-wide results
    run_id: str = ""  # its places in the process-wide queue (RunSlots)
    from_cache: bool = False
    revealed: int = 0  # finished cells drawn by the last full run of the page
    sent_cells: set = field(default_factory=set)  # finished cells sent to a joined class room
    paired: Any = None  # the paired comparison (augmentation or pretrained weights)
    paired_id: str = ""  # its place in the queue


# ---------------------------------------------------------------- data part


@dataclass
class CameraShots:
    """The photos taken so far for one data picker, by class index."""

    shots: dict[int, list[bytes]] = field(default_factory=dict)
    last_file_id: str | None = None  # the camera's last photo, added once


@dataclass
class DataPart:
    """Per data picker (by its key prefix): the camera's photos."""

    cameras: dict[str, CameraShots] = field(default_factory=dict)

    def camera(self, prefix: str) -> CameraShots:
        return self.cameras.setdefault(prefix, CameraShots())


@dataclass
class TransferState:
    """Everything the lab keeps between reruns of one session."""

    # training part (fields are added here)
    training: TrainingPart = field(default_factory=TrainingPart)

    # data part (fields are added here)
    data: DataPart = field(default_factory=DataPart)

    experiment: ExperimentPart = field(default_factory=ExperimentPart)


def lab_state() -> TransferState:
    return session_object("tl_state", TransferState)
