"""The strategy experiment (notes 5.3.2 tested): groups trained, seeds, cache, stop, verdicts."""

from __future__ import annotations

import pytest
import torch

from core.common.errors import UserFacingError
from core.transfer_learning import experiment as ex
from core.transfer_learning.experiment import (
    AGREES,
    DISAGREES,
    TOO_CLOSE,
    ExperimentSettings,
    StrategyExperiment,
    StrategyResult,
    Trial,
    make_side,
    shapes_with_test,
)
from core.transfer_learning.frozen_pass import ActivationCache, ActivationKey
from core.transfer_learning.strategy import STRATEGY_TABLE

# tiny: 4 shape classes, 3 images per class in the large sample, 1 in the small one
TINY = ExperimentSettings(
    small_per_class=1,
    large_per_class=3,
    seeds=2,
    steps=2,
    batch_size=4,
    resolution=64,
    test_per_class=3,
)

# What each row of the notes' table names, spelled out for the bundled backbone's groups
# (stem, blocks1..7, conv_head, pool, classifier), independently of strategy.py.
ROW_GROUPS = {
    1: {"stem", *(f"blocks{i}" for i in range(1, 8)), "conv_head", "classifier"},  # everything
    2: {"blocks4", "blocks5", "blocks6", "blocks7", "conv_head", "classifier"},  # later part
    3: {"blocks7", "conv_head", "classifier"},  # a part: the last block
    4: {"classifier"},  # the classifier only
}


def tiny_sides(settings=TINY):
    close = shapes_with_test(settings.large_per_class + 1, settings.test_per_class, seed=5)
    far = shapes_with_test(settings.large_per_class + 1, settings.test_per_class, seed=9)
    return {"close": make_side(close, "close", settings), "far": make_side(far, "far", settings)}


def tiny_experiment(lite0, settings=TINY, cache=None):
    spec, _, stage_list = lite0
    return StrategyExperiment(stage_list, spec, tiny_sides(settings), settings, cache)


@pytest.fixture(scope="module")
def finished(lite0):
    return tiny_experiment(lite0).run_to_end(workers=2)


# ---------------------------------------------------------------- the groups each row trains


@pytest.mark.parametrize("row", STRATEGY_TABLE, ids=lambda r: f"row{r.number}")
def test_each_strategy_trains_exactly_the_groups_its_row_names(lite0, row):
    spec, model, stage_list = lite0
    before = {k: v.clone() for k, v in model.state_dict().items()}
    experiment = tiny_experiment(lite0)
    size = "large" if row.large_dataset else "small"
    similarity = "close" if row.similar else "far"
    run = experiment.make_run(Trial(size, similarity, row.preset, seed=0)).run_to_end()
    assert run.status == "done"
    net = run.network
    trained = {
        stage.name
        for stage in net.stages
        if any(p.requires_grad for p in stage.module.parameters())
    }
    assert trained == ROW_GROUPS[row.number]
    for stage, original in zip(net.stages, stage_list):
        params = list(stage.module.parameters())
        if stage.name in ROW_GROUPS[row.number]:
            assert all(p.requires_grad for p in params)
            assert stage.module is not original.module  # the run's own copy
        else:
            assert not any(p.requires_grad for p in params)
            assert stage.module is original.module  # shared, frozen
    # the optimizer saw exactly the trained groups' parameters; the shared model is untouched
    assert sum(p.numel() for p in net.parameters()) == sum(
        p.numel() for s in net.stages if s.name in trained for p in s.module.parameters()
    )
    for key, value in model.state_dict().items():
        assert torch.equal(value, before[key]), key


# ---------------------------------------------------------------- seeds


def test_different_seeds_give_different_numbers_and_a_seed_repeats_itself(lite0, finished):
    for cell in finished.cells():
        for result in cell.strategies.values():
            assert len(result.acc_per_seed) == TINY.seeds
    losses = {}
    for trial in finished.trials:
        losses.setdefault((trial.size, trial.similarity, trial.strategy), []).append(trial.loss)
    # the test loss is continuous: two seeds giving the same one would mean the seed is ignored
    assert all(len(set(v)) == len(v) for v in losses.values()), losses
    # ... and the same seed gives the same numbers (the spread is the seeds', not noise)
    again = tiny_experiment(lite0)
    trial = next(t for t in finished.trials if t.strategy == "last_block" and t.size == "small")
    run = again.make_run(Trial(trial.size, trial.similarity, trial.strategy, trial.seed))
    run.run_to_end()
    assert run.test_evaluation.loss == pytest.approx(trial.loss, abs=1e-6)
    assert run.test_evaluation.accuracy == trial.accuracy


def test_the_small_sample_is_drawn_per_seed_from_the_large_one():
    sides = tiny_sides()
    side = sides["far"]
    large = side.rows("large", 0, TINY)
    assert large == side.rows("large", 1, TINY) == side.pool.rows
    draws = {side.rows("small", seed, TINY) for seed in range(6)}
    assert len(draws) > 1
    for rows in draws:
        assert set(rows) <= set(large)
        labels = [side.pool.labels[i] for i in rows]
        assert sorted(labels) == list(range(len(side.class_names)))  # one per class


def test_epochs_give_every_run_about_the_same_steps():
    s = ExperimentSettings(small_per_class=4, large_per_class=16, steps=12, batch_size=8)
    assert s.epochs_for(8) == 12  # one batch per epoch
    assert s.epochs_for(32) == 3  # four batches per epoch
    assert s.epochs_for(1000) == 1


# ---------------------------------------------------------------- the shared frozen pass


def test_frozen_outputs_are_computed_once_and_every_run_finds_them(lite0, finished):
    for side in finished.sides.values():
        for image_set in (side.pool, side.test):
            for boundary in finished.boundaries():
                key = ActivationKey(image_set.images_id, TINY.backbone, TINY.resolution, boundary)
                assert key in finished.cache
    assert finished.features_done == finished.features_total > 0
    assert all(t.run.counts.cache_misses == 0 for t in finished.trials)
    assert all(t.run.counts.features_computed == 0 for t in finished.trials)


def test_a_second_experiment_on_the_same_cache_computes_no_features(lite0, finished):
    second = tiny_experiment(lite0, cache=finished.cache)
    while second.status == ex.FEATURES:
        second.advance(5.0)
    assert second.seconds_features < finished.seconds_features + 1.0
    assert second.features_done == second.features_total
    second.stop()


# ---------------------------------------------------------------- stop keeps finished cells


def test_stop_keeps_the_finished_cells(lite0):
    experiment = tiny_experiment(lite0, cache=ActivationCache())
    first = ex.CELLS[0]
    while not experiment.cell(*first).complete:
        experiment.advance(0.2)
    experiment.stop()
    assert experiment.status == ex.STOPPED
    cells = experiment.cells()
    assert cells[0].complete and cells[0].verdict is not None
    assert not any(c.complete for c in cells[1:])
    assert all(c.verdict is None for c in cells[1:])
    assert experiment.cell_progress(*first) == 1.0
    experiment.advance(1.0)  # a stopped experiment does nothing more
    assert experiment.status == ex.STOPPED


def test_a_finished_experiment_has_four_complete_cells_with_table_rows(finished):
    cells = finished.cells()
    assert [(c.size, c.similarity) for c in cells] == list(ex.CELLS)
    assert all(c.complete for c in cells)
    rows = {(c.size, c.similarity): c.row.number for c in cells}
    assert rows == {
        ("large", "far"): 1,
        ("large", "close"): 2,
        ("small", "far"): 3,
        ("small", "close"): 4,
    }
    for cell in cells:
        assert set(cell.strategies) == set(ex.STRATEGIES)
        assert cell.n_train == 4 * TINY.per_class(cell.size)
        v = cell.verdict
        assert v.expected == cell.row.preset
        assert 0.0 <= cell.strategies[v.winner].acc_mean <= 1.0
    assert finished.progress() == 1.0


# ---------------------------------------------------------------- verdicts


def _results(**accs):
    return {
        name: StrategyResult(name, (), acc_per_seed=list(accs.get(name, [0.5, 0.5])))
        for name in ex.STRATEGIES
    }


ROW4 = STRATEGY_TABLE[3]  # small, similar: the classifier only


def test_verdict_agrees_when_the_tables_strategy_has_the_best_mean():
    v = ex.verdict(ROW4, _results(head=[0.9, 0.92], all=[0.8, 0.85]))
    assert (v.kind, v.winner, v.expected, v.margin) == (AGREES, "head", "head", 0.0)


def test_a_tie_goes_to_the_table():
    v = ex.verdict(ROW4, _results(head=[0.9, 0.9], all=[0.9, 0.9]))
    assert (v.kind, v.winner) == (AGREES, "head")


def test_verdict_is_too_close_when_the_gap_is_within_the_seeds_spread():
    # all: mean 0.85, sd 0.0707; head: mean 0.80, sd 0: gap 0.05 < 0.0707
    v = ex.verdict(ROW4, _results(head=[0.8, 0.8], all=[0.8, 0.9]))
    assert (v.kind, v.winner) == (TOO_CLOSE, "all")
    assert v.margin == pytest.approx(0.05)
    assert v.noise == pytest.approx(0.0707, abs=1e-4)


def test_verdict_disagrees_when_another_strategy_wins_by_more_than_the_spread():
    v = ex.verdict(ROW4, _results(head=[0.6, 0.62], last_block=[0.9, 0.91]))
    assert (v.kind, v.winner) == (DISAGREES, "last_block")
    assert v.margin == pytest.approx(0.295)


def test_spread_is_the_sample_standard_deviation():
    r = StrategyResult("head", (), acc_per_seed=[0.5, 0.7, 0.9])
    assert r.acc_mean == pytest.approx(0.7)
    assert r.acc_spread == pytest.approx(0.2)
    assert StrategyResult("head", (), acc_per_seed=[0.5]).acc_spread == 0.0


def test_a_guess_is_checked_against_the_winner_and_the_spread():
    results = _results(head=[0.6, 0.62], last_block=[0.9, 0.91], all=[0.85, 0.95])
    cell = ex.CellResult("small", "close", ROW4, 8, 50, 12, results, complete=True)
    assert cell.verdict.winner == "last_block"
    assert ex.guess_verdict("last_block", cell) == AGREES
    assert ex.guess_verdict("all", cell) == TOO_CLOSE  # 0.005 behind, sd 0.07
    assert ex.guess_verdict("head", cell) == DISAGREES
    assert ex.guess_verdict(None, cell) is None
    incomplete = ex.CellResult("small", "close", ROW4, 8, 50, 12, results, complete=False)
    assert ex.guess_verdict("head", incomplete) is None


# ---------------------------------------------------------------- the datasets


def test_a_side_uses_the_test_split_and_caps_every_sample_per_class():
    data = shapes_with_test(6, 5, seed=2)
    side = make_side(data, "far", TINY)
    assert len(side.pool.rows) == 4 * TINY.large_per_class
    assert len(side.test.rows) == 4 * TINY.test_per_class
    train_pixels = {img.tobytes() for img in data.images}
    assert not any(img.tobytes() in train_pixels for img in side.test.images)


def test_without_a_test_split_a_side_tests_on_the_validation_images():
    plain = ex.synthetic_shapes(8, 3).with_split(0.25, 0)
    side = make_side(plain, "close", TINY)
    train_rows, val_rows = plain.split()
    val_pixels = {plain.images[i].tobytes() for i in val_rows}
    assert all(img.tobytes() in val_pixels for img in side.test.images)
    assert not any(img.tobytes() in val_pixels for img in side.pool.images)


def test_too_few_images_for_the_large_sample_is_a_clear_error():
    data = shapes_with_test(2, 2)
    with pytest.raises(UserFacingError) as err:
        make_side(data, "far", ExperimentSettings(small_per_class=2, large_per_class=4))
    assert err.value.key == "transfer_learning.experiment.too_few_images"


def test_settings_refuse_a_small_sample_not_smaller_than_the_large_one():
    with pytest.raises(ValueError):
        ExperimentSettings(small_per_class=8, large_per_class=8)
