"""Words and tables for the page (core.feature_maps.words)."""

from __future__ import annotations

import numpy as np

from core.feature_maps import words
from core.feature_maps.controls import PREDICTED
from core.feature_maps.layers import (
    list_layers,
)
from core.feature_maps.maps import (
    map_statistics,
)
from core.feature_maps.words import activation_sentence, layer_label


def test_words_for_the_page(lite0):
    layers = list_layers(lite0)
    by_path = {layer.path: layer for layer in layers}
    label = layer_label(by_path["blocks.2.0.conv_dw"], "en")
    assert "blocks.2.0.conv_dw" in label and "5×5" in label and "depthwise" in label
    assert "stride 2" in label and label.endswith("144×28×28")
    assert "깊이별" in layer_label(by_path["blocks.2.0.conv_dw"], "ko")
    assert layer_label(by_path["bn1"], "en").startswith("■ bn1")
    relu6 = map_statistics(np.array([[0.0, 6.0], [1.0, 0.0]]))
    text = activation_sentence(by_path["bn1"], relu6, "en")
    assert "ReLU6" in text and "BatchNormAct2d" in text and "50.0%" in text and "25.0%" in text
    linear = map_statistics(np.array([[-1.0, 2.0], [1.0, 0.0]]))
    text = activation_sentence(by_path["blocks.2.0.conv_pw"], linear, "ko")
    assert "선형" in text and "25.0%" in text
    for layer in layers:
        for lang in ("ko", "en"):
            assert activation_sentence(layer, relu6, lang)


def test_the_statistics_table_shows_the_numbers_of_the_map():
    stats = map_statistics(np.array([[-1.0, 2.0], [0.5, 0.0]]))
    text = words.stats_table(stats, "en")
    head, rule, row = text.splitlines()
    assert head == "| Mean | Max | Min | Share of zeros | Share below zero |"
    assert rule.count("---") == 5
    assert row == "| 0.375 | 2.000 | -1.000 | 25.0% | 25.0% |"
    assert words.stats_table(stats, "ko").startswith("| 평균 |")


def test_class_choices_read_as_number_and_name():
    names = ("Cat", "Dog")
    assert words.class_choice(PREDICTED, names, "en") == "Predicted class (top-1)"
    assert words.class_choice(1, names, "en") == "1 · Dog"
    assert words.class_choice(1, names, "ko") == "1 · Dog"


def test_an_imagenet_class_choice_reads_in_korean_with_its_english_name_to_type():
    from core.common.backbones import imagenet_categories

    names = imagenet_categories()
    assert words.class_choice(281, names, "en") == "281 · tabby"
    assert words.class_choice(281, names, "ko") == "281 · 얼룩무늬 고양이 (tabby)"


def test_cascade_table_names_each_step_and_writes_undefined_rank_as_a_dash():
    from core.common.backbones import Prediction
    from core.feature_maps import sanity, words

    blank = np.zeros((2, 2))
    steps = (
        sanity.CascadeStep((), blank, (Prediction(281, "tabby", 0.62),), 1.0, 1.0),
        sanity.CascadeStep(
            ("classifier",), blank, (Prediction(3, "a|b", 0.01),), float("nan"), 0.25
        ),
    )
    names = ["x"] * 300
    names[281], names[3] = "tabby", "a|b"
    text = words.cascade_table(sanity.Cascade("gradcam", "bn2", 281, steps), tuple(names), "en")
    # cells are escaped as literal markdown (a class name is data)
    assert "| trained model | tabby | 62\\.0% | 1\\.00 | 1\\.00 |" in text
    assert "| \\+ classifier randomised | a\\|b | 1\\.0% | — | 0\\.25 |" in text


def test_cascade_table_names_imagenet_classes_in_the_pages_language():
    from core.common.backbones import Prediction, imagenet_categories
    from core.feature_maps import sanity, words

    step = sanity.CascadeStep((), np.zeros((2, 2)), (Prediction(281, "tabby", 0.62),), 1.0, 1.0)
    cascade = sanity.Cascade("gradcam", "bn2", 281, (step,))
    assert "| 얼룩무늬 고양이 |" in words.cascade_table(cascade, imagenet_categories(), "ko")
    assert "| tabby |" in words.cascade_table(cascade, imagenet_categories(), "en")
