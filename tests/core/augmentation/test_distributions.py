"""Many box draws against the closed-form chance that a proposal fits."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.augmentation.distributions import (
    acceptance_probability,
    box_statistics,
    expected_fallback_rate,
)
from core.augmentation.sampling import sample_crops


def test_box_statistics_start_with_the_grids_boxes(cat):
    stats = box_statistics(cat.height, cat.width, (0.1, 1.0), (0.5, 2.0), 1000, 8)
    grid = sample_crops(cat, (32, 32), (0.1, 1.0), (0.5, 2.0), 8, 8)
    assert stats.n == 1000
    np.testing.assert_allclose(stats.area_fraction[:8], [s.area_fraction for s in grid])
    np.testing.assert_allclose(stats.log_ratio[:8], [math.log(s.aspect_ratio) for s in grid])
    assert list(stats.fallback[:8]) == [s.fallback for s in grid]


def test_fitted_boxes_fill_the_chosen_ranges():
    stats = box_statistics(1080, 1920, (0.1, 1.0), (0.5, 2.0), 4000, 0)
    fitted = ~stats.fallback
    assert stats.area_fraction[fitted].min() >= 0.1 - 0.01 and stats.area_fraction.max() <= 1.0
    assert stats.log_ratio[fitted].min() >= math.log(0.5) - 0.01
    assert stats.log_ratio[fitted].max() <= math.log(2.0) + 0.01
    # areas below exp(-|ln 0.5 - ln(16/9)|) = 0.28 fit for every ratio: their density is flat;
    # large areas fit only for ratios near 16:9, so they are rarer
    area = stats.area_fraction[fitted]
    low, high = ((area >= 0.10) & (area < 0.19)).sum(), ((area >= 0.19) & (area < 0.28)).sum()
    assert abs(low - high) < 0.15 * (low + high) / 2
    assert ((area >= 0.90) & (area < 0.99)).sum() < 0.5 * low


@pytest.mark.parametrize(
    "height,width,scale,ratio",
    [
        (1080, 1920, (0.1, 1.0), (0.5, 2.0)),
        (1080, 1920, (0.6, 1.0), (0.25, 4.0)),
        (900, 300, (0.5, 1.0), (0.25, 4.0)),
        (300, 451, (0.9, 1.0), (0.2, 5.0)),
    ],
)
def test_measured_acceptance_and_fallback_match_the_formula(height, width, scale, ratio):
    """Monte Carlo through torchvision's own algorithm vs the closed-form acceptance."""
    stats = box_statistics(height, width, scale, ratio, 3000, 1)
    p = acceptance_probability(height, width, scale, ratio)
    proposals = stats.attempts.sum()
    assert abs(stats.attempt_acceptance - p) < 4 * math.sqrt(p * (1 - p) / proposals) + 0.01
    q = expected_fallback_rate(height, width, scale, ratio)
    assert abs(stats.fallback_rate - q) < 4 * math.sqrt(max(q * (1 - q), 1e-4) / stats.n) + 0.01
    assert stats.mean_attempts >= 1


def test_acceptance_probability_against_a_brute_force_count():
    rng = np.random.default_rng(0)
    h, w, scale, ratio = 1080, 1920, (0.3, 1.0), (0.3, 3.0)
    s = rng.uniform(*scale, 400_000)
    r = np.exp(rng.uniform(np.log(ratio[0]), np.log(ratio[1]), 400_000))
    fits = (np.sqrt(s * h * w * r) <= w) & (np.sqrt(s * h * w / r) <= h)
    assert acceptance_probability(h, w, scale, ratio) == pytest.approx(fits.mean(), abs=0.004)
    assert acceptance_probability(h, w, (0.1, 0.1), (1.0, 1.0)) == 1.0
    assert acceptance_probability(100, 100, (1.0, 1.0), (3.0, 4.0)) == 0.0
