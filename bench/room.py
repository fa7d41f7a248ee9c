"""Bench: a class room under a class's answers.

    python -m bench.room --students 40 [--spread 10] [--url http://...]

Starts the real server on loopback (``bench.harness.running_server``, with a fresh SQLite
store in a temporary folder) unless ``--url`` names a running one. A teacher session opens
the class room page, opens a room and asks a question; then ``--students`` sessions
(``bench.st_client``, one websocket each) open the student link and join with a nickname,
as a class does at the start of a lesson. Once all have joined, each sends one answer at a
random moment within ``--spread`` seconds. The teacher's session answers its live panel's
auto-rerun timer like a browser (once a second) and reads the answers-by-student table
(folded under the chart, sent with every tick) of every tick.

Latency: from sending a student's answer (the click) to the end of the first teacher tick
whose table shows it. ``lost``: answers the store accepted that the teacher never saw
within ``--deadline`` seconds; ``duplicated``: a student shown twice in one table.
``errors``: exception elements or error boxes in any session, and sessions that broke off.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import re
import tempfile
import time
from collections import Counter

from bench.load import summary
from bench.st_client import RunResult, Session
from core.classroom.questions import question_ids

QUESTION = "gcn.readout"
CHOICES = 3  # the radio's options for QUESTION
TICK_S = 1.0  # the teacher view's run_every
ROW = re.compile(r"^\| (s\d+) \|", re.M)  # a row of the answers table, by nickname


class Watcher(Session):
    """A session that also keeps the markdown and metric values of its last run."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.markdown: list[str] = []
        self.metrics: list[str] = []
        self.errors: list[str] = []

    async def _send_and_wait(self, msg, timeout: float) -> RunResult:
        self.markdown, self.metrics = [], []
        result = await super()._send_and_wait(msg, timeout)
        self.errors += result.exceptions + [b for f, b in result.alerts if f == "error"]
        return result

    def _read_delta(self, fwd, result) -> None:
        super()._read_delta(fwd, result)
        if fwd.delta.WhichOneof("type") != "new_element":
            return
        element = fwd.delta.new_element
        which = element.WhichOneof("type")
        if which == "markdown":
            self.markdown.append(element.markdown.body)
        elif which == "metric":
            self.metrics.append(element.metric.body)


def shown_students(markdown: list[str]) -> Counter:
    """How many rows each student has in the answers-by-student table."""
    return Counter(name for body in markdown for name in ROW.findall(body))


async def open_teacher(url: str, timeout: float) -> tuple[Watcher, str]:
    teacher = Watcher(url, page="classroom", query="lang=en")
    await teacher.__aenter__()
    await teacher.run(timeout)
    await teacher.click("room_open", timeout=timeout)
    code = teacher.metrics[0]
    await teacher.set_value("room_question", index=1 + question_ids().index(QUESTION))
    return teacher, code


async def student(
    number: int, url: str, code: str, args, sent: dict, record: dict, class_in: asyncio.Barrier
) -> None:
    rng = random.Random(args.seed * 1000 + number)
    name = f"s{number:02d}"
    try:
        async with Watcher(url, page="classroom", query=f"lang=en&room_code={code}") as me:
            await me.run(args.timeout)
            await me.set_value("room_nickname", name, timeout=args.timeout)
            await me.click("room_join", timeout=args.timeout)
            await class_in.wait()  # the lesson starts when the whole class is in
            await asyncio.sleep(rng.uniform(0, args.spread))
            await me.set_value(
                f"room_answer_{QUESTION}", index=rng.randrange(CHOICES), timeout=args.timeout
            )
            start = time.perf_counter()
            await me.click("room_send", timeout=args.timeout)
            if any("Answer sent" in body for body in me.markdown):
                sent[name] = start
            else:
                record["failures"].append(f"{name}: no confirmation")
            record["errors"] += me.errors
    except Exception as err:  # a session that broke off counts as an error, the rest go on
        record["failures"].append(f"{name}: {type(err).__name__}: {err}"[:200])
        if not class_in.broken:
            await class_in.abort()  # the others do not wait for this one


async def _drive(url: str, args) -> dict:
    teacher, code = await open_teacher(url, args.timeout)
    sent: dict[str, float] = {}
    seen: dict[str, float] = {}
    record = {"errors": [], "failures": [], "duplicated": 0, "ticks": []}
    class_in = asyncio.Barrier(args.students)
    tasks = [
        asyncio.create_task(student(n, url, code, args, sent, record, class_in))
        for n in range(1, args.students + 1)
    ]
    finished_at = None
    while True:
        tick_start = time.perf_counter()
        for result in await teacher.tick_fragments(args.timeout):
            record["ticks"].append(result.seconds)
        now = time.perf_counter()
        rows = shown_students(teacher.markdown)
        record["duplicated"] += sum(1 for n in rows.values() if n > 1)
        for name in rows:
            seen.setdefault(name, now)
        if all(t.done() for t in tasks):
            finished_at = finished_at or now
            if set(sent) <= set(seen) or now - finished_at > args.deadline:
                break
        await asyncio.sleep(max(0.0, TICK_S - (time.perf_counter() - tick_start)))
    await asyncio.gather(*tasks)
    record["errors"] += teacher.errors
    await teacher.__aexit__(None, None, None)
    latencies = [seen[n] - t for n, t in sent.items() if n in seen]
    return {
        "students": args.students,
        "answers_sent": len(sent),
        "answers_seen": len(set(sent) & set(seen)),
        "lost": len(set(sent) - set(seen)),
        "duplicated": record["duplicated"],
        "errors": len(record["errors"]) + len(record["failures"]),
        "error_samples": (record["errors"] + record["failures"])[:5],
        "latency": summary(latencies),
        "teacher_tick": summary(record["ticks"]),
        "targets": {"p95_s": 2.0, "lost": 0, "duplicated": 0, "errors": 0},
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--spread", type=float, default=10.0, help="answers arrive within (s)")
    parser.add_argument("--deadline", type=float, default=20.0, help="wait for the last (s)")
    parser.add_argument("--timeout", type=float, default=120.0, help="one run's limit (s)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--url", help="a running server instead of starting one")
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        url = args.url
        if not url:
            from bench.harness import running_server

            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-room-"))
            env = {"CLASSROOM_DATA_DIR": folder, "CLASSROOM_DB_URL": ""}
            url = stack.enter_context(running_server("room-server.log", env=env))
        started = time.perf_counter()
        result = asyncio.run(_drive(url, args))
        result["wall_s"] = round(time.perf_counter() - started, 1)
    return result


if __name__ == "__main__":
    print(json.dumps(main()))
