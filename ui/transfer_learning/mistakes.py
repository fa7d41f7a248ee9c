"""Section ⑤: common mistakes, one click each, beside their correct twin.

Results are plain numbers computed once per process (``st.cache_resource``) from the
shared bundled model, which the core functions never modify (they copy what they change).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from core.common.backbones import DEFAULT_BACKBONE, get_spec, imagenet_categories
from core.common.class_names import class_name, hover_note
from core.common.markdown import table
from core.common.samples import SAMPLE_IMAGES, load_sample
from core.transfer_learning import controls as C
from core.transfer_learning import mistakes as M
from ui.common.controls import control
from ui.common.frame import lang, tr
from ui.common.models import shared_model
from ui.transfer_learning.training import activation_cache

_M = "transfer_learning.mistakes."


@st.cache_resource(show_spinner=False)
def _setup() -> M.ShapesSetup:
    return M.shapes_setup()


@st.cache_resource(show_spinner=False, max_entries=len(M.MISTAKES))
def mistake_result(mistake: str):
    """The mistake and its correct twin on the bundled model (numbers only)."""
    spec = get_spec(DEFAULT_BACKBONE)
    model = shared_model(DEFAULT_BACKBONE)
    if mistake in ("normalization", "train_mode", "test_crops"):
        photos = {name: load_sample(name).image for name in SAMPLE_IMAGES}
        run = {
            "normalization": M.normalization_mistake,
            "train_mode": M.train_mode_mistake,
            "test_crops": M.crop_mistake,
        }[mistake]
        return run(model, spec, photos)
    if mistake == "freeze":
        return M.freeze_mistake(model, spec, _setup())
    run = {
        "learning_rate": M.learning_rate_mistake,
        "test_leak": M.leak_mistake,
        "shuffled_labels": M.shuffled_labels_mistake,
    }[mistake]
    return run(model, spec, _setup(), activation_cache())


def _top1(t: M.Top1) -> str:
    return f"{class_name(imagenet_categories(), t.index, lang())} {t.probability:.0%}"


def _photo(name: str) -> str:
    return tr(f"common.sample.{name}")


def _show(headers: list[str], rows: list[list], shown: Sequence[M.Top1] = ()) -> None:
    """A table of top-1 classes; on a Korean page its help gives their English names."""
    note = hover_note(imagenet_categories(), [t.index for t in shown], lang())
    st.markdown(table(headers, rows), help=note)


def _normalization(r: M.NormalizationResult) -> str:
    _show(
        [tr(_M + "photo")] + [tr(f"{_M}normalization.{how}") for how in M.NORMALIZATIONS],
        [
            [_photo(p)] + [_top1(r.top1[how][i]) for how in M.NORMALIZATIONS]
            for i, p in enumerate(r.photos)
        ],
        [t for how in M.NORMALIZATIONS for t in r.top1[how]],
    )
    total = len(r.photos)
    return tr(
        _M + "normalization.symptom",
        total=total,
        imagenet=r.changed("imagenet"),
        none=r.changed("none"),
    )


def _train_mode(r: M.TrainModeResult) -> str:
    columns = ("eval_alone", "eval_batch", "train_alone", "train_batch")
    _show(
        [tr(_M + "photo")] + [tr(f"{_M}train_mode.{c}") for c in columns],
        [[_photo(p)] + [_top1(getattr(r, c)[i]) for c in columns] for i, p in enumerate(r.photos)],
        [t for c in columns for t in getattr(r, c)],
    )
    return tr(
        _M + "train_mode.symptom",
        total=len(r.photos),
        changed=r.train_changed,
        drift=r.running_mean_change,
    )


def _test_crops(r: M.CropResult) -> str:
    draws = len(r.random[0])
    rows = []
    for i, p in enumerate(r.photos):
        low, high = r.centre_class_range(i)
        rows.append([_photo(p), _top1(r.centre[i]), r.distinct(i), f"{low:.0%} – {high:.0%}"])
    _show(
        [
            tr(_M + "photo"),
            tr(_M + "test_crops.centre"),
            tr(_M + "test_crops.classes", draws=draws),
            tr(_M + "test_crops.range"),
        ],
        rows,
        r.centre,
    )
    most = max(r.distinct(i) for i in range(len(r.photos)))
    return tr(_M + "test_crops.symptom", draws=draws, most=most)


def _freeze(r: M.FreezeResult) -> str:
    _show(
        [tr(_M + "quantity"), tr(_M + "freeze.correct"), tr(_M + "freeze.mistake")],
        [
            [
                tr(_M + "freeze.trainable"),
                f"{r.frozen_trainable:,} / {r.total:,}",
                f"{r.unfrozen_trainable:,} / {r.total:,}",
            ],
            [
                tr(_M + "freeze.stem_change"),
                f"{r.frozen_stem_change:.3g}",
                f"{r.unfrozen_stem_change:.3g}",
            ],
        ],
    )
    return tr(_M + "freeze.symptom", frozen=r.frozen_trainable, total=r.total)


def _twin_headers(correct: str, mistake: str) -> list[str]:
    return [tr(_M + "quantity"), tr(correct), tr(mistake)]


def _learning_rate(r: M.TwinRuns) -> str:
    a, b = r.correct, r.mistake
    _show(
        _twin_headers(_M + "correct", _M + "mistake"),
        [
            [tr(_M + "learning_rate.lr"), f"{a.lr:g}", f"{b.lr:g}"],
            [
                tr(_M + "learning_rate.status"),
                tr(f"{_M}learning_rate.status.{a.status}"),
                tr(f"{_M}learning_rate.status.{b.status}"),
            ],
            [
                tr(_M + "learning_rate.worst", chance=r.chance_loss),
                f"{a.worst_loss:.3g}",
                f"{b.worst_loss:.3g}",
            ],
            [tr(_M + "test_leak.test"), f"{a.test_accuracy:.0%}", f"{b.test_accuracy:.0%}"],
        ],
    )
    return tr(
        _M + "learning_rate.symptom",
        worst=b.worst_loss,
        times=b.worst_loss / r.chance_loss,
        bad=b.test_accuracy,
        good=a.test_accuracy,
    )


def _test_leak(r: M.TwinRuns) -> str:
    a, b = r.correct, r.mistake
    setup = _setup()
    n_train = len(setup.train.rows)
    _show(
        _twin_headers(_M + "test_leak.honest", _M + "test_leak.leaked"),
        [
            [tr(_M + "test_leak.images"), n_train, n_train + len(setup.test.rows)],
            [tr(_M + "test_leak.test"), f"{a.test_accuracy:.0%}", f"{b.test_accuracy:.0%}"],
            [tr(_M + "test_leak.fresh"), f"{a.fresh_accuracy:.0%}", f"{b.fresh_accuracy:.0%}"],
        ],
    )
    return tr(
        _M + "test_leak.symptom",
        leaked=b.test_accuracy,
        honest=a.test_accuracy,
        fresh=b.fresh_accuracy,
    )


def _shuffled_labels(r: M.ShuffleResult) -> str:
    a, b = r.runs.correct, r.runs.mistake
    n_train = len(_setup().train.rows)
    _show(
        _twin_headers(_M + "correct", _M + "mistake"),
        [
            [tr(_M + "shuffled_labels.kept"), f"{n_train}/{n_train}", f"{r.kept}/{n_train}"],
            *(
                [tr(_M + key), f"{getattr(a, field):.0%}", f"{getattr(b, field):.0%}"]
                for key, field in (
                    ("shuffled_labels.train", "train_accuracy"),
                    ("test_leak.test", "test_accuracy"),
                    ("test_leak.fresh", "fresh_accuracy"),
                )
            ),
            [
                tr(_M + "shuffled_labels.rho", count=len(r.shuffled.rank_correlations)),
                f"{r.repeat.median_rank_correlation:.2f}",
                f"{r.shuffled.median_rank_correlation:.2f}",
            ],
            [
                tr(_M + "shuffled_labels.ssim"),
                f"{r.repeat.median_ssim:.2f}",
                f"{r.shuffled.median_ssim:.2f}",
            ],
        ],
    )
    return tr(
        _M + "shuffled_labels.symptom",
        train=b.train_accuracy,
        test=b.test_accuracy,
        chance=1 / len(_setup().class_names),
        honest=a.test_accuracy,
        rho=r.shuffled.median_rank_correlation,
    )


_DRAW = {
    "normalization": _normalization,
    "train_mode": _train_mode,
    "test_crops": _test_crops,
    "freeze": _freeze,
    "learning_rate": _learning_rate,
    "test_leak": _test_leak,
    "shuffled_labels": _shuffled_labels,
}


def _what(mistake: str) -> str:
    params = {
        "test_crops": {"draws": M.CROP_DRAWS},
        "learning_rate": {"epochs": M.LR_EPOCHS},
        "shuffled_labels": {"resolution": M.SHUFFLE_RESOLUTION},
    }
    return tr(f"{_M}{mistake}.what", **params.get(mistake, {}))


def mistakes_section() -> None:
    """The whole section, in its own bordered box."""
    with st.container(border=True, key="tl_mistakes"):
        st.subheader(tr("transfer_learning.section.mistakes"))
        st.caption(tr(_M + "intro"))
        mistake = control(C.MISTAKE)
        if mistake == "none":
            st.info(tr(_M + "none"))
            return
        st.markdown(f"#### {tr(f'{_M}{mistake}.title')}")
        st.markdown(_what(mistake))
        with st.spinner(tr(_M + "computing")):
            result = mistake_result(mistake)
        symptom = _DRAW[mistake](result)
        st.warning(symptom, icon=":material/bug_report:")
        st.info(tr(_M + "spot", text=tr(f"{_M}{mistake}.spot")), icon=":material/search:")
