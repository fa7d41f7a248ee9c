"""Downloads report progress, appear atomically and fail clearly (on a loopback server)."""

import hashlib
import http.server
import threading
import urllib.error
import urllib.request
from functools import partial

import pytest

from core.common.download import download_file
from core.common.errors import UserFacingError


@pytest.fixture
def served(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    payload = bytes(range(256)) * 4000
    (root / "weights-abc.bin").write_bytes(payload)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *a: None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", payload
    server.shutdown()


def test_download_reports_progress_and_checks_the_hash(served, tmp_path):
    base, payload = served
    seen = []
    dest = tmp_path / "cache" / "w.bin"
    download_file(
        f"{base}/weights-abc.bin",
        dest,
        progress=lambda d, t: seen.append((d, t)),
        sha256_prefix=hashlib.sha256(payload).hexdigest()[:8],
    )
    assert dest.read_bytes() == payload
    assert seen[-1] == (len(payload), len(payload)) and len(seen) > 1


def test_bad_hash_leaves_no_file(served, tmp_path):
    base, _ = served
    dest = tmp_path / "cache" / "w.bin"
    with pytest.raises(UserFacingError) as info:
        download_file(f"{base}/weights-abc.bin", dest, sha256_prefix="00000000")
    assert info.value.key == "errors.download_failed"
    assert list(dest.parent.iterdir()) == []


def test_size_cap_and_missing_file(served, tmp_path):
    base, _ = served
    with pytest.raises(UserFacingError):
        download_file(f"{base}/weights-abc.bin", tmp_path / "a", max_bytes=1000)
    with pytest.raises(UserFacingError) as info:
        download_file(f"{base}/nope.bin", tmp_path / "b")
    assert "404" in info.value.params["reason"]


def test_offline_is_its_own_clear_error(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    with pytest.raises(UserFacingError) as info:
        download_file("https://example.invalid/x.pth", tmp_path / "x.pth")
    assert info.value.key == "errors.download_offline"


class _CutOnce(http.server.BaseHTTPRequestHandler):
    """Announces the whole payload; the first answer drops the connection a third of the way."""

    payload = bytes(range(256)) * 4000
    served = 0

    def do_GET(self):
        type(self).served += 1
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.payload)))
        self.end_headers()
        cut = len(self.payload) // 3 if self.served == 1 else len(self.payload)
        self.wfile.write(self.payload[:cut])
        self.wfile.flush()
        self.connection.shutdown(2)

    def log_message(self, *args):
        pass


def test_a_download_cut_off_half_way_leaves_nothing_and_the_next_attempt_succeeds(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CutOnce)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url, dest = f"http://127.0.0.1:{server.server_port}/w.bin", tmp_path / "cache" / "w.bin"
    try:
        with pytest.raises(UserFacingError) as info:
            download_file(url, dest)  # no hash to catch it: the length must
        assert info.value.params["reason"] == "connection cut off"
        assert list(dest.parent.iterdir()) == [], "no file that could later load"
        download_file(url, dest)
        assert dest.read_bytes() == _CutOnce.payload
    finally:
        server.shutdown()
