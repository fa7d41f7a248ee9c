"""How long a run will take and how much memory a training step needs, measured on random
inputs before the run starts (the probe)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import torch
from PIL import Image
from torch.nn import functional as F

from core.common.backbones import BackboneSpec, Stage, eval_pixels, normalize
from core.common.memory import release_free_heap
from core.transfer_learning.frozen_pass import (
    FEATURE_BATCH,
    WORKERS,
    as_input,
    ordered_parallel,
    pixel_tensor,
    run_frozen,
    torch_threads,
)
from core.transfer_learning.network import TransferNetwork

# The speed probe times a training step at a run's usual batch (a step's fixed costs spread
# over its images, as in the run), or on fewer images where what autograd keeps for backward
# would pass PROBE_MB: the probe runs whenever a student changes a setting.
PROBE_BATCH = 16
PROBE_MB = 64


@dataclass(frozen=True)
class SpeedEstimate:
    """Seconds per image, measured on this machine for these settings (not guessed)."""

    pixels: float  # resize + crop of one image
    frozen: float  # the frozen groups' forward pass (cached after the first run)
    train: float  # one training step of the retrained groups, per image
    evaluate: float  # forward pass of the retrained groups, per image
    train_bytes: float = 0.0  # activations autograd keeps for backward, per image in a batch
    probe_images: int = 1  # the training step was timed on this many images

    def training_memory(self, batch_size: int, trainable_params: int) -> float:
        """Bytes a training step needs: saved activations for the batch, plus the
        parameters' gradients and Adam's two moments."""
        return batch_size * self.train_bytes + 3 * 4 * trainable_params

    @property
    def train_rate(self) -> float:
        """Training images per second (0 when unmeasured)."""
        return 1 / self.train if self.train > 0 else 0.0

    @property
    def frozen_rate(self) -> float:
        """Images per second through the frozen part (pixels included)."""
        return 1 / max(self.frozen + self.pixels, 1e-9)

    def epoch_seconds(self, n_train: int, n_val: int) -> float:
        return n_train * self.train + n_val * self.evaluate

    def cache_seconds(self, n_images: int) -> float:
        return n_images * (self.pixels + self.frozen)

    def run_seconds(
        self, n_images: int, n_train: int, n_val: int, epochs: int, views: int, cached: bool
    ) -> tuple[float, float]:
        """(seconds before the first epoch, seconds in all) of a run: the frozen pass over
        every image unless cached, one more per augmented view of the training images,
        then the epochs."""
        first = 0.0 if cached else self.cache_seconds(n_images)
        first += views * self.cache_seconds(n_train)
        return first, first + epochs * self.epoch_seconds(n_train, n_val)


def measure_speed(
    stage_list: Sequence[Stage],
    spec: BackboneSpec,
    trainable: Sequence[str],
    num_classes: int,
    resolution: int,
    batch_size: int,
) -> SpeedEstimate:
    """Time each kind of work on random inputs, after a warm-up, as a run does it.

    The frozen pass runs on the shared workers (one batch of ``FEATURE_BATCH`` each, side
    by side, as a run's); training and evaluation run on one thread each, split between
    the workers where a run splits them (``TransferNetwork.splits_batches``), on up to
    ``PROBE_BATCH`` images: fewer where what autograd keeps (measured on one image, the
    same per image at any batch size) would pass ``PROBE_MB``.
    """
    network = TransferNetwork(stage_list, trainable, num_classes)
    parts = WORKERS if network.splits_batches else 1  # as ``evaluate`` shares its batches
    b = network.boundary
    img = Image.new("RGB", (341, 256), (120, 90, 60))
    t = time.perf_counter()
    pixels = pixel_tensor([eval_pixels(img, spec, resolution) for _ in range(FEATURE_BATCH)])
    pixel_s = (time.perf_counter() - t) / FEATURE_BATCH
    noise = torch.randn(  # its own generator: the global one belongs to seeded blocks
        FEATURE_BATCH, 3, resolution, resolution, generator=torch.Generator().manual_seed(0)
    )
    x = normalize(pixels, spec) + noise * 0.1
    frozen_s = 0.0
    acts = x
    if b > 0:
        jobs = [lambda x=x: run_frozen(stage_list, x, 0, b)] * WORKERS
        list(ordered_parallel(jobs))  # warm-up
        t = time.perf_counter()
        acts = list(ordered_parallel(jobs))[0]
        frozen_s = (time.perf_counter() - t) / (FEATURE_BATCH * WORKERS)
    optimizer = torch.optim.SGD(network.parameters(), lr=0.0)
    one = as_input(acts[:1].clone(), spec)  # its own storage: counted per image below
    train_s = eval_s = 0.0
    saved: dict[int, torch.UntypedStorage] = {}

    weights = {p.untyped_storage().data_ptr() for p in network.parameters()}

    def pack(t: torch.Tensor) -> None:  # measures what autograd keeps for backward
        storage = t.untyped_storage()  # weights (or views of them, like addmm's weight.t())
        if storage.data_ptr() not in weights:  # are no activations; each storage counts once
            saved[storage.data_ptr()] = storage
        # Not the tensor itself: a saved output would hold its own grad_fn, a reference
        # cycle autograd never frees (the whole graph leaked, ~0.7 GB for Lite0 at 160 px).
        return None

    with torch_threads(1):
        with torch.autograd.graph.saved_tensors_hooks(pack, lambda _: None):
            network.set_training(True)
            F.cross_entropy(network(one), torch.zeros(1, dtype=torch.long))
        train_bytes = sum(s.nbytes() for s in saved.values())
        saved.clear()
        fits = int(PROBE_MB * 2**20 // max(train_bytes, 1))
        batch = max(1, min(batch_size, PROBE_BATCH, fits))
        inputs = as_input(acts[torch.arange(batch) % len(acts)], spec)
        labels = torch.arange(batch) % num_classes
        for warm in (True, False):
            network.set_training(True)
            t = time.perf_counter()
            logits, backward = network.training_forward(inputs, seed=0)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            backward(loss)
            optimizer.step()
            if not warm:
                train_s = (time.perf_counter() - t) / batch
            network.set_training(False)
            t = time.perf_counter()
            network.inference([lambda x=inputs: x] * parts)
            if not warm:
                eval_s = (time.perf_counter() - t) / (batch * parts)
    del network, optimizer, acts, one, inputs, x, pixels, loss
    release_free_heap()  # the probe's activations: up to 160 MB an image when everything trains
    return SpeedEstimate(pixel_s, frozen_s, train_s, eval_s, train_bytes, batch)
