"""Sessions training at once cannot disturb each other, and a run its visitor abandoned is
freed: the hazards of one process serving a whole class."""

from __future__ import annotations

import gc
import hashlib
import itertools
import threading
import weakref

import pytest
import torch
from torchvision import transforms

from core.common import backbones
from core.transfer_learning import strategy
from core.transfer_learning.datasets import synthetic_shapes
from core.transfer_learning.frozen_pass import ActivationCache, augmented_batch
from core.transfer_learning.plan import ImageSet, RunSettings
from core.transfer_learning.training import TrainingRun

DROPOUT_HEADED = "mobilenet_v2"  # its classifier is Dropout(0.2) + Linear


@pytest.fixture(scope="module")
def mobilenet():
    spec = backbones.get_spec(DROPOUT_HEADED)
    model = backbones.build_model(DROPOUT_HEADED, pretrained=False).requires_grad_(False).eval()
    stage_list = backbones.stages(model, spec)
    assert isinstance(stage_list[-1].module[0], torch.nn.Dropout)
    return spec, model, stage_list


@pytest.fixture(scope="module")
def shapes():
    return synthetic_shapes(8, seed=0)


def _run(backbone, data, cache=None, seed=0, epochs=2) -> TrainingRun:
    spec, _, stage_list = backbone
    infos = strategy.group_infos(stage_list, len(data.class_names))
    settings = RunSettings(
        DROPOUT_HEADED,
        strategy.trainable_names(infos, "head"),
        "head",
        epochs=epochs,
        lr=3e-3,
        batch_size=8,
        optimizer="adam",
        resolution=64,
        seed=seed,
    )
    train, val = (
        ImageSet(data.images, data.fingerprint, tuple(r), tuple(data.labels[i] for i in r))
        for r in data.split()
    )
    return TrainingRun(stage_list, spec, settings, train, val, data.class_names, cache=cache)


def _outcome(run: TrainingRun) -> tuple:
    weights = [t for state in run.network.snapshot() for t in state.values()]
    return [r.train_loss for r in run.history], [r.val_loss for r in run.history], weights


def _assert_identical(a: tuple, b: tuple) -> None:
    assert a[0] == b[0] and a[1] == b[1], "losses differ"
    assert all(torch.equal(x, y) for x, y in zip(a[2], b[2])), "weights differ"


def test_dropout_runs_are_bit_identical_alone_and_side_by_side(mobilenet, shapes):
    """Dropout draws from torch's global generator; two students training the same model at
    once (and a third making augmented views meanwhile, which draw from it too) get exactly
    what each gets alone."""
    alone = _outcome(_run(mobilenet, shapes).run_to_end())
    _assert_identical(_outcome(_run(mobilenet, shapes).run_to_end()), alone)
    other_seed = _outcome(_run(mobilenet, shapes, seed=1).run_to_end())

    runs = [_run(mobilenet, shapes), _run(mobilenet, shapes, seed=1)]
    drawing = threading.Event()

    crop = transforms.RandomResizedCrop(32)

    def draw_meanwhile():
        for seed in itertools.count():
            if drawing.is_set():
                return
            augmented_batch(shapes.images[:2], crop, 32, seed=seed)

    threads = [threading.Thread(target=lambda r=r: r.run_to_end()) for r in runs]
    noise = threading.Thread(target=draw_meanwhile)
    for thread in [noise, *threads]:
        thread.start()
    for thread in threads:
        thread.join()
    drawing.set()
    noise.join()
    _assert_identical(_outcome(runs[0]), alone)
    _assert_identical(_outcome(runs[1]), other_seed)
    assert alone[0] != other_seed[0], "the seed matters, so the comparison could fail"


def test_an_abandoned_run_is_freed_even_after_gc_freeze(mobilenet, shapes):
    """A visitor leaves mid-run while another visitor's first page import freezes gc's
    generations (ui.common.frame): reference counting alone must free the run, its
    network copies and its frozen outputs."""
    # enough epochs that no time slice of the test can finish the run
    session = {"run": _run(mobilenet, shapes, epochs=200)}
    run = session["run"]
    while run.steps_done == 0:
        run.advance(0.01)
    assert not run.finished and run.network is not None and run.steps_done > 0
    alive = [weakref.ref(run), weakref.ref(run.network.stages[-1].module)]
    alive += [weakref.ref(t) for t in run._acts.values()]
    del run
    gc.collect()
    gc.freeze()
    try:
        session.clear()  # the disconnect: Streamlit drops the session's state
        assert [ref() is None for ref in alive] == [True] * len(alive)
    finally:
        gc.unfreeze()


def _checksum(cache: ActivationCache) -> str:
    digest = hashlib.sha256()
    for key, value in cache._entries.items():
        digest.update(repr(key).encode())
        digest.update(value.contiguous().numpy().tobytes())
    return digest.hexdigest()


def test_runs_never_change_the_shared_cache_or_model(mobilenet, shapes):
    _, model, _ = mobilenet
    weights = hashlib.sha256(b"".join(t.numpy().tobytes() for t in model.state_dict().values()))
    cache = ActivationCache()
    _run(mobilenet, shapes, cache=cache).run_to_end()
    filled = _checksum(cache)
    assert cache.used_bytes > 0
    _run(mobilenet, shapes, cache=cache, seed=1).run_to_end()  # reads the same entries
    assert _checksum(cache) == filled
    after = hashlib.sha256(b"".join(t.numpy().tobytes() for t in model.state_dict().values()))
    assert after.hexdigest() == weights.hexdigest()
