"""The bundled, licensed sample photos (see assets/images/PROVENANCE.md)."""

from __future__ import annotations

from pathlib import Path

from core.common.images import LoadedImage, load_image
from core.common.params import ChoiceParam, Control

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


def sample_control(prefix: str) -> Control:
    """The choice of a bundled photo in the image picker whose widget keys start with
    ``prefix`` (its key is ``<prefix>_sample``, so each lab's choice has its lab's prefix)."""
    return Control(
        f"{prefix}_sample",
        ChoiceParam(DEFAULT_SAMPLE, tuple(SAMPLE_IMAGES)),
        "common.image.choose_sample",
        widget="select",
        options_label="common.sample.",
    )
