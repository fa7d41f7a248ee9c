"""Every lab's notebook for its default state, executed in a fresh Jupyter kernel each:
how long it runs, and whether its printed numbers equal the lab's.

python -m bench.notebooks        # prints one JSON object: per lab, seconds and matches
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np


def _close(a, b, rtol: float = 1e-4, atol: float = 1e-6) -> bool:
    return bool(np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol, atol))


def augmentation():
    import hashlib

    from core.augmentation import controls as C
    from core.augmentation.distributions import HISTOGRAM_DRAWS, box_statistics
    from core.augmentation.notebook import augmentation_notebook
    from core.augmentation.pipeline import AugmentPipeline
    from core.augmentation.sampling import sample_pipeline
    from core.common.samples import DEFAULT_SAMPLE, load_sample

    image, pipeline = load_sample(DEFAULT_SAMPLE).image, AugmentPipeline()
    seed, rows, cols = C.SEED.default, C.ROWS.default, C.COLS.default
    nb = augmentation_notebook(image, pipeline, seed, rows, cols, "ko")

    def matches(got: dict) -> bool:
        samples = sample_pipeline(image, pipeline, rows * cols, seed)
        stats = box_statistics(
            image.height, image.width, pipeline.scale, pipeline.ratio, HISTOGRAM_DRAWS, seed
        )
        return (
            got["boxes"] == [list(s.box) for s in samples]
            and got["image_sha256"]
            == [hashlib.sha256(s.image.tobytes()).hexdigest() for s in samples]
            and got["fallback_rate"] == stats.fallback_rate
            and got["mean_attempts"] == stats.mean_attempts
        )

    return nb, matches


def computation_graph():
    from core.computation_graph import scalar_graph as lab
    from core.computation_graph.notebook import computation_graph_notebook

    preset = lab.get_preset(lab.DEFAULT_PRESET)
    change, path = preset.default_change, preset.default_path
    nb = computation_graph_notebook(preset.name, preset.defaults(), change, path, True, "ko")

    def matches(got: dict) -> bool:
        graph = lab.build_graph(preset.name)
        table = lab.copy_table(True)
        return (
            got["values"] == {n.name: n.value for n in graph.node_list()}
            and got["grads"] == {n.name: n.grad for n in graph.node_list() if n.grad is not None}
            and got["recomputed"] == graph.recomputed_when(change)
            and got["chain_total"] == graph.chain_rule(path).total
            and [r["shares_memory"] for r in got["copy_table"]] == [r.shares_memory for r in table]
            and [r["source_grad"] for r in got["copy_table"]]
            == [None if r.source_grad is None else list(r.source_grad) for r in table]
        )

    return nb, matches


def gcn():
    from core.gcn import controls as C
    from core.gcn import graph as g
    from core.gcn import karate_training as kt
    from core.gcn.convolution import convolution_steps
    from core.gcn.notebook import gcn_notebook

    graph = g.preset_graph(C.PRESET.default, hydrogens=C.HYDROGENS.default)
    args = dict(
        hidden=C.HIDDEN.default,
        seed=C.SEED.default,
        features=C.FEATURES.default,
        how=C.READOUT.default,
        two_layers=C.TWO_LAYERS.default,
    )
    nb = gcn_notebook(graph, False, **args, karate_seed=C.TRAIN_SEED.default, lang="ko")

    def matches(got: dict) -> bool:
        A, X = g.adjacency_matrix(graph), g.feature_matrix(graph, args["features"])
        steps = convolution_steps(
            A, X, args["hidden"], args["seed"], args["two_layers"], args["how"]
        )
        matrices = all(
            (got["matrices"][name] is None) == (getattr(steps, name) is None)
            and (
                got["matrices"][name] is None or _close(got["matrices"][name], getattr(steps, name))
            )
            for name in got["matrices"]
        )
        states = list(kt.train_karate(seed=C.TRAIN_SEED.default))
        return (
            matrices
            and _close(got["karate"]["loss"], [s.loss for s in states])
            and got["karate"]["accuracy"] == [s.accuracy for s in states]
        )

    return nb, matches


def feature_maps():
    from core.common import backbones
    from core.common.samples import DEFAULT_SAMPLE, load_sample
    from core.feature_maps import controls as C
    from core.feature_maps import gradcam, layers, maps, network
    from core.feature_maps.notebook import feature_maps_notebook

    name = backbones.DEFAULT_BACKBONE
    image = load_sample(DEFAULT_SAMPLE).image
    model = backbones.build_model(name).requires_grad_(False)
    net = network.backbone_network(model, backbones.get_spec(name), True)
    all_layers = layers.list_layers(net)
    map_layer = layers.default_map_layer(all_layers).path
    cam_layer = layers.default_cam_layer(all_layers).path
    k, order = C.topk(False).default, C.ORDER.default
    nb = feature_maps_notebook(image, name, True, map_layer, order, k, (), cam_layer, None, "ko")

    def matches(got: dict) -> bool:
        x = network.model_input(net, image)
        fmaps = maps.feature_maps(net, map_layer, x).numpy()
        cam = gradcam.grad_cam(net, cam_layer, x, None)
        return (
            [i for i, _ in got["top5"]] == [p.index for p in network.predict(net, image, k=5)]
            and got["channels"] == maps.select_channels(fmaps, order, k, ())
            and got["cam_target"] == cam.target
            and _close(got["cam"], cam.cam, rtol=1e-3, atol=1e-5 * float(cam.cam.max()))
        )

    return nb, matches


def transfer_learning():
    from core.common import backbones
    from core.transfer_learning import controls as C
    from core.transfer_learning import data_controls as D
    from core.transfer_learning import strategy
    from core.transfer_learning.datasets import synthetic_shapes
    from core.transfer_learning.notebook import transfer_notebook
    from core.transfer_learning.plan import ImageSet, RunSettings
    from core.transfer_learning.training import TrainingRun

    name = C.BACKBONE.default
    spec = backbones.get_spec(name)
    stage_list = backbones.stages(backbones.build_model(name).requires_grad_(False), spec)
    data = synthetic_shapes(D.IMAGES_PER_CLASS_PARAM.default, D.SPLIT_SEED_PARAM.default)
    infos = strategy.group_infos(stage_list, len(data.class_names))
    preset = C.PRESET.default
    settings = RunSettings(
        name, strategy.trainable_names(infos, preset), preset, C.EPOCHS.default,
        C.LR.default, C.BATCH.default, C.OPTIMIZER.default, C.RESOLUTION.default,
    )  # fmt: skip
    train_rows, val_rows = data.split()
    nb = transfer_notebook(
        settings, data.source, data.class_names, data.images, data.labels,
        train_rows, val_rows, None, "ko",
    )  # fmt: skip

    def matches(got: dict) -> bool:
        train, val = (
            ImageSet(data.images, data.fingerprint, tuple(r), tuple(data.labels[i] for i in r))
            for r in (train_rows, val_rows)
        )
        run = TrainingRun(stage_list, spec, settings, train, val, data.class_names).run_to_end()
        return (
            got["trainable_params"] == run.network.num_trainable
            and got["val_accuracy"] == run.evaluation.accuracy
            and _close([h[0] for h in got["history"]], [r.train_loss for r in run.history])
        )

    return nb, matches


LABS = {
    "augmentation": augmentation,
    "computation_graph": computation_graph,
    "gcn": gcn,
    "feature_maps": feature_maps,
    "transfer_learning": transfer_learning,
}


def main(labs=tuple(LABS)) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.notebook_kernel import execute
    from core.common.notebook import printed_numbers

    result = {}
    for lab in labs:
        nb, matches = LABS[lab]()
        executed, seconds = execute(nb)
        result[lab] = {"seconds": round(seconds, 2), "matches": matches(printed_numbers(executed))}
    return result


if __name__ == "__main__":
    print(json.dumps(main(tuple(sys.argv[1:]) or tuple(LABS))))
