"""The GCN lab's step-by-step view (previous / next / play) and the permutation demo."""

from __future__ import annotations

import contextlib
import hashlib
import time
from contextvars import ContextVar
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.common.markdown import literal_params, table
from core.common.theme import theme_for
from core.gcn import controls as C
from core.gcn import convolution as gcn
from core.gcn import graph as g
from core.gcn.convolution import STEPS
from core.gcn.figures import (
    formula_latex,
    matrix_figure,
    readout_figure,
    vector_text,
    weighted_sum_latex,
    weighted_sum_rows,
    with_followed,
)
from core.gcn.matrix_facts import matrix_facts
from ui.common.controls import control, option_labels
from ui.common.frame import projector, theme, tr
from ui.common.layout import columns
from ui.common.state import set_widget_value, widget_value
from ui.gcn.state import lab_state

PLAY_SECONDS = 2.5
# Where a step's sentences go: on a projector, under its charts (the chart is what the room
# reads first and must fit the first screen); elsewhere in place, above them.
_WORDS: ContextVar[DeltaGenerator | None] = ContextVar("gcn_words", default=None)


@dataclass(frozen=True)
class Settings:
    hidden: int
    two_layers: bool
    how: str
    seed: int
    features: str
    node: int


def model_settings(graph: g.Graph) -> Settings:
    """The layer's controls (shared by the step view and the permutation demo)."""
    # two rows of three: they sit in the workspace's narrower left column
    cols = [*st.columns([1.3, 1, 1], vertical_alignment="bottom")]
    cols += st.columns([1, 1.3, 1], vertical_alignment="bottom")
    with cols[0]:
        node = control(
            C.NODE,
            allowed=range(max(graph.n, 1)),  # an empty graph still shows one (unused) choice
            format_func=graph.node_name if graph.n else str,
        )
    with cols[1]:
        hidden = control(C.HIDDEN)
    with cols[2]:
        seed = control(C.SEED)
    with cols[3]:
        features = control(C.FEATURES)
    with cols[4]:
        how = control(C.READOUT)
    with cols[5]:
        two = control(C.TWO_LAYERS)
    return Settings(int(hidden), bool(two), how, int(seed), features, int(node))


# ---------------------------------------------------------------- navigation and the player
# The player has one timer: while it plays, the steps' fragment reruns every PLAY_SECONDS
# (``run_every``), and a run moves one step on once ``play_due`` has come, so the runs that
# Previous / Next / Play cause in between do not count as ticks.


def _step() -> str:
    return widget_value(C.STEP.key, C.STEP.default)


def _go(delta: int) -> None:
    k = STEPS.index(_step())
    set_widget_value(C.STEP.key, STEPS[max(0, min(len(STEPS) - 1, k + delta))], C.STEP.param)


def _go_by_hand(delta: int) -> None:
    """Previous / Next: while playing, the next step is due a full period later."""
    _go(delta)
    state = lab_state()
    if state.play_due is not None:
        state.play_due = time.monotonic() + PLAY_SECONDS


def _toggle_play() -> None:
    state = lab_state()
    if state.play_due is not None:
        state.play_due = None
        return
    if _step() == STEPS[-1]:
        set_widget_value(C.STEP.key, STEPS[0], C.STEP.param)
    state.play_due = time.monotonic() + PLAY_SECONDS


def _tick() -> None:
    """While playing: one step forward when it is due; stop (full rerun) at the end."""
    state = lab_state()
    now = time.monotonic()
    # half a period of slack: the timer's reruns arrive a little early or late
    if state.play_due is None or now < state.play_due - PLAY_SECONDS / 2:
        return
    if _step() == STEPS[-1]:
        state.play_due = None
        st.rerun()  # the whole app, to switch the timer off
    state.play_due = now + PLAY_SECONDS
    _go(+1)


def step_view(graph: g.Graph, bond_order: bool, settings: Settings) -> None:
    """The steps live in a fragment: previous / next rerun only this part, and while playing
    its timer (``run_every``) reruns it every PLAY_SECONDS."""
    playing = lab_state().play_due is not None
    st.fragment(_steps_fragment, run_every=PLAY_SECONDS if playing else None)(
        graph, bond_order, settings, playing
    )


def _steps_fragment(graph: g.Graph, bond_order: bool, settings: Settings, timer_on: bool) -> None:
    playing = lab_state().play_due is not None
    if playing != timer_on:
        st.rerun()  # Play / Pause was pressed in here: a full run switches the timer on or off
    _tick()
    step = control(
        C.STEP,
        format_func=option_labels("gcn.step.", STEPS, ".name"),
        label_visibility="collapsed",  # the numbered options name themselves
    )
    _navigation(STEPS.index(step), playing)
    if graph.n == 0:
        st.info(tr("gcn.note.empty"), icon=":material/info:")
        return
    A = g.adjacency_matrix(graph, bond_order)
    X = g.feature_matrix(graph, settings.features)
    trained = _trained_weights(graph, settings)
    if trained is not None:
        settings = replace(settings, how=trained.readout, two_layers=len(trained.layers) > 1)
    steps = gcn.convolution_steps(
        A,
        X,
        settings.hidden,
        settings.seed,
        settings.two_layers,
        settings.how,
        trained.layers if trained is not None else None,
    )
    with st.container(key="gcn_result"):
        _step_result(graph, step, steps, settings, trained)


def _step_result(graph, step, steps, settings, trained) -> None:
    st.latex(formula_latex(step))
    charts = st.container()
    token = _WORDS.set(st.container() if projector() else None)
    try:
        with charts:
            _STEP_VIEWS[step](graph, steps, settings)
    finally:
        _WORDS.reset(token)
    if trained is not None and step == "readout":
        scores = trained.scores(steps.graph_vector)
        _say(
            "gcn.step.class",
            scores=vector_text(scores),
            name=trained.class_names[int(scores.argmax())],
        )
    if graph.n > g.READABLE_NODES:
        st.caption(tr("gcn.cut_caption", n=graph.n, limit=g.READABLE_NODES))


def _forget_trained() -> None:
    lab_state().trained = None


def _trained_weights(graph: g.Graph, settings: Settings):
    """The trained classifier's weights when the step view follows one and they fit this
    graph's features (one-hot node types, the table's features); else None, with a note."""
    trained = lab_state().trained
    if trained is None:
        return None
    fits = settings.features == "table" and graph.feature_names == trained.type_names
    cols = columns([4, 1], projector_per_row=1, vertical_alignment="center")
    with cols[0]:
        if fits:
            st.info(tr("gcn.step.trained", readout=tr(f"gcn.readout.{trained.readout}")))
        else:
            st.warning(tr("gcn.step.trained_unfit", types=", ".join(trained.type_names)))
    cols[1].button(tr("gcn.step.random_weights"), key="gcn_untrained", on_click=_forget_trained)
    return trained if fits else None


def _navigation(k: int, playing: bool) -> None:
    # every label whole ("Previous", "이전") beside its icon, at 1400 px and on a projector
    nav = st.columns([1.35, 1, 1, 1] if projector() else [1.3, 1, 1, 0.7])
    nav[0].button(
        tr("gcn.prev"),
        key="gcn_prev",
        icon=":material/chevron_left:",
        on_click=_go_by_hand,
        args=(-1,),
        disabled=k == 0,
        width="stretch",
    )
    nav[1].button(
        tr("gcn.next"),
        key="gcn_next",
        icon=":material/chevron_right:",
        on_click=_go_by_hand,
        args=(1,),
        disabled=k == len(STEPS) - 1,
        width="stretch",
    )
    nav[2].button(
        tr("gcn.pause" if playing else "gcn.play"),
        key="gcn_play",
        on_click=_toggle_play,
        icon=":material/pause:" if playing else ":material/play_arrow:",
        width="stretch",
        type="primary" if playing else "secondary",
        help=tr("gcn.play_help", seconds=f"{PLAY_SECONDS:g}"),
    )


# ---------------------------------------------------------------- the matrices


def _names(graph: g.Graph) -> list[str]:
    return [graph.node_name(i) for i in range(graph.n)]


def _hidden_names(h: int, prefix: str = "h") -> list[str]:
    return [f"{prefix}{k + 1}" for k in range(h)]


def _matrix(M, title: str, rows, cols, key: str, *, node=None, square=False, blank_zero=False):
    """One matrix figure; ``node``'s row (and column, for a node x node matrix) stands out.
    Following another node frames it on a copy of the matrix's cached base figure."""
    M = np.asarray(M, dtype=float)
    base = _matrix_base(
        M,
        hashlib.sha1(M.tobytes()).hexdigest() + str(M.shape),
        title,
        tuple(rows),
        tuple(cols),
        blank_zero,
        projector(),
        tr("gcn.cut_note", limit=g.READABLE_NODES),
    )
    show(with_followed(base, theme(), node, node if square else None), key)


@st.cache_resource(max_entries=256, show_spinner=False)
def _matrix_base(
    _M, digest: str, title: str, rows: tuple, cols: tuple, blank_zero: bool, wall: bool, cut: str
):
    """A matrix's figure without a followed node, built once (keyed by the matrix's digest)
    for every session: shared, so read-only (``with_followed`` frames a copy)."""
    return matrix_figure(
        _M,
        theme_for(wall),
        title=title,
        rows=list(rows),
        cols=list(cols),
        blank_zero=blank_zero,
        cut_note=cut,
    )


def _node_matrix(M, graph, settings, title_key, key, *, cols=None, **fmt):
    """A node x something matrix of the step view; without ``cols`` a node x node matrix,
    its columns labelled by number only (short), zeros left blank."""
    square = cols is None
    _matrix(
        M,
        tr(title_key, **fmt),
        _names(graph),
        [str(i) for i in range(graph.n)] if square else cols,
        key,
        node=settings.node,
        square=square,
        blank_zero=square,
    )


def show(fig, key: str) -> None:
    """A matrix figure at its natural width when it has one (narrow matrices), else the column's."""
    st.plotly_chart(
        fig,
        key=key,
        width="content" if fig.layout.width else "stretch",
        theme=None,
        config={"displayModeBar": False},
    )


# ---------------------------------------------------------------- one function per step


def _names_of(graph: g.Graph, nodes, limit: int = 12) -> str:
    """Node names for a sentence: the first ``limit``, then an ellipsis."""
    if not nodes:
        return tr("gcn.none")
    text = ", ".join(graph.node_name(j) for j in nodes[:limit])
    return text + (" …" if len(nodes) > limit else "")


def _words():
    words = _WORDS.get()
    return words if words is not None else contextlib.nullcontext()


def _say(key: str, **fmt) -> None:
    with _words():
        st.markdown(tr(key, **literal_params(fmt)))  # node names are typed by users (and links)


def _directed(graph: g.Graph, key: str, **fmt) -> None:
    if graph.directed:
        with _words():
            st.info(tr(key, **fmt), icon=":material/arrow_forward:")


def _step_A(graph, s, settings):
    row = matrix_facts(s.A, settings.node)
    _say(
        "gcn.step.A.text",
        node=graph.node_name(row.node),
        count=row.count,
        neighbours=_names_of(graph, row.columns),
    )
    if graph.directed:
        symmetric = tr("gcn.yes" if row.symmetric else "gcn.no")
        _directed(graph, "gcn.step.A.directed", symmetric=symmetric)
    else:
        _say("gcn.step.A.symmetric")
    _node_matrix(s.A, graph, settings, "gcn.title.A", "gcn_fig_A")


def _step_A_loop(graph, s, settings):
    loops = matrix_facts(s.A, settings.node).loops
    _say("gcn.step.A_loop.text", added=graph.n - len(loops))
    if loops:
        _say("gcn.step.A_loop.kept", kept=len(loops), nodes=_names_of(graph, loops, 10))
    _node_matrix(s.A_loop, graph, settings, "gcn.title.A_loop", "gcn_fig_A_loop")


def _step_D(graph, s, settings):
    row = matrix_facts(s.A_loop, settings.node)
    _say(
        "gcn.step.D.text",
        node=graph.node_name(row.node),
        degree=f"{matrix_facts(s.D, row.node).diagonal:g}",
        neighbours=f"{row.off_diagonal_sum:g}",
        loop=f"{row.diagonal:g}",
    )
    _directed(graph, "gcn.step.D.directed")
    _node_matrix(s.D, graph, settings, "gcn.title.D", "gcn_fig_D")


def _step_A_norm(graph, s, settings):
    i = settings.node
    j = matrix_facts(s.A_loop, i).example
    _say(
        "gcn.step.A_norm.text",
        node=graph.node_name(i),
        other=graph.node_name(j),
        a=f"{s.A_loop[i, j]:g}",
        di=f"{s.D[i, i]:g}",
        dj=f"{s.D[j, j]:g}",
        value=f"{s.A_norm[i, j]:.3f}",
        row_sum=f"{matrix_facts(s.A_norm, i).row_sum:.3f}",
    )
    left, right = st.columns(2)
    with left:
        _node_matrix(s.A_norm, graph, settings, "gcn.title.A_norm", "gcn_fig_A_norm")
    with right:
        _node_matrix(s.A_row, graph, settings, "gcn.title.A_row", "gcn_fig_A_row")
    _say("gcn.step.A_norm.compare")
    _directed(graph, "gcn.step.A_norm.directed")


def _step_X(graph, s, settings):
    names = g.feature_names(graph, settings.features)
    n, f = s.X.shape
    _say("gcn.step.X.text", n=n, f=f, names=_joined(names, 8))
    _say(f"gcn.step.X.{settings.features}")
    _node_matrix(s.X, graph, settings, "gcn.title.X", "gcn_fig_X", cols=names, n=n, f=f)


def _joined(names: list[str], limit: int) -> str:
    return ", ".join(names[:limit]) + (" …" if len(names) > limit else "")


def _step_XW(graph, s, settings):
    f, h = s.W1.shape
    _say("gcn.step.XW.text", f=f, h=h, seed=settings.seed, node=graph.node_name(settings.node))
    left, right = st.columns([1, 2])
    with left:
        title = tr("gcn.title.W", f=f, h=h)
        features = g.feature_names(graph, settings.features)
        _matrix(s.W1, title, features, _hidden_names(h), "gcn_fig_W")
    with right:
        _node_matrix(s.XW, graph, settings, "gcn.title.XW", "gcn_fig_XW", cols=_hidden_names(h))


def _step_AXW(graph, s, settings):
    i = settings.node
    terms = gcn.neighbour_terms(s.A_norm, s.XW, i)
    _say("gcn.step.AXW.text", node=graph.node_name(i), count=len(terms))
    st.latex(weighted_sum_latex(s, graph, i))
    rows = weighted_sum_rows(s, graph, i, "Â_ij", f"(ÂXW)_{i}")
    _terms_table(rows)
    _directed(graph, "gcn.step.AXW.directed")
    cols = _hidden_names(s.XW.shape[1])
    _node_matrix(s.AXW, graph, settings, "gcn.title.AXW", "gcn_fig_AXW", cols=cols)


def _terms_table(rows: list[dict]) -> None:
    """The Â_ij terms: a grid normally; on a projector an HTML table, whose text follows the
    projector's type size (a grid draws on a canvas at its own small size)."""
    if projector():
        headers = list(rows[0])
        st.markdown(table(headers, [[str(row[h]) for h in headers] for row in rows]))
    else:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _step_H(graph, s, settings):
    i = settings.node
    _say(
        "gcn.step.H.text",
        b=vector_text(s.b1),
        zeros=matrix_facts(s.H1, i).zeros,
        total=s.H1.size,
        node=graph.node_name(i),
        before=vector_text(s.Z1[i]),
        after=vector_text(s.H1[i]),
    )
    left, right = st.columns(2)
    cols = _hidden_names(s.H1.shape[1])
    with left:
        _node_matrix(s.Z1, graph, settings, "gcn.title.Z", "gcn_fig_Z", cols=cols)
    with right:
        _node_matrix(s.H1, graph, settings, "gcn.title.H", "gcn_fig_H", cols=cols)


def _step_layer2(graph, s, settings):
    if s.H2 is None:
        _say("gcn.step.layer2.off")
        return
    _say("gcn.step.layer2.text", node=graph.node_name(settings.node))
    cols = _hidden_names(s.H2.shape[1])
    left, right = st.columns(2)
    with left:
        _node_matrix(s.H1, graph, settings, "gcn.title.H", "gcn_fig_H1", cols=cols)
    with right:
        _node_matrix(s.H2, graph, settings, "gcn.title.H2", "gcn_fig_H2", cols=cols)


def _step_readout(graph, s, settings):
    how = tr(f"gcn.readout.{settings.how}")
    _say(
        "gcn.step.readout.text",
        how=how,
        n=graph.n,
        h=s.H.shape[1],
        vector=vector_text(s.graph_vector),
    )
    _say(f"gcn.step.readout.{settings.how}")
    fig = readout_figure(
        s.H,
        s.graph_vector,
        theme(),
        rows=_names(graph),
        cols=_hidden_names(s.H.shape[1]),
        vector_name="h_G",
        title=tr("gcn.title.readout", how=how),
        highlight_row=settings.node,
    )
    show(fig, "gcn_fig_readout")


_STEP_VIEWS = {
    "A": _step_A,
    "A_loop": _step_A_loop,
    "D": _step_D,
    "A_norm": _step_A_norm,
    "X": _step_X,
    "XW": _step_XW,
    "AXW": _step_AXW,
    "H": _step_H,
    "layer2": _step_layer2,
    "readout": _step_readout,
}


# ---------------------------------------------------------------- permutation demo


def _shuffle() -> None:
    seed = widget_value(C.PERM_SEED.key, C.PERM_SEED.default)
    set_widget_value(C.PERM_SEED.key, C.next_seed(seed), C.PERM_SEED.param)


def permutation_view(graph: g.Graph, bond_order: bool, settings: Settings) -> None:
    _say("gcn.perm.intro")
    if graph.n < 2:
        st.info(tr("gcn.perm.too_small"), icon=":material/info:")
        return
    c1, c2 = columns([1, 3], vertical_alignment="bottom")
    with c1:
        perm_seed = control(C.PERM_SEED)
    c2.button(
        tr("gcn.perm.shuffle"), key="gcn_shuffle", icon=":material/shuffle:", on_click=_shuffle
    )
    A = g.adjacency_matrix(graph, bond_order)
    X = g.feature_matrix(graph, settings.features)
    demo = gcn.permutation_demo(A, X, settings.hidden, settings.seed, int(perm_seed), settings.how)
    shown = ", ".join(f"{k}←{int(old)}" for k, old in enumerate(demo.perm[:20]))
    _say("gcn.perm.mapping", mapping=shown + (" …" if graph.n > 20 else ""))
    _pairs(graph, demo, settings)
    _say("gcn.perm.equivariance", error=f"{demo.equivariance_error:.1e}")
    _say(
        "gcn.perm.invariance",
        how=tr(f"gcn.readout.{settings.how}"),
        before=vector_text(demo.readout),
        after=vector_text(demo.readout_perm),
        error=f"{demo.invariance_error:.1e}",
    )


def _pairs(graph: g.Graph, demo: gcn.PermutationDemo, settings: Settings) -> None:
    """A, X and H before and after relabelling, side by side; the followed node stands out
    in both, at its old and its new number."""
    names = _names(graph)
    new_names = [f"{k}←{graph.node_name(int(old))}" for k, old in enumerate(demo.perm)]
    numbers = [str(k) for k in range(graph.n)]
    features = g.feature_names(graph, settings.features)
    hidden = _hidden_names(settings.hidden)
    moved_to = demo.new_index(settings.node) if settings.node < graph.n else None
    pairs = [  # (before, after, title keys, columns, node x node)
        (demo.A, demo.A_perm, "gcn.perm.A", "gcn.perm.A_perm", numbers, True),
        (demo.X, demo.X_perm, "gcn.perm.X", "gcn.perm.X_perm", features, False),
        (demo.H, demo.H_perm, "gcn.perm.H", "gcn.perm.H_perm", hidden, False),
    ]
    for k, (M, M_perm, title, title_perm, cols, square) in enumerate(pairs):
        left, right = st.columns(2)
        with left:
            _matrix(
                M,
                tr(title),
                names,
                cols,
                f"gcn_perm_fig_{k}",
                node=settings.node,
                square=square,
                blank_zero=square,
            )
        with right:
            _matrix(
                M_perm,
                tr(title_perm),
                new_names,
                cols,
                f"gcn_perm_fig_p{k}",
                node=moved_to,
                square=square,
                blank_zero=square,
            )
