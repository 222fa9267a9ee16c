"""The pure training part: model head, one epoch of ``fit``, artifacts round trip."""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch

from conftest import CLASSES
from data import make_loaders
from model import (
    CHECKPOINT_FILE,
    LABELS_FILE,
    WEIGHTS_FILE,
    build_model,
    find_artifacts_dir,
    fit,
    load_artifacts,
    save_artifacts,
)


def test_build_model_has_a_new_head() -> None:
    model = build_model(3, pretrained=False).eval()
    with torch.no_grad():
        assert tuple(model(torch.zeros(2, 3, 64, 64)).shape) == (2, 3)


def test_fit_one_epoch_checkpoints_and_reports_metrics(image_folder: Path, tmp_path: Path) -> None:
    torch.manual_seed(0)
    bundle = make_loaders(image_folder, image_size=64, batch_size=4, num_workers=0)
    seen = []
    model, metrics = fit(
        build_model(len(bundle.classes), pretrained=False),
        bundle.train_loader,
        bundle.val_loader,
        epochs=1,
        learning_rate=0.001,
        momentum=0.9,
        device=torch.device("cpu"),
        checkpoint_dir=tmp_path / "checkpoints",
        on_epoch_end=lambda epoch, values: seen.append((epoch, values)),
    )
    assert (tmp_path / "checkpoints" / CHECKPOINT_FILE).is_file()
    assert 0.0 <= metrics["train_accuracy"] <= 1.0
    assert 0.0 <= metrics["val_accuracy"] <= 1.0
    assert math.isfinite(metrics["val_loss"]) and metrics["val_loss"] >= 0.0
    assert [epoch for epoch, _ in seen] == [1]
    assert set(seen[0][1]) >= {"val_accuracy", "val_loss"}
    assert isinstance(model, torch.nn.Module) and not model.training
    checkpoint = torch.load(tmp_path / "checkpoints" / CHECKPOINT_FILE, map_location="cpu")
    assert checkpoint["epoch"] == 1


def test_artifacts_round_trip(tmp_path: Path) -> None:
    model = build_model(len(CLASSES), pretrained=False).eval()
    save_artifacts(model, list(CLASSES), 64, tmp_path / "outer" / "model")
    assert (tmp_path / "outer" / "model" / WEIGHTS_FILE).is_file()
    labels = json.loads((tmp_path / "outer" / "model" / LABELS_FILE).read_text())
    assert labels == {"classes": list(CLASSES), "image_size": 64, "arch": "resnet18"}

    folder = find_artifacts_dir(tmp_path)
    assert folder == tmp_path / "outer" / "model"
    loaded = load_artifacts(folder)
    batch = torch.randn(2, 3, 64, 64)
    with torch.no_grad():
        assert torch.allclose(model(batch), loaded.model(batch), atol=1e-6)
    assert loaded.classes == list(CLASSES) and loaded.image_size == 64
