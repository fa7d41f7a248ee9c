"""core.computation_graph.scalar_graph against torch itself: hand-written torch references,
torch.autograd.grad, and the behaviour of clone / detach observed independently."""

import math
import random

import pytest
import torch

from core.common.params import parse_or_default
from core.computation_graph import controls
from core.computation_graph import scalar_graph as lab

# ---------------------------------------------------------------- independent references


def _sigmoid(v):
    return 1 / (1 + math.exp(-v))


def reference_tensors(preset: str, values: dict) -> dict:
    """Each preset written out by hand in torch (not through the lab's program)."""
    t = {k: torch.tensor(float(v), requires_grad=(k != "t")) for k, v in values.items()}
    if preset == "notes":
        t["A"] = t["X"] + t["Y"]
        t["F"] = t["A"] * t["Z"]
    elif preset == "neuron":
        t["u"] = t["w"] * t["x"]
        t["z"] = t["u"] + t["b"]
        t["y"] = torch.sigmoid(t["z"])
        t["L"] = (t["y"] - t["t"]) ** 2
    elif preset == "two_layer":
        t["u1"], t["u2"] = t["w1"] * t["x"], t["w2"] * t["x"]
        t["h1"], t["h2"] = torch.tanh(t["u1"]), torch.tanh(t["u2"])
        t["p1"], t["p2"] = t["v1"] * t["h1"], t["v2"] * t["h2"]
        t["y"] = t["p1"] + t["p2"]
        t["L"] = (t["y"] - t["t"]) ** 2
    return t


# which operations depend on each input: read off the notes / the formulas by hand
RECOMPUTED = {
    "notes": {"X": {"A", "F"}, "Y": {"A", "F"}, "Z": {"F"}},
    "neuron": {
        "x": {"u", "z", "y", "L"},
        "w": {"u", "z", "y", "L"},
        "b": {"z", "y", "L"},
        "t": {"L"},
    },
    "two_layer": {
        "x": {"u1", "u2", "h1", "h2", "p1", "p2", "y", "L"},
        "w1": {"u1", "h1", "p1", "y", "L"},
        "w2": {"u2", "h2", "p2", "y", "L"},
        "v1": {"p1", "y", "L"},
        "v2": {"p2", "y", "L"},
        "t": {"L"},
    },
}


def random_values(preset: str, rng: random.Random) -> dict:
    return {i.name: round(rng.uniform(-3, 3), 2) for i in lab.PRESETS[preset].inputs}


CASES = [(p, seed) for p in lab.PRESET_NAMES for seed in range(4)]


def _values(preset, seed):
    return (
        lab.PRESETS[preset].defaults() if seed == 0 else random_values(preset, random.Random(seed))
    )


# ---------------------------------------------------------------- the graph


def test_the_notes_example_by_the_numbers():
    g = lab.build_graph("notes", {"X": 2.0, "Y": 3.0, "Z": 4.0})
    assert g.nodes["A"].value == 5.0 and g.nodes["F"].value == 20.0
    assert g.edge("A", "F").local_grad == 4.0  # ∂F/∂A = Z
    assert g.edge("Z", "F").local_grad == 5.0  # ∂F/∂Z = A
    assert g.edge("X", "A").local_grad == 1.0
    assert (g.nodes["X"].grad, g.nodes["Y"].grad, g.nodes["Z"].grad) == (4.0, 4.0, 5.0)
    assert g.nodes["A"].grad_fn == "AddBackward0" and g.nodes["F"].grad_fn == "MulBackward0"
    assert g.nodes["X"].grad_fn == "AccumulateGrad"


@pytest.mark.parametrize("preset,seed", CASES)
def test_graph_structure_is_autograds(preset, seed):
    values = _values(preset, seed)
    g = lab.build_graph(preset, values)
    ref = reference_tensors(preset, values)
    # every backward edge is a next_functions link of the reference graph, and vice versa
    by_fn = {t.grad_fn: n for n, t in ref.items() if t.grad_fn is not None}
    by_leaf = {id(t): n for n, t in ref.items() if t.is_leaf}
    expected = set()
    for name, t in ref.items():
        if t.grad_fn is None:
            continue
        for nxt, _ in t.grad_fn.next_functions:
            if nxt is None:
                continue
            src = by_leaf[id(nxt.variable)] if hasattr(nxt, "variable") else by_fn.get(nxt)
            if src is None:  # (y - t) ** 2 in the reference is two torch ops; mse_loss is one
                src = by_fn[nxt.next_functions[0][0]]
            expected.add((src, name))
    assert {(e.src, e.dst) for e in g.edges if e.in_backward} == expected
    assert not any("#" in n for n in g.nodes), "every backward node maps to a named tensor"
    # constants are not in torch's backward graph
    for e in g.edges:
        assert e.in_backward == ref[e.src].requires_grad


@pytest.mark.parametrize("preset,seed", CASES)
def test_values_and_gradients_equal_torch_autograd_grad(preset, seed):
    values = _values(preset, seed)
    g = lab.build_graph(preset, values)
    ref = reference_tensors(preset, values)
    out = ref[lab.PRESETS[preset].output]
    names = [n for n, t in ref.items() if t.requires_grad]
    grads = torch.autograd.grad(out, [ref[n] for n in names])
    for n, grad in zip(names, grads):
        assert g.nodes[n].grad == pytest.approx(grad.item(), rel=1e-5, abs=1e-6), n
    for n, t in ref.items():
        assert g.nodes[n].value == pytest.approx(t.item(), rel=1e-6, abs=1e-6), n
    assert g.nodes[lab.PRESETS[preset].output].grad == 1.0


@pytest.mark.parametrize("preset,seed", CASES)
def test_local_derivatives_equal_autograd_and_the_shown_formula(preset, seed):
    values = _values(preset, seed)
    g = lab.build_graph(preset, values)
    ref = reference_tensors(preset, values)
    node_values = {n: node.value for n, node in g.nodes.items()}
    namespace = {"__builtins__": {}, **node_values}
    for e in g.edges:
        if not e.in_backward:
            assert e.local_grad is None
            continue
        # a direct input with no other path: the total derivative is the local one
        (direct,) = torch.autograd.grad(ref[e.dst], ref[e.src], retain_graph=True)
        assert e.local_grad == pytest.approx(direct.item(), rel=1e-5, abs=1e-6), (e.src, e.dst)
        shown = eval(e.local_expr, namespace)  # the formula printed on the page
        assert e.local_grad == pytest.approx(shown, rel=1e-5, abs=1e-6), (
            e.src,
            e.dst,
            e.local_expr,
        )


@pytest.mark.parametrize("preset,seed", CASES)
def test_chain_rule_products_sum_to_the_gradient(preset, seed):
    values = _values(preset, seed)
    g = lab.build_graph(preset, values)
    ref = reference_tensors(preset, values)
    out = ref[lab.PRESETS[preset].output]
    for src in lab.PRESETS[preset].grad_inputs:
        chain = g.chain_rule(src)
        (expected,) = torch.autograd.grad(out, ref[src], retain_graph=True)
        assert chain.total == pytest.approx(expected.item(), rel=1e-5, abs=1e-6)
        assert chain.matches_torch
        for term in chain.terms:
            assert term.path[0] == src and term.path[-1] == chain.output
            assert term.product == pytest.approx(math.prod(f.local_grad for f in term.factors))


def test_two_paths_from_x_in_the_two_layer_composite():
    chain = lab.build_graph("two_layer").chain_rule("x")
    assert [t.path for t in chain.terms] == [
        ("x", "u1", "h1", "p1", "y", "L"),
        ("x", "u2", "h2", "p2", "y", "L"),
    ]


def test_neuron_by_hand():
    x, w, b, t = 1.5, 0.8, -0.5, 1.0
    g = lab.build_graph("neuron", {"x": x, "w": w, "b": b, "t": t})
    y = _sigmoid(w * x + b)
    assert g.nodes["y"].value == pytest.approx(y, rel=1e-6)
    assert g.nodes["L"].value == pytest.approx((y - t) ** 2, rel=1e-6)
    assert g.nodes["w"].grad == pytest.approx(2 * (y - t) * y * (1 - y) * x, rel=1e-5)
    assert (
        g.nodes["t"].kind == "const" and g.nodes["t"].grad is None and g.nodes["t"].grad_fn is None
    )


# ---------------------------------------------------------------- local computation


@pytest.mark.parametrize("preset", lab.PRESET_NAMES)
def test_recomputed_nodes_for_each_single_input_change(preset):
    g = lab.build_graph(preset)
    ops = {op.name for op in lab.PRESETS[preset].ops}
    for name, expected in RECOMPUTED[preset].items():
        assert set(g.recomputed_when(name)) == expected, name
        assert set(g.reused_when(name)) == ops - expected, name


@pytest.mark.parametrize("preset", lab.PRESET_NAMES)
def test_local_recompute_runs_only_the_descendants_and_agrees_with_a_full_run(preset):
    rng = random.Random(7)
    values = random_values(preset, rng)
    for name, expected in RECOMPUTED[preset].items():
        new = values[name] + 1.25
        update = lab.local_recompute(preset, values, name, new)
        assert set(update.recomputed) == expected
        assert set(update.reused) == {op.name for op in lab.PRESETS[preset].ops} - expected
        assert update.matches_full
        ref = reference_tensors(preset, {**values, name: new})
        for n, t in ref.items():
            assert update.values[n] == pytest.approx(t.item(), rel=1e-5, abs=1e-6)


def test_the_notes_z_change_keeps_a():
    update = lab.local_recompute("notes", {"X": 2, "Y": 3, "Z": 4}, "Z", 5)
    assert update.recomputed == ("F",) and update.reused == ("A",)
    assert update.values["A"] == 5 and update.values["F"] == 25


# ---------------------------------------------------------------- clone / detach


def _independent_observation(op: str, source_requires_grad: bool) -> dict:
    """What the test sees by poking torch itself, a different way from the lab's."""

    def copy(a):
        return {
            "clone": a.clone,
            "detach": a.detach,
            "clone().detach()": lambda: a.clone().detach(),
        }[op]()

    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=source_requires_grad)
    b = copy(a)
    with torch.no_grad():
        b[0] = 42.0  # write through b: does a see it?
    shares = a[0].item() == 42.0

    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=source_requires_grad)
    b = copy(a)
    if b.requires_grad:
        (g,) = torch.autograd.grad((b**2).sum(), a, allow_unused=True)
        reaches = g is not None
    else:
        reaches = False

    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=source_requires_grad)
    s = a.sin()  # SinBackward0 saves a
    b = copy(a)
    b.mul_(2)
    changed = a[1].item() != 2.0
    refused = False
    if s.requires_grad:
        try:
            s.sum().backward()
        except RuntimeError as err:
            refused = "inplace operation" in str(err)
    return dict(
        shares_memory=shares,
        requires_grad=b.requires_grad,
        in_graph=b.grad_fn is not None,
        grad_reaches_source=reaches,
        inplace_changes_source=changed,
        refused=refused,
    )


@pytest.mark.parametrize("source_requires_grad", [True, False])
def test_copy_table_cells_match_torch(source_requires_grad):
    records = lab.copy_table(source_requires_grad)
    assert [r.op for r in records] == ["clone", "detach", "clone().detach()"]
    for r in records:
        seen = _independent_observation(r.op, source_requires_grad)
        for field in (
            "shares_memory",
            "requires_grad",
            "in_graph",
            "grad_reaches_source",
            "inplace_changes_source",
        ):
            assert getattr(r, field) == seen[field], (r.op, field)
            assert isinstance(getattr(r, field), bool)
        assert (r.inplace_error is not None) == seen["refused"], r.op
        assert r.grad_reaches_source == (r.source_grad is not None)
        assert (r.backward_error is None) == r.requires_grad


def test_copy_table_is_the_notes_table_when_the_source_is_in_the_graph():
    records = {r.op: r for r in lab.copy_table(True)}
    assert (records["clone"].shares_memory, records["clone"].in_graph) == (False, True)
    assert (records["detach"].shares_memory, records["detach"].in_graph) == (True, False)
    assert (records["clone().detach()"].shares_memory, records["clone().detach()"].in_graph) == (
        False,
        False,
    )
    assert all(r.agrees_with_notes() for r in records.values())
    assert records["clone"].grad_fn == "CloneBackward0"
    assert records["clone"].source_grad == lab.WEIGHTS
    assert "modified by an inplace operation" in records["detach"].inplace_error
    assert "Hint" not in records["detach"].inplace_error
    assert records["detach"].source_after_inplace == (11.0, 12.0, 13.0)
    assert "does not require grad" in records["clone().detach()"].backward_error


def test_clone_of_a_source_without_grad_is_not_in_a_graph():
    clone = lab.copy_table(False)[0]
    assert not clone.in_graph and not clone.agrees_with_notes()


def test_copy_snippet_runs_as_shown():
    for op in lab.COPY_OPS:
        code = lab.copy_snippet(op)
        scope = {"torch": torch, "print": lambda *a: None}
        record = lab.copy_record(op)
        try:
            exec(code, scope)
            error = None
        except RuntimeError as err:
            error = str(err)
        assert (error is not None) == (record.inplace_error is not None)
        assert tuple(scope["a"].detach().tolist()) == record.source_after_inplace


# ---------------------------------------------------------------- code, params, display


@pytest.mark.parametrize("preset", lab.PRESET_NAMES)
def test_snippet_is_the_code_that_ran(preset):
    values = random_values(preset, random.Random(3))
    scope = {"print": lambda *a: None}
    exec(lab.snippet(lab.PRESETS[preset], values), scope)
    g = lab.build_graph(preset, values)
    for name in lab.PRESETS[preset].grad_inputs:
        assert scope[name].grad.item() == pytest.approx(g.nodes[name].grad, rel=1e-6)


def test_params_round_trip_and_fall_back():
    for preset in lab.PRESETS.values():
        decls = controls.INPUTS[preset.name]
        assert [d.key for d in decls] == [i.key for i in preset.inputs]
        for decl in decls:
            param = decl.param
            assert decl.key.startswith("cg_")
            assert parse_or_default(param, param.format(-2.5)) == (-2.5, True)
            assert parse_or_default(param, "11")[1] is False
            assert parse_or_default(param, "nan")[1] is False
    assert [i.key for i in lab.PRESETS["notes"].inputs] == ["cg_x", "cg_y", "cg_z"]
    assert parse_or_default(controls.PRESET.param, "neuron") == ("neuron", True)
    assert parse_or_default(controls.PRESET.param, "bogus") == ("notes", False)


def test_pretty_and_fmt():
    assert lab.pretty("1 - h1**2") == "1 − h₁²"
    assert lab.pretty("y * (1 - y)") == "y·(1 − y)"
    assert lab.pretty("sigmoid(z)") == "σ(z)"
    assert lab.fmt(-0.0) == "0" and lab.fmt(0.1234567) == "0.1235" and lab.fmt(None) == "—"
    assert lab.op_symbol("MulBackward0") == "×" and lab.op_symbol("FooBackward0") == "Foo"


def test_the_last_edit_updates_locally_only_while_the_page_still_shows_it():
    values = {"X": 2.0, "Y": 3.0, "Z": 5.0}
    edit = lab.InputEdit("notes", "Z", 4.0, 5.0)
    update = lab.update_after_edit(edit, "notes", values, "Z")
    assert update is not None and (update.old_value, update.new_value) == (4.0, 5.0)
    assert update.recomputed == ("F",) and update.values["F"] == pytest.approx((2 + 3) * 5)
    assert update.matches_full
    assert lab.update_after_edit(None, "notes", values, "Z") is None
    assert lab.update_after_edit(edit, "neuron", values, "Z") is None  # another preset
    assert lab.update_after_edit(edit, "notes", values, "X") is None  # another input chosen
    assert lab.update_after_edit(edit, "notes", {**values, "Z": 6.0}, "Z") is None  # moved on
    unchanged = lab.InputEdit("notes", "Z", 5.0, 5.0)
    assert lab.update_after_edit(unchanged, "notes", values, "Z") is None
