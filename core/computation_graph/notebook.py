"""The computation-graph lab's state as a notebook: the preset's program in torch, the graph
read from ``grad_fn``, local computation, ``backward()`` and the chain rule, and the
clone / detach table executed (plain torch and networkx)."""

from __future__ import annotations

import math

import nbformat

from core.common.i18n import t
from core.common.notebook import NotebookBuilder, data
from core.computation_graph.scalar_graph import (
    COPY_CODE,
    COPY_OPS,
    SOURCE_VALUES,
    WEIGHTS,
    get_preset,
)

IMPORTS = """\
import json
import math

import networkx as nx
import torch
"""

WALK = """\
by_fn = {t.grad_fn: n for n, t in tensors.items() if t.grad_fn is not None}
by_leaf = {id(t): n for n, t in tensors.items() if t.is_leaf}


def name_of(fn):
    if fn in by_fn:
        return by_fn[fn]
    if type(fn).__name__ == "AccumulateGrad":
        return by_leaf.get(id(fn.variable), fn.name())
    return fn.name()


grad_fns, local = {}, {}
seen, stack = set(), [tensors[OUTPUT].grad_fn]
while stack:  # from the output back along grad_fn -> next_functions
    fn = stack.pop()
    if fn is None or fn in seen:
        continue
    seen.add(fn)
    name = name_of(fn)
    grad_fns[name] = type(fn).__name__
    inputs = [(name_of(nxt), k) for k, (nxt, _) in enumerate(fn.next_functions) if nxt is not None]
    print(f"{name:>4}: {type(fn).__name__:<18} next_functions -> {[n for n, _ in inputs]}")
    if inputs:  # the node's own backward function, called with a gradient of 1
        with torch.no_grad():
            grads = fn(torch.ones_like(tensors[name]))
        grads = grads if isinstance(grads, tuple) else (grads,)
        for src, k in inputs:
            local[(src, name)] = local.get((src, name), 0.0) + float(grads[k])
    stack.extend(nxt for nxt, _ in fn.next_functions if nxt is not None)
"""

LOCAL = """\
program = nx.DiGraph()
program.add_nodes_from(INPUTS)
for name, args in OPS:
    program.add_edges_from((a, name) for a in args)
order = list(nx.topological_sort(program))
recomputed = [n for n in order if n in nx.descendants(program, CHANGED)]
reused = [name for name, _ in OPS if name not in recomputed]
print("recomputed:", recomputed)
print("reused:", reused)
"""

BACKWARD = """\
tensors[OUTPUT].backward()
grads = {n: t.grad.item() for n, t in tensors.items() if t.grad is not None}
for n, g in grads.items():
    print(f"d{OUTPUT}/d{n} = {g:.6g}")

backward_graph = nx.DiGraph(list(local))
terms = []
for path in nx.all_simple_paths(backward_graph, PATH_FROM, OUTPUT):
    factors = [local[(a, b)] for a, b in zip(path, path[1:])]
    terms.append({"path": path, "factors": factors, "product": math.prod(factors)})
    print(" -> ".join(path), " x ".join(f"{f:.4g}" for f in factors), "=", terms[-1]["product"])
terms.sort(key=lambda term: term["path"])
chain_total = sum(term["product"] for term in terms)
print(f"chain rule: {chain_total:.6g}   {PATH_FROM}.grad: {grads[PATH_FROM]:.6g}")
"""

COPY_TABLE = """\
def error_text(err):
    return f"{type(err).__name__}: {str(err).split(' Hint:')[0]}"


def copy_of(op, a):
    if op == "clone":
        return a.clone()
    if op == "detach":
        return a.detach()
    return a.clone().detach()


copy_table = []
for op in COPY_OPS:
    a = torch.tensor(SOURCE_VALUES, requires_grad=SOURCE_GRAD)
    b = copy_of(op, a)
    row = {
        "op": op,
        "shares_memory": b.untyped_storage().data_ptr() == a.untyped_storage().data_ptr(),
        "requires_grad": b.requires_grad,
        "grad_fn": None if b.grad_fn is None else b.grad_fn.name(),
    }
    a = torch.tensor(SOURCE_VALUES, requires_grad=SOURCE_GRAD)  # does backward reach a.grad?
    b = copy_of(op, a)
    row["backward_error"] = None
    try:
        (b * torch.tensor(WEIGHTS)).sum().backward()
    except RuntimeError as err:
        row["backward_error"] = error_text(err)
    row["source_grad"] = None if a.grad is None else a.grad.tolist()
    a = torch.tensor(SOURCE_VALUES, requires_grad=SOURCE_GRAD)  # an in-place edit of b
    y = (a * a).sum()  # saves a for backward
    b = copy_of(op, a)
    b.add_(10)
    row["source_after_inplace"] = a.detach().tolist()
    row["inplace_error"] = None
    if y.requires_grad:
        try:
            y.backward()
        except RuntimeError as err:
            row["inplace_error"] = error_text(err)
    copy_table.append(row)
    print(row)
"""

NUMBERS = """\
{
    "values": {n: t.item() for n, t in tensors.items()},
    "grads": grads,
    "grad_fns": grad_fns,
    "local": [[src, dst, g] for (src, dst), g in sorted(local.items())],
    "recomputed": recomputed,
    "reused": reused,
    "chain_terms": [term["product"] for term in terms],
    "chain_total": chain_total,
    "copy_table": copy_table,
}"""


def _number(value: float) -> str:
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value}")
    return repr(value)


def _program_code(preset_name: str, values: dict[str, float]) -> str:
    """The preset's program; its names and code are this lab's own constants."""
    preset = get_preset(preset_name)
    lines = []
    for i in preset.inputs:
        grad = ", requires_grad=True" if i.requires_grad else ""
        lines.append(f"{i.name} = torch.tensor({_number(values[i.name])}{grad})")
    tracked = set(preset.grad_inputs)
    for op in preset.ops:
        lines.append(f"{op.name} = {op.code}")
        if tracked.intersection(op.inputs):
            tracked.add(op.name)
            lines.append(f"{op.name}.retain_grad()  # keep the .grad of an intermediate result")
    names = ", ".join(f'"{n}": {n}' for n in (*preset.input_names, *(o.name for o in preset.ops)))
    lines += [
        f"tensors = {{{names}}}",
        f"INPUTS = {list(preset.input_names)!r}",
        f"OPS = {[(o.name, list(o.inputs)) for o in preset.ops]!r}",
        f'OUTPUT = "{preset.output}"',
        "for n, t in tensors.items():",
        '    print(f"{n} = {t.item():.6g}")',
    ]
    return "\n".join(lines)


def computation_graph_notebook(
    preset_name: str,
    values: dict[str, float],
    changed: str,
    path_src: str,
    source_grad: bool,
    lang: str,
) -> nbformat.NotebookNode:
    """A notebook of the preset with ``values``: its graph, what a change of ``changed``
    recomputes, the chain rule from ``path_src``, and the clone / detach table."""
    preset = get_preset(preset_name)
    values = {**preset.defaults(), **values}
    if changed not in preset.input_names:
        changed = preset.default_change
    if path_src not in preset.grad_inputs:
        path_src = preset.default_path
    nb = NotebookBuilder(lang)
    nb.markdown(t("computation_graph.notebook.title", lang))
    nb.markdown(t("computation_graph.notebook.intro", lang))
    nb.code(IMPORTS)
    nb.markdown(f"## {t('computation_graph.section.graph', lang)}")
    nb.markdown(t("computation_graph.graph_intro", lang))
    nb.code(_program_code(preset.name, values))
    nb.markdown(t("computation_graph.notebook.walk", lang))
    nb.code(WALK)
    nb.markdown(f"## {t('computation_graph.local_title', lang)}")
    nb.markdown(t("computation_graph.notebook.local", lang))
    nb.code(f"CHANGED = {data(changed)}\n" + LOCAL)
    nb.markdown(f"## {t('computation_graph.chain_title', lang)}")
    nb.markdown(t("computation_graph.notebook.chain", lang))
    nb.code(f"PATH_FROM = {data(path_src)}\n" + BACKWARD)
    nb.markdown(f"## {t('computation_graph.section.copy', lang)}")
    nb.markdown(t("computation_graph.notebook.copy", lang))
    nb.code(
        f"COPY_OPS = {list(COPY_OPS)!r}  # {', '.join(COPY_CODE.values())}\n"
        f"SOURCE_VALUES = {list(SOURCE_VALUES)!r}\n"
        f"WEIGHTS = {list(WEIGHTS)!r}\n"
        f"SOURCE_GRAD = {bool(source_grad)!r}\n\n" + COPY_TABLE
    )
    nb.markdown(t("computation_graph.notebook.numbers", lang))
    nb.numbers(NUMBERS)
    return nb.build()
