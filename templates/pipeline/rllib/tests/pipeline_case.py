"""What the offline pipeline test (test_pipeline_local.py) runs this project's steps on."""

from __future__ import annotations

from pathlib import Path

FAKE_FLAVOR = None  # the project's CI installs MLflow and Ray
REQUIRES: tuple[str, ...] = ("mlflow", "ray")
# One small PPO iteration, sampling in the driver.
TRAIN_INPUTS: dict[str, str] = {"iterations": "1", "train_batch_size": "500"}
TRAIN_ARGS: tuple[str, ...] = ("--num-env-runners", "0")


def training_data(tmp_path: Path) -> Path | None:
    """RLlib simulates its environment: the pipeline has no data input."""
    return None
