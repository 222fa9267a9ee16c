"""Shared fixtures: ``src/`` on the path, a tiny seeded image folder, a model trained on it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

PROJECT_DIR = Path(__file__).resolve().parents[1]
SRC_DIR = PROJECT_DIR / "src"
if str(SRC_DIR) not in sys.path:
    sys.path.insert(0, str(SRC_DIR))

CLASSES = ("chickens", "turkeys")
IMAGE_SIZE = 64
_COLOURS = ((220, 210, 190), (110, 70, 40), (60, 120, 200))


def write_image_folder(
    root: Path,
    classes: Sequence[str] = CLASSES,
    per_class: int = 4,
    size: int = 48,
    seed: int = 0,
    splits: Sequence[str] = ("train", "val"),
) -> Path:
    """Write ``<split>/<class>/<n>.png``: per-class colour plus seeded noise, so it is learnable."""
    rng = np.random.default_rng(seed)
    for split in splits:
        for index, name in enumerate(classes):
            folder = root / split / name
            folder.mkdir(parents=True, exist_ok=True)
            base = np.array(_COLOURS[index % len(_COLOURS)], dtype=np.int16)
            for number in range(per_class):
                noise = rng.integers(-30, 31, size=(size, size, 3))
                pixels = np.clip(base + noise, 0, 255).astype(np.uint8)
                Image.fromarray(pixels, "RGB").save(folder / f"{number}.png")
    return root


@pytest.fixture
def project_dir() -> Path:
    return PROJECT_DIR


@pytest.fixture
def image_folder(tmp_path: Path) -> Path:
    """A fresh ``train/``+``val/`` folder with 2 classes x 4 images each."""
    return write_image_folder(tmp_path / "images")


@pytest.fixture(scope="session")
def trained_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Train 1 epoch and save exactly as train.py does, in the folder layout Azure ML mounts.

    Returns the would-be ``AZUREML_MODEL_DIR`` (``.../azureml-models/<name>/1``); the artifacts
    sit one level deeper, in the registered ``model/`` folder.
    """
    from data import make_loaders
    from model import build_model, fit, save_artifacts

    torch.manual_seed(0)
    data = write_image_folder(tmp_path_factory.mktemp("data"))
    bundle = make_loaders(data, image_size=IMAGE_SIZE, batch_size=4, num_workers=0)
    model = build_model(len(bundle.classes), pretrained=False)
    model, _metrics = fit(model, bundle.train_loader, bundle.val_loader, epochs=1)
    model_dir = tmp_path_factory.mktemp("endpoint") / "azureml-models" / "pytorch-model" / "1"
    save_artifacts(model, bundle.classes, IMAGE_SIZE, model_dir / "model")
    return model_dir


@pytest.fixture
def model_env(trained_model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ``AZUREML_MODEL_DIR`` at the trained model, as the endpoint does."""
    monkeypatch.setenv("AZUREML_MODEL_DIR", str(trained_model_dir))
    return trained_model_dir
