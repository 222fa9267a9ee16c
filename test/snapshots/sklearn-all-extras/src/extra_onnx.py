"""ONNX extra: export the trained model after training, check it, log it to the MLflow run.

The export is a Triton model repository, ``outputs/onnx/model/1/model.onnx`` plus ``config.pbtxt``,
written by ``model.export_onnx`` (``torch.onnx.export`` for PyTorch, skl2onnx for scikit-learn).
Files under ``outputs/`` stay with the job's artifacts; ``mlflow.log_artifact`` also attaches the
file to the run as ``onnx/model.onnx``.

The job environment pins the exporters. Without them (e.g. a bare local run) training still runs
and warns, because a missing exporter must not cost a finished model.
"""

from __future__ import annotations

import importlib
import warnings
from pathlib import Path
from typing import Any

ONNX_SUBDIR = "onnx"
MODEL_NAME = "model"
REQUIRED = {"sklearn": ("onnx", "skl2onnx"), "pytorch": ("onnx",)}


def onnx_path(ctx: Any) -> Path:
    """Where the export lands: ``<outputs>/onnx/model/1/model.onnx``."""
    return Path(ctx.outputs_dir) / ONNX_SUBDIR / MODEL_NAME / "1" / "model.onnx"


def _missing(framework: str) -> list[str]:
    missing = []
    for name in REQUIRED[framework]:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    return missing


def export(ctx: Any) -> Path:
    """Export ``ctx.model`` with the project's own ``export_onnx`` and validate the graph."""
    import onnx

    from model import export_onnx

    repo = Path(ctx.outputs_dir) / ONNX_SUBDIR
    if ctx.framework == "pytorch":
        export_onnx(ctx.model, ctx.args.image_size, repo, MODEL_NAME)
    else:
        export_onnx(ctx.model, len(ctx.feature_names), repo, MODEL_NAME)
    path = onnx_path(ctx)
    onnx.checker.check_model(str(path))  # fail the job on a broken graph, not the deployment
    return path


def after_training(ctx: Any) -> None:
    """Export, check and log the ONNX model (main process only: train.py calls this on rank 0)."""
    missing = _missing(ctx.framework)
    if missing:
        warnings.warn(
            f"ONNX export skipped: {', '.join(missing)} not installed. The job environment "
            "installs it (environment/conda.yaml); locally: pip install -r requirements-dev.txt",
            RuntimeWarning,
            stacklevel=2,
        )
        return
    path = export(ctx)
    ctx.mlflow.log_artifact(str(path), artifact_path=ONNX_SUBDIR)
    print(f"ONNX model: {path}")
