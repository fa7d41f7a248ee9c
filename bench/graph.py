"""Timings of the computation-graph lab's core work (one JSON object on stdout).

python -m bench.graph [--repeat N]
Everything here runs on every page render except the network graphs, which the page caches.
"""

from __future__ import annotations

import argparse
import json
import time

from bench.timing import median_ms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    import torch

    from core.common.theme import NORMAL, PROJECTOR
    from core.computation_graph import network_graph as netlab
    from core.computation_graph import scalar_graph as lab
    from core.computation_graph.figures import network_graph_figure, scalar_graph_figure

    import_s = round(time.perf_counter() - start, 2)
    torch.set_num_threads(2)
    result = {"import_s": import_s, "repeat": args.repeat, "threads": torch.get_num_threads()}

    for name, preset in lab.PRESETS.items():
        graph = lab.build_graph(name)
        result[f"build_graph_ms.{name}"] = median_ms(lambda: lab.build_graph(name), args.repeat)
        result[f"local_recompute_ms.{name}"] = median_ms(
            lambda: lab.local_recompute(name, preset.defaults(), preset.default_change, 1.0),
            args.repeat,
        )
        result[f"figure_ms.{name}"] = median_ms(
            lambda: scalar_graph_figure(
                graph, PROJECTOR, "ko", preset.default_change, preset.default_path
            ),
            args.repeat,
        )
    result["copy_table_ms"] = median_ms(lab.copy_table, args.repeat)

    for net in netlab.NETWORKS:
        for mode in netlab.MODES:
            start = time.perf_counter()
            graph = netlab.network_graph(net, mode)  # first call: includes building the model
            result[f"network_graph_s.{net}.{mode}"] = round(time.perf_counter() - start, 3)
            result[f"network_nodes.{net}.{mode}"] = len(graph.nodes)
            result[f"network_figure_ms.{net}.{mode}"] = median_ms(
                lambda: network_graph_figure(graph, NORMAL, "en"), args.repeat
            )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
