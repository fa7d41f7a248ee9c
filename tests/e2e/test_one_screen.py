"""Each lab's main result is on the first screen, after its controls, at a projector's
1920x1080 (normal and projector mode) and at a laptop's 1400x1000.

Every lab wraps its main result in a container keyed ``<prefix>_result``.
"""

import pytest

from tests.e2e.conftest import FIRST_SCREEN_SHARE, assert_no_error, open_page, result_top

pytestmark = pytest.mark.e2e

RESULTS = {
    "augmentation": "aug_result",  # the crop grid with its boxes
    "transfer_learning": "tl_result",  # the training curves and results
    "computation_graph": "cg_result",  # the graph and the clone/detach table
    "feature_maps": "fm_result",  # the maps / Grad-CAM
    "gcn": "gcn_result",  # the current step of the convolution
}
WINDOWS = {"projector": (1920, 1080, "&projector=1"), "laptop": (1400, 1000, "")}


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("path", RESULTS)
def test_main_result_is_on_the_first_screen(server_url, page, path, window, lang):
    width, height, mode = WINDOWS[window]
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, f"{server_url}/{path}?lang={lang}{mode}")
    assert_no_error(page)
    top = result_top(page, RESULTS[path])
    assert top < FIRST_SCREEN_SHARE * height, f"{path} result starts at {top:.0f} px of {height}"
