"""AppTest of ``ui.transfer_learning.dataset_input`` through a tiny script, widgets driven
by key."""

from __future__ import annotations

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from core.transfer_learning import book_dataset as book
from core.transfer_learning import datasets as ds
from core.transfer_learning import folder_source as fs
from tests.files import jpeg, make_zip, png, two_classes


def _script():
    import streamlit as st

    from ui.transfer_learning.dataset_input import dataset_input

    st.session_state.setdefault("lang", "en")
    data = dataset_input("tl_data")
    st.session_state["result"] = (
        None
        if data is None
        else {
            "source": data.source,
            "classes": data.class_names,
            "counts": data.class_counts,
            "n": len(data),
            "fingerprint": data.fingerprint,
            "split": data.split(),
            "val_fraction": data.val_fraction,
            "seed": data.split_seed,
            "test": None if data.test is None else len(data.test),
            "skipped": data.skipped,
        }
    )


def make(**query) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    return at


def result(at: AppTest):
    assert not at.exception, [e.value for e in at.exception]
    return at.session_state["result"]


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def test_offline_shapes_by_default_with_counts_and_thumbnails():
    at = make()
    at.run()
    res = result(at)
    assert res["source"] == "shapes" and res["classes"] == ds.SHAPE_CLASSES
    assert res["counts"] == (30,) * 4
    train, val = res["split"]
    assert len(val) == 4 * 6 and len(train) == 4 * 24
    assert any("| circle | 24 | 6 |" in m.value for m in at.markdown), "class counts table"
    assert len(at.image) == 4, "one row of thumbnails per class"
    assert at.query_params["tl_data_source"] == "shapes"


def test_images_per_class_val_fraction_and_seed_by_key():
    at = make()
    at.run()
    first = result(at)["fingerprint"]
    at.slider(key="tl_data_per_class").set_value(8).run()
    res = result(at)
    assert res["counts"] == (8,) * 4
    at.slider(key="tl_data_val").set_value(0.5).run()
    res = result(at)
    assert res["val_fraction"] == 0.5 and len(res["split"][1]) == 16
    split_before = res["split"]
    at.number_input(key="tl_data_seed").set_value(7).run()
    res = result(at)
    assert res["seed"] == 7 and res["split"] != split_before
    assert res["fingerprint"] != first  # the seed also draws other shapes
    assert at.query_params["tl_data_per_class"] == "8"
    assert at.query_params["tl_data_seed"] == "7"


def test_settings_come_from_the_link_and_bad_values_fall_back():
    at = make(tl_data_per_class="5", tl_data_val="0.25", tl_data_seed="3")
    at.run()
    res = result(at)
    assert res["counts"] == (5,) * 4 and res["val_fraction"] == 0.25 and res["seed"] == 3
    at = make(tl_data_per_class="99999", tl_data_source="folder")
    at.run()
    res = result(at)
    assert res["source"] == "shapes" and res["counts"] == (30,) * 4
    assert any("tl_data_per_class" in w.value for w in at.warning)
    assert any("tl_data_source" in w.value for w in at.warning)  # no folder on a server


def test_zip_upload_loads_and_lists_skipped_files():
    at = make()
    at.run()
    at.pills(key="tl_data_source").set_value("zip").run()
    assert result(at) is None
    files = two_classes("my set/train/") | two_classes("my set/test/", n=2)
    files["my set/train/cat/notes.txt"] = b"x"
    at.file_uploader(key="tl_data_zip").upload("set.zip", make_zip(files), "application/zip").run()
    res = result(at)
    assert res["source"] == "zip" and res["classes"] == ("cat", "dog") and res["test"] == 4
    assert ("train/cat/notes.txt", ds.SKIP_NOT_IMAGE) in res["skipped"]
    assert any("1 file not used" in e.label for e in at.expander)
    assert any("| Class | Training | Validation | Test |" in m.value for m in at.markdown)


def test_hostile_and_unusable_zips_show_translated_messages():
    at = make(tl_data_source="zip")
    at.run()
    at.file_uploader(key="tl_data_zip").upload("x.zip", b"not a zip", "application/zip").run()
    assert result(at) is None and any("not a zip file" in e for e in errors(at))
    at.file_uploader(key="tl_data_zip").clear().upload(
        "one.zip", make_zip({f"cat/{i}.png": png() for i in range(3)}), "application/zip"
    ).run()
    assert result(at) is None and any("only one class" in e for e in errors(at))
    at.file_uploader(key="tl_data_zip").clear().upload(
        "bomb.zip", make_zip(two_classes() | {"cat/b.png": b"\0" * (8 * 2**20)}), "application/zip"
    ).run()
    assert result(at) is None and any("zip bomb" in e for e in errors(at))


def test_korean_messages():
    at = make(tl_data_source="zip")
    at.session_state["lang"] = "ko"
    at.run()
    at.file_uploader(key="tl_data_zip").upload("x.zip", b"nope", "application/zip").run()
    assert any("zip 파일이 아니거나" in e for e in errors(at))


def test_per_class_uploads():
    at = make(tl_data_source="upload")
    at.run()
    assert result(at) is None
    at.text_input(key="tl_data_name_0").set_value("thumbs up")
    at.text_input(key="tl_data_name_1").set_value("thumbs down")
    at.file_uploader(key="tl_data_files_0").set_value(
        [("a.png", png(), "image/png"), ("b.jpg", jpeg(), "image/jpeg")]
    )
    at.file_uploader(key="tl_data_files_1").set_value([("c.png", png(), "image/png")]).run()
    assert result(at) is None
    assert any("'thumbs down' has only 1 image." in e for e in errors(at))
    at.file_uploader(key="tl_data_files_1").set_value(
        [("c.png", png(), "image/png"), ("d.png", png((9, 9, 9)), "image/png")]
    ).run()
    res = result(at)
    assert res["source"] == "upload" and res["classes"] == ("thumbs up", "thumbs down")
    assert res["counts"] == (2, 2)


def test_two_classes_with_the_same_name_are_refused():
    at = make(tl_data_source="upload")
    at.run()
    at.text_input(key="tl_data_name_0").set_value("cat")
    at.text_input(key="tl_data_name_1").set_value("Cat ").run()
    assert result(at) is None and any("'cat' is used twice" in e for e in errors(at))


def test_camera_shots_accumulate_per_class():
    at = make(tl_data_source="camera")
    at.run()
    at.text_input(key="tl_data_name_0").set_value("rock")
    at.text_input(key="tl_data_name_1").set_value("paper").run()
    for colour in ((10, 10, 10), (20, 20, 20)):
        at.camera_input(key="tl_data_camera").upload("shot.jpg", jpeg(colour)).run()
    assert result(at) is None  # paper has no shots yet
    assert any("'paper' has only 0 images" in e for e in errors(at))
    at.pills(key="tl_data_cam_class").set_value(1).run()
    at.run()  # the same photo is not added again by an unrelated rerun
    for colour in ((200, 0, 0), (0, 200, 0), (0, 0, 200)):
        at.camera_input(key="tl_data_camera").upload("shot.jpg", jpeg(colour)).run()
    res = result(at)
    assert res["source"] == "camera" and res["classes"] == ("rock", "paper")
    assert res["counts"] == (2, 3)
    at.button(key="tl_data_cam_undo").click().run()
    assert result(at)["counts"] == (2, 2)
    at.button(key="tl_data_cam_clear").click().run()
    assert result(at) is None


def test_book_source_offline_message(tmp_path, monkeypatch):
    import urllib.error
    import urllib.request

    monkeypatch.setenv(book.CACHE_ENV, str(tmp_path / "cache"))

    def offline(*args, **kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    at = make(tl_data_source="book")
    at.run()
    assert result(at) is None and not errors(at)  # nothing happens before the button
    at.button(key="tl_data_book_download").click().run()
    assert result(at) is None
    assert any("No internet connection" in e and "Shapes" in e for e in errors(at))


def test_book_source_uses_the_disk_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(book.CACHE_ENV, str(tmp_path / "cache"))
    path = book.book_zip_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(make_zip(two_classes("catanddog/train/") | two_classes("catanddog/test/", 2)))
    at = make(tl_data_source="book")
    at.run()
    res = result(at)
    assert res["source"] == "book" and res["test"] == 4 and res["counts"] == (3, 3)


def test_local_folder_only_when_allowed(tmp_path, monkeypatch):
    for cls in ("a", "b"):
        (tmp_path / "set" / cls).mkdir(parents=True)
        for i in range(2):
            Image.new("RGB", (20, 20), (i * 90, 0, 0)).save(tmp_path / "set" / cls / f"{i}.png")
    at = make()
    at.run()
    assert "Local folder" not in at.pills(key="tl_data_source").options
    monkeypatch.setenv(fs.LOCAL_FOLDER_ENV, "1")
    at = make(tl_data_source="folder")
    at.run()
    assert result(at) is None
    at.text_input(key="tl_data_folder").set_value(str(tmp_path / "nope")).run()
    assert any("does not exist" in e for e in errors(at))
    at.text_input(key="tl_data_folder").set_value(str(tmp_path / "set")).run()
    res = result(at)
    assert res["source"] == "folder" and res["classes"] == ("a", "b")


@pytest.mark.parametrize(
    "host, ip, override, allowed",
    [
        ("localhost:8501", None, None, True),
        ("127.0.0.1:8501", None, None, True),
        ("[::1]:8501", None, None, True),
        ("LOCALHOST", None, None, True),
        ("myapp.streamlit.app", None, None, False),  # behind a proxy on the same machine
        ("localhost:8501", "203.0.113.9", None, False),  # forged Host from a remote client
        ("192.168.0.10:8501", "192.168.0.11", None, False),
        (None, None, None, False),  # no request (bare runs, AppTest)
        ("myapp.streamlit.app", "203.0.113.9", "1", True),
        ("localhost:8501", None, "0", False),
    ],
)
def test_folder_source_detection(host, ip, override, allowed):
    assert fs.folder_source_allowed(host, ip, override) is allowed
