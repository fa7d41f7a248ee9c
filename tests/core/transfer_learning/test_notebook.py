"""The transfer lab's notebook, executed in a real kernel, reproduces a run on tiny data: the
trainable-parameter count, the accuracy, the curves and the confusion matrix, with the
augmentation lab's pipeline and a test split too."""

from __future__ import annotations

import numpy as np
import pytest

from bench.notebook_kernel import execute
from core.augmentation.pipeline import AugmentPipeline, TransformStep
from core.common import backbones
from core.common.notebook import printed_numbers
from core.transfer_learning import strategy
from core.transfer_learning.datasets import make_labeled, synthetic_shapes
from core.transfer_learning.notebook import transfer_notebook
from core.transfer_learning.plan import ImageSet, RunSettings
from core.transfer_learning.results import confusion_matrix
from core.transfer_learning.training import DONE, TrainingRun

pytestmark = pytest.mark.slow  # a Jupyter kernel and a training per state

NAME = "efficientnet_lite0"
HOSTILE_NAMES = (  # the first prints INJECTED only if it runs as code
    'cat"); print("INJ" + "ECTED") #',
    "**dog** <b>|</b> `x`",
    "'''\nimport os\n'''",
)


@pytest.fixture(scope="module")
def lite0():
    spec = backbones.get_spec(NAME)
    model = backbones.build_model(NAME).requires_grad_(False).eval()
    return spec, backbones.stages(model, spec)


def _hostile_upload():
    shapes = synthetic_shapes(5, seed=4, classes=("circle", "square", "triangle"))
    return make_labeled("upload", HOSTILE_NAMES, shapes.images, shapes.labels)


STATES = {
    "head_adam_ko": dict(data=lambda: synthetic_shapes(6, seed=1), preset="head",
                         optimizer="adam", lr=1e-3, epochs=3, batch_size=8, lang="ko",
                         test_seed=9, augment=True),
    "all_sgd_fresh_views_hostile_en": dict(data=_hostile_upload, preset="all",
                                           optimizer="sgd", lr=1e-3, epochs=2, batch_size=4,
                                           lang="en", augment=True),
}  # fmt: skip


@pytest.mark.parametrize("state", STATES)
def test_the_notebook_reproduces_the_run(state, lite0):
    spec, stage_list = lite0
    s = STATES[state]
    data = s["data"]()
    infos = strategy.group_infos(stage_list, len(data.class_names))
    extras = tuple(TransformStep.of(name) for name in ("hflip", "jitter", "rotation"))
    pipeline = AugmentPipeline(scale=(0.3, 1.0), extras=extras) if s.get("augment") else None
    settings = RunSettings(
        NAME, strategy.trainable_names(infos, s["preset"]), s["preset"], s["epochs"], s["lr"],
        s["batch_size"], s["optimizer"], 96, augment=pipeline is not None,
        views=2 if pipeline else 0,
    )  # fmt: skip
    train_rows, val_rows = data.split()
    train, val = (
        ImageSet(data.images, data.fingerprint, tuple(r), tuple(data.labels[i] for i in r))
        for r in (train_rows, val_rows)
    )
    test = None
    if s.get("test_seed") is not None:  # a source's own test split, evaluated at the end
        extra = synthetic_shapes(2, seed=s["test_seed"])
        test = ImageSet(extra.images, extra.fingerprint, tuple(range(len(extra))), extra.labels)
    run = TrainingRun(
        stage_list, spec, settings, train, val, data.class_names, test=test,
        augment=None if pipeline is None else pipeline.to_transform,
    ).run_to_end()  # fmt: skip
    assert run.status == DONE

    nb = transfer_notebook(
        settings, data.source, data.class_names, data.images, data.labels,
        train_rows, val_rows, None if test is None else (test.images, test.labels), s["lang"],
        augment=pipeline,
    )  # fmt: skip
    executed, _ = execute(nb)
    got = printed_numbers(executed)

    assert got["trainable_params"] == run.network.num_trainable
    assert got["val_accuracy"] == run.evaluation.accuracy
    assert [h[3] for h in got["history"]] == [r.val_acc for r in run.history]
    np.testing.assert_allclose(
        [h[:3] for h in got["history"]],
        [[r.train_loss, r.train_acc, r.val_loss] for r in run.history],
        rtol=1e-4,
        atol=1e-5,
    )
    expected = confusion_matrix(
        run.evaluation.labels, run.evaluation.predicted, len(data.class_names)
    )
    assert got["confusion"] == expected.tolist()
    if test is None:
        assert got["test_accuracy"] is None
    else:
        assert got["test_accuracy"] == run.test_evaluation.accuracy
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert not any("INJECTED" in str(o.get("text", "")) for o in outputs)


def test_a_big_set_is_stored_as_jpeg_and_says_so(monkeypatch):
    from core.transfer_learning import notebook

    monkeypatch.setattr(notebook, "PNG_LIMIT_BYTES", 1000)
    data = synthetic_shapes(2, seed=0)
    settings = RunSettings(NAME, ("classifier",), "head", 1, 1e-3, 4, "adam", 96)
    train_rows, val_rows = data.split()
    nb = transfer_notebook(
        settings, "book", data.class_names, data.images, data.labels,
        train_rows, val_rows, None, "en",
    )  # fmt: skip
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "JPEG" in markdown and "needs the internet" in markdown
    assert "/9j/" in "".join(c.source for c in nb.cells)  # base64 of a JPEG's first bytes
