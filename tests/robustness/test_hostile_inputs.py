"""Issue 8: hostile input through the real pages (AppTest), in Korean and English.

Every upload and text field of every lab, and every lab's URL query parameters, get the
corpus of ``tests/robustness/hostile_corpus.py``. Each case asserts: no exception element, the exact
translated message the page owes (``st.error`` / ``st.warning`` / ``st.info`` / the skipped
files list, as the page uses), and that the page stays usable (its main output renders, and
after a normal input it renders that). Cases alternate between the two languages.

How input reaches the pages: AppTest's own upload API (``file_uploader.set_value``,
``camera_input.upload``) for files, ``text_input.set_value`` for typed text, URL query
parameters for links, and, as in the GCN tests, ``st.data_editor`` deltas injected through
session state (shaped as Streamlit's deserializer delivers them: row keys already ints).
Uploads with an extension outside an uploader's ``type`` list never reach the page: the
browser refuses them, and Streamlit's server refuses a client that bypasses the browser
(``enforce_filename_restriction``), so the corpus's wrong-extension cases are files whose
content does not match an allowed extension.
"""

from __future__ import annotations

import functools
import io
import re

import numpy as np
import pytest
from PIL import Image

from core.common.i18n import t
from core.common.images import TINY_SIDE
from tests.conftest import make_app
from tests.robustness import hostile_corpus as C
from ui.common.handover import PIPELINE_KEY
from ui.common.state import shown_link_value

AUG, FEATURES, TRANSFER = (
    "pages/augmentation.py",
    "pages/feature_maps.py",
    "pages/transfer_learning.py",
)
GCN, GRAPH, HOME = "pages/gcn.py", "pages/computation_graph.py", "pages/home.py"

_SAY_IN = []


@pytest.fixture(autouse=True)
def _translated_labels_in_the_case_language(speak):
    """Korean sessions change widgets too (see ``tests.conftest.speak``)."""
    _SAY_IN[:] = [speak]


def say_in(lang: str) -> str:
    return _SAY_IN[0](lang)


def ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def run(at):
    return ok(at.run())


def values(at, *kinds: str) -> list[str]:
    return [el.value for kind in kinds for el in getattr(at, kind)]


def photo(width=320, height=240, seed=3) -> bytes:
    rng = np.random.default_rng(seed)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (height, width, 3), dtype=np.uint8)).save(buf, "PNG")
    return buf.getvalue()


NORMAL_PHOTO = ("photo.png", photo(), "image/png")


def mime(filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower()
    return {"jpg": "image/jpeg", "jpeg": "image/jpeg"}.get(ext, f"image/{ext}")


# ================================================================= images: image_input


def _sample_size() -> tuple[int, int]:
    from core.common.samples import DEFAULT_SAMPLE, load_sample

    return load_sample(DEFAULT_SAMPLE).image.size


class AugmentationLab:
    page, key, offset = AUG, "aug_image", 0

    def start(self, lang):
        at = run(make_app(self.page, lang=lang))
        return run(at.segmented_control(key=f"{self.key}_source").set_value("upload"))

    def uses(self, at, lang, size):
        """The crop boxes and the grid are drawn on an image of ``size`` (the main output)."""
        assert t("augmentation.boxes_caption", lang, width=size[0], height=size[1]) in values(
            at, "caption"
        )
        assert len(at.table[0].value) == 8, "the 2x4 grid's table"

    def uses_sample(self, at, lang):
        self.uses(at, lang, _sample_size())


class FeatureMapLab:
    page, key, offset = FEATURES, "fm_image", 1

    def start(self, lang):
        at = run(make_app(self.page, lang=lang))
        at.sample_view = at.image[0].value[0]  # what the model sees of the sample photo
        return run(at.segmented_control(key=f"{self.key}_source").set_value("upload"))

    def main_output(self, at, lang):
        assert t(
            "feature_maps.grid.caption", lang, count=16, layer="bn1", shape="32×112×112"
        ) in values(at, "caption")

    def uses(self, at, lang, size):
        self.main_output(at, lang)
        assert at.image[0].value[0] != at.sample_view, "the model sees the upload, not the sample"

    def uses_sample(self, at, lang):
        self.main_output(at, lang)
        assert at.image[0].value[0] == at.sample_view


IMAGE_LABS = {"augmentation": AugmentationLab(), "feature_maps": FeatureMapLab()}


@pytest.mark.parametrize("lab", IMAGE_LABS)
@pytest.mark.parametrize(
    "index", range(len(C.image_cases())), ids=[c.name for c in C.image_cases()]
)
def test_image_upload(lab, index):
    case, lab = C.image_cases()[index], IMAGE_LABS[lab]
    lang = say_in(C.language(index + lab.offset))
    at = lab.start(lang)
    uploader = at.file_uploader(key=f"{lab.key}_upload")
    run(uploader.set_value((case.filename, case.data, mime(case.filename))))
    errors = values(at, "error")
    if case.error:
        assert C.shows(errors, case.error[0], lang, case.error[1]), errors
        lab.uses_sample(at, lang)  # the sample photo stays in use, and the page says so
        assert C.shows(values(at, "info"), "common.image.sample_instead", lang)
    else:
        assert errors == []
        lab.uses(at, lang, case.size)
        tiny = min(case.size) < TINY_SIDE
        width, height = case.size
        warned = t("common.image.tiny", lang, width=width, height=height, side=TINY_SIDE)
        assert (warned in values(at, "warning")) == tiny, values(at, "warning")
        if case.original:
            assert t(
                "common.image.downscaled",
                lang,
                width=case.original[0],
                height=case.original[1],
                new_width=case.size[0],
                new_height=case.size[1],
            ) in values(at, "caption")
        else:
            assert not C.shows(values(at, "caption"), "common.image.downscaled", lang)
    run(at.file_uploader(key=f"{lab.key}_upload").set_value(NORMAL_PHOTO))  # and then a good photo
    assert values(at, "error") == []
    lab.uses(at, lang, (320, 240))
    C.tried("image uploads", f"{lab.key}_upload", case.data)


CAMERA_CASES = (
    "zero_bytes",
    "random_bytes",
    "truncated_jpeg",
    "bomb_jpeg_frame",
    "long_thin_strip",
    "exif_rotated_jpeg",
)


@pytest.mark.parametrize("index", range(len(CAMERA_CASES)), ids=CAMERA_CASES)
def test_camera_frame(index):
    """A camera frame is untrusted bytes too (a modified client can send anything)."""
    case = {c.name: c for c in C.image_cases()}[CAMERA_CASES[index]]
    lab, lang = IMAGE_LABS["augmentation"], say_in(C.language(index))
    at = run(
        run(make_app(AUG, lang=lang)).segmented_control(key="aug_image_source").set_value("camera")
    )
    run(at.camera_input(key="aug_image_camera").upload("shot.jpg", case.data))
    if case.error:
        assert C.shows(values(at, "error"), case.error[0], lang, case.error[1])
        lab.uses_sample(at, lang)
    else:
        lab.uses(at, lang, case.size)
    run(at.camera_input(key="aug_image_camera").upload("shot.jpg", photo(200, 100)))
    lab.uses(at, lang, (200, 100))
    C.tried("camera frames", "aug_image_camera", case.data)


# ================================================================= the transfer lab's data section


def _transfer(lang, source, **params):
    return run(make_app(TRANSFER, lang=lang, tl_data_source=source, **params))


def _class_table(at, lang) -> dict[str, int]:
    """Class -> images (training + validation + test) from the page's class table."""
    header = f"| {t('transfer_learning.datasets.col_class', lang)} |"
    table = next(m for m in values(at, "markdown") if m.startswith(header))
    rows = {}
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        rows[cells[0]] = sum(int(c) for c in cells[1:])
    return rows


def _cell(name: str) -> str:
    from core.common.markdown import literal

    return literal(name)


def _skipped_shown(at, lang, skipped: dict[str, str]) -> None:
    """The page lists exactly these files as not used, each with its translated reason."""
    labels = [e.label for e in at.expander]
    if not skipped:
        assert not C.shows(labels, "transfer_learning.datasets.skipped_title", lang), labels
        return
    assert t("transfer_learning.datasets.skipped_title", lang, n=len(skipped)) in labels, labels
    listing = "\n".join(values(at, "markdown"))
    for name, reason in skipped.items():
        assert f"- `{name}` — {t(reason, lang)}" in listing, (name, reason)


def _refused_and_waits(at, lang, error):
    """The data source's message is shown (``error``: i18n key and params) and the rest of
    the page still renders; training cannot start without data."""
    assert C.shows(values(at, "error"), error[0], lang, error[1]), values(at, "error")
    assert t("transfer_learning.totals.trainable", lang) in [m.label for m in at.metric]
    assert at.button(key="tl_start").disabled


@functools.lru_cache(maxsize=1)
def _good_zip() -> bytes:
    from tests.files import make_zip, two_classes

    return make_zip(two_classes("good/", n=3))


@pytest.mark.parametrize("index", range(len(C.zip_cases())), ids=[c.name for c in C.zip_cases()])
def test_zip_upload(index):
    case, lang = C.zip_cases()[index], say_in(C.language(index))
    at = _transfer(lang, "zip", tl_data_per_class="6")
    run(at.file_uploader(key="tl_data_zip").set_value(("data.zip", case.data, "application/zip")))
    if case.error:
        _refused_and_waits(at, lang, case.error)
    else:
        assert values(at, "error") == []
        shown = _class_table(at, lang)
        if case.classes is None:  # undecodable names: shown, printable
            assert sorted(shown.values()) == sorted(case.counts)
            assert all(ch.isprintable() for name in shown for ch in name)
        else:
            assert shown == {_cell(n): c for n, c in zip(case.classes, case.counts)}
        _skipped_shown(at, lang, case.skipped)
        assert not at.button(key="tl_start").disabled, "ready to train"
    run(at.file_uploader(key="tl_data_zip").set_value(("good.zip", _good_zip(), "application/zip")))
    assert _class_table(at, lang) == {"cat": 3, "dog": 3}
    C.tried("zip uploads", "tl_data_zip", case.data)


@pytest.mark.parametrize(
    "index", range(len(C.class_upload_cases())), ids=[c.name for c in C.class_upload_cases()]
)
def test_per_class_upload(index):
    from core.transfer_learning.datasets import clean_class_name

    case, lang = C.class_upload_cases()[index], say_in(C.language(index))

    def fill(at, names, files):
        for i, name in enumerate(names):
            at.text_input(key=f"tl_data_name_{i}").set_value(name)
        run(at)  # a bad name hides the uploaders: a student fixes the names first
        if at.file_uploader:
            for i, group in enumerate(files):
                at.file_uploader(key=f"tl_data_files_{i}").set_value(
                    [(fname, data, mime(fname)) for fname, data in group] or None
                )
            run(at)
        return at

    at = _transfer(lang, "upload", tl_data_per_class="6")
    fill(at, case.class_names, case.files)
    if case.error:
        _refused_and_waits(at, lang, case.error)
    else:
        assert values(at, "error") == []
        # the text field keeps max_chars (40) characters, as in a browser
        names = [_cell(clean_class_name(n[:40])) for n in case.class_names]
        assert _class_table(at, lang) == dict(zip(names, case.counts))
        _skipped_shown(at, lang, case.skipped)
    good = (
        (("a.png", photo(30, 30, 1)), ("b.png", photo(30, 30, 2))),
        (("c.png", photo(30, 30, 4)), ("d.png", photo(30, 30, 5))),
    )
    fill(at, ("cats", "dogs"), good)
    assert _class_table(at, lang) == {"cats": 2, "dogs": 2}
    C.tried("class uploads", "tl_data_upload", case.name)


DATASET_CAMERA_FRAMES = ("random_bytes", "bomb_jpeg_frame", "long_thin_strip", "zero_bytes")


@pytest.mark.parametrize("index", range(len(DATASET_CAMERA_FRAMES)), ids=DATASET_CAMERA_FRAMES)
def test_dataset_camera_frame(index):
    """A bad frame among a class's camera shots is listed as not used; the others train."""
    from core.transfer_learning import datasets as ds

    case = {c.name: c for c in C.image_cases()}[DATASET_CAMERA_FRAMES[index]]
    lang = say_in(C.language(index))
    reason = ds.LOAD_ERROR_REASONS.get(case.error[0], ds.SKIP_UNREADABLE)
    at = _transfer(lang, "camera", tl_data_per_class="6")
    at.text_input(key="tl_data_name_0").set_value("rock")
    at.text_input(key="tl_data_name_1").set_value("paper")
    run(at)
    shots = [photo(40, 30, 11), case.data, photo(40, 30, 12)]
    for shot in shots:
        run(at.camera_input(key="tl_data_camera").upload("shot.jpg", shot))
    run(at.pills(key="tl_data_cam_class").set_value(1))
    for seed in (13, 14):
        run(at.camera_input(key="tl_data_camera").upload("shot.jpg", photo(40, 30, seed)))
    assert values(at, "error") == []
    assert _class_table(at, lang) == {"rock": 2, "paper": 2}
    _skipped_shown(at, lang, {"rock/shot2.jpg": reason})
    C.tried("dataset camera frames", "tl_data_camera", case.data)


@pytest.mark.parametrize(
    "index", range(len(C.folder_cases())), ids=[c.name for c in C.folder_cases()]
)
def test_local_folder(index, tmp_path, monkeypatch):
    from core.transfer_learning import folder_source

    monkeypatch.setenv(
        folder_source.LOCAL_FOLDER_ENV, "1"
    )  # the folder source exists on the user's own computer
    case, lang = C.folder_cases()[index], say_in(C.language(index))
    at = _transfer(lang, "folder", tl_data_per_class="6")
    run(at.text_input(key="tl_data_folder").set_value(case.build(tmp_path)))
    if case.error:
        _refused_and_waits(at, lang, case.error)
    else:
        assert values(at, "error") == []
        assert sorted(_class_table(at, lang).values()) == sorted(case.counts)
        _skipped_shown(at, lang, case.skipped)
    good = C._image_folder(tmp_path / "good", classes=("x", "y"), n=3)
    run(at.text_input(key="tl_data_folder").set_value(str(good)))
    assert _class_table(at, lang) == {"x": 3, "y": 3}
    C.tried("local folders", "tl_data_folder", case.name)


# ================================================================= the GCN lab: tables and link


def _gcn(lang, **params):
    return run(make_app(GCN, lang=lang, **params))


def _labels_read_as_typed(at, graph):
    """Node labels (and typed cells) never turn into markdown: no image fetched from a link's
    host, no link or emphasis in the lesson's text."""
    shown = values(at, "markdown", "info", "warning")
    for label in graph.labels:
        if re.search(r"[\\`*_\[\]<>$~|]", label):
            assert not any(label in text for text in shown), label


def _gcn_usable(at, lang):
    """The step view renders; adding a node works and the formula shows."""
    n = at.session_state["_gcn_state"].editor.graph.n
    run(at.button(key="gcn_add").click())
    assert at.session_state["_gcn_state"].editor.graph.n == n + 1
    assert at.latex, "the step's formula"


@pytest.mark.parametrize(
    "index",
    [
        pytest.param(
            i, id=c.name, marks=[pytest.mark.slow] if c.name == "over_the_edge_limit" else []
        )
        for i, c in enumerate(C.table_cases())
    ],
)  # Streamlit's editor adds 3000 rows a run: seconds
def test_gcn_table_edit(index):
    case, lang = C.table_cases()[index], say_in(C.language(index))
    at = _gcn(lang, **case.params)
    at.session_state[case.table] = case.delta
    run(at)
    graph = at.session_state["_gcn_state"].editor.graph
    assert (graph.n, len(graph.edges)) == (case.n, case.m)
    assert np.isfinite(graph.X).all() and all(
        np.isfinite(e.weight) and e.weight > 0 for e in graph.edges
    )
    shown = values(at, "warning", "info")
    for note in case.notes:
        assert C.shows(shown, note, lang), (note, shown)
    if graph.n:
        assert at.latex
    _labels_read_as_typed(at, graph)
    assert not any("$x$" in text for text in values(at, "warning")), (
        "a typed cell is shown as typed"
    )
    run(at)  # the delta is not applied twice
    assert at.session_state["_gcn_state"].editor.graph == graph
    _gcn_usable(at, lang)
    C.tried("GCN table edits", case.table, case.name)


@pytest.mark.parametrize("index", range(len(C.link_cases())), ids=[c.name for c in C.link_cases()])
def test_gcn_graph_link(index):
    from core.gcn import graph as g

    case, lang = C.link_cases()[index], say_in(C.language(index))
    at = _gcn(lang, gcn_preset="ethanol", gcn_graph=case.text)
    graph = at.session_state["_gcn_state"].editor.graph
    warned = t(
        "common.bad_url_param", lang, name="gcn_graph", value=shown_link_value(case.text)
    ) in values(at, "warning")
    if case.accepted:
        assert not warned and graph.n == case.n
        _labels_read_as_typed(at, graph)
        for note in case.notes:
            assert C.shows(values(at, "info"), note, lang), note
    else:
        assert warned, values(at, "warning")
        assert graph == g.preset_graph("ethanol")
    _gcn_usable(at, lang)
    C.tried("GCN graph links", "gcn_graph", case.text)


# ================================================================= typed channel numbers


@pytest.mark.parametrize(
    "index", range(len(C.CHANNEL_CASES)), ids=[repr(c.text[:12]) for c in C.CHANNEL_CASES]
)
def test_typed_channel_numbers(index):
    case, lang = C.CHANNEL_CASES[index], say_in(C.language(index))
    at = run(make_app(FEATURES, lang=lang, fm_order="chosen", fm_channels="1,2"))
    run(at.text_input(key="fm_channels").set_value(case.text))
    captions = values(at, "caption")
    if case.error:
        # an empty list is a prompt to type, any other refusal an error
        kind = "info" if case.error == "feature_maps.channels_empty" else "error"
        assert C.shows(values(at, kind), case.error, lang), values(at, kind)
        # the grid falls back to the strongest channels meanwhile
        assert (
            t("feature_maps.grid.caption", lang, count=16, layer="bn1", shape="32×112×112")
            in captions
        )
    else:
        assert values(at, "error") == []
        assert (
            t(
                "feature_maps.grid.caption",
                lang,
                count=case.count,
                layer="bn1",
                shape="32×112×112",
            )
            in captions
        )
    run(at.text_input(key="fm_channels").set_value("0, 5, 12-15"))
    assert t("feature_maps.grid.caption", lang, count=6, layer="bn1", shape="32×112×112") in values(
        at, "caption"
    )
    C.tried("channel numbers", "fm_channels", case.text)


# ================================================================= URL query parameters


class LinkConfig:
    """A page opened with ``gates`` (valid values that make conditional controls appear, or
    session state such as the augmentation lab's pipeline); every other URL-bound key the page
    writes back gets the hostile values."""

    def __init__(self, name, page, main_output, gates=None, state=None):
        self.name, self.page, self.main_output = name, page, main_output
        self.gates, self.state = gates or {}, state or {}  # state: key -> factory
        self._keys = None

    def open(self, lang="en", **params):
        at = make_app(self.page, lang=lang)
        for key, value in {**self.gates, **params}.items():
            at.query_params[key] = value
        for key, make in self.state.items():
            at.session_state[key] = make()
        return run(at)

    def keys(self) -> list[str]:
        """The URL-bound keys: what the page writes back to the URL, minus the gates."""
        if self._keys is None:
            self._keys = [k for k in self.open().query_params if k not in self.gates]
        return self._keys


def _augment_pipeline():
    from core.augmentation.pipeline import AugmentPipeline

    return AugmentPipeline()


def _home_output(at, lang):
    assert at.title[0].value == t("common.app_title", lang)
    assert len(at.get("page_link")) == 5


def _aug_output(at, lang):
    assert len(at.table[0].value) == 8


def _transfer_output(at, lang):
    assert any(
        m.startswith(f"| {t('transfer_learning.datasets.col_class', lang)} |")
        for m in values(at, "markdown")
    )
    assert t("transfer_learning.totals.trainable", lang) in [m.label for m in at.metric]


def _graph_output(at, lang):
    assert len(at.get("plotly_chart")) >= 2 and at.metric


def _features_output(at, lang):
    assert C.shows(values(at, "caption"), "feature_maps.grid.caption", lang)


def _gcn_output(at, lang):
    view = at.session_state["gcn_view"]
    if view == "steps":
        assert at.latex, "the step's formula"
    elif view == "karate":
        assert t("gcn.karate.epoch", lang) in [m.label for m in at.metric]
    else:
        assert len(at.get("plotly_chart")) >= 4, "the drawing and the matrices before / after"


LINK_CONFIGS = [
    LinkConfig("home", HOME, _home_output),
    LinkConfig(
        "augmentation",
        AUG,
        _aug_output,
        gates={"aug_hflip": "1", "aug_vflip": "1", "aug_jitter": "1", "aug_rotation": "1"},
    ),
    LinkConfig("transfer", TRANSFER, _transfer_output, state={PIPELINE_KEY: _augment_pipeline}),
    LinkConfig(
        "transfer_augmented",
        TRANSFER,
        _transfer_output,
        gates={"tl_augment": "1"},
        state={PIPELINE_KEY: _augment_pipeline},
    ),
    LinkConfig("graph_notes", GRAPH, _graph_output),
    LinkConfig("graph_neuron", GRAPH, _graph_output, gates={"cg_preset": "neuron"}),
    LinkConfig("graph_two_layer", GRAPH, _graph_output, gates={"cg_preset": "two_layer"}),
    LinkConfig("feature_maps", FEATURES, _features_output, gates={"fm_order": "chosen"}),
    LinkConfig("gcn_molecule", GCN, _gcn_output, gates={"gcn_preset": "ethanol"}),
    LinkConfig("gcn_sized", GCN, _gcn_output, gates={"gcn_preset": "path"}),
    LinkConfig("gcn_permutation", GCN, _gcn_output, gates={"gcn_view": "permutation"}),
    LinkConfig("gcn_karate", GCN, _gcn_output, gates={"gcn_view": "karate"}),
]
VALUE_CLASSES = list(C.URL_GARBAGE.items()) + list(C.URL_LENIENT.items())


def _open_hostile(config, value, lang):
    at = make_app(config.page, lang=lang)
    for key in config.keys():
        at.query_params[key] = value
    at.query_params["lang"] = (
        lang if lang == "ko" else value
    )  # the language itself too, in half the runs
    for key, gate in config.gates.items():
        at.query_params[key] = gate
    for key, make in config.state.items():
        at.session_state[key] = make()
    return run(at)


@pytest.mark.parametrize("config", LINK_CONFIGS, ids=[c.name for c in LINK_CONFIGS])
@pytest.mark.parametrize(
    "value_class", range(len(VALUE_CLASSES)), ids=[n for n, _ in VALUE_CLASSES]
)
def test_hostile_link_values(config, value_class):
    """Every URL-bound key at once: each refused value gets the bad-link message in the UI
    language (English when the language itself is refused), the page renders its defaults."""
    name, value = VALUE_CLASSES[value_class]
    lang = say_in(C.language(value_class))
    at = _open_hostile(config, value, lang)
    shown_lang = lang  # a refused lang= falls back to the browser's (AppTest: none, English)
    warnings = values(at, "warning")
    lenient = name in C.URL_LENIENT
    keys = config.keys()
    assert "lang" in keys and "projector" in keys
    taken = []
    for key in keys:
        if key == "lang" and lang == "ko":
            continue  # kept valid in this run, so the messages must be Korean
        warned = (
            t("common.bad_url_param", shown_lang, name=key, value=shown_link_value(value))
            in warnings
        )
        if lenient and not warned:
            taken.append(key)
        else:
            assert warned, (key, warnings)
        C.tried("link values", key, value)
    config.main_output(at, shown_lang)
    if (
        taken
    ):  # a value some codec takes (an empty text field): the link the page wrote reopens quietly
        again = config.open(lang="en", **{k: v for k, v in at.query_params.items() if k != "lang"})
        assert not C.shows(values(again, "warning"), "common.bad_url_param", "en"), (
            taken,
            values(again, "warning"),
        )
        assert all(again.query_params.get(k) == at.query_params.get(k) for k in taken)
    run(at)  # the next run keeps the fallbacks and does not repeat the messages
    assert not C.shows(values(at, "warning"), "common.bad_url_param", shown_lang)
    config.main_output(at, shown_lang)


CONTEXT_LINKS = [  # valid words the page cannot use in this context
    (GCN, {"gcn_preset": "ethanol", "gcn_hydrogens": "0", "gcn_node": "8"}, "gcn_node"),
    (GCN, {"gcn_preset": "path", "gcn_size": "4", "gcn_node": "299", "gcn_step": "D"}, "gcn_node"),
    (GRAPH, {"cg_change": "w1"}, "cg_change"),
    (GRAPH, {"cg_preset": "neuron", "cg_path": "X"}, "cg_path"),
    (FEATURES, {"fm_weights": "finetuned"}, "fm_weights"),
    (FEATURES, {"fm_model": "ft:someone else's run"}, "fm_model"),
    (TRANSFER, {"tl_preset": "custom", "tl_groups": "stem,nosuchgroup"}, "tl_groups"),
    (TRANSFER, {"tl_groups": "nan"}, "tl_groups"),
    (TRANSFER, {"tl_data_source": "folder"}, "tl_data_source"),  # no local folder on a server
]


@pytest.mark.parametrize(
    "index",
    range(len(CONTEXT_LINKS)),
    ids=[f"{key}={params[key]}" for _, params, key in CONTEXT_LINKS],
)
def test_link_values_impossible_in_context(index):
    page, params, key = CONTEXT_LINKS[index]
    lang = say_in(C.language(index))
    extra = {"tl_data_per_class": "6"} if page == TRANSFER else {}
    at = run(make_app(page, lang=lang, **extra, **params))
    assert t("common.bad_url_param", lang, name=key, value=shown_link_value(params[key])) in values(
        at, "warning"
    )
    assert at.query_params[key] != params[key], "the link now says what the page shows"
    run(at)
    assert values(at, "warning") == [], "said once"
    C.tried("link values", key, params[key])
