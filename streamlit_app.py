"""Entry point: page config, navigation over pages/ (from core.common.labs), the shared sidebar."""

import streamlit as st

from ui.common import frame, navigation

st.set_page_config(page_title="CNN 2 · Chapter 5", page_icon=":material/school:", layout="wide")

frame.language_from_session()
page = st.navigation(navigation.pages())
frame.draw_sidebar()
try:
    page.run()
finally:
    frame.after_run()
