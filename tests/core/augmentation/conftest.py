"""Shared fixtures of the augmentation lab's core tests."""

from __future__ import annotations

import pytest
from PIL import Image

from core.common.samples import load_sample


@pytest.fixture(scope="session")
def cat() -> Image.Image:
    return load_sample("cat").image  # 451 x 300
