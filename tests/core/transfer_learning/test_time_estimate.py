"""The time a student is told: calibrated on the run itself, in waiting time, and honest
about the cache. Measured times are injected, so every number here is exact."""

from __future__ import annotations

import time

import pytest

from core.transfer_learning.figures import format_seconds
from core.transfer_learning.frozen_pass import ActivationCache
from core.transfer_learning.progress import RunProgress, done_fraction, wall_left
from core.transfer_learning.results import summarize
from core.transfer_learning.speed import SpeedEstimate
from tests.core.transfer_learning.runs import training_run

PROBE = SpeedEstimate(pixels=0.002, frozen=0.008, train=0.004, evaluate=0.001)


def test_before_anything_is_measured_the_probe_is_the_estimate():
    counts = RunProgress(features_total=100)
    assert counts.probe_factor(PROBE) == 1.0
    assert counts.per_image(PROBE) == pytest.approx((0.010, 0.004, 0.001))
    # 100 frozen outputs, then 2 epochs of 80 training and 20 validation images
    eta = counts.eta_seconds(PROBE, True, 80, 20, 2, 0)
    assert eta == pytest.approx(100 * 0.010 + 160 * 0.004 + 40 * 0.001)


def test_once_the_frozen_pass_is_timed_the_rest_is_rescaled_by_how_far_the_probe_was_off():
    # 50 images took 1.0 s where the probe said 0.5 s: this machine is twice as slow now
    counts = RunProgress(features_total=100, features_done=50, features_computed=50)
    counts.feature_seconds = 1.0
    assert counts.probe_factor(PROBE) == pytest.approx(2.0)
    per_feature, per_train, per_eval = counts.per_image(PROBE)
    assert (per_feature, per_train, per_eval) == pytest.approx((0.02, 0.008, 0.002))
    eta = counts.eta_seconds(PROBE, True, 80, 20, 2, 0)
    assert eta == pytest.approx(50 * 0.02 + 160 * 0.008 + 40 * 0.002)


def test_a_measured_kind_of_work_uses_its_own_speed():
    counts = RunProgress(features_total=100, features_done=100, features_computed=100)
    counts.feature_seconds = 0.5  # the probe's 1.0 s: factor 0.5 for what is not measured
    counts.train_images, counts.train_seconds = 40, 0.04  # 1 ms, measured
    counts.epoch, counts.epoch_images = 0, 40
    per_feature, per_train, per_eval = counts.per_image(PROBE)
    assert per_feature == pytest.approx(0.005) and per_train == pytest.approx(0.001)
    factor = (0.5 + 0.04) / (100 * 0.010 + 40 * 0.004)
    assert counts.probe_factor(PROBE) == pytest.approx(factor)
    assert per_eval == pytest.approx(0.001 * factor)
    eta = counts.eta_seconds(PROBE, False, 80, 20, 2, 0)
    assert eta == pytest.approx(120 * 0.001 + 40 * 0.001 * factor)


def test_outputs_from_the_cache_teach_no_speed():
    counts = RunProgress(features_total=100, features_done=100, cache_hits=1)
    assert counts.probe_factor(PROBE) == 1.0
    assert counts.per_image(PROBE)[0] == pytest.approx(0.010)


def test_compute_time_left_becomes_waiting_time_at_the_runs_own_ratio():
    assert wall_left(4.0, compute_done=2.0, wall_done=3.0) == pytest.approx(6.0)
    assert wall_left(4.0, compute_done=2.0, wall_done=1.0) == pytest.approx(4.0), "never less"
    assert wall_left(4.0, compute_done=0.0, wall_done=0.0) == pytest.approx(4.0)
    assert wall_left(None, 1.0, 1.0) is None
    assert done_fraction(6.0, 2.0) == pytest.approx(0.75)


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_run_reports_the_wait_and_its_time_left_in_wall_clock(lite0, shapes):  # noqa: F811
    clock = Clock()
    run = training_run(lite0, shapes, estimate=PROBE, clock=clock, cache=ActivationCache())
    clock.now += 2.0  # the click's page run, before the first step: not part of the ratio
    run.advance(0.0)  # one step
    compute = run.seconds
    clock.now += 3 * compute  # the page redraws between steps: waiting is 3x the work
    sizes = len(run.train_set.rows), len(run.val_set.rows)
    compute_left = run.counts.eta_seconds(PROBE, run.status == "features", *sizes, 3, 0)
    assert run.eta_seconds() == pytest.approx(3 * compute_left)
    run.run_to_end()
    clock.now += 1.0  # after the end: not waited for this run
    assert run.wall_seconds == pytest.approx(2.0 + 3 * compute)
    summary = summarize(run)
    assert summary.wall_seconds == pytest.approx(2.0 + 3 * compute)
    assert 0 < summary.frozen_seconds <= summary.seconds and not summary.from_cache
    assert run.counts.features_computed == run.counts.features_total


def test_a_second_identical_run_takes_its_frozen_outputs_from_the_cache(lite0, shapes):  # noqa: F811
    cache = ActivationCache()
    first = training_run(lite0, shapes, cache=cache).run_to_end()
    second = training_run(lite0, shapes, cache=cache).run_to_end()
    assert not first.from_cache and second.from_cache
    assert second.counts.features_computed == 0 and second.counts.feature_seconds == 0.0
    assert summarize(second).from_cache and summarize(second).frozen_seconds == 0.0


def test_one_unit_format_per_language():
    assert format_seconds(6.54, "ko", about=True) == "약 6.5초"
    assert format_seconds(6.54, "en", about=True) == "≈ 6.5 s"
    assert format_seconds(0.234, "ko") == "0.23초"
    assert format_seconds(0.234, "en") == "0.23 s"


def test_the_frozen_pass_counts_only_its_work_not_the_pauses_between_ticks(lite0, shapes):  # noqa: F811
    """A page advances a run a little per tick: the pause between ticks is waiting, not the
    frozen pass's compute time (which is part of the run's compute time)."""
    run = training_run(lite0, shapes, cache=ActivationCache())
    while run.status == "features":
        run.advance(0.0)  # one batch
        time.sleep(0.2)  # the page between two ticks
    run.run_to_end()
    assert 0 < run.counts.feature_seconds <= run.seconds
