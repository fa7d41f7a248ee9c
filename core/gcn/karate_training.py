"""Kipf & Welling's karate-club demo, trained with torch autograd and ``torch.optim.Adam``.

X = I (each member is only its own one-hot id), three graph convolutions with tanh
(34 -> 4 -> 4 -> 2, the last one is the 2-D embedding the page draws), then a linear
classifier 2 -> 2 with softmax. The loss is the cross-entropy on one labelled member per
faction (the instructor, node 0, and the administrator, node 33); the accuracy is
measured on the 32 members whose faction the model never sees.

tanh instead of the step view's ReLU, as in Kipf & Welling's demo: a ReLU can clip a
2-D embedding to a corner and hide the structure. torch is imported inside the functions
that train, so the lab's page draws without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from core.gcn.convolution import glorot, normalized_adjacency
from core.gcn.graph import adjacency_matrix, karate_club, karate_factions

LABELLED = (0, 33)
SIZES = (4, 4, 2)
DEFAULT_SEED = 1
LEARNING_RATE = 0.01
EPOCHS = 300

PARAMETER_NAMES = ("W1", "W2", "W3", "Wc", "bc")


@dataclass
class KarateProblem:
    A_hat: np.ndarray  # D̂^-1/2 Â D̂^-1/2
    X: np.ndarray  # I
    y: np.ndarray  # faction of every member (0 Mr. Hi, 1 Officer)
    labelled: tuple[int, ...] = LABELLED

    @property
    def unlabelled(self) -> np.ndarray:
        mask = np.ones(len(self.y), dtype=bool)
        mask[list(self.labelled)] = False
        return np.flatnonzero(mask)


def karate_problem() -> KarateProblem:
    A = adjacency_matrix(karate_club())
    return KarateProblem(normalized_adjacency(A), np.eye(A.shape[0]), karate_factions())


def init_parameters(
    n_features: int, seed: int, sizes: tuple[int, ...] = SIZES
) -> dict[str, np.ndarray]:
    """Glorot weights from ``seed`` (numpy, so a seed means the same start everywhere)."""
    rng = np.random.default_rng(seed)
    dims = (n_features,) + tuple(sizes)
    params = {f"W{k + 1}": glorot(dims[k], dims[k + 1], rng) for k in range(len(sizes))}
    params["Wc"] = glorot(sizes[-1], 2, rng)
    params["bc"] = np.zeros(2)
    return params


def forward(params: dict, A_hat, X):
    """(embedding, logits) in torch: H_k = tanh(Â H_{k-1} W_k), embedding = H_3,
    logits = H_3 Wc + bc."""
    H = X
    for k in range(1, len(SIZES) + 1):
        H = (A_hat @ H @ params[f"W{k}"]).tanh()
    return H, H @ params["Wc"] + params["bc"]


@dataclass(frozen=True)
class TrainingState:
    epoch: int
    loss: float
    accuracy: float  # on the unlabelled members
    embedding: np.ndarray  # 34 x 2
    predictions: np.ndarray  # predicted faction of every member


def accuracy(predictions: np.ndarray, problem: KarateProblem) -> float:
    u = problem.unlabelled
    return float((predictions[u] == problem.y[u]).mean())


def nearest_label_accuracy(embedding: np.ndarray, problem: KarateProblem) -> float:
    """How well the embedding alone groups the factions: each unlabelled member joins the
    faction of the nearer labelled member (no training, only the two labels)."""
    anchors = embedding[list(problem.labelled)]
    dist = np.linalg.norm(embedding[:, None, :] - anchors[None, :, :], axis=2)
    predicted = problem.y[np.array(problem.labelled)][dist.argmin(axis=1)]
    return accuracy(predicted, problem)


def train_karate(
    seed: int = DEFAULT_SEED,
    lr: float = LEARNING_RATE,
    epochs: int = EPOCHS,
    problem: KarateProblem | None = None,
) -> Iterator[TrainingState]:
    """Yield the state before training (epoch 0) and after every Adam step."""
    import torch

    problem = problem or karate_problem()
    params = {
        k: torch.tensor(v, dtype=torch.float64, requires_grad=True)
        for k, v in init_parameters(problem.X.shape[1], seed).items()
    }
    A_hat = torch.as_tensor(problem.A_hat, dtype=torch.float64)
    X = torch.as_tensor(problem.X, dtype=torch.float64)
    y = torch.as_tensor(problem.y, dtype=torch.long)
    idx = torch.tensor(problem.labelled)
    optimizer = torch.optim.Adam(list(params.values()), lr=lr)
    for epoch in range(epochs + 1):
        optimizer.zero_grad()
        embedding, logits = forward(params, A_hat, X)
        loss = torch.nn.functional.cross_entropy(logits[idx], y[idx])
        predictions = logits.argmax(dim=1).numpy()
        yield TrainingState(
            epoch,
            loss.item(),
            accuracy(predictions, problem),
            embedding.detach().numpy().copy(),
            predictions,
        )
        if epoch < epochs:
            loss.backward()
            optimizer.step()
