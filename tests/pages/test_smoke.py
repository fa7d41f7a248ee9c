"""AppTest smoke: every page runs without an exception, in both languages and projector mode."""

import subprocess
import sys

import pytest

from bench.harness import APP, make_app
from core.common.i18n import t
from tests.conftest import ROOT

# page file -> the i18n key of its title (proves the switch reached that page, not home)
PAGES = {
    "pages/home.py": "common.app_title",
    "pages/augmentation.py": "common.page.augmentation",
    "pages/transfer_learning.py": "common.page.transfer_learning",
    "pages/computation_graph.py": "common.page.computation_graph",
    "pages/feature_maps.py": "common.page.feature_maps",
    "pages/gcn.py": "common.page.gcn",
    "pages/classroom.py": "classroom.page",
}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page, lang):
    at = make_app(page, lang=lang, projector=(lang == "ko"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t(PAGES[page], lang)


def test_language_follows_the_browser_locale_when_the_link_has_none():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.context["locale"] = "ko-KR"
    at.run()
    assert at.session_state["lang"] == "ko"
    assert "실습실" in at.title[0].value


def test_language_and_projector_switch_by_key():
    at = make_app()
    at.run()
    assert at.session_state["lang"] == "en" and at.session_state["projector"] is False
    at.toggle(key="projector").set_value(True).run()
    assert at.session_state["projector"] is True
    assert any("font-size: 22px" in str(h.proto) for h in at.get("html"))
    at.session_state["lang"] = "ko"
    at.run()
    assert "실습실" in at.title[0].value


def test_a_bad_link_parameter_gives_a_message_not_a_crash():
    at = make_app(lang="xx")
    at.run()
    assert not at.exception
    assert at.session_state["lang"] == "en"
    assert any("lang=xx" in w.value for w in at.warning)


def test_home_and_gcn_render_without_importing_torch():
    code = f"""
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({APP!r}, default_timeout=60)
at.run()
assert not at.exception, at.exception
at.switch_page("pages/gcn.py")
at.run()
assert not at.exception, at.exception
heavy = sorted(m for m in ("torch", "torchvision", "timm") if m in sys.modules)
assert heavy == [], heavy
"""
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=180)
