"""The frozen part's output, computed fast and once: the floor of transfer learning.

Everything before the first trainable layer group is frozen, so its output for an image
never changes: compute it once per (images, backbone, resolution, boundary, view) and
keep it. Head-only training (특성 추출) then needs only the final pooled features; when
the last blocks train too, the activations at the frozen/trainable boundary.

Speed on small CPU hosts (``bench/transfer.py`` measures it): ``inference_mode``, inputs
in ``channels_last``, batches of ``FEATURE_BATCH``, and one intra-op thread per Python
worker with two workers side by side. PyTorch's two-thread OpenMP mode syncs the threads
after every small operation; when the CPU is shared (other visitors, other processes) a
descheduled thread stalls its partner, so two independent one-thread workers are faster.
The shared model is never touched: only the input tensors change memory format.

At boundary 0 (everything trains) the "activation" is the preprocessed image itself,
kept as uint8 pixels (4x smaller than floats) and normalised on use.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import torch
from PIL import Image
from torchvision.transforms import functional as TF

from core.common.backbones import (
    BackboneSpec,
    Stage,
    eval_pixels,
    normalize,
    run_stages,
    seeded_global_rng,
)
from core.common.background import worker_pool, yield_to_foreground
from core.common.device import module_device

# Frozen inference on 2 cores (Lite0, 400 images, one worker thread each): batches of 4 took
# 2.4-2.6 s at 160 px and 4.6 s at 224 px, batches of 8 2.3-2.6 s and 5.5 s, for about twice
# the memory (peak +150 MB at 160 px, +310 MB at 224 px, against +90 and +170 MB).
FEATURE_BATCH = 4
DEFAULT_CACHE_MB = 256
WORKERS = max(
    1,
    min(
        2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    ),
)

T = TypeVar("T")


@contextmanager
def torch_threads(n: int | None) -> Iterator[None]:
    """Use ``n`` intra-op threads in the calling thread only (None: leave it as is).

    With PyTorch's OpenMP backend the thread count belongs to the calling thread, so a
    session can use one thread without changing anything for other sessions.
    """
    if n is None:
        yield
        return
    old = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(old)


def _one_thread() -> None:
    torch.set_num_threads(1)


def _pool() -> ThreadPoolExecutor:
    """The process-wide workers (one per core, one intra-op thread each) for frozen passes.

    Shared by all sessions: two sessions computing features at once take turns batch by
    batch instead of oversubscribing the CPU.
    """
    return worker_pool("tl-frozen", WORKERS, setup=_one_thread)


def ordered_parallel(jobs: Sequence[Callable[[], T]], ahead: int | None = None) -> Iterator[T]:
    """Run ``jobs`` on the workers, yielding results in order; stopping cancels the rest."""
    pool = _pool()
    ahead = ahead or 2 * WORKERS
    futures: list[Future] = []
    try:
        for k in range(len(jobs)):
            while len(futures) < min(len(jobs), k + ahead):
                futures.append(pool.submit(jobs[len(futures)]))
            yield futures[k].result()
    finally:  # a stopped run leaves no work queued behind it
        for f in futures:
            f.cancel()


# ---------------------------------------------------------------- pixels


def augmented_pixels(img: Image.Image, transform: Callable, resolution: int) -> torch.Tensor:
    """One random view from the augmentation lab's PIL -> PIL transform, as uint8 C×H×W."""
    out = transform(img)
    if out.size != (resolution, resolution):  # a pipeline that ignores the size: fit it
        out = TF.center_crop(TF.resize(out, resolution, antialias=True), resolution)
    return TF.pil_to_tensor(out if out.mode == "RGB" else out.convert("RGB"))


def pixel_tensor(pixels: Sequence[torch.Tensor]) -> torch.Tensor:
    return torch.stack(list(pixels))


def as_input(batch: torch.Tensor, spec: BackboneSpec) -> torch.Tensor:
    """A cached batch (uint8 pixels at boundary 0, float activations after) as network input."""
    x = normalize(batch, spec) if batch.dtype == torch.uint8 else batch
    return fast_layout(x)


def fast_layout(x: torch.Tensor) -> torch.Tensor:
    """channels_last for image-shaped tensors: the CPU convolutions' fast path."""
    return x.contiguous(memory_format=torch.channels_last) if x.dim() == 4 else x


def run_frozen(stage_list: Sequence[Stage], x: torch.Tensor, start: int, stop: int) -> torch.Tensor:
    """Frozen groups start..stop-1 on a batch, without autograd, as an ordinary tensor."""
    with torch.inference_mode():
        out = run_stages(list(stage_list), fast_layout(x), start, stop)
    return out.clone()  # inference tensors cannot enter autograd later


def augmented_batch(
    images: Sequence[Image.Image], transform: Callable, resolution: int, seed: int
) -> torch.Tensor:
    """Seeded random views as uint8 pixels.

    torchvision's random transforms draw from torch's global generator, so seeding
    happens under a lock on a forked generator state: sessions do not disturb each other.
    """
    with seeded_global_rng(seed):
        return pixel_tensor([augmented_pixels(img, transform, resolution) for img in images])


# ---------------------------------------------------------------- the cache


@dataclass(frozen=True)
class ActivationKey:
    images: str  # which images, in which order (a dataset fingerprint, or a subset of it)
    backbone: str
    resolution: int
    boundary: int  # index of the first group NOT applied (0 = pixels)
    view: str = "eval"  # "eval" (resize + centre crop) or an augmentation view's name


class ActivationCache:
    """A process-wide, byte-bounded LRU of frozen outputs, shared by every session.

    Values are never modified after ``put`` (callers index them, which copies), so
    concurrent sessions can read the same entry safely.
    """

    def __init__(self, max_bytes: int = DEFAULT_CACHE_MB * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[ActivationKey, torch.Tensor] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def nbytes(t: torch.Tensor) -> int:
        return t.numel() * t.element_size()

    @property
    def used_bytes(self) -> int:
        with self._lock:
            return sum(self.nbytes(t) for t in self._entries.values())

    def get(self, key: ActivationKey) -> torch.Tensor | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def deepest(self, key: ActivationKey) -> tuple[int, torch.Tensor] | None:
        """The cached output closest below ``key.boundary`` for the same images and view."""
        with self._lock:
            best = None
            for k, v in self._entries.items():
                if (
                    (k.images, k.backbone, k.resolution, k.view)
                    == (key.images, key.backbone, key.resolution, key.view)
                    and k.boundary <= key.boundary
                    and (best is None or k.boundary > best[0])
                ):
                    best = (k.boundary, v)
            return best

    def put(self, key: ActivationKey, value: torch.Tensor) -> bool:
        """Keep ``value`` (evicting the least recently used); False if it is too big to keep."""
        if self.nbytes(value) > self.max_bytes:
            return False
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            total = sum(self.nbytes(t) for t in self._entries.values())
            while total > self.max_bytes:
                _, old = self._entries.popitem(last=False)
                total -= self.nbytes(old)
            return True

    def __contains__(self, key: ActivationKey) -> bool:
        with self._lock:
            return key in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


# ---------------------------------------------------------------- computing, step by step


def compute_activations(
    stage_list: Sequence[Stage],
    spec: BackboneSpec,
    images: Sequence[Image.Image],
    key: ActivationKey,
    cache: ActivationCache | None,
    augment: Callable[[Image.Image], Image.Image] | None = None,
    augment_seed: int = 0,
    batch_size: int = FEATURE_BATCH,
    engine: Callable[[torch.Tensor], torch.Tensor] | None = None,
) -> Iterator[int]:
    """Generator: the frozen output for ``images`` at ``key.boundary``, batch by batch.

    Yields the number of images finished after each batch; its return value (``yield
    from``) is the tensor. Starts from the deepest cached boundary for the same images
    and view, and stores the result in ``cache`` (when it fits). ``augment`` (a PIL ->
    PIL transform) replaces resize + centre crop for an augmented view; views are seeded.
    ``engine`` (``engines``: groups 0..boundary-1 through another runtime) replaces eager
    when the pass starts from the pixels.
    """
    if cache is not None:
        hit = cache.get(key)
        if hit is not None:
            yield len(images)
            return hit
    start = cache.deepest(key) if cache is not None else None
    first, source = start if start is not None else (0, None)
    boundary, res, n = key.boundary, key.resolution, len(images)
    slices = [slice(i, min(i + batch_size, n)) for i in range(0, n, batch_size)]

    def job(k: int) -> torch.Tensor:
        start = time.perf_counter()
        out = batch(k)
        yield_to_foreground(time.perf_counter() - start)  # the pages first, see its module
        return out

    def batch(k: int) -> torch.Tensor:
        part = slices[k]
        if source is not None:
            x = source[part]
        elif augment is not None:
            x = augmented_batch(images[part], augment, res, augment_seed * 1_000_003 + part.start)
        else:
            x = pixel_tensor([eval_pixels(img, spec, res) for img in images[part]])
        if first == boundary:
            return x.clone() if source is not None else x
        if engine is not None and first == 0:
            return engine(normalize(x, spec))
        return run_frozen(stage_list, as_input(x, spec), first, boundary)

    parts: list[torch.Tensor] = []
    jobs = [(lambda k=k: job(k)) for k in range(len(slices))]
    for part, out in zip(slices, ordered_parallel(jobs)):
        parts.append(out)
        yield part.stop
    result = torch.cat(parts) if parts else torch.empty(0)
    if cache is not None:
        cache.put(key, result)
    return result


def activations(
    stage_list: Sequence[Stage],
    spec: BackboneSpec,
    images: Sequence[Image.Image],
    key: ActivationKey,
    cache: ActivationCache | None = None,
    **kwargs,
) -> torch.Tensor:
    """``compute_activations`` run to the end (tests, benches)."""
    gen = compute_activations(stage_list, spec, images, key, cache, **kwargs)
    while True:
        try:
            next(gen)
        except StopIteration as done:
            return done.value


def forward_pass_seconds(
    model: torch.nn.Module, inputs: torch.Tensor, batch_size: int = FEATURE_BATCH
) -> float:
    """Wall time of one no-grad pass of ``model`` over ``inputs`` with the same settings
    as the frozen part (workers, one thread each, channels_last, batches of ``FEATURE_BATCH``)."""
    import time

    where = module_device(model)

    def job(part: slice) -> None:
        with torch.inference_mode():
            model(fast_layout(inputs[part]).to(where)).cpu()  # features come back, as a run's

    jobs = [(lambda p=slice(i, i + batch_size): job(p)) for i in range(0, len(inputs), batch_size)]
    t = time.perf_counter()
    for _ in ordered_parallel(jobs):
        pass
    return time.perf_counter() - t
