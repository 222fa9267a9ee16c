"""Train a tiny Keras 3 model, save it like train.py, load it through score.py like the endpoint.

Needs Keras 3 and a backend (the environment uses tensorflow), which are not installable on every
machine; the project's CI installs them.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

keras = pytest.importorskip(
    "keras", reason="keras is not installed here; the project's CI installs it"
)
if int(keras.__version__.split(".")[0]) < 3:
    pytest.skip(f"Keras 3 is required, found keras {keras.__version__}", allow_module_level=True)

from model import (  # noqa: E402
    MODEL_FILE,
    load_artifacts,
    predict_proba,
    save_artifacts,
    standalone_copy,
    train,
)

LEARNING_RATE = 1e-3
MODEL_NAME = "mnist-classifier"


def random_digits(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` random 28x28 images in 0-255 and labels 0-9: shape-correct stand-ins for MNIST."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (n, 28, 28), dtype=np.uint8), rng.integers(0, 10, n)


@pytest.fixture(scope="module")
def trained():
    """One epoch on 64 random images: seconds, and enough to exercise every code path."""
    x_train, y_train = random_digits(64, seed=1)
    x_val, y_val = random_digits(16, seed=2)
    epochs = []
    model, history = train(
        x_train, y_train, x_val, y_val,
        epochs=1, batch_size=16, learning_rate=LEARNING_RATE,
        on_epoch_end=lambda epoch, logs: epochs.append((epoch, logs)),
    )  # fmt: skip
    return model, history, epochs, x_val


@pytest.fixture
def model_dir(tmp_path, monkeypatch, trained):
    """Save like train.py into ``azureml-models/<name>/1/model/``; point AZUREML_MODEL_DIR at it."""
    version_dir = tmp_path / "azureml-models" / MODEL_NAME / "1"
    save_artifacts(standalone_copy(trained[0], LEARNING_RATE), version_dir / "model")
    monkeypatch.setenv("AZUREML_MODEL_DIR", str(version_dir))
    return version_dir


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


def test_score_round_trip(model_dir, fresh_module, sample_request):
    score = fresh_module("score")
    score.init()
    result = score.run(sample_request)
    assert set(result) == {"predictions", "probabilities"}
    assert len(result["predictions"]) == 2
    assert all(label in range(10) for label in result["predictions"])
    assert np.allclose(np.sum(result["probabilities"], axis=1), 1.0, atol=1e-4)
    json.dumps(result)  # JSON-serialisable, as the inference server needs


def test_score_malformed_request_is_an_error_payload(model_dir, fresh_module):
    score = fresh_module("score")
    score.init()
    assert "error" in score.run('{"data": [[1, 2, 3]]}')
    assert "error" in score.run("not json")


def test_batch_one_row_per_file(model_dir, fresh_module, project_root, tmp_path):
    batch_score = fresh_module("batch_score")
    batch_score.init()
    files = sorted(str(p) for p in (project_root / "deploy" / "sample-batch").glob("*.npy"))
    bad = tmp_path / "broken.npy"
    bad.write_bytes(b"not numpy")
    rows = batch_score.run([*files, str(bad)])
    assert len(rows) == 3
    name, label, probability = rows[0].split(",")
    assert name.endswith(".npy") and int(label) in range(10) and 0 <= float(probability) <= 1
    assert rows[2].startswith("broken.npy,error,")


def test_train_main_writes_pyfunc_model(tmp_path, monkeypatch, mnist_idx_dir, sample_request):
    mlflow = pytest.importorskip(
        "mlflow", reason="mlflow is not installed here; CI of the generated project installs it"
    )
    import train as train_script

    monkeypatch.chdir(tmp_path)  # any default artifact folder lands in tmp, never in the repo
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{tmp_path / 'mlflow.db'}")
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
    images = np.asarray(json.loads(sample_request)["data"], np.float32)[..., None]
    assert loaded.predict(images).shape == (2, 10)
