"""Labelled image sets for the transfer-learning lab: one result type whatever the source.

``LabeledImages`` is what every source gives: the offline shapes (here), images uploaded
or photographed per class (here), an ImageFolder in a zip (``zip_safety``) or on disk
(``image_folder``), and the book's cat/dog set (``book_dataset``). Every image goes through
``core.common.images.load_image``; files that cannot be used are listed with a reason
instead of stopping the whole load. Images are downscaled at load time (shorter side
<= 256 px) because many students share one small server.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np
from PIL import Image

from core.common import i18n
from core.common.errors import UserFacingError
from core.common.images import downscale, fitted_size, load_image
from core.transfer_learning.data_controls import SPLIT_SEED_PARAM, VAL_FRACTION_PARAM
from core.transfer_learning.shapes_dataset import SHAPE_CLASSES, draw_shape_image

MAX_SHORT_SIDE = 256  # enough for training at <= 224 px
MAX_LONG_SIDE = 512  # panoramas are shrunk further: a crop never needs more
MAX_IMAGES = 600  # per dataset (train + test); the book's set has 483
MIN_IMAGES_PER_CLASS = 2  # one for training and one for validation
MAX_CLASSES = 20

# Reasons a file was not used (i18n keys; shown in the "skipped files" list).
SKIP_NOT_IMAGE = "transfer_learning.datasets.skip.not_image"
SKIP_UNREADABLE = "transfer_learning.datasets.skip.unreadable"
SKIP_EMPTY_FILE = "transfer_learning.datasets.skip.empty_file"
SKIP_TOO_BIG = "transfer_learning.datasets.skip.too_big"
SKIP_BOMB = "transfer_learning.datasets.skip.bomb"
SKIP_FORMAT = "transfer_learning.datasets.skip.format"
SKIP_ASPECT = "transfer_learning.datasets.skip.aspect"
SKIP_UNSAFE_PATH = "transfer_learning.datasets.skip.unsafe_path"
SKIP_LINK = "transfer_learning.datasets.skip.link"
SKIP_ENCRYPTED = "transfer_learning.datasets.skip.encrypted"
SKIP_NO_CLASS = "transfer_learning.datasets.skip.no_class"
SKIP_EMPTY_CLASS = "transfer_learning.datasets.skip.empty_class"
SKIP_UNKNOWN_CLASS = "transfer_learning.datasets.skip.unknown_class"
SKIP_OTHER_SPLIT = "transfer_learning.datasets.skip.other_split"
LOAD_ERROR_REASONS = {
    "errors.image_empty": SKIP_EMPTY_FILE,
    "errors.image_file_too_big": SKIP_TOO_BIG,
    "errors.image_bomb": SKIP_BOMB,
    "errors.image_bomb_huge": SKIP_BOMB,
    "errors.image_format": SKIP_FORMAT,
    "errors.image_aspect": SKIP_ASPECT,
}


@dataclass(frozen=True)
class LabeledImages:
    """A labelled image set; shared read-only between sessions, so never mutate an image."""

    source: str  # one of data_controls.SOURCES
    class_names: tuple[str, ...]
    images: tuple[Image.Image, ...]  # RGB, shorter side <= MAX_SHORT_SIDE
    labels: tuple[int, ...]
    fingerprint: str  # content hash of class names, labels and pixels (+ the test split's)
    skipped: tuple[tuple[str, str], ...] = ()  # (file name, i18n reason key)
    test: LabeledImages | None = None  # the source's own test split, if it has one
    val_fraction: float = VAL_FRACTION_PARAM.default  # the chosen train/validation split
    split_seed: int = SPLIT_SEED_PARAM.default

    def __len__(self) -> int:
        return len(self.images)

    @property
    def class_counts(self) -> tuple[int, ...]:
        return tuple(
            np.bincount(
                np.asarray(self.labels, dtype=np.int64), minlength=len(self.class_names)
            ).tolist()
        )

    def split(self) -> tuple[list[int], list[int]]:
        """(train indices, validation indices) for this set's chosen fraction and seed."""
        return stratified_split(self.labels, self.val_fraction, self.split_seed)

    def with_split(self, val_fraction: float, seed: int) -> LabeledImages:
        stratified_split(self.labels, val_fraction, seed)  # validates the arguments
        return replace(self, val_fraction=float(val_fraction), split_seed=int(seed))


# ---------------------------------------------------------------- building blocks


def shrink(img: Image.Image) -> Image.Image:
    """Downscale so the shorter side is <= MAX_SHORT_SIDE and the longer <= MAX_LONG_SIDE."""
    return downscale(img, fitted_size(*img.size, MAX_LONG_SIDE, MAX_SHORT_SIDE))


def decode_side(resolution: int | None) -> int:
    """The shorter side a set is decoded at for runs at ``resolution`` px (None: any size
    up to 224 px): the side every registered backbone resizes to before its centre crop.

    A JPEG is then decoded at the smallest DCT scale that still covers it (``draft`` in
    ``load_image``): at 160 px the book's 500×375 photos decode at half scale, a quarter
    of the pixels, and the run's own resize has nothing left to do.
    """
    if resolution is None:
        return MAX_SHORT_SIDE
    from core.common.backbones import REGISTRY  # torch: only the transfer lab needs this

    side = max(spec.preprocess.resize_for(int(resolution)) for spec in REGISTRY.values())
    return min(MAX_SHORT_SIDE, side)


def decode_image(data: bytes, short_side: int = MAX_SHORT_SIDE) -> Image.Image:
    """Untrusted bytes -> a small RGB image, through the project's one safe loader: shorter
    side <= MAX_SHORT_SIDE, and a JPEG decoded at the smallest DCT scale (1/2, 1/4, 1/8)
    whose shorter side is still >= ``short_side`` (``decode_side``)."""
    return load_image(
        data, max_side=MAX_LONG_SIDE, max_short_side=MAX_SHORT_SIDE, draft_short_side=short_side
    ).image


def fingerprint_of(
    class_names: Sequence[str], images: Sequence[Image.Image], labels: Sequence[int]
) -> str:
    """A stable hash of what a model would see: names, labels, sizes and pixels."""
    digest = hashlib.sha256()
    digest.update(repr(tuple(class_names)).encode("utf-8"))
    for img, label in zip(images, labels):
        digest.update(f"|{int(label)}:{img.mode}:{img.width}x{img.height}|".encode())
        digest.update(img.tobytes())
    return digest.hexdigest()[:32]


def make_labeled(
    source: str,
    class_names: Sequence[str],
    images: Sequence[Image.Image],
    labels: Sequence[int],
    skipped: Iterable[tuple[str, str]] = (),
) -> LabeledImages:
    names, imgs, labs = tuple(class_names), tuple(images), tuple(int(v) for v in labels)
    if len(imgs) != len(labs) or any(not 0 <= v < len(names) for v in labs):
        raise ValueError("labels do not match images and class names")
    return LabeledImages(
        source=source,
        class_names=names,
        images=imgs,
        labels=labs,
        fingerprint=fingerprint_of(names, imgs, labs),
        skipped=tuple(skipped),
    )


# ---------------------------------------------------------------- (a) offline shapes


def synthetic_shapes(
    images_per_class: int,
    seed: int,
    classes: Sequence[str] = SHAPE_CLASSES,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> LabeledImages:
    """The offline default: ``images_per_class`` drawn shapes per class, fully seeded."""
    if not 1 <= images_per_class <= MAX_IMAGES // max(len(classes), 1):
        raise UserFacingError(
            "transfer_learning.datasets.too_many_images",
            count=images_per_class * len(classes),
            max=MAX_IMAGES,
        )
    images, labels = [], []
    for label, name in enumerate(classes):
        for index in range(images_per_class):
            images.append(draw_shape_image(name, seed, label, index))
            labels.append(label)
            if progress:
                progress(len(images), images_per_class * len(classes))
    return make_labeled("shapes", classes, images, labels)


def display_class_names(data: LabeledImages, lang: str) -> tuple[str, ...]:
    """Class names for the screen: the offline shapes' names are translated."""
    if data.source != "shapes":
        return data.class_names
    return tuple(
        i18n.t(f"transfer_learning.datasets.shape.{n}", lang)
        if f"transfer_learning.datasets.shape.{n}" in i18n.TABLE
        else n
        for n in data.class_names
    )


# ---------------------------------------------------------------- split and checks


def stratified_split(
    labels: Sequence[int], val_fraction: float, seed: int
) -> tuple[list[int], list[int]]:
    """Seeded (train, validation) indices keeping each class's share in both parts.

    Each class contributes ``round(n * val_fraction)`` validation images, but at least
    one and at most ``n - 1`` when it has two or more, so every class is in both parts.
    Each class is shuffled by its own generator: adding a class leaves the others alone.
    """
    if not 0.0 <= float(val_fraction) < 1.0:
        raise UserFacingError("transfer_learning.datasets.bad_val_fraction", value=val_fraction)
    labels_arr = np.asarray(labels, dtype=np.int64)
    train: list[int] = []
    val: list[int] = []
    for label in np.unique(labels_arr):
        members = np.flatnonzero(labels_arr == label)
        order = np.random.default_rng([int(seed), int(label)]).permutation(members)
        n = len(order)
        n_val = int(round(n * val_fraction))
        if val_fraction > 0 and n >= 2:
            n_val = min(max(n_val, 1), n - 1)
        else:
            n_val = min(n_val, max(n - 1, 0))
        val.extend(order[:n_val].tolist())
        train.extend(order[n_val:].tolist())
    return sorted(train), sorted(val)


def split_counts(
    data: LabeledImages, train: Sequence[int], val: Sequence[int]
) -> list[tuple[str, int, int, int]]:
    """(class, train, validation, test) image counts per class, for the counts table."""
    n = len(data.class_names)
    labels = np.asarray(data.labels, dtype=np.int64)
    tr = np.bincount(labels[np.asarray(train, dtype=np.int64)], minlength=n)
    va = np.bincount(labels[np.asarray(val, dtype=np.int64)], minlength=n)
    te = (
        np.bincount(np.asarray(data.test.labels, dtype=np.int64), minlength=n)
        if data.test is not None and len(data.test)
        else np.zeros(n, dtype=np.int64)
    )
    return [(name, int(tr[i]), int(va[i]), int(te[i])) for i, name in enumerate(data.class_names)]


class SplitSummary(NamedTuple):
    """The numbers of the summary line above the counts table."""

    classes: int
    images: int  # training + validation
    train: int
    val: int
    test: int  # 0 when the source has no test split of its own


def split_summary(data: LabeledImages) -> SplitSummary:
    train, val = data.split()
    test = len(data.test) if data.test is not None else 0
    return SplitSummary(len(data.class_names), len(data), len(train), len(val), test)


def count_rows(data: LabeledImages, names: Sequence[str]) -> list[tuple]:
    """The counts table's rows: (shown class name, train, validation[, test]); the test
    column only when the source has a test split."""
    train, val = data.split()
    width = 4 if split_summary(data).test else 3
    return [(name, *row[1:width]) for name, row in zip(names, split_counts(data, train, val))]


def check_trainable(data: LabeledImages) -> None:
    """Raise UserFacingError unless the set can train a classifier on this host."""
    total = len(data) + (len(data.test) if data.test is not None else 0)
    if total > MAX_IMAGES:
        raise UserFacingError(
            "transfer_learning.datasets.too_many_images", count=total, max=MAX_IMAGES
        )
    if len(data) == 0:
        raise UserFacingError("transfer_learning.datasets.no_images")
    counts = data.class_counts
    if len(data.class_names) < 2:
        raise UserFacingError(
            "transfer_learning.datasets.one_class",
            name=data.class_names[0] if data.class_names else "?",
        )
    if len(data.class_names) > MAX_CLASSES:
        raise UserFacingError(
            "transfer_learning.datasets.too_many_classes",
            count=len(data.class_names),
            max=MAX_CLASSES,
        )
    for name, count in zip(data.class_names, counts):
        if count < MIN_IMAGES_PER_CLASS:
            raise UserFacingError(
                "transfer_learning.datasets.class_too_small",
                name=name,
                count=count,
                min=MIN_IMAGES_PER_CLASS,
            )


def class_examples(data: LabeledImages, label: int, n: int) -> list[Image.Image]:
    """The first ``n`` images of a class, in dataset order."""
    return [img for img, v in zip(data.images, data.labels) if v == label][:n]


def thumbnail_strip(
    images: Sequence[Image.Image],
    side: int = 96,
    gap: int = 4,
    background: tuple[int, int, int] = (255, 255, 255),
) -> Image.Image:
    """Square centre-cropped thumbnails side by side: one picture per class row."""
    count = max(len(images), 1)
    strip = Image.new("RGB", (count * side + (count - 1) * gap, side), background)
    for i, img in enumerate(images):
        w, h = img.size
        crop = min(w, h)
        box = ((w - crop) // 2, (h - crop) // 2, (w - crop) // 2 + crop, (h - crop) // 2 + crop)
        strip.paste(
            img.resize((side, side), Image.Resampling.BILINEAR, box=box), (i * (side + gap), 0)
        )
    return strip


def approx_megabytes(data: LabeledImages) -> float:
    """Memory held by the decoded pixels (train and test)."""
    imgs = list(data.images) + (list(data.test.images) if data.test is not None else [])
    return sum(img.width * img.height * len(img.getbands()) for img in imgs) / 1e6


def printable(name: str) -> str:
    """No control characters or lone surrogates (undecodable bytes of a file name)."""
    return "".join(ch if ch.isprintable() else "?" for ch in name)


def shown_name(name: str) -> str:
    """A file name safe to print: printable, bounded length."""
    clean = printable(name)
    return clean if len(clean) <= 120 else clean[:58] + "…" + clean[-58:]


# ---------------------------------------------------------------- (b, c) per-class files


def clean_class_name(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(str(name).split()))[:60]


def check_class_names(names: Sequence[str]) -> list[str]:
    """Cleaned names; UserFacingError for an empty name or two alike (ignoring case)."""
    cleaned = [clean_class_name(n) for n in names]
    if any(not n for n in cleaned):
        raise UserFacingError("transfer_learning.datasets.class_name_empty")
    folded = [n.casefold() for n in cleaned]
    for n, f in zip(cleaned, folded):
        if folded.count(f) > 1:
            raise UserFacingError("transfer_learning.datasets.class_name_duplicate", name=n)
    return cleaned


def from_class_uploads(
    mapping: Mapping[str, Sequence[tuple[str, bytes]]],
    source: str = "upload",
    short_side: int = MAX_SHORT_SIDE,
) -> LabeledImages:
    """Images uploaded or photographed per class: {class name: [(file name, bytes), ...]}.

    Classes keep the user's order. Unreadable files are skipped and listed; a class
    without images stays in the set so ``check_trainable`` can name it.
    """
    names = check_class_names(list(mapping))
    total = sum(len(files) for files in mapping.values())
    if total > MAX_IMAGES:
        raise UserFacingError(
            "transfer_learning.datasets.too_many_images", count=total, max=MAX_IMAGES
        )
    images, labels, skipped = [], [], []
    for label, files in enumerate(mapping.values()):
        for file_name, data in files:
            try:
                img = decode_image(data, short_side)
            except UserFacingError as err:
                skipped.append(
                    (
                        shown_name(f"{names[label]}/{file_name}"),
                        LOAD_ERROR_REASONS.get(err.key, SKIP_UNREADABLE),
                    )
                )
                continue
            images.append(img)
            labels.append(label)
    return make_labeled(source, names, images, labels, skipped)
