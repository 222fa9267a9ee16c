"""Shared fixtures: put ``src/`` on the path, build tiny MNIST-shaped data, train a tiny model.

``pyproject.toml`` may already set ``pythonpath = ["src"]``; the explicit insert below keeps the
tests working when pytest runs without it (e.g. ``pytest tests/`` from another folder).
Nothing is imported from Keras or TensorFlow at collection time: the fixtures that need Keras 3
skip (with the reason) where it is missing. Files below ``deploy/`` exist only for some targets,
so the tests that read them live in ``test_score.py`` / ``test_batch_score.py``, which are
generated only together with those files.
"""

from __future__ import annotations

import gzip
import importlib
import struct
import sys
from pathlib import Path

import numpy as np
import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SRC = PROJECT_ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

KERAS_MISSING = "keras is not installed here; the project's CI installs it"
LEARNING_RATE = 1e-3
MODEL_NAME = "mnist-classifier"


def write_idx(path: Path, array: np.ndarray, compress: bool = False) -> Path:
    """Write ``array`` (uint8) as an IDX file, the format of the original MNIST distribution."""
    header = struct.pack(">HBB", 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    payload = header + np.ascontiguousarray(array, dtype=np.uint8).tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    if compress:
        path = path.with_name(path.name + ".gz")
        with gzip.open(path, "wb") as handle:
            handle.write(payload)
    else:
        path.write_bytes(payload)
    return path


def random_digits(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` random 28x28 uint8 images and labels 0-9 (shape-correct stand-ins for MNIST)."""
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 10, size=n).astype(np.uint8)
    return images, labels


@pytest.fixture
def mnist_idx_dir(tmp_path: Path) -> Path:
    """A job-input-like folder: the four IDX files (train gzipped, test plain) one level down."""
    root = tmp_path / "mnist"
    x_train, y_train = random_digits(64, seed=1)
    x_test, y_test = random_digits(16, seed=2)
    write_idx(root / "raw" / "train-images-idx3-ubyte", x_train, compress=True)
    write_idx(root / "raw" / "train-labels-idx1-ubyte", y_train, compress=True)
    write_idx(root / "raw" / "t10k-images-idx3-ubyte", x_test)
    write_idx(root / "raw" / "t10k-labels-idx1-ubyte", y_test)
    return root


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The generated project's root (holds ``deploy/``)."""
    return PROJECT_ROOT


@pytest.fixture
def idx_writer():
    """The IDX writer, for tests that build their own (broken) files."""
    return write_idx


@pytest.fixture
def fresh_module():
    """Import a module anew so its globals (the loaded model) never leak between tests."""
    return lambda name: importlib.reload(importlib.import_module(name))


def require_keras3() -> None:
    """Skip the calling test unless Keras 3 is importable (the generated environment pins it)."""
    keras = pytest.importorskip("keras", reason=KERAS_MISSING)
    if int(keras.__version__.split(".")[0]) < 3:
        pytest.skip(f"Keras 3 is required, found keras {keras.__version__}")


@pytest.fixture(scope="session")
def trained():
    """One epoch on 64 random images: seconds, and enough to exercise every code path.

    Returns ``(model, history, epochs seen by the callback, validation images)``.
    """
    require_keras3()
    from model import train

    x_train, y_train = random_digits(64, seed=1)
    x_val, y_val = random_digits(16, seed=2)
    epochs: list = []
    model, history = train(
        x_train, y_train, x_val, y_val,
        epochs=1, batch_size=16, learning_rate=LEARNING_RATE,
        on_epoch_end=lambda epoch, logs: epochs.append((epoch, logs)),
    )  # fmt: skip
    return model, history, epochs, x_val


@pytest.fixture
def model_dir(tmp_path, monkeypatch, trained) -> Path:
    """Save like train.py into ``azureml-models/<name>/1/model/``; point AZUREML_MODEL_DIR at it."""
    from model import save_artifacts

    version_dir = tmp_path / "azureml-models" / MODEL_NAME / "1"
    save_artifacts(trained[0], version_dir / "model")
    monkeypatch.setenv("AZUREML_MODEL_DIR", str(version_dir))
    return version_dir
