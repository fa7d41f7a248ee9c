"""The textbook's chapter-5 cat/dog dataset, downloaded on request and cached on disk.

The zip comes from the book's public repository (Seo Ji-young, 딥러닝 파이토치 교과서,
Gilbut 2022: ``gilbutITbook/080289``, ``chap05/data/catanddog.zip``). It is kept in a
cache folder under the system's temporary directory (never in the project), shared by
every session of the server, and read with the same hostile-input-safe zip loader as
uploads. Its inner layout is not pinned: the loader accepts a wrapping folder and
``train/`` + ``test/`` splits, and the zip's hash is not pinned either.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from core.common.download import download_file
from core.common.errors import UserFacingError
from core.transfer_learning.datasets import MAX_SHORT_SIDE, LabeledImages
from core.transfer_learning.zip_safety import load_zip

BOOK_REPO = "gilbutITbook/080289"
BOOK_ZIP_URL = "https://github.com/gilbutITbook/080289/raw/main/chap05/data/catanddog.zip"
BOOK_MAX_BYTES = 150 * 1024 * 1024  # the download is refused beyond this
CACHE_ENV = "CNN2_DATA_CACHE"  # optional override of the cache folder


def cache_dir() -> Path:
    """``<system temp>/cnn2-labs-data`` unless ``$CNN2_DATA_CACHE`` names another folder."""
    return Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "cnn2-labs-data")


def book_zip_path(url: str = BOOK_ZIP_URL, folder: Path | None = None) -> Path:
    """Where the zip from ``url`` is cached (the name carries a hash of the URL)."""
    tag = hashlib.sha256(url.encode()).hexdigest()[:10]
    return (folder or cache_dir()) / f"catanddog-{tag}.zip"


def book_is_cached(url: str = BOOK_ZIP_URL, folder: Path | None = None) -> bool:
    return book_zip_path(url, folder).is_file()


def download_book_zip(
    progress: Callable[[int, int | None], None] | None = None,
    url: str = BOOK_ZIP_URL,
    folder: Path | None = None,
) -> Path:
    """The cached zip, downloading it first (with progress) when it is not there yet.

    Offline this raises UserFacingError("transfer_learning.datasets.book_offline") naming the URL.
    """
    dest = book_zip_path(url, folder)
    if dest.is_file():
        return dest
    try:
        return download_file(url, dest, progress=progress, max_bytes=BOOK_MAX_BYTES)
    except UserFacingError as err:
        if err.key == "errors.download_offline":
            raise UserFacingError("transfer_learning.datasets.book_offline", url=url) from None
        raise


def load_book_dataset(
    progress: Callable[[int, int | None], None] | None = None,
    url: str = BOOK_ZIP_URL,
    folder: Path | None = None,
    read_progress: Callable[[int, int], None] | None = None,
    short_side: int = MAX_SHORT_SIDE,
) -> LabeledImages:
    """The book's train split (its test split in ``.test``), downloading if needed.

    ``progress`` reports downloaded bytes, ``read_progress`` decoded images.
    A cached file that turns out not to be a readable zip is deleted, so the next
    request downloads it again instead of failing forever.
    """
    path = download_book_zip(progress, url, folder)
    try:
        return load_zip(
            path.read_bytes(), source="book", progress=read_progress, short_side=short_side
        )
    except UserFacingError as err:
        if err.key == "transfer_learning.datasets.zip_corrupt" or not zipfile.is_zipfile(path):
            path.unlink(missing_ok=True)
        raise
