"""Bench: the notes' strategy table tested (the transfer lab's strategy experiment).

    python -m bench.strategy --close DIR --far DIR|shapes [--small N --large N --seeds N]

``--close`` and ``--far`` are ImageFolder roots with ``train/`` and ``test/`` subfolders (or
any layout the lab's folder loader reads); ``--far shapes`` draws the lab's offline shapes.
Runs the default experiment through the lab's code (``core.transfer_learning.experiment``)
and prints one JSON object: ``seconds_total`` (loading both datasets, the shared frozen
pass and every run; not building the model, which the app does once per process) and
``cells``, one per (size, similarity), each with every strategy's ``acc_per_seed``,
``acc_mean``, ``acc_spread`` (standard deviation over seeds) and ``seconds`` (one run's
mean), and the cell's verdict against the notes' table.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import torch

from bench.harness import machine_facts
from core.common import backbones
from core.transfer_learning.experiment import (
    ExperimentSettings,
    StrategyExperiment,
    make_side,
    shapes_with_test,
)
from core.transfer_learning.frozen_pass import ActivationCache
from core.transfer_learning.image_folder import load_image_folder

DEFAULTS = ExperimentSettings()


def _load(source: str, settings: ExperimentSettings):
    if source == "shapes":
        return shapes_with_test(settings.large_per_class, settings.test_per_class)
    return load_image_folder(Path(source))


def _cell_json(cell) -> dict:
    v = cell.verdict
    return {
        "size": cell.size,
        "similarity": cell.similarity,
        "n_train": cell.n_train,
        "n_test": cell.n_test,
        "epochs": cell.epochs,
        "complete": cell.complete,
        "table_row": cell.row.number,
        "table_strategy": cell.row.preset,
        "winner": v.winner if v else None,
        "verdict": v.kind if v else None,
        "strategies": {
            name: {
                "acc_per_seed": [round(a, 4) for a in r.acc_per_seed],
                "acc_mean": round(r.acc_mean, 4),
                "acc_spread": round(r.acc_spread, 4),
                "seconds": round(r.seconds, 3),
                "trainable_groups": list(r.trainable),
            }
            for name, r in cell.strategies.items()
        },
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--close", default="../shared/data/book-ch05/catanddog")
    parser.add_argument("--far", default="shapes")
    parser.add_argument("--small", type=int, default=DEFAULTS.small_per_class)
    parser.add_argument("--large", type=int, default=DEFAULTS.large_per_class)
    parser.add_argument("--seeds", type=int, default=DEFAULTS.seeds)
    parser.add_argument("--steps", type=int, default=DEFAULTS.steps)
    parser.add_argument("--res", type=int, default=DEFAULTS.resolution)
    parser.add_argument("--batch", type=int, default=DEFAULTS.batch_size)
    parser.add_argument("--test-per-class", type=int, default=DEFAULTS.test_per_class)
    parser.add_argument("--workers", type=int, default=2, help="runs side by side (1 or 2)")
    args = parser.parse_args(argv)
    settings = ExperimentSettings(
        small_per_class=args.small,
        large_per_class=args.large,
        seeds=args.seeds,
        steps=args.steps,
        resolution=args.res,
        batch_size=args.batch,
        test_per_class=args.test_per_class,
    )
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))  # the app's setting
    load_before = os.getloadavg()

    t = time.perf_counter()
    spec = backbones.get_spec(settings.backbone)
    model = backbones.build_model(settings.backbone).requires_grad_(False).eval()
    stage_list = backbones.stages(model, spec)
    seconds_model = time.perf_counter() - t

    t0, c0 = time.perf_counter(), time.process_time()
    sides = {
        "close": make_side(_load(args.close, settings), "close", settings),
        "far": make_side(_load(args.far, settings), "far", settings),
    }
    seconds_load = time.perf_counter() - t0
    experiment = StrategyExperiment(stage_list, spec, sides, settings, ActivationCache())
    experiment.run_to_end(workers=args.workers)
    seconds_total = time.perf_counter() - t0
    cells = experiment.cells()
    result = {
        "close": args.close,
        "far": args.far,
        "status": experiment.status,
        "seconds_total": round(seconds_total, 2),
        "cpu_seconds_total": round(time.process_time() - c0, 2),
        "seconds_load": round(seconds_load, 2),
        "seconds_frozen_pass": round(experiment.seconds_features, 2),
        "seconds_model_build": round(seconds_model, 2),
        "settings": {
            "backbone": settings.backbone,
            "small_per_class": settings.small_per_class,
            "large_per_class": settings.large_per_class,
            "seeds": settings.seeds,
            "steps_per_run": settings.steps,
            "batch": settings.batch_size,
            "res": settings.resolution,
            "test_per_class": settings.test_per_class,
            "optimizer": settings.optimizer,
            "workers": args.workers,
        },
        "runs": len(experiment.trials),
        "agreements": sum(c.verdict is not None and c.verdict.kind == "agrees" for c in cells),
        "cells": [_cell_json(c) for c in cells],
        **machine_facts(load_before),
        "torch": torch.__version__,
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
