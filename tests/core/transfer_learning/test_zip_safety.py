"""Zip archives and per-class uploads, including a corpus of hostile archives built here."""

from __future__ import annotations

import io
import stat
import struct
import zipfile

import numpy as np
import pytest
from PIL import Image

from core.common.errors import UserFacingError
from core.transfer_learning import datasets as ds
from core.transfer_learning import image_folder as imf
from core.transfer_learning import zip_safety as zs
from tests.files import jpeg, make_zip, png, png_header_only, two_classes


@pytest.fixture(autouse=True)
def never_extract(monkeypatch):
    """Loading never writes members to disk."""

    def refuse(*args, **kwargs):
        raise AssertionError("a member was extracted to disk")

    monkeypatch.setattr(zipfile.ZipFile, "extract", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "extractall", refuse)


def skipped_reasons(data: ds.LabeledImages) -> dict[str, str]:
    return dict(data.skipped)


# ---------------------------------------------------------------- ordinary layouts


def test_plain_imagefolder_zip():
    data = zs.load_zip(make_zip(two_classes()))
    assert data.source == "zip"
    assert data.class_names == ("cat", "dog") and data.class_counts == (3, 3)
    assert data.skipped == () and data.test is None
    assert np.asarray(data.images[0])[0, 0].tolist() == [200, 0, 0]  # sorted: cat/0.png first
    ds.check_trainable(data)


def test_wrapper_folders_macos_noise_and_hidden_files_are_tolerated():
    files = two_classes("catanddog/data/")
    files["__MACOSX/catanddog/data/cat/._0.png"] = b"\x00\x05\x16\x07junk"
    files["catanddog/data/cat/.DS_Store"] = b"junk"
    files["catanddog/.hidden/x.png"] = png()
    files["catanddog/data/dog/Thumbs.db"] = b"junk"
    data = zs.load_zip(make_zip(files))
    assert data.class_names == ("cat", "dog") and data.class_counts == (3, 3)
    assert data.skipped == ()
    assert data.fingerprint == zs.load_zip(make_zip(two_classes())).fingerprint


def test_train_and_test_splits_are_recognised():
    files = two_classes("set/train/") | two_classes("set/test/", n=2)
    files["set/test/bird/0.png"] = png()
    files["set/README.txt"] = b"hello"
    data = zs.load_zip(make_zip(files))
    assert data.class_names == ("cat", "dog") and len(data) == 6
    assert data.test is not None and data.test.class_counts == (2, 2)
    reasons = skipped_reasons(data)
    assert reasons["test/bird/0.png"] == ds.SKIP_UNKNOWN_CLASS
    assert reasons["README.txt"] == ds.SKIP_NOT_IMAGE


def test_val_folder_serves_as_test_split_and_unused_splits_are_listed():
    files = two_classes("Train/") | two_classes("val/", n=2)
    data = zs.load_zip(make_zip(files))
    assert data.test is not None and len(data.test) == 4
    files = two_classes("train/") | two_classes("test/", n=2) | two_classes("valid/", n=1)
    data = zs.load_zip(make_zip(files))
    assert len(data.test) == 4
    assert skipped_reasons(data)["valid/cat/0.png"] == ds.SKIP_OTHER_SPLIT


def test_only_a_train_folder_is_an_ordinary_dataset():
    data = zs.load_zip(make_zip(two_classes("train/")))
    assert data.class_names == ("cat", "dog") and data.test is None


def test_nested_folders_belong_to_their_class_and_empty_classes_are_listed():
    files = two_classes()
    files["cat/indoor/more/9.png"] = png()
    files["bird/"] = None
    files["fish/notes.txt"] = b"no images here"
    data = zs.load_zip(make_zip(files))
    assert data.class_names == ("cat", "dog") and data.class_counts == (4, 3)
    reasons = skipped_reasons(data)
    assert reasons["bird/"] == ds.SKIP_EMPTY_CLASS
    assert reasons["fish/"] == ds.SKIP_EMPTY_CLASS
    assert reasons["fish/notes.txt"] == ds.SKIP_NOT_IMAGE


def test_non_images_and_corrupt_images_are_skipped_and_listed():
    files = two_classes()
    files["cat/readme.txt"] = b"text"
    files["cat/inner.zip"] = make_zip({"x.png": png()})
    files["cat/broken.jpg"] = b"\xff\xd8\xff\xe0 this is not really a jpeg"
    files["dog/truncated.png"] = png()[:60]
    files["dog/empty.png"] = b""
    files["loose.png"] = png()
    data = zs.load_zip(make_zip(files))
    assert data.class_counts == (3, 3)
    assert skipped_reasons(data) == {
        "cat/broken.jpg": ds.SKIP_UNREADABLE,
        "cat/inner.zip": ds.SKIP_NOT_IMAGE,
        "cat/readme.txt": ds.SKIP_NOT_IMAGE,
        "dog/empty.png": ds.SKIP_EMPTY_FILE,
        "dog/truncated.png": ds.SKIP_UNREADABLE,
        "loose.png": ds.SKIP_NO_CLASS,
    }


def test_decompression_bombs_inside_a_zip_are_listed_as_bombs():

    files = two_classes() | {
        "cat/bomb.png": png_header_only(10_000, 10_000),
        "dog/huge-bomb.png": png_header_only(65_000, 65_000),
    }
    data = zs.load_zip(make_zip(files))
    assert skipped_reasons(data) == {
        "cat/bomb.png": ds.SKIP_BOMB,
        "dog/huge-bomb.png": ds.SKIP_BOMB,
    }


def test_long_thin_strips_inside_a_zip_are_listed():
    files = two_classes() | {"cat/strip.png": png(size=(4000, 2))}
    data = zs.load_zip(make_zip(files))
    assert skipped_reasons(data) == {"cat/strip.png": ds.SKIP_ASPECT}


def test_bmp_data_with_a_jpg_name_loads():
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(buf, "BMP")
    files = two_classes()
    files["cat/bmp-in-disguise.jpg"] = buf.getvalue()
    assert zs.load_zip(make_zip(files)).class_counts == (4, 3)


def test_big_images_are_downscaled_at_load_time():
    files = two_classes()
    files["cat/big.png"] = png(size=(900, 600))
    data = zs.load_zip(make_zip(files))
    assert (384, 256) in [img.size for img in data.images]
    assert all(min(img.size) <= ds.MAX_SHORT_SIDE for img in data.images)


# ---------------------------------------------------------------- names


def _rename(data: bytes, placeholder: str, raw: bytes) -> bytes:
    """Put raw (non-UTF-8-flagged) name bytes in place of an ASCII placeholder of equal length."""
    assert len(placeholder.encode()) == len(raw)
    return data.replace(placeholder.encode(), raw)


def test_korean_names_in_cp949_utf8_without_flag_and_nfd():
    files = {f"XXXXXX/{i}.png": png() for i in range(2)} | {
        f"YYYYYYYYY/{i}.png": png() for i in range(2)
    }
    raw = make_zip(files)
    raw = _rename(raw, "XXXXXX", "고양이".encode("cp949"))  # Windows (Korean) zip tools
    raw = _rename(raw, "YYYYYYYYY", "강아지".encode())  # UTF-8 without the flag
    data = zs.load_zip(raw)
    assert set(data.class_names) == {"고양이", "강아지"}
    import unicodedata

    nfd = unicodedata.normalize("NFD", "토끼")
    data = zs.load_zip(make_zip({f"{nfd}/{i}.png": png() for i in range(2)} | two_classes()))
    assert "토끼" in data.class_names  # macOS decomposed Hangul is composed again


def test_undecodable_names_become_printable():
    raw = make_zip({"ZZZZ/0.png": png(), "ZZZZ/1.png": png()} | two_classes())
    raw = _rename(raw, "ZZZZ", b"\x81\xff\x01\x9f")  # neither UTF-8 nor CP949
    data = zs.load_zip(raw)
    assert len(data.class_names) == 3
    assert all(ch.isprintable() for name in data.class_names for ch in name)
    for name, _ in data.skipped:
        assert all(ch.isprintable() for ch in name)


# ---------------------------------------------------------------- hostile archives


def test_path_traversal_absolute_and_drive_paths_are_skipped():
    files = two_classes()
    files["../../evil/0.png"] = png()
    files["cat/../../escape.png"] = png()
    files["/etc/passwd.png"] = png()
    files["C:/Windows/x.png"] = png()
    files["dog\\..\\..\\win.png"] = png()
    data = zs.load_zip(make_zip(files))
    assert data.class_counts == (3, 3)
    unsafe = [n for n, r in data.skipped if r == ds.SKIP_UNSAFE_PATH]
    assert any("evil" in n for n in unsafe) and any("escape" in n for n in unsafe)
    assert any("win.png" in n for n in unsafe)
    assert any(n.startswith("/etc") for n in unsafe)


def test_symlinks_are_never_followed():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in two_classes().items():
            archive.writestr(name, data)
        link = zipfile.ZipInfo("cat/link.png")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    data = zs.load_zip(buf.getvalue())
    assert skipped_reasons(data)["cat/link.png"] == ds.SKIP_LINK
    assert data.class_counts == (3, 3)


def test_encrypted_members_are_skipped_without_reading():
    raw = bytearray(make_zip(two_classes() | {"cat/secret.png": png()}))
    # set the "encrypted" flag of that member in its central directory record
    pos = raw.index(b"PK\x01\x02")
    while True:
        name_len = struct.unpack_from("<H", raw, pos + 28)[0]
        if raw[pos + 46 : pos + 46 + name_len] == b"cat/secret.png":
            struct.pack_into("<H", raw, pos + 8, struct.unpack_from("<H", raw, pos + 8)[0] | 1)
            break
        pos = raw.index(b"PK\x01\x02", pos + 4)
    data = zs.load_zip(bytes(raw))
    assert skipped_reasons(data)["cat/secret.png"] == ds.SKIP_ENCRYPTED


def test_zip_bomb_is_refused_before_decompressing(monkeypatch):
    bomb = make_zip(two_classes() | {"cat/bomb.png": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000

    def no_reading(*args, **kwargs):
        raise AssertionError("decompressed before checking")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_reading)
    with pytest.raises(UserFacingError) as info:
        zs.load_zip(bomb)
    assert (
        info.value.key == "transfer_learning.datasets.zip_bomb" and info.value.params["ratio"] > 100
    )


def test_a_member_lying_about_its_size_cannot_inflate():
    raw = bytearray(make_zip(two_classes() | {"cat/liar.png": b"\0" * 2_000_000}))
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        pos = -1
        while (pos := raw.find(signature, pos + 1)) >= 0:
            name_at = pos + (46 if signature == b"PK\x01\x02" else 30)
            name_len = struct.unpack_from(
                "<H", raw, pos + (28 if signature == b"PK\x01\x02" else 26)
            )[0]
            if raw[name_at : name_at + name_len] == b"cat/liar.png":
                struct.pack_into("<I", raw, pos + offset, 1000)  # claims 1000 bytes
    data = zs.load_zip(bytes(raw))
    assert skipped_reasons(data)["cat/liar.png"] == ds.SKIP_UNREADABLE
    assert data.class_counts == (3, 3)


def test_too_many_members_are_refused_before_reading(monkeypatch):
    monkeypatch.setattr(zs, "MAX_ZIP_ENTRIES", 20)
    raw = make_zip({f"cat/{i}.txt": b"x" for i in range(21)})
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("read a member"))
    with pytest.raises(UserFacingError) as info:
        zs.load_zip(raw)
    assert info.value.key == "transfer_learning.datasets.zip_too_many_files"


def test_entry_count_is_checked_before_the_directory_is_parsed(monkeypatch):
    monkeypatch.setattr(zs, "MAX_ZIP_ENTRIES", 20)
    raw = make_zip({f"cat/{i}.txt": b"x" for i in range(21)})
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: pytest.fail("parsed the directory"))
    with pytest.raises(UserFacingError) as info:
        zs.load_zip(raw)
    assert info.value.params == {"count": 21, "max": 20}


def test_unpacked_size_cap(monkeypatch):
    monkeypatch.setattr(zs, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(UserFacingError) as info:
        zs.load_zip(make_zip(two_classes()))
    assert info.value.key == "transfer_learning.datasets.zip_unpacked_too_big"


def test_archive_size_cap(monkeypatch):
    monkeypatch.setattr(zs, "MAX_ZIP_BYTES", 100)
    with pytest.raises(UserFacingError) as info:
        zs.load_zip(make_zip(two_classes()))
    assert info.value.key == "transfer_learning.datasets.zip_too_big"


def test_member_over_the_file_cap_is_skipped_unread(monkeypatch):
    for module in (zs, imf):  # the archive's reader and the entry's check
        monkeypatch.setattr(module, "MAX_FILE_BYTES", 2000)
    files = two_classes()
    files["cat/huge.png"] = png(size=(400, 400), colour=(1, 2, 3)) + bytes(range(256)) * 20
    data = zs.load_zip(make_zip(files))
    assert skipped_reasons(data)["cat/huge.png"] == ds.SKIP_TOO_BIG


def test_too_many_images_are_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(ds, "MAX_IMAGES", 5)
    monkeypatch.setattr(ds, "decode_image", lambda data: pytest.fail("decoded"))
    with pytest.raises(UserFacingError) as info:
        zs.load_zip(make_zip(two_classes()))
    assert info.value.key == "transfer_learning.datasets.too_many_images"
    assert info.value.params == {"count": 6, "max": 5}


def test_not_a_zip():
    for data in (b"", b"hello", png()):
        with pytest.raises(UserFacingError) as info:
            zs.load_zip(data)
        assert info.value.key == "transfer_learning.datasets.zip_corrupt"


def test_one_class_and_tiny_class_give_clear_messages():
    one = zs.load_zip(make_zip({f"cat/{i}.png": png() for i in range(3)}))
    with pytest.raises(UserFacingError) as info:
        ds.check_trainable(one)
    assert (
        info.value.key == "transfer_learning.datasets.one_class"
        and info.value.params["name"] == "cat"
    )
    tiny = zs.load_zip(make_zip(two_classes() | {"owl/0.png": png()}))
    with pytest.raises(UserFacingError) as info:
        ds.check_trainable(tiny)
    assert info.value.key == "transfer_learning.datasets.class_too_small"
    assert info.value.params == {"name": "owl", "count": 1, "min": 2}
    nothing = zs.load_zip(make_zip({"a.txt": b"x", "b.png": png()}))
    with pytest.raises(UserFacingError) as info:
        ds.check_trainable(nothing)
    assert info.value.key == "transfer_learning.datasets.no_images"


# ---------------------------------------------------------------- per-class uploads


def test_class_uploads_keep_user_order_and_list_bad_files():
    mapping = {
        "  Thumbs  up ": [("a.png", png()), ("b.jpg", jpeg()), ("c.png", b"garbage")],
        "Thumbs down": [("d.png", png()), ("e.png", png())],
    }
    data = ds.from_class_uploads(mapping)
    assert data.source == "upload"
    assert data.class_names == ("Thumbs up", "Thumbs down")
    assert data.class_counts == (2, 2) and data.labels == (0, 0, 1, 1)
    assert data.skipped == (("Thumbs up/c.png", ds.SKIP_UNREADABLE),)
    ds.check_trainable(data)
    camera = ds.from_class_uploads(mapping, source="camera")
    assert camera.source == "camera" and camera.fingerprint == data.fingerprint


def test_class_upload_names_are_checked():
    with pytest.raises(UserFacingError) as info:
        ds.from_class_uploads({"a": [], "  ": []})
    assert info.value.key == "transfer_learning.datasets.class_name_empty"
    with pytest.raises(UserFacingError) as info:
        ds.from_class_uploads({"Cat": [], "cat ": []})
    assert info.value.key == "transfer_learning.datasets.class_name_duplicate"
    empty = ds.from_class_uploads({"a": [("1.png", png()), ("2.png", png())], "b": []})
    with pytest.raises(UserFacingError) as info:
        ds.check_trainable(empty)
    assert info.value.params == {"name": "b", "count": 0, "min": 2}
