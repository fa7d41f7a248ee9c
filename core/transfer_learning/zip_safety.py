"""An ImageFolder inside an untrusted zip, read in memory and never extracted.

Members are checked (paths, links, encryption, sizes, compression ratio, count) against
the archive's directory before a byte is decompressed; the entry count is read from the
end record before the directory itself is parsed.
"""

from __future__ import annotations

import io
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable
from struct import error as struct_error

from core.common.errors import UserFacingError
from core.common.images import MAX_FILE_BYTES
from core.transfer_learning.datasets import (
    MAX_SHORT_SIDE,
    SKIP_ENCRYPTED,
    SKIP_LINK,
    SKIP_UNSAFE_PATH,
    LabeledImages,
    shown_name,
)
from core.transfer_learning.image_folder import Entry, assemble, ignored

MAX_ZIP_BYTES = 50 * 1024 * 1024  # the upload itself; = server.maxUploadSize (the book zip: 16 MB)
MAX_ZIP_ENTRIES = 10_000  # members of any kind, checked before reading any
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # declared size of all images together
MAX_MEMBER_RATIO = 100  # uncompressed / compressed for a member over RATIO_MIN_BYTES
RATIO_MIN_BYTES = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_CORRUPT = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,
)


def load_zip(
    data: bytes,
    source: str = "zip",
    progress: Callable[[int, int], None] | None = None,
    short_side: int = MAX_SHORT_SIDE,
) -> LabeledImages:
    """An ImageFolder inside a zip, read in memory (nothing is extracted to disk).

    Tolerates wrapper folders, ``__MACOSX``, hidden files, nested folders and
    ``train/`` + ``test/`` (or ``val/``) splits. Refuses, before decompressing anything,
    archives over the size, member-count or compression-ratio caps (zip bombs).
    """
    archive, infos = _open_checked(data)
    skipped: list[tuple[str, str]] = []
    entries: list[Entry] = []
    dirs: list[tuple[str, ...]] = []
    for info in infos:
        name = _member_name(info)
        parts = _safe_parts(name)
        refused = _refusal(info, parts)
        if refused:
            skipped.append((shown_name(name), refused))
        elif parts and info.is_dir():
            dirs.append(parts)
        elif parts and not ignored(parts):
            entry = Entry(parts, info.file_size, _member_reader(archive, info))
            if entry.is_image_name:
                _check_ratio(info, name)
            entries.append(entry)
            dirs.append(parts[:-1])
    _check_unpacked(infos, entries)
    return assemble(entries, [d for d in dirs if d], source, skipped, progress, short_side)


def _open_checked(data: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """The archive and its members, after the archive-wide caps."""
    if len(data) > MAX_ZIP_BYTES:
        raise UserFacingError(
            "transfer_learning.datasets.zip_too_big", mb=MAX_ZIP_BYTES // (1024 * 1024)
        )
    declared = _declared_entry_count(data)
    if declared is not None and declared > MAX_ZIP_ENTRIES:
        raise UserFacingError(
            "transfer_learning.datasets.zip_too_many_files", count=declared, max=MAX_ZIP_ENTRIES
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _CORRUPT:
        raise UserFacingError("transfer_learning.datasets.zip_corrupt") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UserFacingError(
            "transfer_learning.datasets.zip_too_many_files", count=len(infos), max=MAX_ZIP_ENTRIES
        )
    return archive, infos


def _refusal(info: zipfile.ZipInfo, parts: tuple[str, ...] | None) -> str | None:
    """Why a member is skipped unread (an i18n reason key), or None when it may be used."""
    if parts is None:
        return SKIP_UNSAFE_PATH
    if not parts or info.is_dir() or ignored(parts):
        return None
    if _is_link(info):
        return SKIP_LINK
    if info.flag_bits & 0x1:
        return SKIP_ENCRYPTED
    return None


def _check_ratio(info: zipfile.ZipInfo, name: str) -> None:
    """A large image member compressed beyond any real image's ratio is a zip bomb."""
    ratio = info.file_size // max(info.compress_size, 1)
    if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_MEMBER_RATIO * max(
        info.compress_size, 1
    ):
        raise UserFacingError(
            "transfer_learning.datasets.zip_bomb", name=shown_name(name), ratio=ratio
        )


def _check_unpacked(infos: list[zipfile.ZipInfo], entries: list[Entry]) -> None:
    """The declared size of all images that would be read (members over the file cap are
    skipped unread, so they do not count)."""
    unpacked = sum(e.size for e in entries if e.is_image_name and e.size <= MAX_FILE_BYTES)
    if unpacked > MAX_UNPACKED_BYTES:
        raise UserFacingError(
            "transfer_learning.datasets.zip_unpacked_too_big",
            mb=unpacked // (1024 * 1024),
            max=MAX_UNPACKED_BYTES // (1024 * 1024),
        )


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


def _declared_entry_count(data: bytes) -> int | None:
    """The entry count from the archive's end record, read before the directory is parsed
    (a directory of millions of entries would itself exhaust memory)."""
    try:
        end = zipfile._EndRecData(io.BytesIO(data))  # private, but handles zip64
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
