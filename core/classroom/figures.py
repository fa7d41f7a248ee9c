"""The teacher's charts: how the class answered a question, and results by strategy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import plotly.graph_objects as go

from core.classroom.store import Answer
from core.common.theme import Theme, style_figure


def answer_counts(pooled: Sequence[Answer], choices: Sequence[str] = ()) -> dict[str, int]:
    """How many students gave each answer: the declared choices first (zero included),
    then any other answer in the order it first came."""
    counts = Counter(a.answer for a in pooled)
    order = list(choices) + [a for a in dict.fromkeys(a.answer for a in pooled) if a not in choices]
    return {answer: counts.get(answer, 0) for answer in order}


def answer_histogram(
    pooled: Sequence[Answer],
    theme: Theme,
    title: str,
    choices: Sequence[str] = (),
    label: Callable[[str], str] = str,
    correct: str | None = None,
) -> go.Figure:
    """One bar per answer, its height the number of students; the correct one (when shown)
    in the palette's green. Labels come from ``label`` (a translated choice) as plain text."""
    counts = answer_counts(pooled, choices)
    colours = [
        theme.palette[2] if correct is not None and a == correct else theme.palette[0]
        for a in counts
    ]
    fig = go.Figure(
        go.Bar(
            x=[label(a) for a in counts],
            y=list(counts.values()),
            text=list(counts.values()),
            textposition="outside",
            marker_color=colours,
            hoverinfo="x+y",
        )
    )
    fig.update_layout(title=title, height=400 if theme.projector else 320, showlegend=False)
    fig.update_yaxes(rangemode="tozero", dtick=1 if max(counts.values(), default=0) < 10 else None)
    return style_figure(fig, theme)


def results_by_strategy(
    pooled: Sequence[Answer],
    theme: Theme,
    title: str,
    value_title: str,
    label: Callable[[str], str] = str,
) -> go.Figure:
    """Each student's result (``value``) as a dot over its strategy, with the strategy's mean
    as a bar: the class's runs side by side."""
    strategies = list(dict.fromkeys(a.strategy for a in pooled if a.value is not None))
    fig = go.Figure()
    means = [strategy_mean(pooled, s) for s in strategies]
    fig.add_trace(
        go.Bar(
            x=[label(s) for s in strategies],
            y=means,
            marker_color=theme.palette[5],
            opacity=0.45,
            text=[f"{m:.2f}" for m in means],
            textposition="outside",
            hoverinfo="x+y",
        )
    )
    for s in strategies:
        values = [a.value for a in pooled if a.strategy == s and a.value is not None]
        fig.add_trace(
            go.Scatter(
                x=[label(s)] * len(values),
                y=values,
                mode="markers",
                marker_color=theme.palette[0],
                hoverinfo="y",
            )
        )
    fig.update_layout(title=title, height=460 if theme.projector else 340, showlegend=False)
    fig.update_yaxes(title_text=value_title)
    return style_figure(fig, theme)


def strategy_mean(pooled: Sequence[Answer], strategy: str) -> float:
    values = [a.value for a in pooled if a.strategy == strategy and a.value is not None]
    return sum(values) / len(values) if values else float("nan")
