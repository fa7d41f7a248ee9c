"""Lesson mode: the engine (steps, answers, progress in the link) and every lab's steps,
whose declared correct answer must agree with the result the lab computes live."""

from __future__ import annotations

import math

import pytest

from core.classroom import questions as Q
from core.common import i18n
from core.common.labs import LABS
from core.common.lesson import Lesson, LessonParam, Progress, Step, format_progress, parse_progress

CHOICE = Step("x.c", "q", "w", correct="b", choices=("a", "b"))
NUMBER = Step("x.n", "q", "w", correct=0.5, number=(0.0, 1.0), tolerance=0.01)
LESSON = Lesson("x", "x", (CHOICE, NUMBER))


def test_a_step_has_choices_or_a_number_and_a_correct_choice():
    with pytest.raises(ValueError):
        Step("s", "q", "w", correct="a")
    with pytest.raises(ValueError):
        Step("s", "q", "w", correct="z", choices=("a", "b"))
    with pytest.raises(ValueError):
        Lesson("x", "x", (CHOICE, CHOICE))


def test_answers_parse_and_are_graded():
    assert CHOICE.parse(" b ") == "b" and CHOICE.is_right("b") and not CHOICE.is_right("a")
    assert NUMBER.is_right(NUMBER.parse("0.505")) and not NUMBER.is_right(NUMBER.parse("0.52"))
    for bad in ("c", "", "nan"):
        with pytest.raises(ValueError):
            CHOICE.parse(bad)
    for bad in ("nan", "inf", "2", "-1", "x"):
        with pytest.raises(ValueError):
            NUMBER.parse(bad)


def test_progress_round_trips_through_the_link():
    p = Progress().answered(LESSON, "a").next(LESSON).answered(LESSON, "0.5")
    assert p == Progress(1, ("a", "0.5"))
    assert format_progress(p) == "1:a,0.5"
    assert parse_progress(LESSON, "1:a,0.5") == p
    assert p.score(LESSON) == 1
    done = p.next(LESSON)
    assert done.done(LESSON) and done.step == 2
    assert LessonParam(LESSON).parse(LessonParam(LESSON).format(done)) == done
    assert parse_progress(LESSON, None) == parse_progress(LESSON, "") == Progress()


@pytest.mark.parametrize("text", ["3:a,0.5", "-1:", "1:", "0:a,0.5,a", "0:z", "x:a", "0:a" * 900])
def test_a_link_a_lesson_could_not_have_written_is_refused(text):
    with pytest.raises(ValueError):
        parse_progress(LESSON, text)


def test_every_lab_declares_a_lesson_with_unique_translated_steps():
    lessons = Q.lessons()
    assert list(lessons) == [lab.name for lab in LABS]
    for lab in LABS:
        assert lessons[lab.name].prefix == lab.prefix and lessons[lab.name].lab == lab.name
    for step in Q.steps().values():
        keys = [step.question, step.why] + [step.choice_label(c) for c in step.choices]
        for key in keys:
            assert all(i18n.TABLE[key][lang] for lang in i18n.LANGUAGES), key


def _result(step_id: str) -> dict:
    key, params = Q.steps()[step_id].result()
    for lang in i18n.LANGUAGES:
        assert i18n.t(key, lang, **params)  # every placeholder is filled
    return params


def test_augmentation_steps_agree_with_torchvision():
    params = _result("augmentation.scale")
    assert params["h"] == params["w"] == math.isqrt(224 * 224 // 4)
    assert Q.steps()["augmentation.scale"].is_right(params["h"])
    params = _result("augmentation.ratio")
    assert params["w"] / params["h"] == pytest.approx(2, abs=0.03), "ratio = width / height"
    assert Q.steps()["augmentation.ratio"].correct == "wide"


def test_transfer_steps_agree_with_the_lab():
    from core.transfer_learning.strategy import RECOMMENDED_LR

    assert _result("transfer_learning.trained")["trained"] == 512 * 2 + 2, "fc: 512 -> 2"
    assert Q.steps()["transfer_learning.trained"].correct == "head"
    assert RECOMMENDED_LR["all"] < RECOMMENDED_LR["head"]
    assert Q.steps()["transfer_learning.lr"].correct == "fine_tuning"


def test_computation_graph_steps_agree_with_autograd():
    params = _result("computation_graph.recompute")
    assert params["recomputed"] == "F" and Q.steps()["computation_graph.recompute"].correct == "F"
    grad = float(_result("computation_graph.chain")["grad"])
    assert grad == 4.0 and Q.steps()["computation_graph.chain"].is_right(grad)
    params = _result("computation_graph.detach")
    assert params["shares"] is True and params["requires_grad"] is False
    assert Q.steps()["computation_graph.detach"].correct == "shared_no_grad"


def test_feature_map_steps_agree_with_resnet18():
    params = _result("feature_maps.size")
    assert (params["c1"], params["h1"]) == (64, 56) and (params["c4"], params["h4"]) == (512, 7)
    assert Q.steps()["feature_maps.size"].correct == "early"
    assert Q.steps()["feature_maps.channels"].is_right(params["c4"])


def test_gcn_steps_agree_with_pyg():
    import torch
    from torch_geometric.nn.conv.gcn_conv import gcn_norm

    edges = torch.tensor([[0, 1, 1, 2, 2, 3], [1, 0, 2, 1, 3, 2]])
    index, weight = gcn_norm(edges, num_nodes=4, add_self_loops=True)
    self_loop = {int(i): float(w) for (i, j), w in zip(index.T.tolist(), weight) if i == j}
    params = _result("gcn.norm")
    assert float(params["end"]) == pytest.approx(self_loop[0], abs=5e-4)
    assert float(params["mid"]) == pytest.approx(self_loop[1], abs=5e-4)
    assert Q.steps()["gcn.norm"].is_right(self_loop[0])
    params = _result("gcn.readout")
    assert params["mean"] == params["mean2"] and params["sum2"] == [2 * s for s in params["sum"]]
    assert Q.steps()["gcn.readout"].correct == "mean"
