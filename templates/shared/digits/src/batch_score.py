"""Batch scoring entry script for Azure ML batch deployments (``output_action: append_row``).

Each mini-batch is a list of file paths; every file holds ONE digit image:
``.npy`` (28x28 or 784 values in 0-255) or ``.png`` (28x28 grayscale; other sizes are resized).
Every file gets exactly one output row: ``<file name>,<digit>,<probability>`` or
``<file name>,error,<reason>``. A bad file never fails the whole job; the reason is logged and
written to its row. Valid images of a mini-batch are scored together in one model call.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import numpy as np

from data import IMAGE_SIZE
from model import Predictor, find_artifacts_dir, load_artifacts
from payload import to_images

logger = logging.getLogger(__name__)

_predictor: Predictor | None = None


def init() -> None:
    """Load the model once per worker from below ``AZUREML_MODEL_DIR``."""
    global _predictor
    directory = find_artifacts_dir(os.environ.get("AZUREML_MODEL_DIR", "."))
    _predictor = load_artifacts(directory)
    logger.info("loaded model from %s", directory)


def _read_png(path: Path) -> np.ndarray:
    """Decode a PNG to a 28x28 grayscale array (Pillow is imported only when a PNG comes in)."""
    from PIL import Image

    with Image.open(path) as image:
        gray = image.convert("L")
        if gray.size != (IMAGE_SIZE, IMAGE_SIZE):
            gray = gray.resize((IMAGE_SIZE, IMAGE_SIZE))
        return np.asarray(gray, dtype=np.float32)


def read_image(path: str | Path) -> np.ndarray:
    """Read one file into float32 ``(1, 28, 28, 1)``; ValueError with a reason if unusable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".npy":
        array = np.load(path, allow_pickle=False)
    elif suffix == ".png":
        array = _read_png(path)
    else:
        raise ValueError(f"unsupported file type {suffix or '(none)'}; use .npy or .png")
    if np.asarray(array).size != IMAGE_SIZE * IMAGE_SIZE:
        raise ValueError(f"expected one 28x28 image, got shape {list(np.shape(array))}")
    return to_images(np.reshape(array, (1, IMAGE_SIZE, IMAGE_SIZE)), what=path.name)


def _field(text: str) -> str:
    """Keep one output field on one line and free of commas (rows are written without quoting)."""
    return " ".join(str(text).split()).replace(",", ";")


def _error_row(path: Any, exc: Exception) -> str:
    """One-line error row; unexpected exception types keep their class name for diagnosis."""
    reason = str(exc) if isinstance(exc, (ValueError, OSError)) else f"{type(exc).__name__}: {exc}"
    return f"{_field(Path(str(path)).name)},error,{_field(reason)}"


def run(mini_batch: list[str]) -> list[str]:
    """Return one string row per input file, in input order; never raises."""
    rows = [""] * len(mini_batch)  # every slot is filled below
    images, positions = [], []
    for i, path in enumerate(mini_batch):
        try:
            images.append(read_image(path))
            positions.append(i)
        except Exception as exc:  # noqa: BLE001 - one bad file must not fail the batch
            logger.warning("cannot read %s: %s", path, exc)
            rows[i] = _error_row(path, exc)
    if images:
        try:
            if _predictor is None:
                raise RuntimeError("model is not loaded (init() failed or was not called)")
            labels, probabilities = _predictor.predict(np.concatenate(images))
            for i, label, probs in zip(positions, labels, probabilities, strict=True):
                name = _field(Path(str(mini_batch[i])).name)
                rows[i] = f"{name},{label},{float(probs.max()):.6f}"
        except Exception as exc:  # noqa: BLE001
            logger.exception("scoring failed")
            for i in positions:
                rows[i] = _error_row(mini_batch[i], exc)
    return rows
