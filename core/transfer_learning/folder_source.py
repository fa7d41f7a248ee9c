"""When the "local folder" source is offered, and a cheap signature of a folder's listing."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from core.transfer_learning.image_folder import MAX_FOLDER_ENTRIES

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
