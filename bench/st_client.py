"""A light Streamlit client speaking the app's own websocket protocol (for load tests).

A browser is too heavy to run twenty of on two cores, so this client does what the
frontend does for our purposes: open a session on a page, send widget changes as
``rerun_script`` back-messages, answer fragment auto-rerun timers, and collect the
elements (and exception boxes) of each run. One ``Session`` = one browser tab.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
WIDGET_TYPES = ("slider", "number_input", "selectbox", "checkbox", "button", "radio",
                "button_group", "text_input", "multiselect", "toggle", "select_slider")


@dataclass
class RunResult:
    seconds: float
    exceptions: list[str] = field(default_factory=list)
    elements: int = 0


class Session:
    """One app session over a websocket; ``await run(...)`` returns when the run finished."""

    def __init__(self, base_url: str, page: str = "", query: str = "", locale: str = "en-US"):
        parsed = urlparse(base_url)
        self.ws_url = f"ws://{parsed.netloc}/_stcore/stream"
        self.page = page
        self.query = query
        self.locale = locale
        self.widget_ids: dict[str, str] = {}  # user key -> element id
        self.fragments: dict[str, float] = {}  # fragment id -> auto-rerun interval (s)
        self.page_hash = ""
        self._ws = None
        self._states: dict[str, WidgetState] = {}

    async def __aenter__(self) -> "Session":
        self._ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"],
                                            max_size=64 * 1024 * 1024)
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
        result = RunResult(0.0)
        while True:
            raw = await asyncio.wait_for(self._ws.recv(), timeout=timeout)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query = fwd.page_info_changed.query_string
            elif kind == "navigation":
                self.page_hash = fwd.navigation.page_script_hash
            elif kind == "auto_rerun":
                self.fragments[fwd.auto_rerun.fragment_id] = fwd.auto_rerun.interval
            elif kind == "delta":
                self._read_delta(fwd, result)
            elif kind == "script_finished" and fwd.script_finished != EARLY_FOR_RERUN:
                result.seconds = time.perf_counter() - start
                return result

    def _read_delta(self, fwd: ForwardMsg, result: RunResult) -> None:
        delta = fwd.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        result.elements += 1
        which = element.WhichOneof("type")
        if which == "exception":
            result.exceptions.append(element.exception.message)
        elif which in WIDGET_TYPES:
            element_id = getattr(element, which).id
            key = element_id.rsplit("-", 1)[-1] if "-" in element_id else element_id
            self.widget_ids[key] = element_id

    async def run(self, timeout: float = 120.0) -> RunResult:
        """A full rerun with the current widget states (what a page load or change does)."""
        return await self._send_and_wait(self._back_msg(), timeout)

    async def set_widget(self, key: str, timeout: float = 120.0, **value) -> RunResult:
        """Change one widget (e.g. ``int_value=3`` or ``trigger_value=True``) and wait."""
        state = WidgetState(id=self.widget_ids[key], **value)
        trigger = "trigger_value" in value
        self._states[state.id] = state
        try:
            return await self._send_and_wait(self._back_msg(), timeout)
        finally:
            if trigger:  # buttons fire once
                self._states.pop(state.id, None)

    async def tick_fragments(self, timeout: float = 120.0) -> list[RunResult]:
        """Run each auto-rerun fragment once, as the browser's timers would."""
        results = []
        for fragment_id in list(self.fragments):
            results.append(await self._send_and_wait(self._back_msg(fragment_id, auto=True),
                                                     timeout))
        return results
