"""bench.room: how it reads the teacher's table, and a small class through a real server
(its counts, never its timings)."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.room import main, shown_students


def test_the_teacher_table_is_read_by_nickname():
    table = "| Student | Answer |\n|---|---|\n| s02 | Mean |\n| s10 | Sum |\n| s02 | Mean |"
    assert shown_students(["intro s99", table]) == Counter({"s02": 2, "s10": 1})
    assert shown_students(["| Student 3 | Mean |"]) == Counter(), "only the bench's nicknames"


@pytest.mark.e2e
def test_a_small_class_loses_and_repeats_nothing():
    with ThreadPoolExecutor(1) as thread:  # asyncio.run in a thread of its own (see test_load)
        result = thread.submit(main, ["--students", "4", "--spread", "2"]).result()
    assert result["errors"] == 0, result["error_samples"]
    assert result["answers_sent"] == result["answers_seen"] == 4
    assert result["lost"] == 0 and result["duplicated"] == 0
    assert result["latency"]["n"] == 4
