"""Computation-graph lab (the notes' "(Note) 계산 그래프"): everything comes from real torch.

A preset is a tiny program: input tensors and named operations written as torch code.
``build_graph`` runs it and then reads the graph back the way autograd stores it,
walking ``grad_fn`` / ``next_functions`` from the output (leaf tensors are found through
``AccumulateGrad.variable``). The local derivative on each edge is what the node's own
backward function returns when it is called with a gradient of 1; each node's gradient
is ``.grad`` after ``backward()`` (``retain_grad`` on intermediate results).

``local_recompute`` performs the notes' 국소적 계산 for real: it keeps the tensors of the
previous evaluation and re-runs only the operations downstream of the changed input.

``copy_table`` executes ``clone()``, ``detach()`` and ``clone().detach()`` and reports
what each one does (memory, graph membership, gradient flow, in-place edits).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx
import torch

# ---------------------------------------------------------------- presets (programs)


@dataclass(frozen=True)
class InputDecl:
    name: str
    default: float
    key: str  # widget key and URL parameter
    requires_grad: bool = True


@dataclass(frozen=True)
class OpDecl:
    """``name = code`` in torch; ``formula`` is how the notes would write it.

    ``local`` gives ∂name/∂input as a Python expression over node names (shown on the
    page, and evaluated by the tests against torch's own backward functions).
    """

    name: str
    code: str
    inputs: tuple[str, ...]
    formula: str
    local: dict[str, str]


@dataclass(frozen=True)
class Preset:
    name: str
    inputs: tuple[InputDecl, ...]
    ops: tuple[OpDecl, ...]
    default_change: str  # the input whose change the lab shows first
    default_path: str  # where the chain-rule path starts first

    @property
    def output(self) -> str:
        return self.ops[-1].name

    @property
    def input_names(self) -> tuple[str, ...]:
        return tuple(i.name for i in self.inputs)

    @property
    def grad_inputs(self) -> tuple[str, ...]:
        """Inputs that require grad: the ones a chain-rule path can start from."""
        return tuple(i.name for i in self.inputs if i.requires_grad)

    def defaults(self) -> dict[str, float]:
        return {i.name: i.default for i in self.inputs}

    def input(self, name: str) -> InputDecl:
        return next(i for i in self.inputs if i.name == name)


MSE = "torch.nn.functional.mse_loss"

PRESETS: dict[str, Preset] = {
    "notes": Preset(
        "notes",
        inputs=(
            InputDecl("X", 2.0, "cg_x"),
            InputDecl("Y", 3.0, "cg_y"),
            InputDecl("Z", 4.0, "cg_z"),
        ),
        ops=(
            OpDecl("A", "X + Y", ("X", "Y"), "X + Y", {"X": "1", "Y": "1"}),
            OpDecl("F", "A * Z", ("A", "Z"), "A * Z", {"A": "Z", "Z": "A"}),
        ),
        default_change="Z",  # the notes: when Z changes, only F = A * Z is recomputed
        default_path="X",
    ),
    "neuron": Preset(
        "neuron",
        inputs=(
            InputDecl("x", 1.5, "cg_neuron_x"),
            InputDecl("w", 0.8, "cg_neuron_w"),
            InputDecl("b", -0.5, "cg_neuron_b"),
            InputDecl("t", 1.0, "cg_neuron_t", requires_grad=False),  # the target: a constant
        ),
        ops=(
            OpDecl("u", "w * x", ("w", "x"), "w * x", {"w": "x", "x": "w"}),
            OpDecl("z", "u + b", ("u", "b"), "u + b", {"u": "1", "b": "1"}),
            OpDecl("y", "torch.sigmoid(z)", ("z",), "sigmoid(z)", {"z": "y * (1 - y)"}),
            OpDecl("L", f"{MSE}(y, t)", ("y", "t"), "(y - t)**2", {"y": "2 * (y - t)"}),
        ),
        default_change="b",
        default_path="w",
    ),
    "two_layer": Preset(
        "two_layer",
        inputs=(
            InputDecl("x", 1.0, "cg_two_layer_x"),
            InputDecl("w1", 0.5, "cg_two_layer_w1"),
            InputDecl("w2", -1.0, "cg_two_layer_w2"),
            InputDecl("v1", 1.5, "cg_two_layer_v1"),
            InputDecl("v2", 0.7, "cg_two_layer_v2"),
            InputDecl("t", 0.5, "cg_two_layer_t", requires_grad=False),
        ),
        ops=(
            OpDecl("u1", "w1 * x", ("w1", "x"), "w1 * x", {"w1": "x", "x": "w1"}),
            OpDecl("u2", "w2 * x", ("w2", "x"), "w2 * x", {"w2": "x", "x": "w2"}),
            OpDecl("h1", "torch.tanh(u1)", ("u1",), "tanh(u1)", {"u1": "1 - h1**2"}),
            OpDecl("h2", "torch.tanh(u2)", ("u2",), "tanh(u2)", {"u2": "1 - h2**2"}),
            OpDecl("p1", "v1 * h1", ("v1", "h1"), "v1 * h1", {"v1": "h1", "h1": "v1"}),
            OpDecl("p2", "v2 * h2", ("v2", "h2"), "v2 * h2", {"v2": "h2", "h2": "v2"}),
            OpDecl("y", "p1 + p2", ("p1", "p2"), "p1 + p2", {"p1": "1", "p2": "1"}),
            OpDecl("L", f"{MSE}(y, t)", ("y", "t"), "(y - t)**2", {"y": "2 * (y - t)"}),
        ),
        default_change="v2",
        default_path="x",  # two paths: the chain rule adds them up
    ),
}
PRESET_NAMES = tuple(PRESETS)
DEFAULT_PRESET = "notes"


def get_preset(name: str) -> Preset:
    return PRESETS.get(name, PRESETS[DEFAULT_PRESET])


# ---------------------------------------------------------------- display helpers

_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def pretty(expr: str) -> str:
    """Python expression -> how a textbook writes it: ``1 - h1**2`` -> ``1 − h₁²``."""
    text = expr.replace("**2", "²").replace(" * ", "·").replace(" - ", " − ")
    text = text.replace("sigmoid", "σ")
    return re.sub(r"(?<=[A-Za-z])(\d+)", lambda m: m.group(1).translate(_SUBSCRIPT), text)


def fmt(value: float | None) -> str:
    """Numbers as the page shows them: 4 significant digits, no ``-0``."""
    if value is None:
        return "—"
    text = f"{value:.4g}"
    return "0" if text in ("-0", "0") else text


# torch's backward-function names -> the symbol drawn inside the node
OP_SYMBOLS = {
    "AddBackward0": "+",
    "SubBackward0": "−",
    "MulBackward0": "×",
    "DivBackward0": "÷",
    "SigmoidBackward0": "σ",
    "TanhBackward0": "tanh",
    "ReluBackward0": "ReLU",
    "PowBackward0": "x²",
    "MseLossBackward0": "MSE",
}


def op_symbol(grad_fn_name: str | None) -> str:
    if grad_fn_name is None:
        return ""
    return OP_SYMBOLS.get(grad_fn_name, grad_fn_name.removesuffix("Backward0"))


# ---------------------------------------------------------------- running a preset


def _compile(op: OpDecl) -> Callable[..., torch.Tensor]:
    # The code strings are this module's own constants: the page's snippet is what ran.
    return eval(f"lambda {', '.join(op.inputs)}: {op.code}", {"torch": torch})  # noqa: S307


def _leaf(decl: InputDecl, value: float) -> torch.Tensor:
    return torch.tensor(float(value), requires_grad=decl.requires_grad)


def evaluate(preset: Preset, values: dict[str, float]) -> dict[str, torch.Tensor]:
    """Run the preset's program (forward only); name -> tensor."""
    tensors = {i.name: _leaf(i, values[i.name]) for i in preset.inputs}
    for op in preset.ops:
        tensors[op.name] = _compile(op)(*(tensors[n] for n in op.inputs))
    return tensors


def snippet(preset: Preset, values: dict[str, float]) -> str:
    """The torch code the graph comes from, runnable as it stands."""
    lines = ["import torch", ""]
    for i in preset.inputs:
        grad = ", requires_grad=True" if i.requires_grad else ""
        lines.append(f"{i.name} = torch.tensor({float(values[i.name])!r}{grad})")
    lines += [f"{op.name} = {op.code}" for op in preset.ops]
    lines += [
        f"{preset.output}.backward()",
        f"print({', '.join(f'{n}.grad' for n in preset.grad_inputs)})",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- the graph as autograd built it


@dataclass(frozen=True)
class GraphNode:
    name: str
    kind: str  # "input" (leaf requiring grad), "const" (requires_grad=False), "op"
    value: float | None
    grad: float | None  # ∂output/∂node from backward(); None for constants
    grad_fn: str | None  # torch's backward-function class ("AccumulateGrad" for leaves)
    formula: str  # "X + Y" for an operation, "" for an input
    next_functions: tuple[str, ...] = ()  # what torch's grad_fn points to (names)


@dataclass(frozen=True)
class GraphEdge:
    src: str
    dst: str
    local_grad: float | None  # ∂dst/∂src from dst's backward function; None off the backward graph
    local_expr: str | None  # the same derivative as a formula over node names
    in_backward: bool  # False for a constant's edge: torch records no grad edge for it


@dataclass
class ComputationGraph:
    preset: str
    output: str
    nodes: dict[str, GraphNode]
    edges: list[GraphEdge]
    _digraph: nx.DiGraph | None = field(default=None, repr=False)

    def node_list(self) -> list[GraphNode]:
        return list(self.nodes.values())

    def edge(self, src: str, dst: str) -> GraphEdge:
        return next(e for e in self.edges if e.src == src and e.dst == dst)

    def digraph(self) -> nx.DiGraph:
        """Forward direction (inputs -> output), every edge including constants'."""
        if self._digraph is None:
            g = nx.DiGraph()
            g.add_nodes_from(self.nodes)
            g.add_edges_from((e.src, e.dst) for e in self.edges)
            self._digraph = g
        return self._digraph

    def recomputed_when(self, changed: str) -> list[str]:
        """Nodes that must be recomputed when ``changed`` changes: its descendants."""
        order = list(nx.topological_sort(self.digraph()))
        below = nx.descendants(self.digraph(), changed)
        return [n for n in order if n in below]

    def reused_when(self, changed: str) -> list[str]:
        """Operation results that stay valid (kept from the previous evaluation)."""
        below = set(self.recomputed_when(changed))
        return [n for n, node in self.nodes.items() if node.kind == "op" and n not in below]

    def chain_rule(self, src: str) -> ChainRule:
        """Every path src -> output with the product of its local derivatives."""
        backward = nx.DiGraph((e.src, e.dst) for e in self.edges if e.in_backward)
        terms = []
        if src in backward and self.output in backward:
            for path in nx.all_simple_paths(backward, src, self.output):
                factors = tuple(self.edge(a, b) for a, b in zip(path, path[1:]))
                product = 1.0
                for f in factors:
                    product *= f.local_grad
                terms.append(PathTerm(tuple(path), factors, product))
        terms.sort(key=lambda t: t.path)
        return ChainRule(src, self.output, tuple(terms), self.nodes[src].grad)


@dataclass(frozen=True)
class PathTerm:
    path: tuple[str, ...]
    factors: tuple[GraphEdge, ...]
    product: float


@dataclass(frozen=True)
class ChainRule:
    src: str
    output: str
    terms: tuple[PathTerm, ...]
    torch_grad: float | None  # src.grad after output.backward()

    @property
    def total(self) -> float:
        return sum(t.product for t in self.terms)

    @property
    def matches_torch(self) -> bool:
        return self.torch_grad is not None and abs(self.total - self.torch_grad) <= 1e-5 * max(
            1.0, abs(self.torch_grad)
        )


def _as_tuple(grads) -> tuple:
    return grads if isinstance(grads, tuple) else (grads,)


def walk_grad_fn(output: torch.Tensor, tensors: dict[str, torch.Tensor]):
    """Walk autograd's graph from ``output``: yields (node name, grad_fn, [(input name, index)]).

    Names come from the tensors: an operation's result is found by its ``grad_fn``, a
    leaf by ``AccumulateGrad.variable``. A backward function with no named tensor (an
    op a preset did not name) gets its class name.
    """
    by_fn = {t.grad_fn: n for n, t in tensors.items() if t.grad_fn is not None}
    by_leaf = {id(t): n for n, t in tensors.items() if t.is_leaf}
    anonymous: dict[object, str] = {}

    def name_of(fn) -> str:
        if fn in by_fn:
            return by_fn[fn]
        if type(fn).__name__ == "AccumulateGrad" and id(fn.variable) in by_leaf:
            return by_leaf[id(fn.variable)]
        return anonymous.setdefault(fn, f"{fn.name()}#{len(anonymous) + 1}")

    seen, stack = set(), [output.grad_fn]
    while stack:
        fn = stack.pop()
        if fn is None or fn in seen:
            continue
        seen.add(fn)
        inputs = [
            (name_of(nxt), k) for k, (nxt, _) in enumerate(fn.next_functions) if nxt is not None
        ]
        yield name_of(fn), fn, inputs
        stack.extend(nxt for nxt, _ in fn.next_functions if nxt is not None)


def build_graph(preset_name: str, values: dict[str, float] | None = None) -> ComputationGraph:
    """Run the preset in torch, read the graph back from grad_fn, then backward()."""
    preset = get_preset(preset_name)
    values = {**preset.defaults(), **(values or {})}
    tensors = evaluate(preset, values)
    for t in tensors.values():
        if t.requires_grad and not t.is_leaf:
            t.retain_grad()
    output = tensors[preset.output]
    ops = {op.name: op for op in preset.ops}

    walked = {}
    local: dict[tuple[str, str], float] = {}
    for name, fn, inputs in walk_grad_fn(output, tensors):
        walked[name] = (fn, inputs)
        if not inputs:
            continue  # AccumulateGrad: a leaf, nothing flows further back
        with torch.no_grad():  # the node's own backward function, called with dL/dnode = 1
            grads = _as_tuple(fn(torch.ones_like(tensors[name])))
        for src, k in inputs:  # the same input used twice (x * x) adds up
            local[(src, name)] = local.get((src, name), 0.0) + float(grads[k])

    output.backward()

    nodes: dict[str, GraphNode] = {}
    for i in preset.inputs:
        t = tensors[i.name]
        nodes[i.name] = GraphNode(
            i.name,
            "input" if i.requires_grad else "const",
            t.item(),
            None if t.grad is None else t.grad.item(),
            type(walked[i.name][0]).__name__ if i.name in walked else None,
            "",
        )
    for name, (fn, inputs) in walked.items():
        if name in nodes:
            continue
        t = tensors.get(name)
        nodes[name] = GraphNode(
            name,
            "op",
            None if t is None else t.item(),
            None if t is None or t.grad is None else t.grad.item(),
            type(fn).__name__,
            pretty(ops[name].formula) if name in ops else name,
            tuple(src for src, _ in inputs),
        )
    edges = [
        GraphEdge(src, dst, g, ops[dst].local.get(src) if dst in ops else None, True)
        for (src, dst), g in local.items()
    ]
    # Constants are invisible to autograd; their forward edges come from the program.
    for op in preset.ops:
        edges += [
            GraphEdge(src, op.name, None, None, False)
            for src in op.inputs
            if not tensors[src].requires_grad
        ]
    order = {n: k for k, n in enumerate((*preset.input_names, *ops))}
    edges.sort(key=lambda e: (order.get(e.dst, 99), order.get(e.src, 99)))
    nodes = dict(sorted(nodes.items(), key=lambda kv: order.get(kv[0], 99)))
    return ComputationGraph(preset.name, preset.output, nodes, edges)


# ---------------------------------------------------------------- 국소적 계산 (local computation)


@dataclass(frozen=True)
class LocalUpdate:
    changed: str
    old_value: float
    new_value: float
    recomputed: tuple[str, ...]  # operations re-run, in order
    reused: tuple[str, ...]  # operation results kept from the previous evaluation
    values: dict[str, float]  # every node after the incremental update
    full_values: dict[str, float]  # the same, evaluated from scratch
    ops_total: int

    @property
    def matches_full(self) -> bool:
        return all(
            abs(self.values[k] - self.full_values[k]) <= 1e-6 * max(1.0, abs(v))
            for k, v in self.full_values.items()
        )


def local_recompute(
    preset_name: str, values: dict[str, float], changed: str, new_value: float
) -> LocalUpdate:
    """Change one input and update incrementally, reusing the previous evaluation's tensors."""
    preset = get_preset(preset_name)
    values = {**preset.defaults(), **values}
    with torch.no_grad():
        cache = evaluate(preset, values)  # the previous evaluation, kept
        cache[changed] = _leaf(preset.input(changed), new_value)
        dirty, recomputed, reused = {changed}, [], []
        for op in preset.ops:
            if dirty.intersection(op.inputs):
                cache[op.name] = _compile(op)(*(cache[n] for n in op.inputs))
                dirty.add(op.name)
                recomputed.append(op.name)
            else:
                reused.append(op.name)
        full = evaluate(preset, {**values, changed: new_value})
    return LocalUpdate(
        changed,
        float(values[changed]),
        float(new_value),
        tuple(recomputed),
        tuple(reused),
        {k: t.item() for k, t in cache.items()},
        {k: t.item() for k, t in full.items()},
        len(preset.ops),
    )


@dataclass(frozen=True)
class InputEdit:
    """The student's last edit of an input: ``name`` went from ``old`` to ``new``."""

    preset: str
    name: str
    old: float
    new: float


def update_after_edit(
    edit: InputEdit | None, preset_name: str, values: dict[str, float], changed: str
) -> LocalUpdate | None:
    """The local update that the last edit caused, while the page still shows it: the same
    preset, the input chosen as changed, its value unchanged since, and a real change."""
    if (
        edit is None
        or edit.preset != preset_name
        or edit.name != changed
        or values[changed] != edit.new
        or edit.old == edit.new
    ):
        return None
    return local_recompute(preset_name, {**values, changed: edit.old}, changed, edit.new)


# ---------------------------------------------------------------- clone / detach, executed

COPY_OPS = ("clone", "detach", "clone().detach()")
COPY_CODE = {"clone": "a.clone()", "detach": "a.detach()", "clone().detach()": "a.clone().detach()"}
SOURCE_VALUES = (1.0, 2.0, 3.0)
INPLACE_CODE = "b.add_(10)"
WEIGHTS = (1.0, 2.0, 3.0)  # backward of (b * w).sum(): a.grad == w when the gradient arrives

# The notes' table, as the notes state it (memory, stays in the computation graph).
NOTES_TABLE = {
    "clone": ("new", "stays"),
    "detach": ("shared", "leaves"),
    "clone().detach()": ("new", "leaves"),
}


def _copy(op: str, a: torch.Tensor) -> torch.Tensor:
    if op == "clone":
        return a.clone()
    if op == "detach":
        return a.detach()
    if op == "clone().detach()":
        return a.clone().detach()
    raise ValueError(op)


def _error_text(err: Exception) -> str:
    """torch's message, without the generic debugging hint it appends."""
    return f"{type(err).__name__}: {str(err).split(' Hint:')[0]}"


@dataclass(frozen=True)
class CopyRecord:
    op: str
    code: str
    shares_memory: bool
    requires_grad: bool
    in_graph: bool  # the result has a grad_fn
    grad_fn: str | None
    grad_reaches_source: bool
    source_grad: tuple[float, ...] | None  # a.grad after (b * w).sum().backward()
    backward_error: str | None  # why that backward pass was impossible
    source_before: tuple[float, ...]
    source_after_inplace: tuple[float, ...]  # a after b.add_(10)
    inplace_changes_source: bool
    inplace_error: str | None  # autograd refusing an earlier use of a that saved it

    @property
    def memory(self) -> str:
        return "shared" if self.shares_memory else "new"

    @property
    def graph(self) -> str:
        return "stays" if self.in_graph else "leaves"

    def agrees_with_notes(self) -> bool:
        return NOTES_TABLE[self.op] == (self.memory, self.graph)


def _fresh_source(requires_grad: bool) -> torch.Tensor:
    return torch.tensor(SOURCE_VALUES, requires_grad=requires_grad)


def copy_record(op: str, source_requires_grad: bool = True) -> CopyRecord:
    """Run ``b = a.<op>`` on a fresh source ``a`` and observe what torch does."""
    a = _fresh_source(source_requires_grad)
    b = _copy(op, a)
    shares = b.untyped_storage().data_ptr() == a.untyped_storage().data_ptr()
    requires_grad, grad_fn = b.requires_grad, b.grad_fn

    # Does a backward pass through b reach a.grad?
    a = _fresh_source(source_requires_grad)
    b = _copy(op, a)
    backward_error = None
    try:
        (b * torch.tensor(WEIGHTS)).sum().backward()
    except RuntimeError as err:
        backward_error = _error_text(err)
    source_grad = None if a.grad is None else tuple(a.grad.tolist())

    # An in-place edit of b, after a was used in a computation that saved it for backward.
    a = _fresh_source(source_requires_grad)
    y = (a * a).sum()  # MulBackward0 saves a
    b = _copy(op, a)
    b.add_(10)
    after = tuple(a.detach().tolist())
    inplace_error = None
    if y.requires_grad:
        try:
            y.backward()
        except RuntimeError as err:
            inplace_error = _error_text(err)

    return CopyRecord(
        op=op,
        code=f"b = {COPY_CODE[op]}",
        shares_memory=shares,
        requires_grad=requires_grad,
        in_graph=grad_fn is not None,
        grad_fn=None if grad_fn is None else grad_fn.name(),
        grad_reaches_source=source_grad is not None,
        source_grad=source_grad,
        backward_error=backward_error,
        source_before=SOURCE_VALUES,
        source_after_inplace=after,
        inplace_changes_source=after != SOURCE_VALUES,
        inplace_error=inplace_error,
    )


def copy_table(source_requires_grad: bool = True) -> list[CopyRecord]:
    """One record per operation: clone, detach, clone().detach(), each executed now."""
    return [copy_record(op, source_requires_grad) for op in COPY_OPS]


def copy_snippet(op: str, source_requires_grad: bool = True) -> str:
    """The code ``copy_record`` runs for the in-place experiment."""
    grad = ", requires_grad=True" if source_requires_grad else ""
    return "\n".join(
        [
            f"a = torch.tensor({list(SOURCE_VALUES)}{grad})",
            "y = (a * a).sum()  # saves a",
            f"b = {COPY_CODE[op]}",
            INPLACE_CODE,
            "print(a)",
            "y.backward()",
        ]
    )
