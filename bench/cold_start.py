"""Bench: a cold server, from ``streamlit run`` to the home page and to each lab's first
complete render.

    python -m bench.cold_start [--labs augmentation,transfer_learning,...]

Starts the real server (``bench.harness.running_server``), then opens the home page and
each lab in a new session of its own (``bench.st_client``: one websocket, as a tab), one
after the other in the given order: a lab's time includes what it is the first to import
or build (torch, a model). A render is complete when its script run has finished.
Prints one JSON object; target: the home page within 3 s of the server answering.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time

LABS = ("augmentation", "transfer_learning", "computation_graph", "feature_maps", "gcn")
HOME_TARGET_S = 3.0


async def _first_render(url: str, page: str, timeout: float) -> dict:
    from bench.st_client import Session

    t = time.perf_counter()
    async with Session(url, page=page) as session:
        result = await session.run(timeout)
    return {
        "seconds": round(time.perf_counter() - t, 3),
        "errors": len(result.exceptions),
        "elements": result.elements,
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labs", default=",".join(LABS))
    parser.add_argument("--timeout", type=float, default=180.0)
    args = parser.parse_args(argv)
    from bench.harness import running_server

    load_before = os.getloadavg()
    t0 = time.perf_counter()
    with running_server("cold-start-server.log") as url:
        health = time.perf_counter() - t0
        home = asyncio.run(_first_render(url, "", args.timeout))
        home_from_start = time.perf_counter() - t0
        labs = {}
        for lab in [p for p in args.labs.split(",") if p]:
            labs[lab] = asyncio.run(_first_render(url, lab, args.timeout))
    result = {
        "seconds_to_health": round(health, 3),
        "home": home,
        "home_seconds_from_start": round(home_from_start, 3),
        "labs_first_render": labs,
        "errors": home["errors"] + sum(v["errors"] for v in labs.values()),
        "target_home_s": HOME_TARGET_S,
        "meets_target": home_from_start <= HOME_TARGET_S,
        "loadavg_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
