"""Transfer-learning lab (notes 5.3): feature extraction vs fine-tuning, trained live."""

import streamlit as st

from ui.classroom.lesson import lesson_panel
from ui.common.frame import page_header, tr

page_header("common.page.transfer_learning", "transfer_learning.teaches")
lesson_panel("transfer_learning")  # lesson mode: ui.classroom.lesson

from ui.common.layout import columns  # noqa: E402  (heavy imports after the header)
from ui.transfer_learning.dataset_input import dataset_input  # noqa: E402
from ui.transfer_learning.experiment import experiment_section  # noqa: E402
from ui.transfer_learning.mistakes import mistakes_section  # noqa: E402
from ui.transfer_learning.model import model_section  # noqa: E402
from ui.transfer_learning.notebook import transfer_notebook_button  # noqa: E402
from ui.transfer_learning.paired import paired_section  # noqa: E402
from ui.transfer_learning.results import results_section  # noqa: E402
from ui.transfer_learning.training import training_section, training_settings  # noqa: E402

# One screen: the controls on the left, the run and its results on the right from the top,
# so Start, the live curves and the result show without scrolling (projector mode too).
controls_column, result_column = columns([2, 3], gap="large")
with controls_column:
    with st.container(border=True):
        st.subheader(tr("transfer_learning.section.data"))
        data = dataset_input("tl_data")
    with st.container(border=True):
        st.subheader(tr("transfer_learning.section.model"))
        setup = model_section(data)
    with st.container(border=True):
        st.subheader(tr("transfer_learning.section.settings"))
        choice = training_settings(setup)

# Training and results are two tabs, so neither sits a screen below the other.
with result_column, st.container(key="tl_result"):
    training_tab, results_tab = st.tabs(
        [tr("transfer_learning.section.training"), tr("transfer_learning.section.results")],
        key="tl_view",
    )
    with training_tab:
        training_section(data, setup, choice)
    with results_tab:
        results_section()
        transfer_notebook_button(data)

mistakes_section()

with st.container(border=True, key="tl_experiment"):
    st.subheader(tr("transfer_learning.experiment.title"))
    experiment_section(data)
    paired_section(data, setup, choice)
