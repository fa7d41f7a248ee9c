"""Transfer lab runs: they learn, stop, keep the shared model intact, and do not interfere."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from core.common import backbones
from core.transfer_learning import speed
from core.transfer_learning import strategy as transfer
from core.transfer_learning.frozen_pass import ActivationCache, ActivationKey
from core.transfer_learning.image_folder import load_image_folder
from core.transfer_learning.plan import ImageSet, RunSettings
from core.transfer_learning.results import (
    confusion_matrix,
    load_weights_file,
    loading_snippet,
    mistakes,
    per_class_accuracy,
    runs_table,
    summarize,
    weights_file,
)
from core.transfer_learning.speed import SpeedEstimate, measure_speed
from core.transfer_learning.training import (
    DIVERGED,
    DONE,
    NAN,
    STOPPED,
    RunSlots,
    TrainingRun,
)
from tests.core.transfer_learning.runs import NAME, training_run


def _state(model):
    return {k: v.clone() for k, v in model.state_dict().items()}


@pytest.mark.parametrize("preset", ["head", "last_block", "all"])
def test_a_run_learns_and_leaves_the_shared_model_bit_identical(lite0, shapes, preset):
    spec, model, stage_list = lite0
    before = _state(model)
    flags = [(p.requires_grad, p.grad) for p in model.parameters()]
    run = training_run(lite0, shapes, preset, cache=ActivationCache()).run_to_end()
    assert run.status == DONE, (run.message_key, run.error)
    assert run.epochs_done == 3 and len(run.history) == 3
    assert run.history[-1].train_loss < run.history[0].train_loss
    assert run.evaluation.accuracy > 1 / len(shapes.class_names)
    after = model.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before), "the shared model is untouched"
    assert [(p.requires_grad, p.grad) for p in model.parameters()] == flags
    assert not any(m.training for m in model.modules())
    assert run.progress() == 1.0 and run.eta_seconds() == 0.0


def test_the_second_run_reuses_the_cache_and_matches_a_fresh_computation(lite0, shapes):
    cache = ActivationCache()
    first = training_run(lite0, shapes, cache=cache).run_to_end()
    assert first.counts.cache_misses == 1 and first.counts.cache_hits == 0
    second = training_run(lite0, shapes, cache=cache, settings=dict(lr=3e-4)).run_to_end()
    assert second.counts.cache_hits == 1 and second.counts.cache_misses == 0
    same = training_run(lite0, shapes, cache=cache).run_to_end()
    fresh = training_run(lite0, shapes, cache=None).run_to_end()  # recomputes everything
    for a, b in zip(same.history, fresh.history):
        assert a.val_loss == pytest.approx(b.val_loss, rel=1e-4)
        assert a.val_acc == b.val_acc


def test_two_runs_advanced_in_turns_equal_each_run_alone(lite0, shapes):
    """Two sessions training at once share the model and the cache but nothing else."""
    cache = ActivationCache()
    alone_a = training_run(lite0, shapes, "last_block", cache=None).run_to_end()
    alone_b = training_run(lite0, shapes, "head", cache=None, settings=dict(lr=3e-3)).run_to_end()
    a = training_run(lite0, shapes, "last_block", cache=cache)
    b = training_run(lite0, shapes, "head", cache=cache, settings=dict(lr=3e-3))
    while not (a.finished and b.finished):
        a.advance(0.01)
        b.advance(0.01)
    for x, y in ((a, alone_a), (b, alone_b)):
        assert [r.val_acc for r in x.history] == [r.val_acc for r in y.history]
        np.testing.assert_allclose(
            [r.train_loss for r in x.history], [r.train_loss for r in y.history], rtol=1e-4
        )


def test_stop_keeps_what_was_learned(lite0, shapes):
    run = training_run(lite0, shapes, settings=dict(epochs=30, batch_size=4))
    while run.epochs_done < 2:
        run.advance(0.01)
    done = run.epochs_done
    run.advance(0.0)  # at least one more step into the next epoch
    run.stop()
    assert run.status == STOPPED and run.message_key == "transfer_learning.run.stopped_in_epoch"
    assert 2 <= run.epochs_done == done < 30
    images = (run.epochs_trained - done) * len(run.train_set.rows)  # whole batches of four
    assert 0 < images <= len(run.train_set.rows) and images % 4 == 0
    assert run.message_params["epoch"] == done + 1
    assert run.evaluation is not None
    model = run.finetuned_model()
    assert model is not None and model.class_names == shapes.class_names
    stopped_early = training_run(lite0, shapes)
    stopped_early.advance(0.0)  # inside the frozen pass
    stopped_early.stop()
    assert stopped_early.status == STOPPED
    assert stopped_early.message_key == "transfer_learning.run.stopped_early"
    assert stopped_early.finetuned_model() is None and summarize(stopped_early) is None


def test_a_huge_learning_rate_stops_with_an_explanation_and_finite_weights(lite0, shapes):
    run = training_run(lite0, shapes, settings=dict(lr=1e6, optimizer="sgd", epochs=5)).run_to_end()
    assert run.status in (NAN, DIVERGED), run.status
    assert run.message_key in ("transfer_learning.run.nan", "transfer_learning.run.diverged")
    assert run.message_params["lr"] == 1e6
    assert all(torch.isfinite(p).all() for p in run.network.parameters()), "last good weights"
    assert run.evaluation is not None


def test_the_finetuned_model_hands_over_to_the_feature_map_lab(lite0, shapes):
    spec, model, stage_list = lite0
    run = training_run(lite0, shapes, "last_block", label="#1 test").run_to_end()
    ft = run.finetuned_model()
    assert ft.backbone == NAME and ft.resolution == 96 and ft.label == "#1 test"
    assert ft.settings["trainable"] == ["blocks7", "conv_head", "classifier"]
    json.dumps(ft.settings)
    trained = set(ft.settings["trainable"])
    for shared, stage in zip(stage_list, ft.stages):
        assert (stage.module is shared.module) == (stage.name not in trained)
    x = torch.randn(2, 3, 96, 96)
    with torch.no_grad():
        logits = ft.model(x)
        expected = run.network(backbones.run_stages(stage_list, x, 0, run.network.boundary))
    assert logits.shape == (2, len(shapes.class_names))
    torch.testing.assert_close(logits, expected)


def test_results_confusion_mistakes_and_downloads(lite0, shapes):
    spec = lite0[0]
    run = training_run(lite0, shapes).run_to_end()
    ev = run.evaluation
    summary = summarize(run)
    # independent count of the confusion matrix
    k = len(shapes.class_names)
    manual = np.zeros((k, k), dtype=int)
    for t, p in zip(ev.labels, ev.predicted):
        manual[t, p] += 1
    assert np.array_equal(summary.confusion, manual)
    assert summary.accuracy == pytest.approx(np.trace(manual) / manual.sum())
    np.testing.assert_allclose(per_class_accuracy(manual), np.diag(manual) / manual.sum(1))
    wrong = mistakes(ev)
    assert len(wrong) == int((ev.labels != ev.predicted).sum())
    assert all(m.true != m.predicted for m in wrong)
    assert [m.confidence for m in wrong] == sorted((m.confidence for m in wrong), reverse=True)
    data = json.loads(summary.to_json())
    assert data["settings"]["lr"] == 1e-3 and len(data["history"]) == 3
    tensors = load_weights_file(weights_file(run, spec))
    assert set(tensors) == {"classifier.weight", "classifier.bias"}
    assert tensors["classifier.weight"].shape == (k, 1280)
    head = run.network.stages[-1].module
    assert torch.equal(tensors["classifier.weight"], head.weight)


def test_confusion_matrix_of_a_known_example():
    m = confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 4)
    assert m.tolist() == [[1, 1, 0, 0], [0, 1, 0, 0], [1, 0, 2, 0], [0, 0, 0, 0]]
    acc = per_class_accuracy(m)
    assert acc[:3].tolist() == [0.5, 1.0, 2 / 3] and np.isnan(acc[3])


class _StandInPipeline:
    """The augmentation lab's contract: ``to_transform(size)`` -> PIL -> PIL of size x size."""

    def to_transform(self, size):
        from torchvision import transforms as T

        return T.Compose([T.RandomResizedCrop(size, scale=(0.3, 1.0)), T.RandomHorizontalFlip()])


def _real_pipeline():
    from core.augmentation.pipeline import AugmentPipeline  # the augmentation lab's own class

    return AugmentPipeline(scale=(0.3, 1.0))


@pytest.mark.parametrize("make_pipeline", [_StandInPipeline, _real_pipeline])
def test_training_with_the_augmentation_pipeline_caches_fixed_views(lite0, shapes, make_pipeline):
    cache = ActivationCache()
    pipeline = make_pipeline()

    def augmented_run():
        return training_run(
            lite0,
            shapes,
            "head",
            cache=cache,
            augment=pipeline.to_transform,
            augment_id="standin",
            settings=dict(augment=True, views=2),
        ).run_to_end()

    run = augmented_run()
    assert run.status == DONE
    views = [k for k in cache._entries if k.view.startswith("aug")]
    assert sorted(k.view for k in views) == ["aug0", "aug1"]
    assert not torch.equal(cache.get(views[0]), cache.get(views[1])), "two different views"
    plain = ActivationKey(shapes.fingerprint, NAME, 96, run.plan.boundary)
    assert plain in cache, "validation images are not augmented"
    again = augmented_run()
    assert again.counts.cache_hits == 3 and again.counts.cache_misses == 0
    fresh = training_run(
        lite0,
        shapes,
        "all",
        cache=cache,
        augment=pipeline.to_transform,
        augment_id="standin",
        settings=dict(augment=True, views=0, epochs=1),
    )
    assert fresh.plan.fresh_augment
    assert fresh.run_to_end().status == DONE


def test_run_slots_queue_in_order_and_forget_visitors_who_left():
    now = [0.0]
    slots = RunSlots(capacity=1, stale_after=10, clock=lambda: now[0])
    assert slots.request("a") == 0
    assert slots.request("b") == 1 and slots.request("c") == 2
    assert slots.request("a") == 0 and slots.running == 1 and slots.waiting == 2
    slots.release("a")
    assert slots.request("c") == 2, "c stays behind b"
    assert slots.request("b") == 0
    now[0] = 5
    assert slots.request("c") == 1
    now[0] = 16  # b stopped asking 16 s ago: the visitor left
    assert slots.request("c") == 0


def test_run_time_plan_adds_the_frozen_pass_views_and_epochs():
    est = SpeedEstimate(pixels=0.001, frozen=0.01, train=0.002, evaluate=0.0005)
    first, total = est.run_seconds(20, 10, 5, epochs=3, views=2, cached=False)
    assert first == pytest.approx(20 * 0.011 + 2 * 10 * 0.011)  # all images, then 2 views of train
    assert total == pytest.approx(first + 3 * (10 * 0.002 + 5 * 0.0005))
    first, total = est.run_seconds(20, 10, 5, epochs=3, views=0, cached=True)
    assert first == 0 and total == pytest.approx(3 * (10 * 0.002 + 5 * 0.0005))


def test_measure_speed_gives_positive_per_image_times_and_memory(lite0):
    spec, model, stage_list = lite0
    est = measure_speed(stage_list, spec, ("blocks7", "conv_head", "classifier"), 3, 96, 8)
    assert est.pixels > 0 and est.frozen > 0 and est.train > 0 and est.evaluate > 0
    assert est.epoch_seconds(10, 5) == pytest.approx(10 * est.train + 5 * est.evaluate)
    head = measure_speed(stage_list, spec, ("classifier",), 3, 96, 8)
    # a linear head keeps its input (1280 floats per image) for backward, little else
    assert 1280 * 4 <= head.train_bytes <= 4 * 1280 * 4
    everything = measure_speed(stage_list, spec, [s.name for s in stage_list], 3, 96, 8)
    assert head.train_bytes < est.train_bytes < everything.train_bytes
    bigger = measure_speed(stage_list, spec, [s.name for s in stage_list], 3, 192, 8)
    assert bigger.train_bytes == pytest.approx(4 * everything.train_bytes, rel=0.15)
    assert est.training_memory(16, 1000) == 16 * est.train_bytes + 12_000


def test_the_probe_times_a_runs_batch_unless_its_activations_would_pass_the_cap(lite0, monkeypatch):
    spec, model, stage_list = lite0
    last = ("blocks7", "conv_head", "classifier")
    assert measure_speed(stage_list, spec, last, 3, 96, 8).probe_images == 8
    assert measure_speed(stage_list, spec, last, 3, 96, 64).probe_images == speed.PROBE_BATCH
    one = measure_speed(stage_list, spec, last, 3, 96, 1)
    assert one.probe_images == 1
    monkeypatch.setattr(speed, "PROBE_MB", 3.5 * one.train_bytes / 2**20)  # room for 3
    assert measure_speed(stage_list, spec, last, 3, 96, 8).probe_images == 3


def test_measure_speed_leaves_no_autograd_graph_behind(lite0):
    """Its memory probe once returned the saved tensors themselves from the pack hook: a
    saved output then held its own grad_fn, a cycle that leaked the whole graph (0.7 GB
    for Lite0 at 160 px, on every new setting). Leaked tensors stay visible to gc."""
    import gc

    spec, model, stage_list = lite0
    names = [s.name for s in stage_list]

    def live_tensors() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if issubclass(type(o), torch.Tensor))

    measure_speed(stage_list, spec, names, 3, 64, 4)  # warm-up: lazily created tensors
    before = live_tensors()
    measure_speed(stage_list, spec, names, 3, 64, 4)
    assert live_tensors() - before < 10


def test_head_only_on_the_book_data_reaches_90_percent(lite0, book_dir):
    """The book's feature extraction (its cats and dogs), small resolution, few epochs."""
    spec, model, stage_list = lite0
    train = load_image_folder(book_dir / "catanddog" / "train")
    test = load_image_folder(book_dir / "catanddog" / "test")
    assert train.class_names == test.class_names == ("Cat", "Dog")
    infos = transfer.group_infos(stage_list, 2)
    s = RunSettings(
        NAME,
        transfer.trainable_names(infos, "head"),
        "head",
        epochs=4,
        lr=1e-3,
        batch_size=16,
        optimizer="adam",
        resolution=128,
    )
    run = TrainingRun(
        stage_list,
        spec,
        s,
        ImageSet(train.images, train.fingerprint, tuple(range(len(train))), train.labels),
        ImageSet(test.images, test.fingerprint, tuple(range(len(test))), test.labels),
        train.class_names,
    ).run_to_end()
    assert run.status == DONE
    assert run.evaluation.accuracy >= 0.9, run.history


def test_outputs_too_big_for_the_cache_still_train_and_say_so(lite0, shapes):
    tiny = ActivationCache(max_bytes=1000)
    run = training_run(lite0, shapes, cache=tiny).run_to_end()
    assert run.status == DONE and not run.counts.cached_ok and len(tiny) == 0
    assert training_run(lite0, shapes, cache=ActivationCache()).run_to_end().counts.cached_ok


def test_the_loading_snippet_rebuilds_the_trained_model(lite0, shapes, tmp_path, monkeypatch):
    spec = lite0[0]
    run = training_run(lite0, shapes).run_to_end()
    (tmp_path / "weights.safetensors").write_bytes(weights_file(run, spec))
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(loading_snippet(run), scope)  # as a student pastes it, beside the downloaded file
    model, trained = scope["model"], run.network.stages[-1].module
    assert torch.equal(backbones.head_linear(model, spec)[1].weight, trained.weight)
    x = torch.randn(2, 3, 96, 96, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        logits = model.eval()(x)
        expected = backbones.run_stages(run.network.stages, x, 0)  # the run's own network
    assert logits.shape == (2, len(shapes.class_names))
    torch.testing.assert_close(logits, expected, rtol=1e-4, atol=1e-5)


def test_a_run_stopped_inside_its_first_epoch_is_one_point_at_a_fraction(lite0, shapes):
    """Its weights are kept and evaluated; no epoch finished, so it has no curve, but the
    runs comparison and table show it where it stopped."""
    run = training_run(lite0, shapes, settings=dict(epochs=10, batch_size=4))
    while run.steps_done < 2:
        run.advance(0.0)
    run.stop()
    assert run.epochs_done == 0 and run.message_key == "transfer_learning.run.stopped_in_epoch"
    part = 8 / len(run.train_set.rows)
    assert run.epochs_trained == pytest.approx(part)
    assert run.message_params["epoch"] == 1 and run.message_params["part"] == pytest.approx(part)
    summary = summarize(run)
    assert summary.validation_points == (
        (pytest.approx(part), run.evaluation.accuracy, run.evaluation.loss),
    )
    _, rows = runs_table([summary], "en")
    assert rows[0][4] == f"{part:.1f}/10"
