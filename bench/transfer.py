"""Bench: transfer learning on an ImageFolder dataset with the bundled backbone.

    python -m bench.transfer --data DIR --train-split train --test-split test \
        --mode head|last|all --epochs N --res R --json

Trains on DIR/<train-split> and evaluates on DIR/<test-split>, through the same code the
lab uses (``core.transfer_learning.image_folder.load_image_folder``,
``core.transfer_learning.training.TrainingRun``), and prints one JSON object.
``seconds_total`` covers loading the images, preprocessing, the frozen part's forward
pass, training and the test evaluation (not building the model,
which the app does once per process). ``seconds_floor`` is one no-grad forward pass of
the whole backbone over the same preprocessed train and test images, in the same process
and with the same speed settings (inference_mode, channels_last inputs, batches of
FEATURE_BATCH, two workers with one intra-op thread each);
it is measured before and after the run and averaged. The timed run is repeated
(``--repeat``, 3 by default, each from an empty cache) and the one with the median
ratio is reported; all are listed. The test images' frozen pass starts
as soon as the test split is loaded, overlapping the train split's loading.
``cpu_seconds_total_and_floor`` (process CPU time) is less sensitive to a busy machine than
wall time. ``seconds_second_run`` is a second head-only run with another learning rate
that reuses the cached frozen outputs.

Images are decoded at the size the resolution needs (``datasets.decode_side``), as the lab
decodes them. ``seconds_floor_eager`` is the same floor (PyTorch eager, ``channels_last``)
under its issue's name; ``engine`` is the runtime that computed the frozen part
(``$CH05_ENGINE``, ``core.transfer_learning.engines``: its one-off export and compilation,
cached per backbone and boundary, happen before the timed runs and are reported as
``seconds_engine_setup``), ``device`` where the networks ran (``$CH05_DEVICE``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import torch

from bench.harness import machine_facts
from core.common import backbones
from core.common.backbones import eval_pixels, normalize
from core.common.device import chosen_device, device_choice, device_label
from core.transfer_learning import strategy as transfer
from core.transfer_learning.datasets import decode_side
from core.transfer_learning.engines import engine_shelf
from core.transfer_learning.frozen_pass import (
    FEATURE_BATCH,
    WORKERS,
    ActivationCache,
    ActivationKey,
    activations,
    forward_pass_seconds,
    pixel_tensor,
)
from core.transfer_learning.image_folder import load_image_folder
from core.transfer_learning.plan import ImageSet, RunSettings
from core.transfer_learning.training import TrainingRun

MODES = {"head": "head", "last": "last_block", "half": "last_half", "all": "all"}


def _load(data: Path, train_split: str, test_split: str, side: int, test_ready=None):
    """Both splits through the app's loader, side by side (the host has two cores).

    ``test_ready(test)`` runs as soon as the (smaller) test split is loaded, while the
    train split is still loading: the bench starts the test images' frozen pass there.
    """
    with ThreadPoolExecutor(2) as pool:
        train_f = pool.submit(load_image_folder, data / train_split, short_side=side)
        test = pool.submit(load_image_folder, data / test_split, short_side=side).result()
        early = pool.submit(test_ready, test) if test_ready else None
        train = train_f.result()
        if early is not None:
            early.result()
    if set(test.class_names) - set(train.class_names):
        raise SystemExit(f"test classes {test.class_names} not all in {train.class_names}")
    index = {name: i for i, name in enumerate(train.class_names)}
    test_labels = tuple(index[test.class_names[v]] for v in test.labels)
    return train, test, test_labels


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/book-ch05/catanddog"))
    parser.add_argument("--train-split", default="train")
    parser.add_argument("--test-split", default="test")
    parser.add_argument("--mode", choices=sorted(MODES), default="head")
    parser.add_argument(
        "--epochs",
        type=int,
        default=None,
        help="default: 13 for head (the book's run), 5 otherwise",
    )
    parser.add_argument("--res", type=int, default=160)
    parser.add_argument(
        "--lr",
        type=float,
        default=None,
        help="default: the lab's preset learning rate (1e-3 head, 3e-4 last)",
    )
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--optimizer", choices=transfer.OPTIMIZERS, default="adam")
    parser.add_argument("--backbone", default=backbones.DEFAULT_BACKBONE)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="timed runs, each between two floor passes; the median is reported",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object (always on)")
    args = parser.parse_args(argv)
    epochs = args.epochs or (13 if args.mode == "head" else 5)
    lr = args.lr or transfer.RECOMMENDED_LR[MODES[args.mode]]

    threads = max(1, min(2, os.cpu_count() or 1))
    torch.set_num_threads(threads)  # the app's setting (ui.common.models)
    load_before = os.getloadavg()

    t = time.perf_counter()
    spec = backbones.get_spec(args.backbone)
    model = backbones.build_model(args.backbone).requires_grad_(False).eval()
    model = model.to(chosen_device())  # as the lab's require_model gives it
    stage_list = backbones.stages(model, spec)
    # warm-up, as the app's cached model is after its first use
    forward_pass_seconds(model, torch.zeros(FEATURE_BATCH * WORKERS, 3, args.res, args.res))
    seconds_model = time.perf_counter() - t

    # the floor's inputs: the same images, preprocessed the same way (not timed)
    side = decode_side(args.res)
    train_probe, test_probe, _ = _load(args.data, args.train_split, args.test_split, side)
    inputs = normalize(
        pixel_tensor(
            [eval_pixels(img, spec, args.res) for img in train_probe.images + test_probe.images]
        ),
        spec,
    )
    del train_probe, test_probe

    infos = transfer.group_infos(stage_list)
    names = transfer.trainable_names(infos, MODES[args.mode])
    boundary = transfer.boundary_index(infos, names)
    t = time.perf_counter()  # the engine's export and compilation: once per backbone+boundary
    engine = engine_shelf().wait(args.backbone, stage_list, boundary, args.res)
    seconds_engine = time.perf_counter() - t

    def timed_run() -> tuple[dict, tuple]:
        """Load, preprocess, frozen forward, train, evaluate on the test split: from nothing.
        Returns the run's numbers, and what a second run on its cache needs."""
        cache = ActivationCache()

        def test_ready(test):  # the test images' frozen pass overlaps the train split's loading
            key = ActivationKey(test.fingerprint, args.backbone, args.res, boundary)
            _, run_engine = engine_shelf().get(args.backbone, stage_list, boundary, args.res)
            activations(stage_list, spec, test.images, key, cache, engine=run_engine)

        t0, c0 = time.perf_counter(), time.process_time()
        train, test, test_labels = _load(
            args.data, args.train_split, args.test_split, side, test_ready
        )
        seconds_load = time.perf_counter() - t0
        settings = RunSettings(
            args.backbone,
            names,
            MODES[args.mode],
            epochs,
            lr,
            args.batch,
            args.optimizer,
            args.res,
            seed=args.seed,
        )
        train_set = ImageSet(
            train.images, train.fingerprint, tuple(range(len(train))), train.labels
        )
        test_set = ImageSet(test.images, test.fingerprint, tuple(range(len(test))), test_labels)
        run = TrainingRun(stage_list, spec, settings, train_set, test_set, train.class_names, cache)
        run.run_to_end()
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        if run.status != "done":
            raise SystemExit(f"run ended with {run.status}: {run.message_key} {run.message_params}")
        numbers = {
            "n_train": len(train),
            "n_test": len(test),
            "test_acc": round(run.evaluation.accuracy, 4),
            "val_acc_per_epoch": [round(r.val_acc, 4) for r in run.history],
            "seconds_total": seconds,
            "cpu_seconds": cpu,
            "seconds_load_with_test_frozen_pass": round(seconds_load, 3),
            "seconds_frozen_part": round(run.counts.feature_seconds, 3),
            "seconds_train_and_eval": round(run.seconds - run.counts.feature_seconds, 3),
            "engine": run.counts.engine,
        }
        return numbers, (train_set, test_set, train.class_names, cache)

    def floor() -> tuple[float, float]:
        c0 = time.process_time()
        return forward_pass_seconds(model, inputs), time.process_time() - c0

    # Repeated, with a floor pass before and after each run (a run's floor is their mean):
    # one busy moment on a shared machine should not decide the ratio. The run with the
    # median ratio is reported, and every repeat is listed.
    floors = [floor()]
    runs = []
    for _ in range(max(1, args.repeat)):
        numbers, reusable = timed_run()
        floors.append(floor())
        numbers["seconds_floor"] = (floors[-2][0] + floors[-1][0]) / 2
        numbers["cpu_seconds_floor"] = floors[-1][1]
        runs.append(numbers)
    ratios = [r["seconds_total"] / r["seconds_floor"] for r in runs]
    reported = runs[sorted(range(len(runs)), key=ratios.__getitem__)[len(runs) // 2]]

    # ---- a second head-only run with another learning rate, reusing the last run's cache
    train_set, test_set, class_names, cache = reusable
    second_lr = transfer.RECOMMENDED_LR["head"] / 3
    head = transfer.trainable_names(infos, "head")
    second = RunSettings(
        args.backbone,
        head,
        "head",
        epochs,
        second_lr,
        args.batch,
        args.optimizer,
        args.res,
        seed=args.seed,
    )
    t = time.perf_counter()
    run2 = TrainingRun(stage_list, spec, second, train_set, test_set, class_names, cache)
    run2.run_to_end()
    seconds_second = time.perf_counter() - t

    result = {
        "mode": args.mode,
        "trainable_groups": list(names),
        "backbone": args.backbone,
        "epochs": epochs,
        "res": args.res,
        "lr": lr,
        "batch": args.batch,
        "optimizer": args.optimizer,
        "n_train": reported["n_train"],
        "n_test": reported["n_test"],
        "test_acc": reported["test_acc"],
        "val_acc_per_epoch": reported["val_acc_per_epoch"],
        "seconds_total": round(reported["seconds_total"], 3),
        "seconds_floor": round(reported["seconds_floor"], 3),
        "total_over_floor": round(reported["seconds_total"] / reported["seconds_floor"], 3),
        "seconds_floor_eager": round(reported["seconds_floor"], 3),
        "engine": reported["engine"] or engine,
        "seconds_engine_setup": round(seconds_engine, 2),
        "device": device_choice().name,
        "device_label": device_label(device_choice().name),
        "decode_short_side": side,
        "repeats": len(runs),
        "seconds_total_per_repeat": [round(r["seconds_total"], 3) for r in runs],
        "seconds_floor_per_repeat": [round(r["seconds_floor"], 3) for r in runs],
        "total_over_floor_per_repeat": [round(v, 3) for v in ratios],
        "test_acc_per_repeat": [r["test_acc"] for r in runs],
        "cpu_seconds_total_and_floor": [
            round(reported["cpu_seconds"], 3),
            round(reported["cpu_seconds_floor"], 3),
        ],
        "seconds_load_with_test_frozen_pass": reported["seconds_load_with_test_frozen_pass"],
        "seconds_frozen_part": reported["seconds_frozen_part"],
        "seconds_train_and_eval": reported["seconds_train_and_eval"],
        "seconds_second_run": round(seconds_second, 3),
        "second_run_lr": second_lr,
        "second_run_test_acc": round(run2.evaluation.accuracy, 4),
        "second_run_cache_hits": run2.counts.cache_hits,
        "seconds_model_build": round(seconds_model, 3),
        "workers_x_threads": [WORKERS, 1],
        **machine_facts(load_before),
        "torch": torch.__version__,
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
