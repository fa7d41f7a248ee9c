"""Plain-Python logic of the chapter-5 dashboard. Never imports streamlit."""
