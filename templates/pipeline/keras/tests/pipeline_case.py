"""What the offline pipeline test (test_pipeline_local.py) runs this project's steps on."""

from __future__ import annotations

from pathlib import Path

from conftest import random_digits, write_idx

FAKE_FLAVOR = None  # the project's CI installs MLflow and the framework
REQUIRES: tuple[str, ...] = ("mlflow", "keras")
TRAIN_INPUTS: dict[str, str] = {"epochs": "1", "batch_size": "16"}
TRAIN_ARGS: tuple[str, ...] = ()


def training_data(tmp_path: Path) -> Path | None:
    """A tiny MNIST-shaped IDX folder, as the MNIST data asset holds."""
    root = tmp_path / "mnist"
    x_train, y_train = random_digits(64, seed=1)
    x_test, y_test = random_digits(16, seed=2)
    write_idx(root / "train-images-idx3-ubyte", x_train)
    write_idx(root / "train-labels-idx1-ubyte", y_train)
    write_idx(root / "t10k-images-idx3-ubyte", x_test)
    write_idx(root / "t10k-labels-idx1-ubyte", y_test)
    return root
