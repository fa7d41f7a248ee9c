"""bench.notebooks: one lab's default notebook, executed, matches the lab (the cheapest one;
every lab's own notebook tests cover the rest)."""

from __future__ import annotations

from bench import notebooks


def test_the_bench_reports_seconds_and_a_match_per_lab():
    result = notebooks.main(("computation_graph",))
    assert list(result) == ["computation_graph"]
    assert result["computation_graph"]["matches"] is True
    assert result["computation_graph"]["seconds"] > 0
    assert set(notebooks.LABS) == {
        "augmentation", "computation_graph", "gcn", "feature_maps", "transfer_learning"
    }  # fmt: skip
