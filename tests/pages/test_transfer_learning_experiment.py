"""The strategy experiment in AppTest, end to end on tiny data: guesses in the link, Start,
progress per cell, the reveal (grid, table, sentences), Stop keeping finished cells."""

from __future__ import annotations

from dataclasses import replace

from tests.conftest import make_app

PAGE = "pages/transfer_learning.py"
# tiny: the lab's shapes (6 per class) as the "close" side, drawn shapes as the far side,
# 1 vs 2 images per class, 2 seeds, 1 step per run, 2 test images per class
TINY = dict(
    tl_data_per_class="6",
    tl_x_small="1",
    tl_x_large="2",
    tl_x_seeds="2",
    tl_x_steps="1",
    tl_x_test="2",
)
MAX_TICKS = 200


def _app(lang: str = "en", **params):
    at = make_app(PAGE, lang=lang, **{**TINY, **params})
    at.run()
    _ok(at)
    return at


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _experiment(at):
    return at.session_state["tl_state"].experiment.experiment


def _tick_until(at, done, limit: int = MAX_TICKS) -> None:
    for _ in range(limit):
        if done(_experiment(at)):
            return
        at.run()  # one tick of the live panel (fragment timers never fire in AppTest)
        _ok(at)
    raise AssertionError("the experiment did not get there in time")


def _text(at, key: str) -> str:
    container = at.get_by_key(key) if hasattr(at, "get_by_key") else None
    assert container is not None, key
    return " ".join(m.value for m in container.markdown)


def test_guesses_round_trip_through_the_link():
    at = _app()
    for key in ("tl_x_close", "tl_x_far", "tl_x_small", "tl_x_large", "tl_x_seeds", "tl_x_start"):
        assert at.get_by_key(key) is not None, key
    assert at.button(key="tl_x_stop").disabled
    at.pills(key="tl_x_guess_small_close").set_value("head").run()
    _ok(at)
    assert at.query_params["tl_x_guess_small_close"] == "head"
    opened = _app(tl_x_guess_large_far="all", tl_x_guess_small_far="last_block")
    assert opened.session_state["tl_x_guess_large_far"] == "all"
    assert opened.session_state["tl_x_guess_small_far"] == "last_block"
    assert opened.session_state["tl_x_guess_small_close"] == "none"
    bad = _app(tl_x_guess_large_far="everything")
    assert bad.session_state["tl_x_guess_large_far"] == "none"
    assert any("tl_x_guess_large_far" in w.value for w in bad.warning)


def test_the_experiment_runs_end_to_end_and_reveals_the_grid_beside_the_table():
    at = _app(tl_x_guess_small_close="head", tl_x_guess_large_far="all")
    at.button(key="tl_x_start").click().run()
    _ok(at)
    assert not at.button(key="tl_x_stop").disabled
    assert at.pills(key="tl_x_guess_small_close").disabled, "a guess is fixed while it runs"
    _tick_until(at, lambda e: e is not None and e.finished)
    at.run()
    _ok(at)
    experiment = _experiment(at)
    assert experiment.status == "done"
    assert all(c.complete for c in experiment.cells())
    for size, sim in (("small", "close"), ("large", "far")):
        progress = at.get_by_key(f"tl_x_progress_{size}_{sim}")
        assert progress is not None
    assert at.get_by_key("tl_x_grid") is not None
    table = _text(at, "tl_x_table")
    assert "Measured winner" in table and "Your guess" in table
    assert "**▶ 4**" in table  # the highlighted cell's row: small and close is row 4
    sentences = _text(at, "tl_x_sentences")
    assert sentences.count("notes' row") == 4
    assert "Your guess, 'classifier only'" in sentences
    assert "Your guess, 'whole model'" in sentences
    assert any("Experiment finished" in s.value for s in at.success)


def test_stop_keeps_the_finished_cells_and_says_so():
    at = _app(tl_x_steps="10")  # longer runs: the later cells are still running after the first
    at.button(key="tl_x_start").click().run()
    _ok(at)
    _tick_until(at, lambda e: e.cells()[0].complete)
    at.button(key="tl_x_stop").click().run()
    _ok(at)
    experiment = _experiment(at)
    assert experiment.status == "stopped"
    assert any("Stopped" in w.value for w in at.warning)
    sentences = _text(at, "tl_x_sentences")
    assert sentences.count("notes' row") == sum(c.complete for c in experiment.cells()) >= 1
    assert at.button(key="tl_x_stop").disabled and not at.button(key="tl_x_start").disabled


def test_a_second_student_with_the_same_settings_gets_the_results_at_once():
    first = _app(tl_x_seeds="1")
    first.button(key="tl_x_start").click().run()
    _tick_until(first, lambda e: e is not None and e.finished)
    second = _app(tl_x_seeds="1")
    second.button(key="tl_x_start").click().run()
    _ok(second)
    assert _experiment(second) is _experiment(first)
    assert any("already finished on this server" in i.value for i in second.info)
    assert _text(second, "tl_x_sentences").count("notes' row") == 4


def test_the_close_side_says_it_needs_photos_like_imagenets_in_both_languages():
    at = _app()
    assert any("book's cat/dog set" in i.value for i in at.info)
    ko = _app(lang="ko")
    assert any("책의 고양이·개 데이터셋" in i.value for i in ko.info)
    assert any("노트의 전략 표" in h.value for h in ko.subheader)


def _run_pair(at):
    """Press the pair's Start and tick until both runs have finished; returns the pair."""
    at.button(key="tl_x_pair_start").click().run()
    _ok(at)
    for _ in range(MAX_TICKS):
        pair = at.session_state["tl_state"].experiment.paired
        if pair.finished:
            return pair
        at.run()
        _ok(at)
    raise AssertionError("the pair did not finish in time")


def test_the_pretrained_pair_runs_and_overlays_both_curves():
    at = _app(tl_epochs="2", tl_res="96")
    assert at.session_state["tl_x_pair"] == "pretrained"
    pair = _run_pair(at)
    at.run()
    _ok(at)
    scratch, pretrained = pair.runs
    assert scratch.settings == pretrained.settings and scratch.status == pretrained.status == "done"
    text = _text(at, "tl_x_pair_curves")
    assert "Random weights: validation accuracy" in text
    assert "Pretrained weights: validation accuracy" in text


def test_the_augmentation_pair_asks_for_the_augmentation_labs_pipeline():
    at = _app(tl_x_pair="augment")
    assert any("augmentation lab first" in i.value for i in at.info)
    assert at.button(key="tl_x_pair_start").disabled


def test_the_augmentation_pair_trains_with_the_handed_over_pipeline():
    """With the augmentation lab's pipeline in the session (as after a visit there), the
    pair runs: the same settings but augmentation, the second run with that pipeline."""
    from core.augmentation.pipeline import AugmentPipeline
    from ui.common.handover import PIPELINE_KEY

    at = make_app(PAGE, lang="en", **{**TINY, "tl_x_pair": "augment", "tl_epochs": "2"})
    pipeline = AugmentPipeline(scale=(0.5, 1.0))
    at.session_state[PIPELINE_KEY] = pipeline
    at.run()
    _ok(at)
    assert not at.button(key="tl_x_pair_start").disabled
    pair = _run_pair(at)
    without, with_it = pair.runs
    assert pair.kind == "augment" and without.status == with_it.status == "done"
    assert not without.settings.augment and with_it.settings.augment
    assert replace(with_it.settings, augment=False) == without.settings
    assert with_it.augment.__self__ == pipeline, "the augmentation lab's own pipeline"


def _zip_of_two_classes(per_class: int = 10) -> bytes:
    """A zip with two class folders of small solid-colour JPEGs (red and blue, with noise)."""
    import io
    import zipfile

    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, colour in (("red", (200, 30, 30)), ("blue", (30, 30, 200))):
            for i in range(per_class):
                pixels = np.clip(rng.normal(colour, 40, (48, 48, 3)), 0, 255).astype("uint8")
                buffer = io.BytesIO()
                Image.fromarray(pixels).save(buffer, format="JPEG")
                zf.writestr(f"{name}/{i}.jpg", buffer.getvalue())
    return out.getvalue()


def test_a_side_can_take_a_dataset_of_its_own():
    """The far side loads its own zip (its own picker, keys ``tl_x_far_data_*``) while the
    close side keeps the lab's dataset: two datasets, neither of them the drawn shapes."""
    at = _app(tl_x_far="own", tl_x_far_data_source="zip", tl_x_seeds="1")
    assert at.get_by_key("tl_x_far_own") is not None
    assert at.button(key="tl_x_start").disabled, "no far dataset yet"
    at.file_uploader(key="tl_x_far_data_zip").set_value(
        ("far.zip", _zip_of_two_classes(), "application/zip")
    )
    at.run()
    _ok(at)
    assert not at.button(key="tl_x_start").disabled
    at.button(key="tl_x_start").click().run()
    _tick_until(at, lambda e: e is not None and e.finished)
    experiment = _experiment(at)
    assert experiment.status == "done"
    assert experiment.sides["far"].class_names == ("blue", "red")
    assert experiment.sides["close"].class_names != experiment.sides["far"].class_names
