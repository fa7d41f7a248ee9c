"""Graph classification: a GCN + readout + linear classifier trained on a TU-format folder
(or one of the lab's ready-made tasks), one training per seed, each on its own random split.

python -m bench.graph_classify --data DIR|proportion|count|motif --readout {mean,sum,max}
    [--layers N] [--epochs N] [--seeds N]          # prints one JSON object
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from core.gcn import molecules, tu_format
    from core.gcn.convolution import READOUTS
    from core.gcn.graph_training import ModelConfig, train_and_score

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", required=True, help="a TU folder or " + "/".join(molecules.TASKS))
    parser.add_argument("--readout", choices=READOUTS, default="mean")
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--graphs", type=int, default=molecules.DEFAULT_GRAPHS)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.data in molecules.TASKS:
        dataset = molecules.make_task(args.data, args.graphs, 0)
    else:
        dataset = tu_format.read_folder(args.data)
    config = ModelConfig(layers=args.layers, readout=args.readout)
    accuracies = [
        train_and_score(dataset, config, seed, args.epochs).evaluate().accuracy
        for seed in range(args.seeds)
    ]
    return {
        "data": args.data,
        "readout": args.readout,
        "layers": args.layers,
        "epochs": args.epochs,
        "graphs": len(dataset.graphs),
        "nodes": dataset.nodes,
        "test_acc_per_seed": [round(a, 4) for a in accuracies],
        "test_acc_mean": round(sum(accuracies) / len(accuracies), 4),
        "seconds": round(time.perf_counter() - start, 2),
    }


if __name__ == "__main__":
    print(json.dumps(main()))
