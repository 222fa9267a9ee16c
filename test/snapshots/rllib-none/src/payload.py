"""Request validation for ``score.py`` and ``batch_score.py``. Pure: no Ray, no torch.

Kept apart from the scoring scripts so it is tested for real without the framework, and so a
bad request is rejected before the model is touched.

Request: ``{"observations": [[cart_position, cart_velocity, pole_angle, pole_velocity], ...]}``.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

from data import OBSERVATION_SIZE

MAX_BYTES = 1_000_000
MAX_ROWS = 1000
KEY = "observations"


class RequestError(ValueError):
    """A problem with the caller's input; its message is safe to send back."""


def decode_body(raw_data: Any) -> Any:
    """Turn the request body (text, bytes or an already-parsed object) into a Python object."""
    if isinstance(raw_data, (dict, list)):
        return raw_data
    if isinstance(raw_data, (bytes, bytearray)):
        if len(raw_data) > MAX_BYTES:
            raise RequestError(f"request body is larger than {MAX_BYTES} bytes")
        raw_data = bytes(raw_data).decode("utf-8", errors="replace")
    if not isinstance(raw_data, str):
        raise RequestError("request body must be JSON")
    if len(raw_data.encode("utf-8")) > MAX_BYTES:
        raise RequestError(f"request body is larger than {MAX_BYTES} bytes")
    try:
        return json.loads(raw_data)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        raise RequestError("request body is not valid JSON") from None


def _number(value: Any, row: int, col: int) -> float:
    """Accept a finite int/float (not bool: JSON ``true`` is not a measurement)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RequestError(f"{KEY}[{row}][{col}] must be a number, got {type(value).__name__}")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise RequestError(f"{KEY}[{row}][{col}] must be a finite number")
    return number


def to_observations(rows: Any) -> np.ndarray:
    """Validate a list of observations; return float32 ``(N, 4)``."""
    if not isinstance(rows, list) or not rows:
        raise RequestError(f'"{KEY}" must be a non-empty list of observations')
    if len(rows) > MAX_ROWS:
        raise RequestError(f'"{KEY}" has {len(rows)} rows; the limit is {MAX_ROWS}')
    parsed = []
    for r, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != OBSERVATION_SIZE:
            raise RequestError(f"{KEY}[{r}] must be a list of {OBSERVATION_SIZE} numbers")
        parsed.append([_number(value, r, c) for c, value in enumerate(row)])
    return np.asarray(parsed, dtype=np.float32)


def parse_request(raw_data: Any) -> np.ndarray:
    """Validate a whole request body ``{"observations": [...]}``."""
    body = decode_body(raw_data)
    if not isinstance(body, dict) or KEY not in body:
        raise RequestError(f'request must be a JSON object with an "{KEY}" key')
    return to_observations(body[KEY])


def parse_file(raw_data: Any) -> np.ndarray:
    """Batch file content: a list of observations, one observation, or a request object."""
    body = decode_body(raw_data)
    if isinstance(body, dict):
        if KEY not in body:
            raise RequestError(f'a JSON object must have an "{KEY}" key')
        body = body[KEY]
    if isinstance(body, list) and body and not isinstance(body[0], list):
        body = [body]  # a single observation
    return to_observations(body)
