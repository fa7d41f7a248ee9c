"""The notes' strategy table (5.3.2), tested: every strategy run on real data, several seeds.

Two datasets (one close to ImageNet, one far from it) x two sizes (a small and a large
sample of each) make the table's four cells; in every cell the four strategies of the
table's rows (``strategy.STRATEGY_TABLE``: retrain everything, the later half of the blocks,
the last block, only the classifier) each train once per seed. A cell's result is each
strategy's test accuracy as mean and spread over the seeds, and its training time; its
verdict compares the measured winner with the strategy the table's row names.

Every run takes the same number of optimizer steps (``ExperimentSettings.steps``), so a
small sample is seen for more epochs than a large one: the small cells cost the same as the
large ones, and "many layers on little data" gets its chance to overfit, as the notes warn.
A seed changes the new classifier's starting weights, the order of the batches and, in the
small cells, which images of the large sample are drawn.

The frozen part's outputs are computed once per dataset, before any run (each strategy's
boundary starting from the one before it, see ``frozen_pass.ActivationCache.deepest``), and
shared through the lab's process-wide cache: every run of every seed finds them there.
``StrategyExperiment.advance`` does a little work at a time (a page stays live) and
``stop`` keeps the cells already finished.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import numpy as np

from core.common.backbones import DEFAULT_BACKBONE, BackboneSpec, Stage
from core.common.background import worker_pool
from core.common.errors import UserFacingError
from core.transfer_learning import strategy
from core.transfer_learning.cells import CELLS
from core.transfer_learning.datasets import LabeledImages, synthetic_shapes
from core.transfer_learning.frozen_outputs import rows_digest
from core.transfer_learning.frozen_pass import (
    ActivationCache,
    ActivationKey,
    compute_activations,
)
from core.transfer_learning.plan import ImageSet, RunSettings
from core.transfer_learning.training import TrainingRun

# The table's rows in order: row n's strategy is STRATEGIES[n - 1].
STRATEGIES = tuple(row.preset for row in strategy.STRATEGY_TABLE)

# status values
FEATURES, TRAINING, DONE, STOPPED, FAILED = "features", "training", "done", "stopped", "failed"

AGREES, TOO_CLOSE, DISAGREES = "agrees", "too_close", "disagrees"


@dataclass(frozen=True)
class ExperimentSettings:
    """Everything that defines an experiment besides its two datasets.

    The defaults fit a class exercise on a 2-core host (``bench/strategy.py`` measures it):
    96 px keeps a full fine-tuning step affordable on a CPU, and the bundled backbone works
    offline.
    """

    backbone: str = DEFAULT_BACKBONE
    small_per_class: int = 4
    large_per_class: int = 16
    seeds: int = 3
    steps: int = 12  # optimizer steps per run, the same for every run
    batch_size: int = 8
    resolution: int = 96
    test_per_class: int = 25
    optimizer: str = "adam"

    def __post_init__(self) -> None:
        if not 1 <= self.small_per_class < self.large_per_class:
            raise ValueError("the small sample must be smaller than the large one")
        if self.seeds < 1 or self.steps < 1 or self.test_per_class < 1:
            raise ValueError("seeds, steps and test images must be positive")

    def per_class(self, size: str) -> int:
        return self.small_per_class if size == "small" else self.large_per_class

    def epochs_for(self, n_train: int) -> int:
        """Epochs that give about ``steps`` optimizer steps on ``n_train`` images."""
        per_epoch = math.ceil(n_train / self.batch_size)
        return max(1, round(self.steps / per_epoch))

    @staticmethod
    def lr(preset: str) -> float:
        """Each strategy at the lab's usual learning rate for it."""
        return strategy.RECOMMENDED_LR[preset]


# ---------------------------------------------------------------- the two datasets


@dataclass(frozen=True)
class Side:
    """One dataset of the experiment: its large sample (every size draws from it) and its
    test images, both cached as one list of images each."""

    similarity: str  # "close" or "far"
    class_names: tuple[str, ...]
    fingerprint: str  # of the dataset it came from
    pool: ImageSet  # the large sample: every row
    test: ImageSet

    def rows(self, size: str, seed: int, settings: ExperimentSettings) -> tuple[int, ...]:
        """The training rows of ``size``: the whole pool, or per class a seeded draw of
        ``small_per_class`` of its pool images."""
        if size == "large":
            return self.pool.rows
        labels = np.asarray(self.pool.labels)
        picked: list[int] = []
        for label in range(len(self.class_names)):
            members = np.flatnonzero(labels == label)
            order = np.random.default_rng([int(seed), label, 7]).permutation(members)
            picked += order[: settings.small_per_class].tolist()
        return tuple(sorted(picked))

    def train_set(self, rows: Sequence[int]) -> ImageSet:
        labels = tuple(self.pool.labels[i] for i in rows)
        return ImageSet(self.pool.images, self.pool.images_id, tuple(rows), labels)

    def probe_set(self) -> ImageSet:
        """One test image per class: the per-epoch check a run needs to catch divergence.
        (The accuracy reported is the whole test set's, once, at the end.)"""
        seen: dict[int, int] = {}
        for row, label in zip(self.test.rows, self.test.labels):
            seen.setdefault(label, row)
        rows = tuple(sorted(seen.values()))
        labels = tuple(self.test.labels[self.test.rows.index(r)] for r in rows)
        return ImageSet(self.test.images, self.test.images_id, rows, labels)


def _per_class_sample(labels: Sequence[int], candidates: Sequence[int], n: int, seed: int):
    """Up to ``n`` of ``candidates`` per class, in a seeded order, sorted by class."""
    labels_arr = np.asarray(labels)
    chosen: list[int] = []
    cand = np.asarray(candidates, dtype=np.int64)
    for label in np.unique(labels_arr[cand]) if len(cand) else []:
        members = cand[labels_arr[cand] == label]
        chosen += np.random.default_rng([seed, int(label)]).permutation(members)[:n].tolist()
    return chosen


def make_side(data: LabeledImages, similarity: str, settings: ExperimentSettings) -> Side:
    """The experiment's view of a dataset: its own test split if it has one (else its
    validation images), a large sample of the rest, test images capped per class."""
    if data.test is not None and len(data.test):
        candidates, test_data = list(range(len(data))), data.test
        test_rows = list(range(len(data.test)))
    else:
        candidates, test_rows = data.split()
        test_data = data
    pool_rows = _per_class_sample(data.labels, candidates, settings.large_per_class, 0)
    test_pick = _per_class_sample(test_data.labels, test_rows, settings.test_per_class, 1)
    classes = len(data.class_names)
    counts = np.bincount([data.labels[i] for i in pool_rows], minlength=classes)
    if len(counts) < 2 or counts.min() <= settings.small_per_class:
        raise UserFacingError(
            "transfer_learning.experiment.too_few_images",
            n=int(counts.min()) if len(counts) else 0,
            small=settings.small_per_class,
        )
    pool = ImageSet(
        tuple(data.images[i] for i in pool_rows),
        f"{data.fingerprint}/{rows_digest(pool_rows)}",
        tuple(range(len(pool_rows))),
        tuple(data.labels[i] for i in pool_rows),
    )
    test = ImageSet(
        tuple(test_data.images[i] for i in test_pick),
        f"{test_data.fingerprint}/test/{rows_digest(test_pick)}",
        tuple(range(len(test_pick))),
        tuple(test_data.labels[i] for i in test_pick),
    )
    return Side(similarity, data.class_names, data.fingerprint, pool, test)


def shapes_with_test(per_class: int, test_per_class: int, seed: int = 0) -> LabeledImages:
    """The offline shapes (far from ImageNet) with a test split drawn from other seeds."""
    train = synthetic_shapes(per_class, seed)
    test = synthetic_shapes(test_per_class, seed + 1)
    return replace(train, test=test, fingerprint=f"{train.fingerprint}+{test.fingerprint}")


# ---------------------------------------------------------------- results and verdicts


@dataclass
class StrategyResult:
    """One strategy in one cell: test accuracy and seconds of each finished seed."""

    strategy: str
    trainable: tuple[str, ...]
    acc_per_seed: list[float] = field(default_factory=list)
    seconds_per_seed: list[float] = field(default_factory=list)

    @property
    def acc_mean(self) -> float:
        return float(np.mean(self.acc_per_seed)) if self.acc_per_seed else float("nan")

    @property
    def acc_spread(self) -> float:
        """Standard deviation over the seeds (0 for one seed)."""
        if len(self.acc_per_seed) < 2:
            return 0.0
        return float(np.std(self.acc_per_seed, ddof=1))

    @property
    def seconds(self) -> float:
        """Mean seconds of one run (training and evaluation; the shared frozen pass is not
        part of it)."""
        return float(np.mean(self.seconds_per_seed)) if self.seconds_per_seed else float("nan")


@dataclass(frozen=True)
class Verdict:
    """The measured winner of a cell against the strategy of the table's row.

    ``too_close``: the table's strategy is not the best mean, but behind it by no more than
    the larger of the two spreads (the seeds' own noise): the measurement cannot tell.
    """

    kind: str  # AGREES, TOO_CLOSE or DISAGREES
    row: int  # the notes' table row of this cell
    expected: str  # the row's strategy
    winner: str  # the strategy with the best mean accuracy
    margin: float  # winner's mean - expected's mean (0 when they agree)
    noise: float  # the larger spread of the two


def verdict(row: strategy.StrategyRow, results: dict[str, StrategyResult]) -> Verdict:
    """Which strategy won (best mean; a tie goes to the table's), and whether the table's
    row agrees."""
    expected = results[row.preset]
    best = max(results.values(), key=lambda r: (r.acc_mean, r.strategy == row.preset))
    margin = best.acc_mean - expected.acc_mean
    noise = max(best.acc_spread, expected.acc_spread)
    if best.strategy == row.preset or margin <= 0:
        kind = AGREES
    elif margin <= noise:
        kind = TOO_CLOSE
    else:
        kind = DISAGREES
    winner = row.preset if kind == AGREES else best.strategy
    return Verdict(kind, row.number, row.preset, winner, max(margin, 0.0), noise)


def guess_verdict(guess: str | None, cell: CellResult) -> str | None:
    """A student's guess against the measurement: AGREES (the winner), TOO_CLOSE (within
    the seeds' spread of it) or DISAGREES; None without a guess or a finished cell."""
    if guess not in STRATEGIES or cell.verdict is None:
        return None
    if guess == cell.verdict.winner:
        return AGREES
    best, guessed = cell.strategies[cell.verdict.winner], cell.strategies[guess]
    if best.acc_mean - guessed.acc_mean <= max(best.acc_spread, guessed.acc_spread):
        return TOO_CLOSE
    return DISAGREES


@dataclass
class CellResult:
    size: str
    similarity: str
    row: strategy.StrategyRow
    n_train: int
    n_test: int
    epochs: int
    strategies: dict[str, StrategyResult]
    complete: bool  # every strategy ran every seed
    n_classes: int = 2

    @property
    def verdict(self) -> Verdict | None:
        return verdict(self.row, self.strategies) if self.complete else None


def row_of(size: str, similarity: str) -> strategy.StrategyRow:
    return strategy.advise(size == "large", similarity == "close")


# ---------------------------------------------------------------- the experiment


@dataclass
class Trial:
    size: str
    similarity: str
    strategy: str
    seed: int
    run: TrainingRun | None = None
    accuracy: float | None = None  # the test split's, when the run ended normally
    loss: float | None = None  # the test split's cross-entropy
    seconds: float = 0.0

    @property
    def finished(self) -> bool:
        return self.run is not None and self.run.finished


def _workers_pool() -> ThreadPoolExecutor:
    """Threads that advance runs side by side (each with one intra-op thread)."""
    return worker_pool("tl-experiment", 2)


class StrategyExperiment:
    """The whole grid, advanced a little at a time; ``stop`` keeps the finished cells."""

    def __init__(
        self,
        stage_list: Sequence[Stage],
        spec: BackboneSpec,
        sides: dict[str, Side],
        settings: ExperimentSettings,
        cache: ActivationCache | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stage_list, self.spec, self.settings = list(stage_list), spec, settings
        self.sides = sides
        self.cache = cache if cache is not None else ActivationCache()
        self.infos = strategy.group_infos(self.stage_list)
        self.trainable = {p: strategy.trainable_names(self.infos, p) for p in STRATEGIES}
        self.trials = [
            Trial(size, sim, preset, seed)
            for size, sim in CELLS
            for preset in STRATEGIES  # fewest frozen groups first: each boundary is cached
            for seed in range(settings.seeds)
        ]
        self.status = FEATURES
        self.error = ""
        self.seconds_features = 0.0  # the shared frozen pass, once for the whole grid
        self.features_done = 0
        self.features_total = 0
        self._clock = clock
        self.started_at = clock()
        self.ended_at: float | None = None
        self._lock = threading.Lock()
        self._features = self._frozen_pass()

    # ------------------------------------------------------------ public
    @property
    def finished(self) -> bool:
        return self.status in (DONE, STOPPED, FAILED)

    @property
    def wall_seconds(self) -> float:
        end = self.ended_at if self.ended_at is not None else self._clock()
        return end - self.started_at

    def advance(self, budget_s: float, workers: int = 1) -> None:
        """About ``budget_s`` seconds of work; ``workers`` runs side by side (1 or 2)."""
        if self.finished:
            return
        with self._lock:
            deadline = time.perf_counter() + budget_s
            try:
                while not self.finished and time.perf_counter() < deadline:
                    left = max(deadline - time.perf_counter(), 0.01)
                    if self.status == FEATURES:
                        self._advance_features(deadline)
                    else:
                        self._advance_trials(left, max(1, min(int(workers), 2)))
            except Exception as err:  # out of memory on a small host: say so, keep results
                self.error = f"{type(err).__name__}: {err}"[:300]
                self._end(FAILED)

    def run_to_end(self, workers: int = 1) -> StrategyExperiment:
        while not self.finished:
            self.advance(10.0, workers)
        return self

    def stop(self) -> None:
        """Stop now: the cells already finished stay, the others show what they have."""
        with self._lock:
            if self.finished:
                return
            self._features.close()
            for trial in self.trials:
                if trial.run is not None and not trial.run.finished:
                    trial.run.stop()
            self._end(STOPPED)

    def cells(self) -> list[CellResult]:
        return [self.cell(size, sim) for size, sim in CELLS]

    def cell(self, size: str, similarity: str) -> CellResult:
        side = self.sides[similarity]
        rows = side.rows(size, 0, self.settings)
        results = {p: StrategyResult(p, self.trainable[p]) for p in STRATEGIES}
        complete = True
        for trial in self._cell_trials(size, similarity):
            if trial.accuracy is None:
                complete = False
                continue
            results[trial.strategy].acc_per_seed.append(trial.accuracy)
            results[trial.strategy].seconds_per_seed.append(trial.seconds)
        return CellResult(
            size,
            similarity,
            row_of(size, similarity),
            len(rows),
            len(side.test.rows),
            self.settings.epochs_for(len(rows)),
            results,
            complete,
            len(side.class_names),
        )

    def cell_progress(self, size: str, similarity: str) -> float:
        """Share of the cell's runs done (a run under way counts by its own progress)."""
        trials = self._cell_trials(size, similarity)
        done = sum(
            1.0 if t.finished else (t.run.progress() if t.run is not None else 0.0) for t in trials
        )
        return done / len(trials)

    def progress(self) -> float:
        if self.status == DONE:
            return 1.0
        features = self.features_done / self.features_total if self.features_total else 0.0
        cells = sum(self.cell_progress(size, sim) for size, sim in CELLS) / len(CELLS)
        return min(0.1 * features + 0.9 * cells, 0.999)

    # ------------------------------------------------------------ the frozen pass
    def boundaries(self) -> list[int]:
        return sorted({strategy.boundary_index(self.infos, n) for n in self.trainable.values()})

    def _frozen_pass(self) -> Iterator[None]:
        """Every strategy's frozen outputs for both datasets' samples and test images, each
        boundary starting from the one before (cached): one forward pass per image."""
        jobs = [
            (image_set, boundary)
            for side in self.sides.values()
            for image_set in (side.pool, side.test)
            for boundary in self.boundaries()
        ]
        self.features_total = sum(len(s.images) for s, _ in jobs)
        s = self.settings
        for image_set, boundary in jobs:
            key = ActivationKey(image_set.images_id, s.backbone, s.resolution, boundary)
            work = compute_activations(
                self.stage_list, self.spec, list(image_set.images), key, self.cache
            )
            before = self.features_done
            for done in work:
                self.features_done = before + done
                yield

    def _advance_features(self, deadline: float) -> None:
        start = time.perf_counter()
        try:
            while time.perf_counter() < deadline:
                next(self._features)
        except StopIteration:
            self.status = TRAINING
        finally:
            self.seconds_features += time.perf_counter() - start

    # ------------------------------------------------------------ the runs
    def _cell_trials(self, size: str, similarity: str) -> list[Trial]:
        return [t for t in self.trials if (t.size, t.similarity) == (size, similarity)]

    def make_run(self, trial: Trial) -> TrainingRun:
        """The run of ``trial``: its strategy's groups, its seed's rows, the cached frozen
        outputs, the test images evaluated once at the end."""
        s, side = self.settings, self.sides[trial.similarity]
        rows = side.rows(trial.size, trial.seed, s)
        settings = RunSettings(
            backbone=s.backbone,
            trainable=self.trainable[trial.strategy],
            preset=trial.strategy,
            epochs=s.epochs_for(len(rows)),
            lr=s.lr(trial.strategy),
            batch_size=s.batch_size,
            optimizer=s.optimizer,
            resolution=s.resolution,
            seed=trial.seed,
        )
        return TrainingRun(
            self.stage_list,
            self.spec,
            settings,
            side.train_set(rows),
            side.probe_set(),
            side.class_names,
            cache=self.cache,
            test=side.test,
        )

    def _advance_trials(self, budget_s: float, workers: int) -> None:
        active = [t for t in self.trials if not t.finished][:workers]
        if not active:
            self._end(DONE)
            return
        for trial in active:
            if trial.run is None:
                trial.run = self.make_run(trial)
        if len(active) == 1:
            active[0].run.advance(budget_s)
        else:
            futures = [_workers_pool().submit(t.run.advance, budget_s) for t in active]
            for f in futures:
                f.result()
        for trial in active:
            self._record(trial)

    def _record(self, trial: Trial) -> None:
        run = trial.run
        if not run.finished:
            return
        if run.status == "failed":
            raise RuntimeError(run.message_params.get("error", "a run failed"))
        trial.seconds = run.seconds - run.counts.feature_seconds
        if run.test_evaluation is not None and run.status != "stopped":
            trial.accuracy = run.test_evaluation.accuracy
            trial.loss = run.test_evaluation.loss
        run.network = None  # the weights are not kept: only the numbers are shown

    def _end(self, status: str) -> None:
        self.status = status
        self.ended_at = self._clock()
