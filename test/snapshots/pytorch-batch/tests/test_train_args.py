"""train.py's command line (importing train.py does not import MLflow)."""

from __future__ import annotations

import sys

import pytest

import train


def test_defaults() -> None:
    args = train.parse_args(["--data", "images"])
    assert (args.epochs, args.batch_size, args.learning_rate, args.momentum) == (5, 32, 0.001, 0.9)
    assert (args.image_size, args.num_workers, args.pretrained) == (224, 4, True)
    assert args.checkpoint_dir == "outputs/checkpoints"
    assert args.model_output == "outputs/model"
    assert args.onnx_output is None and args.triton_model_name == "model"
    assert "mlflow" not in sys.modules


def test_no_pretrained_and_overrides() -> None:
    args = train.parse_args(
        [
            "--data",
            "d.zip",
            "--no-pretrained",
            "--epochs",
            "2",
            "--learning-rate",
            "0.01",
            "--onnx-output",
            "models",
            "--triton-model-name",
            "fowl",
        ]
    )
    assert args.pretrained is False and args.epochs == 2 and args.learning_rate == 0.01
    assert args.onnx_output == "models" and args.triton_model_name == "fowl"


@pytest.mark.parametrize(
    "argv", [[], ["--data", "d", "--epochs", "0"], ["--data", "d", "--learning-rate", "-1"]]
)
def test_invalid_arguments_exit(argv) -> None:
    with pytest.raises(SystemExit):
        train.parse_args(argv)
