"""Downloads with visible progress, an atomic finish and a clear offline error."""

from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from core.common.errors import UserFacingError

ProgressCallback = Callable[[int, int | None], None]  # (bytes done, total bytes or None)

CHUNK = 256 * 1024
TIMEOUT_S = 20


def download_file(
    url: str,
    dest: Path,
    progress: ProgressCallback | None = None,
    sha256_prefix: str | None = None,
    max_bytes: int | None = None,
) -> Path:
    """Stream ``url`` into ``dest``, reporting progress; the file appears only when complete.

    Raises UserFacingError("errors.download_offline") when the network is unreachable,
    and "errors.download_failed" for a bad status, a body shorter than announced, a size over
    ``max_bytes`` or a hash mismatch.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".part-", dir=dest.parent)
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=TIMEOUT_S) as resp:
            total = int(resp.headers.get("Content-Length") or 0) or None
            if max_bytes is not None and total is not None and total > max_bytes:
                raise UserFacingError("errors.download_failed", url=url, reason="too large")
            done = 0
            while chunk := resp.read(CHUNK):
                done += len(chunk)
                if max_bytes is not None and done > max_bytes:
                    raise UserFacingError("errors.download_failed", url=url, reason="too large")
                out.write(chunk)
                digest.update(chunk)
                if progress:
                    progress(done, total)
        if total is not None and done != total:  # the connection dropped: urllib says nothing
            raise UserFacingError("errors.download_failed", url=url, reason="connection cut off")
        if sha256_prefix and not digest.hexdigest().startswith(sha256_prefix):
            raise UserFacingError("errors.download_failed", url=url, reason="checksum mismatch")
        os.replace(tmp_name, dest)
        return dest
    except urllib.error.HTTPError as err:
        raise UserFacingError(
            "errors.download_failed", url=url, reason=f"HTTP {err.code}"
        ) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException) as err:
        raise UserFacingError("errors.download_offline", url=url) from err
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK * 4):
            digest.update(chunk)
    return digest.hexdigest()
