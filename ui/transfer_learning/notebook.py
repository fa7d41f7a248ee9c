"""The transfer lab's notebook download: the session's last finished run."""

from __future__ import annotations

import streamlit as st

from core.transfer_learning.notebook import transfer_notebook
from core.transfer_learning.training import DONE
from ui.common.frame import tr
from ui.common.notebook import notebook_button
from ui.transfer_learning.state import lab_state


def transfer_notebook_button(data) -> None:
    """Offered once a run has trained all its epochs (a notebook repeats the whole run)."""
    run = lab_state().training.run
    if run is None or run.status != DONE:
        st.caption(tr("transfer_learning.notebook.train_first"))
        return
    train, val, test = run.train_set, run.val_set, run.test_set
    labels = [0] * len(train.images)
    for image_set in (train, val):
        for row, label in zip(image_set.rows, image_set.labels):
            labels[row] = label
    same = data is not None and data.fingerprint == train.images_id
    source = data.source if same else "upload"
    notebook_button(
        "tl",
        "transfer_learning",
        lambda language: transfer_notebook(
            run.settings,
            source,
            run.class_names,
            train.images,
            labels,
            train.rows,
            val.rows,
            None if test is None else ([test.images[i] for i in test.rows], test.labels),
            language,
            augment=getattr(run.augment, "__self__", None),  # the pipeline of to_transform
        ),
    )
