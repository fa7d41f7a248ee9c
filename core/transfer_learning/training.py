"""A short transfer-learning run that advances in small steps, so a page can draw it live.

``TransferNetwork`` is the network a run trains: the shared pretrained groups stay as
they are (frozen, eval mode, never modified) and every group the run retrains is the
run's own deep copy; the head's last Linear is replaced by a new one for the dataset's
classes. BatchNorm layers keep the pretrained running statistics (eval mode) everywhere:
frozen ones must, and with batches of 4-32 images on a CPU, re-estimating them in the
trainable groups would add noise, not knowledge (their scale and shift still train).

``TrainingRun`` first gets the frozen part's output from the shared cache (computing
what is missing, batch by batch), then trains epoch by epoch, evaluating on the
validation images after every epoch. ``advance(seconds)`` does as many small steps as
fit in that budget; ``stop()`` keeps what was learned. A NaN loss or a diverging loss
stops the run, restores the last good weights and says why.
"""

from __future__ import annotations

import copy
import hashlib
import math
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass

import numpy as np
import torch
from PIL import Image
from torch import nn
from torch.nn import functional as F

from core.common.backbones import BackboneSpec, Stage, eval_pixels, normalize, run_stages
from core.common.handover import FineTunedModel
from core.common.memory import release_free_heap
from core.transfer_learning import strategy as transfer
from core.transfer_learning.frozen_pass import (
    FEATURE_BATCH,
    WORKERS,
    ActivationCache,
    ActivationKey,
    as_input,
    augmented_batch,
    compute_activations,
    ordered_parallel,
    pixel_tensor,
    run_frozen,
    torch_threads,
)

# A loss this many times chance level (ln K) after an epoch, or this high on one batch,
# means the run is diverging (usually the learning rate is too high).
DIVERGE_EPOCH_FACTOR = 3.0
DIVERGE_STEP_LOSS = 100.0
# The speed probe trains on one image: what it keeps for backward grows with the batch
# (40 MB of saved activations per image when all of Lite0 trains at 160 px, 80 MB at 224 px,
# the peak of a first visit), while the time per image changes little (fine-tuning all of
# Lite0 at 160 px: about 60 ms per image at 1, 44 at 4, 39 at 16: a cautious estimate).
PROBE_BATCH = 1


@dataclass(frozen=True)
class RunSettings:
    """Everything that defines a run (saved beside its weights as JSON)."""

    backbone: str
    trainable: tuple[str, ...]  # names of the retrained layer groups
    preset: str
    epochs: int
    lr: float
    batch_size: int
    optimizer: str  # "adam" or "sgd"
    resolution: int
    augment: bool = False
    views: int = 0  # cached augmented views per training image (0: none or fresh every epoch)
    seed: int = 0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["trainable"] = list(self.trainable)
        return d


# ---------------------------------------------------------------- the network a run trains


def _is_batchnorm(module: nn.Module) -> bool:
    return isinstance(module, nn.modules.batchnorm._BatchNorm)


def _new_head(head: nn.Module, num_classes: int, generator: torch.Generator) -> nn.Module:
    """A copy of the head group whose last Linear is a new one for ``num_classes``.

    The new Linear is initialised like ``nn.Linear`` (uniform in +-1/sqrt(in)), but from a
    seeded generator; the old 1000-class Linear is never copied.
    """
    path = [name for name, m in head.named_modules() if isinstance(m, nn.Linear)][-1]
    old = head.get_submodule(path)
    new = nn.Linear(old.in_features, num_classes)
    bound = 1 / math.sqrt(old.in_features)
    with torch.no_grad():
        new.weight.uniform_(-bound, bound, generator=generator)
        new.bias.uniform_(-bound, bound, generator=generator)
    return copy.deepcopy(head, memo={id(old): new})


class TransferNetwork:
    """Shared frozen groups + this run's copies of the groups it retrains + a new head."""

    def __init__(
        self, stage_list: Sequence[Stage], trainable: Sequence[str], num_classes: int, seed: int = 0
    ) -> None:
        # known groups with parameters, and always the new classifier
        names = set(transfer.normalize_trainable(transfer.group_infos(stage_list), trainable))
        generator = torch.Generator().manual_seed(seed)
        self.stages: list[Stage] = []
        self.trained: list[int] = []
        last = len(stage_list) - 1
        for i, stage in enumerate(stage_list):
            if stage.name not in names:
                self.stages.append(stage)  # shared: frozen, eval mode, never touched
                continue
            if i == last:
                module = _new_head(stage.module, num_classes, generator)
            else:
                module = copy.deepcopy(stage.module)
            module.requires_grad_(True)
            self.stages.append(Stage(stage.name, stage.kind, stage.paths, module))
            self.trained.append(i)
        self.boundary = self.trained[0]
        self.num_classes = num_classes
        self.set_training(False)

    def parameters(self) -> list[nn.Parameter]:
        return [p for i in self.trained for p in self.stages[i].module.parameters()]

    @property
    def num_trainable(self) -> int:
        return sum(p.numel() for p in self.parameters())

    def set_training(self, training: bool) -> None:
        """Train mode (dropout on) for this run's copies only; BatchNorm always in eval."""
        for i in self.trained:
            module = self.stages[i].module
            module.train(training)
            for m in module.modules():
                if _is_batchnorm(m):
                    m.eval()

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        """Logits from the activations at the frozen/trainable boundary."""
        return run_stages(self.stages, x, self.boundary)

    def snapshot(self) -> list[dict[str, torch.Tensor]]:
        return [
            {k: v.detach().clone() for k, v in self.stages[i].module.state_dict().items()}
            for i in self.trained
        ]

    def restore(self, snapshot: list[dict[str, torch.Tensor]]) -> None:
        for i, state in zip(self.trained, snapshot):
            self.stages[i].module.load_state_dict(state)


def trained_state_dict(network: TransferNetwork, spec: BackboneSpec) -> dict[str, torch.Tensor]:
    """The retrained groups' tensors under the original model's names (e.g. ``classifier.weight``).

    Load them into the pretrained model whose head was replaced by ``Linear(in, K)`` with
    ``load_state_dict(tensors, strict=False)``; every other tensor is the pretrained one.
    """
    out: dict[str, torch.Tensor] = {}
    for i in network.trained:
        decl = spec.stage_decls[i]
        module = network.stages[i].module
        for name, tensor in module.state_dict().items():
            if len(decl.paths) == 1:
                key = f"{decl.paths[0]}.{name}"
            else:
                index, _, rest = name.partition(".")
                key = f"{decl.paths[int(index)]}.{rest}"
            out[key] = tensor.detach().clone().contiguous()
    return out


# ---------------------------------------------------------------- speed estimate


@dataclass(frozen=True)
class SpeedEstimate:
    """Seconds per image, measured on this machine for these settings (not guessed)."""

    pixels: float  # resize + crop of one image
    frozen: float  # the frozen groups' forward pass (cached after the first run)
    train: float  # one training step of the retrained groups, per image
    evaluate: float  # forward pass of the retrained groups, per image
    train_bytes: float = 0.0  # activations autograd keeps for backward, per image in a batch

    def training_memory(self, batch_size: int, trainable_params: int) -> float:
        """Bytes a training step needs: saved activations for the batch, plus the
        parameters' gradients and Adam's two moments."""
        return batch_size * self.train_bytes + 3 * 4 * trainable_params

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
    by side, as a run's); training and evaluation run on one thread in the caller's
    thread, on ``PROBE_BATCH`` images: the saved activations per image are the
    same at any batch size, and the probe (run whenever a student changes a setting)
    must not take the memory of the run it estimates.
    """
    batch = max(1, min(batch_size, PROBE_BATCH))
    network = TransferNetwork(stage_list, trainable, num_classes)
    b = network.boundary
    img = Image.new("RGB", (341, 256), (120, 90, 60))
    t = time.perf_counter()
    pixels = pixel_tensor([eval_pixels(img, spec, resolution) for _ in range(FEATURE_BATCH)])
    pixel_s = (time.perf_counter() - t) / FEATURE_BATCH
    x = normalize(pixels, spec) + torch.randn(FEATURE_BATCH, 3, resolution, resolution) * 0.1
    frozen_s = 0.0
    acts = x
    if b > 0:
        jobs = [lambda: run_frozen(stage_list, x, 0, b)] * WORKERS
        list(ordered_parallel(jobs))  # warm-up
        t = time.perf_counter()
        acts = list(ordered_parallel(jobs))[0]
        frozen_s = (time.perf_counter() - t) / (FEATURE_BATCH * WORKERS)
    optimizer = torch.optim.SGD(network.parameters(), lr=0.0)
    labels = torch.arange(batch) % num_classes
    inputs = as_input(acts[:batch].clone(), spec)  # its own storage: counted per image below
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
            F.cross_entropy(network(inputs), labels)
        train_bytes = sum(s.nbytes() for s in saved.values()) / batch
        saved.clear()
        for warm in (True, False):
            network.set_training(True)
            t = time.perf_counter()
            loss = F.cross_entropy(network(inputs), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if not warm:
                train_s = (time.perf_counter() - t) / batch
            network.set_training(False)
            t = time.perf_counter()
            with torch.inference_mode():
                network(inputs)
            if not warm:
                eval_s = (time.perf_counter() - t) / batch
    del network, optimizer, acts, inputs, x, pixels, loss
    release_free_heap()  # the probe's activations: up to 160 MB when everything trains
    return SpeedEstimate(pixel_s, frozen_s, train_s, eval_s, train_bytes)


# ---------------------------------------------------------------- a run


@dataclass(frozen=True)
class ImageSet:
    """Some images of a list whose frozen outputs are cached together (by ``images_id``)."""

    images: Sequence[Image.Image]  # the whole list (e.g. a dataset's images)
    images_id: str  # its cache identity (e.g. the dataset fingerprint)
    rows: tuple[int, ...]  # the images this set uses
    labels: tuple[int, ...]  # their labels


@dataclass
class EpochRecord:
    epoch: int
    train_loss: float
    train_acc: float
    val_loss: float
    val_acc: float
    seconds: float  # since the run started


@dataclass
class Evaluation:
    """Predictions of the final weights on the validation images."""

    rows: tuple[int, ...]
    labels: np.ndarray  # (n,) true classes
    predicted: np.ndarray  # (n,)
    probabilities: np.ndarray  # (n, K) softmax
    loss: float

    @property
    def accuracy(self) -> float:
        return float((self.labels == self.predicted).mean()) if len(self.labels) else 0.0


# status values
FEATURES, TRAINING, DONE, STOPPED, NAN, DIVERGED, FAILED = (
    "features",
    "training",
    "done",
    "stopped",
    "nan",
    "diverged",
    "failed",
)
FINISHED = (DONE, STOPPED, NAN, DIVERGED, FAILED)


def rows_digest(rows: Sequence[int]) -> str:
    return hashlib.sha256(np.asarray(rows, dtype=np.int64).tobytes()).hexdigest()[:12]


class TrainingRun:
    """One run, advanced a little at a time (``advance``) so a page stays responsive."""

    def __init__(
        self,
        stage_list: Sequence[Stage],
        spec: BackboneSpec,
        settings: RunSettings,
        train: ImageSet,
        val: ImageSet,
        class_names: Sequence[str],
        cache: ActivationCache | None = None,
        augment: Callable[[int], Callable[[Image.Image], Image.Image]] | None = None,
        augment_id: str = "",
        estimate: SpeedEstimate | None = None,
        label: str = "",
        test: ImageSet | None = None,
        display_names: Sequence[str] | None = None,
        number: int = 0,
    ) -> None:
        """``augment(resolution)`` gives the augmentation lab's PIL -> PIL transform;
        ``test`` (a source's own test split) is evaluated once at the end."""
        self.stage_list = list(stage_list)
        self.spec = spec
        self.settings = settings
        self.train_set, self.val_set = train, val
        self.class_names = tuple(class_names)
        self.display_names = tuple(display_names or class_names)  # translated, for the screen
        self.test_set = test
        self.test_evaluation: Evaluation | None = None
        self.cache = cache
        self.augment = augment if settings.augment else None
        self.augment_id = augment_id
        self.estimate = estimate
        self.label = label
        self.number = number  # the run's number in its session (#1, #2, ...)
        self.history: list[EpochRecord] = []
        self.status = FEATURES
        self.message_key = ""  # i18n key explaining how the run ended (stop, NaN, divergence)
        self.message_params: dict = {}
        self.error: Exception | None = None
        self.network: TransferNetwork | None = None
        self.evaluation: Evaluation | None = None
        self.cache_hits = 0  # frozen outputs found in the cache (vs computed)
        self.cache_misses = 0
        self.cached_ok = True  # False when an output was too big for the cache
        self.seconds = 0.0  # compute time spent so far
        self.feature_seconds = 0.0
        self.steps_done = 0
        self._val_acts: torch.Tensor | None = None
        self._test_acts: torch.Tensor | None = None
        self._lock = threading.Lock()  # one thread at a time advances this run
        self._features_total = 0
        self._features_done = 0
        self._train_seconds = 0.0
        self._train_images = 0
        self._eval_seconds = 0.0
        self._eval_images = 0
        self._epoch = 0
        self._epoch_images = 0
        self._work = self._steps()
        infos = transfer.group_infos(stage_list)
        self.boundary = transfer.boundary_index(infos, settings.trainable)
        self.fresh_augment = self.augment is not None and self.boundary == 0

    # ------------------------------------------------------------ public
    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def features_progress(self) -> tuple[int, int]:
        """(images done, images to do) of the frozen part's pass."""
        return self._features_done, self._features_total

    @property
    def epochs_done(self) -> int:
        return len(self.history)

    def advance(self, budget_s: float) -> None:
        """Do work for about ``budget_s`` seconds (at least one step)."""
        if self.finished:
            return
        with self._lock:
            deadline = time.perf_counter() + budget_s
            start = time.perf_counter()
            try:
                while not self.finished:
                    with torch_threads(
                        1
                    ):  # see core.transfer_learning.frozen_pass: one thread is faster
                        next(self._work)
                    if time.perf_counter() >= deadline:
                        break
            except StopIteration:
                pass
            except Exception as err:  # e.g. out of memory on a small host: say so, no traceback
                self.error = err
                self._end(
                    FAILED,
                    "transfer_learning.run.failed",
                    error=f"{type(err).__name__}: {err}"[:300],
                )
            finally:
                self.seconds += time.perf_counter() - start

    def run_to_end(self) -> TrainingRun:
        while not self.finished:
            self.advance(10.0)
        return self

    def stop(self) -> None:
        """Stop now and keep what was learned (evaluated on the validation images)."""
        with self._lock:
            if self.finished:
                return
            self._work.close()
            if self.network is None or self.steps_done == 0 or self._val_acts is None:
                self._end(STOPPED, "transfer_learning.run.stopped_early")
                return
            self._final_evaluation()
            self._end(
                STOPPED,
                "transfer_learning.run.stopped",
                epochs=self.epochs_done,
                accuracy=self.evaluation.accuracy * 100,
            )

    def progress(self) -> float:
        """Fraction of the estimated total work done, in [0, 1]."""
        if self.finished:
            return 1.0
        remaining = self.eta_seconds()
        if remaining is None:
            return 0.0
        done = self.seconds
        return min(max(done / (done + remaining), 0.0), 0.999) if done + remaining > 0 else 0.0

    def eta_seconds(self) -> float | None:
        """Estimated seconds left, from the speed measured so far (or the probe's estimate)."""
        if self.finished:
            return 0.0
        s = self.settings
        per_feature = (
            self.feature_seconds / self._features_done
            if self._features_done
            else (self.estimate.pixels + self.estimate.frozen if self.estimate else None)
        )
        per_train = (
            self._train_seconds / self._train_images
            if self._train_images
            else (self.estimate.train if self.estimate else None)
        )
        per_eval = (
            self._eval_seconds / self._eval_images
            if self._eval_images
            else (self.estimate.evaluate if self.estimate else per_train)
        )
        if per_train is None or per_eval is None:
            return None
        features_left = (
            max(self._features_total - self._features_done, 0) if self.status == FEATURES else 0
        )
        if self.status == FEATURES and not self._features_total:
            features_left = len(self.train_set.rows) + len(self.val_set.rows)
        n_train, n_val = len(self.train_set.rows), len(self.val_set.rows)
        train_left = n_train * s.epochs - (self._epoch * n_train + self._epoch_images)
        evals_left = s.epochs - self.epochs_done
        eta = train_left * per_train + evals_left * n_val * per_eval
        if features_left:
            eta += features_left * (per_feature if per_feature is not None else per_train)
        return max(eta, 0.0)

    def finetuned_model(self) -> FineTunedModel | None:
        """The hand-over to the feature-map lab (None when nothing was learned)."""
        if self.network is None or self.evaluation is None:
            return None
        return FineTunedModel(
            backbone=self.settings.backbone,
            stages=list(self.network.stages),
            class_names=self.class_names,
            resolution=self.settings.resolution,
            settings=self.settings.to_dict(),
            label=self.label,
        )

    # ------------------------------------------------------------ the work, step by step
    def _end(self, status: str, key: str, **params) -> None:
        self.status, self.message_key, self.message_params = status, key, params
        if self.network is not None:
            self.network.set_training(False)
            if self._test_acts is not None and self.evaluation is not None and status != FAILED:
                self.test_evaluation = self._evaluate(self.test_set, self._test_acts)
        self._val_acts = self._test_acts = None  # the cache keeps them, if they fit
        release_free_heap()  # what the frozen pass and the training freed

    def _activations(
        self,
        images: Sequence[Image.Image],
        images_id: str,
        view: str,
        augment_fn=None,
        seed: int = 0,
    ) -> Iterator[None]:
        key = ActivationKey(
            images_id, self.settings.backbone, self.settings.resolution, self.boundary, view
        )
        if self.cache is not None and key in self.cache:
            self.cache_hits += 1
        else:
            self.cache_misses += 1
        before = self._features_done
        t = time.perf_counter()
        gen = compute_activations(
            self.stage_list,
            self.spec,
            images,
            key,
            self.cache,
            augment=augment_fn,
            augment_seed=seed,
        )
        while True:
            try:
                done = next(gen)
            except StopIteration as result:
                value = result.value
                break
            self._features_done = before + done
            self.feature_seconds += time.perf_counter() - t
            t = time.perf_counter()
            yield
        if self.cache is not None and key not in self.cache:
            self.cached_ok = False
        return value

    def _steps(self) -> Iterator[None]:
        s = self.settings
        train, val = self.train_set, self.val_set
        res = s.resolution
        # 1. the frozen part's output (cached per images, backbone, resolution, boundary, view)
        same = train.images_id == val.images_id
        views = s.views if (self.augment is not None and not self.fresh_augment) else 0
        test = self.test_set
        self._features_total = (
            (len(train.images) + (0 if same else len(val.images)))
            + views * len(train.rows)
            + (len(test.images) if test is not None else 0)
        )
        acts_train = yield from self._activations(train.images, train.images_id, "eval")
        acts_val = (
            acts_train
            if same
            else (yield from self._activations(val.images, val.images_id, "eval"))
        )
        self._val_acts = acts_val
        if test is not None:
            self._test_acts = yield from self._activations(test.images, test.images_id, "eval")
        view_acts: list[torch.Tensor] = []
        if views:
            transform = self.augment(res)
            subset = [train.images[i] for i in train.rows]
            subset_id = f"{train.images_id}/{rows_digest(train.rows)}/{self.augment_id}"
            for v in range(views):
                view_acts.append(
                    (
                        yield from self._activations(
                            subset, subset_id, f"aug{v}", transform, seed=s.seed * 100 + v
                        )
                    )
                )
        fresh_transform = self.augment(res) if self.fresh_augment else None

        # 2. the network: shared frozen groups + copies of the retrained ones
        self.status = TRAINING
        net = TransferNetwork(self.stage_list, s.trainable, len(self.class_names), seed=s.seed)
        self.network = net
        params = net.parameters()
        if s.optimizer == "sgd":
            optimizer = torch.optim.SGD(params, lr=s.lr, momentum=0.9)
        else:
            optimizer = torch.optim.Adam(params, lr=s.lr)
        generator = torch.Generator().manual_seed(s.seed)
        train_rows = torch.tensor(train.rows, dtype=torch.long)
        train_labels = torch.tensor(train.labels, dtype=torch.long)
        chance = math.log(max(len(self.class_names), 2))
        good = net.snapshot()
        yield

        # 3. epochs
        for epoch in range(s.epochs):
            self._epoch, self._epoch_images = epoch, 0
            net.set_training(True)
            order = torch.randperm(len(train_rows), generator=generator)
            loss_sum, correct = 0.0, 0
            for start in range(0, len(order), s.batch_size):
                t = time.perf_counter()
                pick = order[start : start + s.batch_size]
                if fresh_transform is not None:  # everything trains: a new view every epoch
                    batch = augmented_batch(
                        [train.images[int(train_rows[i])] for i in pick],
                        fresh_transform,
                        res,
                        seed=s.seed * 1_000_003 + epoch * 10_007 + start,
                    )
                elif views:
                    batch = view_acts[epoch % views][pick]
                else:
                    batch = acts_train[train_rows[pick]]
                y = train_labels[pick]
                logits = net(as_input(batch, self.spec))
                loss = F.cross_entropy(logits, y)
                value = loss.detach().item()
                if not math.isfinite(value) or value > DIVERGE_STEP_LOSS:
                    net.restore(good)
                    self._final_evaluation()
                    key = (
                        "transfer_learning.run.nan"
                        if not math.isfinite(value)
                        else "transfer_learning.run.diverged"
                    )
                    self._end(
                        NAN if not math.isfinite(value) else DIVERGED,
                        key,
                        epoch=epoch + 1,
                        loss=value,
                        lr=s.lr,
                    )
                    return
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                loss_sum += value * len(pick)
                correct += int((logits.argmax(1) == y).sum())
                self.steps_done += 1
                self._epoch_images += len(pick)
                self._train_seconds += time.perf_counter() - t
                self._train_images += len(pick)
                yield
            train_loss, train_acc = loss_sum / len(order), correct / len(order)
            t = time.perf_counter()
            evaluation = self._evaluate()
            self._eval_seconds += time.perf_counter() - t
            self._eval_images += len(val.rows)
            self.history.append(
                EpochRecord(
                    epoch + 1,
                    train_loss,
                    train_acc,
                    evaluation.loss,
                    evaluation.accuracy,
                    self.seconds,
                )
            )
            if train_loss > DIVERGE_EPOCH_FACTOR * chance + 1 or not math.isfinite(evaluation.loss):
                net.restore(good)
                self._final_evaluation()
                self._end(
                    DIVERGED,
                    "transfer_learning.run.diverged",
                    epoch=epoch + 1,
                    loss=train_loss,
                    lr=s.lr,
                )
                return
            self.evaluation = evaluation
            good = net.snapshot()
            self._epoch_images = 0
            yield
        self._epoch = s.epochs
        net.set_training(False)
        self._end(
            DONE,
            "transfer_learning.run.done",
            epochs=s.epochs,
            accuracy=self.evaluation.accuracy * 100,
        )

    def _evaluate(
        self, image_set: ImageSet | None = None, acts: torch.Tensor | None = None
    ) -> Evaluation:
        """The current weights on the validation images (or another evaluated set)."""
        if image_set is None:
            image_set, acts = self.val_set, self._val_acts
        net = self.network
        net.set_training(False)
        rows = torch.tensor(image_set.rows, dtype=torch.long)
        labels = torch.tensor(image_set.labels, dtype=torch.long)
        logits = [torch.zeros(0, net.num_classes)]
        with torch.inference_mode():
            for start in range(0, len(rows), 32):
                logits.append(net(as_input(acts[rows[start : start + 32]], self.spec)))
        logits_t = torch.cat(logits)
        loss = float(F.cross_entropy(logits_t, labels)) if len(labels) else float("nan")
        return Evaluation(
            rows=tuple(image_set.rows),
            labels=labels.numpy(),
            predicted=logits_t.argmax(1).numpy(),
            probabilities=logits_t.softmax(1).numpy(),
            loss=loss,
        )

    def _final_evaluation(self) -> None:
        self.evaluation = self._evaluate()


# ---------------------------------------------------------------- the per-process cap


class RunSlots:
    """At most ``capacity`` runs train at once in this process; the rest wait in line.

    A run asks for a slot on every tick (``request``); a run whose page stopped asking
    for ``stale_after`` seconds (the visitor left) loses its slot or its place in line.
    """

    def __init__(
        self, capacity: int, stale_after: float = 20.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.capacity = max(1, int(capacity))
        self.stale_after = stale_after
        self._clock = clock
        self._running: dict[str, float] = {}
        self._waiting: dict[str, float] = {}  # insertion order = place in line
        self._lock = threading.Lock()

    def _drop_stale(self, now: float) -> None:
        for table in (self._running, self._waiting):
            for run_id in [r for r, seen in table.items() if now - seen > self.stale_after]:
                del table[run_id]

    def request(self, run_id: str) -> int:
        """0 when ``run_id`` may train now, else its place in line (1 = next)."""
        with self._lock:
            now = self._clock()
            self._drop_stale(now)
            if run_id in self._running:
                self._running[run_id] = now
                return 0
            self._waiting[run_id] = now  # a dict keeps a waiting run's place in line
            line = list(self._waiting)
            free = self.capacity - len(self._running)
            position = line.index(run_id)
            if position < free:
                del self._waiting[run_id]
                self._running[run_id] = now
                return 0
            return position + 1

    def release(self, run_id: str) -> None:
        with self._lock:
            self._running.pop(run_id, None)
            self._waiting.pop(run_id, None)

    @property
    def running(self) -> int:
        with self._lock:
            self._drop_stale(self._clock())
            return len(self._running)

    @property
    def waiting(self) -> int:
        with self._lock:
            self._drop_stale(self._clock())
            return len(self._waiting)
