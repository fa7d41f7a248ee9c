"""The similarity measures (core.common.similarity) against scipy and scikit-image."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from skimage.metrics import structural_similarity

from core.common.similarity import spearman, ssim


def test_rank_correlation_equals_scipy_with_and_without_ties():
    rng = np.random.default_rng(0)
    a = rng.random((30, 30))
    b = a + 0.5 * rng.random((30, 30))
    ties_a, ties_b = np.round(a * 4), np.round(b * 3)
    for x, y in ((a, b), (ties_a, ties_b), (a, -a), (ties_a, b)):
        expected = stats.spearmanr(x.ravel(), y.ravel()).statistic
        assert spearman(x, y) == pytest.approx(expected, abs=1e-12)
    assert np.isnan(spearman(np.zeros((4, 4)), a[:4, :4]))


def test_ssim_equals_scikit_image():
    rng = np.random.default_rng(1)
    a = rng.random((40, 50))
    b = np.clip(a + 0.2 * rng.standard_normal((40, 50)), 0, 1)
    for x, y in ((a, b), (a, np.zeros_like(a)), (a, a), (a, 1 - a)):
        expected = structural_similarity(x, y, data_range=1.0)
        assert ssim(x, y) == pytest.approx(expected, abs=1e-10)
