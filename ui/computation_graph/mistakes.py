"""The computation-graph lab's common mistake: detach() where the gradient was needed."""

from __future__ import annotations

import streamlit as st

from core.common.markdown import table
from core.computation_graph import controls as C
from core.computation_graph import mistakes as M
from ui.common.controls import control
from ui.common.frame import tr

_M = "computation_graph.mistakes."


@st.cache_resource(show_spinner=False, max_entries=2)
def detach_run(detach: bool) -> M.DetachRun:
    """Deterministic and small: one run per twin for the whole process."""
    return M.detach_run(detach)


def _grad(fate: M.ParameterFate) -> str:
    return "None" if fate.grad_norm is None else f"{fate.grad_norm:.3g}"


def _rows(runs: list[M.DetachRun]) -> list[list[str]]:
    rows = []
    for name in M.PARAMETERS:
        fates = [r.fate(name) for r in runs]
        rows.append([tr(_M + "grad", name=f"`{name}`"), *(f"`{_grad(f)}`" for f in fates)])
        rows.append([tr(_M + "change", name=f"`{name}`"), *(f"{f.change:.3g}" for f in fates)])
    loss = tr(_M + "loss", steps=M.STEPS, first=runs[0].first_loss)
    rows.append([loss, *(f"{r.final_loss:.3g}" for r in runs)])
    return rows


def mistakes_section() -> None:
    """The section, in its own bordered box: the correct run, and the mistake on a click."""
    with st.container(border=True, key="cg_mistakes"):
        st.header(tr(_M + "title"))
        st.markdown(tr(_M + "intro", lr=M.LR))
        made = control(C.DETACH_MISTAKE)
        twins = (False, True) if made else (False,)
        runs = [detach_run(d) for d in twins]
        lines = [M.SNIPPET[False]]
        if made:
            lines.append(f"{M.SNIPPET[True]}  # ← {tr(_M + 'comment')}")
        st.code("\n".join(lines), language="python")
        headers = [tr(_M + "parameter")] + [tr(_M + ("mistake" if d else "correct")) for d in twins]
        st.markdown(table(headers, _rows(runs), escape=False))
        if not made:
            st.info(tr(_M + "off"))
            return
        st.warning(
            tr(
                _M + "symptom",
                steps=M.STEPS,
                mistake=runs[1].final_loss,
                correct=runs[0].final_loss,
            ),
            icon=":material/bug_report:",
        )
        st.info(tr(_M + "spot"), icon=":material/search:")
