"""End-to-end ``train.main``: with the real MLflow where installed (CI), else a recording fake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fake_mlflow import mlflow_or_fake


def test_main_end_to_end(
    image_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = mlflow_or_fake(monkeypatch, "pytorch")
    import train

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MLFLOW_TRACKING_URI", (tmp_path / "mlruns").as_uri())
    model_output = tmp_path / "model"
    model_output.mkdir()  # Azure ML mounts an existing, empty output folder
    metrics = train.main(
        [
            "--data",
            str(image_folder),
            "--epochs",
            "1",
            "--batch-size",
            "4",
            "--image-size",
            "64",
            "--num-workers",
            "0",
            "--no-pretrained",
            "--checkpoint-dir",
            str(tmp_path / "ckpt"),
            "--model-output",
            str(model_output),
            "--onnx-output",
            str(tmp_path / "triton"),
            "--triton-model-name",
            "fowl",
        ]
    )
    assert 0.0 <= metrics["val_accuracy"] <= 1.0
    assert (model_output / "MLmodel").is_file()
    assert "azureml-ai-monitoring" in (model_output / "requirements.txt").read_text()
    assert json.loads((model_output / "labels.json").read_text())["image_size"] == 64
    assert (model_output / "weights.pt").is_file()
    assert (tmp_path / "ckpt" / "checkpoint.pt").is_file()
    assert (tmp_path / "triton" / "fowl" / "1" / "model.onnx").is_file()
    assert (tmp_path / "triton" / "fowl" / "config.pbtxt").is_file()
    if recorder is not None:
        assert "pytorch.log_model" not in recorder.names()  # 404 on Azure ML with MLflow 3
        assert "val_accuracy" in recorder.metric_names()  # the sweep objective, logged by name
