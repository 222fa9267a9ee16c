"""What the offline pipeline test (test_pipeline_local.py) runs this project's steps on."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# MLflow flavor for the recording fake where MLflow is missing; None: needs the real MLflow.
FAKE_FLAVOR = "sklearn"
# Modules the train step needs; the test is skipped where one is missing.
REQUIRES: tuple[str, ...] = ("sklearn",)
# Train-step inputs that keep the offline run small (unknown names are ignored).
TRAIN_INPUTS: dict[str, str] = {}
# Offline-only flags appended to the train command (argparse: the last value wins).
TRAIN_ARGS: tuple[str, ...] = ()


def training_data(tmp_path: Path) -> Path | None:
    """What the pipeline's training_data input points at, offline: the bundled iris CSV."""
    return PROJECT_ROOT / "data" / "iris.csv"
