"""What the offline pipeline test (test_pipeline_local.py) runs this project's steps on."""

from __future__ import annotations

from pathlib import Path

from conftest import write_image_folder

FAKE_FLAVOR = "pytorch"
REQUIRES: tuple[str, ...] = ("torch", "torchvision")
# One epoch of a few 48-pixel images, no pretrained weights (nothing is downloaded).
TRAIN_INPUTS: dict[str, str] = {"epochs": "1", "batch_size": "4"}
TRAIN_ARGS: tuple[str, ...] = ("--image-size", "64", "--num-workers", "0", "--no-pretrained")


def training_data(tmp_path: Path) -> Path | None:
    """A tiny train/ + val/ image folder, as the fowl_data.zip data asset unpacks."""
    return write_image_folder(tmp_path / "images")
