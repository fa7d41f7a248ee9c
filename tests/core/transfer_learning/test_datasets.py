"""Datasets: the offline shapes, the seeded stratified split, checks and the book's folders."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from PIL import Image

from core.common.errors import UserFacingError
from core.transfer_learning import datasets as ds
from core.transfer_learning import folder_source as fs
from core.transfer_learning import image_folder as imf
from core.transfer_learning.dataset_memo import DatasetMemo

# ---------------------------------------------------------------- synthetic shapes


def test_shapes_are_deterministic_and_prefix_stable():
    a = ds.synthetic_shapes(6, seed=3)
    b = ds.synthetic_shapes(6, seed=3)
    assert a.fingerprint == b.fingerprint
    assert all(np.array_equal(np.asarray(x), np.asarray(y)) for x, y in zip(a.images, b.images))
    more = ds.synthetic_shapes(8, seed=3)  # asking for more keeps the first ones
    for label in range(len(a.class_names)):
        first = [i for i, v in enumerate(more.labels) if v == label][:6]
        mine = [i for i, v in enumerate(a.labels) if v == label]
        for i, j in zip(first, mine):
            assert np.array_equal(np.asarray(more.images[i]), np.asarray(a.images[j]))
    assert ds.synthetic_shapes(6, seed=4).fingerprint != a.fingerprint


def test_shapes_layout_and_variety():
    data = ds.synthetic_shapes(10, seed=0)
    assert data.source == "shapes"
    assert data.class_names == ds.SHAPE_CLASSES
    assert data.class_counts == (10,) * len(ds.SHAPE_CLASSES)
    assert all(img.mode == "RGB" and img.size == (160, 160) for img in data.images)
    arrays = np.stack([np.asarray(img, np.float32) for img in data.images])
    # not trivial: no two images alike, and the mean colour does not give the class away
    assert len({img.tobytes() for img in data.images}) == len(data.images)
    means = arrays.mean(axis=(1, 2, 3))
    per_class = [means[np.asarray(data.labels) == c] for c in range(len(data.class_names))]
    spread_between = np.std([m.mean() for m in per_class])
    spread_within = np.mean([m.std() for m in per_class])
    assert spread_between < spread_within


def test_shapes_differ_in_shape_not_in_noise():
    """A plain nearest-centroid on pixels is near chance: the task needs features."""
    data = ds.synthetic_shapes(40, seed=1)
    x = np.stack([np.asarray(img.resize((32, 32)), np.float32).ravel() for img in data.images])
    y = np.asarray(data.labels)
    train, val = ds.stratified_split(y, 0.5, seed=0)
    centroids = np.stack([x[train][y[train] == c].mean(0) for c in range(4)])
    pred = np.argmin(((x[val][:, None] - centroids[None]) ** 2).sum(-1), axis=1)
    assert (pred == y[val]).mean() < 0.5  # chance is 0.25


def test_shape_names_are_translated_for_display():
    data = ds.synthetic_shapes(2, seed=0)
    assert ds.display_class_names(data, "ko")[0] == "원"
    assert ds.display_class_names(data, "en") == data.class_names


# ---------------------------------------------------------------- split


@pytest.mark.parametrize("fraction", [0.1, 0.2, 0.25, 0.5])
def test_split_is_stratified_complete_and_disjoint(fraction):
    labels = [0] * 50 + [1] * 20 + [2] * 7 + [3] * 2
    train, val = ds.stratified_split(labels, fraction, seed=11)
    assert sorted(train + val) == list(range(len(labels)))
    assert not set(train) & set(val)
    count_val = Counter(labels[i] for i in val)
    count_train = Counter(labels[i] for i in train)
    for label, n in Counter(labels).items():
        expected = min(max(round(n * fraction), 1), n - 1)
        assert count_val[label] == expected
        assert count_train[label] == n - expected >= 1


def test_split_is_seeded():
    labels = [i % 3 for i in range(60)]
    assert ds.stratified_split(labels, 0.2, 5) == ds.stratified_split(labels, 0.2, 5)
    assert ds.stratified_split(labels, 0.2, 5) != ds.stratified_split(labels, 0.2, 6)


def test_split_of_one_class_does_not_move_others():
    labels = [0] * 10 + [1] * 10
    _, val = ds.stratified_split(labels, 0.3, 2)
    _, val_more = ds.stratified_split(labels + [2] * 10, 0.3, 2)
    assert [i for i in val_more if i < 20] == val


def test_split_rejects_bad_fractions():
    for bad in (-0.1, 1.0, 1.5):
        with pytest.raises(UserFacingError) as info:
            ds.stratified_split([0, 1], bad, 0)
        assert info.value.key == "transfer_learning.datasets.bad_val_fraction"
    assert ds.stratified_split([0, 0, 1, 1], 0.0, 0) == ([0, 1, 2, 3], [])


def test_dataset_carries_its_split_choice():
    data = ds.synthetic_shapes(5, seed=0).with_split(0.4, 9)
    assert data.split() == ds.stratified_split(data.labels, 0.4, 9)
    counts = ds.split_counts(data, *data.split())
    assert counts == [(name, 3, 2, 0) for name in data.class_names]


# ---------------------------------------------------------------- checks


def _tiny(labels, names):
    img = Image.new("RGB", (4, 4))
    return ds.make_labeled("upload", names, [img] * len(labels), labels)


def test_check_trainable_messages():
    ds.check_trainable(_tiny([0, 0, 1, 1], ("a", "b")))
    cases = {
        "transfer_learning.datasets.no_images": _tiny([], ("a", "b")),
        "transfer_learning.datasets.one_class": _tiny([0, 0, 0], ("a",)),
        "transfer_learning.datasets.class_too_small": _tiny([0, 0, 1], ("a", "b")),
        "transfer_learning.datasets.too_many_images": _tiny(
            [0, 1] * (ds.MAX_IMAGES // 2 + 1), ("a", "b")
        ),
    }
    for key, data in cases.items():
        with pytest.raises(UserFacingError) as info:
            ds.check_trainable(data)
        assert info.value.key == key
    with pytest.raises(UserFacingError) as info:
        ds.check_trainable(_tiny([0, 0, 1, 1], ("a", "b", "c")))
    assert info.value.params == {"name": "c", "count": 0, "min": 2}


def test_shrink_keeps_shorter_side_at_most_256():
    assert ds.shrink(Image.new("RGB", (1000, 500))).size == (512, 256)
    assert ds.shrink(Image.new("RGB", (3000, 300))).size == (512, 51)
    small = Image.new("RGB", (200, 100))
    assert ds.shrink(small) is small


def test_fingerprint_depends_on_pixels_names_and_labels():
    a = Image.new("RGB", (4, 4), (1, 2, 3))
    b = Image.new("RGB", (4, 4), (1, 2, 4))
    base = ds.fingerprint_of(("x", "y"), [a, b], [0, 1])
    assert base == ds.fingerprint_of(("x", "y"), [a.copy(), b.copy()], [0, 1])
    assert base != ds.fingerprint_of(("x", "y"), [a, a], [0, 1])
    assert base != ds.fingerprint_of(("x", "z"), [a, b], [0, 1])
    assert base != ds.fingerprint_of(("x", "y"), [a, b], [1, 0])


# ---------------------------------------------------------------- the book's folders


def test_book_folder_matches_torchvision_imagefolder(book_dir):
    from torchvision.datasets import ImageFolder

    root = book_dir / "catanddog"
    data = imf.load_image_folder(root / "train")
    reference = ImageFolder(str(root / "train"))
    assert data.class_names == tuple(reference.classes) == ("Cat", "Dog")
    assert list(data.labels) == [label for _, label in reference.samples]
    assert data.class_counts == (182, 203) and data.test is None and data.skipped == ()
    assert all(img.mode == "RGB" and min(img.size) <= ds.MAX_SHORT_SIDE for img in data.images)
    # same pixels as decoding the file directly (images smaller than the cap are untouched)
    for index in (0, 100, 300):
        path, _ = reference.samples[index]
        direct = ds.shrink(Image.open(path).convert("RGB"))
        assert data.images[index].size == direct.size
        diff = np.abs(np.asarray(data.images[index], np.int16) - np.asarray(direct, np.int16))
        assert diff.mean() < 2.0


def test_book_root_folder_gives_train_and_test_splits(book_dir):
    data = imf.load_image_folder(book_dir / "catanddog")
    assert data.class_names == ("Cat", "Dog") and len(data) == 385
    assert data.test is not None and data.test.class_counts == (49, 49)
    assert data.test.class_names == data.class_names
    assert data.fingerprint != imf.load_image_folder(book_dir / "catanddog" / "train").fingerprint
    ds.check_trainable(data)


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(UserFacingError) as info:
        imf.load_image_folder(tmp_path / "nope")
    assert info.value.key == "transfer_learning.datasets.folder_missing"


# ---------------------------------------------------------------- memo and folder signature


def test_memo_is_bounded_by_megabytes_and_entries():
    big = ds.make_labeled("upload", ("a", "b"), [Image.new("RGB", (1000, 1000))] * 2, [0, 1])
    assert ds.approx_megabytes(big) == pytest.approx(6.0)
    memo = DatasetMemo(max_megabytes=13, max_entries=5)
    for key in "abc":
        memo.put(key, big)
    assert memo.get("a") is None and memo.get("b") is big and len(memo) == 2
    memo.put("d", big)  # "c" is now the least recently used
    assert memo.get("c") is None and memo.get("b") is big
    small = ds.synthetic_shapes(1, 0)
    memo = DatasetMemo(max_megabytes=100, max_entries=2)
    for key in "xyz":
        memo.put(key, small)
    assert len(memo) == 2 and memo.get("x") is None


def test_folder_signature_changes_with_content(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "1.png").write_bytes(b"1")
    first = fs.folder_signature(tmp_path)
    assert first == fs.folder_signature(tmp_path)
    (tmp_path / "a" / "2.png").write_bytes(b"22")
    assert fs.folder_signature(tmp_path) != first


def test_thumbnail_strip_crops_squares_side_by_side():
    red = Image.new("RGB", (200, 100), (255, 0, 0))
    red.paste((0, 0, 255), (0, 0, 50, 100))  # a blue left quarter is cropped away
    strip = ds.thumbnail_strip([red, Image.new("RGB", (50, 80), (0, 255, 0))], side=32, gap=4)
    assert strip.size == (68, 32)
    assert strip.getpixel((16, 16)) == (255, 0, 0) and strip.getpixel((2, 16)) == (255, 0, 0)
    assert strip.getpixel((34, 16)) == (255, 255, 255) and strip.getpixel((50, 16)) == (0, 255, 0)
    data = ds.synthetic_shapes(3, 0)
    assert ds.class_examples(data, 1, 2) == [data.images[3], data.images[4]]


def test_a_pretrained_backbone_separates_the_shapes_without_training():
    """Nearest class mean on frozen ImageNet features: far above chance (pixels: near chance)."""
    import torch

    from core.common import backbones as bb

    spec = bb.get_spec("efficientnet_lite0")
    model = bb.build_model("efficientnet_lite0").eval()
    stage_list = bb.stages(model, spec)
    transform = bb.eval_transform(spec, 128)
    data = ds.synthetic_shapes(20, seed=5)
    with torch.inference_mode():
        x = torch.stack([transform(img) for img in data.images])
        features = bb.run_stages(stage_list, x, 0, len(stage_list) - 1).flatten(1)
    features = torch.nn.functional.normalize(features, dim=1)
    y = torch.tensor(data.labels)
    train, val = ds.stratified_split(data.labels, 0.5, seed=0)
    centroids = torch.stack([features[train][y[train] == c].mean(0) for c in range(4)])
    accuracy = ((features[val] @ centroids.T).argmax(1) == y[val]).float().mean().item()
    assert accuracy >= 0.75


def test_a_local_folder_never_opens_pipes_or_devices(tmp_path):
    """A pipe would block the read forever, a link to /dev/zero would never end."""
    import os

    for cls in ("a", "b"):
        (tmp_path / cls).mkdir()
        for i in range(2):
            Image.new("RGB", (20, 20), (i * 90, 0, 0)).save(tmp_path / cls / f"{i}.png")
    os.mkfifo(tmp_path / "a" / "pipe.jpg")
    os.symlink("/dev/zero", tmp_path / "b" / "zero.png")
    os.symlink(tmp_path / "a" / "0.png", tmp_path / "b" / "linked.png")  # a link to an image
    os.symlink(tmp_path / "gone.png", tmp_path / "b" / "dangling.png")
    data = imf.load_image_folder(tmp_path)
    assert data.class_counts == (2, 3)
    assert dict(data.skipped) == {
        "a/pipe.jpg": ds.SKIP_NOT_IMAGE,
        "b/zero.png": ds.SKIP_NOT_IMAGE,
        "b/dangling.png": ds.SKIP_UNREADABLE,
    }
