"""The bundled, licensed sample photos (see assets/images/PROVENANCE.md)."""

from __future__ import annotations

from pathlib import Path

from core.common.images import LoadedImage, load_image

ASSETS = Path(__file__).resolve().parents[2] / "assets"
IMAGES = ASSETS / "images"

# name -> file; the name is also the i18n key suffix "common.sample.<name>".
SAMPLE_IMAGES = {
    "cat": "cat_chelsea.jpg",
    "coffee": "coffee.jpg",
    "astronaut": "astronaut.jpg",
    "rocket": "rocket.jpg",
}
DEFAULT_SAMPLE = "cat"


def load_sample(name: str) -> LoadedImage:
    """A bundled photo, through the same safe loader as uploads."""
    return load_image((IMAGES / SAMPLE_IMAGES[name]).read_bytes())
