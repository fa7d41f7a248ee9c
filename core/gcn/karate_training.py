"""Kipf & Welling's karate-club demo in plain numpy: a 3-layer GCN, hand-written backprop, Adam.

X = I (each member is only its own one-hot id), three graph convolutions with tanh
(34 -> 4 -> 4 -> 2, the last one is the 2-D embedding the page draws), then a linear
classifier 2 -> 2 with softmax. The loss is the cross-entropy on one labelled member per
faction (the instructor, node 0, and the administrator, node 33); the accuracy is
measured on the 32 members whose faction the model never sees.

tanh instead of the step view's ReLU, as in Kipf & Welling's demo: a ReLU can clip a
2-D embedding to a corner and hide the structure. The gradients are tested against
torch.autograd.
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
    rng = np.random.default_rng(seed)
    dims = (n_features,) + tuple(sizes)
    params = {f"W{k + 1}": glorot(dims[k], dims[k + 1], rng) for k in range(len(sizes))}
    params["Wc"] = glorot(sizes[-1], 2, rng)
    params["bc"] = np.zeros(2)
    return params


def forward(
    params: dict[str, np.ndarray], A_hat: np.ndarray, X: np.ndarray
) -> dict[str, np.ndarray]:
    """Every activation: H_k = tanh(Â H_{k-1} W_k), embedding = H_3, logits = H_3 Wc + bc."""
    cache = {"H0": X}
    H = X
    for k in (1, 2, 3):
        AH = A_hat @ H
        H = np.tanh(AH @ params[f"W{k}"])
        cache[f"AH{k - 1}"] = AH
        cache[f"H{k}"] = H
    logits = H @ params["Wc"] + params["bc"]
    shifted = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    cache.update(embedding=H, logits=logits, probs=probs)
    return cache


def loss_and_gradients(
    params: dict[str, np.ndarray], problem: KarateProblem
) -> tuple[float, dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Mean cross-entropy over the labelled members, its gradient by hand (chain rule), the
    cache."""
    cache = forward(params, problem.A_hat, problem.X)
    idx = np.array(problem.labelled)
    probs = cache["probs"]
    loss = float(-np.log(probs[idx, problem.y[idx]] + 1e-300).mean())
    d_logits = np.zeros_like(probs)
    d_logits[idx] = probs[idx]
    d_logits[idx, problem.y[idx]] -= 1.0
    d_logits /= len(idx)
    grads = {"Wc": cache["H3"].T @ d_logits, "bc": d_logits.sum(axis=0)}
    d_H = d_logits @ params["Wc"].T
    for k in (3, 2, 1):
        d_pre = d_H * (1.0 - cache[f"H{k}"] ** 2)  # tanh' = 1 - tanh²
        grads[f"W{k}"] = cache[f"AH{k - 1}"].T @ d_pre
        if k > 1:
            d_H = problem.A_hat.T @ (d_pre @ params[f"W{k}"].T)
    return loss, grads, cache


class Adam:
    def __init__(
        self, params: dict[str, np.ndarray], lr: float, betas=(0.9, 0.999), eps: float = 1e-8
    ):
        self.lr, self.betas, self.eps, self.t = lr, betas, eps, 0
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        self.t += 1
        b1, b2 = self.betas
        for k in params:
            self.m[k] = b1 * self.m[k] + (1 - b1) * grads[k]
            self.v[k] = b2 * self.v[k] + (1 - b2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - b1**self.t)
            v_hat = self.v[k] / (1 - b2**self.t)
            params[k] = params[k] - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


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
    problem = problem or karate_problem()
    params = init_parameters(problem.X.shape[1], seed)
    optimizer = Adam(params, lr)
    for epoch in range(epochs + 1):
        loss, grads, cache = loss_and_gradients(params, problem)
        predictions = cache["probs"].argmax(axis=1)
        yield TrainingState(
            epoch, loss, accuracy(predictions, problem), cache["embedding"].copy(), predictions
        )
        if epoch < epochs:
            optimizer.step(params, grads)
