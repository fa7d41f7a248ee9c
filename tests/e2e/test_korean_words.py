"""Korean words are never broken inside, in projector mode on a classroom screen: Korean
spaces words, so a line may only break between them (CSS ``word-break: keep-all``)."""

import pytest

from tests.e2e.conftest import open_page

pytestmark = pytest.mark.e2e

PAGES = ["augmentation", "transfer_learning", "computation_graph", "feature_maps", "gcn"]

# Every Hangul word of the page's text whose letters lie on more than one line.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(
    document.querySelector('[data-testid="stMain"]'), NodeFilter.SHOW_TEXT);
  const word = /[\\uac00-\\ud7a3]{2,}/g;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || !node.parentElement.offsetParent) continue;  // not shown
    for (const m of node.data.matchAll(word)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                                     .map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_no_korean_word_is_broken_inside_in_projector_mode(server_url, page, path):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, f"{server_url}/{path}?lang=ko&projector=1")
    try:  # elements still settling (charts sizing, fades) may reflow the text once more
        page.wait_for_function(f"() => ({BROKEN_WORDS})().length === 0", timeout=10_000)
    except Exception:
        pass
    broken = page.evaluate(BROKEN_WORDS)
    assert broken == [], broken[:20]
