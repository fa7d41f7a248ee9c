"""The numbers the step view's sentences state, checked by hand and against numpy."""

import numpy as np
import pytest

from core.gcn import convolution as gcn
from core.gcn import graph as g
from core.gcn.matrix_facts import matrix_facts


def path_steps(size: int = 4, loops: dict | None = None):
    A = g.adjacency_matrix(g.preset_graph("path", size))
    for i, w in (loops or {}).items():
        A[i, i] = w
    return gcn.convolution_steps(A, np.eye(size), hidden=3, seed=0)


def test_a_path_nodes_row_of_A_by_hand():
    s = path_steps()
    middle, end = matrix_facts(s.A, 1), matrix_facts(s.A, 3)
    assert (middle.count, middle.columns, middle.row_sum, middle.diagonal) == (2, (0, 2), 2.0, 0)
    assert (end.count, end.columns) == (1, (2,))
    assert middle.symmetric and middle.loops == ()


def test_degrees_and_self_loops_by_hand():
    s = path_steps(loops={2: 2.5})
    assert matrix_facts(s.A, 0).loops == (2,), "the node that had a self-loop keeps it"
    row = matrix_facts(s.A_loop, 2)
    assert (row.diagonal, row.off_diagonal_sum, row.row_sum) == (2.5, 2.0, 4.5)
    assert matrix_facts(s.D, 2).diagonal == 4.5, "the degree counts the loop's weight"
    assert matrix_facts(s.A_loop, 0).loops == (0, 1, 2, 3)


def test_the_normalised_rows_sum_and_the_example_neighbour():
    s = path_steps()
    row = matrix_facts(s.A_norm, 1)
    # degrees 2, 3, 3, 2: itself 1/3, node 0 1/√(3·2), node 2 1/√(3·3)
    assert row.row_sum == pytest.approx(1 / 3 + 1 / np.sqrt(6) + 1 / 3)
    assert matrix_facts(s.A_loop, 1).example == 0, "the first neighbour, not the node itself"
    lonely = np.zeros((3, 3))
    assert matrix_facts(gcn.add_self_loops(lonely), 2).example == 2, "no neighbour: itself"


def test_symmetry_of_directed_and_non_square_matrices():
    citation = g.adjacency_matrix(g.preset_graph("citation"))
    assert not matrix_facts(citation, 0).symmetric
    assert matrix_facts(citation + citation.T, 0).symmetric
    H = np.array([[0.0, 1.5], [2.0, 0.0], [0.0, 0.0]])
    facts = matrix_facts(H, 1)
    assert not facts.symmetric and facts.loops == () and facts.zeros == 4


@pytest.mark.parametrize("seed", range(4))
def test_facts_agree_with_numpy_on_random_matrices(seed):
    rng = np.random.default_rng(seed)
    M = rng.integers(0, 3, size=(7, 7)).astype(float)
    for i in range(7):
        facts = matrix_facts(M, i)
        assert facts.count == np.count_nonzero(M[i])
        assert facts.row_sum == pytest.approx(M[i].sum())
        assert facts.off_diagonal_sum == pytest.approx(M[i].sum() - M[i, i])
        assert facts.zeros == int((M == 0).sum())
        assert facts.loops == tuple(int(k) for k in range(7) if M[k, k] != 0)
        assert facts.symmetric == bool(np.allclose(M, M.T))
