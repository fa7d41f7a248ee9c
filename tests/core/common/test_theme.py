"""core.common.theme: the fast template route gives exactly the figure plotly's public
route gives."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from core.common import theme as theme_module
from core.common.theme import BASE_TEMPLATE, NORMAL, PROJECTOR, apply_template, style_figure


def _figures():
    z = np.arange(12, dtype=float).reshape(3, 4)
    return [
        go.Figure(go.Heatmap(z=z)),
        go.Figure(
            go.Scatter(x=[0, 1, 2], y=[2, 0, 1], mode="lines+markers"), layout=dict(title="a title")
        ),
        go.Figure(go.Bar(x=["a", "b"], y=[1, 2])),
    ]


@pytest.mark.parametrize("index", range(3))
def test_apply_template_equals_update_layout_with_the_template_name(index):
    fast, public = _figures()[index], _figures()[index]
    apply_template(fast)
    public.update_layout(template=BASE_TEMPLATE)
    assert fast.to_plotly_json() == public.to_plotly_json()
    assert fast.layout.template.layout.paper_bgcolor == "white"


@pytest.mark.parametrize("theme", [NORMAL, PROJECTOR])
def test_style_figure_equals_the_public_route(theme, monkeypatch):
    fast = [style_figure(fig, theme) for fig in _figures()]
    monkeypatch.setattr(
        theme_module,
        "apply_template",
        lambda fig, name=BASE_TEMPLATE: fig.update_layout(template=name),
    )
    public = [style_figure(fig, theme) for fig in _figures()]
    for a, b in zip(fast, public):
        assert a.to_plotly_json() == b.to_plotly_json()
        assert a.layout.font.size == theme.font_size


def test_each_figure_owns_its_template():
    a, b = _figures()[:2]
    apply_template(a)
    apply_template(b)
    a.layout.template.layout.paper_bgcolor = "black"
    assert b.layout.template.layout.paper_bgcolor == "white"
    c = _figures()[0]
    apply_template(c)
    assert c.layout.template.layout.paper_bgcolor == "white", "the cached template is untouched"


def test_validation_is_back_on_after_the_template():
    fig = _figures()[0]
    apply_template(fig)
    with pytest.raises(ValueError):
        fig.update_layout(font=dict(size="huge"))
