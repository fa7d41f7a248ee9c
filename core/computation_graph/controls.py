"""The computation-graph lab's controls, declared once: key (also the link's parameter),
range or options, label. ``ui.common.controls.control`` draws each one."""

from __future__ import annotations

from core.common.params import BoolParam, ChoiceParam, Control, FloatParam
from core.computation_graph.network_graph import MODES, NETWORKS
from core.computation_graph.scalar_graph import DEFAULT_PRESET, PRESET_NAMES, PRESETS, Preset

INPUT_LOW, INPUT_HIGH = -10.0, 10.0
ALL_INPUT_NAMES = tuple(dict.fromkeys(n for p in PRESETS.values() for n in p.input_names))

PRESET = Control(
    "cg_preset",
    ChoiceParam(DEFAULT_PRESET, PRESET_NAMES),
    "computation_graph.preset",
    widget="segmented",
    options_label="computation_graph.preset.",
)
# which input changes (local computation); the preset's own inputs are allowed
CHANGE = Control(
    "cg_change",
    ChoiceParam("Z", ALL_INPUT_NAMES),
    "computation_graph.change_label",
    help="computation_graph.change_help",
)
# where the chain-rule path starts; the preset's inputs that require grad are allowed
PATH = Control("cg_path", ChoiceParam("X", ALL_INPUT_NAMES), "computation_graph.path_label")
BACKWARD = Control(
    "cg_backward",
    BoolParam(True),
    "computation_graph.backward_toggle",
    help="computation_graph.backward_help",
)
# clone/detach table: does the source require grad?
SOURCE_GRAD = Control("cg_source_grad", BoolParam(True), "computation_graph.source_grad")
NETWORK = Control(
    "cg_net",
    ChoiceParam("small_cnn", NETWORKS),
    "computation_graph.net_label",
    widget="segmented",
    options_label="computation_graph.net.",
)
NET_MODE = Control(
    "cg_net_mode",
    ChoiceParam("feature_extraction", MODES),
    "computation_graph.mode_label",
    widget="segmented",
    options_label="computation_graph.mode.",
)


def input_controls(preset: Preset) -> tuple[Control, ...]:
    """A number box per input of ``preset`` (key ``cg_<preset>_<name>``, or the notes'
    ``cg_x``); a constant says so in its help."""
    return tuple(
        Control(
            i.key,
            FloatParam(i.default, INPUT_LOW, INPUT_HIGH),
            "computation_graph.constant_input",
            help=None if i.requires_grad else "computation_graph.constant_help",
            widget="number",
            step=0.5,
        )
        for i in preset.inputs
    )


INPUTS = {name: input_controls(preset) for name, preset in PRESETS.items()}

DETACH_MISTAKE = Control("cg_detach_mistake", BoolParam(False), "computation_graph.mistakes.toggle")
