"""The load bench's helpers: statistics, arguments, and the websocket client's wire forms.

The last test drives a real server with ``bench.st_client``: each widget's value must
arrive as the app's own browser would send it (the app mirrors main controls into the
URL, so the query string shows what the server understood). No timing assertions.
"""

from __future__ import annotations

import argparse
import asyncio
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from streamlit.proto.ButtonGroup_pb2 import ButtonGroup
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.Slider_pb2 import Slider

from bench.load import main as load_main
from bench.load import parse_think, percentile, plan_class, summary
from bench.st_client import Session, WidgetInfo, encode


def test_percentile_interpolates_like_numpy():
    rng = np.random.default_rng(0)
    values = list(rng.exponential(size=37))
    for q in (0, 25, 50, 95, 100):
        assert percentile(values, q) == pytest.approx(np.percentile(values, q))
    assert percentile([], 50) is None
    assert percentile([2.0], 95) == 2.0


def test_summary_of_no_values_and_of_some():
    assert summary([]) == {"n": 0, "p50_s": None, "p95_s": None, "max_s": None}
    s = summary([1.0, 2.0, 3.0, 4.0])
    assert s["n"] == 4 and s["p50_s"] == 2.5 and s["max_s"] == 4.0


def test_think_time_argument():
    assert parse_think("2,6") == (2.0, 6.0)
    assert parse_think("3") == (3.0, 3.0)
    with pytest.raises(argparse.ArgumentTypeError):
        parse_think("5,1")


def _info(kind: str, **fields) -> WidgetInfo:
    element = Element()
    proto = getattr(element, kind)
    for name, value in fields.items():
        if name == "options" and kind == "button_group":
            proto.options.extend(ButtonGroup.Option(content=c) for c in value)
        elif name == "options":
            proto.options.extend(value)
        else:
            setattr(proto, name, value)
    return WidgetInfo(kind, "$$ID-abc-k", proto)


def test_wire_forms_of_each_widget_kind():
    """As register_widget's value_type of each widget (streamlit/elements/widgets/*.py)."""
    rng = encode(_info("slider", data_type=Slider.FLOAT), (0.2, 0.9))
    assert list(rng.double_array_value.data) == [0.2, 0.9]
    one = encode(_info("slider", data_type=Slider.INT), 3)
    assert list(one.double_array_value.data) == [3.0]
    select_slider = encode(_info("slider", options=["16", "32", "64"]), index=1)
    assert list(select_slider.string_array_value.data) == ["32"]
    assert encode(_info("number_input", data_type=NumberInput.INT), 7).int_value == 7
    assert encode(_info("number_input", data_type=NumberInput.FLOAT), 0.5).double_value == 0.5
    box = _info("selectbox", options=["Molecule: ethanol", "Path"])
    assert encode(box, index=1).string_value == "Path"
    assert encode(_info("radio", options=["a", "b"]), "b").string_value == "b"
    group = _info("button_group", options=["① A", "② A+I"])
    assert list(encode(group, index=1).string_array_value.data) == ["② A+I"]
    assert list(encode(group, index=[0, 1]).string_array_value.data) == ["① A", "② A+I"]
    assert encode(_info("checkbox"), True).bool_value is True
    assert encode(_info("button"), True).trigger_value is True
    assert encode(_info("text_input"), "0, 5").string_value == "0, 5"
    with pytest.raises(ValueError):
        encode(_info("chat_input"), "hi")


def test_widget_options_are_the_formatted_labels():
    assert _info("button_group", options=["x", "y"]).options == ["x", "y"]
    assert _info("selectbox", options=["p", "q"]).options == ["p", "q"]
    assert _info("checkbox").options == []


@pytest.mark.e2e
def test_the_client_changes_widgets_a_server_understands():
    from bench.harness import running_server

    async def drive(url: str) -> None:
        async with Session(url, page="augmentation") as s:
            first = await s.run()
            assert not first.exceptions and "aug_seed" in s.widgets
            await s.set_value("aug_seed", 4242)
            await s.set_value("aug_scale", (0.3, 0.7))
            await s.set_value("aug_rows", 3)
            await s.set_value("aug_hflip", True)
            assert "aug_seed=4242" in s.query and "aug_scale=0.3%2C0.7" in s.query
            assert "aug_rows=3" in s.query and "aug_hflip=1" in s.query
            await s.goto("gcn")
            step = s.widgets["gcn_step"]
            assert step.fragment_id, "the steps live in a fragment"
            result = await s.set_value("gcn_step", index=3)
            assert result.fragment and not result.exceptions
            assert "gcn_step=A_norm" in s.query
            await s.set_value("gcn_preset", index=s.widgets["gcn_preset"].options.index("Path"))
            assert "gcn_preset=path" in s.query
            await s.goto("transfer_learning")
            await s.set_value("tl_epochs", 1)
            await s.set_value("tl_batch", "8")  # a select slider: the label
            assert "tl_epochs=1" in s.query and "tl_batch=8" in s.query
            start = await s.click("tl_start")
            done = [start]
            while s.fragments:
                await asyncio.sleep(min(s.fragments.values()))
                done += await s.tick_fragments()
            assert any(
                fmt == "success" and "Trained 1 epoch." in body
                for r in done
                for fmt, body in r.alerts
            )
            assert not any(r.exceptions for r in done)

    with running_server("bench-client.log") as url, ThreadPoolExecutor(1) as thread:
        # its own thread: the e2e tests' Playwright (sync API) keeps a loop running in this one
        thread.submit(asyncio.run, drive(url)).result()


class _Student:
    press_at = None
    trains = True


def test_the_class_plan_picks_trainers_and_start_moments():
    students = [_Student() for _ in range(40)]
    plan_class(students, 30, 10.0, seed=0, now=100.0)
    moments = [s.press_at for s in students if s.press_at is not None]
    assert len(moments) == 30 and all(100.0 <= m <= 110.0 for m in moments)
    assert not any(s.trains for s in students)  # the others browse only
    again = [_Student() for _ in range(40)]
    plan_class(again, 30, 10.0, seed=0, now=100.0)
    assert [s.press_at for s in again] == [s.press_at for s in students]  # seeded
    few = [_Student() for _ in range(2)]
    plan_class(few, 30, 10.0, seed=0, now=0.0)
    assert all(s.press_at is not None for s in few)  # never more trainers than students


@pytest.mark.e2e
def test_a_tiny_class_every_student_gets_a_result():
    """Three students, two press Start on the default training: none lost."""
    with ThreadPoolExecutor(1) as thread:  # its own thread, as above
        result = thread.submit(
            load_main,
            ["--scenario", "class", "--sessions", "3", "--trainers", "2", "--window", "2"]
            + ["--think", "0,0.2", "--ramp", "0.1", "--timeout", "600"],
        ).result()
    assert result["sessions_completed"] == 3 and result["errors"] == 0, result["failures"]
    assert result["trainings_started"] == result["trainings_finished"] == 2
    assert result["first_feedback_s"]["max"] is not None and result["result_s"]["max"] is not None
