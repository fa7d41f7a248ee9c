"""What the step view says about a matrix (A, Â, D̂, the normalised Â, H) and one node's
row of it: non-zero entries, sums, self-loops, symmetry, zeros after ReLU. Computed here so
every number in the lesson's sentences is unit-tested."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class MatrixFacts:
    node: int
    columns: tuple[int, ...]  # the non-zero entries of the node's row (itself included)
    row_sum: float
    diagonal: float  # the node's own entry (a self-loop's weight, a degree)
    loops: tuple[int, ...]  # rows whose diagonal entry is non-zero (a square matrix)
    symmetric: bool  # False for a matrix that is not square
    zeros: int  # entries that are exactly zero (ReLU's clipped values)

    @property
    def count(self) -> int:
        return len(self.columns)

    @property
    def off_diagonal_sum(self) -> float:
        """The row's sum without the node's own entry (its neighbours' share)."""
        return self.row_sum - self.diagonal

    @property
    def example(self) -> int:
        """A neighbour to show a formula with: the first other non-zero column, else the node."""
        return next((j for j in self.columns if j != self.node), self.node)


def matrix_facts(M: np.ndarray, node: int) -> MatrixFacts:
    M = np.asarray(M, dtype=float)
    square = M.ndim == 2 and M.shape[0] == M.shape[1]
    row = M[node]
    return MatrixFacts(
        node=node,
        columns=tuple(int(j) for j in np.flatnonzero(row)),
        row_sum=float(row.sum()),
        diagonal=float(M[node, node]) if node < M.shape[1] else 0.0,
        loops=tuple(int(i) for i in np.flatnonzero(np.diag(M))) if square else (),
        symmetric=bool(square and np.allclose(M, M.T)),
        zeros=int((M == 0).sum()),
    )
