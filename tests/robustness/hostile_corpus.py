"""The hostile input corpus, built in memory (no hostile files in the repository).

Each case names the message the page must show (an i18n key and its parameters, so the test
compares the exact text in the UI language) or what the page must make of an awkward but
valid input. File builders come from ``tests/files.py``; the page tests are in
``tests/robustness/test_hostile_inputs.py``.

``TRIED`` holds the distinct inputs the tests drove through a page in this pytest session,
per group, as (field, input) pairs; the terminal summary (``tests/conftest.py``) prints it.
"""

from __future__ import annotations

import hashlib
import io
import stat
import struct
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from PIL import Image

from core.common.i18n import TABLE, t
from core.common.images import MAX_ASPECT, MAX_FILE_BYTES, MAX_PIXELS
from tests.files import encode, jpeg, make_zip, png, png_header_only, two_classes

TRIED: defaultdict[str, set] = defaultdict(set)  # corpus group -> {(field, input digest)}


def tried(group: str, field: str, value: object) -> None:
    """Record one input that went through a page's upload or text field (called at the end of
    a case that passed): the same input tried twice in one field counts once."""
    data = value if isinstance(value, bytes) else repr(value).encode()
    TRIED[group].add((field, hashlib.sha256(data).hexdigest()))


def summary() -> str:
    groups = ", ".join(f"{name} {len(inputs)}" for name, inputs in sorted(TRIED.items()))
    total = sum(len(inputs) for inputs in TRIED.values())
    return f"hostile input corpus: {total} distinct inputs tried through the pages ({groups})"


def language(index: int) -> str:
    """Cases alternate between the two UI languages."""
    return ("ko", "en")[index % 2]


def message(key: str, lang: str, params: dict | None) -> str | Callable[[str], bool]:
    """The exact text of a message, or (params unknown) a test of its fixed parts."""
    if params is not None:
        return t(key, lang, **params)
    import re

    # a field, and a Korean particle in both forms after it, stand for what the value makes
    fields = r"\{[^}]*\}(?:이\(가\)|을\(를\)|은\(는\)|와\(과\)|과\(와\)|\(으\)로)?"
    parts = [p.strip() for p in re.split(fields, TABLE[key][lang]) if len(p.strip()) >= 2]
    return lambda text: all(p in text for p in parts)


def shows(texts: list[str], key: str, lang: str, params: dict | None = None) -> bool:
    expected = message(key, lang, params)
    if callable(expected):
        return any(expected(text) for text in texts)
    return expected in texts


# ---------------------------------------------------------------- images


@dataclass(frozen=True)
class ImageCase:
    """An upload for ``ui.common.image_input.image_input``: refused with ``error`` (i18n key,
    params), or loaded as a working image of ``size``; ``original`` when it was downscaled
    from that."""

    name: str
    filename: str
    data: bytes
    error: tuple[str, dict | None] | None = None
    size: tuple[int, int] | None = None
    original: tuple[int, int] | None = None


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_raw(width: int, height: int, depth: int, colour: int, row: bytes) -> bytes:
    """A hand-made PNG (16-bit kinds PIL cannot write)."""
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    idat = zlib.compress((b"\0" + row) * height)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def _with_exif(img: Image.Image, fmt: str, orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return encode(img, fmt, exif=exif.tobytes())


def _animated(fmt: str, frames: int = 3, size=(16, 16)) -> bytes:
    colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]
    images = [Image.new("RGB", size, colours[i % 3]) for i in range(frames)]
    buf = io.BytesIO()
    images[0].save(buf, fmt, save_all=True, append_images=images[1:], duration=40, loop=0)
    return buf.getvalue()


def _patched(data: bytes, offset_of: Callable[[bytes], int], packed: bytes) -> bytes:
    raw = bytearray(data)
    at = offset_of(data)
    raw[at : at + len(packed)] = packed
    return bytes(raw)


def _noise(width: int, height: int, seed: int = 0) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 255, (height, width, 3), dtype=np.uint8))


BOMB_MP = MAX_PIXELS // 1_000_000
HUGE_BOMB_MP = 2 * Image.MAX_IMAGE_PIXELS // 1_000_000


@lru_cache(maxsize=1)
def image_cases() -> tuple[ImageCase, ...]:
    small_png = encode(Image.new("RGB", (64, 48), "red"), "PNG")
    small_jpeg = encode(_noise(64, 48), "JPEG")
    tiny_bmp = encode(Image.new("RGB", (8, 8)), "BMP")
    gif = encode(Image.new("P", (8, 8)), "GIF")
    big_photo = encode(
        _noise(80, 60).resize((4000, 3000), Image.Resampling.NEAREST), "JPEG", quality=70
    )
    png_with_text_bomb = (
        small_png[:33]
        + _chunk(b"zTXt", b"k\0\0" + zlib.compress(b"a" * 40_000_000))
        + small_png[33:]
    )
    bad_crc = bytearray(small_png)
    bad_crc[29] ^= 0xFF
    refused = "errors.image_unreadable", {}
    return (
        # empty, damaged, truncated, not an image
        ImageCase("zero_bytes", "empty.png", b"", error=("errors.image_empty", {})),
        ImageCase(
            "random_bytes",
            "noise.jpg",
            bytes(np.random.default_rng(1).integers(0, 256, 4096, dtype=np.uint8)),
            error=refused,
        ),
        ImageCase("text_named_png", "notes.png", b"hello, this is text", error=refused),
        ImageCase("truncated_jpeg", "half.jpg", small_jpeg[: len(small_jpeg) // 2], error=refused),
        ImageCase("truncated_png", "half.png", small_png[: len(small_png) // 2], error=refused),
        ImageCase("jpeg_without_end", "cut.jpg", small_jpeg[:-2], error=refused),
        ImageCase("png_signature_only", "sig.png", small_png[:8], error=refused),
        ImageCase("png_bad_crc", "crc.png", bytes(bad_crc), error=refused),
        ImageCase("gif_header_only", "head.gif", b"GIF89a", error=refused),
        ImageCase(
            "zero_size_bmp",
            "zero.bmp",
            _patched(tiny_bmp, lambda d: 18, struct.pack("<ii", 0, 0)),
            error=refused,
        ),
        ImageCase("png_text_chunk_bomb", "ztxt.png", png_with_text_bomb, error=refused),
        # wrong extension: the content decides
        ImageCase("png_named_jpg", "photo.jpg", small_png, size=(64, 48)),
        ImageCase("jpeg_named_gif", "photo.gif", small_jpeg, size=(64, 48)),
        ImageCase("pdf_named_png", "doc.png", b"%PDF-1.4\n" + b"0" * 200, error=refused),
        ImageCase("zip_named_jpg", "archive.jpg", make_zip({"a.txt": b"x"}), error=refused),
        ImageCase(
            "svg_named_png",
            "vector.png",
            b'<svg xmlns="http://www.w3.org/2000/svg"/>',
            error=refused,
        ),
        ImageCase(
            "html_named_webp", "page.webp", b"<html><script>alert(1)</script></html>", error=refused
        ),
        ImageCase(
            "tiff_named_png",
            "scan.png",
            encode(Image.new("RGB", (8, 8)), "TIFF"),
            error=("errors.image_format", {"format": "TIFF"}),
        ),
        ImageCase(
            "ico_named_png",
            "icon.png",
            encode(Image.new("RGB", (32, 32)), "ICO"),
            error=("errors.image_format", {"format": "ICO"}),
        ),
        # colour modes and bit depths
        ImageCase(
            "cmyk_jpeg",
            "print.jpg",
            encode(Image.new("CMYK", (40, 30), (0, 255, 0, 0)), "JPEG"),
            size=(40, 30),
        ),
        ImageCase(
            "cmyk_progressive_jpeg",
            "print2.jpg",
            encode(Image.new("CMYK", (40, 30), (255, 0, 0, 0)), "JPEG", progressive=True),
            size=(40, 30),
        ),
        ImageCase(
            "grey_jpeg", "grey.jpg", encode(Image.new("L", (40, 30), 90), "JPEG"), size=(40, 30)
        ),
        ImageCase(
            "grey_16bit_png",
            "depth.png",
            encode(Image.fromarray(np.full((30, 40), 40000, dtype=np.uint16)), "PNG"),
            size=(40, 30),
        ),
        ImageCase(
            "rgb_48bit_png",
            "scanner.png",
            _png_raw(12, 9, 16, 2, np.full((12, 3), [65535, 0, 1000], dtype=">u2").tobytes()),
            size=(12, 9),
        ),
        ImageCase(
            "grey_alpha_32bit_png",
            "la16.png",
            _png_raw(12, 9, 16, 4, np.full((12, 2), [30000, 65535], dtype=">u2").tobytes()),
            size=(12, 9),
        ),
        ImageCase(
            "palette_png", "palette.png", encode(Image.new("P", (40, 30), 3), "PNG"), size=(40, 30)
        ),
        ImageCase(
            "palette_transparent_png",
            "ptrns.png",
            encode(Image.new("P", (40, 30), 0), "PNG", transparency=0),
            size=(40, 30),
        ),
        ImageCase(
            "rgba_png",
            "alpha.png",
            encode(Image.new("RGBA", (40, 30), (255, 0, 0, 0)), "PNG"),
            size=(40, 30),
        ),
        ImageCase(
            "grey_alpha_png",
            "la.png",
            encode(Image.new("LA", (40, 30), (0, 128)), "PNG"),
            size=(40, 30),
        ),
        ImageCase(
            "rgba_webp",
            "alpha.webp",
            encode(Image.new("RGBA", (40, 30), (0, 0, 0, 0)), "WEBP", lossless=True),
            size=(40, 30),
        ),
        ImageCase(
            "one_bit_bmp", "bits.bmp", encode(Image.new("1", (40, 30), 1), "BMP"), size=(40, 30)
        ),
        ImageCase(
            "top_down_bmp",
            "topdown.bmp",
            _patched(tiny_bmp, lambda d: 18, struct.pack("<ii", 8, -8)),
            size=(8, 8),
        ),
        # orientation
        ImageCase(
            "exif_rotated_jpeg",
            "portrait.jpg",
            _with_exif(_noise(60, 20), "JPEG", 6),
            size=(20, 60),
        ),
        ImageCase(
            "exif_rotated_png",
            "portrait.png",
            _with_exif(Image.new("RGBA", (60, 20), (0, 0, 255, 128)), "PNG", 8),
            size=(20, 60),
        ),
        ImageCase(
            "exif_rotated_large_jpeg",
            "phone.jpg",
            _with_exif(_noise(80, 60).resize((6000, 4500)), "JPEG", 6),
            size=(1536, 2048),
            original=(4500, 6000),
        ),
        ImageCase(
            "exif_orientation_out_of_range",
            "odd.jpg",
            _with_exif(_noise(60, 20), "JPEG", 65535),
            size=(60, 20),
        ),
        # animations: the first frame
        ImageCase("animated_gif", "anim.gif", _animated("GIF"), size=(16, 16)),
        ImageCase(
            "animated_gif_500_frames",
            "long.gif",
            _animated("GIF", frames=500, size=(8, 8)),
            size=(8, 8),
        ),
        ImageCase("animated_png", "anim.png", _animated("PNG"), size=(16, 16)),
        ImageCase("animated_webp", "anim.webp", _animated("WEBP"), size=(16, 16)),
        # sizes
        ImageCase(
            "one_pixel", "dot.png", encode(Image.new("RGB", (1, 1), "red"), "PNG"), size=(1, 1)
        ),
        ImageCase("large_photo", "camera.jpg", big_photo, size=(2048, 1536), original=(4000, 3000)),
        ImageCase(
            "wide_panorama",
            "pano.jpg",
            encode(_noise(64, 2).resize((1600, 80)), "JPEG"),
            size=(1600, 80),
        ),
        ImageCase(
            "long_thin_strip",
            "strip.png",
            encode(Image.new("RGB", (5000, 1), "red"), "PNG"),
            error=("errors.image_aspect", {"width": 5000, "height": 1, "ratio": MAX_ASPECT}),
        ),
        ImageCase(
            "file_over_the_cap",
            "huge.png",
            b"\x89PNG\r\n\x1a\n" + bytes(MAX_FILE_BYTES),
            error=("errors.image_file_too_big", {"mb": MAX_FILE_BYTES // 2**20}),
        ),
        # decompression bombs: refused before decoding
        ImageCase(
            "bomb_png_header",
            "bomb.png",
            png_header_only(7000, 7000),
            error=("errors.image_bomb", {"width": 7000, "height": 7000, "mp": BOMB_MP}),
        ),
        ImageCase(
            "bomb_real_png",
            "zeros.png",
            encode(Image.new("L", (8000, 6000)), "PNG"),
            error=("errors.image_bomb", {"width": 8000, "height": 6000, "mp": BOMB_MP}),
        ),
        ImageCase(
            "bomb_over_pil_warning",
            "bomb2.png",
            png_header_only(10000, 10000),
            error=("errors.image_bomb", {"width": 10000, "height": 10000, "mp": BOMB_MP}),
        ),
        ImageCase(
            "bomb_png_65k",
            "bomb3.png",
            png_header_only(65000, 65000),
            error=("errors.image_bomb_huge", {"mp": HUGE_BOMB_MP}),
        ),
        ImageCase(
            "bomb_gif_screen",
            "bomb.gif",
            _patched(gif, lambda d: 6, struct.pack("<HH", 65535, 65535)),
            error=("errors.image_bomb_huge", {"mp": HUGE_BOMB_MP}),
        ),
        ImageCase(
            "bomb_jpeg_frame",
            "bomb.jpg",
            _patched(
                small_jpeg, lambda d: d.index(b"\xff\xc0") + 5, struct.pack(">HH", 65000, 65000)
            ),
            error=("errors.image_bomb_huge", {"mp": HUGE_BOMB_MP}),
        ),
        ImageCase(
            "bomb_bmp_header",
            "bomb.bmp",
            _patched(tiny_bmp, lambda d: 18, struct.pack("<ii", 30000, 30000)),
            error=("errors.image_bomb_huge", {"mp": HUGE_BOMB_MP}),
        ),
        # a hostile file name with a good image
        ImageCase("path_traversal_name", "../../etc/passwd.png", small_png, size=(64, 48)),
        ImageCase("long_unicode_name", "고양이" * 80 + "\u202e.png", small_png, size=(64, 48)),
    )


# ---------------------------------------------------------------- zip archives (transfer lab)


@dataclass(frozen=True)
class ZipCase:
    """An upload for the transfer lab's zip source: refused with ``error`` (i18n key, params or
    None for 'any'), or loaded with ``classes`` and ``counts``, listing ``skipped``
    (name -> reason)."""

    name: str
    data: bytes
    error: tuple[str, dict | None] | None = None
    classes: tuple[str, ...] | None = ()  # None: any printable names
    counts: tuple[int, ...] = ()
    skipped: dict[str, str] = field(default_factory=dict)


def _zip_with(build: Callable[[zipfile.ZipFile], None]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in two_classes().items():
            archive.writestr(name, data)
        build(archive)
    return buf.getvalue()


def _symlink_member(archive: zipfile.ZipFile) -> None:
    link = zipfile.ZipInfo("cat/link.png")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    archive.writestr(link, "/etc/passwd")


def _renamed(data: bytes, placeholder: str, raw: bytes) -> bytes:
    assert len(placeholder.encode()) == len(raw)
    return data.replace(placeholder.encode(), raw)


def _encrypted(data: bytes, member: bytes) -> bytes:
    raw = bytearray(data)
    pos = raw.index(b"PK\x01\x02")
    while True:
        name_len = struct.unpack_from("<H", raw, pos + 28)[0]
        if raw[pos + 46 : pos + 46 + name_len] == member:
            struct.pack_into("<H", raw, pos + 8, struct.unpack_from("<H", raw, pos + 8)[0] | 1)
            return bytes(raw)
        pos = raw.index(b"PK\x01\x02", pos + 4)


@lru_cache(maxsize=1)
def zip_cases() -> tuple[ZipCase, ...]:
    from core.transfer_learning import datasets as ds
    from core.transfer_learning import zip_safety

    good = make_zip(two_classes())
    cats_dogs = dict(classes=("cat", "dog"), counts=(3, 3))
    cp949 = _renamed(
        make_zip({f"XXXXXX/{i}.png": png() for i in range(2)} | two_classes()),
        "XXXXXX",
        "고양이".encode("cp949"),
    )
    garbled = _renamed(
        make_zip({"ZZZZ/0.png": png(), "ZZZZ/1.png": png()} | two_classes()),
        "ZZZZ",
        b"\x81\xff\x01\x9f",
    )
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w", zipfile.ZIP_STORED) as archive:
        for i in range(zip_safety.MAX_ZIP_ENTRIES + 1):
            archive.writestr(f"cat/{i}.txt", b"")
    too_many_images = make_zip({f"{'ab'[i % 2]}/{i}.png": b"x" for i in range(ds.MAX_IMAGES + 1)})
    return (
        ZipCase(
            "not_a_zip", b"hello, not a zip", error=("transfer_learning.datasets.zip_corrupt", {})
        ),
        ZipCase("zero_bytes", b"", error=("transfer_learning.datasets.zip_corrupt", {})),
        ZipCase(
            "truncated_zip",
            good[: len(good) // 2],
            error=("transfer_learning.datasets.zip_corrupt", {}),
        ),
        ZipCase("png_named_zip", png(), error=("transfer_learning.datasets.zip_corrupt", {})),
        ZipCase("empty_archive", make_zip({}), error=("transfer_learning.datasets.no_images", {})),
        ZipCase(
            "over_the_size_cap",
            good + bytes(zip_safety.MAX_ZIP_BYTES),
            error=(
                "transfer_learning.datasets.zip_too_big",
                {"mb": zip_safety.MAX_ZIP_BYTES // 2**20},
            ),
        ),
        ZipCase(
            "zip_bomb",
            make_zip(two_classes() | {"cat/bomb.png": b"\0" * (8 * 2**20)}),
            error=("transfer_learning.datasets.zip_bomb", None),
        ),
        ZipCase(
            "too_many_entries",
            many.getvalue(),
            error=(
                "transfer_learning.datasets.zip_too_many_files",
                {"count": zip_safety.MAX_ZIP_ENTRIES + 1, "max": zip_safety.MAX_ZIP_ENTRIES},
            ),
        ),
        ZipCase(
            "too_many_images",
            too_many_images,
            error=(
                "transfer_learning.datasets.too_many_images",
                {"count": ds.MAX_IMAGES + 1, "max": ds.MAX_IMAGES},
            ),
        ),
        ZipCase(
            "zip_slip",
            make_zip(
                two_classes()
                | {
                    "../../evil/0.png": png(),
                    "cat/../../escape.png": png(),
                    "dog\\..\\..\\win.png": png(),
                }
            ),
            skipped={
                "../../evil/0.png": ds.SKIP_UNSAFE_PATH,
                "cat/../../escape.png": ds.SKIP_UNSAFE_PATH,
                "dog\\..\\..\\win.png": ds.SKIP_UNSAFE_PATH,
            },
            **cats_dogs,
        ),
        ZipCase(
            "absolute_paths",
            make_zip(two_classes() | {"/etc/passwd.png": png(), "C:/Windows/x.png": png()}),
            skipped={
                "/etc/passwd.png": ds.SKIP_UNSAFE_PATH,
                "C:/Windows/x.png": ds.SKIP_UNSAFE_PATH,
            },
            **cats_dogs,
        ),
        ZipCase(
            "symlink_member",
            _zip_with(_symlink_member),
            skipped={"cat/link.png": ds.SKIP_LINK},
            **cats_dogs,
        ),
        ZipCase(
            "encrypted_member",
            _encrypted(make_zip(two_classes() | {"cat/secret.png": png()}), b"cat/secret.png"),
            skipped={"cat/secret.png": ds.SKIP_ENCRYPTED},
            **cats_dogs,
        ),
        ZipCase(
            "nested_zip",
            make_zip(two_classes() | {"cat/inner.zip": good}),
            skipped={"cat/inner.zip": ds.SKIP_NOT_IMAGE},
            **cats_dogs,
        ),
        ZipCase(
            "nested_class_folders",
            make_zip(two_classes() | {"cat/indoor/sofa/9.png": png()}),
            classes=("cat", "dog"),
            counts=(4, 3),
        ),
        ZipCase(
            "empty_class_folders",
            make_zip(two_classes() | {"bird/": None, "fish/notes.txt": b"x"}),
            skipped={
                "bird/": ds.SKIP_EMPTY_CLASS,
                "fish/": ds.SKIP_EMPTY_CLASS,
                "fish/notes.txt": ds.SKIP_NOT_IMAGE,
            },
            **cats_dogs,
        ),
        ZipCase(
            "only_empty_folders",
            make_zip({"cat/": None, "dog/": None}),
            error=("transfer_learning.datasets.no_images", {}),
        ),
        ZipCase(
            "one_class",
            make_zip({f"cat/{i}.png": png() for i in range(3)}),
            error=("transfer_learning.datasets.one_class", {"name": "cat"}),
        ),
        ZipCase(
            "class_with_one_image",
            make_zip(two_classes() | {"owl/0.png": png()}),
            error=(
                "transfer_learning.datasets.class_too_small",
                {"name": "owl", "count": 1, "min": 2},
            ),
        ),
        ZipCase(
            "deep_wrapper_folders",
            make_zip(two_classes("/".join(f"w{i}" for i in range(40)) + "/")),
            **cats_dogs,
        ),
        ZipCase("korean_cp949_names", cp949, classes=("cat", "dog", "고양이"), counts=(3, 3, 2)),
        ZipCase("undecodable_names", garbled, classes=None, counts=(3, 3, 2)),
        ZipCase(
            "damaged_members",
            make_zip(
                two_classes()
                | {
                    "cat/broken.jpg": b"\xff\xd8\xff\xe0 nope",
                    "dog/empty.png": b"",
                    "dog/half.png": png()[:60],
                    "cat/bomb.png": png_header_only(9000, 9000),
                    "cat/strip.png": png(size=(4000, 2)),
                }
            ),
            skipped={
                "cat/broken.jpg": ds.SKIP_UNREADABLE,
                "dog/empty.png": ds.SKIP_EMPTY_FILE,
                "dog/half.png": ds.SKIP_UNREADABLE,
                "cat/bomb.png": ds.SKIP_BOMB,
                "cat/strip.png": ds.SKIP_ASPECT,
            },
            **cats_dogs,
        ),
        ZipCase(
            "markdown_in_class_names",
            make_zip({f"**bold** | `x` <b>/{i}.png": png() for i in range(2)} | two_classes()),
            classes=("**bold** | `x` <b>", "cat", "dog"),
            counts=(2, 3, 3),
        ),
    )


# ---------------------------------------------------------------- per-class uploads (transfer lab)


@dataclass(frozen=True)
class ClassUploadCase:
    """Class names typed into ``tl_data_name_<i>``, files per class into ``tl_data_files_<i>``."""

    name: str
    class_names: tuple[str, str]
    files: tuple[tuple[tuple[str, bytes], ...], tuple[tuple[str, bytes], ...]]
    error: tuple[str, dict | None] | None = None
    counts: tuple[int, int] = (0, 0)
    skipped: dict[str, str] = field(default_factory=dict)


def class_upload_cases() -> tuple[ClassUploadCase, ...]:
    from core.transfer_learning import datasets as ds

    two = (("a.png", png((200, 0, 0))), ("b.jpg", jpeg((0, 200, 0))))
    other = (("c.png", png((0, 0, 200))), ("d.png", png((9, 9, 9))))
    bad = {img.name: img for img in image_cases()}
    return (
        ClassUploadCase(
            "empty_name",
            ("   ", "dog"),
            (two, other),
            error=("transfer_learning.datasets.class_name_empty", {}),
        ),
        ClassUploadCase(
            "same_name_twice",
            ("Cat", " cat"),
            (two, other),
            error=("transfer_learning.datasets.class_name_duplicate", {"name": "Cat"}),
        ),
        ClassUploadCase(
            "markup_names",
            ("<script>alert(1)</script>", "**dog** | `x`"),
            (two, other),
            counts=(2, 2),
        ),
        ClassUploadCase(
            "control_and_rtl_names",
            ("a\u202eb\x00c", "tab\tnew\nline"),
            (two, other),
            counts=(2, 2),
        ),
        ClassUploadCase("overlong_names", ("가" * 300, "b" * 5000), (two, other), counts=(2, 2)),
        ClassUploadCase("path_names", ("../../etc", "/root"), (two, other), counts=(2, 2)),
        ClassUploadCase(
            "no_files_for_a_class",
            ("cat", "dog"),
            (two, ()),
            error=(
                "transfer_learning.datasets.class_too_small",
                {"name": "dog", "count": 0, "min": 2},
            ),
        ),
        ClassUploadCase(
            "hostile_files",
            ("cat", "dog"),
            (
                two
                + tuple(
                    (c.filename, c.data)
                    for c in (
                        bad["zero_bytes"],
                        bad["truncated_jpeg"],
                        bad["bomb_png_65k"],
                        bad["long_thin_strip"],
                        bad["tiff_named_png"],
                    )
                ),
                other + ((bad["exif_rotated_jpeg"].filename, bad["exif_rotated_jpeg"].data),),
            ),
            counts=(2, 3),
            skipped={
                "cat/empty.png": ds.SKIP_EMPTY_FILE,
                "cat/half.jpg": ds.SKIP_UNREADABLE,
                "cat/bomb3.png": ds.SKIP_BOMB,
                "cat/strip.png": ds.SKIP_ASPECT,
                "cat/scan.png": ds.SKIP_FORMAT,
            },
        ),
        ClassUploadCase(
            "only_bad_files",
            ("cat", "dog"),
            ((("x.png", b""), ("y.png", b"junk")), other),
            error=(
                "transfer_learning.datasets.class_too_small",
                {"name": "cat", "count": 0, "min": 2},
            ),
        ),
    )


# ------------------------------------------------------- local folders (transfer lab, local runs)


@dataclass(frozen=True)
class FolderCase:
    """A path typed into ``tl_data_folder``; ``build(tmp)`` makes the folder, returns the text."""

    name: str
    build: Callable[[Any], str]
    error: tuple[str, dict | None] | None = None
    counts: tuple[int, ...] = ()
    skipped: dict[str, str] = field(default_factory=dict)


def _image_folder(root, classes=("a", "b"), n=2):
    for cls in classes:
        (root / cls).mkdir(parents=True, exist_ok=True)
        for i in range(n):
            Image.new("RGB", (20, 20), (i * 90, 40, 0)).save(root / cls / f"{i}.png")
    return root


def _hostile_folder(tmp):
    import os

    root = _image_folder(tmp / "hostile")
    os.mkfifo(root / "a" / "pipe.jpg")
    os.symlink("/dev/zero", root / "b" / "zero.png")
    os.symlink(root, root / "b" / "loop")  # a directory link: not followed
    os.symlink(tmp / "gone.png", root / "a" / "dangling.png")
    (root / "empty_class").mkdir()
    (root / "a" / "notes.txt").write_text("x")
    return str(root)


def folder_cases() -> tuple[FolderCase, ...]:
    from core.transfer_learning import datasets as ds

    missing = "transfer_learning.datasets.folder_missing"
    return (
        FolderCase("does_not_exist", lambda tmp: str(tmp / "nope"), error=(missing, None)),
        FolderCase(
            "a_file_not_a_folder",
            lambda tmp: str(_image_folder(tmp / "f") / "a" / "0.png"),
            error=(missing, None),
        ),
        FolderCase("nul_byte", lambda tmp: str(tmp) + "/a\x00b", error=(missing, None)),
        FolderCase("overlong_path", lambda tmp: "/x" * 3000, error=(missing, None)),
        FolderCase(
            "empty_folder",
            lambda tmp: str((tmp / "empty").mkdir() or tmp / "empty"),
            error=("transfer_learning.datasets.no_images", {}),
        ),
        FolderCase(
            "only_text_files",
            lambda tmp: _text_only(tmp),
            error=("transfer_learning.datasets.no_images", {}),
        ),
        FolderCase(
            "pipes_devices_links_and_empty_classes",
            _hostile_folder,
            counts=(2, 2),
            skipped={
                "a/pipe.jpg": ds.SKIP_NOT_IMAGE,
                "b/zero.png": ds.SKIP_NOT_IMAGE,
                "a/dangling.png": ds.SKIP_UNREADABLE,
                "a/notes.txt": ds.SKIP_NOT_IMAGE,
                "empty_class/": ds.SKIP_EMPTY_CLASS,
            },
        ),
        FolderCase(
            "whitespace_around_the_path",
            lambda tmp: f"  {_image_folder(tmp / 'ws')}  ",
            counts=(2, 2),
        ),
    )


def _text_only(tmp):
    root = tmp / "texts"
    (root / "a").mkdir(parents=True)
    (root / "a" / "x.txt").write_text("x")
    return str(root)


# ---------------------------------------------------------------- the GCN lab's tables and link


@dataclass(frozen=True)
class TableCase:
    """An ``st.data_editor`` delta for ``gcn_nodes`` / ``gcn_edges`` (as Streamlit's deserializer
    delivers it: row keys already ints) on ``preset``; the notes (i18n keys) the page must show
    and the resulting node and edge counts.

    Cell values are anything JSON can carry (a modified client can send them). Row positions
    are the editor's own: a position outside the table, or rows that are not objects, make
    Streamlit's ``st.data_editor`` itself raise while applying the delta to its dataframe,
    which only a modified client can cause; the core ignores such rows
    (``core.gcn.graph._rows_of``)."""

    name: str
    table: str
    delta: dict
    notes: tuple[str, ...]
    n: int
    m: int
    params: dict = field(default_factory=lambda: {"gcn_preset": "ethanol", "gcn_hydrogens": "0"})


NAN, INF = float("nan"), float("inf")


def table_cases() -> tuple[TableCase, ...]:
    # ethanol without hydrogens: C, C, O; features (C, O); edges 0-1, 1-2
    bad = "gcn.note.bad_feature"
    endpoint, weight = "gcn.note.bad_endpoint", "gcn.note.bad_weight"
    path4 = {"gcn_preset": "path", "gcn_size": "4"}
    return (
        TableCase(
            "nan_features", "gcn_nodes", {"edited_rows": {0: {"C": NAN, "O": NAN}}}, (bad,), 3, 2
        ),
        TableCase(
            "text_features",
            "gcn_nodes",
            {"edited_rows": {0: {"C": "abc", "O": "1,5"}}},
            (bad,),
            3,
            2,
        ),
        TableCase(
            "infinite_features",
            "gcn_nodes",
            {"edited_rows": {1: {"C": INF, "O": -INF}}},
            (bad,),
            3,
            2,
        ),
        TableCase(
            "huge_features",
            "gcn_nodes",
            {"edited_rows": {2: {"C": 1e308, "O": -1e300}}},
            ("gcn.note.clipped",),
            3,
            2,
        ),
        TableCase(
            "json_junk_features",
            "gcn_nodes",
            {"edited_rows": {0: {"C": True, "O": [1, 2]}, 1: {"C": {"a": 1}}}},
            (bad,),
            3,
            2,
        ),
        TableCase(
            "markup_and_control_labels",
            "gcn_nodes",
            {
                "edited_rows": {
                    0: {"label": "![](http://ev.il/x)"},
                    1: {"label": "\x00\u202e\n"},
                    2: {"label": "가" * 5000},
                }
            },
            (),
            3,
            2,
        ),
        TableCase(
            "markup_in_cells",
            "gcn_nodes",
            {"edited_rows": {0: {"label": "**b** [l](http://a)", "C": "$x$"}}},
            (bad,),
            3,
            2,
        ),
        TableCase(
            "missing_labels",
            "gcn_nodes",
            {"edited_rows": {0: {"label": None}, 1: {"label": NAN}}},
            (),
            3,
            2,
        ),
        TableCase(
            "unknown_columns",
            "gcn_nodes",
            {"edited_rows": {0: {"evil": 1, "__class__": 2}}, "added_rows": [{"evil": 3}]},
            (),
            4,
            2,
        ),
        TableCase(
            "no_nodes_left",
            "gcn_nodes",
            {"deleted_rows": [0, 1, 2]},
            ("gcn.note.nodes_deleted", "gcn.note.empty"),
            0,
            0,
        ),
        TableCase(
            "hundreds_of_nodes",
            "gcn_nodes",
            {"added_rows": [{"label": f"n{i}"} for i in range(250)]},
            ("gcn.note.isolated", "gcn.note.too_many_to_read"),
            253,
            2,
        ),
        TableCase(
            "over_the_node_limit",
            "gcn_nodes",
            {"added_rows": [{"label": f"n{i}"} for i in range(400)]},
            ("gcn.error.too_many_nodes",),
            3,
            2,
        ),
        TableCase(
            "self_loop",
            "gcn_edges",
            {"added_rows": [{"source": 1, "target": 1}]},
            ("gcn.note.self_loops",),
            4,
            4,
            params=path4,
        ),
        TableCase(
            "duplicate_edges",
            "gcn_edges",
            {"added_rows": [{"source": 1, "target": 0}, {"source": 0, "target": 1, "weight": 3}]},
            ("gcn.note.duplicates",),
            4,
            5,
            params=path4,
        ),
        TableCase(
            "endpoints_out_of_range",
            "gcn_edges",
            {"added_rows": [{"source": 0, "target": 99}, {"source": -1, "target": 0}]},
            (endpoint,),
            4,
            3,
            params=path4,
        ),
        TableCase(
            "endpoints_not_numbers",
            "gcn_edges",
            {
                "added_rows": [
                    {"source": NAN, "target": 0},
                    {"source": "a", "target": "b"},
                    {"source": 0.5, "target": 1},
                ]
            },
            (endpoint,),
            4,
            3,
            params=path4,
        ),
        TableCase(
            "bad_weights",
            "gcn_edges",
            {
                "added_rows": [
                    {"source": 0, "target": 2, "weight": w} for w in (NAN, INF, -1, 0, "x")
                ]
            },
            (weight,),
            4,
            3,
            params=path4,
        ),
        TableCase(
            "unknown_bond",
            "gcn_edges",
            {"added_rows": [{"source": 0, "target": 2, "bond": "quadruple"}]},
            (),
            4,
            4,
            params=path4,
        ),
        TableCase(
            "over_the_edge_limit",
            "gcn_edges",
            {
                "added_rows": [{"source": i % 4, "target": (i + 1) % 4} for i in range(2998)]
            },  # 3 + 2998
            ("gcn.error.too_many_edges",),
            4,
            3,
            params=path4,
        ),
    )


@dataclass(frozen=True)
class LinkCase:
    """A ``gcn_graph`` link value: refused (bad-link message, the preset's graph) or accepted."""

    name: str
    text: str
    accepted: bool
    n: int | None = None
    notes: tuple[str, ...] = ()


def _link(data: Any, raw: bytes | None = None) -> str:
    import base64
    import json

    raw = raw if raw is not None else json.dumps(data).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def link_cases() -> tuple[LinkCase, ...]:
    import base64

    from core.gcn import graph as g

    def graph(n, feats=None, edges=(), labels=None):
        return {
            "v": 1,
            "l": labels or [f"n{i}" for i in range(n)],
            "f": ["a"],
            "x": feats if feats is not None else [[0] for _ in range(n)],
            "e": [list(e) for e in edges],
        }

    return (
        LinkCase("garbage", "%%%not-a-graph<script>", False),
        LinkCase("not_base64_zlib", base64.urlsafe_b64encode(b"plain text").decode(), False),
        LinkCase("zlib_of_non_json", _link(None, raw=b"\xff\xfe not json"), False),
        LinkCase("wrong_version", _link({**graph(2), "v": 99}), False),
        LinkCase("no_nodes", _link(graph(0)), False),
        LinkCase("over_the_node_limit", _link(graph(g.MAX_NODES + 1)), False),
        LinkCase(
            "nan_features",
            _link(None, raw=b'{"v":1,"l":["a","b"],"f":["x"],"x":[[NaN],[1]],"e":[]}'),
            False,
        ),
        LinkCase("text_features", _link(graph(2, feats=[["a"], [1]])), False),
        LinkCase("edge_to_nowhere", _link(graph(2, edges=[(0, 5, 1, 0)])), False),
        LinkCase("boolean_edge", _link(graph(2, edges=[(True, 0, 1, 0)])), False),
        LinkCase("zlib_bomb", _link(None, raw=b"[" + b" " * 5_000_000 + b"]"), False),
        LinkCase("overlong", "A" * 5000, False),
        LinkCase(
            "self_loops_and_duplicates",
            _link(graph(3, edges=[(0, 0, 1, 0), (0, 1, 1, 0), (1, 0, 1, 0)])),
            True,
            n=3,
            notes=("gcn.note.self_loops", "gcn.note.duplicates"),
        ),
        LinkCase(
            "hundreds_of_nodes",
            _link(graph(250)),
            True,
            n=250,
            notes=("gcn.note.too_many_to_read",),
        ),
        LinkCase(
            "markdown_in_labels",
            _link(graph(3, labels=["![](http://ev.il/x)", "**b** [l](http://a)", "$x$ <b>`c`"])),
            True,
            n=3,
        ),
    )


# ------------------------------------------------------- typed channel numbers (feature-map lab)


@dataclass(frozen=True)
class ChannelCase:
    text: str
    error: str | None  # i18n key, or None when the channels are shown
    count: int = 0


CHANNEL_CASES = (
    ChannelCase("", "feature_maps.channels_empty"),
    ChannelCase("  , ;  ", "feature_maps.channels_empty"),
    ChannelCase("abc", "feature_maps.channels_bad"),
    ChannelCase("-1", "feature_maps.channels_bad"),
    ChannelCase("5-3", "feature_maps.channels_bad"),
    ChannelCase("0-1000000", "feature_maps.channels_bad"),
    ChannelCase("3.5", "feature_maps.channels_bad"),
    ChannelCase("1e3", "feature_maps.channels_bad"),
    ChannelCase("0x10", "feature_maps.channels_bad"),
    ChannelCase("\x00\u202e", "feature_maps.channels_bad"),
    ChannelCase("<script>alert(1)</script>", "feature_maps.channels_bad"),
    ChannelCase("9" * 5000, "feature_maps.channels_bad"),
    ChannelCase("0, " * 100, None, count=1),
    ChannelCase("99999", "feature_maps.channels_range"),
    ChannelCase("0-63", "feature_maps.channels_range"),
    ChannelCase("１２, 3", None, count=2),  # full-width digits are digits
    ChannelCase("1,,2;3 4", None, count=4),
)


# ---------------------------------------------------------------- URL query parameters

# Values no codec accepts: every URL-bound key must answer each with the bad-link message.
URL_GARBAGE = {
    "markup": "🙂<b>x</b>'\"",
    "overlong": "9" * 5000,
    "huge_negative": "-99999999999999999999",
    "nan": "nan",
    "minus_infinity": "-inf",
    "exponent": "1.5e3",
    "control": "\x00\x1b[31m",
    "json": "[1,2]",
    "breaks_the_code_span": "`![](http://ev.il/x)`\n\n# big",
}
# Values some codecs accept (an empty text field, digits of another script): either the
# bad-link message, or the value is taken and written back in its plain ASCII form.
URL_LENIENT = {
    "empty": "",
    "blank": "   ",
    "arabic_digits": "١٢",
}
