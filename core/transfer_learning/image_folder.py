"""ImageFolder layouts (``class/xxx.jpg``), from a local folder or any listing of files.

A listing is a list of ``Entry`` (path parts, size, a reader called only when the file is
used): a folder on disk here, or a checked zip archive (``zip_safety``). Wrapper folders,
hidden files and ``train/`` + ``test/`` (or ``val/``) splits are recognised; images are
decoded on two threads, and every file not used is listed with its reason.
"""

from __future__ import annotations

import hashlib
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from core.common.errors import UserFacingError
from core.common.images import MAX_FILE_BYTES, UPLOAD_EXTENSIONS
from core.transfer_learning import datasets as ds
from core.transfer_learning.datasets import (
    LOAD_ERROR_REASONS,
    SKIP_EMPTY_CLASS,
    SKIP_NO_CLASS,
    SKIP_NOT_IMAGE,
    SKIP_OTHER_SPLIT,
    SKIP_TOO_BIG,
    SKIP_UNKNOWN_CLASS,
    SKIP_UNREADABLE,
    LabeledImages,
    clean_class_name,
    make_labeled,
    printable,
    shown_name,
)

MAX_FOLDER_ENTRIES = 20_000
DECODE_THREADS = 2  # the host's cores
IMAGE_EXTENSIONS = frozenset("." + e for e in UPLOAD_EXTENSIONS)
TRAIN_SPLITS = ("train", "training")
TEST_SPLITS = ("test", "testing", "val", "valid", "validation")  # first present wins
_IGNORED = {"__macosx", "thumbs.db", "desktop.ini"}

Skipped = list[tuple[str, str]]  # (file name, i18n reason key)
Split = tuple[list["Entry"], set[tuple[str, ...]]]  # files and folders of one split


@dataclass(frozen=True)
class Entry:
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


def ignored(parts: Sequence[str]) -> bool:
    """macOS resource forks, hidden files and Windows thumbnails: silently not data."""
    return any(p.startswith(".") or p.lower() in _IGNORED for p in parts)


# ---------------------------------------------------------------- finding the classes


def _strip_wrappers(
    entries: list[Entry], dirs: Iterable[tuple[str, ...]]
) -> tuple[list[Entry], set[tuple[str, ...]], Skipped]:
    """Strip common wrapper folders as long as a class level remains below them."""
    images = [e for e in entries if e.is_image_name]
    root = 0
    while (
        images
        and all(len(e.parts) >= root + 3 for e in images)
        and len({e.parts[root] for e in images}) == 1
    ):
        root += 1
    prefix = images[0].parts[:root] if images else ()
    skipped: Skipped = []
    inside = []
    for e in entries:
        if e.parts[:root] == prefix and len(e.parts) > root:
            inside.append(replace(e, parts=e.parts[root:]))
        else:
            skipped.append((e.name, SKIP_NOT_IMAGE))
    dir_sets = {d[root:] for d in dirs if d[:root] == prefix and len(d) > root}
    return inside, dir_sets, skipped


def _split_folders(
    inside: list[Entry], dir_sets: set[tuple[str, ...]]
) -> tuple[dict[str, Split], Skipped] | None:
    """``train/`` (+ ``test/``) when the top folders are all split names, else None."""
    tops = {e.parts[0] for e in inside if len(e.parts) >= 2} | {d[0] for d in dir_sets}
    lowered = {t.lower(): t for t in tops}
    train_name = next((lowered[s] for s in TRAIN_SPLITS if s in lowered), None)
    if train_name is None or not all(t.lower() in TRAIN_SPLITS + TEST_SPLITS for t in tops):
        return None
    test_name = next((lowered[s] for s in TEST_SPLITS if s in lowered), None)
    splits = {}
    for split, name in (("train", train_name), ("test", test_name)):
        if name is not None:
            splits[split] = (
                [
                    replace(e, parts=e.parts[1:])
                    for e in inside
                    if e.parts[0] == name and len(e.parts) > 1
                ],
                {d[1:] for d in dir_sets if d[0] == name and len(d) > 1},
            )
    used = {train_name, test_name}
    skipped = [
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


def _class_dirs_and_files(
    entries: list[Entry], dirs: Iterable[tuple[str, ...]]
) -> tuple[dict[str, Split], Skipped]:
    """The splits ("train", and "test" when present) and the files outside every class."""
    inside, dir_sets, skipped = _strip_wrappers(entries, dirs)
    found = _split_folders(inside, dir_sets)
    if found is None:
        return {"train": (inside, dir_sets)}, skipped
    splits, more = found
    return splits, skipped + more


# ---------------------------------------------------------------- decoding one split


def _folder_class(folder: str) -> str:
    return clean_class_name(printable(folder)) or "?"


def _wanted_entries(
    entries: list[Entry], class_names: Sequence[str] | None
) -> tuple[list[tuple[str, Entry]], Skipped]:
    """(class, entry) of every image to decode, in class order, and the files left out."""
    skipped: Skipped = []
    by_class: dict[str, list[Entry]] = {}
    for e in sorted(entries, key=lambda e: e.parts):
        if len(e.parts) < 2:
            skipped.append((e.name, SKIP_NO_CLASS if e.is_image_name else SKIP_NOT_IMAGE))
        elif not e.is_image_name:
            skipped.append((e.name, SKIP_NOT_IMAGE))
        else:
            by_class.setdefault(_folder_class(e.parts[0]), []).append(e)
    wanted = []
    for cls in sorted(by_class):
        for e in by_class[cls]:
            if class_names is not None and cls not in class_names:
                skipped.append((e.name, SKIP_UNKNOWN_CLASS))
            else:
                wanted.append((cls, e))
    return wanted, skipped


def _decode_entry(entry: Entry, short_side: int) -> tuple[Image.Image | None, str]:
    if entry.size > MAX_FILE_BYTES:
        return None, SKIP_TOO_BIG
    try:
        data = entry.read()
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        return None, SKIP_UNREADABLE
    try:
        return ds.decode_image(data, short_side), ""
    except UserFacingError as err:
        return None, LOAD_ERROR_REASONS.get(err.key, SKIP_UNREADABLE)


def _decode_all(
    wanted: list[tuple[str, Entry]], progress: Callable[[int], None] | None, short_side: int
) -> tuple[dict[str, list[Image.Image]], Skipped]:
    decoded: dict[str, list[Image.Image]] = {}
    skipped: Skipped = []
    # PIL releases the GIL while decoding and resizing: two threads use both cores.
    with ThreadPoolExecutor(DECODE_THREADS) as pool:
        results = pool.map(_decode_entry, [e for _, e in wanted], [short_side] * len(wanted))
        for (cls, e), (img, reason) in zip(wanted, results):
            if progress:
                progress(1)
            if img is None:
                skipped.append((e.name, reason))
            else:
                decoded.setdefault(cls, []).append(img)
    return decoded, skipped


def _load_split(
    entries: list[Entry],
    dirs: set[tuple[str, ...]],
    source: str,
    class_names: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
    short_side: int = ds.MAX_SHORT_SIDE,
) -> LabeledImages:
    """Decode one ImageFolder split; ``class_names`` fixes the classes (a test split)."""
    wanted, skipped = _wanted_entries(entries, class_names)
    decoded, unreadable = _decode_all(wanted, progress, short_side)
    skipped += unreadable
    if class_names is None:
        class_names = sorted(decoded)  # torchvision's ImageFolder order
        folders = {
            _folder_class(p)
            for p in {d[0] for d in dirs} | {e.parts[0] for e in entries if len(e.parts) >= 2}
        }
        skipped += [(f"{f}/", SKIP_EMPTY_CLASS) for f in sorted(folders) if f not in decoded]
    images, labels = [], []
    for label, cls in enumerate(class_names):
        images += decoded.get(cls, [])
        labels += [label] * len(decoded.get(cls, []))
    return make_labeled(
        source, class_names, images, labels, [(shown_name(n), r) for n, r in skipped]
    )


# ---------------------------------------------------------------- a whole listing


def assemble(
    entries: list[Entry],
    dirs: Iterable[tuple[str, ...]],
    source: str,
    skipped_before: Sequence[tuple[str, str]] = (),
    progress: Callable[[int, int], None] | None = None,
    short_side: int = ds.MAX_SHORT_SIDE,
) -> LabeledImages:
    """The labelled set of a listing: its training split, and its test split when present,
    decoded with shorter sides <= ``short_side`` (``datasets.decode_side``)."""
    entries = [e for e in entries if not ignored(e.parts)]
    dirs = [d for d in dirs if not ignored(d)]
    candidates = sum(e.is_image_name for e in entries)
    if candidates > ds.MAX_IMAGES:
        raise UserFacingError(
            "transfer_learning.datasets.too_many_images", count=candidates, max=ds.MAX_IMAGES
        )
    splits, skipped = _class_dirs_and_files(entries, dirs)
    done = [0]

    def step(n: int) -> None:
        done[0] += n
        if progress:
            progress(done[0], candidates)

    train = _load_split(*splits["train"], source=source, progress=step, short_side=short_side)
    test = None
    if "test" in splits:
        test_entries, test_dirs = splits["test"]
        test = _load_split(
            test_entries,
            test_dirs,
            source,
            class_names=train.class_names,
            progress=step,
            short_side=short_side,
        )
        test = replace(test, skipped=tuple((f"test/{n}", r) for n, r in test.skipped))
    before = list(skipped_before) + [(shown_name(n), r) for n, r in skipped]
    return _with_test(train, test, before)


def _with_test(train: LabeledImages, test: LabeledImages | None, before: Skipped) -> LabeledImages:
    """The training split carrying the test split, every skipped file and one fingerprint."""
    prefix = "train/" if test is not None else ""
    all_skipped = (
        before
        + [(prefix + n, r) for n, r in train.skipped]
        + (list(test.skipped) if test is not None else [])
    )
    fingerprint = train.fingerprint
    if test is not None:  # fold the test split's hash into the training split's, not re-hash
        combined = f"{train.fingerprint}|test:{test.fingerprint}".encode()
        fingerprint = hashlib.sha256(combined).hexdigest()[:32]
    return replace(train, skipped=tuple(all_skipped), test=test, fingerprint=fingerprint)


# ---------------------------------------------------------------- a local folder


def load_image_folder(
    path: str | os.PathLike,
    source: str = "folder",
    progress: Callable[[int, int], None] | None = None,
    short_side: int = ds.MAX_SHORT_SIDE,
) -> LabeledImages:
    """An ImageFolder on disk (``class/xxx.jpg``); ``train/`` and ``test/`` splits recognised."""
    root = Path(path).expanduser()
    if not root.is_dir():
        raise UserFacingError(
            "transfer_learning.datasets.folder_missing", path=shown_name(str(path))
        )
    try:
        entries, dirs, skipped = _walk(root)
    except PermissionError:
        raise UserFacingError(
            "transfer_learning.datasets.folder_missing", path=shown_name(str(path))
        ) from None
    return assemble(entries, dirs, source, skipped, progress=progress, short_side=short_side)


def _walk(root: Path) -> tuple[list[Entry], list[tuple[str, ...]], Skipped]:
    """Every regular file (or link to one) and folder below ``root``, bounded in number."""
    entries: list[Entry] = []
    dirs: list[tuple[str, ...]] = []
    skipped: Skipped = []
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
                if not ignored(rel + (name,)):
                    skipped.append((shown_name("/".join(rel + (name,))), SKIP_NOT_IMAGE))
            else:
                entries.append(
                    Entry(rel + (name,), info.st_size if info else 0, _file_reader(full))
                )
            if len(entries) + len(skipped) > MAX_FOLDER_ENTRIES:
                raise UserFacingError(
                    "transfer_learning.datasets.folder_too_many_files", max=MAX_FOLDER_ENTRIES
                )
    return entries, dirs, skipped


def _file_reader(path: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        with open(path, "rb") as f:
            # Bounded (the file may have grown since it was listed), and sized by the file:
            # a buffer of MAX_FILE_BYTES per small file would cost more than decoding it.
            size = os.fstat(f.fileno()).st_size
            return f.read(min(size, MAX_FILE_BYTES) + 1)

    return read
