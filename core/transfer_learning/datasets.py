"""Labelled image sets for the transfer-learning lab, from every source, safely.

One result type, ``LabeledImages``, whatever the source: the offline shapes, a zip in
ImageFolder layout, images uploaded or photographed per class, the book's cat/dog set,
or a local folder. Untrusted input is read in memory and never extracted: zip members
are checked (paths, links, encryption, sizes, compression ratio, count) against the
archive's directory before a byte is decompressed, every image goes through
``core.common.images.load_image``, and files that cannot be used are listed with a reason
instead of stopping the whole load. Images are downscaled at load time (shorter side
<= 256 px) because many students share one small server.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from struct import error as struct_error

import numpy as np
from PIL import Image

from core.common import i18n
from core.common.errors import UserFacingError
from core.common.images import MAX_FILE_BYTES, UPLOAD_EXTENSIONS, downscale, fitted_size, load_image
from core.common.params import ChoiceParam, FloatParam, IntParam
from core.transfer_learning.shapes_dataset import SHAPE_CLASSES, draw_shape_image

SOURCES = ("shapes", "zip", "upload", "camera", "book", "folder")

MAX_SHORT_SIDE = 256  # enough for training at <= 224 px
MAX_LONG_SIDE = 512  # panoramas are shrunk further: a crop never needs more
MAX_IMAGES = 600  # per dataset (train + test); the book's set has 483
MIN_IMAGES_PER_CLASS = 2  # one for training and one for validation
MAX_CLASSES = 20
MAX_ZIP_BYTES = 50 * 1024 * 1024  # the upload itself; = server.maxUploadSize (the book zip: 16 MB)
MAX_ZIP_ENTRIES = 10_000  # members of any kind, checked before reading any
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # declared size of all images together
MAX_MEMBER_RATIO = 100  # uncompressed / compressed for a member over RATIO_MIN_BYTES
RATIO_MIN_BYTES = 1024 * 1024
MAX_FOLDER_ENTRIES = 20_000
DECODE_THREADS = 2  # the host's cores
IMAGE_EXTENSIONS = frozenset("." + e for e in UPLOAD_EXTENSIONS)
TRAIN_SPLITS = ("train", "training")
TEST_SPLITS = ("test", "testing", "val", "valid", "validation")  # first present wins
_IGNORED = {"__macosx", "thumbs.db", "desktop.ini"}

# URL-bound controls of ``ui.transfer_learning.dataset_input`` (the widget key is the URL parameter).
SOURCE_PARAM = ChoiceParam("shapes", SOURCES)
IMAGES_PER_CLASS_PARAM = IntParam(30, 4, 150)
VAL_FRACTION_PARAM = FloatParam(0.2, 0.1, 0.5)
SPLIT_SEED_PARAM = IntParam(0, 0, 9999)

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
_LOAD_ERROR_REASONS = {
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

    source: str  # one of SOURCES
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


def decode_image(data: bytes) -> Image.Image:
    """Untrusted bytes -> a small RGB image, through the project's one safe loader."""
    return load_image(data, max_side=MAX_LONG_SIDE, max_short_side=MAX_SHORT_SIDE).image


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


# ---------------------------------------------------------------- ImageFolder layouts


@dataclass(frozen=True)
class _Entry:
    """One file of an archive or a folder, read only when it is used."""

    parts: tuple[str, ...]  # path relative to the archive or folder root
    size: int  # (declared) uncompressed size in bytes
    read: Callable[[], bytes]

    @property
    def name(self) -> str:
        return "/".join(self.parts)

    @property
    def is_image_name(self) -> bool:
        return os.path.splitext(self.parts[-1])[1].lower() in IMAGE_EXTENSIONS


def _ignored(parts: Sequence[str]) -> bool:
    """macOS resource forks, hidden files and Windows thumbnails: silently not data."""
    return any(p.startswith(".") or p.lower() in _IGNORED for p in parts)


def _printable(name: str) -> str:
    """No control characters or lone surrogates (undecodable bytes of a file name)."""
    return "".join(ch if ch.isprintable() else "?" for ch in name)


def _display(name: str) -> str:
    """A file name safe to print: printable, bounded length."""
    clean = _printable(name)
    return clean if len(clean) <= 120 else clean[:58] + "…" + clean[-58:]


def _class_dirs_and_files(entries: list[_Entry], dirs: Iterable[tuple[str, ...]]):
    """Strip wrapper folders, then find split folders; returns (splits, dir sets, skipped)."""
    images = [e for e in entries if e.is_image_name]
    root = 0
    # Strip common wrapper folders as long as a class level remains below them.
    while (
        images
        and all(len(e.parts) >= root + 3 for e in images)
        and len({e.parts[root] for e in images}) == 1
    ):
        root += 1
    prefix = images[0].parts[:root] if images else ()
    skipped: list[tuple[str, str]] = [
        (e.name, SKIP_NOT_IMAGE)
        for e in entries
        if e.parts[:root] != prefix or len(e.parts) <= root
    ]
    inside = [
        replace(e, parts=e.parts[root:])
        for e in entries
        if e.parts[:root] == prefix and len(e.parts) > root
    ]
    dir_sets = {d[root:] for d in dirs if d[:root] == prefix and len(d) > root}
    tops = {e.parts[0] for e in inside if len(e.parts) >= 2} | {d[0] for d in dir_sets}
    lowered = {t.lower(): t for t in tops}
    train_name = next((lowered[s] for s in TRAIN_SPLITS if s in lowered), None)
    if train_name is not None and all(t.lower() in TRAIN_SPLITS + TEST_SPLITS for t in tops):
        test_name = next((lowered[s] for s in TEST_SPLITS if s in lowered), None)
        splits = {}
        for split, name in (("train", train_name), ("test", test_name)):
            if name is None:
                continue
            splits[split] = (
                [
                    replace(e, parts=e.parts[1:])
                    for e in inside
                    if e.parts[0] == name and len(e.parts) > 1
                ],
                {d[1:] for d in dir_sets if d[0] == name and len(d) > 1},
            )
        used = {train_name, test_name}
        skipped += [
            (e.name, SKIP_OTHER_SPLIT)
            for e in inside
            if e.parts[0] not in used and len(e.parts) > 1 and e.is_image_name
        ]
        skipped += [
            (e.name, SKIP_NO_CLASS if e.is_image_name else SKIP_NOT_IMAGE)
            for e in inside
            if len(e.parts) == 1
        ]
        return splits, skipped
    return {"train": (inside, dir_sets)}, skipped


def _load_split(
    entries: list[_Entry],
    dirs: set[tuple[str, ...]],
    source: str,
    class_names: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> LabeledImages:
    """Decode one ImageFolder split; ``class_names`` fixes the classes (a test split)."""
    skipped: list[tuple[str, str]] = []
    by_class: dict[str, list[_Entry]] = {}
    folders = {
        _folder_class(p)
        for p in {d[0] for d in dirs} | {e.parts[0] for e in entries if len(e.parts) >= 2}
    }
    for e in sorted(entries, key=lambda e: e.parts):
        if len(e.parts) < 2:
            if e.is_image_name:
                skipped.append((e.name, SKIP_NO_CLASS))
            else:
                skipped.append((e.name, SKIP_NOT_IMAGE))
            continue
        if not e.is_image_name:
            skipped.append((e.name, SKIP_NOT_IMAGE))
            continue
        by_class.setdefault(_folder_class(e.parts[0]), []).append(e)
    wanted = []
    for cls in sorted(by_class):
        for e in by_class[cls]:
            if class_names is not None and cls not in class_names:
                skipped.append((e.name, SKIP_UNKNOWN_CLASS))
            else:
                wanted.append((cls, e))
    decoded: dict[str, list[Image.Image]] = {}
    # PIL releases the GIL while decoding and resizing: two threads use both cores.
    with ThreadPoolExecutor(DECODE_THREADS) as pool:
        results = pool.map(_decode_entry, [e for _, e in wanted])
        for (cls, e), (img, reason) in zip(wanted, results):
            if progress:
                progress(1)
            if img is None:
                skipped.append((e.name, reason))
            else:
                decoded.setdefault(cls, []).append(img)
    if class_names is None:
        class_names = sorted(decoded)  # torchvision's ImageFolder order
        skipped += [(f"{f}/", SKIP_EMPTY_CLASS) for f in sorted(folders) if f not in decoded]
    images, labels = [], []
    for label, cls in enumerate(class_names):
        images += decoded.get(cls, [])
        labels += [label] * len(decoded.get(cls, []))
    return make_labeled(source, class_names, images, labels, [(_display(n), r) for n, r in skipped])


def _folder_class(folder: str) -> str:
    return clean_class_name(_printable(folder)) or "?"


def _decode_entry(entry: _Entry) -> tuple[Image.Image | None, str]:
    if entry.size > MAX_FILE_BYTES:
        return None, SKIP_TOO_BIG
    try:
        data = entry.read()
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        return None, SKIP_UNREADABLE
    try:
        return decode_image(data), ""
    except UserFacingError as err:
        return None, _LOAD_ERROR_REASONS.get(err.key, SKIP_UNREADABLE)


def _assemble(
    entries: list[_Entry],
    dirs: Iterable[tuple[str, ...]],
    source: str,
    skipped_before: Sequence[tuple[str, str]] = (),
    progress: Callable[[int, int], None] | None = None,
) -> LabeledImages:
    entries = [e for e in entries if not _ignored(e.parts)]
    dirs = [d for d in dirs if not _ignored(d)]
    candidates = sum(e.is_image_name for e in entries)
    if candidates > MAX_IMAGES:
        raise UserFacingError(
            "transfer_learning.datasets.too_many_images", count=candidates, max=MAX_IMAGES
        )
    splits, skipped = _class_dirs_and_files(entries, dirs)
    done = [0]

    def step(n: int) -> None:
        done[0] += n
        if progress:
            progress(done[0], candidates)

    train = _load_split(*splits["train"], source=source, progress=step)
    test = None
    if "test" in splits:
        test_entries, test_dirs = splits["test"]
        test = _load_split(
            test_entries, test_dirs, source, class_names=train.class_names, progress=step
        )
        test = replace(test, skipped=tuple((f"test/{n}", r) for n, r in test.skipped))
    prefix = "train/" if test is not None else ""
    all_skipped = (
        list(skipped_before)
        + [(_display(n), r) for n, r in skipped]
        + [(prefix + n, r) for n, r in train.skipped]
        + (list(test.skipped) if test is not None else [])
    )
    # train's pixels are hashed already: fold the test split's hash into it, not re-hash
    fingerprint = (
        train.fingerprint
        if test is None
        else hashlib.sha256(f"{train.fingerprint}|test:{test.fingerprint}".encode()).hexdigest()[
            :32
        ]
    )
    return replace(train, skipped=tuple(all_skipped), test=test, fingerprint=fingerprint)


# ---------------------------------------------------------------- (e) a local folder


def load_image_folder(
    path: str | os.PathLike,
    source: str = "folder",
    progress: Callable[[int, int], None] | None = None,
) -> LabeledImages:
    """An ImageFolder on disk (``class/xxx.jpg``); ``train/`` and ``test/`` splits recognised."""
    root = Path(path).expanduser()
    if not root.is_dir():
        raise UserFacingError("transfer_learning.datasets.folder_missing", path=_display(str(path)))
    entries: list[_Entry] = []
    dirs: list[tuple[str, ...]] = []
    skipped: list[tuple[str, str]] = []
    try:
        for here, subdirs, files in os.walk(root):  # does not follow directory links: no loops
            rel = Path(here).relative_to(root).parts
            subdirs.sort()
            dirs += [rel + (d,) for d in subdirs]
            for name in sorted(files):
                full = Path(here) / name
                try:
                    info = full.stat()  # through a link: links to image files are fine
                except OSError:
                    info = None  # a dangling link: listed as unreadable when read
                if info is not None and not stat.S_ISREG(info.st_mode):
                    # a pipe, socket or device (perhaps behind a link) is never opened:
                    # reading one can block forever or never end (/dev/zero)
                    if not _ignored(rel + (name,)):
                        skipped.append((_display("/".join(rel + (name,))), SKIP_NOT_IMAGE))
                else:
                    entries.append(
                        _Entry(rel + (name,), info.st_size if info else 0, _file_reader(full))
                    )
                if len(entries) + len(skipped) > MAX_FOLDER_ENTRIES:
                    raise UserFacingError(
                        "transfer_learning.datasets.folder_too_many_files", max=MAX_FOLDER_ENTRIES
                    )
    except PermissionError:
        raise UserFacingError(
            "transfer_learning.datasets.folder_missing", path=_display(str(path))
        ) from None
    return _assemble(entries, dirs, source, skipped, progress=progress)


def _file_reader(path: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        with open(path, "rb") as f:
            # Bounded (the file may have grown since it was listed), and sized by the file:
            # read(MAX_FILE_BYTES + 1) allocates 25 MB per file, which cost more than the
            # JPEG decoding while the frozen pass ran beside it (bench.transfer).
            size = os.fstat(f.fileno()).st_size
            return f.read(min(size, MAX_FILE_BYTES) + 1)

    return read


# ---------------------------------------------------------------- (b) a zip archive


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name, repairing archives that stored UTF-8 or CP949 without saying so."""
    name = info.filename
    if not info.flag_bits & 0x800:  # zipfile decoded the raw bytes as CP437
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            raw = None
        if raw is not None:
            for encoding in ("utf-8", "cp949"):
                try:
                    name = raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
    return unicodedata.normalize("NFC", name)  # macOS stores Korean decomposed (NFD)


_DRIVE = re.compile(r"^[A-Za-z]:")


def _safe_parts(name: str) -> tuple[str, ...] | None:
    """Path components inside the archive, or None for a path that points outside it."""
    name = name.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name):
        return None
    parts = tuple(p for p in name.split("/") if p not in ("", "."))
    if any(p == ".." for p in parts):
        return None
    return parts


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def load_zip(
    data: bytes, source: str = "zip", progress: Callable[[int, int], None] | None = None
) -> LabeledImages:
    """An ImageFolder inside a zip, read in memory (nothing is extracted to disk).

    Tolerates wrapper folders, ``__MACOSX``, hidden files, nested folders and
    ``train/`` + ``test/`` (or ``val/``) splits. Refuses, before decompressing anything,
    archives over the size, member-count or compression-ratio caps (zip bombs).
    """
    if len(data) > MAX_ZIP_BYTES:
        raise UserFacingError(
            "transfer_learning.datasets.zip_too_big", mb=MAX_ZIP_BYTES // (1024 * 1024)
        )
    import io

    declared = _declared_entry_count(data)
    if declared is not None and declared > MAX_ZIP_ENTRIES:
        raise UserFacingError(
            "transfer_learning.datasets.zip_too_many_files", count=declared, max=MAX_ZIP_ENTRIES
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ):
        raise UserFacingError("transfer_learning.datasets.zip_corrupt") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UserFacingError(
            "transfer_learning.datasets.zip_too_many_files", count=len(infos), max=MAX_ZIP_ENTRIES
        )
    skipped: list[tuple[str, str]] = []
    entries: list[_Entry] = []
    dirs: list[tuple[str, ...]] = []
    unpacked = 0
    for info in infos:
        name = _member_name(info)
        parts = _safe_parts(name)
        if parts is None:
            skipped.append((_display(name), SKIP_UNSAFE_PATH))
            continue
        if not parts:
            continue
        if info.is_dir():
            dirs.append(parts)
            continue
        if _ignored(parts):
            continue
        if _is_link(info):
            skipped.append((_display(name), SKIP_LINK))
            continue
        if info.flag_bits & 0x1:
            skipped.append((_display(name), SKIP_ENCRYPTED))
            continue
        entry = _Entry(parts, info.file_size, _member_reader(archive, info))
        if entry.is_image_name:
            if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_MEMBER_RATIO * max(
                info.compress_size, 1
            ):
                raise UserFacingError(
                    "transfer_learning.datasets.zip_bomb",
                    name=_display(name),
                    ratio=info.file_size // max(info.compress_size, 1),
                )
            if info.file_size <= MAX_FILE_BYTES:
                unpacked += info.file_size
        entries.append(entry)
        dirs.append(parts[:-1])
    if unpacked > MAX_UNPACKED_BYTES:
        raise UserFacingError(
            "transfer_learning.datasets.zip_unpacked_too_big",
            mb=unpacked // (1024 * 1024),
            max=MAX_UNPACKED_BYTES // (1024 * 1024),
        )
    dirs = [d for d in dirs if d]
    return _assemble(entries, dirs, source, skipped, progress)


def _declared_entry_count(data: bytes) -> int | None:
    """The entry count from the archive's end record, read before the directory is parsed
    (a directory of millions of entries would itself exhaust memory)."""
    import io

    try:
        end = zipfile._EndRecData(io.BytesIO(data))  # stable since Python 2; handles zip64
    except (AttributeError, OSError, ValueError, struct_error):
        return None
    return int(end[zipfile._ECD_ENTRIES_TOTAL]) if end else None


def _member_reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def read() -> bytes:
        # ZipExtFile never returns more than the declared size and checks the CRC at the
        # end, so a member that lies about its size fails instead of inflating further.
        with archive.open(info) as member:
            return member.read(MAX_FILE_BYTES + 1)

    return read


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
    mapping: Mapping[str, Sequence[tuple[str, bytes]]], source: str = "upload"
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
                img = decode_image(data)
            except UserFacingError as err:
                skipped.append(
                    (
                        _display(f"{names[label]}/{file_name}"),
                        _LOAD_ERROR_REASONS.get(err.key, SKIP_UNREADABLE),
                    )
                )
                continue
            images.append(img)
            labels.append(label)
    return make_labeled(source, names, images, labels, skipped)


# ---------------------------------------------------------------- (e) when a local folder is offered

LOCAL_FOLDER_ENV = "CNN2_LOCAL_FOLDER"  # "1" forces the folder source on, "0" off
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def host_name(host_header: str | None) -> str:
    """The host name of an HTTP ``Host`` header, without port or IPv6 brackets."""
    host = (host_header or "").strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else ""
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def folder_source_allowed(
    host_header: str | None, ip_address: str | None, override: str | None = None
) -> bool:
    """Offer "local folder" only to someone sitting at the machine that runs the app.

    Both must hold: the browser asked for a loopback host name (``Host`` header), and
    the connection itself comes from loopback (Streamlit reports the peer address as
    ``None`` then). The header alone can be forged by a remote client; the peer address
    cannot. Behind a proxy on the same machine (as on a cloud host) the peer is loopback
    but the ``Host`` is the public name, so the option stays off. ``$CNN2_LOCAL_FOLDER``
    ("0"/"1") overrides the detection either way.
    """
    if override in ("0", "1"):
        return override == "1"
    return host_name(host_header) in _LOOPBACK_NAMES and ip_address is None


def folder_signature(path: str | os.PathLike) -> str:
    """A cheap hash of a folder's listing (names, sizes, times): a cache key that changes
    when files are added, removed or edited, without reading them."""
    digest = hashlib.sha256(str(Path(path).expanduser().resolve()).encode("utf-8", "replace"))
    count = 0
    for here, subdirs, files in os.walk(path):
        subdirs.sort()
        for name in sorted(files):
            try:
                info = os.stat(os.path.join(here, name))
            except OSError:
                continue
            digest.update(
                f"{here}/{name}|{info.st_size}|{info.st_mtime_ns}\n".encode("utf-8", "replace")
            )
            count += 1
            if count > MAX_FOLDER_ENTRIES:
                return digest.hexdigest()
    return digest.hexdigest()


# ---------------------------------------------------------------- a bounded memo of decoded sets


class DatasetMemo:
    """Decoded datasets by content key, least recently used first out, bounded in megabytes.

    The UI keeps one per process (``st.cache_resource``) so identical uploads and the
    book's set are decoded once and shared by every session. Thread-safe.
    """

    def __init__(self, max_megabytes: float, max_entries: int = 16) -> None:
        import threading
        from collections import OrderedDict

        self.max_megabytes = max_megabytes
        self.max_entries = max_entries
        self._items: OrderedDict[str, tuple[LabeledImages, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> LabeledImages | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: str, data: LabeledImages) -> LabeledImages:
        size = approx_megabytes(data)
        with self._lock:
            self._items[key] = (data, size)
            self._items.move_to_end(key)
            while len(self._items) > 1 and (
                len(self._items) > self.max_entries or self.megabytes > self.max_megabytes
            ):
                self._items.popitem(last=False)
        return data

    @property
    def megabytes(self) -> float:
        return sum(size for _, size in self._items.values())

    def __len__(self) -> int:
        return len(self._items)
