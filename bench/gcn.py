"""How long the GCN lab's work takes: the steps, the figures, the karate training, a page run.

python -m bench.gcn        # prints one JSON object
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from bench.timing import median_ms


def main() -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from core.common.theme import NORMAL, PROJECTOR
    from core.gcn import convolution as gcn
    from core.gcn import graph as g
    from core.gcn import karate_training as gcn_training
    from core.gcn.figures import graph_figure, matrix_figure

    karate = g.preset_graph("karate")
    big = g.apply_node_edits(
        karate, {"added_rows": [{"label": f"n{i}"} for i in range(g.MAX_NODES - 34)]}
    )[0]
    big = g.connect_nodes(
        big, list(range(0, 300, 4))
    )  # 300 nodes and 75 choose 2 = 2775 more edges
    result: dict = {
        "load_average_1min": round(os.getloadavg()[0], 2),
        "nodes_big": big.n,
        "edges_big": len(big.edges),
    }
    for name, graph in (
        ("ethanol", g.preset_graph("ethanol")),
        ("karate", karate),
        ("big300", big),
    ):
        A, X = g.adjacency_matrix(graph), g.feature_matrix(graph)
        result[f"steps_ms_{name}"] = median_ms(
            lambda: gcn.convolution_steps(A, X, 3, 0, True, "mean")
        )
        steps = gcn.convolution_steps(A, X, 3, 0)
        result[f"matrix_figure_ms_{name}"] = median_ms(
            lambda: matrix_figure(steps.A_norm, PROJECTOR, title="Â")
        )
        result[f"graph_figure_ms_{name}"] = median_ms(lambda: graph_figure(graph, NORMAL), runs=3)
    problem = gcn_training.karate_problem()
    result["karate_300_epochs_s"] = round(
        median_ms(lambda: list(gcn_training.train_karate(problem=problem)), 3) / 1000, 3
    )
    states = list(gcn_training.train_karate(problem=problem))
    result["karate_final_accuracy"] = states[-1].accuracy
    result["karate_untrained_grouping"] = gcn_training.nearest_label_accuracy(
        states[0].embedding, problem
    )
    edited = g.add_node(karate)
    text = g.encode_graph(edited)
    result["link_chars_karate_plus_one"] = len(text)
    result["link_round_trip_ms"] = median_ms(lambda: g.decode_graph(g.encode_graph(edited)))
    result.update(page_runs(big))
    return result


def page_runs(big) -> dict:
    """A whole script run of the GCN page in AppTest (includes Streamlit's own overhead)."""
    from bench.harness import make_app

    out = {}
    for label, params in (
        ("steps_ethanol", {}),
        ("steps_karate_AXW", {"gcn_preset": "karate", "gcn_step": "AXW"}),
        ("permutation_karate", {"gcn_preset": "karate", "gcn_view": "permutation"}),
        ("karate_view", {"gcn_view": "karate"}),
    ):
        at = make_app("pages/gcn.py", **params)
        at.run()  # first run: imports and caches
        assert not at.exception, at.exception
        out[f"page_run_ms_{label}"] = median_ms(lambda: at.run(), runs=3)
    for view in ("steps", "permutation"):
        at = make_app("pages/gcn.py", gcn_step="A_norm", gcn_view=view)
        at.run()
        # 300 nodes: drawn cut to 60 rows and columns
        at.session_state["_gcn_state"].editor.graph = big
        at.run()
        assert not at.exception, at.exception
        out[f"page_run_ms_big300_{view}"] = median_ms(lambda: at.run(), runs=3)
    return out


if __name__ == "__main__":
    print(json.dumps(main()))
