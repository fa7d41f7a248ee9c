"""Entry point: page config, navigation over pages/, and the shared sidebar."""

import streamlit as st

from ui import frame

st.set_page_config(page_title="CNN 2 · Chapter 5", page_icon=":material/school:", layout="wide")

frame.language_from_session()
tr = frame.tr

# url_path values are part of shareable links: keep them stable. They equal the file
# names because a freshly started server resolves a first visitor's deep link by file
# name (Streamlit's legacy pages/ mode, see ui.frame.page_header) before st.navigation runs.
PAGES = {
    tr("common.nav.start"): [
        st.Page("pages/home.py", title=tr("common.page.home"), icon=":material/map:",
                url_path="home", default=True),
    ],
    tr("common.nav.transfer"): [
        st.Page("pages/augmentation.py", title=tr("common.page.augmentation"),
                icon=":material/crop:", url_path="augmentation"),
        st.Page("pages/transfer_learning.py", title=tr("common.page.transfer"),
                icon=":material/model_training:", url_path="transfer_learning"),
        st.Page("pages/computation_graph.py", title=tr("common.page.graph"),
                icon=":material/account_tree:", url_path="computation_graph"),
    ],
    tr("common.nav.xai"): [
        st.Page("pages/feature_maps.py", title=tr("common.page.features"),
                icon=":material/visibility:", url_path="feature_maps"),
    ],
    tr("common.nav.gcn"): [
        st.Page("pages/gcn.py", title=tr("common.page.gcn"), icon=":material/hub:", url_path="gcn"),
    ],
}

page = st.navigation(PAGES)
frame.draw_sidebar()
try:
    page.run()
finally:
    frame.after_run()
