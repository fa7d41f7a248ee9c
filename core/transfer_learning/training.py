"""A short transfer-learning run that advances in small steps, so a page can draw it live.

Its parts: the plan (``plan``: settings, images, boundary), the frozen part's outputs
(``frozen_outputs``: from the shared cache, computing what is missing batch by batch), the
network (``network``), the evaluation (``evaluation``), the time-left estimate and counters
(``progress``), and here the loop: epoch by epoch, evaluating on the validation images after
every epoch. ``advance(seconds)`` does as many small steps as fit in that budget; ``stop()``
keeps what was learned. A NaN or diverging loss stops the run, restores the last good
weights and says why. Every way a run ends evaluates the final weights explicitly
(validation, then the source's test split), except a failure; ``finetuned_model()`` hands
the result over.
"""

from __future__ import annotations

import math
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import torch
from PIL import Image
from torch.nn import functional as F

from core.common.backbones import BackboneSpec, Stage
from core.common.background import yield_to_foreground
from core.common.handover import FineTunedModel
from core.common.memory import release_free_heap
from core.transfer_learning.evaluation import Evaluation, evaluate
from core.transfer_learning.frozen_outputs import FrozenOutputs
from core.transfer_learning.frozen_pass import (
    ActivationCache,
    as_input,
    augmented_batch,
    torch_threads,
)
from core.transfer_learning.network import TransferNetwork
from core.transfer_learning.plan import ImageSet, RunSettings, plan_run
from core.transfer_learning.progress import RunProgress, done_fraction, wall_left
from core.transfer_learning.speed import SpeedEstimate

# A loss this many times chance level (ln K) after an epoch, or this high on one batch,
# means the run is diverging (usually the learning rate is too high).
DIVERGE_EPOCH_FACTOR = 3.0
DIVERGE_STEP_LOSS = 100.0


@dataclass
class EpochRecord:
    epoch: int
    train_loss: float
    train_acc: float
    val_loss: float
    val_acc: float
    seconds: float  # since the run started


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
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``augment(resolution)`` gives the augmentation lab's PIL -> PIL transform;
        ``test`` (a source's own test split) is evaluated once at the end; ``clock``: the
        wall clock the student waits by (a test's own)."""
        self.stage_list = list(stage_list)
        self.spec = spec
        self.settings = settings
        self.train_set, self.val_set, self.test_set = train, val, test
        self.class_names = tuple(class_names)
        self.display_names = tuple(display_names or class_names)  # translated, for the screen
        self.cache = cache
        self.augment = augment if settings.augment else None
        self.augment_id = augment_id
        self.estimate = estimate
        self.label = label
        self.number = number  # the run's number in its session (#1, #2, ...)
        self.plan = plan_run(stage_list, settings, train, val, test, self.augment is not None)
        self.counts = RunProgress()
        self._train_rows = torch.tensor(train.rows, dtype=torch.long)
        self.history: list[EpochRecord] = []
        self.status = FEATURES
        self.message_key = ""  # i18n key explaining how the run ended (stop, NaN, divergence)
        self.message_params: dict = {}
        self.error: Exception | None = None
        self.network: TransferNetwork | None = None
        self.evaluation: Evaluation | None = None
        self.test_evaluation: Evaluation | None = None
        self.seconds = 0.0  # compute time spent so far
        self._clock = clock
        self.started_at = clock()  # Start pressed
        self._first_step_at: float | None = None
        self.ended_at: float | None = None
        self.steps_done = 0
        self._acts: dict[str, torch.Tensor] = {}  # frozen outputs: "train", "val", "test"
        self._lock = threading.Lock()  # one thread at a time advances this run
        # The suspended work sees the run through a weak proxy: a run that held its own
        # generator would be a reference cycle, left to the cycle collector, and one that
        # gc.freeze() (ui.common.frame) caught would never be freed after its visitor left.
        self._work = TrainingRun._steps(weakref.proxy(self))

    # ------------------------------------------------------------ public
    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def epochs_done(self) -> int:
        return len(self.history)

    @property
    def epochs_trained(self) -> float:
        """Finished epochs, plus the part of the next one a stopped run got through."""
        part = self._unfinished_epoch() if self.status == STOPPED else 0.0
        return len(self.history) + part

    def _unfinished_epoch(self) -> float:
        """The part of the current epoch done (0 between epochs)."""
        return self.counts.epoch_images / max(len(self.train_set.rows), 1)

    def advance(self, budget_s: float) -> None:
        """Do work for about ``budget_s`` seconds (at least one step)."""
        if self.finished:
            return
        with self._lock:
            if self._first_step_at is None:
                self._first_step_at = self._clock()
            start = time.perf_counter()
            deadline = start + budget_s
            yielded = 0.0  # to the pages (core.common.background): not this run's time
            try:
                while not self.finished:
                    step = time.perf_counter()
                    with torch_threads(1):  # see frozen_pass: one thread is faster
                        next(self._work)
                    if time.perf_counter() >= deadline:
                        break
                    yielded += yield_to_foreground(time.perf_counter() - step)
            except StopIteration:
                pass
            except Exception as err:  # e.g. out of memory on a small host: say so, no traceback
                self.error = err
                error = f"{type(err).__name__}: {err}"[:300]
                self._end(FAILED, "transfer_learning.run.failed", error=error)
            finally:
                self.seconds += time.perf_counter() - start - yielded

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
            if self.network is None or self.steps_done == 0 or "val" not in self._acts:
                self._end(STOPPED, "transfer_learning.run.stopped_early")
                return
            self._evaluate_final(validation=True)
            part = self._unfinished_epoch()
            accuracy = self.evaluation.accuracy * 100
            if part > 0:
                key = "transfer_learning.run.stopped_in_epoch"
                self._end(STOPPED, key, epoch=self.epochs_done + 1, part=part, accuracy=accuracy)
            else:
                key = "transfer_learning.run.stopped"
                self._end(STOPPED, key, epochs=self.epochs_done, accuracy=accuracy)

    @property
    def wall_seconds(self) -> float:
        """The student's waiting time: from Start to the end (or to now, while it runs)."""
        end = self.ended_at if self.ended_at is not None else self._clock()
        return end - self.started_at

    @property
    def from_cache(self) -> bool:
        """Every frozen output this run needed came from the cache."""
        return self.counts.cache_hits > 0 and self.counts.cache_misses == 0

    def eta_seconds(self) -> float | None:
        """Waiting time left: the work left at the speed this run measured (see
        ``progress``), at its own ratio of wall-clock to compute time."""
        if self.finished:
            return 0.0
        compute_left = self.counts.eta_seconds(
            self.estimate,
            self.status == FEATURES,
            len(self.train_set.rows),
            len(self.val_set.rows),
            self.settings.epochs,
            self.epochs_done,
        )
        stepping = 0.0 if self._first_step_at is None else self._clock() - self._first_step_at
        return wall_left(compute_left, self.seconds, stepping)

    def progress(self) -> float:
        """Fraction of the estimated waiting time passed, in [0, 1]."""
        return 1.0 if self.finished else done_fraction(self.wall_seconds, self.eta_seconds())

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
            number=self.number,
        )

    # ------------------------------------------------------------ how a run ends
    def _evaluate_final(self, validation: bool) -> None:
        """The final weights on the validation images (unless the last epoch's evaluation
        already is theirs) and on the source's test split."""
        if validation:
            self.evaluation = evaluate(self.network, self.spec, self.val_set, self._acts["val"])
        if "test" in self._acts and self.evaluation is not None:
            self.test_evaluation = evaluate(
                self.network, self.spec, self.test_set, self._acts["test"]
            )

    def _diverged(self, good: list, epoch: int, loss: float) -> None:
        """The one divergence exit: back to the last good weights, evaluated, and why."""
        self.network.restore(good)
        self._evaluate_final(validation=True)
        status, key = (NAN, "nan") if not math.isfinite(loss) else (DIVERGED, "diverged")
        self._end(
            status, f"transfer_learning.run.{key}", epoch=epoch + 1, loss=loss, lr=self.settings.lr
        )

    def _end(self, status: str, key: str, **params) -> None:
        self.status, self.message_key, self.message_params = status, key, params
        self.ended_at = self._clock()
        if self.network is not None:
            self.network.set_training(False)
        self._acts = {}  # the cache keeps them, if they fit
        release_free_heap()  # what the frozen pass and the training freed

    # ------------------------------------------------------------ the work, step by step
    def _steps(self) -> Iterator[None]:
        s = self.settings
        self.counts.features_total = self.plan.features_total
        frozen = FrozenOutputs(
            self.stage_list, self.spec, s, self.plan.boundary, self.cache, self.counts
        )
        self._acts, view_acts = yield from frozen.compute(
            self.plan, self.train_set, self.val_set, self.test_set, self.augment, self.augment_id
        )
        fresh = self.augment(s.resolution) if self.plan.fresh_augment else None
        # 2. the network: shared frozen groups + copies of the retrained ones
        self.status = TRAINING
        net = TransferNetwork(self.stage_list, s.trainable, len(self.class_names), seed=s.seed)
        self.network = net
        params = net.parameters()
        # one fused kernel for all parameters instead of a loop of small ones (CPU and CUDA)
        fused = all(p.device.type in ("cpu", "cuda") for p in params)
        if s.optimizer == "sgd":
            optimizer = torch.optim.SGD(params, lr=s.lr, momentum=0.9, fused=fused)
        else:
            optimizer = torch.optim.Adam(params, lr=s.lr, fused=fused)
        generator = torch.Generator().manual_seed(s.seed)
        chance = math.log(max(len(self.class_names), 2))
        good = net.snapshot()
        yield
        # 3. epochs
        for epoch in range(s.epochs):
            epoch_work = TrainingRun._epoch(self, epoch, optimizer, generator, view_acts, fresh)
            result = yield from epoch_work  # called on the proxy, like _steps
            if result[0] is not None:  # a batch's loss is NaN or huge
                self._diverged(good, epoch, result[0])
                return
            train_loss, train_acc = result[1:]
            evaluation = self._epoch_evaluation()
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
                self._diverged(good, epoch, train_loss)
                return
            self.evaluation = evaluation
            good = net.snapshot()
            self.counts.epoch_images = 0
            yield
        self.counts.epoch = s.epochs
        self._evaluate_final(validation=False)  # the last epoch's evaluation is the final one
        self._end(
            DONE,
            "transfer_learning.run.done",
            epochs=s.epochs,
            accuracy=self.evaluation.accuracy * 100,
        )

    def _batch(self, epoch: int, start: int, pick: torch.Tensor, view_acts, transform):
        """The network's input for the training rows ``pick`` of this epoch."""
        s, train, rows = self.settings, self.train_set, self._train_rows
        if transform is not None:  # everything trains: a new view every epoch
            return augmented_batch(
                [train.images[int(rows[i])] for i in pick],
                transform,
                s.resolution,
                seed=s.seed * 1_000_003 + epoch * 10_007 + start,
            )
        if view_acts:
            return view_acts[epoch % len(view_acts)][pick]
        return self._acts["train"][rows[pick]]

    def _epoch(self, epoch: int, optimizer, generator, view_acts, transform):
        """One epoch over the training rows, a yield per batch; returns (diverging loss or
        None, mean training loss, training accuracy). ``transform``: a new augmented view
        every epoch (when everything trains)."""
        s, net, counts = self.settings, self.network, self.counts
        counts.epoch, counts.epoch_images = epoch, 0
        labels = torch.tensor(self.train_set.labels, dtype=torch.long)
        net.set_training(True)
        order = torch.randperm(len(labels), generator=generator)
        loss_sum, correct = 0.0, 0
        for start in range(0, len(order), s.batch_size):
            t = time.perf_counter()
            pick = order[start : start + s.batch_size]
            y = labels[pick]
            x = as_input(self._batch(epoch, start, pick, view_acts, transform), self.spec)
            logits, backward = net.training_forward(x, s.seed * 1_000_003 + self.steps_done)
            loss = F.cross_entropy(logits, y)
            value = loss.detach().item()
            if not math.isfinite(value) or value > DIVERGE_STEP_LOSS:
                return value, 0.0, 0.0
            optimizer.zero_grad(set_to_none=True)
            backward(loss)
            optimizer.step()
            loss_sum += value * len(pick)
            correct += int((logits.argmax(1) == y).sum())
            self.steps_done += 1
            counts.epoch_images += len(pick)
            counts.train_seconds += time.perf_counter() - t
            counts.train_images += len(pick)
            yield
        return None, loss_sum / len(order), correct / len(order)

    def _epoch_evaluation(self) -> Evaluation:
        t = time.perf_counter()
        evaluation = evaluate(self.network, self.spec, self.val_set, self._acts["val"])
        self.counts.eval_seconds += time.perf_counter() - t
        self.counts.eval_images += len(self.val_set.rows)
        return evaluation


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
