"""The GCN lab's common mistake: a deep stack on the un-normalised adjacency matrix."""

from __future__ import annotations

import streamlit as st

from core.common.markdown import table
from core.gcn import controls as C
from core.gcn import mistakes as M
from ui.common.controls import control
from ui.common.frame import lang, theme, tr

_M = "gcn.mistakes."


@st.cache_data(show_spinner=False, max_entries=1)
def _scales() -> M.DepthScales:
    return M.depth_scales()


def _rows(r: M.DepthScales, kinds: tuple[str, ...]) -> list[list[str]]:
    def cells(value) -> list[str]:
        return [value(kind) for kind in kinds]

    return [
        [tr(_M + "row.first"), *cells(lambda k: f"{r.scales[k][0]:.3g}")],
        [tr(_M + "row.last", depth=M.DEPTH), *cells(lambda k: f"{r.scales[k][-1]:.3g}")],
        [tr(_M + "row.growth"), *cells(lambda k: f"×{r.growth(k):.2f}")],
        [tr(_M + "row.eigenvalue"), *cells(lambda k: f"{r.eigenvalue[k]:.2f}")],
    ]


def mistakes_section() -> None:
    """The section, in its own bordered box: the correct stack, and the mistake on a click."""
    with st.container(border=True, key="gcn_mistakes"):
        st.subheader(tr(_M + "title"))
        st.markdown(tr(_M + "intro", depth=M.DEPTH))
        made = control(C.MISTAKE)
        r = _scales()
        kinds = M.ADJACENCIES if made else M.ADJACENCIES[:1]
        st.plotly_chart(
            M.depth_figure(r, theme(), lang(), kinds),
            width="stretch",
            key="gcn_mistake_chart",
            theme=None,
        )
        headers = [tr(_M + "col.quantity")] + [tr(f"{_M}kind.{k}") for k in kinds]
        st.markdown(table(headers, _rows(r, kinds)))
        if not made:
            st.info(tr(_M + "off"))
            return
        st.warning(
            tr(
                _M + "symptom",
                growth=r.growth("raw"),
                depth=M.DEPTH,
                last=r.scales["raw"][-1],
                norm=r.scales["normalized"][-1],
            ),
            icon=":material/bug_report:",
        )
        st.info(tr(_M + "spot"), icon=":material/search:")
