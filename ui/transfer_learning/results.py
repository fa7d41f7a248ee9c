"""Transfer lab, part 4: the latest run's results and every run of the session compared."""

from __future__ import annotations

import streamlit as st

from core.common.markdown import table
from core.transfer_learning.figures import (
    confusion_figure,
    format_count,
    format_seconds,
    runs_figure,
)
from core.transfer_learning.results import (
    RunSummary,
    class_counts,
    format_percent,
    loading_snippet,
    mistake_count,
    mistakes,
    per_class_accuracy,
    runs_table,
    weights_file,
)
from core.transfer_learning.training import TrainingRun
from ui.common.frame import lang, projector, theme, tr
from ui.common.layout import metric_columns
from ui.transfer_learning.state import lab_state

MISTAKES_SHOWN = 12


def per_class_table(summary: RunSummary) -> str:
    """Images and accuracy per class; class names (a user may have typed them) read as text."""
    acc = per_class_accuracy(summary.confusion)
    counts = class_counts(summary.confusion)
    headers = [tr(f"transfer_learning.results.{h}") for h in ("class", "images", "accuracy_short")]
    rows = [[n, int(c), format_percent(a)] for n, c, a in zip(summary.display_names, counts, acc)]
    return table(headers, rows)


def _latest(run: TrainingRun, summary: RunSummary) -> None:
    st.subheader(tr("transfer_learning.results.latest", label=run.label))
    cols = metric_columns(4)
    cols[0].metric(tr("transfer_learning.results.accuracy"), format_percent(summary.accuracy))
    if summary.test_accuracy is not None:
        cols[1].metric(
            tr("transfer_learning.results.test_accuracy"), format_percent(summary.test_accuracy)
        )
    cols[2].metric(
        tr("transfer_learning.results.trainable"), format_count(summary.trainable_params)
    )
    cols[3].metric(
        tr("transfer_learning.results.seconds"),
        format_seconds(summary.waited, lang()),
        help=tr("transfer_learning.results.seconds_help"),
    )
    cols[3].caption(_compute_line(summary))
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{tr('transfer_learning.results.per_class')}**")
        st.markdown(per_class_table(summary))
    with right:
        st.plotly_chart(
            confusion_figure(summary.confusion, summary.display_names, theme(), lang()),
            width="stretch",
            config={"displayModeBar": False},
            key="tl_confusion",
            theme=None,
        )
    _mistakes(run, summary)
    _downloads(run, summary)


def _compute_line(summary: RunSummary) -> str:
    """The part of the wait spent computing, and where the frozen part's output came from."""
    compute = format_seconds(summary.seconds, lang())
    if summary.from_cache:
        return tr("transfer_learning.results.compute_cached", compute=compute)
    if summary.frozen_seconds > 0:
        frozen = format_seconds(summary.frozen_seconds, lang())
        return tr("transfer_learning.results.compute_frozen", compute=compute, frozen=frozen)
    return tr("transfer_learning.results.compute", compute=compute)


def _mistakes(run: TrainingRun, summary: RunSummary) -> None:
    ev = run.evaluation
    count = tr("transfer_learning.results.mistakes", n=mistake_count(ev), total=len(ev.labels))
    st.markdown(f"**{count}**")
    wrong = mistakes(ev, MISTAKES_SHOWN)
    if not wrong:
        st.caption(tr("transfer_learning.results.no_mistakes"))
        return
    names = summary.display_names
    per_row = 3 if projector() else 4  # in the page's right column
    cols = st.columns(per_row)
    for k, m in enumerate(wrong):
        with cols[k % per_row]:
            st.image(
                run.val_set.images[m.row],
                width="stretch",
                caption=tr(
                    "transfer_learning.results.mistake",
                    true=names[m.true],
                    predicted=names[m.predicted],
                    p=m.confidence * 100,
                ),
            )


def _downloads(run: TrainingRun, summary: RunSummary) -> None:
    spec = run.spec
    stem = f"transfer_run{run.number}_{run.settings.backbone}_{run.settings.preset}"
    a, b = st.columns(2)
    a.download_button(
        tr("transfer_learning.results.download_weights"),
        data=lambda: weights_file(run, spec),
        file_name=f"{stem}.safetensors",
        mime="application/octet-stream",
        key="tl_download_weights",
        icon=":material/download:",
        on_click="ignore",
    )
    b.download_button(
        tr("transfer_learning.results.download_settings"),
        data=summary.to_json(),
        file_name=f"{stem}.json",
        mime="application/json",
        key="tl_download_settings",
        icon=":material/data_object:",
        on_click="ignore",
    )
    st.caption(tr("transfer_learning.results.weights_help"))
    with st.expander(tr("transfer_learning.results.snippet"), icon=":material/code:"):
        st.code(loading_snippet(run), language="python")
    st.page_link(
        "pages/feature_maps.py",
        label=tr("transfer_learning.results.handover"),
        icon=":material/visibility:",
    )


def _comparison(runs: list[RunSummary]) -> None:
    st.subheader(tr("transfer_learning.runs.title"))
    st.plotly_chart(
        runs_figure([(r.label, r.validation_points) for r in runs], theme(), lang()),
        width="stretch",
        config={"displayModeBar": False},
        key="tl_runs_chart",
        theme=None,
    )
    st.markdown(table(*runs_table(runs, lang())))
    st.button(
        tr("transfer_learning.runs.clear"),
        key="tl_clear",
        on_click=_clear,
        icon=":material/delete:",
    )


def _clear() -> None:
    lab_state().training.runs = []


def results_section() -> None:
    part = lab_state().training
    run, runs = part.run, part.runs
    latest = next((r for r in reversed(runs) if run is not None and r.number == run.number), None)
    if run is not None and run.finished and latest is not None:
        _latest(run, latest)
    elif not runs:
        st.caption(tr("transfer_learning.results.none"))
    if runs:
        _comparison(runs)
