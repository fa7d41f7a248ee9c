"""Turning untrusted image bytes into a safe RGB PIL image, or a clear error.

Checks happen before decoding wherever possible: the header tells the pixel count,
so a decompression bomb is refused without allocating it, and JPEG ``draft`` mode
decodes big photos at reduced size instead of at full resolution.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from core.common.errors import UserFacingError

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 40_000_000  # beyond this a file is treated as a decompression bomb
WORKING_MAX_SIDE = 2048  # images are downscaled to this for all further work
# Longer side / shorter side. Models resize the shorter side to their input size, so a thin
# strip grows huge on the way in (a 96-byte 5000×1 PNG took 0.5 GB in the feature-map lab).
MAX_ASPECT = 32
TINY_SIDE = 32  # a photo with a shorter side is used, with a warning
TENSOR_RESIZE_MAX_PIXELS = 8_000_000
ALLOWED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "BMP", "GIF"}
UPLOAD_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "bmp", "gif"]


@dataclass(frozen=True)
class LoadedImage:
    image: Image.Image  # RGB, longest side <= WORKING_MAX_SIDE
    original_size: tuple[int, int]  # (width, height) as shown: EXIF orientation applied
    format: str

    @property
    def downscaled(self) -> bool:
        return self.image.size != self.original_size

    @property
    def tiny(self) -> bool:
        """So few pixels that every crop or model input is a blow-up of a handful of them."""
        return min(self.image.size) < TINY_SIDE


def fitted_size(
    width: int, height: int, max_side: int, max_short_side: int | None = None
) -> tuple[int, int]:
    """(width, height) scaled down (never up) so the longer side is <= max_side and the
    shorter side <= max_short_side."""
    limits = [1.0, max_side / max(width, height)]
    if max_short_side:
        limits.append(max_short_side / min(width, height))
    scale = min(limits)
    if scale >= 1.0:
        return width, height
    return max(1, round(width * scale)), max(1, round(height * scale))


def image_digest(image: Image.Image) -> str:
    """Identity of a PIL image (size, mode, pixels), for cache keys."""
    return (
        f"{image.size}{image.mode}" + hashlib.blake2b(image.tobytes(), digest_size=16).hexdigest()
    )


def downscale(img: Image.Image, size: tuple[int, int]) -> Image.Image:
    """One antialiased bilinear resize.

    RGB images up to ``TENSOR_RESIZE_MAX_PIXELS`` are resized as uint8 tensors: torch's
    native kernel is faster than PIL's here, and every image of a dataset is shrunk when it
    loads (bench.transfer counts that time). Larger ones go through PIL, which needs no
    second copy of a 40-megapixel picture and box-reduces big factors first (``reducing_gap``).
    """
    if img.size == size:
        return img
    if img.mode != "RGB" or img.width * img.height > TENSOR_RESIZE_MAX_PIXELS:
        return img.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    # imported here: the home page and the GCN lab never resize, and run without torch
    from torchvision.transforms.v2 import functional as F

    pixels = F.resize(F.pil_to_tensor(img), [size[1], size[0]], antialias=True)
    return F.to_pil_image(pixels)


def load_image(
    data: bytes,
    max_side: int = WORKING_MAX_SIDE,
    max_short_side: int | None = None,
    draft_short_side: int | None = None,
) -> LoadedImage:
    """Decode untrusted bytes; raise UserFacingError with an i18n key on any problem.

    The result is downscaled to ``fitted_size`` in one step; JPEGs are decoded at a
    reduced scale already (``draft``), which is most of the cost for camera photos.
    ``draft_short_side`` lets that scale go further, down to the smallest DCT scale whose
    shorter side still covers it (what a run at a small resolution needs); a JPEG decoded
    below the caps that way is kept at its decoded size, for the run's own resize.
    """
    if not data:
        raise UserFacingError("errors.image_empty")
    if len(data) > MAX_FILE_BYTES:
        raise UserFacingError("errors.image_file_too_big", mb=MAX_FILE_BYTES // (1024 * 1024))
    try:
        with warnings.catch_warnings():
            # PIL warns above its own limit and refuses twice that; ours (MAX_PIXELS) is lower
            # and checked right after opening, with the size in the message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            width, height = img.size
            if img.format not in ALLOWED_FORMATS:
                raise UserFacingError("errors.image_format", format=img.format or "?")
            if width * height > MAX_PIXELS:
                raise UserFacingError(
                    "errors.image_bomb", width=width, height=height, mp=MAX_PIXELS // 1_000_000
                )
            if max(width, height) > MAX_ASPECT * min(width, height):
                raise UserFacingError(
                    "errors.image_aspect", width=width, height=height, ratio=MAX_ASPECT
                )
            img.seek(0)  # first frame of an animation
            target = fitted_size(width, height, max_side, max_short_side)
            wanted = target
            if draft_short_side:
                short = min(draft_short_side, max_short_side or draft_short_side)
                wanted = fitted_size(width, height, max_side, short)
            if img.format in ("JPEG", "MPO") and wanted != (width, height):
                img.draft("RGB", wanted)  # decode at the smallest DCT scale >= wanted
            img.load()
            fmt, decoded = img.format, img.size  # draft may have decoded it smaller
            ImageOps.exif_transpose(img, in_place=True)  # no copy when it has no orientation
            rgb = to_rgb(img)
    except UserFacingError:
        raise
    except Image.DecompressionBombError:  # PIL refuses to open it at all: far over our limit
        raise UserFacingError(
            "errors.image_bomb_huge", mp=2 * Image.MAX_IMAGE_PIXELS // 1_000_000
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise UserFacingError("errors.image_unreadable") from None
    shown = (width, height)
    if rgb.size == decoded[::-1] != decoded:  # EXIF rotated it a quarter turn
        target, shown = target[::-1], shown[::-1]
    if rgb.width < target[0] or rgb.height < target[1]:  # draft went below the caps
        target = rgb.size
    image = downscale(rgb, target)
    if image is img:  # still the file's own object (e.g. a JpegImageFile): a plain image, as
        image = img.copy()  # st.cache_data hashes only Image.Image, and no file kept open
    return LoadedImage(image=image, original_size=shown, format=fmt)


def to_rgb(img: Image.Image) -> Image.Image:
    """Any PIL mode (16-bit, float, palette, alpha, CMYK) as 8-bit RGB; transparency on white."""
    if img.mode == "RGB":
        return img  # most photos: no copy (a dataset decodes hundreds)
    if img.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        arr = np.asarray(img, dtype=np.float64)
        top = 65535.0 if img.mode.startswith("I;16") or arr.max() > 255 else 255.0
        img = Image.fromarray(np.clip(arr / top * 255.0, 0, 255).astype(np.uint8), "L")
    if img.mode == "P" or img.mode == "PA":
        img = img.convert("RGBA")
    if img.mode in ("RGBA", "LA", "La", "RGBa"):
        img = img.convert("RGBA")
        background = Image.new("RGBA", img.size, (255, 255, 255, 255))
        img = Image.alpha_composite(background, img)
    return img.convert("RGB")
