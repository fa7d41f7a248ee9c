"""Issue 8: two students at once. Nothing one session does appears in or alters the other.

Two AppTest sessions are driven at the same time in two threads, phase by phase (a barrier
lines the phases up, so their runs overlap as two browsers' would). They share the process
like two visitors of one server: one runtime, the process-wide caches (``st.cache_resource``:
the shared frozen models, the dataset memo, the activation cache; ``st.cache_data``).
Student A works in Korean in projector mode, uploads a photo and a zip, edits a graph,
fine-tunes the last block and looks at its fine-tuned model; student B keeps the defaults,
trains the head on the shapes and explains an ImageNet prediction. Each phase checks that
A's uploads, graph, settings, training and fine-tuned model never show up in B (and the
reverse); at the end the shared models are bit for bit what they were.
"""

from __future__ import annotations

import contextlib
import io
import threading
import traceback

import numpy as np
import pytest
import torch
from PIL import Image

from core.common import backbones
from core.common.i18n import t
from core.feature_maps.words import finetuned_name
from tests.conftest import make_app
from tests.files import make_zip, png
from ui.common.handover import FINETUNED_KEY, PIPELINE_KEY

pytestmark = pytest.mark.slow  # two trainings and Grad-CAMs, side by side

AUG, TRANSFER, FEATURES, GCN = (
    "pages/augmentation.py",
    "pages/transfer_learning.py",
    "pages/feature_maps.py",
    "pages/gcn.py",
)
PHASES = 5
MAX_TICKS = 120


@contextlib.contextmanager
def one_server():
    """AppTest installs a runtime of its own around every run and removes it afterwards, and
    patches Streamlit's config for the run: from two threads at once, one run would remove
    the other's. Here both sessions live in one runtime for the whole test, like two
    browsers on one server."""
    from unittest.mock import MagicMock

    from streamlit.components.v2.component_manager import BidiComponentManager
    from streamlit.runtime import Runtime
    from streamlit.runtime.caching.storage.dummy_cache_storage import MemoryCacheStorageManager
    from streamlit.runtime.dataframe_source_manager import DataframeSourceManager
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import app_test
    from streamlit.testing.v1.util import patch_config_options

    runtime = MagicMock(spec=Runtime)
    runtime.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    runtime.dataframe_source_mgr = DataframeSourceManager()
    runtime.cache_storage_manager = MemoryCacheStorageManager()
    components = BidiComponentManager()
    components.discover_and_register_components(start_file_watching=False)
    runtime.bidi_component_registry = components

    class PerRunRuntimeSlot:  # where AppTest puts (and clears) its per-run runtime
        _instance = None

    saved = Runtime._instance, app_test.Runtime, app_test.patch_config_options
    Runtime._instance = runtime
    app_test.Runtime = PerRunRuntimeSlot
    app_test.patch_config_options = lambda overrides: contextlib.nullcontext()
    try:
        with patch_config_options({"global.appTest": True}):
            yield
    finally:
        Runtime._instance, app_test.Runtime, app_test.patch_config_options = saved


def model_fingerprint(model: torch.nn.Module) -> dict:
    """Everything a session could change in a shared model."""
    return {
        "state": {k: v.detach().clone() for k, v in model.state_dict().items()},
        "requires_grad": [p.requires_grad for p in model.parameters()],
        "grads": [p.grad is None for p in model.parameters()],
        "training": [m.training for m in model.modules()],
        "hooks": sum(
            len(m._forward_hooks) + len(m._forward_pre_hooks) + len(m._backward_hooks)
            for m in model.modules()
        ),
    }


def assert_same_model(before: dict, after: dict) -> None:
    assert before["state"].keys() == after["state"].keys()
    for k, v in before["state"].items():
        assert torch.equal(v, after["state"][k]), f"shared weights changed: {k}"
    for what in ("requires_grad", "grads", "training", "hooks"):
        assert before[what] == after[what], what


def noise_png(width: int, height: int, seed: int) -> bytes:
    rng = np.random.default_rng(seed)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (height, width, 3), dtype=np.uint8)).save(buf, "PNG")
    return buf.getvalue()


def fruit_zip() -> bytes:
    files = {}
    for i in range(4):
        files[f"apple/{i}.png"] = png((200, 20 * i, 0), size=(48, 40))
        files[f"banana/{i}.png"] = png((230, 220, 20 * i), size=(48, 40))
    return make_zip(files)


def ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at) -> str:
    kinds = ("title", "markdown", "caption", "info", "warning", "error", "success", "subheader")
    return "\n".join(str(el.value) for kind in kinds for el in getattr(at, kind))


def tick_until_finished(at) -> None:
    for _ in range(MAX_TICKS):
        run = at.session_state["tl_state"].training.run
        if run.finished:
            ok(at.run())  # the page after the run: results, the model kept
            return
        ok(at.run())  # one tick of the live panel
    raise AssertionError("the training did not finish")


class Student:
    """One browser: its AppTest, its language and what it has done."""

    def __init__(self, name: str, lang: str, projector: bool, speak):
        self.name, self.lang, self.projector, self.speak = name, lang, projector, speak
        self.at = None
        self.seen: dict = {}

    def open(self, page: str, **params):
        self.speak(self.lang)
        if self.at is None:
            self.at = make_app(page, lang=self.lang, projector=self.projector, **params)
        else:
            self.at.switch_page(page)
            for key, value in params.items():
                self.at.query_params[key] = value
        return ok(self.at.run())


# ---------------------------------------------------------------- what each student does


def student_a(s: Student, phase: int) -> None:
    at = s.at
    if phase == 0:  # augmentation: own photo, own crop scale
        at = s.open(AUG, aug_scale="0.3,0.9")
        at.segmented_control(key="aug_image_source").set_value("upload")
        ok(at.run())
        ok(
            at.file_uploader(key="aug_image_upload")
            .set_value(("mine.png", noise_png(400, 300, 1), "image/png"))
            .run()
        )
        assert t("augmentation.boxes_caption", "ko", width=400, height=300) in [
            c.value for c in at.caption
        ]
        s.seen["pipeline"] = at.session_state[PIPELINE_KEY]
        assert s.seen["pipeline"].scale == (0.3, 0.9)
    elif phase == 1:  # GCN: benzene, a new node, a renamed atom
        at = s.open(GCN, gcn_preset="benzene", gcn_hydrogens="0")
        ok(at.button(key="gcn_add").click().run())
        at.session_state["gcn_nodes"] = {
            "edited_rows": {0: {"label": "Zz"}},
            "added_rows": [],
            "deleted_rows": [],
        }
        ok(at.run())
        graph = at.session_state["_gcn_state"].editor.graph
        assert graph.n == 7 and graph.labels[0] == "Zz"
        s.seen["graph"] = graph
    elif phase == 2:  # transfer: own zip, last block fine-tuned, started
        at = s.open(TRANSFER, tl_preset="last_block", tl_epochs="2", tl_lr="0.0003", tl_res="96")
        at.pills(key="tl_data_source").set_value("zip")
        ok(at.run())
        ok(
            at.file_uploader(key="tl_data_zip")
            .set_value(("fruit.zip", fruit_zip(), "application/zip"))
            .run()
        )
        assert "apple" in texts(at) and "banana" in texts(at)
        ok(at.button(key="tl_start").click().run())
    elif phase == 3:
        tick_until_finished(at)
        run = at.session_state["tl_state"].training.run
        assert run.status == "done" and run.class_names == ("apple", "banana")
        s.seen["run"] = run.label
    elif phase == 4:  # the fine-tuned model beside its starting point, Grad-CAM included
        at = s.open(FEATURES)
        models = at.session_state[FINETUNED_KEY]
        assert list(models) == [s.seen["run"]]
        at.selectbox(key="fm_model").set_value("ft:" + s.seen["run"])
        ok(at.run())
        at.segmented_control(key="fm_weights").set_value("compare")
        ok(at.run())
        assert at.title[0].value == t("common.page.feature_maps", "ko")


def student_b(s: Student, phase: int) -> None:
    at = s.at
    if phase == 0:  # augmentation with the sample photo and the notes' settings
        from core.augmentation.pipeline import AugmentPipeline
        from core.common.samples import DEFAULT_SAMPLE, load_sample

        at = s.open(AUG)
        width, height = load_sample(DEFAULT_SAMPLE).image.size
        assert t("augmentation.boxes_caption", "en", width=width, height=height) in [
            c.value for c in at.caption
        ]
        assert at.session_state[PIPELINE_KEY] == AugmentPipeline()
        assert at.query_params["aug_scale"] == "0.1,1"
    elif phase == 1:  # GCN: the untouched preset
        from core.gcn import graph as g

        at = s.open(GCN)
        assert at.session_state["_gcn_state"].editor.graph == g.preset_graph("ethanol")
        assert "gcn_graph" not in at.query_params
    elif phase == 2:  # transfer: the offline shapes, the head only
        at = s.open(TRANSFER, tl_data_per_class="6", tl_epochs="1", tl_res="96")
        assert at.session_state["tl_data_source"] == "shapes"
        assert at.session_state["tl_preset"] == "head"
        ok(at.button(key="tl_start").click().run())
    elif phase == 3:
        tick_until_finished(at)
        run = at.session_state["tl_state"].training.run
        from core.transfer_learning.datasets import SHAPE_CLASSES

        assert run.status == "done" and run.class_names == tuple(SHAPE_CLASSES)
        s.seen["run"] = run.label
    elif phase == 4:  # an ImageNet prediction explained, the sample photo
        at = s.open(FEATURES, fm_order="first", fm_topk="8", fm_layer="blocks.1.0.conv_pw")
        at.session_state["fm_focus"] = 5
        ok(at.run())
        s.seen["focus_table"] = next(m.value for m in at.markdown if m.value.startswith("| Mean"))


def check_apart(a: Student, b: Student, phase: int) -> None:
    """After each phase: nothing of one student in the other's session or page."""
    sa, sb = a.at.session_state, b.at.session_state
    assert sa["lang"] == "ko" and sb["lang"] == "en"
    assert sa["projector"] is True and sb["projector"] is False
    assert a.at.title[0].value != b.at.title[0].value  # Korean and English titles
    if phase >= 0:
        from core.augmentation.pipeline import AugmentPipeline

        assert sb[PIPELINE_KEY] == AugmentPipeline(), "A's crop settings reached B"
        assert sa[PIPELINE_KEY] == a.seen["pipeline"]
    if phase >= 1:
        from core.gcn import graph as g

        b_lab = sb.get("_gcn_state")
        assert b_lab is None or b_lab.editor.graph == g.preset_graph("ethanol")
        assert sa["_gcn_state"].editor.graph == a.seen["graph"]
        assert "Zz" not in texts(b.at)
    if phase in (2, 3):  # both on the transfer lab (its widgets' state lives while it is shown)
        assert sb["tl_data_source"] == "shapes" and sa["tl_data_source"] == "zip"
        assert sb["tl_preset"] == "head" and sa["tl_preset"] == "last_block"
        assert b.at.query_params.get("tl_preset") == "head"
    if phase >= 2:
        assert "apple" not in texts(b.at) and "banana" not in texts(b.at)
    if phase >= 3:
        ma, mb = sa[FINETUNED_KEY], sb[FINETUNED_KEY]
        assert list(ma) == [a.seen["run"]] and list(mb) == [b.seen["run"]]
        model_a, model_b = ma[a.seen["run"]], mb[b.seen["run"]]
        assert model_a.class_names == ("apple", "banana") and len(model_b.class_names) == 4
        mods_a = {id(m) for st in model_a.stages for m in st.module.modules()}
        trained_b = {id(m) for m in model_b.stages[-1].module.modules()}
        assert not mods_a & trained_b, "B's trained head is inside A's model"
        trained_a = [st for st in model_a.stages if st.name in model_a.settings["trainable"]]
        assert trained_a and all(
            id(st.module) not in {id(x.module) for x in model_b.stages} for st in trained_a
        ), "A's fine-tuned block is inside B's model"
    if phase >= 4:
        options_a = a.at.selectbox(key="fm_model").options
        options_b = b.at.selectbox(key="fm_model").options
        # each picker offers the registry and exactly one trained model: its own
        registry = len(backbones.REGISTRY)
        assert len(options_a) == len(options_b) == registry + 1, (options_a, options_b)
        for options, model in ((options_a, ma[a.seen["run"]]), (options_b, mb[b.seen["run"]])):
            assert options[-1] in {finetuned_name(model, lang) for lang in ("en", "ko")}
        assert sa["fm_model"] == "ft:" + a.seen["run"] and sb["fm_model"] == "efficientnet_lite0"
        assert sa["fm_weights"] == "compare" and sb["fm_weights"] == "imagenet"


def test_two_students_at_once_never_see_or_change_each_other(speak):
    from ui.common.models import shared_model

    with one_server():
        shared = {
            (name, weights): shared_model(name, weights)
            for name, weights in (("efficientnet_lite0", True), ("efficientnet_lite0", False))
        }
        before = {key: model_fingerprint(m) for key, m in shared.items()}
        a = Student("A", "ko", True, speak)
        b = Student("B", "en", False, speak)
        barrier = threading.Barrier(2, timeout=900)
        errors: list[str] = []

        def work(student, steps):
            try:
                for phase in range(PHASES):
                    steps(student, phase)
                    barrier.wait()  # both finished this phase: check them side by side
                    if student is a:
                        check_apart(a, b, phase)
                    barrier.wait()
            except Exception:
                errors.append(f"student {student.name}:\n{traceback.format_exc()}")
                barrier.abort()

        threads = [
            threading.Thread(target=work, args=(a, student_a)),
            threading.Thread(target=work, args=(b, student_b)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        real_errors = [
            e for e in errors if "BrokenBarrierError" not in e.splitlines()[-1]
        ] or errors
        assert not real_errors, "\n".join(real_errors)

        for key, model in shared.items():
            assert shared_model(*key) is model, "still the one shared model"
            assert_same_model(before[key], model_fingerprint(model))

    # B's numbers are those of B's photo and model alone (A's hooks and training ran meanwhile)
    from core.common import backbones
    from core.common.samples import DEFAULT_SAMPLE, load_sample
    from core.feature_maps.maps import feature_maps, map_statistics
    from core.feature_maps.network import backbone_network, model_input

    model = backbones.build_model("efficientnet_lite0").requires_grad_(False).eval()
    net = backbone_network(model, backbones.get_spec("efficientnet_lite0"), True)
    maps = feature_maps(
        net, "blocks.1.0.conv_pw", model_input(net, load_sample(DEFAULT_SAMPLE).image)
    )
    stats = map_statistics(maps[5].numpy())
    assert f"| {stats.mean:.3f} | {stats.max:.3f} | {stats.min:.3f} |" in b.seen["focus_table"]
