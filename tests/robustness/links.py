"""Shareable links of every lab: for each, a non-default value for every URL-bound key (in
configurations that show the conditional controls too) and what the session must hold.
Used by the AppTest round trips (``test_shareable_state.py``) and the browser
(``tests/e2e/test_shareable_links.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ui.common.handover import PIPELINE_KEY


@dataclass(frozen=True)
class Link:
    """``params``: key -> (link text, the value the session must hold)."""

    name: str
    page: str
    params: dict[str, tuple[str, object]]
    state: dict = field(default_factory=dict)  # session state a student brings (key -> factory)
    no_widget: tuple[str, ...] = ()  # URL-bound state that is not a widget (checked in state)

    def query(self) -> dict[str, str]:
        return {k: text for k, (text, _) in self.params.items()}


def _augment_pipeline():
    from core.augmentation.pipeline import AugmentPipeline

    return AugmentPipeline()


def _edited_path_graph() -> str:
    from core.gcn import graph as g

    return g.encode_graph(g.add_node(g.preset_graph("path", 5)))


def decoded_graph(text: str):
    from core.gcn import graph as g

    return g.decode_graph(text, directed=True)


FRAME = {"lang": ("ko", "ko"), "projector": ("1", True)}

# The strategy experiment (section ⑥): a non-default value for each of its URL-bound keys.
EXPERIMENT = {
    "tl_x_close": ("shapes", "shapes"),
    "tl_x_far": ("lab", "lab"),
    "tl_x_small": ("3", 3),
    "tl_x_large": ("20", 20),
    "tl_x_seeds": ("2", 2),
    "tl_x_steps": ("8", 8),
    "tl_x_test": ("10", 10),
    "tl_x_guess_small_close": ("head", "head"),
    "tl_x_guess_small_far": ("last_block", "last_block"),
    "tl_x_guess_large_close": ("last_half", "last_half"),
    "tl_x_guess_large_far": ("all", "all"),
    "tl_x_pair": ("augment", "augment"),
}

LINKS = [
    Link("home", "pages/home.py", dict(FRAME)),
    Link(
        "augmentation",
        "pages/augmentation.py",
        {
            **FRAME,
            "aug_image_sample": ("coffee", "coffee"),
            "aug_size_h": ("96", 96),
            "aug_size_w": ("160", 160),
            "aug_scale": ("0.3,0.8", (0.3, 0.8)),
            "aug_ratio": ("0.75,1.5", (0.75, 1.5)),
            "aug_interpolation": ("nearest", "nearest"),
            "aug_rows": ("3", 3),
            "aug_cols": ("5", 5),
            "aug_seed": ("42", 42),
            "aug_hflip": ("1", True),
            "aug_hflip_p": ("0.7", 0.7),
            "aug_vflip": ("1", True),
            "aug_vflip_p": ("0.2", 0.2),
            "aug_jitter": ("1", True),
            "aug_jitter_brightness": ("0.3", 0.3),
            "aug_jitter_contrast": ("0.2", 0.2),
            "aug_jitter_saturation": ("0.6", 0.6),
            "aug_jitter_hue": ("0.05", 0.05),
            "aug_rotation": ("1", True),
            "aug_rotation_degrees": ("30", 30.0),
        },
    ),
    Link(
        "transfer",
        "pages/transfer_learning.py",
        {
            **FRAME,
            "tl_data_seed": ("7", 7),
            "tl_data_per_class": ("8", 8),
            "tl_data_val": ("0.3", 0.3),
            "tl_data_source": ("shapes", "shapes"),  # the only source with data offline; zip below
            "tl_backbone": (
                "efficientnet_lite0",
                "efficientnet_lite0",
            ),  # the bundled one; resnet18 below
            "tl_preset": ("custom", "custom"),
            "tl_groups": ("blocks6,classifier", ["blocks6", "classifier"]),
            "tl_epochs": ("3", 3),
            "tl_lr": ("0.0003", 0.0003),
            "tl_batch": ("8", 8),
            "tl_res": ("128", 128),
            "tl_optimizer": ("sgd", "sgd"),
            "tl_augment": ("1", True),
            "tl_views": ("3", 3),
            "tl_mistake": ("freeze", "freeze"),
            **EXPERIMENT,
        },
        state={PIPELINE_KEY: _augment_pipeline},
    ),
    Link(
        "transfer_other_source_and_backbone",
        "pages/transfer_learning.py",
        {
            **FRAME,
            "tl_data_source": ("zip", "zip"),
            "tl_backbone": ("resnet18", "resnet18"),
            "tl_data_seed": ("7", 7),
            "tl_data_per_class": ("8", 8),
            "tl_data_val": ("0.3", 0.3),
            "tl_epochs": ("3", 3),
            "tl_lr": ("0.0003", 0.0003),
            "tl_batch": ("8", 8),
            "tl_res": ("128", 128),
            "tl_optimizer": ("sgd", "sgd"),
            "tl_mistake": ("none", "none"),
            **EXPERIMENT,
        },
        no_widget=("tl_data_seed", "tl_data_per_class", "tl_data_val"),
    ),  # drawn once a zip is loaded
    Link(
        "graph_neuron",
        "pages/computation_graph.py",
        {
            **FRAME,
            "cg_preset": ("neuron", "neuron"),
            "cg_neuron_x": ("2.5", 2.5),
            "cg_neuron_w": ("-1", -1.0),
            "cg_neuron_b": ("0.5", 0.5),
            "cg_neuron_t": ("2", 2.0),
            "cg_change": ("w", "w"),
            "cg_path": ("b", "b"),
            "cg_backward": ("0", False),
            "cg_source_grad": ("0", False),
            "cg_net": ("efficientnet_lite0", "efficientnet_lite0"),
            "cg_net_mode": ("full", "full"),
            "cg_detach_mistake": ("1", True),
        },
    ),
    Link(
        "graph_two_layer",
        "pages/computation_graph.py",
        {
            **FRAME,
            "cg_preset": ("two_layer", "two_layer"),
            "cg_two_layer_x": ("-2", -2.0),
            "cg_two_layer_w1": ("1.5", 1.5),
            "cg_two_layer_w2": ("0.5", 0.5),
            "cg_two_layer_v1": ("-0.5", -0.5),
            "cg_two_layer_v2": ("3", 3.0),
            "cg_two_layer_t": ("1", 1.0),
            "cg_change": ("w1", "w1"),
            "cg_path": ("v1", "v1"),
            "cg_backward": ("1", True),
            "cg_source_grad": ("1", True),
            "cg_net": ("small_cnn", "small_cnn"),
            "cg_net_mode": ("fine_tune", "fine_tune"),
            "cg_detach_mistake": ("0", False),
        },
    ),
    Link(
        "feature_maps",
        "pages/feature_maps.py",
        {
            **FRAME,
            "fm_image_sample": ("astronaut", "astronaut"),
            "fm_model": ("resnet18", "resnet18"),
            "fm_weights": ("random", "random"),
            "fm_layer": ("layer2.0.conv1", "layer2.0.conv1"),
            "fm_topk": ("5", 5),
            "fm_order": ("chosen", "chosen"),
            "fm_channels": ("1, 3-5", "1, 3-5"),
            "fm_scale": ("layer", "layer"),
            "fm_overlay": ("1", True),
            "fm_cam_layer": ("layer3", "layer3"),
            "fm_cam_class": ("281", 281),
            "fm_cam_method": ("gradcampp", "gradcampp"),
            "fm_counterfactual": ("1", True),
            "fm_cam_groups": ("1", True),
            "fm_sanity": ("1", True),
            "fm_sanity_method": ("edges", "edges"),
        },
    ),
    Link(
        "gcn_steps",
        "pages/gcn.py",
        {
            **FRAME,
            "gcn_preset": ("path", "path"),
            "gcn_size": ("5", 5),
            "gcn_directed": ("1", True),
            "gcn_view": ("steps", "steps"),
            "gcn_node": ("5", 5),
            "gcn_hidden": ("5", 5),
            "gcn_seed": ("42", 42),
            "gcn_features": ("identity", "identity"),
            "gcn_readout": ("max", "max"),
            "gcn_layers": ("1", True),
            "gcn_step": ("AXW", "AXW"),
            "gcn_mistake": ("1", True),
            "gcn_graph": (_edited_path_graph(), None),
        },
        no_widget=("gcn_graph",),
    ),
    Link(
        "gcn_molecule_permutation",
        "pages/gcn.py",
        {
            **FRAME,
            "gcn_preset": ("acetic_acid", "acetic_acid"),
            "gcn_hydrogens": ("0", False),
            "gcn_directed": ("1", True),
            "gcn_bond_weights": ("1", True),
            "gcn_view": ("permutation", "permutation"),
            "gcn_node": ("2", 2),
            "gcn_hidden": ("2", 2),
            "gcn_seed": ("7", 7),
            "gcn_features": ("ones", "ones"),
            "gcn_readout": ("sum", "sum"),
            "gcn_layers": ("1", True),
            "gcn_perm_seed": ("9", 9),
            "gcn_mistake": ("0", False),
        },
    ),
    Link(
        "gcn_karate",
        "pages/gcn.py",
        {
            **FRAME,
            "gcn_preset": ("karate", "karate"),
            "gcn_directed": ("1", True),
            "gcn_view": ("karate", "karate"),
            "gcn_train_seed": ("5", 5),
            "gcn_mistake": ("1", True),
        },
    ),
    Link(
        "gcn_classify",
        "pages/gcn.py",
        {
            **FRAME,
            "gcn_preset": ("benzene", "benzene"),
            "gcn_hydrogens": ("0", False),
            "gcn_bond_weights": ("1", True),
            "gcn_directed": ("1", True),
            "gcn_view": ("classify", "classify"),
            "gcn_cls_data": ("motif", "motif"),
            "gcn_cls_readout": ("max", "max"),
            "gcn_cls_layers": ("1", 1),
            "gcn_cls_seed": ("3", 3),
            "gcn_cls_loops": ("0", False),
            "gcn_cls_norm": ("row", "row"),
            "gcn_mistake": ("1", True),
        },
    ),
]
