"""A run's frozen part: its outputs for the training, validation and test images and for
each augmented view, taken from the shared cache or computed batch by batch (one yield per
batch, so a page stays responsive), with the run's counters kept up to date."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence

import numpy as np
import torch

from core.common.backbones import BackboneSpec, Stage
from core.transfer_learning.engines import engine_shelf
from core.transfer_learning.frozen_pass import ActivationCache, ActivationKey, compute_activations
from core.transfer_learning.plan import ImageSet, RunPlan, RunSettings
from core.transfer_learning.progress import RunProgress


def rows_digest(rows: Sequence[int]) -> str:
    return hashlib.sha256(np.asarray(rows, dtype=np.int64).tobytes()).hexdigest()[:12]


class FrozenOutputs:
    """The frozen part's outputs of one run (cached per images, backbone, resolution,
    boundary and view)."""

    def __init__(
        self,
        stage_list: Sequence[Stage],
        spec: BackboneSpec,
        settings: RunSettings,
        boundary: int,
        cache: ActivationCache | None,
        counts: RunProgress,
    ) -> None:
        self.stage_list, self.spec, self.settings = stage_list, spec, settings
        self.boundary, self.cache, self.counts = boundary, cache, counts

    def compute(
        self,
        plan: RunPlan,
        train: ImageSet,
        val: ImageSet,
        test: ImageSet | None,
        augment: Callable | None,
        augment_id: str,
    ) -> Iterator[None]:
        """Generator; returns ({"train", "val", "test"?: outputs}, [output of each view])."""
        acts = {"train": (yield from self._activations(train.images, train.images_id, "eval"))}
        acts["val"] = (
            acts["train"]
            if plan.same_images
            else (yield from self._activations(val.images, val.images_id, "eval"))
        )
        if test is not None:
            acts["test"] = yield from self._activations(test.images, test.images_id, "eval")
        views: list[torch.Tensor] = []
        if plan.views:
            transform = augment(self.settings.resolution)
            subset = [train.images[i] for i in train.rows]
            subset_id = f"{train.images_id}/{rows_digest(train.rows)}/{augment_id}"
            for v in range(plan.views):
                seed = self.settings.seed * 100 + v
                views.append(
                    (yield from self._activations(subset, subset_id, f"aug{v}", transform, seed))
                )
        return acts, views

    def _activations(self, images, images_id: str, view: str, augment_fn=None, seed: int = 0):
        """The frozen part's output for ``images``: from the cache, or computed with a yield
        per batch; returns it."""
        s, counts = self.settings, self.counts
        key = ActivationKey(images_id, s.backbone, s.resolution, self.boundary, view)
        hit = self.cache is not None and key in self.cache
        if hit:
            counts.cache_hits += 1
        else:
            counts.cache_misses += 1
        before = counts.features_done
        engine_name, engine = engine_shelf().get(
            s.backbone, self.stage_list, self.boundary, s.resolution
        )
        if not hit:
            counts.engine = engine_name
        gen = compute_activations(
            self.stage_list,
            self.spec,
            images,
            key,
            self.cache,
            augment=augment_fn,
            augment_seed=seed,
            engine=engine,
        )
        t = time.perf_counter()
        while True:
            try:
                done = next(gen)
            except StopIteration as result:
                value = result.value
                break
            if not hit:  # what the cache gave costs no time: not a speed to learn from
                counts.features_computed += before + done - counts.features_done
                counts.feature_seconds += time.perf_counter() - t
            counts.features_done = before + done
            yield
            t = time.perf_counter()  # after the yield: the time the run sat paused is not work
        if self.cache is not None and key not in self.cache:
            counts.cached_ok = False
        return value
