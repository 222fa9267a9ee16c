"""Train a tiny model, save it like train.py, reload the SavedModel; train.py end to end.

Needs TensorFlow, which is not installable on every machine; the project's CI installs it.
Scoring through ``score.py`` / ``batch_score.py`` is tested in ``test_score.py`` and
``test_batch_score.py`` (generated only for targets that deploy those scripts).
"""

from __future__ import annotations

import numpy as np
import pytest

tf = pytest.importorskip(
    "tensorflow", reason="tensorflow is not installed here; the project's CI installs it"
)

from model import (  # noqa: E402
    load_artifacts,
    make_dataset,
    make_strategy,
    predict_proba,
    serving_module,
)


def random_digits(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` random 28x28 images in 0-255 and labels 0-9: shape-correct stand-ins for MNIST."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (n, 28, 28), dtype=np.uint8), rng.integers(0, 10, n)


def test_history_and_epoch_callback_carry_the_objective(trained):
    _, history, epochs, _ = trained
    assert {"val_accuracy", "val_loss"} <= set(history)
    assert epochs[0][0] == 0 and "val_accuracy" in epochs[0][1]


def test_single_worker_uses_the_default_strategy():
    assert make_strategy(1).num_replicas_in_sync == 1


def test_dataset_pipeline_batches_model_input():
    x, y = random_digits(10)
    images, labels = next(iter(make_dataset(x, y, batch_size=4, shuffle=True)))
    assert images.shape == (4, 28, 28, 1) and images.dtype == tf.float32
    assert labels.shape == (4,)


def test_saved_model_matches_the_keras_model(model_dir, trained):
    model, _, _, x_val = trained
    predictor = load_artifacts(model_dir / "model")
    np.testing.assert_allclose(
        predictor.predict_proba(x_val), predict_proba(model, x_val), rtol=1e-4, atol=1e-5
    )
    labels, probabilities = predictor.predict(x_val)
    assert len(labels) == len(x_val) and all(label in range(10) for label in labels)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-4)


def test_mlflow_module_serves_like_the_keras_model(trained, tmp_path):
    model, _, _, x_val = trained
    tf.saved_model.save(serving_module(model), str(tmp_path / "module"))
    loaded = tf.saved_model.load(str(tmp_path / "module"))  # what MLflow's pyfunc loader does
    images = tf.convert_to_tensor(x_val[..., None].astype(np.float32))
    np.testing.assert_allclose(
        loaded(images).numpy(), predict_proba(model, x_val), rtol=1e-4, atol=1e-5
    )


def test_train_main_writes_mlflow_model(tmp_path, monkeypatch, mnist_idx_dir):
    pytest.importorskip(
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
    for name in ("MLmodel", "labels.json", "saved_model/saved_model.pb"):
        assert (out / name).exists(), name
    assert "azureml-ai-monitoring" in (out / "requirements.txt").read_text()
    import mlflow.pyfunc

    loaded = mlflow.pyfunc.load_model(str(out))  # as the no-code deployment loads it
    images = np.random.default_rng(0).integers(0, 256, (2, 28, 28, 1)).astype(np.float32)
    assert np.asarray(loaded.predict(images)).shape == (2, 10)
