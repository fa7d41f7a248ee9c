"""What the strategy experiment shows: the grid's numbers, the table beside it, the sentences."""

from __future__ import annotations

import pytest

from core.common.theme import NORMAL, PROJECTOR
from core.transfer_learning import experiment_figures as xf
from core.transfer_learning.experiment import CellResult, StrategyResult, row_of

ACCS = {  # small/close (row 4: head): head wins -> agrees
    ("small", "close"): dict(
        head=[0.9, 0.92], last_block=[0.8, 0.84], last_half=[0.7, 0.7], all=[0.6, 0.62]
    ),
    # small/far (row 3: last_block): all ahead by less than the spread -> too close
    ("small", "far"): dict(
        head=[0.5, 0.5], last_block=[0.7, 0.8], last_half=[0.6, 0.6], all=[0.7, 0.9]
    ),
    # large/close (row 2: last_half): head ahead by far -> disagrees
    ("large", "close"): dict(
        head=[0.95, 0.95], last_block=[0.8, 0.8], last_half=[0.7, 0.72], all=[0.7, 0.7]
    ),
}


def _cell(size, sim, complete=True):
    results = {
        name: StrategyResult(name, (), list(accs), [1.5, 2.5])
        for name, accs in ACCS[(size, sim)].items()
    }
    return CellResult(size, sim, row_of(size, sim), 8, 50, 12, results, complete, n_classes=4)


CELLS = [_cell(*c) for c in ACCS]


def test_the_grid_draws_each_cells_means_spreads_seeds_and_the_tables_strategy():
    fig = xf.grid_figure(CELLS, NORMAL, "en")
    bars = [tr for tr in fig.data if tr.type == "bar"]
    dots = [tr for tr in fig.data if tr.type == "scatter"]
    assert len(bars) == 4 and len(dots) == 3  # one empty (large, far) cell has no dots
    small_close = bars[0]  # rows: close, far; columns: small, large
    assert list(small_close.x) == [
        "classifier<br>only",
        "last<br>block",
        "later<br>half",
        "whole<br>model",
    ]
    assert list(small_close.y) == pytest.approx([0.91, 0.82, 0.7, 0.61])
    assert list(small_close.error_y.array) == pytest.approx(
        [0.01414, 0.02828, 0.0, 0.01414], abs=1e-4
    )
    assert list(small_close.marker.line.width) == [5, 0, 0, 0]  # row 4: the classifier only
    assert small_close.text[0].split("<br>") == ["91%", "±1%", "2.0 s"]
    assert list(dots[0].y) == [0.9, 0.92, 0.8, 0.84, 0.7, 0.7, 0.6, 0.62]
    large_close = bars[1]
    assert list(large_close.marker.line.width) == [0, 0, 5, 0]  # row 2: the later half
    texts = [a.text for a in fig.layout.annotations]
    assert "small · close (notes' row 4)" in texts and "large · far (notes' row 1)" in texts
    assert "no result yet" in texts
    assert texts.count("★") == 3
    chance = [s for s in fig.layout.shapes if s.type == "line"]
    assert chance and all(s.y0 == pytest.approx(0.25) for s in chance)


def test_the_grid_grows_for_the_projector_and_speaks_korean():
    normal, big = xf.grid_figure(CELLS, NORMAL, "ko"), xf.grid_figure(CELLS, PROJECTOR, "ko")
    assert big.layout.height > normal.layout.height
    assert big.layout.font.size > normal.layout.font.size
    assert "분류기만" in list(normal.data[0].x)
    assert any("노트 4행" in a.text for a in normal.layout.annotations)


def test_the_table_beside_the_grid_marks_measurements_guesses_and_the_chosen_row():
    guesses = {
        ("small", "close"): "head",
        ("small", "far"): "last_block",
        ("large", "close"): "last_half",
    }
    headers, rows = xf.comparison_table(CELLS, guesses, ("small", "far"), "en")
    assert headers[-2:] == ["Measured winner", "Your guess"]
    assert [r[0] for r in rows] == ["1", "2", "**▶ 3**", "4"]
    by_row = {i + 1: r for i, r in enumerate(rows)}
    assert by_row[4][1:3] == ["small · close", "Train only the classifier"]
    assert by_row[4][3] == "✓ classifier only" and by_row[4][4] == "✓ classifier only"
    assert by_row[3][3] == "**≈ whole model**"  # too close to call, highlighted
    assert by_row[3][4] == "**≈ last block**"
    assert by_row[2][3] == "✗ classifier only" and by_row[2][4] == "✗ later half"
    assert by_row[1][3] == "…" and by_row[1][4] == "—"  # not run, no guess


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_sentence_per_cell_says_agree_cannot_tell_or_disagree(lang):
    said = [xf.cell_sentence(c, lang) for c in CELLS]
    if lang == "en":
        assert "**agrees**" in said[0] and "cannot tell them apart" in said[1]
        assert "**disagrees**" in said[2] and "by 24 points" in said[2]
    else:
        assert (
            "**일치**" in said[0] and "구별할 수 없습니다" in said[1] and "**다릅니다**" in said[2]
        )
        assert not any(p in s for s in said for p in ("을(를)", "이(가)", "은(는)"))
    unfinished = xf.cell_sentence(_cell("small", "close", complete=False), lang)
    assert ("not finished" if lang == "en" else "끝나지 않았") in unfinished


def test_the_guess_and_summary_sentences():
    assert xf.guess_sentence(CELLS[0], "head", "en") == "Your guess, 'classifier only': right."
    assert "missed" in xf.guess_sentence(CELLS[0], "all", "en")
    assert xf.guess_sentence(CELLS[0], "none", "en") is None
    assert xf.summary_sentence(CELLS, "en") == (
        "Of 3 finished cells: 1 agree with the table, 1 cannot tell, 1 disagree."
    )
    assert xf.summary_sentence([], "en") is None
