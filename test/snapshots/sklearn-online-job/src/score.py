"""Online scoring entry script for Azure ML managed / Kubernetes endpoints.

Request:  ``{"data": [[sepal_length, sepal_width, petal_length, petal_width], ...]}``
Response: ``{"predictions": ["setosa", ...], "probabilities": [[p_setosa, ...], ...]}``
Bad input returns ``{"error": "<one line>"}`` (HTTP 400 under the Azure ML inference server).
``run()`` never raises: details of unexpected failures go to the server log, not to the caller.
"""

from __future__ import annotations

import json
import logging
import math
import os
from typing import Any

import numpy as np

from model import find_artifacts_dir, load_artifacts

MAX_ROWS = 1000
MAX_BYTES = 1_000_000

logger = logging.getLogger(__name__)

_model: Any = None
_meta: dict[str, Any] = {}


class RequestError(ValueError):
    """A problem with the caller's input; its message is safe to return."""


def init() -> None:
    """Load the model once per worker from below ``AZUREML_MODEL_DIR``."""
    global _model, _meta
    root = os.environ.get("AZUREML_MODEL_DIR", ".")
    directory = find_artifacts_dir(root)
    _model, _meta = load_artifacts(directory)
    logger.info("loaded model from %s (features: %s)", directory, _meta.get("features"))


def _error(message: str, status: int = 400) -> Any:
    """Build an error reply, with an HTTP status when the inference server allows it.

    Under the Azure ML inference server ``AMLResponse`` carries the status code; elsewhere (tests,
    a plain Python call) the plain dict is returned. This is the only place that decides.
    """
    payload = {"error": message}
    try:
        from azureml.contrib.services.aml_response import AMLResponse
    except ImportError:
        return payload
    return AMLResponse(json.dumps(payload), status)


def _decode(raw_data: Any) -> Any:
    """Turn the request body (text, bytes or an already-parsed dict) into a Python object."""
    if isinstance(raw_data, dict):
        return raw_data
    if isinstance(raw_data, (bytes, bytearray)):
        if len(raw_data) > MAX_BYTES:
            raise RequestError(f"request body is larger than {MAX_BYTES} bytes")
        raw_data = bytes(raw_data).decode("utf-8", errors="replace")
    if not isinstance(raw_data, str):
        raise RequestError("request body must be a JSON object")
    if len(raw_data.encode("utf-8")) > MAX_BYTES:
        raise RequestError(f"request body is larger than {MAX_BYTES} bytes")
    try:
        return json.loads(raw_data)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        raise RequestError("request body is not valid JSON") from None


def _number(value: Any, row: int, col: int) -> float:
    """Accept a finite int/float (not bool: JSON ``true`` is not a measurement)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RequestError(f"data[{row}][{col}] must be a number, got {type(value).__name__}")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise RequestError(f"data[{row}][{col}] must be a finite number")
    return number


def parse_rows(body: Any, n_features: int) -> list[list[float]]:
    """Validate ``{"data": [[...], ...]}`` and return the rows as floats."""
    if not isinstance(body, dict) or "data" not in body:
        raise RequestError('request must be a JSON object with a "data" key')
    rows = body["data"]
    if not isinstance(rows, list) or not rows:
        raise RequestError('"data" must be a non-empty list of rows')
    if len(rows) > MAX_ROWS:
        raise RequestError(f'"data" has {len(rows)} rows; the limit is {MAX_ROWS}')
    parsed = []
    for r, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != n_features:
            raise RequestError(f"data[{r}] must be a list of {n_features} numbers")
        parsed.append([_number(value, r, c) for c, value in enumerate(row)])
    return parsed


def predict(rows: list[list[float]]) -> dict[str, list]:
    """Predict labels and class probabilities (in the order of ``meta["classes"]``)."""
    X = np.asarray(rows, dtype=np.float64)
    labels = [str(label) for label in _model.predict(X)]
    probabilities = _model.predict_proba(X).tolist()
    return {"predictions": labels, "probabilities": probabilities}


def run(raw_data: Any) -> Any:
    """Score one request; returns predictions or an error payload, never raises."""
    try:
        if _model is None:
            return _error("model is not loaded (init() failed or was not called)", 503)
        rows = parse_rows(_decode(raw_data), len(_meta["features"]))
        return predict(rows)
    except RequestError as exc:
        return _error(str(exc))
    except Exception:  # noqa: BLE001 - the caller must never see a traceback
        logger.exception("scoring failed")
        return _error("internal error while scoring; see the deployment logs", 500)
