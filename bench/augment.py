"""Bench of the augmentation lab: ``python -m bench.augment`` prints one JSON object.

Times, on the book's 1920x1080 cat, what the page does when a control moves (sample
the default 2x4 grid of 224 px crops, draw the boxes on the photo, compose the grid)
against torchvision's RandomResizedCrop alone making 8 crops; median of ``--runs``
interleaved runs. The display copy of the photo and the 5,000-draw histograms are
cached per photo / per setting by the page, so they are reported separately.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import torch
from torchvision import transforms as T

from core.augmentation import views as V
from core.augmentation.controls import COLS, ROWS
from core.augmentation.distributions import HISTOGRAM_DRAWS, box_statistics
from core.augmentation.pipeline import AugmentPipeline
from core.augmentation.sampling import sample_pipeline
from core.common.images import load_image
from core.common.theme import NORMAL

ROOT = Path(__file__).resolve().parent.parent
BOOK_CAT = ROOT.parent / "shared" / "data" / "book-ch05" / "cat.jpg"
TARGET_MS = 100.0
TARGET_RATIO = 1.5


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--image", type=Path, default=BOOK_CAT)
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args(argv)
    if not args.image.is_file():
        print(json.dumps({"error": f"{args.image} not found"}))
        return 1

    image = load_image(args.image.read_bytes()).image  # the page's loader
    pipeline = AugmentPipeline()  # the page's defaults: 224x224, scale (0.1, 1), ratio (0.5, 2)
    rows, cols = ROWS.default, COLS.default
    n = rows * cols
    rrc = T.RandomResizedCrop(
        pipeline.size,
        scale=pipeline.scale,
        ratio=pipeline.ratio,
        interpolation=pipeline.interpolation_mode,
        antialias=True,
    )

    start = time.perf_counter()
    base = V.display_base(image)
    base_ms = _ms(start)

    ours, theirs = [], []
    for run in range(-3, args.runs):  # 3 warm-up runs, then interleaved measurements
        start = time.perf_counter()
        samples = sample_pipeline(image, pipeline, n, run % 1000)
        V.draw_crop_boxes(base, samples, NORMAL)
        V.render_grid(samples, rows, cols, NORMAL)
        lab_ms = _ms(start)
        torch.manual_seed(run % 1000)
        start = time.perf_counter()
        for _ in range(n):
            rrc(image)
        tv_ms = _ms(start)
        if run >= 0:
            ours.append(lab_ms)
            theirs.append(tv_ms)

    start = time.perf_counter()
    box_statistics(image.height, image.width, pipeline.scale, pipeline.ratio, HISTOGRAM_DRAWS, 0)
    hist_ms = _ms(start)

    lab, tv = statistics.median(ours), statistics.median(theirs)
    result = {
        "bench": "augment",
        "image": f"{args.image.name} {image.width}x{image.height}",
        "crops": n,
        "size": list(pipeline.size),
        "runs": args.runs,
        "lab_sample_and_render_ms": round(lab, 2),
        "torchvision_rrc_8_crops_ms": round(tv, 2),
        "ratio": round(lab / tv, 3),
        "display_copy_once_per_photo_ms": round(base_ms, 2),
        "histogram_draws": HISTOGRAM_DRAWS,
        "histogram_draws_once_per_setting_ms": round(hist_ms, 1),
        "targets": {"lab_ms_max": TARGET_MS, "ratio_max": TARGET_RATIO},
        "meets_targets": lab <= TARGET_MS and lab / tv <= TARGET_RATIO,
        "threads": torch.get_num_threads(),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
