"""A real network's backward graph, read from ``grad_fn``: what 특성 추출 leaves out.

The network runs forward stage by stage (its layer groups, e.g. 합성곱층 blocks and the
완전연결층) into a cross-entropy loss; the backward graph is walked from ``loss.grad_fn``.
Each backward node is attributed to the stage whose forward pass created it: the nodes
reachable from the stage's output but not from its input. Frozen stages
(``requires_grad=False``) whose inputs need no gradient create no backward nodes at all:
in feature extraction only the new 완전연결층 (and the loss) is in the backward graph.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F

from core.common import backbones

NETWORKS = ("small_cnn", "efficientnet_lite0")
MODES = ("full", "fine_tune", "feature_extraction")
NUM_CLASSES = 2  # the book's cat/dog task: the new 완전연결층 has two outputs
INPUT_SIDE = {"small_cnn": 32, "efficientnet_lite0": 64}  # the graph's shape does not depend on it
MAX_DETAIL_NODES = 40  # above this the figure collapses nodes into stages
LOSS_STAGE = "loss"


class SmallCNN(nn.Module):
    """A book-sized convnet: two 합성곱층 blocks (conv, ReLU, max-pool) and a 완전연결층."""

    def __init__(self, num_classes: int = NUM_CLASSES, side: int = 32) -> None:
        super().__init__()
        self.conv_block1 = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.conv_block2 = nn.Sequential(nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(16 * (side // 4) ** 2, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.flatten(self.conv_block2(self.conv_block1(x))))


def build_network(name: str) -> tuple[nn.Module, list[backbones.Stage]]:
    """A fresh network (random weights: the graph's shape does not depend on them) and its stages.

    The backbone gets a new two-class 완전연결층, as in the book's transfer learning.
    """
    if name == "small_cnn":
        model = SmallCNN(side=INPUT_SIDE[name])
        stage_list = [
            backbones.Stage("conv_block1", "block", ("conv_block1",), model.conv_block1),
            backbones.Stage("conv_block2", "block", ("conv_block2",), model.conv_block2),
            backbones.Stage("flatten", "pool", ("flatten",), model.flatten),
            backbones.Stage("fc", "head", ("fc",), model.fc),
        ]
        return model.eval(), stage_list
    spec = backbones.get_spec(name)
    model = backbones.build_model(name, pretrained=False)
    path, old = backbones.head_linear(model, spec)
    parent, _, attr = path.rpartition(".")
    setattr(
        model.get_submodule(parent) if parent else model,
        attr,
        nn.Linear(old.in_features, NUM_CLASSES),
    )
    return model.eval(), backbones.stages(model, spec)


def trainable_stages(stage_list: list[backbones.Stage], mode: str) -> list[str]:
    """Which stages train: all (전체 학습), from the last block on (미세 조정), or the head
    alone (특성 추출)."""
    names = [s.name for s in stage_list]
    if mode == "full":
        return names
    if mode == "fine_tune":
        last_block = max(k for k, s in enumerate(stage_list) if s.kind == "block")
        return names[last_block:]
    if mode == "feature_extraction":
        return [names[-1]]
    raise ValueError(mode)


@dataclass(frozen=True)
class NetNode:
    id: int
    op: str  # torch's backward-function class, e.g. ConvolutionBackward0, AccumulateGrad
    stage: str
    param: str | None  # for AccumulateGrad: the parameter it accumulates into


@dataclass(frozen=True)
class StageInGraph:
    name: str
    kind: str
    trainable: bool  # its parameters require grad
    num_params: int
    nodes: int  # backward nodes its forward pass created
    op_counts: tuple[tuple[str, int], ...]
    status: str  # "trained" (has AccumulateGrad), "passes" (gradient flows through), "absent"


@dataclass(frozen=True)
class NetworkGraph:
    network: str
    mode: str
    nodes: tuple[NetNode, ...]
    edges: tuple[tuple[int, int], ...]  # grad_fn -> next_functions: the way gradients flow
    stages: tuple[StageInGraph, ...]  # forward order, then the loss
    trainable_params: int
    total_params: int
    grads_after_backward: tuple[str, ...]  # parameters whose .grad was filled by backward()

    @property
    def detailed(self) -> bool:
        return len(self.nodes) <= MAX_DETAIL_NODES

    def stage(self, name: str) -> StageInGraph:
        return next(s for s in self.stages if s.name == name)

    @property
    def absent_stages(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages if s.status == "absent")


def _reach(fn) -> set:
    """Every backward node reachable from ``fn`` (inclusive)."""
    seen, stack = set(), [fn]
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        stack.extend(nxt for nxt, _ in node.next_functions)
    return seen


def network_graph(name: str, mode: str) -> NetworkGraph:
    """Run one forward pass with the mode's trainable stages and read the backward graph.

    No global seeding: the server's other sessions share torch's global random state, and
    the graph's shape does not depend on the random weights or input.
    """
    model, stage_list = build_network(name)
    train = set(trainable_stages(stage_list, mode))
    model.requires_grad_(False)
    for s in stage_list:
        if s.name in train:
            s.module.requires_grad_(True)

    side = INPUT_SIDE[name]
    x = torch.randn(1, 3, side, side, generator=torch.Generator().manual_seed(0))
    boundaries = [x]
    for s in stage_list:
        boundaries.append(s.module(boundaries[-1]))
    loss = F.cross_entropy(boundaries[-1], torch.tensor([0]))

    groups = [*stage_list, None]  # None: the loss
    owner = _stage_owners(groups, [*boundaries, loss])
    nodes, edges = _backward_nodes(loss, owner, {id(p): n for n, p in model.named_parameters()})
    loss.backward()
    return NetworkGraph(
        name,
        mode,
        nodes,
        edges,
        tuple(_stage_in_graph(group, nodes, train) for group in groups),
        trainable_params=sum(p.numel() for p in model.parameters() if p.requires_grad),
        total_params=sum(p.numel() for p in model.parameters()),
        grads_after_backward=tuple(n for n, p in model.named_parameters() if p.grad is not None),
    )


def _stage_owners(groups: list, boundaries: list[torch.Tensor]) -> dict:
    """Backward node -> the stage whose forward pass created it (reachable from the stage's
    output, not from its input)."""
    reach = [_reach(t.grad_fn) for t in boundaries]
    owner: dict = {}
    for k, group in enumerate(groups):
        for fn in reach[k + 1] - reach[k]:
            owner[fn] = LOSS_STAGE if group is None else group.name
    return owner


def _backward_nodes(loss: torch.Tensor, owner: dict, param_names: dict) -> tuple[tuple, tuple]:
    """The graph's nodes and edges, numbered breadth-first from the loss following
    next_functions in order (a stable numbering)."""
    order, queue, seen = [], [loss.grad_fn], set()
    while queue:
        fn = queue.pop(0)
        if fn is None or fn in seen:
            continue
        seen.add(fn)
        order.append(fn)
        queue.extend(nxt for nxt, _ in fn.next_functions)
    index = {fn: k for k, fn in enumerate(order)}
    nodes = tuple(
        NetNode(
            index[fn],
            type(fn).__name__,
            owner[fn],
            param_names.get(id(fn.variable)) if type(fn).__name__ == "AccumulateGrad" else None,
        )
        for fn in order
    )
    edges = tuple(
        (index[fn], index[nxt]) for fn in order for nxt, _ in fn.next_functions if nxt is not None
    )
    return nodes, edges


def _stage_in_graph(group, nodes: tuple[NetNode, ...], train: set) -> StageInGraph:
    """One stage's (or, for ``group`` None, the loss's) share of the backward graph."""
    stage_name = LOSS_STAGE if group is None else group.name
    ops = Counter(n.op for n in nodes if n.stage == stage_name)
    count = sum(ops.values())
    status = "trained" if ops["AccumulateGrad"] else ("passes" if count else "absent")
    return StageInGraph(
        stage_name,
        "loss" if group is None else group.kind,
        group is not None and group.name in train,
        0 if group is None else group.num_params,
        count,
        tuple(sorted(ops.items(), key=lambda kv: (-kv[1], kv[0]))),
        status,
    )


def nodes_left_out(net: NetworkGraph, full: NetworkGraph) -> int | None:
    """How many backward nodes fewer than full training ``net`` has (a negative number, as
    the metric's delta shows it); None for full training itself."""
    return None if net.mode == "full" else len(net.nodes) - len(full.nodes)
