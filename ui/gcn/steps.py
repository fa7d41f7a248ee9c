"""The GCN lab's step-by-step view (previous / next / play) and the permutation demo."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from core.common.params import BoolParam, ChoiceParam, IntParam
from core.gcn import convolution as gcn
from core.gcn import graph as g
from core.gcn.figures import (
    formula_latex,
    matrix_figure,
    readout_figure,
    vector_text,
    weighted_sum_latex,
    weighted_sum_rows,
)
from ui.common.frame import projector, theme, tr
from ui.common.state import url_bound
from ui.gcn.layout import control_row, labels, literal_params

STEPS = ("A", "A_loop", "D", "A_norm", "X", "XW", "AXW", "H", "layer2", "readout")
STEP_PARAM = ChoiceParam("A", STEPS)
LAYERS_PARAM = BoolParam(False)
NODE_PARAM = IntParam(0, 0, g.MAX_NODES - 1)
PERM_SEED_PARAM = IntParam(1, 0, 9999)
PLAY_SECONDS = 2.5
PLAYING = "_gcn_playing"
NEXT_TICK = "_gcn_next_tick"


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
    cols = control_row([1.5, 1, 1, 1.3, 1.4, 1], projector_per_row=3)
    with cols[0]:
        url_bound("gcn_node", NODE_PARAM, range(graph.n) if graph.n else None)
        node = st.selectbox(
            tr("gcn.follow"),
            list(range(graph.n)) or [0],
            key="gcn_node",
            format_func=graph.node_name if graph.n else str,
            help=tr("gcn.follow_help"),
        )
    with cols[1]:
        url_bound("gcn_hidden", gcn.HIDDEN_PARAM)
        hidden = st.number_input(
            tr("gcn.hidden"),
            min_value=gcn.HIDDEN_PARAM.low,
            max_value=gcn.HIDDEN_PARAM.high,
            step=1,
            key="gcn_hidden",
            help=tr("gcn.hidden_help"),
        )
    with cols[2]:
        url_bound("gcn_seed", gcn.SEED_PARAM)
        seed = st.number_input(
            tr("gcn.seed"),
            min_value=0,
            max_value=gcn.SEED_PARAM.high,
            step=1,
            key="gcn_seed",
            help=tr("gcn.seed_help"),
        )
    with cols[3]:
        url_bound("gcn_features", g.FEATURE_MODE_PARAM)
        features = st.selectbox(
            tr("gcn.features"),
            g.FEATURE_MODES,
            key="gcn_features",
            format_func=labels("gcn.features.", g.FEATURE_MODES),
            help=tr("gcn.features_help"),
        )
    with cols[4]:
        url_bound("gcn_readout", gcn.READOUT_PARAM)
        how = st.selectbox(
            tr("gcn.readout"),
            gcn.READOUTS,
            key="gcn_readout",
            format_func=labels("gcn.readout.", gcn.READOUTS),
        )
    with cols[5]:
        url_bound("gcn_layers", LAYERS_PARAM)
        two = st.toggle(tr("gcn.two_layers"), key="gcn_layers", help=tr("gcn.two_layers_help"))
    return Settings(int(hidden), bool(two), how, int(seed), features, int(node))


# ---------------------------------------------------------------- navigation


def _go(delta: int) -> None:
    state = st.session_state
    k = STEPS.index(state.get("gcn_step", STEPS[0]))
    state["gcn_step"] = STEPS[max(0, min(len(STEPS) - 1, k + delta))]


def _toggle_play() -> None:
    state = st.session_state
    state[PLAYING] = not state.get(PLAYING, False)
    if state[PLAYING]:
        if state.get("gcn_step") == STEPS[-1]:
            state["gcn_step"] = STEPS[0]
        state[NEXT_TICK] = time.monotonic() + PLAY_SECONDS


def _tick() -> None:
    """While playing: one step forward each PLAY_SECONDS; stop (full rerun) at the end."""
    state = st.session_state
    if not state.get(PLAYING) or "gcn_step" not in state:
        return
    now = time.monotonic()
    if now < state.get(NEXT_TICK, 0):
        return
    state[NEXT_TICK] = now + PLAY_SECONDS
    if state.get("gcn_step") == STEPS[-1]:
        state[PLAYING] = False
        st.rerun()  # the whole app, to switch the timer off
    _go(+1)


def step_view(graph: g.Graph, bond_order: bool, settings: Settings) -> None:
    """The steps live in a fragment: previous / next rerun only this part, and while playing a
    timer (``run_every``) reruns it to advance one step every PLAY_SECONDS."""
    playing = st.session_state.get(PLAYING, False)
    st.fragment(_steps_fragment, run_every=PLAY_SECONDS / 2 if playing else None)(
        graph, bond_order, settings, playing
    )


def _steps_fragment(graph: g.Graph, bond_order: bool, settings: Settings, timer_on: bool) -> None:
    state = st.session_state
    if state.get(PLAYING, False) != timer_on:
        st.rerun()  # Play / Pause was pressed in here: a full run switches the fragment's timer on or off
    _tick()
    url_bound("gcn_step", STEP_PARAM)
    step = st.segmented_control(
        tr("gcn.step"),
        STEPS,
        key="gcn_step",
        required=True,
        format_func=labels("gcn.step.", STEPS, ".name"),
    )
    k = STEPS.index(step)
    nav = st.columns([1, 1, 1, 2] if projector() else [1, 1, 1, 3])
    nav[0].button(
        tr("gcn.prev"),
        key="gcn_prev",
        icon=":material/chevron_left:",
        on_click=_go,
        args=(-1,),
        disabled=k == 0,
        width="stretch",
    )
    nav[1].button(
        tr("gcn.next"),
        key="gcn_next",
        icon=":material/chevron_right:",
        on_click=_go,
        args=(1,),
        disabled=k == len(STEPS) - 1,
        width="stretch",
    )
    playing = state.get(PLAYING, False)
    nav[2].button(
        tr("gcn.pause" if playing else "gcn.play"),
        key="gcn_play",
        on_click=_toggle_play,
        icon=":material/pause:" if playing else ":material/play_arrow:",
        width="stretch",
        type="primary" if playing else "secondary",
        help=tr("gcn.play_help", seconds=f"{PLAY_SECONDS:g}"),
    )
    if graph.n == 0:
        st.info(tr("gcn.note.empty"), icon=":material/info:")
        return
    A = g.adjacency_matrix(graph, bond_order)
    X = g.feature_matrix(graph, settings.features)
    steps = gcn.convolution_steps(
        A, X, settings.hidden, settings.seed, settings.two_layers, settings.how
    )
    st.latex(formula_latex(step))
    _STEP_VIEWS[step](graph, steps, settings)
    if graph.n > g.READABLE_NODES:
        st.caption(tr("gcn.cut_caption", n=graph.n, limit=g.READABLE_NODES))


# ---------------------------------------------------------------- one function per step


def _names(graph: g.Graph) -> list[str]:
    return [graph.node_name(i) for i in range(graph.n)]


def _matrix(
    M, graph, settings, title_key, *, cols=None, square=True, blank_zero=False, key=None, **fmt
):
    """A node x something matrix; node x node matrices label their columns by number only (short)."""
    names = _names(graph)
    numbers = [str(i) for i in range(graph.n)]
    fig = matrix_figure(
        M,
        theme(),
        title=tr(title_key, **fmt),
        rows=names,
        cols=cols if cols is not None else numbers,
        highlight_row=settings.node,
        highlight_col=settings.node if square else None,
        blank_zero=blank_zero,
        cut_note=tr("gcn.cut_note", limit=g.READABLE_NODES),
    )
    show(fig, key)


def show(fig, key: str) -> None:
    """A matrix figure at its natural width when it has one (narrow matrices), else the column's."""
    st.plotly_chart(
        fig,
        key=key,
        width="content" if fig.layout.width else "stretch",
        theme=None,
        config={"displayModeBar": False},
    )


def _neighbours(graph: g.Graph, row: np.ndarray, exclude: int | None = None) -> str:
    idx = [int(j) for j in np.flatnonzero(row) if j != exclude]
    if not idx:
        return tr("gcn.none")
    text = ", ".join(graph.node_name(j) for j in idx[:12])
    return text + (" …" if len(idx) > 12 else "")


def _say(key: str, **fmt) -> None:
    st.markdown(tr(key, **literal_params(fmt)))  # node names are typed by users (and links)


def _directed(graph: g.Graph, key: str, **fmt) -> None:
    if graph.directed:
        st.info(tr(key, **fmt), icon=":material/arrow_forward:")


def _step_A(graph, s, settings):
    i = settings.node
    _say(
        "gcn.step.A.text",
        node=graph.node_name(i),
        count=int(np.count_nonzero(s.A[i])),
        neighbours=_neighbours(graph, s.A[i]),
    )
    if graph.directed:
        _directed(
            graph,
            "gcn.step.A.directed",
            symmetric=tr("gcn.yes" if np.allclose(s.A, s.A.T) else "gcn.no"),
        )
    else:
        _say("gcn.step.A.symmetric")
    _matrix(s.A, graph, settings, "gcn.title.A", blank_zero=True, key="gcn_fig_A")


def _step_A_loop(graph, s, settings):
    had = [i for i in range(graph.n) if s.A[i, i] != 0]
    _say("gcn.step.A_loop.text", added=graph.n - len(had))
    if had:
        _say(
            "gcn.step.A_loop.kept",
            kept=len(had),
            nodes=", ".join(graph.node_name(i) for i in had[:10]),
        )
    _matrix(s.A_loop, graph, settings, "gcn.title.A_loop", blank_zero=True, key="gcn_fig_A_loop")


def _step_D(graph, s, settings):
    i = settings.node
    _say(
        "gcn.step.D.text",
        node=graph.node_name(i),
        degree=f"{s.D[i, i]:g}",
        neighbours=f"{s.A_loop[i].sum() - s.A_loop[i, i]:g}",
        loop=f"{s.A_loop[i, i]:g}",
    )
    _directed(graph, "gcn.step.D.directed")
    _matrix(s.D, graph, settings, "gcn.title.D", blank_zero=True, key="gcn_fig_D")


def _step_A_norm(graph, s, settings):
    i = settings.node
    d = np.diag(s.D)
    js = np.flatnonzero(s.A_loop[i])
    example = js[js != i][0] if np.any(js != i) else i
    _say(
        "gcn.step.A_norm.text",
        node=graph.node_name(i),
        other=graph.node_name(int(example)),
        a=f"{s.A_loop[i, example]:g}",
        di=f"{d[i]:g}",
        dj=f"{d[example]:g}",
        value=f"{s.A_norm[i, example]:.3f}",
        row_sum=f"{s.A_norm[i].sum():.3f}",
    )
    left, right = st.columns(2)
    with left:
        _matrix(
            s.A_norm, graph, settings, "gcn.title.A_norm", blank_zero=True, key="gcn_fig_A_norm"
        )
    with right:
        _matrix(s.A_row, graph, settings, "gcn.title.A_row", blank_zero=True, key="gcn_fig_A_row")
    _say("gcn.step.A_norm.compare")
    _directed(graph, "gcn.step.A_norm.directed")


def _step_X(graph, s, settings):
    names = g.feature_names(graph, settings.features)
    _say(
        "gcn.step.X.text",
        n=graph.n,
        f=s.X.shape[1],
        names=", ".join(names[:8]) + (" …" if len(names) > 8 else ""),
    )
    _say(f"gcn.step.X.{settings.features}")
    _matrix(
        s.X,
        graph,
        settings,
        "gcn.title.X",
        cols=names,
        square=False,
        key="gcn_fig_X",
        n=graph.n,
        f=s.X.shape[1],
    )


def _hidden_names(h: int, prefix: str = "h") -> list[str]:
    return [f"{prefix}{k + 1}" for k in range(h)]


def _step_XW(graph, s, settings):
    f, h = s.W1.shape
    _say("gcn.step.XW.text", f=f, h=h, seed=settings.seed, node=graph.node_name(settings.node))
    left, right = st.columns([1, 2])
    with left:
        fig = matrix_figure(
            s.W1,
            theme(),
            title=tr("gcn.title.W", f=f, h=h),
            rows=g.feature_names(graph, settings.features),
            cols=_hidden_names(h),
        )
        show(fig, "gcn_fig_W")
    with right:
        _matrix(
            s.XW,
            graph,
            settings,
            "gcn.title.XW",
            cols=_hidden_names(h),
            square=False,
            key="gcn_fig_XW",
        )


def _step_AXW(graph, s, settings):
    i = settings.node
    terms = gcn.neighbour_terms(s.A_norm, s.XW, i)
    _say("gcn.step.AXW.text", node=graph.node_name(i), count=len(terms))
    st.latex(weighted_sum_latex(s, graph, i))
    rows = weighted_sum_rows(s, graph, i, "Â_ij", f"(ÂXW)_{i}")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    _directed(graph, "gcn.step.AXW.directed")
    _matrix(
        s.AXW,
        graph,
        settings,
        "gcn.title.AXW",
        cols=_hidden_names(s.XW.shape[1]),
        square=False,
        key="gcn_fig_AXW",
    )


def _step_H(graph, s, settings):
    zeros = int((s.H1 == 0).sum())
    _say(
        "gcn.step.H.text",
        b=vector_text(s.b1),
        zeros=zeros,
        total=s.H1.size,
        node=graph.node_name(settings.node),
        before=vector_text(s.Z1[settings.node]),
        after=vector_text(s.H1[settings.node]),
    )
    left, right = st.columns(2)
    cols = _hidden_names(s.H1.shape[1])
    with left:
        _matrix(s.Z1, graph, settings, "gcn.title.Z", cols=cols, square=False, key="gcn_fig_Z")
    with right:
        _matrix(s.H1, graph, settings, "gcn.title.H", cols=cols, square=False, key="gcn_fig_H")


def _step_layer2(graph, s, settings):
    if s.H2 is None:
        _say("gcn.step.layer2.off")
        return
    _say("gcn.step.layer2.text", node=graph.node_name(settings.node))
    cols = _hidden_names(s.H2.shape[1])
    left, right = st.columns(2)
    with left:
        _matrix(s.H1, graph, settings, "gcn.title.H", cols=cols, square=False, key="gcn_fig_H1")
    with right:
        _matrix(s.H2, graph, settings, "gcn.title.H2", cols=cols, square=False, key="gcn_fig_H2")


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
    state = st.session_state
    state["gcn_perm_seed"] = (int(state.get("gcn_perm_seed", 1)) + 1) % (PERM_SEED_PARAM.high + 1)


def permutation_view(graph: g.Graph, bond_order: bool, settings: Settings) -> None:
    state = st.session_state
    _say("gcn.perm.intro")
    if graph.n < 2:
        st.info(tr("gcn.perm.too_small"), icon=":material/info:")
        return
    url_bound("gcn_perm_seed", PERM_SEED_PARAM)
    c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
    c1.number_input(
        tr("gcn.perm.seed"),
        min_value=0,
        max_value=PERM_SEED_PARAM.high,
        step=1,
        key="gcn_perm_seed",
    )
    c2.button(
        tr("gcn.perm.shuffle"), key="gcn_shuffle", icon=":material/shuffle:", on_click=_shuffle
    )
    A = g.adjacency_matrix(graph, bond_order)
    X = g.feature_matrix(graph, settings.features)
    demo = gcn.permutation_demo(
        A, X, settings.hidden, settings.seed, int(state["gcn_perm_seed"]), settings.how
    )
    names = _names(graph)
    new_names = [f"{k}←{graph.node_name(int(old))}" for k, old in enumerate(demo.perm)]
    shown = ", ".join(f"{k}←{int(old)}" for k, old in enumerate(demo.perm[:20])) + (
        " …" if graph.n > 20 else ""
    )
    _say("gcn.perm.mapping", mapping=shown)
    t = theme()
    hidden_cols = _hidden_names(settings.hidden)
    feature_cols = g.feature_names(graph, settings.features)
    new_numbers = [str(k) for k in range(graph.n)]
    moved_to = (
        int(np.flatnonzero(demo.perm == settings.node)[0]) if settings.node < graph.n else None
    )
    pairs = [  # (before, after, titles, columns before / after, square)
        (demo.A, demo.A_perm, "gcn.perm.A", "gcn.perm.A_perm", new_numbers, new_numbers, True),
        (demo.X, demo.X_perm, "gcn.perm.X", "gcn.perm.X_perm", feature_cols, feature_cols, False),
        (demo.H, demo.H_perm, "gcn.perm.H", "gcn.perm.H_perm", hidden_cols, hidden_cols, False),
    ]
    cut = tr("gcn.cut_note", limit=g.READABLE_NODES)
    for k, (M, M_perm, title, title_perm, cols, cols_perm, square) in enumerate(pairs):
        left, right = st.columns(2)
        with left:
            show(
                matrix_figure(
                    M,
                    t,
                    title=tr(title),
                    rows=names,
                    cols=cols,
                    blank_zero=square,
                    cut_note=cut,
                    highlight_row=settings.node,
                    highlight_col=settings.node if square else None,
                ),
                f"gcn_perm_fig_{k}",
            )
        with right:
            show(
                matrix_figure(
                    M_perm,
                    t,
                    title=tr(title_perm),
                    rows=new_names,
                    cols=cols_perm,
                    blank_zero=square,
                    cut_note=cut,
                    highlight_row=moved_to,
                    highlight_col=moved_to if square else None,
                ),
                f"gcn_perm_fig_p{k}",
            )
    _say("gcn.perm.equivariance", error=f"{demo.equivariance_error:.1e}")
    how = tr(f"gcn.readout.{settings.how}")
    _say(
        "gcn.perm.invariance",
        how=how,
        before=vector_text(demo.readout),
        after=vector_text(demo.readout_perm),
        error=f"{demo.invariance_error:.1e}",
    )
