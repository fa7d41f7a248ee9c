"""core.computation_graph.network_graph: the backward graph of a real network, checked
against torch directly."""

import pytest
import torch
from torch.nn import functional as F

from core.computation_graph import network_graph as netlab


def _walk(fn) -> list:
    seen, stack, order = set(), [fn], []
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        order.append(node)
        stack.extend(n for n, _ in node.next_functions)
    return order


def _reference(mode: str):
    """The same small CNN frozen by hand, walked by the test's own code."""
    torch.manual_seed(0)
    model = netlab.SmallCNN()
    model.eval().requires_grad_(False)
    trainable = {
        "full": [model],
        "fine_tune": [model.conv_block2, model.fc],
        "feature_extraction": [model.fc],
    }[mode]
    for m in trainable:
        m.requires_grad_(True)
    loss = F.cross_entropy(model(torch.randn(1, 3, 32, 32)), torch.tensor([0]))
    nodes = _walk(loss.grad_fn)
    names = {id(p): n for n, p in model.named_parameters()}
    accumulated = {names[id(n.variable)] for n in nodes if type(n).__name__ == "AccumulateGrad"}
    loss.backward()
    with_grad = {n for n, p in model.named_parameters() if p.grad is not None}
    return nodes, accumulated, with_grad, model


@pytest.mark.parametrize("mode", netlab.MODES)
def test_small_cnn_backward_graph_matches_torch(mode):
    net = netlab.network_graph("small_cnn", mode)
    nodes, accumulated, with_grad, model = _reference(mode)
    assert len(net.nodes) == len(nodes)
    assert sorted(n.op for n in net.nodes) == sorted(type(n).__name__ for n in nodes)
    assert {n.param for n in net.nodes if n.param} == accumulated
    assert set(net.grads_after_backward) == with_grad == accumulated
    assert net.trainable_params == sum(p.numel() for p in model.parameters() if p.requires_grad)
    assert net.total_params == sum(p.numel() for p in model.parameters())
    assert sum(s.nodes for s in net.stages) == len(net.nodes)
    ids = {n.id for n in net.nodes}
    assert all(a in ids and b in ids for a, b in net.edges)


def test_feature_extraction_keeps_only_the_new_fully_connected_layer():
    net = netlab.network_graph("small_cnn", "feature_extraction")
    assert set(net.grads_after_backward) == {"fc.weight", "fc.bias"}
    assert net.absent_stages == ("conv_block1", "conv_block2", "flatten")
    assert not any(n.op == "ConvolutionBackward0" for n in net.nodes)
    assert net.stage("fc").status == "trained"
    assert dict(net.stage("fc").op_counts) == {
        "AccumulateGrad": 2,
        "AddmmBackward0": 1,
        "TBackward0": 1,
    }
    assert dict(net.stage("loss").op_counts) == {"LogSoftmaxBackward0": 1, "NllLossBackward0": 1}


def test_full_training_attributes_nodes_to_their_layers():
    net = netlab.network_graph("small_cnn", "full")
    block = dict(net.stage("conv_block1").op_counts)
    assert block == {
        "AccumulateGrad": 2,
        "ConvolutionBackward0": 1,
        "ReluBackward0": 1,
        "MaxPool2DWithIndicesBackward0": 1,
    }
    assert net.stage("flatten").status == "passes"  # no parameters, gradient flows through
    assert net.absent_stages == ()
    assert net.detailed


def test_fine_tuning_drops_the_first_block():
    net = netlab.network_graph("small_cnn", "fine_tune")
    assert net.absent_stages == ("conv_block1",)
    assert net.stage("conv_block2").status == "trained"


@pytest.mark.slow
def test_backbone_head_only_in_feature_extraction():
    fe = netlab.network_graph("efficientnet_lite0", "feature_extraction")
    assert set(fe.grads_after_backward) == {"classifier.weight", "classifier.bias"}
    assert fe.trainable_params == 1280 * 2 + 2
    assert fe.stage("classifier").status == "trained"
    assert len(fe.absent_stages) == len(fe.stages) - 2  # everything but the head and the loss
    full = netlab.network_graph("efficientnet_lite0", "full")
    assert not full.detailed and full.absent_stages == ()
    model, _ = netlab.build_network("efficientnet_lite0")
    assert len(full.grads_after_backward) == len(list(model.parameters()))
    assert full.total_params == sum(p.numel() for p in model.parameters())


def test_trainable_stages_per_mode():
    _, stage_list = netlab.build_network("small_cnn")
    assert netlab.trainable_stages(stage_list, "full") == [
        "conv_block1",
        "conv_block2",
        "flatten",
        "fc",
    ]
    assert netlab.trainable_stages(stage_list, "fine_tune") == ["conv_block2", "flatten", "fc"]
    assert netlab.trainable_stages(stage_list, "feature_extraction") == ["fc"]
    with pytest.raises(ValueError):
        netlab.trainable_stages(stage_list, "bogus")


def test_nodes_left_out_counts_what_freezing_removes_from_torchs_graph():
    full = netlab.network_graph("small_cnn", "full")
    assert netlab.nodes_left_out(full, full) is None
    for mode in ("fine_tune", "feature_extraction"):
        net = netlab.network_graph("small_cnn", mode)
        frozen_nodes, *_ = _reference(mode)
        full_nodes, *_ = _reference("full")
        assert netlab.nodes_left_out(net, full) == len(frozen_nodes) - len(full_nodes) < 0
