"""The class room follows the labs' naming rule: one name (``classroom``) for its page, core
and ui packages, strings and tests; one prefix (``room_``) for its widget keys."""

from __future__ import annotations

import importlib
import re

from tests.conftest import ROOT


def test_the_class_room_has_one_name_everywhere():
    for part in (
        "pages/classroom.py",
        "core/classroom/__init__.py",
        "ui/classroom/__init__.py",
        "core/strings/classroom.py",
        "tests/core/classroom/__init__.py",
        "tests/pages/test_classroom.py",
    ):
        assert (ROOT / part).is_file(), part
    strings = importlib.import_module("core.strings.classroom").STRINGS
    assert all(key.startswith("classroom.") for key in strings)
    assert "classroom" in (ROOT / "ui/common/navigation.py").read_text(encoding="utf-8")


def test_the_room_page_keys_start_with_room():
    text = (ROOT / "ui/classroom/room.py").read_text(encoding="utf-8")
    keys = re.findall(r"""key=f?["']([^"']+)["']""", text)
    assert keys and all(k.startswith("room_") for k in keys), keys


def test_lesson_and_link_keys_start_with_the_labs_prefix():
    for name in ("lesson", "presentation"):
        text = (ROOT / f"ui/classroom/{name}.py").read_text(encoding="utf-8")
        keys = re.findall(r"""key=f?["']([^"']+)["']""", text)
        assert keys and all(
            k.startswith("{lesson.prefix}_") or k.startswith("{prefix}_") for k in keys
        ), keys
