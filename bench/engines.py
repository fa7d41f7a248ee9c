"""Bench: the frozen part's engines side by side on the book's images.

    python -m bench.engines [--data DIR] [--res 160] [--engines eager,compile,onnxruntime,
        openvino,onnxruntime_int8] [--repeat 3]

The same frozen backbone (every group but the classifier: head-only training's frozen
part) on the same preprocessed images (the book's train + test splits, decoded as the lab
decodes them), through PyTorch eager (``channels_last``, today's path), ``torch.compile``,
ONNX Runtime, OpenVINO and ONNX Runtime int8. Every engine runs batches of
``FEATURE_BATCH`` on the lab's workers (``frozen_pass.ordered_parallel``: two workers, one
thread each), on the CPU; eager also on the chosen device when it is a GPU. Each engine's
features are compared with eager's: max absolute difference, mean cosine similarity and
top-1 agreement of the ImageNet classifier applied to both. Speed: the median of
``--repeat`` passes, as seconds and GFLOP/s (forward FLOPs counted by
``torch.utils.flop_counter``) against a matmul peak measured with the same workers.
Export, compile and quantisation costs are reported apart. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import torch
from torch.nn import functional as F
from torch.utils.flop_counter import FlopCounterMode

from bench.harness import machine_facts
from core.common import backbones
from core.common.backbones import eval_pixels, normalize
from core.common.device import chosen_device, device_choice, device_label, synchronize
from core.transfer_learning import engines as E
from core.transfer_learning.datasets import decode_side
from core.transfer_learning.frozen_pass import (
    FEATURE_BATCH,
    WORKERS,
    ordered_parallel,
    pixel_tensor,
)
from core.transfer_learning.image_folder import load_image_folder

ALL = ("eager", "compile", E.ONNXRUNTIME, E.OPENVINO, E.INT8)


def timed_pass(engine, inputs: torch.Tensor, repeat: int) -> tuple[float, torch.Tensor]:
    """Median seconds of ``repeat`` passes over ``inputs`` (batches on the workers) and
    the output of the last."""
    slices = [slice(i, i + FEATURE_BATCH) for i in range(0, len(inputs), FEATURE_BATCH)]
    times, out = [], None
    for _ in range(repeat):
        jobs = [(lambda s=s: engine(inputs[s])) for s in slices]
        t = time.perf_counter()
        out = torch.cat(list(ordered_parallel(jobs)))
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def matmul_peak_gflops(n: int = 1024, rounds: int = 3) -> float:
    """float32 matmul GFLOP/s with the workers' layout (each one thread, side by side)."""
    a = torch.randn(n, n)
    jobs = [(lambda: torch.mm(a, a))] * (WORKERS * 4)
    list(ordered_parallel(jobs))
    best = 0.0
    for _ in range(rounds):
        t = time.perf_counter()
        list(ordered_parallel(jobs))
        best = max(best, 2 * n**3 * len(jobs) / (time.perf_counter() - t) / 1e9)
    return best


def forward_flops(part: torch.nn.Module, res: int) -> int:
    counter = FlopCounterMode(display=False)
    with counter, torch.inference_mode():
        part(torch.zeros(1, 3, res, res))
    return counter.get_total_flops()


def compare(features: torch.Tensor, eager: torch.Tensor, classifier) -> dict:
    with torch.inference_mode():
        agree = (classifier(features).argmax(1) == classifier(eager).argmax(1)).float().mean()
    return {
        "max_abs_diff": float((features - eager).abs().max()),
        "mean_cosine": round(float(F.cosine_similarity(features, eager).mean()), 6),
        "top1_agreement": round(float(agree), 4),
    }


def _load_inputs(data: Path, spec, res: int) -> torch.Tensor:
    side = decode_side(res)
    images = []
    for split in ("train", "test"):
        images += list(load_image_folder(data / split, short_side=side).images)
    return normalize(pixel_tensor([eval_pixels(img, spec, res) for img in images]), spec)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/book-ch05/catanddog"))
    parser.add_argument("--res", type=int, default=160)
    parser.add_argument("--backbone", default=backbones.DEFAULT_BACKBONE)
    parser.add_argument("--engines", default=",".join(ALL))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    wanted = [e for e in args.engines.split(",") if e]
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    load_before = os.getloadavg()

    spec = backbones.get_spec(args.backbone)
    model = backbones.build_model(args.backbone).requires_grad_(False).eval()
    stage_list = backbones.stages(model, spec)
    boundary = len(stage_list) - 1  # head-only: everything but the classifier is frozen
    classifier = stage_list[-1].module
    inputs = _load_inputs(args.data, spec, args.res)
    flops = forward_flops(E.FrozenPart(stage_list, 0, boundary).eval(), args.res)
    peak = matmul_peak_gflops()

    results: dict[str, dict] = {}
    eager_run = E.eager_engine(stage_list, 0, boundary)
    timed_pass(eager_run, inputs[: FEATURE_BATCH * WORKERS], 1)  # warm-up
    seconds, eager = timed_pass(eager_run, inputs, args.repeat)
    results["eager"] = {"seconds": seconds, "setup_seconds": 0.0}

    def add(name: str, build) -> None:
        try:
            t = time.perf_counter()
            engine = build()
            engine(inputs[:FEATURE_BATCH])  # the first call compiles or plans
            setup = time.perf_counter() - t
            secs, out = timed_pass(engine, inputs, args.repeat)
            results[name] = {"seconds": secs, "setup_seconds": setup} | compare(
                out, eager, classifier
            )
        except Exception as err:  # an engine that fails here is a result, not a crash
            results[name] = {"error": f"{type(err).__name__}: {err}"[:300]}

    onnx_path: list[Path] = []

    def exported() -> Path:
        if not onnx_path:
            t = time.perf_counter()
            onnx_path.append(E.export_onnx(args.backbone, stage_list, boundary))
            results["_export_seconds"] = round(time.perf_counter() - t, 2)
        return onnx_path[0]

    if "compile" in wanted:
        part = E.FrozenPart(stage_list, 0, boundary).eval()
        compiled = torch.compile(part, dynamic=False)

        def compiled_run(x):
            with torch.inference_mode():
                return compiled(E._channels_last(x)).clone()

        add("compile", lambda: compiled_run)
    if E.ONNXRUNTIME in wanted:
        add(E.ONNXRUNTIME, lambda: E.onnxruntime_engine(exported()))
    if E.OPENVINO in wanted:
        add(E.OPENVINO, lambda: E.openvino_engine(exported(), args.res, WORKERS))
    if E.INT8 in wanted:
        calibration = inputs[
            torch.randperm(len(inputs), generator=torch.Generator().manual_seed(0))[:64]
        ]
        add(E.INT8, lambda: E.onnxruntime_engine(E.quantize_int8(exported(), calibration)))

    device = chosen_device()
    gpu = {}
    if device.type != "cpu":  # eager on the GPU too (the engines above are CPU builds)
        gpu_stages = backbones.stages(
            backbones.build_model(args.backbone).requires_grad_(False).eval().to(device), spec
        )
        run = E.eager_engine(gpu_stages, 0, boundary)
        run(inputs[:FEATURE_BATCH])
        synchronize(device)
        secs, out = timed_pass(run, inputs, args.repeat)
        gpu = {"seconds": secs} | compare(out, eager, classifier)

    export_s = results.pop("_export_seconds", None)
    n = len(inputs)
    for r in results.values():
        if "seconds" in r:
            r["gflops_per_s"] = round(flops * n / r["seconds"] / 1e9, 1)
            r["speedup_vs_eager"] = round(results["eager"]["seconds"] / r["seconds"], 3)
            r["keeps_accuracy"] = r.get("top1_agreement", 1) >= 0.99
            r["seconds"] = round(r["seconds"], 3)
            r["setup_seconds"] = round(r["setup_seconds"], 2)
    keeps = [k for k, r in results.items() if "seconds" in r and r.get("top1_agreement", 1) >= 0.99]
    fastest = min(keeps, key=lambda k: results[k]["seconds"])  # among those that keep accuracy
    result = {
        "backbone": args.backbone,
        "res": args.res,
        "images": n,
        "boundary": boundary,
        "gflop_per_image": round(flops / 1e9, 4),
        "matmul_peak_gflops_per_s": round(peak, 1),
        "workers_x_threads": [WORKERS, 1],
        "batch": FEATURE_BATCH,
        "engines": results,
        "onnx_export_seconds": export_s,
        "fastest": fastest,
        "device": device_choice().name,
        "device_label": device_label(device_choice().name),
        "eager_on_device": gpu or None,
        **machine_facts(load_before),
        "torch": torch.__version__,
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
