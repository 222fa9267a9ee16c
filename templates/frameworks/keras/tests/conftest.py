"""Shared fixtures: put ``src/`` on the path and build tiny MNIST-shaped data on disk.

``pyproject.toml`` may already set ``pythonpath = ["src"]``; the explicit insert below keeps the
tests working when pytest runs without it (e.g. ``pytest tests/`` from another folder).
Nothing here imports Keras or TensorFlow: framework tests use ``pytest.importorskip``.
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


@pytest.fixture(scope="session")
def sample_request(project_root: Path) -> str:
    """The body the smoke test and the workflow send to the endpoint."""
    return (project_root / "deploy" / "sample-request.json").read_text(encoding="utf-8")


@pytest.fixture
def idx_writer():
    """The IDX writer, for tests that build their own (broken) files."""
    return write_idx


@pytest.fixture
def fresh_module():
    """Import a module anew so its globals (the loaded model) never leak between tests."""
    return lambda name: importlib.reload(importlib.import_module(name))
