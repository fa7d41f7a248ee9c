"""Benchmark of the feature-map lab: one mid-network layer's feature maps, one Grad-CAM, and
the whole cascading-randomisation sanity check (Grad-CAM at every step, top-5, similarities).

``python -m bench.explain`` prints one JSON object: median milliseconds over ``--runs`` runs
(≥ 10; the cascade: median seconds over ``--cascade-runs``) on a 224 px image with the
bundled EfficientNet-Lite0 (ImageNet weights), with the torch thread count the app uses (at
most 2).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import torch

from bench.timing import median_ms
from core.common import backbones
from core.common.samples import load_sample
from core.feature_maps.gradcam import grad_cam
from core.feature_maps.layers import default_cam_layer, group_outputs, list_layers
from core.feature_maps.maps import feature_maps
from core.feature_maps.network import backbone_network, model_input
from core.feature_maps.sanity import cascade, cascade_order

TARGETS_MS = {"feature_maps": 300.0, "grad_cam": 600.0}
CASCADE_TARGET_S = 3.0


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cascade-runs", type=int, default=3)
    parser.add_argument("--model", default=backbones.DEFAULT_BACKBONE)
    args = parser.parse_args(argv)
    runs = max(10, args.runs)
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))

    spec = backbones.get_spec(args.model)
    model = backbones.build_model(args.model, pretrained=spec.offline).requires_grad_(False)
    network = backbone_network(model, spec, pretrained=spec.offline)
    x = model_input(network, load_sample("cat").image)
    layers = list_layers(network)
    groups = group_outputs(layers)
    mid = groups[len(groups) // 2]  # a mid-network layer group (Lite0: blocks.3, 80×14×14)
    cam_layer = default_cam_layer(layers)

    maps_ms = median_ms(lambda: feature_maps(network, mid, x), runs)
    cam_ms = median_ms(lambda: grad_cam(network, cam_layer, x), runs)
    cascade_runs = max(1, args.cascade_runs)
    cascade_s = (
        median_ms(lambda: cascade(network, cam_layer.path, x, "gradcam"), cascade_runs) / 1000
    )
    result = {
        "model": args.model,
        "image_px": x.shape[-1],
        "threads": torch.get_num_threads(),
        "cpu_count": os.cpu_count(),
        "runs": runs,
        "feature_maps_layer": f"{mid.path} {'×'.join(map(str, mid.shape))}",
        "feature_maps_ms": round(maps_ms, 1),
        "grad_cam_layer": f"{cam_layer.path} {'×'.join(map(str, cam_layer.shape))}",
        "grad_cam_ms": round(cam_ms, 1),
        "cascade_steps": len(cascade_order(network)),
        "cascade_runs": cascade_runs,
        "cascade_seconds": round(cascade_s, 2),
        # the same work in units of one Grad-CAM: steadier than seconds on a busy machine
        "cascade_in_grad_cams": round(cascade_s * 1000 / cam_ms, 1),
        "targets_ms": TARGETS_MS,
        "cascade_target_seconds": CASCADE_TARGET_S,
        "meets_targets": maps_ms <= TARGETS_MS["feature_maps"]
        and cam_ms <= TARGETS_MS["grad_cam"]
        and cascade_s <= CASCADE_TARGET_S,
        "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return result


if __name__ == "__main__":
    main()
