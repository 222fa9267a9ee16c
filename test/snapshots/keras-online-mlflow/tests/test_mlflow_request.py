"""MLflow no-code serving: what the deployment is sent matches the signature train.py declares.

Azure ML's MLflow server checks each request against the model signature, which train.py infers
from the input example it passes to ``save_model``. This test captures that example (running
train.py's own code) and checks what the deployment is sent against it, offline. With the real
MLflow installed (the project's CI) it also reads the signature from the saved ``MLmodel``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

PROJECT_ROOT = Path(__file__).resolve().parents[1]
MAX_ROWS = 100  # a smoke request stays small


def load_request() -> np.ndarray:
    body = json.loads((PROJECT_ROOT / "deploy" / "sample-request.json").read_text(encoding="utf-8"))
    assert set(body) == {"input_data"}, "the Azure ML MLflow server reads the input_data key"
    array = np.asarray(body["input_data"], dtype=np.float64)  # ragged lists would fail here
    assert array.dtype == np.float64 and np.all(np.isfinite(array))
    return array


def matches(shape: list[int], array: np.ndarray) -> bool:
    """Signature shapes use -1 for any size (the batch axis)."""
    return len(shape) == array.ndim and all(s in (-1, n) for s, n in zip(shape, array.shape))


def test_sample_request_matches_the_signature():
    """train.py declares ``to_model_input(mnist.x_test[:5])``: float32 ``[-1, 28, 28, 1]``."""
    from data import IMAGE_SIZE, to_model_input

    example = to_model_input(np.zeros((5, IMAGE_SIZE, IMAGE_SIZE), dtype=np.uint8))
    request = load_request()
    assert matches([-1, *example.shape[1:]], request)
    assert 1 <= request.shape[0] <= MAX_ROWS
    assert request.min() >= 0 and request.max() <= 255  # raw pixels, as in training
