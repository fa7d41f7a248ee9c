"""What the strategy experiment shows: the 2x2 grid, the notes' table beside it, and plain
sentences saying where the measurement agrees with the table and where it does not."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.common.i18n import t
from core.common.theme import Theme, style_figure
from core.transfer_learning import strategy
from core.transfer_learning.cells import SIMILARITIES, SIZES
from core.transfer_learning.experiment import (
    AGREES,
    CellResult,
    guess_verdict,
    row_of,
)
from core.transfer_learning.figures import format_seconds

_X = "transfer_learning.experiment."
# Bars from the fewest trained layers to all of them (the table lists them the other way).
BAR_ORDER = ("head", "last_block", "last_half", "all")
MARKS = {AGREES: "✓", "too_close": "≈", "disagrees": "✗"}


def strategy_label(preset: str, lang: str) -> str:
    return t(f"{_X}strategy.{preset}", lang)


def cell_label(size: str, similarity: str, lang: str) -> str:
    return t(f"{_X}cell.{size}_{similarity}", lang)


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def grid_figure(cells: Sequence[CellResult], theme: Theme, lang: str) -> go.Figure:
    """Rows: close to / far from ImageNet; columns: small / large sample. In each cell every
    strategy's test accuracy (bar: mean over seeds, whisker: ± one standard deviation, dots:
    the seeds) and its seconds per run; the table's strategy has a thick outline."""
    by_cell = {(c.size, c.similarity): c for c in cells}
    positions = [(sim, size) for sim in SIMILARITIES for size in SIZES]
    titles = [
        t(_X + "grid.title", lang, cell=cell_label(size, sim, lang), n=row_of(size, sim).number)
        for sim, size in positions
    ]
    fig = make_subplots(
        rows=2,
        cols=2,
        subplot_titles=titles,
        shared_yaxes=True,
        vertical_spacing=0.2,
        horizontal_spacing=0.06,
    )
    colors = dict(zip(BAR_ORDER, theme.palette))
    labels = [strategy_label(p, lang).replace(" ", "<br>", 1) for p in BAR_ORDER]  # two lines
    for index, (sim, size) in enumerate(positions):
        row, col = index // 2 + 1, index % 2 + 1
        cell = by_cell.get((size, sim))
        if cell is None or not any(r.acc_per_seed for r in cell.strategies.values()):
            _empty_cell(fig, row, col, labels, lang)
            continue
        _cell_bars(fig, cell, row, col, labels, colors, theme, lang, first=index == 0)
    fig.update_yaxes(range=[0, 1.12], tickformat=".0%", dtick=0.25)
    fig.update_yaxes(title=t(_X + "grid.accuracy", lang), col=1)
    fig.update_xaxes(tickangle=0)
    fig.update_layout(
        height=720 if theme.projector else 600,
        showlegend=False,
        bargap=0.25,
    )
    style_figure(fig, theme)
    fig.update_annotations(font_size=theme.font_size)
    fig.update_layout(margin=dict(t=40 + theme.font_size, b=10))
    return fig


def _empty_cell(fig: go.Figure, row: int, col: int, labels: list[str], lang: str) -> None:
    fig.add_bar(x=labels, y=[0] * len(labels), marker_color="rgba(0,0,0,0)", row=row, col=col)
    ref = "" if (row, col) == (1, 1) else str((row - 1) * 2 + col)
    fig.add_annotation(
        text=t(_X + "grid.not_run", lang),
        x=0.5,
        y=0.5,
        xref=f"x{ref} domain",
        yref=f"y{ref} domain",
        showarrow=False,
    )


def _cell_bars(fig, cell: CellResult, row, col, labels, colors, theme, lang, first) -> None:
    results = [cell.strategies[p] for p in BAR_ORDER]
    expected = cell.row.preset
    seconds = [format_seconds(r.seconds, lang) if r.seconds_per_seed else "" for r in results]
    texts = [
        f"{percent(r.acc_mean)}<br>±{percent(r.acc_spread)}<br>{s}" if r.acc_per_seed else "—"
        for r, s in zip(results, seconds)
    ]
    fig.add_bar(
        x=labels,
        y=[r.acc_mean if r.acc_per_seed else 0 for r in results],
        error_y=dict(
            type="data",
            array=[r.acc_spread for r in results],
            thickness=theme.line_width,
            width=8,
            color=theme.text_color,
        ),
        marker=dict(
            color=[colors[p] for p in BAR_ORDER],
            line=dict(
                color=theme.text_color,
                width=[5 if p == expected else 0 for p in BAR_ORDER],
            ),
        ),
        text=texts,
        textposition="inside",
        insidetextanchor="start",
        textangle=0,
        textfont=dict(size=max(theme.font_size - 3, 10), color="white"),
        hovertemplate="%{x}: %{y:.1%}<extra></extra>",
        row=row,
        col=col,
    )
    xs = [label for label, r in zip(labels, results) for _ in r.acc_per_seed]
    ys = [a for r in results for a in r.acc_per_seed]
    fig.add_scatter(
        x=xs,
        y=ys,
        mode="markers",
        marker=dict(color=theme.text_color, size=theme.marker_size - 2, symbol="circle-open"),
        hovertemplate="%{y:.1%}<extra></extra>",
        row=row,
        col=col,
    )
    chance = 1 / max(cell.n_classes, 2)  # guessing: the floor every strategy should beat
    fig.add_hline(y=chance, line=dict(dash="dot", width=1.5, color="#777777"), row=row, col=col)
    v = cell.verdict
    if v is not None:
        winner = labels[BAR_ORDER.index(v.winner)]
        fig.add_annotation(
            x=winner,
            y=1.08,
            text="★",
            showarrow=False,
            font=dict(size=theme.title_size, color=theme.text_color),
            row=row,
            col=col,
        )


# ---------------------------------------------------------------- the table and the words


def comparison_table(
    cells: Sequence[CellResult],
    guesses: Mapping[tuple[str, str], str],
    highlight: tuple[str, str] | None,
    lang: str,
) -> tuple[list[str], list[list[str]]]:
    """The notes' table (rows 1-4) with what was measured beside each row: the winner, the
    verdict mark, the student's guess; the row of ``highlight`` (a cell) in bold."""
    by_cell = {(c.size, c.similarity): c for c in cells}
    headers = [
        t(_X + "table.row", lang),
        t(_X + "table.cell", lang),
        t(_X + "table.notes", lang),
        t(_X + "table.measured", lang),
        t(_X + "table.guess", lang),
    ]
    rows = []
    for row in strategy.STRATEGY_TABLE:
        size = "large" if row.large_dataset else "small"
        sim = "close" if row.similar else "far"
        cell = by_cell.get((size, sim))
        v = cell.verdict if cell is not None else None
        measured = "…" if v is None else f"{MARKS[v.kind]} {strategy_label(v.winner, lang)}"
        guess = guesses.get((size, sim))
        mark = guess_verdict(guess, cell) if cell is not None else None
        guess_text = strategy_label(guess, lang) if guess in BAR_ORDER else "—"
        if mark is not None:
            guess_text = f"{MARKS[mark]} {guess_text}"
        cells_text = [
            str(row.number),
            cell_label(size, sim, lang),
            t(f"{row.key}.short", lang),
            measured,
            guess_text,
        ]
        if highlight == (size, sim):
            cells_text = [f"**{c}**" for c in cells_text]
            cells_text[0] = f"**▶ {row.number}**"
        rows.append(cells_text)
    return headers, rows


def cell_sentence(cell: CellResult, lang: str) -> str:
    """One plain sentence: what the notes say for this cell, what won, and whether they agree."""
    where = t(
        _X + "sentence.where",
        lang,
        cell=cell_label(cell.size, cell.similarity, lang),
        n=cell.row.number,
    )
    v = cell.verdict
    if v is None:
        return where + " " + t(_X + "sentence.not_finished", lang)
    expected, winner = cell.strategies[v.expected], cell.strategies[v.winner]
    params = dict(
        expected=strategy_label(v.expected, lang),
        winner=strategy_label(v.winner, lang),
        e_mean=percent(expected.acc_mean),
        e_sd=percent(expected.acc_spread),
        w_mean=percent(winner.acc_mean),
        w_sd=percent(winner.acc_spread),
        margin=f"{v.margin * 100:.0f}",
        seeds=len(winner.acc_per_seed),
    )
    return where + " " + t(f"{_X}sentence.{v.kind}", lang, **params)


def guess_sentence(cell: CellResult, guess: str | None, lang: str) -> str | None:
    mark = guess_verdict(guess, cell)
    if mark is None:
        return None
    return t(f"{_X}guess_result.{mark}", lang, guess=strategy_label(guess, lang))


def summary_sentence(cells: Sequence[CellResult], lang: str) -> str | None:
    finished = [c for c in cells if c.verdict is not None]
    if not finished:
        return None
    counts = {kind: sum(c.verdict.kind == kind for c in finished) for kind in MARKS}
    return t(
        _X + "summary",
        lang,
        done=len(finished),
        agree=counts[AGREES],
        close=counts["too_close"],
        disagree=counts["disagrees"],
    )
