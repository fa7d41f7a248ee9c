"""Bench: the memory of the whole app, every lab driven in ONE process.

    python -m bench.memory [--rounds 2] [--trace] [--only transfer,gcn]

Imports the stack (streamlit, torch, torchvision, timm, plotly, networkx, numpy, PIL) and
records the resident set size (``rss_import_mb``); then drives every page through
Streamlit's AppTest (``bench.harness.make_app``: in-process, sharing ``st.cache_resource``
and ``st.cache_data`` across sessions exactly as a server's sessions do) while a thread
samples the RSS from ``/proc/self/statm`` every 10 ms (``rss_peak_mb``; ``ru_maxrss_mb``
is the kernel's own high-water mark, import included).

One round of the drive: the chapter map; the augmentation lab with every extra transform,
a 4x8 grid and another photo; the computation-graph lab's networks in every mode; three
feature-map sessions (ImageNet weights, ImageNet vs random weights, another photo;
maps, filters and Grad-CAM each); two transfer-lab sessions, one training a head-only run
on the offline shapes to completion (its live panel ticked one ``run()`` at a time), the
other switching to the fine-tune-everything preset (its speed probe); the trainer's
fine-tuned model in the feature-map lab; the GCN lab's steps, presets and karate-club
training. Each round opens new sessions and every session stays open to the end, as
students' tabs do: ``rounds[i].peak_growth_mb`` is what round i added to the peak.

``model_loads`` counts ImageNet weight loads (``core.common.backbones.build_model`` with
``pretrained=True``, wrapped in place): one per model per process, however many sessions.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MB = 2**20


def rss_mb() -> float:
    """The resident set size now (``/proc/self/statm``, second field, in pages)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE_SIZE / MB


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


class RssSampler(threading.Thread):
    """Samples the RSS every ``period`` seconds; ``peak`` overall and per ``mark()``."""

    def __init__(self, period: float = 0.01) -> None:
        super().__init__(daemon=True)
        self.period = period
        self.peak = 0.0
        self.step_peak = 0.0
        self.samples = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.observe()
            time.sleep(self.period)

    def observe(self) -> float:
        now = rss_mb()
        self.peak = max(self.peak, now)
        self.step_peak = max(self.step_peak, now)
        self.samples += 1
        return now

    def mark(self) -> float:
        """End a step: its peak (the sampled peak since the last mark), then start anew."""
        self.observe()
        peak, self.step_peak = self.step_peak, 0.0
        return peak

    def stop(self) -> None:
        self._halt.set()
        self.join()


class ModelLoads:
    """Counts ``core.common.backbones.build_model`` calls by (name, pretrained), wrapping it
    in place.

    ``ui.common.models`` and ``core.computation_graph.network_graph`` call it as
    ``backbones.build_model``, so a wrapper on the module attribute sees every call the app
    makes.
    """

    def __init__(self, backbones) -> None:
        self.calls: Counter = Counter()
        original = backbones.build_model

        def counted(name, pretrained=True, *args, **kwargs):
            self.calls[(name, bool(pretrained))] += 1
            return original(name, pretrained, *args, **kwargs)

        backbones.build_model = counted

    def pretrained(self) -> dict[str, int]:
        return {name: n for (name, pre), n in sorted(self.calls.items()) if pre}

    def random(self) -> dict[str, int]:
        return {name: n for (name, pre), n in sorted(self.calls.items()) if not pre}


def _ok(at, where: str) -> None:
    if at.exception:
        raise SystemExit(f"{where}: {[e.value for e in at.exception]}")


TRACE: list = []  # (where, RSS after, peak so far in its step) of every script run, for --trace
SAMPLER: RssSampler | None = None


def _run(at, where: str):
    from ui.common.frame import after_run

    at.run()
    after_run()  # what streamlit_app.py does after every page run (AppTest runs the page alone)
    _ok(at, where)
    if SAMPLER:
        SAMPLER.observe()
        TRACE.append((where, round(rss_mb(), 1), round(SAMPLER.step_peak, 1)))
    return at


# ---------------------------------------------------------------- the drive, one lab per step


def home(make_app, sessions: list) -> None:
    sessions.append(_run(make_app("pages/home.py"), "home"))


def augmentation(make_app, sessions: list) -> None:
    from core.augmentation.extras import EXTRAS

    at = _run(make_app("pages/augmentation.py"), "augmentation")
    sessions.append(at)
    for spec in EXTRAS.values():
        at.toggle(key=spec.toggle.key).set_value(True)
    _run(at, "augmentation extras")
    at.slider(key="aug_scale").set_value((0.3, 0.9))
    at.number_input(key="aug_seed").set_value(7)
    at.slider(key="aug_rows").set_value(4)
    at.slider(key="aug_cols").set_value(8)
    _run(at, "augmentation 4x8 grid")
    at.session_state["aug_image_sample"] = "astronaut"
    _run(at, "augmentation another photo")


def computation_graph(make_app, sessions: list) -> None:
    at = _run(make_app("pages/computation_graph.py"), "computation graph")
    sessions.append(at)
    for net in ("small_cnn", "efficientnet_lite0"):
        for mode in ("full", "fine_tune", "feature_extraction"):
            at.session_state["cg_net"] = net
            at.session_state["cg_net_mode"] = mode
            _run(at, f"computation graph {net} {mode}")


def feature_maps(make_app, sessions: list, n: int = 3) -> None:
    """``n`` sessions: each draws maps, filters and Grad-CAM (every tab renders)."""
    from core.feature_maps.maps import MAX_MAPS

    settings = [
        dict(),
        dict(fm_weights="compare", fm_layer="blocks.3.0.conv_dw"),
        dict(fm_image_sample="coffee", fm_cam_class="281", fm_cam_layer="blocks.5"),
    ]
    for i in range(n):
        at = _run(
            make_app("pages/feature_maps.py", **settings[i % len(settings)]),
            f"feature maps session {i + 1}",
        )
        sessions.append(at)
    at = sessions[-n]
    at.slider(key="fm_topk").set_value(MAX_MAPS)
    _run(at, "feature maps: the most maps")
    at.session_state["fm_cam_class"] = 207
    _run(at, "feature maps Grad-CAM of a chosen class")


def transfer(make_app, sessions: list, max_ticks: int) -> dict:
    """Two sessions; the first trains a head-only run on the shapes to completion."""
    trainer = _run(make_app("pages/transfer_learning.py"), "transfer session 1")
    other = _run(
        make_app("pages/transfer_learning.py", tl_preset="last_block"), "transfer session 2"
    )
    sessions += [trainer, other]
    trainer.button(key="tl_start").click()
    _run(trainer, "transfer start")
    ticks = 0
    while not trainer.session_state["tl_state"].training.run.finished:
        if ticks >= max_ticks:
            raise SystemExit(f"the training did not finish in {max_ticks} ticks")
        _run(trainer, "transfer tick")  # one tick of the live panel per run
        ticks += 1
    _run(trainer, "transfer results")
    run = trainer.session_state["tl_state"].training.run
    if run.status != "done":
        raise SystemExit(f"training ended with {run.status}")
    other.radio(key="tl_preset").set_value("all")
    _run(other, "transfer session 2 preset")
    return {
        "status": run.status,
        "epochs": run.epochs_done,
        "ticks": ticks,
        "preset": run.settings.preset,
        "resolution": run.settings.resolution,
    }


def feature_maps_finetuned(sessions: list) -> None:
    """The trainer's session opens the feature-map lab on its fine-tuned model."""
    from core.feature_maps.controls import FINETUNED_PREFIX
    from ui.common.handover import FINETUNED_KEY

    trainer = sessions[-2]
    label = next(iter(trainer.session_state[FINETUNED_KEY]))
    trainer.switch_page("pages/feature_maps.py")
    trainer.session_state["fm_model"] = FINETUNED_PREFIX + label
    trainer.session_state["fm_weights"] = "compare"
    _run(trainer, "feature maps of the fine-tuned model")


def gcn(make_app, sessions: list, max_ticks: int) -> int:
    from core.gcn import graph as g
    from core.gcn.convolution import STEPS

    at = _run(make_app("pages/gcn.py"), "gcn")
    sessions.append(at)
    for step in STEPS:
        at.session_state["gcn_step"] = step
        _run(at, f"gcn step {step}")
    for preset in g.PRESETS:
        at.session_state["gcn_preset"] = preset
        _run(at, f"gcn preset {preset}")
    at.session_state["gcn_view"] = "karate"
    _run(at, "gcn karate")
    at.button(key="gcn_train").click()
    _run(at, "gcn karate start")
    ticks = 0
    while not at.session_state["_gcn_state"].karate.done:
        if ticks >= max_ticks:
            raise SystemExit("the karate training did not finish")
        _run(at, "gcn karate tick")
        ticks += 1
    return ticks


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ticks", type=int, default=400, help="most live-panel ticks allowed")
    parser.add_argument("--feature-sessions", type=int, default=3)
    parser.add_argument("--trace", action="store_true", help="the RSS after every script run")
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="drive everything this many times, new sessions each time, "
        "all kept open (the second round shows the cost per session)",
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated steps (diagnosis): home, "
        "augmentation, computation_graph, feature_maps, transfer, "
        "feature_maps_finetuned (needs transfer), gcn",
    )
    args = parser.parse_args(argv)

    global SAMPLER
    sampler = SAMPLER = RssSampler()
    sampler.start()
    rss_start = rss_mb()
    t0 = time.perf_counter()
    import networkx  # noqa: F401
    import numpy  # noqa: F401
    import PIL.Image  # noqa: F401
    import plotly.graph_objects  # noqa: F401
    import streamlit  # noqa: F401
    import timm  # noqa: F401
    import torch  # noqa: F401
    import torchvision  # noqa: F401
    from streamlit.testing.v1 import AppTest  # noqa: F401

    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from bench.harness import make_app  # an AppTest that behaves like a warm server
    from core.common import backbones

    gc.collect()
    rss_import = rss_mb()
    seconds_import = time.perf_counter() - t0
    # Streamlit's own lazy imports (st.table, st.dataframe, st.data_editor, pandas Styler):
    # not in the stack above, paid by the first page that shows a table.
    import jinja2  # noqa: F401
    import pandas.io.formats.style  # noqa: F401
    import pyarrow  # noqa: F401

    rss_lazy = rss_mb()
    sampler.mark()
    loads = ModelLoads(backbones)

    sessions: list = []
    steps: dict[str, dict] = {}
    extra: dict = {}

    def step(name: str, fn, *fn_args):
        t = time.perf_counter()
        out = fn(*fn_args)
        peak = sampler.mark()
        steps[name] = {
            "rss_after_mb": round(rss_mb(), 1),
            "rss_peak_mb": round(peak, 1),
            "seconds": round(time.perf_counter() - t, 1),
        }
        return out

    plan = [
        ("home", home, (make_app, sessions)),
        ("augmentation", augmentation, (make_app, sessions)),
        ("computation_graph", computation_graph, (make_app, sessions)),
        ("feature_maps", feature_maps, (make_app, sessions, args.feature_sessions)),
        ("transfer", transfer, (make_app, sessions, args.ticks)),
        ("feature_maps_finetuned", feature_maps_finetuned, (sessions,)),
        ("gcn", gcn, (make_app, sessions, args.ticks)),
    ]
    only = set(args.only.split(",")) if args.only else None
    rounds = []
    for r in range(args.rounds):
        start = sampler.peak
        for name, fn, fn_args in plan:
            if only is None or name in only:
                extra[name] = step(name if r == 0 else f"{name}.round{r + 1}", fn, *fn_args)
        rounds.append(
            {"rss_after_mb": round(rss_mb(), 1), "peak_growth_mb": round(sampler.peak - start, 1)}
        )
    gc.collect()
    rss_end = rss_mb()
    sampler.stop()

    from ui.transfer_learning.dataset_input import _memo
    from ui.transfer_learning.training import activation_cache

    result = {
        "rss_start_mb": round(rss_start, 1),
        "rss_import_mb": round(rss_import, 1),
        "rss_with_streamlit_lazy_imports_mb": round(rss_lazy, 1),
        "rss_peak_mb": round(sampler.peak, 1),
        "peak_minus_import_mb": round(sampler.peak - rss_import, 1),
        "target_mb": 400,
        "meets_target": sampler.peak - rss_import <= 400,
        "rss_end_mb": round(rss_end, 1),
        "ru_maxrss_mb": round(max_rss_mb(), 1),
        "model_loads": sum(loads.pretrained().values()),
        "model_loads_by_name": loads.pretrained(),
        "random_weight_builds_by_name": loads.random(),
        "sessions": len(sessions),
        "rounds": rounds,
        "steps": steps,
        "training": extra.get("transfer"),
        "karate_ticks": extra.get("gcn"),
        "activation_cache_mb": round(activation_cache().used_bytes / MB, 1),
        "dataset_memo_mb": round(_memo().megabytes, 1),
        "seconds_import": round(seconds_import, 1),
        "seconds_total": round(time.perf_counter() - t0, 1),
        "rss_samples": sampler.samples,
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "torch_threads": torch.get_num_threads(),
    }
    if args.trace:
        result["trace"] = TRACE
    return result


if __name__ == "__main__":
    print(json.dumps(main()))
