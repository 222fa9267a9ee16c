"""Request validation for ``score.py`` and ``batch_score.py``. Pure numpy: no TensorFlow.

Kept apart from the scoring scripts so it is tested for real without the framework, and so a
bad request is rejected before the model is touched.

Request: ``{"data": [image, ...]}`` where each image is 28 rows of 28 pixels, or a flat list of
784 pixels; pixels are numbers in 0-255 (MNIST convention: white digit on black).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from data import IMAGE_SIZE, to_model_input

MAX_BYTES = 1_000_000
MAX_ROWS = 1000
PIXELS = IMAGE_SIZE * IMAGE_SIZE


class RequestError(ValueError):
    """A problem with the caller's input; its message is safe to send back."""


def decode_body(raw_data: Any) -> Any:
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


def to_images(array: Any, what: str = "data") -> np.ndarray:
    """Validate pixel values and shape; return float32 ``(N, 28, 28, 1)`` in 0-255.

    Accepted shapes: ``(N, 28, 28)``, ``(N, 28, 28, 1)`` and ``(N, 784)``.
    """
    try:
        values = np.asarray(array)
    except ValueError:  # ragged nesting
        raise RequestError(f"{what} must be a rectangular array of numbers") from None
    if values.dtype == object or values.dtype.kind not in "iuf":
        raise RequestError(f"{what} must contain only numbers (rows of equal length)")
    if values.ndim == 0 or values.shape[0] == 0:
        raise RequestError(f"{what} must be a non-empty list of images")
    if values.shape[0] > MAX_ROWS:
        raise RequestError(f"{what} has {values.shape[0]} images; the limit is {MAX_ROWS}")
    shape = tuple(values.shape[1:])
    if shape not in {(IMAGE_SIZE, IMAGE_SIZE), (IMAGE_SIZE, IMAGE_SIZE, 1), (PIXELS,)}:
        raise RequestError(
            f"each image must be 28x28 or 784 pixels; got shape {list(values.shape)}"
        )
    values = values.astype(np.float64)
    if not np.isfinite(values).all():
        raise RequestError(f"{what} must contain only finite numbers")
    if values.min() < 0 or values.max() > 255:
        raise RequestError(
            f"pixel values must be within 0-255 (got {values.min()}..{values.max()})"
        )
    return to_model_input(values)


def parse_request(raw_data: Any) -> np.ndarray:
    """Validate a whole request body and return the images ready for the model."""
    body = decode_body(raw_data)
    if not isinstance(body, dict) or "data" not in body:
        raise RequestError('request must be a JSON object with a "data" key')
    rows = body["data"]
    if not isinstance(rows, list) or not rows:
        raise RequestError('"data" must be a non-empty list of images')
    if len(rows) > MAX_ROWS:
        raise RequestError(f'"data" has {len(rows)} images; the limit is {MAX_ROWS}')
    if any(isinstance(v, bool) for v in _leaves(rows)):
        raise RequestError('"data" must contain numbers, not true/false')
    return to_images(rows)


def _leaves(rows: list) -> Any:
    """Yield scalar leaves (bounded by MAX_BYTES, so recursion depth stays small)."""
    stack: list[Any] = [rows]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        else:
            yield item
