"""The GCN lab's controls, declared once: key (also the link's parameter), default, range or
options, label. ``ui.common.controls.control`` draws each one and binds it to the link."""

from __future__ import annotations

from dataclasses import replace

from core.common.params import BoolParam, ChoiceParam, Control, IntParam
from core.gcn import graph as g
from core.gcn.convolution import NORMALISATIONS, READOUTS, STEPS
from core.gcn.karate_training import DEFAULT_SEED as TRAIN_DEFAULT_SEED
from core.gcn.molecules import TASKS

VIEWS = ("steps", "permutation", "karate", "classify")
SEED_HIGH = 9999

# ---------------------------------------------------------------- the graph builder

PRESET = Control(
    "gcn_preset",
    ChoiceParam(g.DEFAULT_PRESET, g.PRESETS),
    "gcn.preset",
    options_label="gcn.preset.",
)
SIZE = Control(
    "gcn_size", IntParam(g.DEFAULT_SIZE, g.MIN_SIZE, g.MAX_SIZE), "gcn.size", widget="number"
)
HYDROGENS = Control("gcn_hydrogens", BoolParam(True), "gcn.hydrogens", help="gcn.hydrogens_help")
DIRECTED = Control("gcn_directed", BoolParam(False), "gcn.directed", help="gcn.directed_help")
BOND_WEIGHTS = Control(
    "gcn_bond_weights", BoolParam(False), "gcn.bond_weights", help="gcn.bond_weights_help"
)

# ---------------------------------------------------------------- the layer (steps and permutation)

VIEW = Control(
    "gcn_view",
    ChoiceParam("steps", VIEWS),
    "gcn.view",
    widget="segmented",
    options_label="gcn.view.",
)
# the followed node: the graph's nodes are allowed (``allowed=range(graph.n)``)
NODE = Control(
    "gcn_node",
    IntParam(0, 0, g.MAX_NODES - 1),
    "gcn.follow",
    help="gcn.follow_help",
    widget="select",
)
HIDDEN = Control(
    "gcn_hidden", IntParam(3, 1, 8), "gcn.hidden", help="gcn.hidden_help", widget="number"
)
SEED = Control(
    "gcn_seed", IntParam(0, 0, SEED_HIGH), "gcn.seed", help="gcn.seed_help", widget="number"
)
FEATURES = Control(
    "gcn_features",
    ChoiceParam("table", g.FEATURE_MODES),
    "gcn.features",
    help="gcn.features_help",
    options_label="gcn.features.",
)
READOUT = Control(
    "gcn_readout", ChoiceParam("mean", READOUTS), "gcn.readout", options_label="gcn.readout."
)
TWO_LAYERS = Control("gcn_layers", BoolParam(False), "gcn.two_layers", help="gcn.two_layers_help")
STEP = Control("gcn_step", ChoiceParam(STEPS[0], STEPS), "gcn.step", widget="segmented")
PERM_SEED = Control("gcn_perm_seed", IntParam(1, 0, SEED_HIGH), "gcn.perm.seed", widget="number")

# ---------------------------------------------------------------- the karate club

TRAIN_SEED = Control(
    "gcn_train_seed",
    IntParam(TRAIN_DEFAULT_SEED, 0, SEED_HIGH),
    "gcn.karate.seed",
    help="gcn.karate.seed_help",
    widget="number",
)

# ---------------------------------------------------------------- graph classification

CLS_DATA = Control(
    "gcn_cls_data",
    ChoiceParam("count", TASKS + ("upload",)),
    "gcn.cls.data",
    help="gcn.cls.data_help",
    options_label="gcn.cls.data.",
)
CLS_READOUT = Control(
    "gcn_cls_readout",
    ChoiceParam("sum", READOUTS),
    "gcn.readout",
    widget="segmented",
    options_label="gcn.readout.",
)
CLS_LAYERS = Control("gcn_cls_layers", IntParam(2, 1, 3), "gcn.cls.layers", widget="number")
CLS_SEED = Control(
    "gcn_cls_seed",
    IntParam(0, 0, SEED_HIGH),
    "gcn.cls.seed",
    help="gcn.cls.seed_help",
    widget="number",
)
CLS_LOOPS = Control("gcn_cls_loops", BoolParam(True), "gcn.cls.loops", help="gcn.cls.loops_help")
CLS_NORM = Control(
    "gcn_cls_norm",
    ChoiceParam("sym", NORMALISATIONS),
    "gcn.cls.norm",
    options_label="gcn.cls.norm.",
)
# the graph marked among the embeddings: the dataset's graphs are allowed
CLS_GRAPH = Control(
    "gcn_cls_graph",
    IntParam(0, 0, 4999),
    "gcn.cls.graph",
    help="gcn.cls.graph_help",
    widget="number",
)


def directed_control(preset: str) -> Control:
    """``DIRECTED`` with the preset's own direction as its default (a citation graph is
    directed)."""
    return replace(DIRECTED, param=BoolParam(preset in g.DIRECTED_PRESETS))


def next_seed(seed: int) -> int:
    """The permutation seed after ``seed`` (the shuffle button), wrapping within its range."""
    return (int(seed) + 1) % (PERM_SEED.param.high + 1)


MISTAKE = Control("gcn_mistake", BoolParam(False), "gcn.mistakes.toggle")
