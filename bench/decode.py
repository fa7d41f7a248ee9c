"""Bench: decoding the book's JPEGs at the size a run needs against a full-size decode.

    python -m bench.decode [--data DIR] [--res 160] [--repeat 3]

Every image file under DIR (the book's 483) through the lab's loader
(``datasets.decode_image``) and the network's resize + crop (``eval_pixels``): once with
today's size (shorter side 256, what 224 px needs) and once with ``decode_side(res)``.
Times are the median of ``--repeat`` passes in one thread, as process CPU seconds (a busy
shared machine inflates wall time, much less CPU time) and wall seconds. The pixels are
compared with a full decode + the same resize: mean absolute difference in grey levels.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

import torch
from PIL import Image, ImageOps

from core.common import backbones
from core.common.images import to_rgb
from core.transfer_learning import datasets as ds

EXTENSIONS = {".jpg", ".jpeg", ".png", ".bmp"}


def _pass(blobs: list[bytes], spec, res: int, side: int) -> tuple[float, float, torch.Tensor]:
    c, t = time.thread_time(), time.perf_counter()
    pixels = torch.stack(
        [backbones.eval_pixels(ds.decode_image(b, side), spec, res) for b in blobs]
    )
    return time.thread_time() - c, time.perf_counter() - t, pixels


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/book-ch05/catanddog"))
    parser.add_argument("--res", type=int, default=160)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    spec = backbones.get_spec(backbones.DEFAULT_BACKBONE)
    files = sorted(p for p in args.data.rglob("*") if p.suffix.lower() in EXTENSIONS)
    blobs = [p.read_bytes() for p in files]
    load_before = os.getloadavg()
    sides = {"full": ds.MAX_SHORT_SIDE, "at_size": ds.decode_side(args.res)}
    timings: dict[str, dict] = {}
    pixels = {}
    for _ in range(args.repeat):  # interleaved: both see the same moments of load
        for name, side in sides.items():
            cpu, wall, pixels[name] = _pass(blobs, spec, args.res, side)
            timings.setdefault(name, {"cpu": [], "wall": []})
            timings[name]["cpu"].append(cpu)
            timings[name]["wall"].append(wall)
    reference = torch.stack(
        [
            backbones.eval_pixels(
                to_rgb(ImageOps.exif_transpose(Image.open(io.BytesIO(b)))), spec, args.res
            )
            for b in blobs
        ]
    ).float()
    result = {"images": len(blobs), "res": args.res, "short_side": sides}
    for name in sides:
        diff = (pixels[name].float() - reference).abs()
        result[name] = {
            "cpu_seconds": round(statistics.median(timings[name]["cpu"]), 3),
            "wall_seconds": round(statistics.median(timings[name]["wall"]), 3),
            "mean_abs_diff_vs_full_decode": round(float(diff.mean()), 3),
            "worst_image_mean_abs_diff": round(float(diff.mean((1, 2, 3)).max()), 3),
        }
    result["cpu_ratio_at_size_over_full"] = round(
        result["at_size"]["cpu_seconds"] / result["full"]["cpu_seconds"], 3
    )
    result["loadavg_before_after"] = [round(load_before[0], 2), round(os.getloadavg()[0], 2)]
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
