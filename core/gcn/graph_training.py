"""Graph classification with torch: GCN layers, a readout and a linear classifier.

Each layer is GCNConv's formula, H' = ReLU(P H W + b), with P the graph's propagation
matrix (by default D̂^-1/2 Â D̂^-1/2; the ablations change it), on zero-padded dense
batches (fine for small graphs; the tests compare with PyTorch Geometric). Training uses
autograd and ``torch.optim.Adam``, one epoch at a time so the page can draw live curves
and stop whenever the user asks; the model is kept.

This module imports torch: the page imports it only when a training starts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from core.gcn.convolution import READOUTS
from core.gcn.molecules import GraphDataset, padded_arrays, propagation_similarity, split


@contextmanager
def one_thread() -> Iterator[None]:
    """Tiny matrices: one intra-op thread is faster than several fighting for busy cores
    (the setting belongs to the calling thread, other sessions keep theirs)."""
    old = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(old)


@dataclass(frozen=True)
class ModelConfig:
    layers: int = 2
    hidden: int = 16
    readout: str = "mean"
    self_loops: bool = True
    norm: str = "sym"
    lr: float = 0.01
    batch_size: int = 32


class GraphGCN(nn.Module):
    def __init__(self, n_features: int, n_classes: int, config: ModelConfig):
        super().__init__()
        if config.readout not in READOUTS:
            raise ValueError(f"readout must be one of {READOUTS}, not {config.readout!r}")
        dims = [n_features] + [config.hidden] * config.layers
        self.weights = nn.ParameterList(
            nn.Parameter(nn.init.xavier_uniform_(torch.empty(dims[k], dims[k + 1])))
            for k in range(config.layers)
        )
        self.biases = nn.ParameterList(
            nn.Parameter(torch.zeros(dims[k + 1])) for k in range(config.layers)
        )
        self.classifier = nn.Linear(dims[-1], n_classes)
        self.readout = config.readout

    def node_features(self, P, X, mask) -> list[torch.Tensor]:
        """Every layer's output H_k (batch x nodes x hidden), padded nodes zeroed."""
        out, H = [], X
        for W, b in zip(self.weights, self.biases, strict=True):
            H = torch.relu(P @ (H @ W) + b) * mask.unsqueeze(-1)
            out.append(H)
        return out

    def graph_vectors(self, H, mask) -> torch.Tensor:
        """h_G: the readout of each graph's node features (padding excluded)."""
        m = mask.unsqueeze(-1)
        if self.readout == "sum":
            return H.sum(1)
        if self.readout == "mean":
            return H.sum(1) / m.sum(1).clamp(min=1)
        return H.masked_fill(m == 0, float("-inf")).amax(1).clamp(min=-1e30).nan_to_num(0.0)

    def forward(self, P, X, mask) -> torch.Tensor:
        H = self.node_features(P, X, mask)[-1] if len(self.weights) else X
        return self.classifier(self.graph_vectors(H, mask))


@dataclass
class Batch:
    P: torch.Tensor
    X: torch.Tensor
    mask: torch.Tensor
    y: torch.Tensor


def make_batch(dataset: GraphDataset, indices, config: ModelConfig) -> Batch:
    P, X, mask = padded_arrays(dataset, indices, config.self_loops, config.norm)
    f = torch.float32
    y = torch.as_tensor(dataset.labels[np.asarray(indices, dtype=int)], dtype=torch.long)
    return Batch(
        torch.as_tensor(P, dtype=f), torch.as_tensor(X, dtype=f), torch.as_tensor(mask, dtype=f), y
    )


@dataclass(frozen=True)
class EpochReport:
    epoch: int
    loss: float  # mean training cross-entropy of the epoch
    train_acc: float
    test_acc: float


@dataclass(frozen=True)
class Evaluation:
    accuracy: float
    confusion: np.ndarray  # confusion[true, predicted]
    predictions: np.ndarray


def evaluate(model: GraphGCN, batch: Batch, n_classes: int) -> Evaluation:
    with torch.no_grad():
        predicted = model(batch.P, batch.X, batch.mask).argmax(1).numpy()
    true = batch.y.numpy()
    confusion = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(confusion, (true, predicted), 1)
    accuracy = float((predicted == true).mean()) if len(true) else 0.0
    return Evaluation(accuracy, confusion, predicted)


@dataclass
class GraphTraining:
    """One training run: its data split, model and optimiser; ``epochs()`` advances it."""

    dataset: GraphDataset
    config: ModelConfig
    seed: int
    test_fraction: float = 0.25
    history: list[EpochReport] = field(default_factory=list)

    def __post_init__(self):
        torch.manual_seed(self.seed)
        self.train_idx, self.test_idx = split(
            len(self.dataset.graphs), self.seed, self.test_fraction
        )
        self.n_classes = len(self.dataset.class_names)
        self.model = GraphGCN(len(self.dataset.type_names), self.n_classes, self.config)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=self.config.lr)
        self.train = make_batch(self.dataset, self.train_idx, self.config)
        self.test = make_batch(self.dataset, self.test_idx, self.config)
        self._generator = torch.Generator().manual_seed(self.seed)

    def _one_epoch(self) -> float:
        self.model.train()
        order = torch.randperm(len(self.train_idx), generator=self._generator)
        total = 0.0
        for start in range(0, len(order), self.config.batch_size):
            i = order[start : start + self.config.batch_size]
            self.optimizer.zero_grad()
            logits = self.model(self.train.P[i], self.train.X[i], self.train.mask[i])
            loss = nn.functional.cross_entropy(logits, self.train.y[i])
            loss.backward()
            self.optimizer.step()
            total += loss.item() * len(i)
        return total / max(len(order), 1)

    def epochs(self, count: int) -> Iterator[EpochReport]:
        """Train ``count`` more epochs, yielding a report after each (stop by not asking)."""
        for _ in range(count):
            with one_thread():
                loss = self._one_epoch()
                report = EpochReport(
                    len(self.history) + 1,
                    loss,
                    self.evaluate("train").accuracy,
                    self.evaluate("test").accuracy,
                )
            self.history.append(report)
            yield report

    def evaluate(self, part: str = "test") -> Evaluation:
        self.model.eval()
        return evaluate(self.model, self.test if part == "test" else self.train, self.n_classes)

    def graph_vectors(self, indices: Sequence[int] | None = None) -> np.ndarray:
        """h_G of the graphs ``indices`` (all by default), one row each."""
        indices = range(len(self.dataset.graphs)) if indices is None else indices
        b = make_batch(self.dataset, list(indices), self.config)
        with torch.no_grad():
            H = self.model.node_features(b.P, b.X, b.mask)
            return self.model.graph_vectors(H[-1] if H else b.X, b.mask).numpy()

    def predict(self, indices: Sequence[int]) -> np.ndarray:
        """The predicted class of the graphs ``indices``."""
        b = make_batch(self.dataset, list(indices), self.config)
        self.model.eval()
        with torch.no_grad():
            return self.model(b.P, b.X, b.mask).argmax(1).numpy()

    def layer_parameters(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """(W, b) of every layer as numpy arrays (for the step view)."""
        return [
            (W.detach().numpy().astype(float), b.detach().numpy().astype(float))
            for W, b in zip(self.model.weights, self.model.biases, strict=True)
        ]


def train_and_score(
    dataset: GraphDataset, config: ModelConfig, seed: int, epochs: int, test_fraction: float = 0.25
) -> GraphTraining:
    run = GraphTraining(dataset, config, seed, test_fraction)
    for _ in run.epochs(epochs):
        pass
    return run


def compare_readouts(
    dataset: GraphDataset, config: ModelConfig, seeds: Sequence[int], epochs: int
) -> dict[str, list[float]]:
    """Test accuracy of every readout, one training per seed (same splits across readouts)."""
    from dataclasses import replace

    return {
        how: [
            train_and_score(dataset, replace(config, readout=how), s, epochs).evaluate().accuracy
            for s in seeds
        ]
        for how in READOUTS
    }


def node_similarity(run: GraphTraining, indices: Sequence[int] | None = None) -> float:
    """Over-smoothing, measured: the mean cosine similarity between the last layer's node
    features of the same graph (1 = every node alike), averaged over the graphs ``indices``."""
    indices = run.test_idx if indices is None else indices
    b = make_batch(run.dataset, list(indices), run.config)
    with torch.no_grad():
        H = run.model.node_features(b.P, b.X, b.mask)[-1]
    scores = []
    for g in range(len(indices)):
        n = int(b.mask[g].sum())
        if n < 2:
            continue
        unit = H[g, :n] / H[g, :n].norm(dim=1, keepdim=True).clamp(min=1e-12)
        cos = unit @ unit.T
        scores.append(float((cos.sum() - cos.diagonal().sum()) / (n * (n - 1))))
    return float(np.mean(scores)) if scores else float("nan")


def readout_vectors(run: GraphTraining, graphs: Sequence) -> dict[str, np.ndarray]:
    """h_G of ``graphs`` (LabelledGraphs over the run's node types) under every readout,
    after the run's trained layers: which pairs each readout can tell apart."""
    from dataclasses import replace

    dataset = replace(run.dataset, graphs=tuple(graphs))
    b = make_batch(dataset, range(len(graphs)), run.config)
    with torch.no_grad():
        H = run.model.node_features(b.P, b.X, b.mask)
        H = H[-1] if H else b.X
        m = b.mask.unsqueeze(-1)
        return {
            "mean": (H.sum(1) / m.sum(1).clamp(min=1)).numpy(),
            "sum": H.sum(1).numpy(),
            "max": H.masked_fill(m == 0, float("-inf")).amax(1).numpy(),
        }


@dataclass(frozen=True)
class AblationRow:
    kind: str  # "loops", "norm" or "depth"
    value: object  # True/False, "sym"/"row"/"none", or the number of layers
    test_acc: float
    similarity: float  # node_similarity of the trained model on the test graphs
    smoothing: float  # propagation_similarity (no weights) of the same test graphs


ABLATION_DEPTHS = (1, 2, 3, 4, 5, 6)


def ablations(
    dataset: GraphDataset, config: ModelConfig, seed: int, epochs: int
) -> list[AblationRow]:
    """One change at a time from ``config``: self-loops on/off, each normalisation, depth 1-6;
    each trained with the same seed and scored on the same test graphs."""
    from dataclasses import replace

    variants = (
        [("loops", v, replace(config, self_loops=v)) for v in (True, False)]
        + [("norm", v, replace(config, norm=v)) for v in ("sym", "row", "none")]
        + [("depth", d, replace(config, layers=d)) for d in ABLATION_DEPTHS]
    )
    rows = []
    for kind, value, variant in variants:
        run = train_and_score(dataset, variant, seed, epochs)
        smoothing = propagation_similarity(
            dataset, run.test_idx, variant.layers, variant.self_loops, variant.norm
        )
        rows.append(
            AblationRow(kind, value, run.evaluate().accuracy, node_similarity(run), smoothing)
        )
    return rows


def pca_2d(vectors: np.ndarray) -> np.ndarray:
    """The vectors projected on their two main axes (centred; signs fixed so the largest
    coordinate of each axis is positive); zeros fill a missing axis."""
    V = np.asarray(vectors, dtype=float)
    centred = V - V.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    axes = axes[:2]
    signs = np.sign(axes[np.arange(len(axes)), np.abs(axes).argmax(axis=1)])
    out = np.zeros((len(V), 2))
    out[:, : len(axes)] = centred @ (axes * signs[:, None]).T
    return out


@dataclass(frozen=True)
class TrainedWeights:
    """What the step view needs to follow a trained model (numpy only, no torch)."""

    layers: list  # [(W, b)] per GCN layer
    readout: str
    classifier_W: np.ndarray  # hidden x classes (h_G @ W + b = the class scores)
    classifier_b: np.ndarray
    type_names: tuple[str, ...]
    class_names: tuple[str, ...]

    def scores(self, graph_vector: np.ndarray) -> np.ndarray:
        return np.asarray(graph_vector, dtype=float) @ self.classifier_W + self.classifier_b


def trained_weights(run: GraphTraining) -> TrainedWeights:
    c = run.model.classifier
    return TrainedWeights(
        run.layer_parameters(),
        run.config.readout,
        c.weight.detach().numpy().T.astype(float),
        c.bias.detach().numpy().astype(float),
        run.dataset.type_names,
        run.dataset.class_names,
    )
