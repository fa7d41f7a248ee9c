"""Home: the chapter map. Imports no torch, so it opens instantly."""

import streamlit as st

from ui.common.frame import page_header, tr
from ui.common.navigation import chapter_map

page_header("common.app_title")
st.caption(tr("common.app_subtitle"))
st.markdown(tr("home.intro"))
st.info(tr("home.offline_note"), icon=":material/wifi_off:")

st.header(tr("home.map_title"))
chapter_map()
