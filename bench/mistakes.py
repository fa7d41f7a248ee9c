"""Benchmark of the common-mistake sections: the first (uncached) computation of each.

``python -m bench.mistakes`` prints one JSON object: seconds for each mistake beside its
correct twin, computed once from a cold start as the first visitor pays it (the app then
caches it for the whole process), with the torch thread count the app uses (at most 2).
"""

from __future__ import annotations

import json
import os
import sys
import time

import torch

from core.common import backbones
from core.common.samples import SAMPLE_IMAGES, load_sample
from core.computation_graph.mistakes import detach_run
from core.gcn.mistakes import depth_scales
from core.transfer_learning import mistakes as M
from core.transfer_learning.frozen_pass import ActivationCache

TARGET_S = 10.0  # each mistake, cold, on two cores


def _seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return round(time.perf_counter() - start, 2)


def main() -> dict:
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    name = backbones.DEFAULT_BACKBONE
    spec = backbones.get_spec(name)
    model = backbones.build_model(name).requires_grad_(False).eval()
    photos = {n: load_sample(n).image for n in SAMPLE_IMAGES}
    cache = ActivationCache()
    seconds = {"shapes_setup": 0.0}
    setup_start = time.perf_counter()
    setup = M.shapes_setup()
    seconds["shapes_setup"] = round(time.perf_counter() - setup_start, 2)
    seconds |= {
        "normalization": _seconds(lambda: M.normalization_mistake(model, spec, photos)),
        "train_mode": _seconds(lambda: M.train_mode_mistake(model, spec, photos)),
        "test_crops": _seconds(lambda: M.crop_mistake(model, spec, photos)),
        "freeze": _seconds(lambda: M.freeze_mistake(model, spec, setup)),
        "learning_rate": _seconds(lambda: M.learning_rate_mistake(model, spec, setup, cache)),
        "test_leak": _seconds(lambda: M.leak_mistake(model, spec, setup, cache)),
        "shuffled_labels": _seconds(lambda: M.shuffled_labels_mistake(model, spec, setup, cache)),
        "gcn_adjacency": _seconds(depth_scales),
        "cg_detach": _seconds(lambda: (detach_run(False), detach_run(True))),
    }
    result = {
        "threads": torch.get_num_threads(),
        "cpu_count": os.cpu_count(),
        "seconds": seconds,
        "target_s_each": TARGET_S,
        "meets_target": max(seconds.values()) <= TARGET_S,
        "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return result


if __name__ == "__main__":
    main()
