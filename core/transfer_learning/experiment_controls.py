"""The strategy experiment's controls, declared once (drawn by ``ui.common.controls``).

The guesses are controls too: a student's prediction per cell lives in the link, so a
shared link shows the same guesses before and after the reveal.
"""

from __future__ import annotations

from core.common.params import ChoiceParam, Control, IntParam
from core.transfer_learning.data_controls import data_controls
from core.transfer_learning.experiment import CELLS, STRATEGIES, ExperimentSettings
from core.transfer_learning.paired import KINDS

_X = "transfer_learning.experiment."
_DEFAULT = ExperimentSettings()
# the lab's loaded dataset (section ①), the drawn shapes, or a dataset of this side's own
SIDE_SOURCES = ("lab", "shapes", "own")
NO_GUESS = "none"

CLOSE = Control(
    "tl_x_close",
    ChoiceParam("lab", SIDE_SOURCES),
    _X + "close",
    help=_X + "close_help",
    widget="segmented",
    options_label=_X + "source.",
)
FAR = Control(
    "tl_x_far",
    ChoiceParam("shapes", SIDE_SOURCES),
    _X + "far",
    help=_X + "far_help",
    widget="segmented",
    options_label=_X + "source.",
)
# each side's own data picker (the lab's picker under another key prefix)
OWN_DATA = {side: data_controls(f"tl_x_{side}_data") for side in ("close", "far")}
SMALL = Control("tl_x_small", IntParam(_DEFAULT.small_per_class, 1, 20), _X + "small")
LARGE = Control("tl_x_large", IntParam(_DEFAULT.large_per_class, 2, 60), _X + "large")
SEEDS = Control("tl_x_seeds", IntParam(_DEFAULT.seeds, 1, 5), _X + "seeds", help=_X + "seeds_help")
STEPS = Control("tl_x_steps", IntParam(_DEFAULT.steps, 1, 60), _X + "steps", help=_X + "steps_help")
TEST = Control(
    "tl_x_test", IntParam(_DEFAULT.test_per_class, 2, 50), _X + "test", help=_X + "test_help"
)


def guess_key(size: str, similarity: str) -> str:
    return f"tl_x_guess_{size}_{similarity}"


GUESSES = {
    cell: Control(
        guess_key(*cell),
        ChoiceParam(NO_GUESS, (NO_GUESS, *STRATEGIES)),
        _X + "guess",
        widget="pills",
        options_label=_X + "strategy.",
    )
    for cell in CELLS
}
CELL = Control(
    "tl_x_cell",
    ChoiceParam("_".join(CELLS[0]), tuple("_".join(c) for c in CELLS)),
    _X + "look_at",
    widget="segmented",
    options_label=_X + "cell.",
)

PAIR_KIND = Control(
    "tl_x_pair",
    ChoiceParam("pretrained", KINDS),
    "transfer_learning.paired.kind",
    widget="segmented",
    options_label="transfer_learning.paired.kind.",
)
