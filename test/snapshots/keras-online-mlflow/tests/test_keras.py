"""Train a tiny Keras 3 model, save it like train.py, reload it; train.py end to end.

Needs Keras 3 and a backend (the environment uses tensorflow), which are not installable on every
machine; the project's CI installs them. Scoring through ``score.py`` / ``batch_score.py`` is
tested in ``test_score.py`` and ``test_batch_score.py`` (generated only for targets that deploy
those scripts).
"""

from __future__ import annotations

import numpy as np
import pytest

keras = pytest.importorskip(
    "keras", reason="keras is not installed here; the project's CI installs it"
)
if int(keras.__version__.split(".")[0]) < 3:
    pytest.skip(f"Keras 3 is required, found keras {keras.__version__}", allow_module_level=True)

from model import MODEL_FILE, load_artifacts, predict_proba  # noqa: E402


def test_history_and_epoch_callback_carry_the_objective(trained):
    _, history, epochs, _ = trained
    assert {"val_accuracy", "val_loss"} <= set(history)
    assert epochs[0][0] == 0 and "val_accuracy" in epochs[0][1]


def test_saved_as_a_keras_file_that_reloads_identically(model_dir, trained):
    model, _, _, x_val = trained
    assert (model_dir / "model" / MODEL_FILE).is_file()
    predictor = load_artifacts(model_dir / "model")
    np.testing.assert_allclose(
        predictor.predict_proba(x_val), predict_proba(model, x_val), rtol=1e-4, atol=1e-5
    )
    labels, probabilities = predictor.predict(x_val)
    assert len(labels) == len(x_val) and all(label in range(10) for label in labels)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-4)


def test_train_main_writes_pyfunc_model(tmp_path, monkeypatch, mnist_idx_dir):
    mlflow = pytest.importorskip(
        "mlflow", reason="mlflow is not installed here; CI of the generated project installs it"
    )
    import train as train_script

    monkeypatch.chdir(tmp_path)  # any default artifact folder lands in tmp, never in the repo
    # A file store: mlflow-skinny (requirements-dev.txt) has no SQLAlchemy for a database store.
    monkeypatch.setenv("MLFLOW_TRACKING_URI", (tmp_path / "mlruns").as_uri())
    monkeypatch.delenv("TF_CONFIG", raising=False)
    out = tmp_path / "model"
    out.mkdir()  # an existing empty folder, as Azure ML mounts it
    metrics = train_script.main(
        ["--data", str(mnist_idx_dir), "--epochs", "1", "--model-output", str(out)]
    )
    assert set(metrics) == {"val_accuracy", "val_loss"}
    for name in ("MLmodel", "labels.json", MODEL_FILE):
        assert (out / name).is_file(), name
    assert "azureml-ai-monitoring" in (out / "requirements.txt").read_text()
    loaded = mlflow.pyfunc.load_model(str(out))
    images = np.random.default_rng(0).integers(0, 256, (2, 28, 28, 1)).astype(np.float32)
    assert loaded.predict(images).shape == (2, 10)
