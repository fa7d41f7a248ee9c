"""Every lab's "download as notebook" in a real browser, both languages: the button is drawn,
the downloaded file is a valid notebook in the page's language, and a screenshot shows it."""

import nbformat
import pytest
from playwright.sync_api import expect

from core.common.i18n import t
from tests.e2e.conftest import assert_no_error, open_page, screenshot, wait_idle, widget

pytestmark = pytest.mark.e2e

LABS = {  # lab -> (key prefix, link parameters)
    "augmentation": ("aug", ""),
    "computation_graph": ("cg", ""),
    "gcn": ("gcn", ""),
    "feature_maps": ("fm", ""),
    "transfer_learning": ("tl", "&tl_epochs=1&tl_res=96"),
}
TITLES = {"ko": "실습 노트북", "en": "notebook"}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("lab", LABS)
def test_the_download_button_gives_the_labs_notebook(server_url, page, lab, lang):
    prefix, params = LABS[lab]
    open_page(page, f"{server_url}/{lab}?lang={lang}{params}")
    if lab == "transfer_learning":  # the notebook repeats a finished run
        widget(page, "tl_start").get_by_role("button").click()
        expect(widget(page, "tl_notebook")).to_be_attached(timeout=180_000)
        wait_idle(page)
        # in the results' tab, beside the training's
        page.get_by_role("tab", name=t("transfer_learning.section.results", lang)).click()
    button = widget(page, f"{prefix}_notebook")
    expect(button).to_be_visible()
    assert_no_error(page, lab)
    button.evaluate("e => e.scrollIntoView({block: 'center'})")  # with its context around
    page.wait_for_timeout(400)
    screenshot(page, f"notebook-{lab}-{lang}", whole_page=False)

    with page.expect_download(timeout=120_000) as download:
        button.get_by_role("button").click()
    assert download.value.suggested_filename == f"{lab}.ipynb"
    nb = nbformat.read(download.value.path(), as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["lab_language"] == lang
    assert TITLES[lang] in nb.cells[0].source
    assert "lab-numbers" in nb.cells[-1].metadata["tags"]
