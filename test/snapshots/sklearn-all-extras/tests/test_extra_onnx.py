"""ONNX extra: after training, the model is exported, checked with onnx.checker and logged."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

import extensions
import extra_onnx

@pytest.fixture
def ctx(tmp_path: Path, trained: tuple, iris: tuple) -> SimpleNamespace:
    """The fields train.py's ``ctx`` has that this extra reads, around the trained iris model."""
    model, metrics, feature_names = trained
    return SimpleNamespace(
        framework="sklearn", model=model, feature_names=feature_names, X=iris[0],
        outputs_dir=tmp_path / "outputs", mlflow=ArtifactLog(), metrics=metrics,
    )


def sample(ctx: SimpleNamespace) -> np.ndarray:
    return np.asarray(ctx.X, dtype=np.float32)


def framework_prediction(ctx: SimpleNamespace, batch: np.ndarray) -> np.ndarray:
    return np.asarray(ctx.model.predict(batch)).astype(str)


def needs_exporter() -> None:
    pytest.importorskip(
        "skl2onnx", reason="needs skl2onnx, the scikit-learn exporter (requirements-dev.txt has it)"
    )


class ArtifactLog:
    """Stands in for ``mlflow``: records ``log_artifact`` calls."""

    def __init__(self) -> None:
        self.logged: list[tuple[str, str | None]] = []

    def log_artifact(self, local_path: str, artifact_path: str | None = None) -> None:
        self.logged.append((local_path, artifact_path))


def test_train_py_runs_this_extra() -> None:
    assert extra_onnx in extensions.EXTRAS


def test_export_is_valid_onnx_and_logged(ctx: SimpleNamespace) -> None:
    import onnx

    needs_exporter()
    extra_onnx.after_training(ctx)
    path = ctx.outputs_dir / "onnx" / "model" / "1" / "model.onnx"
    assert extra_onnx.onnx_path(ctx) == path
    onnx.checker.check_model(str(path))
    assert (path.parent.parent / "config.pbtxt").is_file()  # a Triton model repository
    assert ctx.mlflow.logged == [(str(path), "onnx")]


def test_missing_exporter_warns_and_training_goes_on(
    ctx: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, extra_onnx.REQUIRED[ctx.framework][-1], None)
    with pytest.warns(RuntimeWarning, match="ONNX export skipped"):
        extra_onnx.after_training(ctx)
    assert not extra_onnx.onnx_path(ctx).exists()
    assert ctx.mlflow.logged == []


def test_onnxruntime_predicts_like_the_trained_model(ctx: SimpleNamespace) -> None:
    needs_exporter()
    ort = pytest.importorskip(
        "onnxruntime", reason="needs onnxruntime to run the export (requirements-dev.txt has it)"
    )
    path = extra_onnx.export(ctx)
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    batch = sample(ctx)
    got = session.run(None, {session.get_inputs()[0].name: batch})[0]
    expected = framework_prediction(ctx, batch)
    # float32 in ONNX vs float64 in scikit-learn: allow a rare flip on a class boundary.
    assert np.mean(np.asarray(got).astype(str) == expected) >= 0.98
