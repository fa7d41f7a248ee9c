"""Home: the chapter map. Imports no torch, so it opens instantly."""

import streamlit as st

from ui.frame import page_header, tr

page_header("common.app_title")
st.caption(tr("common.app_subtitle"))
st.markdown(tr("home.intro"))
st.info(tr("home.offline_note"), icon=":material/wifi_off:")

st.header(tr("home.map_title"))
LABS = [
    ("home.section.transfer", "home.section.transfer_text",
     [("pages/augmentation.py", "common.page.augmentation", ":material/crop:"),
      ("pages/transfer_learning.py", "common.page.transfer", ":material/model_training:")]),
    (None, "home.section.graph_text",
     [("pages/computation_graph.py", "common.page.graph", ":material/account_tree:")]),
    ("home.section.xai", "home.section.xai_text",
     [("pages/feature_maps.py", "common.page.features", ":material/visibility:")]),
    ("home.section.gcn", "home.section.gcn_text",
     [("pages/gcn.py", "common.page.gcn", ":material/hub:")]),
]
for title_key, text_key, links in LABS:
    with st.container(border=True):
        if title_key:
            st.subheader(tr(title_key))
        st.markdown(tr(text_key))
        for cols, (path, label_key, icon) in zip(st.columns(len(links)), links):
            cols.page_link(path, label=tr(label_key), icon=icon)
