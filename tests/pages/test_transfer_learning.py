"""The transfer lab in AppTest: widgets by key, a live run ticked one ``run()`` at a time."""

from __future__ import annotations

import pytest

from tests.conftest import make_app
from ui.common.handover import FINETUNED_KEY, PIPELINE_KEY

PAGE = "pages/transfer_learning.py"
MAX_TICKS = 80


def _app(lang: str = "en", projector: bool = False, **params):
    at = make_app(PAGE, lang=lang, projector=projector, tl_data_per_class="6", **params)
    at.run()
    _ok(at)
    return at


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _tick_until(at, done, limit: int = MAX_TICKS):
    for _ in range(limit):
        if done(at.session_state["tl_state"].training.run):
            return
        at.run()  # one tick of the live panel (fragment timers never fire in AppTest)
        _ok(at)
    raise AssertionError("the run did not get there in time")


def test_the_page_draws_every_control_by_key():
    at = _app()
    for key in (
        "tl_backbone",
        "tl_preset",
        "tl_epochs",
        "tl_lr",
        "tl_batch",
        "tl_res",
        "tl_start",
        "tl_stop",
        "tl_groups",
    ):
        assert at.get_by_key(key) is not None, key
    assert at.session_state["tl_preset"] == "head"
    assert at.session_state["tl_groups"] == ["classifier"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Trainable parameters"] == "5.1k"  # Linear(1280, 4): the 4 shapes
    assert metrics["Frozen parameters"] == "3.37M"
    assert "Estimated time per epoch" in metrics
    assert at.button(key="tl_stop").disabled and not at.button(key="tl_start").disabled
    assert at.query_params["tl_preset"] == "head" and at.query_params["tl_lr"] == "0.001"


def test_links_set_the_lab_and_bad_values_fall_back_with_a_message():
    at = _app(tl_preset="last_block", tl_res="128", tl_epochs="3")
    assert at.session_state["tl_groups"] == ["blocks7", "conv_head", "classifier"]
    assert at.session_state["tl_res"] == 128 and at.session_state["tl_epochs"] == 3
    bad = _app(tl_lr="5", tl_groups="../../etc")
    assert bad.session_state["tl_lr"] == 0.001
    assert any("tl_lr=5" in w.value for w in bad.warning)


def test_presets_groups_and_the_strategy_advisor_by_key():
    at = _app()
    at.radio(key="tl_preset").set_value("last_half").run()
    _ok(at)
    assert at.session_state["tl_groups"] == [
        "blocks4",
        "blocks5",
        "blocks6",
        "blocks7",
        "conv_head",
        "classifier",
    ]
    assert at.session_state["tl_lr"] == 1e-4, "a fine-tuning preset brings its learning rate"
    at.pills(key="tl_groups").set_value(["stem", "classifier"]).run()
    _ok(at)
    assert at.session_state["tl_preset"] == "custom"
    at.pills(key="tl_groups").set_value([]).run()
    assert at.session_state["tl_groups"] == ["classifier"], "the new classifier always trains"
    assert at.session_state["tl_preset"] == "head"
    at.radio(key="tl_adv_size").set_value("large").run()
    at.radio(key="tl_adv_similar").set_value("different").run()
    assert any("row 1" in i.value for i in at.info)
    at.button(key="tl_adv_apply").click().run()
    _ok(at)
    assert at.session_state["tl_preset"] == "all"


def test_a_one_epoch_run_on_the_offline_shapes_ticks_to_its_results():
    at = _app()
    at.slider(key="tl_epochs").set_value(1).run()
    at.button(key="tl_start").click().run()
    _ok(at)
    run = at.session_state["tl_state"].training.run
    assert run is not None
    _tick_until(at, lambda r: r.finished)
    at.run()
    _ok(at)
    run = at.session_state["tl_state"].training.run
    assert run.status == "done" and run.epochs_done == 1
    assert any("Trained 1 epoch." in s.value for s in at.success)
    labels = [m.label for m in at.metric]
    assert "Validation accuracy" in labels
    assert len(at.session_state["tl_state"].training.runs) == 1
    models = at.session_state[FINETUNED_KEY]
    assert list(models) == [run.label] and models[run.label].class_names == run.class_names
    assert at.get("download_button"), "weights and settings can be downloaded"
    assert any(b.proto.id.endswith("tl_notebook") for b in at.get("download_button"))
    assert at.button(key="tl_stop").disabled


def test_stop_keeps_what_was_learned():
    at = _app(tl_preset="last_block", tl_epochs="30", tl_lr="0.0003")
    at.button(key="tl_start").click().run()
    _tick_until(at, lambda r: r.epochs_done >= 1)
    assert not at.button(key="tl_stop").disabled
    at.button(key="tl_stop").click().run()
    _ok(at)
    run = at.session_state["tl_state"].training.run
    assert run.status == "stopped" and 1 <= run.epochs_done < 30
    assert any("Stopped" in w.value for w in at.warning)
    assert len(at.session_state["tl_state"].training.runs) == 1 and at.session_state[FINETUNED_KEY]


def test_a_run_stopped_in_its_first_epoch_is_one_point_in_the_comparison():
    # everything trains, four images a step, a dozen steps an epoch: one tick stops inside it
    at = make_app(PAGE, lang="en", tl_data_per_class="30", tl_preset="all", tl_batch="4")
    at.run()
    at.button(key="tl_start").click().run()
    _tick_until(at, lambda r: r.steps_done >= 1)
    at.button(key="tl_stop").click().run()
    _ok(at)
    run = at.session_state["tl_state"].training.run
    assert run.epochs_done == 0 and 0 < run.epochs_trained < 1
    assert any("of the way through epoch 1" in w.value for w in at.warning)
    assert any("No epoch finished, so there is no curve" in c.value for c in at.caption)
    import json

    chart = next(
        json.loads(e.proto.spec)
        for e in at.get("plotly_chart")
        if e.proto.id.endswith("tl_runs_chart")
    )
    assert chart["data"][0]["x"] == [run.epochs_trained]
    assert chart["data"][0]["y"] == [run.evaluation.accuracy]


def test_a_full_server_queues_the_run_with_a_message():
    from ui.transfer_learning.training import MAX_PARALLEL_RUNS, run_slots

    slots = run_slots()  # the process-wide resource the page uses
    others = [f"other-session-{i}" for i in range(MAX_PARALLEL_RUNS)]
    try:
        for other in others:
            assert slots.request(other) == 0
        at = _app(tl_epochs="1")
        at.button(key="tl_start").click().run()
        _ok(at)
        assert any("Waiting" in i.value for i in at.info)
        assert at.session_state["tl_state"].training.run.epochs_done == 0
        slots.release(others[0])
        _tick_until(at, lambda r: r.finished)
        assert at.session_state["tl_state"].training.run.status == "done"
    finally:
        for other in others:
            slots.release(other)


def test_settings_that_need_too_much_memory_cannot_start():
    at = _app(tl_preset="all", tl_res="224", tl_batch="64")
    assert any("MB of memory" in e.value for e in at.error)
    assert at.button(key="tl_start").disabled
    at.select_slider(key="tl_batch").set_value(4).run()
    at.select_slider(key="tl_res").set_value(96).run()
    _ok(at)
    assert not at.button(key="tl_start").disabled


def test_two_sessions_train_at_the_same_time_without_touching_each_other():
    a = _app(tl_epochs="2")
    b = _app(tl_epochs="3", tl_preset="last_block", tl_lr="0.0003")
    a.button(key="tl_start").click().run()
    b.button(key="tl_start").click().run()
    for _ in range(MAX_TICKS):  # their ticks interleave, as two browsers' would
        runs = [a.session_state["tl_state"].training.run, b.session_state["tl_state"].training.run]
        if all(r.finished for r in runs):
            break
        for at, r in zip((a, b), runs):
            if not r.finished:
                at.run()
                _ok(at)
    run_a, run_b = (
        a.session_state["tl_state"].training.run,
        b.session_state["tl_state"].training.run,
    )
    assert run_a.status == run_b.status == "done"
    assert (run_a.epochs_done, run_b.epochs_done) == (2, 3)
    assert run_a.settings.preset == "head" and run_b.settings.preset == "last_block"
    models_a, models_b = a.session_state[FINETUNED_KEY], b.session_state[FINETUNED_KEY]
    assert len(models_a) == len(models_b) == 1
    head_a = list(models_a.values())[0].stages[-1].module
    head_b = list(models_b.values())[0].stages[-1].module
    assert head_a is not head_b


class _StandInPipeline:
    def to_transform(self, size):
        from torchvision import transforms as T

        return T.Compose([T.RandomResizedCrop(size, scale=(0.3, 1.0)), T.RandomHorizontalFlip()])

    def __repr__(self) -> str:
        return "StandIn(scale=(0.3, 1.0), flip)"


def test_training_with_the_augmentation_labs_pipeline():
    at = _app(tl_epochs="1")
    assert any("augmentation lab" in c.value for c in at.caption)
    at.session_state[PIPELINE_KEY] = _StandInPipeline()
    at.run()
    at.toggle(key="tl_augment").set_value(True).run()
    _ok(at)
    assert at.slider(key="tl_views").value == 2
    assert any("augmented views per training image are made once" in c.value for c in at.caption)
    at.button(key="tl_start").click().run()
    _tick_until(at, lambda r: r.finished)
    run = at.session_state["tl_state"].training.run
    assert run.status == "done" and run.settings.augment and run.settings.views == 2


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_projector_mode_in_both_languages(lang):
    at = _app(lang=lang, projector=True)
    assert ("전이 학습" in at.title[0].value) == (lang == "ko")


def test_the_augmentation_labs_own_pipeline_after_visiting_that_lab():
    at = make_app("pages/augmentation.py", lang="en", tl_data_per_class="6", tl_epochs="1")
    at.run()
    at.switch_page("pages/augmentation.py")
    at.run()
    assert PIPELINE_KEY in at.session_state
    at.switch_page(PAGE)
    at.run()
    _ok(at)
    at.toggle(key="tl_augment").set_value(True).run()
    at.button(key="tl_start").click().run()
    _tick_until(at, lambda r: r.finished)
    run = at.session_state["tl_state"].training.run
    assert run.status == "done" and run.settings.augment and run.settings.views == 2


def test_the_link_marks_a_running_run_and_a_reopened_link_says_it_was_lost():
    from core.common.i18n import t

    at = _app(tl_preset="last_block", tl_epochs="30", tl_lr="0.0003")
    at.button(key="tl_start").click().run()
    _ok(at)
    assert at.query_params["tl_run"] == "1"
    lost = t("transfer_learning.run.lost", "en")
    at.run()
    assert lost not in [i.value for i in at.info], "its own run is not lost"
    # the server restarts: the same link opens in a new session
    again = make_app("pages/transfer_learning.py", **dict(at.query_params.items()))
    again.run()
    _ok(again)
    assert lost in [i.value for i in again.info]
    assert "tl_run" not in again.query_params
    assert (
        again.session_state["tl_epochs"] == 30 and again.session_state["tl_preset"] == "last_block"
    )
    again.run()
    assert lost not in [i.value for i in again.info], "said once"
    at.button(key="tl_stop").click().run()
    _ok(at)
    assert "tl_run" not in at.query_params, "a finished run leaves the link"


def test_the_notebook_waits_for_a_finished_run():
    at = _app()
    _ok(at)
    assert not any(b.proto.id.endswith("tl_notebook") for b in at.get("download_button"))
    assert "Once a run has trained, you can download it as a notebook." in [
        c.value for c in at.caption
    ]


def test_the_results_panel_and_its_downloads_hold_the_runs_own_numbers(monkeypatch):
    """What the panel shows and what its buttons hand out, against the finished run."""
    import json
    import re

    import numpy as np
    import torch
    from safetensors.torch import load
    from streamlit.delta_generator import DeltaGenerator

    from core.transfer_learning.network import trained_state_dict

    handed_out = {}
    real = DeltaGenerator.download_button

    def recording(self, label, data, *args, **kwargs):
        handed_out[kwargs.get("key")] = data() if callable(data) else data
        return real(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    at = _app(tl_epochs="1")
    at.button(key="tl_start").click().run()
    _tick_until(at, lambda r: r.finished)
    at.run()
    _ok(at)
    run = at.session_state["tl_state"].training.run
    ev = run.evaluation
    accuracy = float(np.mean(np.asarray(ev.labels) == np.asarray(ev.predicted)))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Validation accuracy"] == f"{accuracy * 100:.1f}%"
    trainable = sum(p.numel() for p in run.network.parameters() if p.requires_grad)
    assert metrics["Trainable parameters"] == f"{trainable / 1000:.1f}k"
    for k, name in enumerate(run.class_names):  # the per-class table, row by row
        mine = np.asarray(ev.labels) == k
        correct = float(np.mean(np.asarray(ev.predicted)[mine] == k))
        row = f"| {name} | {int(mine.sum())} | {correct * 100:.1f}% |"
        shown = [re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown]  # as read on the page
        assert any(row in text for text in shown), row

    weights = load(handed_out["tl_download_weights"])
    expected = trained_state_dict(run.network, run.spec)
    assert weights.keys() == expected.keys()
    assert all(torch.equal(weights[k], expected[k]) for k in expected)
    settings = json.loads(handed_out["tl_download_settings"])
    assert settings["validation_accuracy"] == round(accuracy, 6)
    assert settings["class_names"] == list(run.class_names)
    assert settings["settings"]["epochs"] == 1


def test_choosing_a_strategy_says_it_set_the_learning_rate():
    at = _app()
    at.radio(key="tl_preset").set_value("last_block").run()
    _ok(at)
    assert at.select_slider(key="tl_lr").value == 0.0003
    assert "this strategy's usual value (set when you pick one)" in [c.value for c in at.caption]
    at.select_slider(key="tl_lr").set_value(0.001).run()
    assert "this strategy's usual value: 0.0003" in [c.value for c in at.caption]


def test_the_result_card_shows_the_wait_and_says_when_the_frozen_part_came_from_the_cache():
    from core.transfer_learning.figures import format_seconds
    from ui.transfer_learning.training import activation_cache

    activation_cache.clear()  # other tests of this process may have cached these images
    at = _app(tl_epochs="1")
    captions = []
    for _ in range(2):  # the same settings twice
        at.button(key="tl_start").click().run()
        _tick_until(at, lambda r: r.finished)
        at.run()
        _ok(at)
        run = at.session_state["tl_state"].training.run
        metrics = {m.label: m.value for m in at.metric}
        assert metrics["Time waited"] == format_seconds(run.wall_seconds, "en")
        assert run.wall_seconds >= run.seconds
        captions.append(" ".join(c.value for c in at.caption if c.value.startswith("computing")))
    first, second = captions
    assert "of it" in first and "from the cache" not in first, first
    assert "the frozen part's output from the cache" in second, second


def test_the_default_engine_computes_the_frozen_part_once_it_is_ready(monkeypatch):
    """Unset, the engine is auto: OpenVINO (installed by requirements.txt). The first run
    computes with eager while the export runs in the background; the next run's frozen part
    is computed by OpenVINO, says so, and learns the same within float tolerance."""
    from core.transfer_learning import engines
    from ui.transfer_learning.training import activation_cache

    monkeypatch.delenv(engines.ENGINE_ENV, raising=False)
    monkeypatch.setattr(engines, "_SHELF", None)
    activation_cache.clear()
    at = _app(tl_epochs="1")
    losses = []
    for _ in range(2):
        at.button(key="tl_start").click().run()
        _tick_until(at, lambda r: r.finished)
        run = at.session_state["tl_state"].training.run
        losses.append(run.history[0].train_loss)
        if len(losses) == 1:
            assert run.counts.engine == engines.EAGER
            s = run.settings
            shelf = engines.engine_shelf()
            ready = shelf.wait(s.backbone, run.stage_list, run.plan.boundary, s.resolution)
            assert ready == engines.OPENVINO, shelf.error()
            activation_cache.clear()  # the second run computes its frozen part again
    at.run()
    _ok(at)
    assert run.counts.engine == engines.OPENVINO
    assert any("computed with OpenVINO" in c.value for c in at.caption)
    assert losses[1] == pytest.approx(losses[0], rel=1e-3)
