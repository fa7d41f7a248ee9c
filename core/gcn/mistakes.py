"""The mistake of a deep GCN built on the un-normalised adjacency matrix Â = A + I.

Each layer ReLU(M H W) sums a node's neighbours instead of averaging them: the features
grow by about Â's largest eigenvalue per layer (the hubs' degree), while D̂^-1/2 Â D̂^-1/2
has largest eigenvalue 1 and keeps their scale. Both stacks share the same weights (He
initialisation, which keeps a ReLU layer's scale), X = I on the karate club.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from core.common.i18n import t
from core.common.theme import Theme, style_figure
from core.gcn.convolution import add_self_loops, gcn_layer, normalized_adjacency
from core.gcn.graph import adjacency_matrix, karate_club

DEPTH = 16
HIDDEN = 16
SEED = 0
ADJACENCIES = ("normalized", "raw")  # the correct twin first


def he_weights(depth: int, n_features: int, hidden: int, seed: int) -> list[np.ndarray]:
    """Weights drawn N(0, 2 / fan_in): a ReLU layer keeps the scale of its input."""
    rng = np.random.default_rng(seed)
    dims = (n_features,) + (hidden,) * depth
    return [
        rng.normal(0.0, np.sqrt(2.0 / dims[k]), size=(dims[k], dims[k + 1])) for k in range(depth)
    ]


def propagation_matrix(A: np.ndarray, kind: str) -> np.ndarray:
    """D̂^-1/2 Â D̂^-1/2 (correct) or Â = A + I (the mistake)."""
    return normalized_adjacency(A) if kind == "normalized" else add_self_loops(A)


def rms(H: np.ndarray) -> float:
    """Root mean square of all entries: the features' scale."""
    return float(np.sqrt(np.mean(np.square(H))))


@dataclass(frozen=True)
class DepthScales:
    """Feature scale after each layer of the same deep GCN, with either matrix."""

    scales: dict[str, tuple[float, ...]]  # kind -> RMS of H after layers 1..depth
    eigenvalue: dict[str, float]  # kind -> largest eigenvalue of the matrix

    def growth(self, kind: str) -> float:
        """Average factor per layer (geometric mean) from the first layer to the last."""
        s = self.scales[kind]
        return (s[-1] / s[0]) ** (1 / (len(s) - 1)) if s[0] > 0 else float("nan")


def depth_scales(
    A: np.ndarray | None = None, depth: int = DEPTH, hidden: int = HIDDEN, seed: int = SEED
) -> DepthScales:
    """Run the stack on ``A`` (the karate club by default) with X = I."""
    if A is None:
        A = adjacency_matrix(karate_club())
    X = np.eye(A.shape[0])
    weights = he_weights(depth, X.shape[1], hidden, seed)
    scales, eigenvalue = {}, {}
    for kind in ADJACENCIES:
        M = propagation_matrix(A, kind)
        H, out = X, []
        for W in weights:
            H = gcn_layer(M, H, W)
            out.append(rms(H))
        scales[kind] = tuple(out)
        eigenvalue[kind] = float(np.max(np.abs(np.linalg.eigvals(M))))
    return DepthScales(scales, eigenvalue)


def depth_figure(
    result: DepthScales, theme: Theme, lang: str, kinds: tuple[str, ...] = ADJACENCIES
) -> go.Figure:
    """Feature scale per layer on a log axis, the correct matrix beside the mistake."""
    fig = go.Figure()
    for k, kind in enumerate(ADJACENCIES):
        if kind not in kinds:
            continue
        values = result.scales[kind]
        fig.add_scatter(
            x=list(range(1, len(values) + 1)),
            y=list(values),
            mode="lines+markers",
            name=t(f"gcn.mistakes.kind.{kind}", lang),
            line=dict(color=theme.palette[k], dash="solid" if k == 0 else "dash"),
        )
    fig.update_yaxes(type="log", title=t("gcn.mistakes.axis.scale", lang), exponentformat="power")
    fig.update_xaxes(title=t("gcn.mistakes.axis.layer", lang), dtick=1 if len(values) <= 16 else 2)
    fig.update_layout(
        height=460 if theme.projector else 360,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
    )
    return style_figure(fig, theme)
