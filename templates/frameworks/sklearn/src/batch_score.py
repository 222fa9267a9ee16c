"""Batch scoring entry script for Azure ML batch deployments (``output_action: append_row``).

Each mini-batch is a list of CSV file paths. Every file gets exactly one output row:
``<file name>,<n rows>,<labels separated by spaces>`` or ``<file name>,error,<reason>``.
A bad file never fails the whole job; the reason is logged and written to its row.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from data import read_csv_table, to_float_matrix
from model import find_artifacts_dir, load_artifacts

logger = logging.getLogger(__name__)

_model: Any = None
_meta: dict[str, Any] = {}


def init() -> None:
    """Load the model once per worker from below ``AZUREML_MODEL_DIR``."""
    global _model, _meta
    root = os.environ.get("AZUREML_MODEL_DIR", ".")
    directory = find_artifacts_dir(root)
    _model, _meta = load_artifacts(directory)
    logger.info("loaded model from %s (features: %s)", directory, _meta.get("features"))


def _field(text: str) -> str:
    """Keep one output field on one line and free of commas (rows are written without quoting)."""
    return " ".join(str(text).split()).replace(",", ";")


def score_file(path: str | Path) -> str:
    """Predict every row of one CSV; columns match by name, so a label column is ignored."""
    features: list[str] = _meta["features"]
    header, rows = read_csv_table(path)
    missing = [name for name in features if name not in header]
    if missing:
        raise ValueError(f"missing feature columns: {' '.join(missing)}")
    X = to_float_matrix(header, rows, features, Path(path).name)
    labels = [str(label) for label in _model.predict(X)]
    return f"{_field(Path(path).name)},{len(labels)},{' '.join(_field(x) for x in labels)}"


def _error_row(path: Any, exc: Exception) -> str:
    """One-line error row; unexpected exception types keep their class name for diagnosis."""
    reason = str(exc) if isinstance(exc, (ValueError, OSError)) else f"{type(exc).__name__}: {exc}"
    return f"{_field(Path(str(path)).name)},error,{_field(reason)}"


def run(mini_batch: list[str]) -> list[str]:
    """Return one string row per input file, in input order; never raises."""
    results = []
    for path in mini_batch:
        try:
            if _model is None:
                raise RuntimeError("model is not loaded (init() failed or was not called)")
            results.append(score_file(path))
        except Exception as exc:  # noqa: BLE001 - one bad file must not fail the batch
            logger.exception("scoring %s failed", path)
            results.append(_error_row(path, exc))
    return results
