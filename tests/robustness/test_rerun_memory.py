"""200 reruns of each lab in one session, each changing a control, keep the process's
resident memory within a stated bound: nothing a rerun makes piles up (figures, hooks,
cached intermediates, session state)."""

from __future__ import annotations

import gc

import pytest

from bench.harness import make_app
from bench.memory import rss_mb
from ui.common.frame import after_run

RERUNS = 200
WARM_UP = 20  # reruns before the baseline: caches fill, lazy imports happen
GROWTH_BOUND_MB = 25.0

CHANGES = {  # lab -> (widget kind, key, the values a student steps through)
    "augmentation": ("number_input", "aug_seed", range(RERUNS)),
    "transfer_learning": ("slider", "tl_epochs", [3, 5, 8, 10, 15]),
    "computation_graph": ("number_input", "cg_x", [0.5, 1.0, -2.0, 3.5]),
    "feature_maps": ("selectbox", "fm_layer", None),  # every layer the box offers
    "gcn": ("segmented_control", "gcn_step", None),  # every step
}


def _values(at, kind: str, key: str, values):
    if values is not None:
        return list(values)
    return list(getattr(at, kind)(key=key).options)


@pytest.mark.parametrize("lab", CHANGES)
def test_reruns_keep_memory_bounded(lab):
    kind, key, values = CHANGES[lab]
    at = make_app(f"pages/{lab}.py")
    at.run()
    options = _values(at, kind, key, values)
    baseline = None
    for i in range(RERUNS):
        getattr(at, kind)(key=key).set_value(options[i % len(options)])
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        after_run()  # what streamlit_app.py does after every page run
        if i == WARM_UP - 1:
            gc.collect()
            baseline = rss_mb()
    growth = rss_mb() - baseline
    print(f"{lab}: RSS grew {growth:.1f} MB over {RERUNS - WARM_UP} reruns")
    assert growth <= GROWTH_BOUND_MB, f"{lab}: {growth:.1f} MB"
