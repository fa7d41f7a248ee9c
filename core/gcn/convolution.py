r"""The graph convolution of Kipf & Welling, one function per step of the formula

    H' = ReLU( D̂^-1/2 Â D̂^-1/2 · X · W + b ),   Â = A + I (a self-loop where none exists)

following PyTorch Geometric's ``GCNConv`` / ``gcn_norm`` (the tests compare with it):
self-loops of weight 1 are added only to nodes that have none (an existing self-loop
keeps its weight), the degree is the row sum of Â (edges into the node), weights are
applied before aggregation and the bias after, and the activation is outside the layer.

``A[i, j]`` is the weight of the edge j -> i (see ``core.gcn.graph``): row i of ``Â X W``
collects the messages node i receives. The page shows each of these arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

READOUTS = ("mean", "sum", "max")
# the steps the page walks through, in order (their names are in links)
STEPS = ("A", "A_loop", "D", "A_norm", "X", "XW", "AXW", "H", "layer2", "readout")


# ---------------------------------------------------------------- normalisation (gcn_norm)


def add_self_loops(A: np.ndarray) -> np.ndarray:
    """Â: A with a self-loop of weight 1 on every node that has none (existing ones are kept)."""
    A_loop = np.array(A, dtype=float, copy=True)
    diagonal = np.diagonal(A_loop).copy()
    np.fill_diagonal(A_loop, np.where(diagonal == 0, 1.0, diagonal))
    return A_loop


def degrees(A_loop: np.ndarray) -> np.ndarray:
    """d̂_i = Σ_j Â_ij: the (weighted) number of edges into node i, its self-loop included."""
    return np.asarray(A_loop, dtype=float).sum(axis=1)


def degree_matrix(A_loop: np.ndarray) -> np.ndarray:
    """D̂ = diag(d̂)."""
    return np.diag(degrees(A_loop))


def inverse_sqrt_degree(A_loop: np.ndarray) -> np.ndarray:
    """The diagonal of D̂^-1/2 (0 where a degree is 0, as in PyG)."""
    d = degrees(A_loop)
    with np.errstate(divide="ignore"):
        inv = np.where(d > 0, 1.0 / np.sqrt(np.where(d > 0, d, 1.0)), 0.0)
    return inv


def normalized_adjacency(A: np.ndarray) -> np.ndarray:
    """D̂^-1/2 Â D̂^-1/2: entry (i, j) is Â_ij / √(d̂_i d̂_j)."""
    A_loop = add_self_loops(A)
    inv = inverse_sqrt_degree(A_loop)
    return inv[:, None] * A_loop * inv[None, :]


def row_normalized_adjacency(A: np.ndarray) -> np.ndarray:
    """D̂^-1 Â: each row sums to 1, a plain average over the node and its neighbours."""
    A_loop = add_self_loops(A)
    d = degrees(A_loop)
    return A_loop / np.where(d > 0, d, 1.0)[:, None]


NORMALISATIONS = ("sym", "row", "none")


def propagation_matrix(A: np.ndarray, self_loops: bool = True, norm: str = "sym") -> np.ndarray:
    """The matrix a layer multiplies by, for the ablations: Â (or A without self-loops),
    normalised symmetrically (D^-1/2 · D^-1/2), by rows (D^-1 ·) or not at all."""
    if norm not in NORMALISATIONS:
        raise ValueError(f"norm must be one of {NORMALISATIONS}, not {norm!r}")
    M = add_self_loops(A) if self_loops else np.array(A, dtype=float)
    if norm == "none":
        return M
    d = degrees(M)
    with np.errstate(divide="ignore"):
        inv = np.where(d > 0, 1.0 / np.where(d > 0, d, 1.0), 0.0)
    if norm == "row":
        return inv[:, None] * M
    return np.sqrt(inv)[:, None] * M * np.sqrt(inv)[None, :]


# ---------------------------------------------------------------- the layer


def relu(Z: np.ndarray) -> np.ndarray:
    return np.maximum(Z, 0.0)


def transform(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """X W: every node's features mixed by the same weights (like a 1x1 convolution)."""
    return np.asarray(X, dtype=float) @ np.asarray(W, dtype=float)


def aggregate(A_hat: np.ndarray, XW: np.ndarray) -> np.ndarray:
    """Â (X W): row i is the Â-weighted sum of the rows of its neighbours (and itself)."""
    return np.asarray(A_hat, dtype=float) @ XW


def gcn_layer(
    A_hat: np.ndarray, X: np.ndarray, W: np.ndarray, b: np.ndarray | None = None
) -> np.ndarray:
    """ReLU(Â X W + b) with Â the normalised adjacency (``normalized_adjacency(A)``)."""
    Z = aggregate(A_hat, transform(X, W))
    if b is not None:
        Z = Z + np.asarray(b, dtype=float)[None, :]
    return relu(Z)


def readout(H: np.ndarray, how: str = "mean") -> np.ndarray:
    """One vector for the whole graph (리드아웃): the mean (as in the notes), sum or max over
    nodes."""
    H = np.asarray(H, dtype=float)
    if how not in READOUTS:
        raise ValueError(f"readout must be one of {READOUTS}, not {how!r}")
    if H.shape[0] == 0:
        return np.zeros(H.shape[1])
    return {"mean": H.mean, "sum": H.sum, "max": H.max}[how](axis=0)


def glorot(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    """Glorot-uniform weights (fan_in x fan_out), GCNConv's default initialisation."""
    bound = np.sqrt(6.0 / (fan_in + fan_out)) if fan_in + fan_out else 0.0
    return rng.uniform(-bound, bound, size=(fan_in, fan_out))


def layer_parameters(
    fan_in: int, fan_out: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """(W, b): Glorot W; a small random b so the "+ b" step is visible (PyG starts b at 0)."""
    return glorot(fan_in, fan_out, rng), rng.uniform(-0.2, 0.2, size=fan_out).round(3)


# ---------------------------------------------------------------- every step, for the page


@dataclass(frozen=True)
class ConvolutionSteps:
    """Every intermediate array of one or two GCN layers and the readout."""

    A: np.ndarray
    A_loop: np.ndarray  # Â = A + I (where missing)
    D: np.ndarray  # D̂
    A_norm: np.ndarray  # D̂^-1/2 Â D̂^-1/2
    A_row: np.ndarray  # D̂^-1 Â (to compare)
    X: np.ndarray
    W1: np.ndarray
    b1: np.ndarray
    XW: np.ndarray
    AXW: np.ndarray
    Z1: np.ndarray  # Â X W + b (before ReLU)
    H1: np.ndarray
    W2: np.ndarray | None
    b2: np.ndarray | None
    HW2: np.ndarray | None
    AHW2: np.ndarray | None
    Z2: np.ndarray | None
    H2: np.ndarray | None
    how: str
    graph_vector: np.ndarray

    @property
    def H(self) -> np.ndarray:
        """The output of the last layer (what the readout reads)."""
        return self.H2 if self.H2 is not None else self.H1


def convolution_steps(
    A: np.ndarray,
    X: np.ndarray,
    hidden: int,
    seed: int,
    two_layers: bool = False,
    how: str = "mean",
    weights: list[tuple[np.ndarray, np.ndarray]] | None = None,
) -> ConvolutionSteps:
    """Run the layer(s) step by step with seeded weights, or with ``weights`` [(W1, b1),
    (W2, b2)] (a trained model's: two layers when two are given); each array is what the page
    shows."""
    rng = np.random.default_rng(seed)
    A = np.asarray(A, dtype=float)
    X = np.asarray(X, dtype=float)
    A_loop = add_self_loops(A)
    A_norm = normalized_adjacency(A)
    if weights is not None:
        two_layers = len(weights) > 1
    W1, b1 = weights[0] if weights else layer_parameters(X.shape[1], hidden, rng)
    XW = transform(X, W1)
    AXW = aggregate(A_norm, XW)
    Z1 = AXW + b1[None, :]
    H1 = relu(Z1)
    W2 = b2 = HW2 = AHW2 = Z2 = H2 = None
    if two_layers:
        W2, b2 = weights[1] if weights else layer_parameters(hidden, hidden, rng)
        HW2 = transform(H1, W2)
        AHW2 = aggregate(A_norm, HW2)
        Z2 = AHW2 + b2[None, :]
        H2 = relu(Z2)
    H = H2 if H2 is not None else H1
    return ConvolutionSteps(
        A,
        A_loop,
        degree_matrix(A_loop),
        A_norm,
        row_normalized_adjacency(A),
        X,
        W1,
        b1,
        XW,
        AXW,
        Z1,
        H1,
        W2,
        b2,
        HW2,
        AHW2,
        Z2,
        H2,
        how,
        readout(H, how),
    )


@dataclass(frozen=True)
class NeighbourTerm:
    node: int
    coefficient: float  # Â_ij
    row: np.ndarray  # (X W)_j
    contribution: np.ndarray  # Â_ij (X W)_j


def neighbour_terms(A_hat: np.ndarray, XW: np.ndarray, i: int) -> list[NeighbourTerm]:
    """Row i of Â X W written as Σ_j Â_ij (X W)_j over the nodes j with Â_ij ≠ 0."""
    return [
        NeighbourTerm(int(j), float(A_hat[i, j]), XW[j], A_hat[i, j] * XW[j])
        for j in np.flatnonzero(A_hat[i])
    ]


# ---------------------------------------------------------------- relabelling the nodes


def permutation_matrix(perm: np.ndarray) -> np.ndarray:
    """P with P[new, old] = 1 for perm[new] = old: (P X)[new] = X[perm[new]]."""
    n = len(perm)
    P = np.zeros((n, n))
    P[np.arange(n), perm] = 1.0
    return P


@dataclass(frozen=True)
class PermutationDemo:
    perm: np.ndarray  # new position k holds old node perm[k]
    A: np.ndarray
    X: np.ndarray
    H: np.ndarray
    A_perm: np.ndarray  # P A Pᵀ
    X_perm: np.ndarray  # P X
    H_perm: np.ndarray  # the same layer on the relabelled graph
    readout: np.ndarray
    readout_perm: np.ndarray

    @property
    def equivariance_error(self) -> float:
        """max |H(PAPᵀ, PX) - P H(A, X)|: 0 up to rounding."""
        return float(np.abs(self.H_perm - self.H[self.perm]).max()) if self.H.size else 0.0

    def new_index(self, node: int) -> int:
        """Where the old node ``node`` sits after relabelling."""
        return int(np.flatnonzero(self.perm == node)[0])

    @property
    def invariance_error(self) -> float:
        return float(np.abs(self.readout_perm - self.readout).max()) if self.readout.size else 0.0


def permutation_demo(
    A: np.ndarray, X: np.ndarray, hidden: int, seed: int, perm_seed: int, how: str = "mean"
) -> PermutationDemo:
    """Relabel the nodes at random and run the same layer (same W, b) on both versions."""
    n = A.shape[0]
    perm = np.random.default_rng(perm_seed).permutation(n)
    rng = np.random.default_rng(seed)
    W, b = layer_parameters(X.shape[1], hidden, rng)
    P = permutation_matrix(perm)
    A_perm, X_perm = P @ A @ P.T, P @ X
    H = gcn_layer(normalized_adjacency(A), X, W, b)
    H_perm = gcn_layer(normalized_adjacency(A_perm), X_perm, W, b)
    return PermutationDemo(
        perm, A, X, H, A_perm, X_perm, H_perm, readout(H, how), readout(H_perm, how)
    )
