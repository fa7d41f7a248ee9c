"""Faults a classroom server meets, against a real server and real browsers: a student
closes the tab mid-training while others wait for a slot, and the server restarts mid-run."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from bench.harness import _free_port, running_server
from core.common.i18n import t
from core.transfer_learning.training import RunSlots
from tests.e2e.conftest import assert_no_error, open_page, widget

pytestmark = pytest.mark.e2e

LONG_RUN = "tl_preset=last_half&tl_epochs=30&tl_lr=0.0001"
SLOT_FREED_WITHIN_S = RunSlots(1).stale_after + 25  # a tab stops asking; the next tick frees


def _start(tab) -> None:
    widget(tab, "tl_start").get_by_role("button").click()


def _training(tab):
    return tab.get_by_text("Training epoch")


def test_a_closed_tab_frees_its_training_slot_and_the_queue_moves_on(browser):
    with running_server("server-faults.log", env={"TL_MAX_PARALLEL_RUNS": "1"}) as url:
        first, second = (
            browser.new_context(viewport={"width": 1400, "height": 1400}) for _ in "ab"
        )
        a, b = first.new_page(), second.new_page()
        for tab in (a, b):
            tab.set_default_timeout(120_000)
            open_page(tab, f"{url}/transfer_learning?lang=en&{LONG_RUN}")
        _start(a)
        expect(_training(a).first).to_be_visible(timeout=120_000)
        _start(b)
        expect(b.get_by_text("Waiting: 1 of this server's 1 training slots")).to_be_visible(
            timeout=60_000
        )
        first.close()  # the student leaves mid-training
        closed = time.monotonic()
        expect(_training(b).first).to_be_visible(timeout=SLOT_FREED_WITHIN_S * 1000)
        waited = time.monotonic() - closed
        assert_no_error(b)
        print(f"the queued run started {waited:.1f} s after the other tab closed")
        second.close()


def test_a_server_restart_mid_run_keeps_the_link_and_says_the_run_was_lost(browser):
    port = _free_port()
    context = browser.new_context(viewport={"width": 1400, "height": 1400})
    tab = context.new_page()
    tab.set_default_timeout(120_000)
    with running_server("server-restart-1.log", port=port) as url:
        open_page(tab, f"{url}/transfer_learning?lang=ko&{LONG_RUN}")
        _start(tab)
        tab.wait_for_url("**tl_run=1**")
        link = tab.url
    with running_server("server-restart-2.log", port=port):  # the same address, a new process
        open_page(tab, link)
        expect(
            tab.get_by_text(t("transfer_learning.run.lost", "ko").split("(")[0].strip())
        ).to_be_visible()
        assert_no_error(tab, "after a restart")
        assert "tl_epochs=30" in tab.url and "tl_run" not in tab.url
        slider = widget(tab, "tl_epochs").get_by_role("slider")
        assert slider.get_attribute("aria-valuenow") == "30" or slider.input_value() == "30"
    context.close()
