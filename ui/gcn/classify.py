"""Graph classification, live: pick a task (or upload a TU zip), train a GCN + readout +
linear classifier, watch the curves grow, stop whenever (the model stays), read the test
accuracy and the confusion matrix, compare the three readouts, and see the pairs a readout
cannot tell apart.

torch is imported only when a training starts (``core.gcn.graph_training``), so the lab's
page still draws without it.
"""

from __future__ import annotations

import hashlib

import numpy as np
import streamlit as st

from core.common.errors import UserFacingError
from core.common.markdown import table
from core.gcn import controls as C
from core.gcn import molecules, tu_format
from core.gcn.convolution import STEPS
from core.gcn.figures import (
    graph_embedding_figure,
    matrix_figure,
    readouts_figure,
    training_curves_figure,
)
from ui.classroom.results import send_result
from ui.common.controls import control
from ui.common.frame import theme, tr
from ui.common.layout import columns
from ui.common.state import set_widget_value
from ui.gcn.editor import load_graph
from ui.gcn.state import ClassifyRun, ClassifyState, lab_state

EPOCHS = 50
EPOCHS_PER_TICK = 2
TICK_SECONDS = 0.3
COMPARE_SEEDS = (0, 1, 2)
COMPARE_EPOCHS = 40


@st.cache_resource(show_spinner=False, max_entries=4)
def _task(name: str) -> molecules.GraphDataset:
    """A ready-made task (frozen, shared read-only by every session)."""
    return molecules.make_task(name, molecules.DEFAULT_GRAPHS)


@st.cache_data(show_spinner=False, max_entries=16)
def _compare(
    data_key: str, layers: int, loops: bool, norm: str, _dataset
) -> dict[str, list[float]]:
    from core.gcn.graph_training import ModelConfig, compare_readouts

    config = ModelConfig(layers=layers, self_loops=loops, norm=norm)
    return compare_readouts(_dataset, config, COMPARE_SEEDS, COMPARE_EPOCHS)


def _uploaded(state: ClassifyState) -> molecules.GraphDataset | None:
    upload = st.file_uploader(
        tr("gcn.cls.upload"), type=["zip"], key="gcn_cls_zip", help=tr("gcn.cls.upload_help")
    )
    if upload is None:
        st.info(tr("gcn.cls.upload_first"))
        return None
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()[:16]
    if state.upload_id != digest:
        state.upload_id, state.uploaded, state.upload_error = digest, None, None
        try:
            state.uploaded = tu_format.read_zip(data)
        except UserFacingError as err:
            state.upload_error = (err.key, err.params)
    if state.upload_error:
        key, params = state.upload_error
        st.error(tr(key, **params))
    return state.uploaded


def _dataset(data: str, state: ClassifyState) -> tuple[molecules.GraphDataset | None, str]:
    if data == "upload":
        dataset = _uploaded(state)
        return dataset, f"upload:{state.upload_id}"
    return _task(data), data


def classify_view() -> None:
    st.markdown(tr("gcn.cls.intro"))
    state = lab_state().classify
    cols = columns([2, 2, 1, 1], projector_per_row=2)
    with cols[0]:
        data = control(C.CLS_DATA)
    with cols[1]:
        readout = control(C.CLS_READOUT)
    with cols[2]:
        layers = int(control(C.CLS_LAYERS))
    with cols[3]:
        seed = int(control(C.CLS_SEED))
    cols = columns([1, 2], projector_per_row=2)
    with cols[0]:
        loops = bool(control(C.CLS_LOOPS))
    with cols[1]:
        norm = control(C.CLS_NORM)
    dataset, data_key = _dataset(data, state)
    if dataset is None:
        return
    train_idx, test_idx = molecules.split(len(dataset.graphs), seed)
    st.caption(
        tr(
            "gcn.cls.dataset",
            graphs=len(dataset.graphs),
            nodes=dataset.nodes,
            classes=", ".join(dataset.class_names),
            types=", ".join(dataset.type_names[:12]),
            train=len(train_idx),
            test=len(test_idx),
        )
    )
    key = (data_key, readout, layers, seed, loops, norm)
    if state.run is not None and state.run.key != key:
        state.run = None  # other settings: the next Train starts a new model
    _buttons(state, dataset, key)
    st.fragment(_live, run_every=TICK_SECONDS if state.run and state.run.running else None)()
    st.divider()
    _comparison(state, dataset, data, data_key, layers, loops, norm)
    st.divider()
    ablation_view(state, dataset, data_key, key)


def _new_run(dataset, key) -> ClassifyRun:
    from core.gcn.graph_training import GraphTraining, ModelConfig

    _, readout, layers, seed, loops, norm = key
    config = ModelConfig(layers=layers, readout=readout, self_loops=loops, norm=norm)
    return ClassifyRun(key, GraphTraining(dataset, config, seed))


def _buttons(state: ClassifyState, dataset, key) -> None:
    run = state.run

    def start_stop():
        if state.run is None or len(state.run.training.history) >= EPOCHS:
            state.run = _new_run(dataset, key)
        state.run.running = not state.run.running

    def reset():
        state.run = None

    trained = run is not None and run.training.history
    label = (
        "gcn.cls.stop"
        if run is not None and run.running
        else (
            "gcn.cls.resume" if trained and len(run.training.history) < EPOCHS else "gcn.cls.train"
        )
    )
    cols = columns([1, 1, 2], projector_per_row=2)
    cols[0].button(
        tr(label),
        key="gcn_cls_train",
        on_click=start_stop,
        type="primary",
        width="stretch",
        icon=":material/stop:" if run is not None and run.running else ":material/play_arrow:",
    )
    cols[1].button(
        tr("gcn.cls.reset"),
        key="gcn_cls_reset",
        on_click=reset,
        width="stretch",
        icon=":material/restart_alt:",
        disabled=run is None,
    )


def _live() -> None:
    if lab_state().classify.leave_for_steps:
        lab_state().classify.leave_for_steps = False
        st.rerun()  # Follow was pressed in here: a full run draws the step view
    run = lab_state().classify.run
    if run is None:
        st.info(tr("gcn.cls.press_train", epochs=EPOCHS))
        return
    was_running = run.running
    training = run.training
    if was_running:
        for _ in training.epochs(min(EPOCHS_PER_TICK, EPOCHS - len(training.history))):
            pass
        if len(training.history) >= EPOCHS:
            run.running = False
    history = training.history
    if not history:
        st.info(tr("gcn.cls.press_train", epochs=EPOCHS))
        return
    last = history[-1]
    m = st.columns(4)
    m[0].metric(tr("gcn.cls.epoch"), f"{last.epoch} / {EPOCHS}")
    m[1].metric(tr("gcn.cls.loss"), f"{last.loss:.3f}")
    m[2].metric(tr("gcn.cls.train_acc"), f"{last.train_acc:.0%}")
    m[3].metric(tr("gcn.cls.test_acc"), f"{last.test_acc:.0%}")
    t = theme()
    left, right = columns([3, 2], projector_per_row=1)
    with left:
        st.plotly_chart(
            training_curves_figure(
                [r.epoch for r in history],
                [r.loss for r in history],
                [r.test_acc for r in history],
                t,
                loss_name=tr("gcn.cls.loss"),
                accuracy_name=tr("gcn.cls.test_acc"),
                epoch_name=tr("gcn.cls.epoch"),
                total_epochs=EPOCHS,
            ),
            key="gcn_cls_curves",
            theme=None,
            config={"displaylogo": False},
        )
    with right:
        evaluation = training.evaluate()
        names = training.dataset.class_names
        st.plotly_chart(
            matrix_figure(
                evaluation.confusion,
                t,
                title=tr("gcn.cls.confusion"),
                rows=[tr("gcn.cls.true", name=n) for n in names],
                cols=[tr("gcn.cls.predicted", name=n) for n in names],
            ),
            key="gcn_cls_confusion",
            theme=None,
            config={"displaylogo": False},
        )
    if not run.running:
        _pairs(training)
        _embeddings(training)
    if was_running and not run.running:
        send_result("gcn.classify_result", evaluation.accuracy, training.config.readout)
        st.rerun()  # finished: a full rerun switches the timer off and relabels the button


def _pairs(training) -> None:
    """The trained layers' h_G of two pairs, under every readout."""
    from core.gcn.graph_training import readout_vectors

    dataset = training.dataset
    first = dataset.graphs[int(training.test_idx[0])]
    pairs = [("doubled", first, molecules.doubled(first))]
    if "C" in dataset.type_names:
        carbon = dataset.type_names.index("C")
        pairs.append(("rings", molecules.ring(6, carbon), molecules.two_rings(3, carbon)))
    rows = []
    for name, a, b in pairs:
        vectors = readout_vectors(training, [a, b])
        cells = []
        for how in ("mean", "sum", "max"):
            gap = float(np.abs(vectors[how][0] - vectors[how][1]).max())
            cells.append(
                tr("gcn.cls.same") if gap < 1e-6 else tr("gcn.cls.differs", gap=f"{gap:.3g}")
            )
        rows.append([tr(f"gcn.cls.pair.{name}")] + cells)
    st.markdown("**" + tr("gcn.cls.pairs") + "**")
    headers = [tr("gcn.cls.pair")] + [tr(f"gcn.readout.{h}") for h in ("mean", "sum", "max")]
    st.markdown(table(headers, rows))
    st.caption(tr("gcn.cls.pairs_note"))


def _embeddings(training) -> None:
    """h_G of every graph in 2-D, the chosen one marked and described."""
    from core.gcn.graph_training import pca_2d

    dataset = training.dataset
    marked = int(control(C.CLS_GRAPH, allowed=range(len(dataset.graphs))))
    points = pca_2d(training.graph_vectors())
    st.plotly_chart(
        graph_embedding_figure(
            points,
            dataset.labels,
            theme(),
            class_names=dataset.class_names,
            marked=marked,
            marked_name=tr("gcn.cls.marked"),
            title=tr("gcn.cls.embedding_title"),
        ),
        key="gcn_cls_embedding",
        theme=None,
        config={"displaylogo": False},
    )
    graph = dataset.graphs[marked]
    predicted = int(training.predict([marked])[0])
    counts = np.bincount(graph.types, minlength=len(dataset.type_names))
    atoms = ", ".join(f"{dataset.type_names[t]}×{c}" for t, c in enumerate(counts) if c)
    part = "test" if marked in set(training.test_idx.tolist()) else "train"
    _follow_button(training, marked)
    st.caption(
        tr(
            "gcn.cls.marked_caption",
            index=marked,
            n=graph.n,
            atoms=atoms,
            true=dataset.class_names[graph.label],
            predicted=dataset.class_names[predicted],
            part=tr(f"gcn.cls.part.{part}"),
        )
    )


def _follow_button(training, marked: int) -> None:
    """Hand the trained model and the marked graph to the step view."""
    config = training.config
    if config.layers > 2 or not config.self_loops or config.norm != "sym":
        st.caption(tr("gcn.cls.follow_unfit"))
        return

    def follow():
        from core.gcn.graph_training import trained_weights

        lab_state().trained = trained_weights(training)
        load_graph(training.dataset.as_graph(marked))
        set_widget_value(C.FEATURES.key, "table", C.FEATURES.param)
        set_widget_value(C.READOUT.key, config.readout, C.READOUT.param)
        set_widget_value(C.TWO_LAYERS.key, config.layers == 2, C.TWO_LAYERS.param)
        set_widget_value(C.STEP.key, STEPS[0], C.STEP.param)
        set_widget_value(C.VIEW.key, "steps", C.VIEW.param)
        lab_state().classify.leave_for_steps = True

    st.button(
        tr("gcn.cls.follow", index=marked),
        key="gcn_cls_follow",
        on_click=follow,
        icon=":material/arrow_forward:",
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _ablations(data_key: str, config_key: tuple, seed: int, _dataset, _config) -> list:
    from core.gcn.graph_training import ablations

    return ablations(_dataset, _config, seed, COMPARE_EPOCHS)


def ablation_view(state, dataset, data_key, key) -> None:
    if not st.button(
        tr("gcn.cls.ablate"),
        key="gcn_cls_ablate",
        help=tr("gcn.cls.ablate_help"),
        icon=":material/science:",
    ):
        rows = state.ablations.get(key)
    else:
        from core.gcn.graph_training import ModelConfig

        _, readout, layers, seed, loops, norm = key
        config = ModelConfig(layers=layers, readout=readout, self_loops=loops, norm=norm)
        with st.spinner(tr("gcn.cls.ablating")):
            rows = _ablations(data_key, key, seed, dataset, config)
        state.ablations[key] = rows
    if not rows:
        return
    shown = []
    for r in rows:
        value = r.value
        if r.kind == "loops":
            value = tr("gcn.cls.on" if r.value else "gcn.cls.off")
        elif r.kind == "norm":
            value = tr(f"gcn.cls.norm.{r.value}")
        shown.append(
            [
                tr(f"gcn.cls.ablation.{r.kind}", value=value),
                f"{r.test_acc:.0%}",
                f"{r.similarity:.3f}",
                f"{r.smoothing:.3f}",
            ]
        )
    headers = [
        tr("gcn.cls.ablation.change"),
        tr("gcn.cls.test_acc"),
        tr("gcn.cls.ablation.similarity"),
        tr("gcn.cls.ablation.smoothing"),
    ]
    st.markdown(table(headers, shown))
    st.caption(tr("gcn.cls.ablation_note"))


def _comparison(state, dataset, data, data_key, layers, loops, norm) -> None:
    key = (data_key, layers, loops, norm)
    if st.button(
        tr("gcn.cls.compare"),
        key="gcn_cls_compare",
        help=tr("gcn.cls.compare_help"),
        icon=":material/bar_chart:",
    ):
        with st.spinner(tr("gcn.cls.comparing")):
            state.compared[key] = _compare(data_key, layers, loops, norm, dataset)
    scores = state.compared.get(key)
    if scores is None:
        return
    best = molecules.BEST_READOUT.get(data)
    st.plotly_chart(
        readouts_figure(
            scores,
            theme(),
            names={h: tr(f"gcn.readout.{h}") for h in scores},
            accuracy_name=tr("gcn.cls.test_acc"),
            seed_name=tr("gcn.cls.seed_dot"),
            best=best,
            title=tr("gcn.cls.compared_title"),
        ),
        key="gcn_cls_compared",
        theme=None,
        config={"displaylogo": False},
    )
    st.markdown(tr(f"gcn.cls.why.{data}"))
