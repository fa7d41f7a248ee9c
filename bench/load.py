"""Bench: many students on one server.

    python -m bench.load --sessions 20 [--think 2,6] [--seed 0] [--url http://...]

Starts the real server on loopback (``bench.harness.running_server``: the same
``streamlit run`` command as the browser tests) unless ``--url`` names a running one, and
drives ``--sessions`` concurrent sessions with ``bench.st_client`` (one websocket each,
asyncio), arriving ``--ramp`` seconds apart. Each session, like a student in one tab:

1. opens the augmentation lab and changes its controls (``aug_seed``, ``aug_scale``,
   ``aug_rows``, ``aug_hflip``),
2. opens the GCN lab and walks its steps (``gcn_step``, a fragment rerun), switches the
   graph (``gcn_preset``) and steps again,
3. every fourth session then opens the transfer lab, makes the run small
   (``tl_data_per_class`` 8, 9, 10, ... images per class of the offline shapes, so each
   trainer computes its own frozen features; ``tl_epochs`` 3; ``--train-images`` and
   ``--train-epochs`` change them), presses ``tl_start`` and
   answers the live panel's auto-rerun timer like a browser until the run has finished.

``--scenario class`` is a class told to start together: ``--sessions`` (40) students
arrive, ``--trainers`` (30) of them open the transfer lab and press Start on its default
training (the book-free default data, nothing changed) at a random moment within
``--window`` (10) seconds of the first arrival, and follow the live panel to the result;
the others browse the augmentation and GCN labs as above. ``first_feedback_s`` is the
time from pressing Start to the page's answer (its rerun finished), ``result_s`` to the
finished run; identical default trainings share their frozen features (the lab's cache).

Between two actions a student thinks for a random time drawn uniformly from ``--think``
(seconds). Latency is the time from sending a control change to its ``script_finished``
(the updated view is complete); page opens and fragment timer ticks are reported apart.
Error boxes are exception elements in any run. Before the students arrive one session
opens each page once, as the teacher's tab does before class (the process's first import
of torch and first model load are not a student's wait); ``--cold`` skips that.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TRAIN_EVERY = 4


# ---------------------------------------------------------------- numbers


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100, numpy's linear interpolation), or None for no values."""
    return float(np.percentile(values, q)) if len(values) else None


def summary(values: Sequence[float]) -> dict:
    def r(x):
        return None if x is None else round(x, 3)

    return {
        "n": len(values),
        "p50_s": r(percentile(values, 50)),
        "p95_s": r(percentile(values, 95)),
        "max_s": r(max(values) if values else None),
    }


def parse_think(text: str) -> tuple[float, float]:
    """``"2,6"`` -> (2.0, 6.0); ``"3"`` -> (3.0, 3.0)."""
    parts = [float(p) for p in text.split(",")]
    if len(parts) == 1:
        parts *= 2
    lo, hi = parts
    if not 0 <= lo <= hi:
        raise argparse.ArgumentTypeError(f"think time range {text!r}: need 0 <= low <= high")
    return lo, hi


# ---------------------------------------------------------------- one student


@dataclass
class Record:
    """What the sessions saw, gathered by all of them (one event loop: no locks needed)."""

    changes: list[tuple[str, float]] = field(default_factory=list)  # (widget key, seconds)
    page_loads: list[tuple[str, float]] = field(default_factory=list)
    ticks: list[float] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    error_alerts: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # sessions that broke off, and why
    started: int = 0
    completed: int = 0
    trainings_started: int = 0
    trainings_finished: int = 0
    first_feedback: list[float] = field(default_factory=list)  # Start -> its rerun finished
    results: list[float] = field(default_factory=list)  # Start -> the finished run

    def take(self, result, kind: str, what: str = "") -> None:
        self.exceptions += result.exceptions
        self.error_alerts += [body for fmt, body in result.alerts if fmt == "error"]
        if kind == "change":
            self.changes.append((what, result.seconds))
        elif kind == "page":
            self.page_loads.append((what, result.seconds))
        else:
            self.ticks.append(result.seconds)


class Student:
    def __init__(
        self,
        number: int,
        url: str,
        record: Record,
        think: tuple[float, float],
        seed: int,
        timeout: float,
        train: tuple[int, int] = (8, 3),
    ) -> None:
        self.number = number
        self.url = url
        self.record = record
        self.think_range = think
        self.rng = random.Random(seed * 1000 + number)
        self.timeout = timeout
        self.trains = number % TRAIN_EVERY == 0
        self.train = train  # (images per class of the first trainer, epochs)
        self.press_at: float | None = None  # class scenario: when to press Start (monotonic)

    async def think(self) -> None:
        await asyncio.sleep(self.rng.uniform(*self.think_range))

    async def change(self, session, key: str, value=None, *, index=None) -> None:
        await self.think()
        result = await session.set_value(key, value, index=index, timeout=self.timeout)
        self.record.take(result, "change", key)

    async def open(self, session, page: str) -> None:
        result = await (
            session.run(self.timeout)
            if not session.widgets and page == session.page
            else session.goto(page, timeout=self.timeout)
        )
        self.record.take(result, "page", page)

    async def augmentation(self, session) -> None:
        await self.open(session, "augmentation")
        rng = self.rng
        await self.change(session, "aug_seed", rng.randrange(1000))
        low = round(rng.uniform(0.05, 0.5), 2)
        await self.change(session, "aug_scale", (low, round(rng.uniform(low + 0.2, 1.0), 2)))
        await self.change(session, "aug_rows", rng.choice([1, 3, 4]))
        await self.change(session, "aug_hflip", True)
        await self.change(session, "aug_seed", rng.randrange(1000))

    async def gcn(self, session) -> None:
        await self.open(session, "gcn")
        rng = self.rng
        steps = len(session.widgets["gcn_step"].options)
        for k in (1, 2, 3):
            await self.change(session, "gcn_step", index=k)
        presets = len(session.widgets["gcn_preset"].options)
        await self.change(session, "gcn_preset", index=rng.randrange(presets))
        await self.change(session, "gcn_step", index=rng.randrange(steps))

    async def transfer(self, session) -> None:
        await self.open(session, "transfer_learning")
        # each trainer its own small set of shapes, so each computes its frozen features
        await self.change(session, "tl_data_per_class", self.train[0] + self.number // TRAIN_EVERY)
        await self.change(session, "tl_epochs", self.train[1])
        self.record.trainings_started += 1
        await self.think()
        result = await session.click("tl_start", timeout=self.timeout)
        self.record.take(result, "change", "tl_start")
        finished = _trained(result)
        while session.fragments and not finished:
            await asyncio.sleep(min(session.fragments.values()))
            for tick in await session.tick_fragments(timeout=self.timeout):
                self.record.take(tick, "tick")
                finished = finished or _trained(tick)
        if finished:
            self.record.trainings_finished += 1
        else:
            raise RuntimeError("the live panel stopped without a finished run")

    async def default_training(self, session) -> None:
        """The class scenario's trainer: the lab as it opens, Start at ``press_at``."""
        await self.open(session, "transfer_learning")
        await asyncio.sleep(max(0.0, self.press_at - time.monotonic()))
        self.record.trainings_started += 1
        pressed = time.perf_counter()
        result = await session.click("tl_start", timeout=self.timeout)
        self.record.take(result, "change", "tl_start")
        self.record.first_feedback.append(result.seconds)
        finished = _trained(result)
        while session.fragments and not finished:
            await asyncio.sleep(min(session.fragments.values()))
            for tick in await session.tick_fragments(timeout=self.timeout):
                self.record.take(tick, "tick")
                finished = finished or _trained(tick)
        if not finished:
            raise RuntimeError("the live panel stopped without a finished run")
        self.record.trainings_finished += 1
        self.record.results.append(time.perf_counter() - pressed)

    async def run(self) -> None:
        from bench.st_client import Session

        self.record.started += 1
        try:
            async with Session(self.url, page="augmentation") as session:
                if self.press_at is not None:
                    await self.default_training(session)
                else:
                    await self.augmentation(session)
                    await self.gcn(session)
                    if self.trains:
                        await self.transfer(session)
            self.record.completed += 1
        except Exception as err:  # a broken session is a result, not a crash of the bench
            self.record.failures.append(f"session {self.number}: {type(err).__name__}: {err}")


def _trained(result) -> bool:
    """The transfer lab's success box ("Trained N epochs ...") is on the page."""
    return any(fmt == "success" for fmt, _ in result.alerts) and not result.fragment


# ---------------------------------------------------------------- the server


def _server_pid(port: int) -> int | None:
    """The ``streamlit run`` child started by this process on ``port`` (for its RSS)."""
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().split(b"\0")
        except OSError:
            continue
        if ppid == me and b"--server.port" in cmd and str(port).encode() in cmd:
            return int(entry)
    return None


class ServerWatch(threading.Thread):
    """Samples the server's RSS and CPU time every 0.2 s."""

    def __init__(self, pid: int | None) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_mb = 0.0
        self.cpu_start = self.cpu_seconds()
        self._halt = threading.Event()

    def cpu_seconds(self) -> float:
        if self.pid is None:
            return 0.0
        try:
            with open(f"/proc/{self.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return 0.0

    def run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while self.pid is not None and not self._halt.is_set():
            try:
                with open(f"/proc/{self.pid}/statm") as f:
                    self.peak_mb = max(self.peak_mb, int(f.read().split()[1]) * page / 2**20)
            except OSError:
                break
            time.sleep(0.2)

    def stop(self) -> float:
        self._halt.set()
        self.join()
        return self.cpu_seconds() - self.cpu_start


async def _warm(url: str, timeout: float) -> None:
    """One session opens every page first, as the teacher's tab does before class: the
    first import of torch and the model's first load are not what the students measure."""
    from bench.st_client import Session

    async with Session(url, page="augmentation") as session:
        await session.run(timeout)
        for page in ("gcn", "transfer_learning"):
            await session.goto(page, timeout=timeout)


async def _drive(url: str, args) -> tuple[Record, float]:
    record = Record()
    if not args.cold:
        await _warm(url, args.timeout)
    students = [
        Student(
            i,
            url,
            record,
            args.think,
            args.seed,
            args.timeout,
            (args.train_images, args.train_epochs),
        )
        for i in range(args.sessions)
    ]
    if args.scenario == "class":
        plan_class(students, args.trainers, args.window, args.seed, time.monotonic())
    start = time.perf_counter()
    tasks = []
    for student in students:
        tasks.append(asyncio.create_task(student.run()))
        await asyncio.sleep(args.ramp)
    await asyncio.gather(*tasks)
    return record, time.perf_counter() - start


def plan_class(students: list, trainers: int, window: float, seed: int, now: float) -> None:
    """Pick ``trainers`` students (seeded) and give each a moment to press Start within
    ``window`` seconds of ``now``; the rest only browse (no small trainings of their own)."""
    rng = random.Random(seed)
    chosen = rng.sample(range(len(students)), min(trainers, len(students)))
    for student in students:
        student.trains = False
    for i in chosen:
        students[i].press_at = now + rng.uniform(0.0, window)


def stats(values: Sequence[float]) -> dict:
    """p50, p95 and max in seconds (None without values)."""
    s = summary(values)
    return {"p50": s["p50_s"], "p95": s["p95_s"], "max": s["max_s"]}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", choices=("browse", "class"), default="browse")
    parser.add_argument("--trainers", type=int, default=30, help="class: who press Start")
    parser.add_argument("--window", type=float, default=10.0, help="class: Start within (s)")
    parser.add_argument("--sessions", type=int, default=None, help="20 (browse), 40 (class)")
    parser.add_argument(
        "--think",
        type=parse_think,
        default=(2.0, 6.0),
        help="a student's pause before each action, uniform in LOW,HIGH s",
    )
    parser.add_argument("--ramp", type=float, default=0.25, help="seconds between arrivals")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--train-images",
        type=int,
        default=8,
        help="images per class of the first trainer's shapes (+1 per trainer)",
    )
    parser.add_argument("--train-epochs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=180.0, help="per run, seconds")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="no warm-up visit: the first student pays the first imports",
    )
    parser.add_argument("--url", default="", help="a running server instead of a new one")
    args = parser.parse_args(argv)
    if args.sessions is None:
        args.sessions = 40 if args.scenario == "class" else 20

    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    load_before = os.getloadavg()
    with contextlib.ExitStack() as stack:
        url = args.url
        if not url:
            from bench.harness import running_server

            url = stack.enter_context(running_server("load-server.log"))
        watch = ServerWatch(None if args.url else _server_pid(int(url.rsplit(":", 1)[1])))
        watch.start()
        record, wall = asyncio.run(_drive(url, args))
        server_cpu = watch.stop()
    latencies = [s for _, s in record.changes]
    by_control: dict[str, list[float]] = {}
    for key, seconds in record.changes:
        by_control.setdefault(key, []).append(seconds)
    p95 = percentile(latencies, 95)
    result = {
        "sessions": args.sessions,
        "sessions_started": record.started,
        "sessions_completed": record.completed,
        "errors": len(record.exceptions),
        "error_messages": sorted(set(record.exceptions))[:5],
        "error_alerts": len(record.error_alerts),
        "failures": record.failures[:5],
        "changes": len(latencies),
        "latency": summary(latencies),
        "latency_by_control": {k: summary(v) for k, v in sorted(by_control.items())},
        "page_loads": summary([s for _, s in record.page_loads]),
        "fragment_ticks": summary(record.ticks),
        "trainings_started": record.trainings_started,
        "trainings_finished": record.trainings_finished,
        "scenario": args.scenario,
        "first_feedback_s": stats(record.first_feedback),
        "result_s": stats(record.results),
        "class_targets_met": args.scenario == "class"
        and record.completed == args.sessions
        and not record.exceptions
        and record.trainings_finished == record.trainings_started
        and max(record.first_feedback, default=0.0) <= 2.0
        and max(record.results, default=0.0) <= 180.0
        and (p95 or 0.0) <= 2.0
        and watch.peak_mb <= 2048,
        "wall_s": round(wall, 1),
        "think_s": list(args.think),
        "training_settings": {
            "images_per_class": args.train_images,
            "epochs": args.train_epochs,
            "preset": "head",
            "every": TRAIN_EVERY,
        },
        "warm_server": not args.cold,
        "server_rss_peak_mb": round(watch.peak_mb, 1) if watch.pid else None,
        "server_cpu_s": round(server_cpu, 1) if watch.pid else None,
        "target_p95_s": 3.0,
        "meets_target": (
            record.completed == args.sessions
            and not record.exceptions
            and p95 is not None
            and p95 <= 3.0
        ),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    return result


if __name__ == "__main__":
    print(json.dumps(main()))
