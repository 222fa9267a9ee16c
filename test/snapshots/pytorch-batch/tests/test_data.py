"""Data discovery (nested folders, .zip), label consistency and sharding."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from torch.utils.data import DistributedSampler

from conftest import CLASSES, write_image_folder
from data import find_data_root, make_loaders, open_rgb, resolve_data


def test_finds_split_nested_like_fowl_data(tmp_path: Path) -> None:
    write_image_folder(tmp_path / "input" / "fowl_data", per_class=1)
    assert resolve_data(tmp_path / "input") == tmp_path / "input" / "fowl_data"


def test_zip_is_extracted_and_searched(tmp_path: Path) -> None:
    source = write_image_folder(tmp_path / "src" / "fowl_data", per_class=1)
    archive = tmp_path / "fowl_data.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for file in sorted(source.rglob("*.png")):
            handle.write(file, file.relative_to(source.parent).as_posix())
    root = resolve_data(archive)
    assert root.name == "fowl_data"
    assert sorted(p.name for p in (root / "train").iterdir()) == list(CLASSES)


def test_missing_split_is_a_clear_error(tmp_path: Path) -> None:
    write_image_folder(tmp_path, per_class=1, splits=("train",))
    with pytest.raises(FileNotFoundError, match="val/"):
        find_data_root(tmp_path)


def test_val_labels_follow_train_classes(tmp_path: Path) -> None:
    write_image_folder(tmp_path, per_class=2, splits=("train",))
    write_image_folder(tmp_path, classes=CLASSES[1:], per_class=2, splits=("val",))
    bundle = make_loaders(tmp_path, image_size=32, batch_size=2, num_workers=0)
    val_set = bundle.val_loader.dataset
    assert bundle.classes == list(CLASSES)
    assert set(val_set.targets) == {CLASSES.index("turkeys")}


def test_loaders_shard_across_ranks(image_folder: Path) -> None:
    bundle = make_loaders(
        image_folder, image_size=32, batch_size=2, num_workers=0, rank=1, world_size=2
    )
    assert isinstance(bundle.train_sampler, DistributedSampler)
    assert len(bundle.train_sampler) == 4
    assert len(bundle.val_loader.dataset) == 4
    images, _labels = next(iter(bundle.val_loader))
    assert tuple(images.shape) == (2, 3, 32, 32)


def test_open_rgb_refuses_huge_and_unexpected_images(tmp_path: Path) -> None:
    path = write_image_folder(tmp_path, per_class=1, size=40) / "train" / CLASSES[0] / "0.png"
    assert open_rgb(path).size == (40, 40)
    with pytest.raises(ValueError, match="pixels"):
        open_rgb(path, max_pixels=100)
    with pytest.raises(OSError):
        open_rgb(path, formats=("JPEG",))
