"""The augmentation lab's notebook, executed in a real kernel, prints the lab's numbers:
the crop boxes, every sample's pixels and the box statistics."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from PIL import Image

from bench.notebook_kernel import execute
from core.augmentation.distributions import box_statistics
from core.augmentation.notebook import augmentation_notebook
from core.augmentation.pipeline import AugmentPipeline, TransformStep
from core.augmentation.sampling import sample_pipeline
from core.common.notebook import printed_numbers

pytestmark = pytest.mark.slow  # a Jupyter kernel per state

DRAWS = 600


def _panorama() -> Image.Image:
    """A wide upload-like photo: with a narrow ratio range most boxes need many tries."""
    rng = np.random.default_rng(3)
    return Image.fromarray(rng.integers(0, 256, size=(40, 500, 3), dtype=np.uint8))


STATES = {
    "extras_ko": dict(
        pipeline=AugmentPipeline(
            scale=(0.1, 1.0),
            ratio=(0.5, 2.0),
            interpolation="bicubic",
            extras=(
                TransformStep.of("hflip", p=0.7),
                TransformStep.of("jitter", hue=0.2),
                TransformStep.of("rotation", degrees=30.0),
            ),
            size=(100, 160),
        ),
        seed=7,
        rows=2,
        cols=4,
        lang="ko",
    ),
    "fallbacks_en": dict(
        pipeline=AugmentPipeline(
            scale=(0.6, 0.9), ratio=(0.8, 1.25), interpolation="nearest", size=(64, 64)
        ),
        seed=123,
        rows=3,
        cols=2,
        lang="en",
        image=_panorama(),
    ),
}


@pytest.mark.parametrize("state", STATES)
def test_the_notebook_prints_the_labs_boxes_pixels_and_statistics(state, cat):
    s = STATES[state]
    image = s.get("image", cat)
    nb = augmentation_notebook(
        image, s["pipeline"], s["seed"], s["rows"], s["cols"], s["lang"], draws=DRAWS
    )
    executed, _ = execute(nb)
    got = printed_numbers(executed)

    samples = sample_pipeline(image, s["pipeline"], s["rows"] * s["cols"], s["seed"])
    assert got["image_size"] == [image.height, image.width]
    assert got["boxes"] == [list(x.box) for x in samples]
    assert got["image_sha256"] == [hashlib.sha256(x.image.tobytes()).hexdigest() for x in samples]
    stats = box_statistics(
        image.height, image.width, s["pipeline"].scale, s["pipeline"].ratio, DRAWS, s["seed"]
    )
    assert got["n"] == stats.n
    assert got["fallback_rate"] == stats.fallback_rate
    assert got["mean_attempts"] == stats.mean_attempts
    assert got["attempt_acceptance"] == stats.attempt_acceptance
    if state == "fallbacks_en":
        assert stats.fallback_rate > 0  # the state does exercise the central crop


def test_markdown_is_in_the_chosen_language_and_holds_no_user_data(cat):
    pipeline = AugmentPipeline()
    ko = augmentation_notebook(cat, pipeline, 0, 2, 4, "ko", draws=10)
    en = augmentation_notebook(cat, pipeline, 0, 2, 4, "en", draws=10)
    ko_text = " ".join(c.source for c in ko.cells if c.cell_type == "markdown")
    en_text = " ".join(c.source for c in en.cells if c.cell_type == "markdown")
    assert "데이터 확장" in ko_text and "Data augmentation" in en_text
    assert [c.source for c in ko.cells if c.cell_type == "code"] == [
        c.source for c in en.cells if c.cell_type == "code"
    ]
