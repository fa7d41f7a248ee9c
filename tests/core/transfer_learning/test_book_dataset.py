"""The book's dataset: download with progress from a loopback server, disk cache, offline."""

from __future__ import annotations

import http.server
import io
import threading
import urllib.error
import urllib.request
import zipfile
from functools import partial
from pathlib import Path

import pytest

from core.common.errors import UserFacingError
from core.transfer_learning import book_dataset as book
from tests.files import make_zip, two_classes


@pytest.fixture
def server(tmp_path):
    """A loopback HTTP server over a folder; yields (base URL, folder, request log)."""
    root = tmp_path / "www"
    root.mkdir()
    requests: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            requests.append(self.path)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", root, requests
    httpd.shutdown()


def zip_of_folder(folder: Path, top: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
    return buf.getvalue()


def test_cache_folder_is_outside_the_project(monkeypatch):
    monkeypatch.delenv(book.CACHE_ENV, raising=False)
    project = Path(__file__).resolve().parents[3]
    assert project not in book.cache_dir().parents
    assert book.book_zip_path().name.startswith("catanddog-")
    assert book.book_zip_path("http://a/x.zip") != book.book_zip_path("http://b/x.zip")
    assert "gilbutITbook/080289" in book.BOOK_ZIP_URL and book.BOOK_ZIP_URL.endswith(
        "chap05/data/catanddog.zip"
    )


def test_download_reports_progress_and_is_cached(server, tmp_path):
    base, root, requests = server
    (root / "catanddog.zip").write_bytes(
        make_zip(two_classes("catanddog/train/") | two_classes("catanddog/test/", n=2))
    )
    url = f"{base}/catanddog.zip"
    seen = []
    cache = tmp_path / "cache"
    data = book.load_book_dataset(lambda done, total: seen.append((done, total)), url, cache)
    assert data.source == "book" and data.class_names == ("cat", "dog")
    assert data.test is not None and len(data.test) == 4
    assert seen and seen[-1][0] == seen[-1][1] == (root / "catanddog.zip").stat().st_size
    assert book.book_is_cached(url, cache)
    n_requests = len(requests)
    again = book.load_book_dataset(None, url, cache)  # from the disk cache, no request
    assert len(requests) == n_requests and again.fingerprint == data.fingerprint


def test_the_real_book_data_through_the_download_path(server, tmp_path, book_dir):
    base, root, _ = server
    (root / "catanddog.zip").write_bytes(zip_of_folder(book_dir / "catanddog", "catanddog"))
    data = book.load_book_dataset(None, f"{base}/catanddog.zip", tmp_path / "cache")
    assert data.class_names == ("Cat", "Dog") and data.class_counts == (182, 203)
    assert data.test.class_counts == (49, 49)
    assert data.skipped == ()  # the six BMP files named .jpg load too


def test_offline_gives_the_book_message_and_leaves_no_file(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    cache = tmp_path / "cache"
    with pytest.raises(UserFacingError) as info:
        book.load_book_dataset(None, book.BOOK_ZIP_URL, cache)
    assert info.value.key == "transfer_learning.datasets.book_offline"
    assert info.value.params["url"] == book.BOOK_ZIP_URL
    assert not book.book_is_cached(book.BOOK_ZIP_URL, cache)
    assert list(cache.iterdir()) == []


def test_http_errors_and_size_cap(server, tmp_path, monkeypatch):
    base, root, _ = server
    with pytest.raises(UserFacingError) as info:
        book.load_book_dataset(None, f"{base}/missing.zip", tmp_path / "c")
    assert info.value.key == "errors.download_failed" and "404" in info.value.params["reason"]
    (root / "big.zip").write_bytes(b"x" * 5000)
    monkeypatch.setattr(book, "BOOK_MAX_BYTES", 1000)
    with pytest.raises(UserFacingError) as info:
        book.load_book_dataset(None, f"{base}/big.zip", tmp_path / "c")
    assert info.value.key == "errors.download_failed"
    assert not book.book_is_cached(f"{base}/big.zip", tmp_path / "c")


def test_a_damaged_cached_file_is_dropped_so_a_retry_downloads(server, tmp_path):
    base, root, requests = server
    url = f"{base}/catanddog.zip"
    cache = tmp_path / "cache"
    book.book_zip_path(url, cache).parent.mkdir(parents=True)
    book.book_zip_path(url, cache).write_bytes(b"<html>not a zip</html>")
    with pytest.raises(UserFacingError) as info:
        book.load_book_dataset(None, url, cache)
    assert info.value.key == "transfer_learning.datasets.zip_corrupt"
    assert not book.book_is_cached(url, cache)
    (root / "catanddog.zip").write_bytes(make_zip(two_classes()))
    assert len(book.load_book_dataset(None, url, cache)) == 6
