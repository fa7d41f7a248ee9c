"""Each transfer-learning mistake shows its symptom in numbers against its correct twin,
and no mistake touches the shared model."""

from __future__ import annotations

import math

import pytest
import torch
from torchvision.transforms.v2 import functional as TF

from core.common import backbones
from core.common.samples import SAMPLE_IMAGES, load_sample
from core.transfer_learning import mistakes as M
from core.transfer_learning import strategy
from core.transfer_learning.frozen_pass import ActivationCache
from core.transfer_learning.network import TransferNetwork
from core.transfer_learning.training import DIVERGED, DONE

NAME = "efficientnet_lite0"


@pytest.fixture(scope="module")
def lite0():
    spec = backbones.get_spec(NAME)
    model = backbones.build_model(NAME).requires_grad_(False).eval()
    state = {k: v.clone() for k, v in model.state_dict().items()}
    yield spec, model
    after = model.state_dict()
    assert all(torch.equal(state[k], after[k]) for k in state), "the shared model is untouched"
    assert not any(m.training for m in model.modules())
    assert not any(p.requires_grad for p in model.parameters())


@pytest.fixture(scope="module")
def photos():
    return {name: load_sample(name).image for name in SAMPLE_IMAGES}


@pytest.fixture(scope="module")
def setup():
    return M.shapes_setup()


@pytest.fixture(scope="module")
def cache():
    return ActivationCache()


def test_own_statistics_match_the_registry_classifier(lite0, photos):
    spec, model = lite0
    result = M.normalization_mistake(model, spec, photos)
    reference = [backbones.classify(model, spec, img, k=1)[0] for img in photos.values()]
    assert [t.index for t in result.top1["own"]] == [p.index for p in reference]
    assert result.top1["own"][0].index in range(281, 286)  # the cat photo: a cat class


def test_wrong_normalisation_changes_top1_and_probabilities(lite0, photos):
    spec, model = lite0
    result = M.normalization_mistake(model, spec, photos)
    assert result.changed("own") == 0
    assert result.changed("imagenet") >= 1
    assert result.changed("none") >= 1
    for how in ("imagenet", "none"):
        gaps = [
            abs(a.probability - b.probability) for a, b in zip(result.top1["own"], result.top1[how])
        ]
        assert max(gaps) > 0.05, how


def test_normalised_inputs_follow_torchvision_normalize(lite0, photos):
    spec, _ = lite0
    pixels = M._pixels(photos, spec)
    x = pixels.float() / 255
    expected = TF.normalize(x, backbones.IMAGENET_NORM["mean"], backbones.IMAGENET_NORM["std"])
    torch.testing.assert_close(M.normalized_with(pixels, "imagenet", spec), expected)
    torch.testing.assert_close(M.normalized_with(pixels, "none", spec), x)


def test_train_mode_makes_predictions_depend_on_the_batch(lite0, photos):
    spec, model = lite0
    result = M.train_mode_mistake(model, spec, photos)
    # eval mode: a photo's prediction is the same alone or in a batch
    for a, b in zip(result.eval_alone, result.eval_batch):
        assert a.index == b.index and a.probability == pytest.approx(b.probability, abs=1e-4)
    # train mode: BatchNorm uses the batch's statistics, so the batch changes the answer
    assert result.train_changed >= 1
    assert any(
        a.index != b.index or abs(a.probability - b.probability) > 0.01
        for a, b in zip(result.train_alone, result.train_batch)
    )
    assert result.running_mean_change > 0  # the copy's running statistics moved


def test_random_crops_at_test_time_vary_between_draws(lite0, photos):
    spec, model = lite0
    result = M.crop_mistake(model, spec, photos)
    centre_again = M.crop_mistake(model, spec, photos)
    assert [t.index for t in result.centre] == [t.index for t in centre_again.centre]
    assert result.random == centre_again.random, "seeded: the same draws on every rerun"
    assert all(len(draws) == M.CROP_DRAWS for draws in result.random)
    assert max(result.distinct(i) for i in range(len(photos))) >= 2
    spreads = [hi - lo for lo, hi in (result.centre_class_range(i) for i in range(len(photos)))]
    assert max(spreads) > 0.1


def test_the_shapes_setup_has_disjoint_parts(setup):
    parts = [set(setup.train.rows), set(setup.test.rows), set(setup.fresh.rows)]
    assert not (parts[0] & parts[1]) and not (parts[0] & parts[2]) and not (parts[1] & parts[2])
    classes = len(setup.class_names)
    assert [len(p) for p in parts] == [n * classes for n in M.PER_CLASS]
    leaked = M.leaked_train_set(setup)
    assert set(leaked.rows) == parts[0] | parts[1]


def test_forgetting_to_freeze_trains_the_whole_network(lite0, setup):
    spec, model = lite0
    result = M.freeze_mistake(model, spec, setup)
    classes = len(setup.class_names)
    _, head = backbones.head_linear(model, spec)
    new_head = head.in_features * classes + classes
    assert result.frozen_trainable == new_head
    assert (
        result.total
        == sum(p.numel() for p in model.parameters())
        - head.weight.numel()
        - (head.bias.numel())
        + new_head
    )
    assert result.unfrozen_trainable == result.total
    # the lab's own networks agree: feature extraction vs everything retrained
    stage_list = backbones.stages(model, spec)
    infos = strategy.group_infos(stage_list, classes)
    for preset, count in (("head", result.frozen_trainable), ("all", result.unfrozen_trainable)):
        net = TransferNetwork(stage_list, strategy.trainable_names(infos, preset), classes)
        assert net.num_trainable == count, preset
    assert result.frozen_stem_change == 0.0
    assert result.unfrozen_stem_change > 0.0


def test_a_far_too_high_learning_rate_blows_up_fine_tuning(lite0, setup, cache):
    spec, model = lite0
    result = M.learning_rate_mistake(model, spec, setup, cache)
    assert result.correct.lr == M.SANE_LR and result.mistake.lr == M.HIGH_LR
    assert result.correct.status == DONE
    assert result.mistake.status == DIVERGED
    assert result.mistake.worst_loss > 5 * result.chance_loss
    assert result.correct.worst_loss < 2 * result.chance_loss
    assert result.correct.train_losses[-1] < result.chance_loss
    assert result.mistake.test_accuracy < result.correct.test_accuracy - 0.2


def test_a_leaked_test_set_inflates_the_test_accuracy(lite0, setup, cache):
    spec, model = lite0
    result = M.leak_mistake(model, spec, setup, cache)
    honest, leaked = result.correct, result.mistake
    assert leaked.test_accuracy == 1.0
    assert leaked.test_accuracy > honest.test_accuracy + 0.1
    # the leaked run's test score promises more than fresh images give; the honest one's not
    assert leaked.test_accuracy - leaked.fresh_accuracy > 0.1
    assert abs(honest.test_accuracy - honest.fresh_accuracy) < leaked.test_accuracy - (
        leaked.fresh_accuracy
    )
    assert not math.isnan(honest.fresh_accuracy)


def test_shuffled_labels_keep_each_class_count_but_not_the_pairs(setup):
    shuffled = M.shuffled_train_set(setup)
    assert shuffled.rows == setup.train.rows and shuffled.images is setup.train.images
    assert sorted(shuffled.labels) == sorted(setup.train.labels)
    kept = sum(a == b for a, b in zip(setup.train.labels, shuffled.labels))
    assert kept <= len(shuffled.labels) // 4
    assert M.shuffled_train_set(setup).labels == shuffled.labels, "seeded"


def test_the_twins_grad_cam_equals_captum(lite0, setup):
    from captum.attr import LayerAttribution, LayerGradCam

    spec, model = lite0
    stage_list = backbones.stages(model, spec)
    infos = strategy.group_infos(stage_list, len(setup.class_names))
    net = TransferNetwork(stage_list, strategy.trainable_names(infos, "head"), 6, seed=3)
    whole = torch.nn.Sequential(*(s.module for s in net.stages)).eval()
    layer = next(s for s, after in zip(net.stages, net.stages[1:]) if after.kind == "pool")
    for row in setup.test.rows[:: len(setup.test.rows) // 4]:
        pixels = backbones.eval_pixels(setup.test.images[row], spec, M.SHUFFLE_RESOLUTION)
        x = backbones.normalize(pixels.unsqueeze(0), spec)
        predicted, heatmap = M.last_conv_grad_cam(net, x)
        assert predicted == int(whole(x)[0].argmax())
        raw = LayerGradCam(whole, layer.module).attribute(
            x.clone().requires_grad_(True), target=predicted, relu_attributions=True
        )
        up = LayerAttribution.interpolate(raw, tuple(x.shape[-2:]), interpolate_mode="bilinear")
        expected = (up / up.max()).detach()[0, 0].numpy()
        assert heatmap.shape == expected.shape
        assert abs(heatmap - expected).max() < 1e-5


def test_a_head_trained_on_shuffled_labels_memorises_and_its_map_changes(lite0, setup, cache):
    spec, model = lite0
    result = M.shuffled_labels_mistake(model, spec, setup, cache)
    honest, shuffled = result.runs.correct, result.runs.mistake
    chance = 1 / len(setup.class_names)
    assert shuffled.train_accuracy >= 0.9, "the head memorises labels that mean nothing"
    assert shuffled.test_accuracy <= chance + 0.1 and shuffled.fresh_accuracy <= chance + 0.1
    assert honest.test_accuracy > shuffled.test_accuracy + 0.4
    assert result.kept == sum(
        a == b for a, b in zip(setup.train.labels, M.shuffled_train_set(setup).labels)
    )
    for similarity in (result.repeat, result.shuffled):
        assert len(similarity.rank_correlations) == len(similarity.ssims) == len(setup.test.rows)
    # the same labels trained again give the same maps: no run-to-run noise...
    assert min(result.repeat.rank_correlations) == pytest.approx(1.0)
    assert min(result.repeat.ssims) == pytest.approx(1.0)
    # ...so the maps differ because of what the head learned
    assert result.shuffled.median_rank_correlation < 0.7
    assert result.shuffled.median_ssim < 0.7
