"""The GCN lab's state as a notebook: the graph (as data), A and X, every step of the graph
convolution and the readout with the page's seeded weights, and the karate-club training in
torch (autograd and ``torch.optim.Adam``). Plain numpy, networkx and torch."""

from __future__ import annotations

import nbformat

from core.common.i18n import t
from core.common.notebook import NotebookBuilder, data
from core.gcn.convolution import READOUTS
from core.gcn.graph import BOND_ORDER, FEATURE_MODES, READABLE_NODES, Graph
from core.gcn.karate_training import EPOCHS, LABELLED, LEARNING_RATE, SIZES

IMPORTS = """\
import json

import networkx as nx
import numpy as np
import torch

np.set_printoptions(precision=3, suppress=True, linewidth=120)
"""

MATRICES = """\
n = len(GRAPH["labels"])
A = np.zeros((n, n))  # A[i, j]: the weight of the edge j -> i
seen = set()
for source, target, weight, bond in GRAPH["edges"]:
    key = (source, target) if GRAPH["directed"] else tuple(sorted((source, target)))
    if key in seen:
        continue  # a repeated edge counts once
    seen.add(key)
    w = BOND_ORDER[bond] if BOND_WEIGHTS and bond in BOND_ORDER else float(weight)
    A[target, source] = w
    if not GRAPH["directed"]:
        A[source, target] = w

if FEATURES == "identity" or (FEATURES == "table" and not GRAPH["feature_names"]):
    X = np.eye(n)  # no features: every node its own one-hot id
elif FEATURES == "ones":
    X = np.ones((n, 1))
else:
    X = np.array(GRAPH["features"], dtype=float).reshape(n, len(GRAPH["feature_names"]))


def show(name, M):
    M = np.asarray(M)
    if M.ndim == 2 and max(M.shape) > SHOWN:
        print(f"{name}: {M.shape}, first {SHOWN} rows and columns")
        M = M[:SHOWN, :SHOWN]
    else:
        print(f"{name}: {M.shape}")
    print(M)


show("A", A)
show("X", X)
"""

NORMALISE = """\
A_loop = A.copy()  # Â = A + I: a self-loop of weight 1 where a node has none
diagonal = np.diagonal(A_loop).copy()
np.fill_diagonal(A_loop, np.where(diagonal == 0, 1.0, diagonal))
degree = A_loop.sum(axis=1)  # d̂_i = Σ_j Â_ij
D = np.diag(degree)
inv_sqrt = np.where(degree > 0, 1.0 / np.sqrt(np.where(degree > 0, degree, 1.0)), 0.0)
A_norm = inv_sqrt[:, None] * A_loop * inv_sqrt[None, :]  # D̂^-1/2 Â D̂^-1/2
A_row = A_loop / np.where(degree > 0, degree, 1.0)[:, None]  # D̂^-1 Â, to compare
show("A + I", A_loop)
show("D", D)
show("D^-1/2 (A+I) D^-1/2", A_norm)
show("D^-1 (A+I)", A_row)
"""

LAYERS = """\
rng = np.random.default_rng(SEED)


def layer_parameters(fan_in, fan_out):
    \"\"\"Glorot-uniform W (as GCNConv) and a small random b, so that "+ b" shows.\"\"\"
    bound = np.sqrt(6.0 / (fan_in + fan_out)) if fan_in + fan_out else 0.0
    W = rng.uniform(-bound, bound, size=(fan_in, fan_out))
    return W, rng.uniform(-0.2, 0.2, size=fan_out).round(3)


W1, b1 = layer_parameters(X.shape[1], HIDDEN)
XW = X @ W1
AXW = A_norm @ XW
Z1 = AXW + b1[None, :]
H1 = np.maximum(Z1, 0.0)  # ReLU
show("W", W1)
print("b =", b1)
show("XW", XW)
show("Â XW", AXW)
show("H = ReLU(Â XW + b)", H1)

W2 = b2 = HW2 = AHW2 = Z2 = H2 = None
if TWO_LAYERS:
    W2, b2 = layer_parameters(HIDDEN, HIDDEN)
    HW2 = H1 @ W2
    AHW2 = A_norm @ HW2
    Z2 = AHW2 + b2[None, :]
    H2 = np.maximum(Z2, 0.0)
    show("H2 = ReLU(Â H W2 + b2)", H2)
H = H2 if TWO_LAYERS else H1

# the same layer in torch, to check
T = {k: torch.tensor(v) for k, v in dict(A=A_norm, X=X, W=W1, b=b1).items()}
H_torch = torch.relu(T["A"] @ (T["X"] @ T["W"]) + T["b"])
print("max |H1 - torch| =", float((H_torch - torch.tensor(H1)).abs().max()) if n else 0.0)
"""

READOUT = """\
if H.shape[0] == 0:
    graph_vector = np.zeros(H.shape[1])
else:
    graph_vector = {"mean": H.mean, "sum": H.sum, "max": H.max}[READOUT](axis=0)
print("h_G =", graph_vector)
"""

KARATE = """\
club = nx.karate_club_graph()
m = club.number_of_nodes()
K = nx.to_numpy_array(club, nodelist=range(m), weight=None)  # unweighted, as in Kipf & Welling
K_loop = K + np.eye(m)
k_inv = 1.0 / np.sqrt(K_loop.sum(axis=1))
K_norm = torch.tensor(k_inv[:, None] * K_loop * k_inv[None, :])
faction = torch.tensor([0 if club.nodes[i]["club"] == "Mr. Hi" else 1 for i in range(m)])
unlabelled = [i for i in range(m) if i not in LABELLED]

init = np.random.default_rng(TRAIN_SEED)


def glorot(fan_in, fan_out):
    bound = np.sqrt(6.0 / (fan_in + fan_out))
    return torch.tensor(init.uniform(-bound, bound, size=(fan_in, fan_out)), requires_grad=True)


dims = (m, *SIZES)
weights = [glorot(dims[k], dims[k + 1]) for k in range(len(SIZES))]
Wc = glorot(SIZES[-1], 2)
bc = torch.zeros(2, dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.Adam([*weights, Wc, bc], lr=LEARNING_RATE)


def forward():
    H = torch.eye(m, dtype=torch.float64)  # X = I
    for W in weights:
        H = torch.tanh((K_norm @ H) @ W)
    return H, H @ Wc + bc  # the 2-D embedding, the logits


losses, accuracies = [], []
for epoch in range(EPOCHS + 1):
    embedding, logits = forward()
    loss = torch.nn.functional.cross_entropy(logits[list(LABELLED)], faction[list(LABELLED)])
    predicted = logits.argmax(dim=1)
    losses.append(loss.item())
    accuracies.append((predicted[unlabelled] == faction[unlabelled]).double().mean().item())
    if epoch < EPOCHS:
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
print(f"epoch {EPOCHS}: loss {losses[-1]:.4f}, accuracy on the 32 unlabelled {accuracies[-1]:.3f}")
"""

CURVES = """\
import plotly.graph_objects as go

fig = go.Figure()
fig.add_scatter(y=losses, name="loss")
fig.add_scatter(y=accuracies, name="accuracy")
fig.update_layout(xaxis_title="epoch", height=320)
fig.show()
"""

NUMBERS = """\
{
    "matrices": {
        name: (
            None if M is None
            else np.asarray(M).tolist() if max(np.asarray(M).shape, default=0) <= SHOWN
            else {"shape": list(np.asarray(M).shape), "sum": float(np.sum(M)),
                  "abs_sum": float(np.abs(M).sum())}
        )
        for name, M in dict(
            A=A, A_loop=A_loop, D=D, A_norm=A_norm, A_row=A_row, X=X, W1=W1, b1=b1, XW=XW,
            AXW=AXW, Z1=Z1, H1=H1, W2=W2, b2=b2, HW2=HW2, AHW2=AHW2, Z2=Z2, H2=H2,
            graph_vector=graph_vector,
        ).items()
    },
    "karate": {"loss": losses, "accuracy": accuracies},
}"""


def _graph_data(graph: Graph) -> dict:
    return {
        "labels": list(graph.labels),
        "feature_names": list(graph.feature_names),
        "features": [list(map(float, row)) for row in graph.features],
        "edges": [
            [int(e.source), int(e.target), float(e.weight), str(e.bond)] for e in graph.edges
        ],
        "directed": bool(graph.directed),
    }


def gcn_notebook(
    graph: Graph,
    bond_order: bool,
    hidden: int,
    seed: int,
    features: str,
    how: str,
    two_layers: bool,
    karate_seed: int,
    lang: str,
) -> nbformat.NotebookNode:
    """A notebook of the lab's graph and layer settings (as ``convolution.convolution_steps``
    with ``adjacency_matrix(graph, bond_order)`` and ``feature_matrix(graph, features)``), and
    the karate club trained from ``karate_seed``."""
    if features not in FEATURE_MODES or how not in READOUTS:
        raise ValueError(f"unknown feature mode {features!r} or readout {how!r}")
    nb = NotebookBuilder(lang)
    nb.markdown(t("gcn.notebook.title", lang))
    nb.markdown(t("gcn.notebook.intro", lang))
    nb.code(IMPORTS)
    nb.markdown(t("gcn.notebook.graph", lang))
    nb.code(
        f"GRAPH = {data(_graph_data(graph))}\n"
        f"BOND_WEIGHTS = {bool(bond_order)!r}\n"
        f"BOND_ORDER = {dict(BOND_ORDER)!r}\n"
        f"FEATURES = {data(features)}\n"
        f"HIDDEN, SEED, TWO_LAYERS, READOUT = {int(hidden)}, {int(seed)}, "
        f"{bool(two_layers)!r}, {data(how)}\n"
        f"SHOWN = {READABLE_NODES}  # bigger matrices: only their corner is printed\n"
        "print(len(GRAPH['labels']), 'nodes,', len(GRAPH['edges']), 'edges')"
    )
    nb.markdown(t("gcn.notebook.matrices", lang))
    nb.code(MATRICES)
    nb.markdown(t("gcn.notebook.normalise", lang))
    nb.code(NORMALISE)
    nb.markdown(t("gcn.notebook.layers", lang))
    nb.code(LAYERS)
    nb.markdown(t("gcn.notebook.readout", lang))
    nb.code(READOUT)
    nb.markdown(t("gcn.notebook.karate", lang))
    nb.code(
        f"TRAIN_SEED, LEARNING_RATE, EPOCHS = {int(karate_seed)}, {LEARNING_RATE!r}, {EPOCHS}\n"
        f"LABELLED, SIZES = {tuple(LABELLED)!r}, {tuple(SIZES)!r}\n\n" + KARATE
    )
    nb.code(CURVES)
    nb.markdown(t("gcn.notebook.numbers", lang))
    nb.numbers(NUMBERS)
    return nb.build()
