"""bench.strategy on tiny drawn data: one JSON object with the grid the issue asks for.
No timing assertions (the figures are the bench's to report)."""

from __future__ import annotations

import json

from bench import strategy

TINY = ["--close", "shapes", "--far", "shapes", "--small", "1", "--large", "2"]
TINY += ["--seeds", "2", "--steps", "1", "--test-per-class", "2", "--res", "64"]


def test_the_bench_prints_one_json_object_with_four_cells(capsys):
    result = strategy.main(TINY)
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(result))
    assert printed["status"] == "done" and printed["seconds_total"] > 0
    cells = printed["cells"]
    assert [(c["size"], c["similarity"]) for c in cells] == [
        ("small", "close"),
        ("small", "far"),
        ("large", "close"),
        ("large", "far"),
    ]
    for cell in cells:
        assert set(cell["strategies"]) == {"all", "last_half", "last_block", "head"}
        for numbers in cell["strategies"].values():
            assert len(numbers["acc_per_seed"]) == 2
            assert {"acc_mean", "acc_spread", "seconds"} <= set(numbers)
        assert cell["verdict"] in ("agrees", "too_close", "disagrees")
    assert printed["runs"] == 4 * 4 * 2
