"""Decoding at the size a run needs: JPEGs decoded at a reduced DCT scale give the network
the same pixels, within a stated tolerance, as a full decode followed by the resize.

The reference is independent of the loader: PIL decodes the whole file, EXIF orientation
is applied, and ``eval_pixels`` does its one resize + centre crop. Tolerance: a mean
absolute difference of at most 4 grey levels over a set's pixels (a wrong crop or turn
gives 30+) and 20 for any one image. Measured on the book's 483 photos at 160 px: 2.1 over
all pixels, median 1.3 per image, 16 for one photo of thin cage wires (aliasing shifts
them by a fraction of a pixel); pooled Lite0 features have cosine similarity 0.995 on
average (0.97 at worst). The bundled cat's fur at 96 px (a 1/4-scale decode): 3.2.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
import torch
from PIL import Image, ImageOps

from core.common import backbones
from core.common.images import load_image, to_rgb
from core.common.samples import IMAGES, SAMPLE_IMAGES
from core.transfer_learning import datasets as ds
from core.transfer_learning import image_folder as imf
from core.transfer_learning.strategy import RESOLUTIONS

SPEC = backbones.get_spec(backbones.DEFAULT_BACKBONE)
MEAN_TOLERANCE = 4.0  # grey levels, mean over every pixel (a wrong crop or turn: 30+)
IMAGE_TOLERANCE = 20.0  # grey levels, mean over one image's pixels


def reference_pixels(data: bytes, resolution: int) -> torch.Tensor:
    """Full decode, EXIF orientation, then the network's own resize and crop."""
    img = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    return backbones.eval_pixels(to_rgb(img), SPEC, resolution)


def jpeg_bytes(img: Image.Image, **save) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90, **save)
    return buf.getvalue()


def photo(size: tuple[int, int]) -> Image.Image:
    """A bundled photo at ``size`` (a real photo's texture, not a flat synthetic)."""
    img = Image.open(IMAGES / SAMPLE_IMAGES["cat"]).convert("RGB")
    return img.resize(size, Image.Resampling.LANCZOS)


def test_decode_side_covers_every_backbone_resize():
    for res in RESOLUTIONS:
        side = ds.decode_side(res)
        assert side <= ds.MAX_SHORT_SIDE
        needed = [spec.preprocess.resize_for(res) for spec in backbones.REGISTRY.values()]
        assert side == min(ds.MAX_SHORT_SIDE, max(needed))
    assert ds.decode_side(None) == ds.MAX_SHORT_SIDE
    assert ds.decode_side(160) < ds.decode_side(224) == ds.MAX_SHORT_SIDE


@pytest.mark.parametrize("res", [96, 160, 224])
def test_a_photo_decoded_at_reduced_scale_gives_the_same_pixels(res):
    data = jpeg_bytes(photo((600, 450)))  # the book's photos are about this size
    side = ds.decode_side(res)
    small = ds.decode_image(data, side)
    full = ds.decode_image(data)
    assert min(small.size) >= side  # enough pixels for the run's resize
    if res < 224:
        assert small.width * small.height < full.width * full.height  # a smaller decode
    got = backbones.eval_pixels(small, SPEC, res).float()
    want = reference_pixels(data, res).float()
    assert got.shape == want.shape == (3, res, res)
    assert (got - want).abs().mean() <= MEAN_TOLERANCE


def test_exif_rotation_survives_a_reduced_decode():
    data = jpeg_bytes(photo((800, 600)), exif=_orientation(6))  # a quarter turn
    small = ds.decode_image(data, ds.decode_side(128))
    assert small.height > small.width  # shown upright, as the full decode shows it
    got = backbones.eval_pixels(small, SPEC, 128).float()
    assert (got - reference_pixels(data, 128).float()).abs().mean() <= MEAN_TOLERANCE


def _orientation(value: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = value
    return exif.tobytes()


def test_small_and_non_jpeg_images_are_unchanged():
    png = io.BytesIO()
    photo((400, 300)).save(png, "PNG")
    data = png.getvalue()
    assert ds.decode_image(data, 110).tobytes() == ds.decode_image(data).tobytes()
    big = jpeg_bytes(photo((800, 600)))  # half scale is still above the cap: no change
    assert ds.decode_image(big, 183).tobytes() == ds.decode_image(big).tobytes()
    tiny = jpeg_bytes(photo((120, 90)))  # smaller than any draft scale would help
    assert ds.decode_image(tiny, 110).size == (120, 90)


def test_the_caps_still_hold_for_a_camera_photo():
    data = jpeg_bytes(photo((3000, 2000)))
    for side in (110, 183, 256):
        img = ds.decode_image(data, side)
        assert side <= min(img.size) <= ds.MAX_SHORT_SIDE
        assert max(img.size) <= ds.MAX_LONG_SIDE
    assert load_image(data).image.size == (2048, 1365)  # other callers: as before


def test_a_folder_loads_at_the_size_asked(tmp_path):
    for cls in ("a", "b"):
        (tmp_path / cls).mkdir()
        for i in range(2):
            (tmp_path / cls / f"{i}.jpg").write_bytes(jpeg_bytes(photo((600 + i, 450))))
    small = imf.load_image_folder(tmp_path, short_side=ds.decode_side(96))
    full = imf.load_image_folder(tmp_path)
    assert small.fingerprint != full.fingerprint  # different pixels: never confused in a cache
    assert all(min(img.size) < 256 for img in small.images)
    assert all(min(img.size) == 256 for img in full.images)


def test_the_book_at_160_px_within_tolerance_of_full_decodes(book_dir):
    files = sorted(p for p in book_dir.rglob("*") if p.suffix.lower() == ".jpg")
    assert len(files) > 400
    side = ds.decode_side(160)
    diffs = []
    for path in files[::4]:  # every fourth: the same spread, a quarter of the time
        data = path.read_bytes()
        got = backbones.eval_pixels(ds.decode_image(data, side), SPEC, 160).float()
        diffs.append(float((got - reference_pixels(data, 160).float()).abs().mean()))
    assert np.mean(diffs) <= MEAN_TOLERANCE
    assert max(diffs) <= IMAGE_TOLERANCE
