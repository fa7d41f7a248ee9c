"""A light Streamlit client speaking the app's own websocket protocol (for load tests).

A browser is too heavy to run twenty of on two cores, so this client does what the
frontend does for our purposes: open a session on a page, send widget changes as
``rerun_script`` back-messages (in the wire form each widget's ``serde`` reads), rerun
only the fragment a widget lives in, answer fragment auto-rerun timers, switch pages, and
collect the elements (exception boxes, alerts) of each run. One ``Session`` = one tab.

Wire forms (Streamlit 1.67, ``streamlit/elements/widgets/*.py``, ``register_widget``'s
``value_type``): slider ``double_array_value`` (one value, or two for a range); select
slider, segmented control, pills and multiselect ``string_array_value`` of the formatted
option labels; selectbox and radio ``string_value`` (the formatted label); number input
``int_value`` or ``double_value`` by its data type; checkbox and toggle ``bool_value``;
button ``trigger_value``; text input ``string_value``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.WidgetStates_pb2 import WidgetState

EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
WIDGET_TYPES = (
    "slider",
    "number_input",
    "selectbox",
    "checkbox",
    "button",
    "radio",
    "button_group",
    "text_input",
    "multiselect",
    "toggle",
    "select_slider",
)
ALERT_FORMATS = {1: "error", 2: "warning", 3: "info", 4: "success"}


@dataclass
class RunResult:
    seconds: float
    exceptions: list[str] = field(default_factory=list)
    alerts: list[tuple[str, str]] = field(default_factory=list)  # (format, body)
    elements: int = 0
    fragment: bool = False  # a fragment rerun (not the whole page)


@dataclass
class WidgetInfo:
    kind: str  # the Element oneof name, e.g. "slider", "button_group"
    id: str
    proto: Any  # the widget's proto as last drawn (options, data type, ...)
    fragment_id: str = ""  # the fragment it is drawn in ("" = the page)

    @property
    def options(self) -> list[str]:
        """The formatted option labels (what selection widgets put on the wire)."""
        if self.kind == "button_group":
            return [o.content for o in self.proto.options]
        return list(getattr(self.proto, "options", []))


def encode(
    info: WidgetInfo,
    value: Any = None,
    *,
    index: int | Sequence[int] | None = None,
) -> WidgetState:
    """The WidgetState a browser sends for ``value`` (or for the option(s) at ``index``).

    Selection widgets take a formatted label (what the user sees) or an index into the
    options; sliders take a number or a (low, high) pair.
    """
    state = WidgetState(id=info.id)
    kind = info.kind
    if index is not None:
        options = info.options
        value = [options[i] for i in index] if isinstance(index, (list, tuple)) else options[index]
    if kind == "slider" and info.proto.options:  # a select_slider: labels, not numbers
        labels = list(value) if isinstance(value, (list, tuple)) else [value]
        state.string_array_value.data.extend(str(v) for v in labels)
    elif kind == "slider":
        numbers = list(value) if isinstance(value, (list, tuple)) else [value]
        state.double_array_value.data.extend(float(v) for v in numbers)
    elif kind == "number_input":
        if info.proto.data_type == NumberInput.INT:
            state.int_value = int(value)
        else:
            state.double_value = float(value)
    elif kind in ("selectbox", "radio", "text_input"):
        state.string_value = str(value)
    elif kind in ("button_group", "multiselect"):
        labels = list(value) if isinstance(value, (list, tuple)) else [value]
        state.string_array_value.data.extend(str(v) for v in labels)
    elif kind in ("checkbox", "toggle"):
        state.bool_value = bool(value)
    elif kind == "button":
        state.trigger_value = True
    else:
        raise ValueError(f"no wire form for a {kind}")
    return state


class Session:
    """One app session over a websocket; ``await run(...)`` returns when the run finished."""

    def __init__(self, base_url: str, page: str = "", query: str = "", locale: str = "en-US"):
        parsed = urlparse(base_url)
        self.ws_url = f"ws://{parsed.netloc}/_stcore/stream"
        self.page = page
        self.query = query
        self.locale = locale
        self.widgets: dict[str, WidgetInfo] = {}  # user key -> the widget as last drawn
        self.fragments: dict[str, float] = {}  # fragment id -> auto-rerun interval (s)
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page_hash = ""
        self._ws = None
        self._states: dict[str, WidgetState] = {}

    async def __aenter__(self) -> Session:
        self._ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], max_size=64 * 1024 * 1024, open_timeout=60
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self._ws.close()

    def _back_msg(self, fragment_id: str = "", auto: bool = False) -> BackMsg:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        state.page_script_hash = self.page_hash
        state.context_info.locale = self.locale
        state.context_info.timezone = "UTC"
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = auto
        state.widget_states.widgets.extend(self._states.values())
        return msg

    async def _send_and_wait(self, msg: BackMsg, timeout: float) -> RunResult:
        start = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        result = RunResult(0.0, fragment=bool(msg.rerun_script.fragment_id))
        deadline = start + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no script_finished within {timeout} s")
            raw = await asyncio.wait_for(self._ws.recv(), timeout=left)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash
                if not fwd.metadata.run.fragment_ids:  # a full run: timers are set anew
                    self.fragments.clear()
                    result.fragment = False
                self._read_pages(fwd.new_session.app_pages)
            elif kind == "page_info_changed":
                self.query = fwd.page_info_changed.query_string
            elif kind == "navigation":
                self.page_hash = fwd.navigation.page_script_hash
                self._read_pages(fwd.navigation.app_pages)
            elif kind == "auto_rerun":
                self.fragments[fwd.auto_rerun.fragment_id] = fwd.auto_rerun.interval
            elif kind == "stop_auto_rerun":
                for fragment_id in fwd.stop_auto_rerun.fragment_ids:
                    self.fragments.pop(fragment_id, None)
            elif kind == "delta":
                self._read_delta(fwd, result)
            elif kind == "page_not_found":
                raise RuntimeError(f"page not found: {fwd.page_not_found.page_name}")
            elif kind == "script_finished" and fwd.script_finished != EARLY_FOR_RERUN:
                result.seconds = time.perf_counter() - start
                return result

    def _read_pages(self, app_pages) -> None:
        for p in app_pages:
            self.pages[p.url_pathname] = p.page_script_hash

    def _read_delta(self, fwd: ForwardMsg, result: RunResult) -> None:
        delta = fwd.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        result.elements += 1
        which = element.WhichOneof("type")
        if which == "exception":
            result.exceptions.append(element.exception.message)
        elif which == "alert":
            result.alerts.append((ALERT_FORMATS.get(element.alert.format, "?"), element.alert.body))
        elif which in WIDGET_TYPES:
            proto = getattr(element, which)
            element_id = proto.id
            key = element_id.rsplit("-", 1)[-1] if "-" in element_id else element_id
            if getattr(proto, "set_value", False):  # the app set it: the browser follows
                self._states.pop(element_id, None)
            self.widgets[key] = WidgetInfo(which, element_id, proto, delta.fragment_id)

    async def run(self, timeout: float = 120.0) -> RunResult:
        """A full rerun with the current widget states (what a page load or change does)."""
        return await self._send_and_wait(self._back_msg(), timeout)

    async def set_value(
        self, key: str, value: Any = None, *, index=None, timeout: float = 120.0
    ) -> RunResult:
        """Change one widget as a user would (see ``encode``) and wait for the rerun."""
        info = self.widgets[key]
        return await self._change(info, encode(info, value, index=index), timeout)

    async def click(self, key: str, timeout: float = 120.0) -> RunResult:
        return await self.set_value(key, True, timeout=timeout)

    async def _change(self, info: WidgetInfo, state: WidgetState, timeout: float) -> RunResult:
        trigger = state.WhichOneof("value") == "trigger_value"
        self._states[state.id] = state
        try:
            return await self._send_and_wait(self._back_msg(info.fragment_id), timeout)
        finally:
            if trigger:  # buttons fire once
                self._states.pop(state.id, None)

    async def goto(self, url_path: str, query: str = "", timeout: float = 120.0) -> RunResult:
        """Open another page of the app in this session (a click on the navigation)."""
        self.page_hash = self.pages.get(url_path, "")
        self.page = url_path
        self.query = query
        self._states.clear()
        self.widgets.clear()
        return await self.run(timeout)

    async def tick_fragments(self, timeout: float = 120.0) -> list[RunResult]:
        """Run each auto-rerun fragment once, as the browser's timers would."""
        results = []
        for fragment_id in list(self.fragments):
            if fragment_id not in self.fragments:  # stopped by the previous tick
                continue
            results.append(
                await self._send_and_wait(self._back_msg(fragment_id, auto=True), timeout)
            )
        return results
