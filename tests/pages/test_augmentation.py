"""The augmentation page in AppTest: widgets by key change the grid, the table and the link."""

from __future__ import annotations

import pytest

from core.augmentation.controls import NOTES_MXNET_LINE, SCALE
from core.augmentation.pipeline import AugmentPipeline, TransformStep
from core.augmentation.sampling import sample_pipeline
from tests.conftest import make_app, run_app
from ui.common.handover import PIPELINE_KEY

PAGE = "pages/augmentation.py"


def _run(**params):
    return run_app(PAGE, **params)


def _table(at):
    return at.table[0].value


def _boxes(at) -> list[str]:
    frame = _table(at)
    return list(frame[frame.columns[1]])


def _grid_url(at) -> str:
    return at.image[1].value[0]


def test_default_page_shows_the_notes_grid_and_keeps_the_pipeline():
    at = _run()
    pipeline = at.session_state[PIPELINE_KEY]
    assert pipeline == AugmentPipeline()
    assert (pipeline.scale, pipeline.ratio) == ((0.1, 1.0), (0.5, 2.0))
    assert len(_table(at)) == 8  # 2 x 4, as in the notes
    assert len(at.image) == 2  # the photo with its boxes, the grid
    assert at.query_params["aug_rows"] == "2" and at.query_params["aug_cols"] == "4"
    codes = [c.value for c in at.code]
    assert any("RandomResizedCrop(" in c and "manual_seed(0)" in c for c in codes)
    assert NOTES_MXNET_LINE in codes


def test_the_histograms_are_drawn_when_their_section_is_opened():
    at = _run()
    assert len(at.get("plotly_chart")) == 0, "closed: no chart to load or redraw"
    at.session_state["aug_hist_open"] = True
    at.run()
    assert not at.exception
    titles = [c.proto.spec for c in at.get("plotly_chart")]
    assert len(titles) == 2 and "Area fraction" in titles[0] and "Aspect ratio" in titles[1]


def test_the_table_is_the_core_sampling():
    from core.common.samples import load_sample

    at = _run()
    expected = sample_pipeline(load_sample("cat").image, AugmentPipeline(), 8, 0)
    assert _boxes(at) == ["({}, {}, {}, {})".format(*s.box) for s in expected]


def test_moving_the_scale_slider_changes_the_grid_and_the_link():
    at = _run()
    before_boxes, before_grid = _boxes(at), _grid_url(at)
    at.slider(key="aug_scale").set_value((0.5, 0.6)).run()
    assert not at.exception
    assert at.session_state[PIPELINE_KEY].scale == (0.5, 0.6)
    assert _boxes(at) != before_boxes and _grid_url(at) != before_grid
    areas = _table(at)[_table(at).columns[2]]
    fallback = _table(at)[_table(at).columns[5]]
    assert all(0.49 <= a <= 0.61 for a, f in zip(areas, fallback) if f == "—")
    assert at.query_params["aug_scale"] == "0.5,0.6"


def test_ratio_seed_rows_and_cols_by_key():
    at = _run()
    at.slider(key="aug_ratio").set_value((1.0, 1.0)).run()
    ratios = _table(at)[_table(at).columns[3]]
    assert all(abs(r - 1.0) < 0.02 for r in ratios)
    first = _boxes(at)
    at.number_input(key="aug_seed").set_value(7).run()
    assert _boxes(at) != first
    at.number_input(key="aug_seed").set_value(0).run()
    assert _boxes(at) == first, "the same seed gives the same grid"
    at.slider(key="aug_rows").set_value(3).run()
    at.slider(key="aug_cols").set_value(5).run()
    assert len(_table(at)) == 15
    assert "3×5" in at.subheader[2].value or any("3×5" in s.value for s in at.subheader)


def test_output_size_and_interpolation_by_key():
    at = _run()
    at.number_input(key="aug_size_h").set_value(100).run()
    at.number_input(key="aug_size_w").set_value(200).run()
    at.selectbox(key="aug_interpolation").set_value("bicubic").run()
    pipeline = at.session_state[PIPELINE_KEY]
    assert pipeline.size == (100, 200) and pipeline.interpolation == "bicubic"
    assert any("size=(100, 200)" in c.value and "BICUBIC" in c.value for c in at.code)


def test_reroll_changes_the_seed_and_the_grid():
    at = _run()
    first = _boxes(at)
    at.button(key="aug_reroll").click().run()
    assert at.session_state["aug_seed"] != 0
    assert _boxes(at) != first


def test_notes_button_loads_the_notes_settings():
    at = _run(aug_size_h="64", aug_scale="0.5,0.7")
    at.button(key="aug_notes").click().run()
    assert not at.exception
    pipeline = at.session_state[PIPELINE_KEY]
    assert (
        pipeline.size == (100, 200)
        and pipeline.scale == (0.1, 1.0)
        and pipeline.ratio == (0.5, 2.0)
    )


def test_a_shared_link_reopens_the_same_grid():
    params = dict(
        aug_size_h="96",
        aug_size_w="160",
        aug_scale="0.3,0.8",
        aug_ratio="0.75,1.5",
        aug_seed="42",
        aug_rows="3",
        aug_cols="3",
        aug_interpolation="nearest",
        aug_hflip="1",
        aug_hflip_p="0.7",
        aug_rotation="1",
        aug_rotation_degrees="30",
    )
    a = _run(**params)
    b = _run(**params)
    assert _boxes(a) == _boxes(b) and len(_table(a)) == 9
    assert _grid_url(a) == _grid_url(b)
    pipeline = a.session_state[PIPELINE_KEY]
    assert pipeline == AugmentPipeline(
        scale=(0.3, 0.8),
        ratio=(0.75, 1.5),
        interpolation="nearest",
        size=(96, 160),
        extras=(TransformStep.of("hflip", p=0.7), TransformStep.of("rotation", degrees=30.0)),
    )
    # the link written back is the one that was opened
    for key, value in params.items():
        assert a.query_params[key] == value, key


def test_a_reversed_range_in_a_link_is_explained_and_not_applied():
    at = _run(aug_scale="0.9,0.2")
    assert at.session_state[PIPELINE_KEY].scale == SCALE.default
    assert any("0.9" in e.value and "0.2" in e.value for e in at.error)
    assert any("aug_scale=0.9,0.2" in w.value for w in at.warning)


def test_a_bad_link_value_falls_back_with_a_warning():
    at = _run(aug_rows="99", aug_interpolation="magic")
    assert at.session_state["aug_rows"] == 2
    assert at.session_state["aug_interpolation"] == "bilinear"
    assert len(at.warning) >= 2


def test_extras_toggle_into_the_pipeline_and_the_code():
    at = _run()
    at.toggle(key="aug_jitter").set_value(True).run()
    at.slider(key="aug_jitter_hue").set_value(0.2).run()
    pipeline = at.session_state[PIPELINE_KEY]
    assert [s.name for s in pipeline.extras] == ["jitter"]
    assert pipeline.extras[0].args["hue"] == pytest.approx(0.2)
    assert any("ColorJitter(" in c.value and "hue=0.2" in c.value for c in at.code)
    assert t_col("augmentation.col.jitter") in _table(at).columns
    before = _grid_url(at)
    at.toggle(key="aug_crops_only").set_value(True).run()
    assert _grid_url(at) != before
    at.toggle(key="aug_jitter").set_value(False).run()
    assert at.session_state[PIPELINE_KEY].extras == ()
    assert all(t.key != "aug_crops_only" for t in at.toggle), "only offered when there are extras"


def t_col(key: str) -> str:
    from core.common.i18n import t

    return t(key, "en")


def test_uploads_go_through_the_safe_loader():
    at = _run()
    at.segmented_control(key="aug_image_source").set_value("upload").run()
    at.file_uploader(key="aug_image_upload").upload("empty.png", b"", "image/png").run()
    assert not at.exception
    assert at.error, "a 0-byte file gets a clear message"
    at.file_uploader(key="aug_image_upload").clear()
    at.file_uploader(key="aug_image_upload").upload(
        "fake.png", b"not an image at all", "image/png"
    ).run()
    assert not at.exception and at.error
    assert len(_table(at)) == 8, "the sample photo stays in use"


def test_an_uploaded_photo_is_cropped(tmp_path):
    import io

    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (480, 640, 3), dtype=np.uint8)).save(buf, "PNG")
    at = _run()
    at.segmented_control(key="aug_image_source").set_value("upload").run()
    at.file_uploader(key="aug_image_upload").upload("noise.png", buf.getvalue(), "image/png").run()
    assert not at.exception
    assert any("640×480" in c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_projector_mode_renders_in_both_languages(lang):
    at = make_app(PAGE, lang=lang, projector=True)
    at.run()
    assert not at.exception
    assert len(_table(at)) == 8


def _upload(at, name: str, data: bytes, mime: str):
    at.segmented_control(key="aug_image_source").set_value("upload").run()
    at.file_uploader(key="aug_image_upload").upload(name, data, mime).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_decompression_bomb_is_refused_with_a_message():
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (8000, 6000)).save(buf, "PNG")  # 48 megapixels of zeros, a small file
    at = _upload(_run(), "bomb.png", buf.getvalue(), "image/png")
    assert any("8000" in e.value and "6000" in e.value for e in at.error)
    assert len(_table(at)) == 8, "the sample photo stays in use"


def test_a_large_photo_is_downscaled_and_cropped_in_its_working_size():
    import io

    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(1)
    small = Image.fromarray(rng.integers(0, 255, (60, 80, 3), dtype=np.uint8))
    buf = io.BytesIO()
    small.resize((4000, 3000), Image.Resampling.NEAREST).save(buf, "JPEG", quality=80)
    at = _upload(_run(), "big.jpg", buf.getvalue(), "image/jpeg")
    captions = " ".join(c.value for c in at.caption)
    assert "4000×3000" in captions and "2048×1536" in captions
    assert any("copy" in c.value and "different crops" in c.value for c in at.caption)
    boxes = [tuple(int(v) for v in b.strip("()").split(",")) for b in _boxes(at)]
    assert all(top + h <= 1536 and left + w <= 2048 for top, left, h, w in boxes)


def test_the_notebook_download_is_offered():
    at = _run()
    buttons = [b for b in at.get("download_button") if b.proto.id.endswith("aug_notebook")]
    assert [b.proto.label for b in buttons] == ["Download as a notebook (.ipynb)"]
