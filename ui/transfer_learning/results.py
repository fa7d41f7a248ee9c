"""Transfer lab, part 4: the latest run's results and every run of the session compared."""

from __future__ import annotations

import streamlit as st

from core.transfer_learning.figures import (
    confusion_figure,
    format_count,
    format_seconds,
    runs_figure,
)
from core.transfer_learning.results import (
    RunSummary,
    loading_snippet,
    mistakes,
    per_class_accuracy,
    weights_file,
)
from core.transfer_learning.training import TrainingRun
from ui.common.frame import lang, projector, theme, tr
from ui.common.layout import metric_columns

MISTAKES_SHOWN = 12


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _pct(value: float | None) -> str:
    return "—" if value is None or value != value else f"{value * 100:.1f}%"


def _latest(run: TrainingRun, summary: RunSummary) -> None:
    st.subheader(tr("transfer_learning.results.latest", label=run.label))
    cols = metric_columns(4)
    cols[0].metric(tr("transfer_learning.results.accuracy"), _pct(summary.accuracy))
    if summary.test_accuracy is not None:
        cols[1].metric(tr("transfer_learning.results.test_accuracy"), _pct(summary.test_accuracy))
    cols[2].metric(
        tr("transfer_learning.results.trainable"), format_count(summary.trainable_params)
    )
    cols[3].metric(tr("transfer_learning.results.seconds"), format_seconds(summary.seconds))
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{tr('transfer_learning.results.per_class')}**")
        acc = per_class_accuracy(summary.confusion)
        counts = summary.confusion.sum(axis=1)
        lines = [
            f"| {tr('transfer_learning.results.class')} | {tr('transfer_learning.results.images')} "
            f"| {tr('transfer_learning.results.accuracy_short')} |",
            "|---|---:|---:|",
        ]
        lines += [
            f"| {_md(n)} | {int(c)} | {_pct(a)} |"
            for n, c, a in zip(summary.display_names, counts, acc)
        ]
        st.markdown("\n".join(lines))
    with right:
        st.plotly_chart(
            confusion_figure(summary.confusion, summary.display_names, theme(), lang()),
            width="stretch",
            config={"displayModeBar": False},
            key="tl_confusion",
        )
    wrong = mistakes(run.evaluation, MISTAKES_SHOWN)
    st.markdown(
        f"**{tr('transfer_learning.results.mistakes', n=int((run.evaluation.labels != run.evaluation.predicted).sum()), total=len(run.evaluation.labels))}**"
    )
    if not wrong:
        st.caption(tr("transfer_learning.results.no_mistakes"))
    else:
        names = summary.display_names
        images = run.val_set.images
        per_row = 4 if projector() else 6
        cols = st.columns(per_row)
        for k, m in enumerate(wrong):
            with cols[k % per_row]:
                st.image(
                    images[m.row],
                    width="stretch",
                    caption=tr(
                        "transfer_learning.results.mistake",
                        true=names[m.true],
                        predicted=names[m.predicted],
                        p=m.confidence * 100,
                    ),
                )
    _downloads(run, summary)


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
        runs_figure([(r.label, r.history) for r in runs], theme(), lang()),
        width="stretch",
        config={"displayModeBar": False},
        key="tl_runs_chart",
    )
    with_test = any(r.test_accuracy is not None for r in runs)
    head = (
        ["#", "preset", "groups", "trainable", "epochs", "settings", "val_acc"]
        + (["test_acc"] if with_test else [])
        + ["seconds"]
    )
    lines = [
        "| " + " | ".join(tr(f"transfer_learning.runs.col.{h}") for h in head) + " |",
        "|" + "---|" * len(head),
    ]
    for r in runs:
        s = r.settings
        groups = s["trainable"]
        aug = (
            tr("transfer_learning.runs.aug_views", views=s["views"])
            if s["augment"] and s["views"]
            else (tr("transfer_learning.runs.aug_fresh") if s["augment"] else "")
        )
        optimizer = tr(f"transfer_learning.train.optimizer.{s['optimizer']}")
        recipe = " · ".join(
            x
            for x in (
                f"{optimizer} {s['lr']:g}",
                tr("transfer_learning.runs.batch", batch=s["batch_size"]),
                f"{s['resolution']} px",
                aug,
            )
            if x
        )
        cells = (
            [
                str(r.number),
                tr(f"transfer_learning.preset.{s['preset']}"),
                groups[0] if len(groups) == 1 else f"{groups[0]} … {groups[-1]} ({len(groups)})",
                format_count(r.trainable_params),
                f"{len(r.history)}/{s['epochs']}",
                recipe,
                _pct(r.accuracy),
            ]
            + ([_pct(r.test_accuracy)] if with_test else [])
            + [format_seconds(r.seconds).replace(" ", "\u00a0")]
        )  # number and unit on one line
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    st.markdown("\n".join(lines))
    st.button(
        tr("transfer_learning.runs.clear"),
        key="tl_clear",
        on_click=_clear,
        icon=":material/delete:",
    )


def _clear() -> None:
    st.session_state["tl_runs"] = []


def results_section() -> None:
    state = st.session_state
    run = state.get("tl_run")
    runs: list[RunSummary] = state.get("tl_runs", [])
    latest = next((r for r in reversed(runs) if run is not None and r.number == run.number), None)
    if run is not None and run.finished and latest is not None:
        _latest(run, latest)
    elif not runs:
        st.caption(tr("transfer_learning.results.none"))
    if runs:
        _comparison(runs)
