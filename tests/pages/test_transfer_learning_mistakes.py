"""The transfer lab's common-mistakes section in AppTest: one choice per mistake, by key."""

from __future__ import annotations

import pytest

from core.transfer_learning.mistakes import MISTAKES
from tests.conftest import make_app

PAGE = "pages/transfer_learning.py"
SYMPTOM = {  # the start of each symptom line in English, with a number the core computed
    "normalization": "Symptom: of 4 photos,",
    "train_mode": "Symptom: in train() mode",
    "test_crops": "Symptom: the same photo gets a different answer",
    "freeze": "Symptom: all ",
    "learning_rate": "Symptom: the loss shoots up",
    "test_leak": "Symptom: the leaked model's test accuracy is inflated to 100%",
    "shuffled_labels": "Symptom: with shuffled labels the training accuracy still reaches 100%",
}


def _app(lang: str = "en", **params):
    at = make_app(PAGE, lang=lang, tl_data_per_class="6", **params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _md(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture(scope="module")
def at():
    return _app()


def test_nothing_is_computed_until_a_mistake_is_chosen(at):
    assert at.pills(key="tl_mistake").value == "none"
    assert any("Pick a mistake above" in i.value for i in at.info)
    assert not any(w.value.startswith("Symptom") for w in at.warning)


@pytest.mark.parametrize("mistake", MISTAKES)
def test_each_mistake_shows_its_symptom_beside_the_correct_run(at, mistake):
    at.pills(key="tl_mistake").set_value(mistake).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["tl_mistake"] in (mistake, [mistake])
    symptoms = [w.value for w in at.warning if w.value.startswith("Symptom")]
    assert len(symptoms) == 1 and symptoms[0].startswith(SYMPTOM[mistake]), symptoms
    assert any(i.value.startswith("**Spot it in your code:**") for i in at.info)
    assert "| quantity |" in _md(at) or "| photo |" in _md(at)


def test_freeze_counts_in_the_table():
    at = _app(tl_mistake="freeze")
    text = _md(at)
    assert "| 7,686 / 3,378,694 | 3,378,694 / 3,378,694 |" in text  # 1280 × 6 + 6 vs all


def test_korean_link_opens_a_mistake():
    at = _app("ko", tl_mistake="test_crops")
    assert at.pills(key="tl_mistake").value == "test_crops"
    assert any(w.value.startswith("증상:") for w in at.warning)
    assert any("내 코드에서 찾기" in i.value for i in at.info)


def test_a_korean_table_names_the_top1_classes_in_korean_with_the_english_in_its_help():
    from core.common import backbones
    from core.common.class_names import korean_imagenet_names
    from core.common.samples import SAMPLE_IMAGES, load_sample

    spec = backbones.get_spec(backbones.DEFAULT_BACKBONE)
    model = backbones.build_model(spec.name).eval()
    top = [backbones.classify(model, spec, load_sample(n).image, k=1)[0] for n in SAMPLE_IMAGES]
    at = _app("ko", tl_mistake="test_crops")
    table = next(m for m in at.markdown if m.value.startswith("| 사진"))
    for p in top:  # the centre crop is the evaluation transform
        korean = korean_imagenet_names()[p.index]
        assert f"| {korean} {p.probability:.0%} |" in table.value.replace("\\", "")
        assert f"{korean} = {p.label}" in table.proto.help
