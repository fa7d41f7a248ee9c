"""The GCN lab's control declarations: keys, defaults and the values that depend on them."""

from core.common.params import Control, parse_or_default
from core.gcn import controls as C
from core.gcn import graph as g
from core.gcn.convolution import STEPS


def test_every_control_has_the_labs_prefix_and_a_valid_default():
    controls = [v for v in vars(C).values() if isinstance(v, Control)]
    assert len({c.key for c in controls}) == len(controls) >= 14
    for c in controls:
        assert c.key.startswith("gcn_")
        assert parse_or_default(c.param, c.param.format(c.default)) == (c.default, True)


def test_the_preset_decides_the_direction_by_default():
    assert C.directed_control("citation").default is True
    assert C.directed_control("ethanol").default is False
    assert C.directed_control("citation").key == C.DIRECTED.key


def test_step_and_node_ranges():
    assert C.STEP.param.options == STEPS and C.STEP.default == "A"
    assert C.NODE.param.high == g.MAX_NODES - 1
    assert g.preset_graph("path", C.SIZE.param.high).n == g.MAX_SIZE


def test_the_shuffle_wraps_within_the_seed_range():
    assert C.next_seed(1) == 2
    assert C.next_seed(C.PERM_SEED.param.high) == 0


def test_every_label_help_and_option_is_translated():
    from core.common import i18n

    keys = []
    for c in (v for v in vars(C).values() if isinstance(v, Control)):
        keys += [c.label] + ([c.help] if c.help else [])
        if c.options_label:
            keys += [f"{c.options_label}{o}" for o in c.param.options]
    missing = [k for k in keys if set(i18n.TABLE.get(k, {})) < {"ko", "en"}]
    assert missing == []
