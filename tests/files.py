"""Bytes of small files for tests: images and zip archives built in memory."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from PIL import Image


def png(colour=(200, 30, 30), size=(40, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "PNG")
    return buf.getvalue()


def jpeg(colour=(30, 200, 30), size=(40, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG")
    return buf.getvalue()


def make_zip(members: dict[str, bytes | None], compression=zipfile.ZIP_DEFLATED) -> bytes:
    """name -> bytes (a file) or None (a directory entry)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as archive:
        for name, data in members.items():
            if data is None:
                archive.writestr(zipfile.ZipInfo(name.rstrip("/") + "/"), b"")
            else:
                archive.writestr(name, data)
    return buf.getvalue()


def two_classes(prefix: str = "", n: int = 3) -> dict[str, bytes]:
    """A cat/dog folder layout of ``n`` tiny PNG cats and JPEG dogs."""
    files = {}
    for i in range(n):
        files[f"{prefix}cat/{i}.png"] = png((200, 10 * i, 0))
        files[f"{prefix}dog/{i}.jpg"] = jpeg((0, 10 * i, 200))
    return files


def encode(img: Image.Image, fmt: str, **kwargs) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kwargs)
    return buf.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a huge size: a loader must refuse it before decoding."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def stand_in_weights(spec, state_dict: dict, monkeypatch) -> Path:
    """A locally made state dict in torch's cache, standing for the downloaded weights (no
    download in tests): the hash check against the hash in the file's name is told that
    this file is the genuine one."""
    import torch

    from core.common import backbones

    path = backbones.weights_cache_path(spec)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(state_dict, path)
    genuine = backbones._HASH_IN_NAME.search(path.name).group(1).ljust(64, "0")
    real = backbones.sha256_of
    monkeypatch.setattr(backbones, "sha256_of", lambda p: genuine if Path(p) == path else real(p))
    return path
