"""Safe image loading: every kind of bad or awkward file becomes RGB or a clear error."""

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.common.errors import UserFacingError
from core.common.images import MAX_PIXELS, TENSOR_RESIZE_MAX_PIXELS, downscale, load_image
from tests.files import encode, png_header_only

ASSETS = Path(__file__).resolve().parents[3] / "assets" / "images"


def _error_key(data: bytes) -> str:
    with pytest.raises(UserFacingError) as info:
        load_image(data)
    return info.value.key


def test_empty_corrupt_and_non_image_files():
    assert _error_key(b"") == "errors.image_empty"
    assert _error_key(b"this is not an image at all") == "errors.image_unreadable"
    jpeg = encode(Image.new("RGB", (64, 64), "red"), "JPEG")
    assert _error_key(jpeg[: len(jpeg) // 2]) == "errors.image_unreadable"  # truncated
    assert _error_key(b"%PDF-1.4\n" + b"0" * 100) == "errors.image_unreadable"


def test_decompression_bomb_is_refused_before_decoding():
    side = int(MAX_PIXELS**0.5) + 100
    assert _error_key(png_header_only(side, side)) == "errors.image_bomb"


@pytest.mark.parametrize(
    "side, key",
    [
        (10_000, "errors.image_bomb"),  # over PIL's warning limit: still our message, with the size
        (65_000, "errors.image_bomb_huge"),  # PIL refuses to open it: still named a bomb
    ],
)
def test_bigger_bombs_are_named_as_bombs_too(side, key):
    assert _error_key(png_header_only(side, side)) == key


@pytest.mark.parametrize("size", [(5000, 1), (1, 2048), (3300, 100)])
def test_long_thin_strips_are_refused_before_decoding(size):
    assert _error_key(png_header_only(*size)) == "errors.image_aspect"


def test_panoramas_up_to_the_aspect_limit_load():
    from core.common.images import MAX_ASPECT

    loaded = load_image(encode(Image.new("RGB", (MAX_ASPECT * 40, 40)), "PNG"))
    assert loaded.image.size == (MAX_ASPECT * 40, 40)


def test_unsupported_format_is_named():
    assert _error_key(encode(Image.new("RGB", (8, 8)), "TIFF")) == "errors.image_format"


@pytest.mark.parametrize(
    "make",
    [
        lambda: Image.new("CMYK", (40, 30), (0, 255, 0, 0)),
        lambda: Image.new("L", (40, 30), 128),
        lambda: Image.new("P", (40, 30), 3),
        lambda: Image.new("RGBA", (40, 30), (255, 0, 0, 0)),
        lambda: Image.new("LA", (40, 30), (0, 128)),
    ],
)
def test_any_mode_becomes_rgb(make):
    img = make()
    fmt = "JPEG" if img.mode in ("CMYK", "L") else "PNG"
    loaded = load_image(encode(img, fmt))
    assert loaded.image.mode == "RGB" and loaded.image.size == (40, 30)


def test_transparency_is_composited_on_white():
    loaded = load_image(encode(Image.new("RGBA", (4, 4), (255, 0, 0, 0)), "PNG"))
    assert loaded.image.getpixel((0, 0)) == (255, 255, 255)


def test_sixteen_bit_png_is_scaled_to_eight_bits():
    arr = np.full((10, 12), 65535, dtype=np.uint16)
    arr[0, 0] = 0
    loaded = load_image(encode(Image.fromarray(arr), "PNG"))
    assert loaded.image.getpixel((1, 1)) == (255, 255, 255)
    assert loaded.image.getpixel((0, 0)) == (0, 0, 0)


def test_exif_rotation_is_applied():
    img = Image.new("RGB", (60, 20), "blue")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise on display
    loaded = load_image(encode(img, "JPEG", exif=exif.tobytes()))
    assert loaded.image.size == (20, 60)
    assert loaded.original_size == (20, 60) and not loaded.downscaled  # no "large photo" note


@pytest.mark.parametrize(
    "stored, limits, working",
    [
        ((6000, 4500), {}, (1536, 2048)),  # a phone's portrait photo, decoded at 1/2 (draft)
        ((4032, 3024), {"max_side": 512, "max_short_side": 256}, (256, 341)),  # a dataset image
    ],
)
def test_exif_rotated_photo_decoded_at_reduced_scale_keeps_its_shape(stored, limits, working):
    exif = Image.Exif()
    exif[0x0112] = 6
    loaded = load_image(
        encode(Image.new("RGB", stored, "blue"), "JPEG", exif=exif.tobytes()), **limits
    )
    assert loaded.image.size == working, "portrait, not squashed into the stored landscape shape"
    assert loaded.original_size == stored[::-1]


def test_animated_gif_gives_its_first_frame():
    frames = [Image.new("RGB", (16, 16), c) for c in ("red", "green", "blue")]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=50, loop=0)
    loaded = load_image(buf.getvalue())
    r, g, b = loaded.image.getpixel((8, 8))
    assert r > 200 and g < 50 and b < 50


def test_large_photo_is_downscaled_for_work():
    loaded = load_image(encode(Image.new("RGB", (4000, 1000), "gray"), "JPEG"), max_side=1024)
    assert loaded.image.size == (1024, 256) and loaded.original_size == (4000, 1000)
    assert loaded.downscaled


@pytest.mark.parametrize("scale", [1, 8])  # 1: resized as a tensor; 8: too big, through PIL
def test_downscale_is_an_antialiased_bilinear_resize_either_way(scale):
    photo = Image.open(ASSETS / "cat_chelsea.jpg").convert("RGB")
    if scale > 1:
        photo = photo.resize((photo.width * scale, photo.height * scale), Image.Resampling.NEAREST)
    size = (photo.width // (3 * scale), photo.height // (3 * scale))
    assert (photo.width * photo.height > TENSOR_RESIZE_MAX_PIXELS) == (scale > 1)
    ours = downscale(photo, size)
    assert type(ours) is Image.Image and ours.mode == "RGB" and ours.size == size
    pil = photo.resize(size, Image.Resampling.BILINEAR)  # PIL's exact antialiased resize
    diff = np.abs(np.asarray(ours, dtype=int) - np.asarray(pil, dtype=int))
    assert diff.max() <= 3 and diff.mean() < 0.5  # rounding (and reducing_gap for big ones)
    assert downscale(ours, size) is ours  # already that size: no copy


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "BMP", "GIF"])
def test_supported_formats_load(fmt):
    loaded = load_image(encode(Image.new("RGB", (30, 20), "green"), fmt))
    assert loaded.image.size == (30, 20) and loaded.format == fmt


@pytest.mark.parametrize("size", [(64, 48), (2000, 1500)])
def test_a_loaded_photo_is_a_plain_in_memory_image(size):
    """Not the file's JpegImageFile (kept when no copy is needed): st.cache_data hashes only
    Image.Image, and a decoded image should not hold its file."""
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 40)).save(buf, "JPEG")
    loaded = load_image(buf.getvalue())
    assert type(loaded.image) is Image.Image
    assert loaded.image.mode == "RGB"
