"""The generated molecule-like datasets: every label follows its rule, the rules' confounders
are controlled, splits, and the propagation matrices of the ablations."""

import networkx as nx
import numpy as np
import pytest

from core.gcn import molecules as m
from core.gcn.convolution import propagation_matrix


@pytest.mark.parametrize("task", m.TASKS)
def test_every_label_follows_its_rule_and_classes_are_balanced(task):
    dataset = m.make_task(task, 120, 5)
    assert [m.true_label(task, g) for g in dataset.graphs] == list(dataset.labels)
    assert np.bincount(dataset.labels).tolist() == [60, 60]
    assert dataset == m.make_task(task, 120, 5), "seeded"
    assert dataset != m.make_task(task, 120, 6)


@pytest.mark.parametrize("task", m.TASKS)
def test_graphs_are_connected_molecule_skeletons(task):
    for g in m.make_task(task, 60, 1).graphs:
        G = nx.Graph([(u, v) for u, v, _ in g.edges])
        G.add_nodes_from(range(g.n))
        assert nx.is_connected(G)
        assert max(d for _, d in G.degree) <= m.MAX_BONDS
        assert {b for *_, b in g.edges} <= {"single", "double"}
        for u, v, b in g.edges:
            if b == "double":
                assert {g.types[u], g.types[v]} in ({m.C, m.O}, {m.N, m.O})


def test_count_task_share_of_nitrogen_says_little():
    d = m.make_task("count", 400, 0)
    share = np.array([np.mean(np.array(g.types) == m.N) for g in d.graphs])
    assert abs(share[d.labels == 1].mean() - share[d.labels == 0].mean()) < 0.03


def test_motif_task_has_no_peroxide_and_the_same_oxygen_counts():
    d = m.make_task("motif", 300, 0)
    for g in d.graphs:
        assert not any(g.types[u] == m.O and g.types[v] == m.O for u, v, _ in g.edges)
    o = np.array([np.sum(np.array(g.types) == m.O) for g in d.graphs])
    assert abs(o[d.labels == 1].mean() - o[d.labels == 0].mean()) < 1.5


def test_split_is_disjoint_and_covers_everything():
    train, test = m.split(40, 3)
    assert len(test) == 10 and sorted(np.concatenate([train, test])) == list(range(40))
    assert m.split(2, 0)[1].size == 1
    assert not np.array_equal(m.split(40, 3)[1], m.split(40, 4)[1])


def test_doubled_and_rings():
    g = m.make_task("motif", 4, 0).graphs[0]
    d = m.doubled(g)
    assert d.n == 2 * g.n and len(d.edges) == 2 * len(g.edges)
    G = nx.Graph([(u, v) for u, v, _ in m.two_rings(3).edges])
    assert sorted(len(c) for c in nx.connected_components(G)) == [3, 3]
    assert nx.is_isomorphic(nx.Graph([(u, v) for u, v, _ in m.ring(6).edges]), nx.cycle_graph(6))


def test_dataset_graph_becomes_the_labs_graph():
    d = m.make_task("count", 4, 0)
    graph = d.as_graph(0)
    assert graph.labels == tuple(m.ATOMS[t] for t in d.graphs[0].types)
    np.testing.assert_array_equal(graph.X, d.features(d.graphs[0]))


def test_propagation_matrices_against_pyg_and_by_formula():
    import torch
    from torch_geometric.nn.conv.gcn_conv import gcn_norm
    from torch_geometric.utils import to_dense_adj

    A = nx.to_numpy_array(nx.gnm_random_graph(9, 14, seed=2))
    A[3, :] = A[:, 3] = 0  # an isolated node
    edge_index = torch.tensor(np.array(np.nonzero(A)), dtype=torch.long)
    for loops in (True, False):
        ei, w = gcn_norm(edge_index, None, 9, add_self_loops=loops)
        dense = to_dense_adj(ei, edge_attr=w, max_num_nodes=9)[0].T.numpy()
        np.testing.assert_allclose(propagation_matrix(A, loops, "sym"), dense, atol=1e-6)
    A_loop = A + np.eye(9)
    np.testing.assert_allclose(propagation_matrix(A, True, "none"), A_loop)
    np.testing.assert_allclose(propagation_matrix(A, True, "row").sum(1), np.ones(9))
    row = propagation_matrix(A, False, "row")
    assert row[3].sum() == 0 and np.allclose(row[0] * A[0].sum(), A[0])
    with pytest.raises(ValueError):
        propagation_matrix(A, True, "col")
