"""Placeholder until the lab lands: its title and what it will teach."""

import streamlit as st

from ui.frame import page_header, tr

page_header("common.page.features")
st.info(tr("common.coming_soon"))
st.markdown(tr("features.teaches"))
