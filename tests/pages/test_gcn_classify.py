"""AppTest of the GCN lab's graph classification, driven by widget keys: live training one
tick per run, stop keeps the model, the numbers shown against core, the readouts compared,
the pairs, a TU upload and its errors, both languages."""

import io
import re
import zipfile

import numpy as np
import pytest

from core.common.i18n import t
from core.gcn import molecules as m
from core.gcn import tu_format as tu
from tests.conftest import make_app

PAGE = "pages/gcn.py"


def run(**params):
    lang = params.pop("lang", "en")
    projector = params.pop("projector", False)
    at = make_app(PAGE, lang=lang, projector=projector, gcn_view="classify", **params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(target):
    at = target.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def cls(at):
    return at.session_state["_gcn_state"].classify


def markdown(at) -> str:
    """Markdown as it reads on the page: the escaper's backslashes gone."""
    return re.sub(r"\\(.)", r"\1", "\n".join(x.value for x in at.markdown))


@pytest.fixture(autouse=True)
def small_runs(monkeypatch):
    import ui.gcn.classify as view

    monkeypatch.setattr(view, "EPOCHS", 6)
    monkeypatch.setattr(view, "COMPARE_EPOCHS", 3)
    monkeypatch.setattr(view, "COMPARE_SEEDS", (0, 1))
    monkeypatch.setattr(m, "DEFAULT_GRAPHS", 60)
    view._task.clear()
    view._compare.clear()


@pytest.mark.parametrize("lang,projector", [("en", False), ("ko", True)])
def test_train_live_stop_keeps_the_model_and_numbers_are_true(lang, projector):
    at = run(lang=lang, projector=projector, gcn_cls_data="motif", gcn_cls_readout="max")
    assert cls(at).run is None and at.info, "asks to press Train"
    rerun(at.button(key="gcn_cls_train").click())
    run_ = cls(at).run
    assert run_.running and len(run_.training.history) == 2
    rerun(at.button(key="gcn_cls_train").click())  # stop
    assert not run_.running
    kept = run_.training.model
    rerun(at)
    assert cls(at).run.training.model is kept and len(cls(at).run.training.history) == 2
    evaluation = run_.training.evaluate()
    shown = [x.value for x in at.metric]
    assert f"{run_.training.history[-1].test_acc:.0%}" in shown
    assert evaluation.accuracy == run_.training.history[-1].test_acc
    assert "|" in markdown(at), "the pairs table"
    rerun(at.button(key="gcn_cls_train").click())  # continue to the end
    while cls(at).run.running:
        rerun(at)
    assert len(cls(at).run.training.history) == 6
    assert cls(at).run.training.model is kept, "continued, not restarted"
    rerun(at.button(key="gcn_cls_reset").click())
    assert cls(at).run is None


def test_changing_a_setting_starts_a_new_model():
    at = run(gcn_cls_data="count")
    rerun(at.button(key="gcn_cls_train").click())
    assert cls(at).run.key[1] == "sum"
    at.session_state["gcn_cls_readout"] = "mean"
    rerun(at)
    assert cls(at).run is None
    assert at.query_params["gcn_cls_readout"] == "mean"


def test_the_pairs_shown_are_the_models_readouts():
    at = run(gcn_cls_data="count")
    rerun(at.button(key="gcn_cls_train").click())
    rerun(at.button(key="gcn_cls_train").click())
    body = markdown(at)
    from core.gcn.graph_training import readout_vectors

    training = cls(at).run.training
    g = training.dataset.graphs[int(training.test_idx[0])]
    v = readout_vectors(training, [g, m.doubled(g)])
    gap = float(np.abs(v["sum"][0] - v["sum"][1]).max())
    assert f"differs by {gap:.3g}" in body
    assert "same (cannot tell)" in body


def test_compare_the_readouts_shows_the_chart_and_why():
    at = run(gcn_cls_data="count", gcn_cls_layers="1")
    rerun(at.button(key="gcn_cls_compare").click())
    scores = next(iter(cls(at).compared.values()))
    assert set(scores) == {"mean", "sum", "max"} and all(len(v) == 2 for v in scores.values())
    from core.gcn.graph_training import ModelConfig, compare_readouts

    expected = compare_readouts(m.make_task("count", 60), ModelConfig(layers=1), (0, 1), 3)
    assert scores == expected
    assert "Only the sum **counts**" in markdown(at)


def tu_zip(**changes) -> bytes:
    files = tu.to_files(m.make_task("count", 30, 2))
    for name, text in changes.items():
        files = {k: (text if k.endswith(f"_{name}.txt") else v) for k, v in files.items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_upload_without_a_file_asks_for_one():
    at = run(gcn_cls_data="upload")
    assert any("Upload a TU-format zip" in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_upload_trains_on_the_file_and_malformed_files_get_a_message(lang):
    at = run(lang=lang, gcn_cls_data="upload")
    rerun(at.file_uploader(key="gcn_cls_zip").upload("mine.zip", tu_zip(), "application/zip"))
    assert cls(at).uploaded is not None and len(cls(at).uploaded.graphs) == 30
    rerun(at.button(key="gcn_cls_train").click())
    assert cls(at).run.training.dataset is cls(at).uploaded
    bad = tu_zip(graph_indicator="1\nx\n")
    rerun(at.file_uploader(key="gcn_cls_zip").clear().upload("bad.zip", bad, "application/zip"))
    from core.common.i18n import t

    assert [e.value for e in at.error] == [
        t("gcn.tu.bad_line", lang, file="count_graph_indicator.txt", line=2, text="x")
    ]
    assert cls(at).run is None or cls(at).uploaded is None
    rerun(at.file_uploader(key="gcn_cls_zip").clear().upload("x.zip", b"nope", "application/zip"))
    assert [e.value for e in at.error] == [t("gcn.tu.not_zip", lang)]


def test_embeddings_mark_the_chosen_graph_with_the_models_prediction():
    at = run(gcn_cls_data="count", gcn_cls_graph="5")
    rerun(at.button(key="gcn_cls_train").click())
    rerun(at.button(key="gcn_cls_train").click())  # stop: the trained model's views
    training = cls(at).run.training
    predicted = training.dataset.class_names[int(training.predict([5])[0])]
    g = training.dataset.graphs[5]
    caption = "\n".join(c.value for c in at.caption)
    assert f"Graph 5: {g.n} atoms" in caption
    assert (
        f"true class {training.dataset.class_names[g.label]}, the model predicts {predicted}"
        in caption
    )
    at.number_input(key="gcn_cls_graph").set_value(10**4)
    rerun(at)
    assert at.session_state["gcn_cls_graph"] == 0, "only the dataset's graphs"


def test_ablations_table_shows_the_core_numbers():
    import ui.gcn.classify as view

    at = run(gcn_cls_data="motif", gcn_cls_readout="max")
    rerun(at.button(key="gcn_cls_ablate").click())
    rows = next(iter(cls(at).ablations.values()))
    from core.gcn.graph_training import ModelConfig, ablations

    expected = ablations(
        m.make_task("motif", 60), ModelConfig(readout="max"), 0, view.COMPARE_EPOCHS
    )
    assert rows == expected
    body = markdown(at)
    assert "6 GCN layers" in body and f"{expected[-1].smoothing:.3f}" in body
    assert "over-smoothing" in "\n".join(c.value for c in at.caption)


def test_follow_the_trained_model_in_the_step_view():
    at = run(gcn_cls_data="motif", gcn_cls_readout="max", gcn_cls_graph="3")
    rerun(at.button(key="gcn_cls_train").click())
    rerun(at.button(key="gcn_cls_train").click())
    training = cls(at).run.training
    rerun(at.button(key="gcn_cls_follow").click())
    state = at.session_state["_gcn_state"]
    assert at.session_state["gcn_view"] == "steps"
    assert state.editor.graph == training.dataset.as_graph(3)
    assert any("trained weights" in i.value for i in at.info)
    at.session_state["gcn_step"] = "readout"
    rerun(at)
    from core.gcn.figures import vector_text

    h = training.graph_vectors([3])[0]
    scores = state.trained.scores(h)
    name = training.dataset.class_names[int(training.predict([3])[0])]
    body = markdown(at)
    assert f"{vector_text(scores)} → predicted class **{name}**" in body
    seeded_only = t("gcn.notebook.seeded_weights_only", "en")
    assert seeded_only in [c.value for c in at.caption], "the notebook says what it reproduces"
    rerun(at.button(key="gcn_untrained").click())
    assert at.session_state["_gcn_state"].trained is None
    assert seeded_only not in [c.value for c in at.caption]
