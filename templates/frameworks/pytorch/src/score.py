"""Online scoring (managed or Kubernetes endpoint): ``init()`` once, ``run(raw_data)`` per call.

Request bodies (exactly one key):
- ``{"image": "<base64 PNG/JPEG>"}``
- ``{"images": ["<base64>", ...]}`` (at most ``MAX_IMAGES``)
- ``{"data": [...]}``: an already normalised float tensor shaped ``[N, 3, H, W]`` or ``[3, H, W]``
  (the same input the ONNX/Triton model takes).

Response: ``{"predictions": [class names], "probabilities": [[per class], ...]}`` or
``{"error": "<one line>"}``. ``run`` never raises and never returns a traceback.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import logging
import os
from typing import Any

import numpy as np
import torch

from data import eval_transform, open_rgb
from model import find_artifacts_dir, load_artifacts, predict_proba

try:  # present in the Azure ML inference images; lets errors carry an HTTP status
    from azureml.contrib.services.aml_response import AMLResponse
except ImportError:  # pragma: no cover - depends on the serving environment
    AMLResponse = None

MAX_REQUEST_CHARS = 8 * 1024 * 1024  # base64 images and float tensors are bulky; 1 MB is too small
MAX_IMAGES = 64
MAX_PIXELS = 4096 * 4096  # refuse to decode images that would exhaust worker memory
IMAGE_FORMATS = ("PNG", "JPEG")
PAYLOAD_KEYS = ("image", "images", "data")

logger = logging.getLogger(__name__)
_state: dict[str, Any] = {}


class BadRequest(ValueError):
    """The client's fault: reported as a 400 with a one-line message."""


def init() -> None:
    """Load the weights saved by ``model.save_artifacts`` from below ``AZUREML_MODEL_DIR``.

    The registered folder name is inserted into that path, so the artifacts are searched for.
    """
    root = os.environ.get("AZUREML_MODEL_DIR")
    if not root:
        raise RuntimeError("AZUREML_MODEL_DIR is not set")
    artifacts = load_artifacts(find_artifacts_dir(root))
    _state["artifacts"] = artifacts
    _state["transform"] = eval_transform(artifacts.image_size)
    logger.info("loaded %d classes from %s", len(artifacts.classes), root)


def run(raw_data: Any) -> Any:
    """Score one request; bad input yields ``{"error": ...}`` (HTTP 400 when served by Azure ML)."""
    try:
        if "artifacts" not in _state:
            return _error("model is not loaded; init() has not run", 500)
        return _predict(_parse_request(raw_data))
    except BadRequest as exc:
        return _error(str(exc), 400)
    except Exception:  # the endpoint must answer, the log keeps the details
        logger.exception("scoring failed")
        return _error("internal error while scoring", 500)


def _error(message: str, status: int) -> Any:
    payload = {"error": " ".join(message.split())}
    if AMLResponse is not None:
        return AMLResponse(payload, status, json_str=True)
    return payload


def _parse_request(raw_data: Any) -> torch.Tensor:
    """Validate the body and turn it into a normalised ``[N, 3, H, W]`` batch."""
    payload = _load_json(raw_data)
    present = [key for key in PAYLOAD_KEYS if key in payload]
    if len(present) != 1:
        raise BadRequest("request must contain exactly one of 'image', 'images' or 'data'")
    key = present[0]
    if key == "image":
        return torch.stack([_decode_image(payload["image"], 0)])
    if key == "images":
        return _decode_images(payload["images"])
    return _tensor_from_data(payload["data"])


def _load_json(raw_data: Any) -> dict[str, Any]:
    if isinstance(raw_data, (bytes, bytearray)):
        if len(raw_data) > MAX_REQUEST_CHARS:
            raise BadRequest(f"request larger than {MAX_REQUEST_CHARS} bytes")
        try:
            raw_data = bytes(raw_data).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadRequest("request body is not UTF-8 text") from exc
    if not isinstance(raw_data, str):
        raise BadRequest("request body must be a JSON string")
    if len(raw_data) > MAX_REQUEST_CHARS:
        raise BadRequest(f"request larger than {MAX_REQUEST_CHARS} bytes")
    try:
        payload = json.loads(raw_data)
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        raise BadRequest("request body is not valid JSON") from exc
    if not isinstance(payload, dict):
        raise BadRequest("request must be a JSON object")
    return payload


def _decode_images(items: Any) -> torch.Tensor:
    if not isinstance(items, list) or not items:
        raise BadRequest("'images' must be a non-empty list of base64 strings")
    if len(items) > MAX_IMAGES:
        raise BadRequest(f"at most {MAX_IMAGES} images per request, got {len(items)}")
    return torch.stack([_decode_image(item, index) for index, item in enumerate(items)])


def _decode_image(item: Any, index: int) -> torch.Tensor:
    """base64 → PNG/JPEG → RGB → the evaluation transform used during validation."""
    if not isinstance(item, str) or not item:
        raise BadRequest(f"image {index}: expected a non-empty base64 string")
    text = item.split(",", 1)[1] if item.startswith("data:") and "," in item else item
    try:
        blob = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadRequest(f"image {index}: invalid base64") from exc
    try:
        image = open_rgb(io.BytesIO(blob), formats=IMAGE_FORMATS, max_pixels=MAX_PIXELS)
    except Exception as exc:  # PIL raises many types for corrupt input
        raise BadRequest(f"image {index}: not a readable PNG or JPEG image") from exc
    return _state["transform"](image)


def _tensor_from_data(data: Any) -> torch.Tensor:
    size = _state["artifacts"].image_size
    expected = f"[N, 3, {size}, {size}] or [3, {size}, {size}]"
    try:
        array = np.asarray(data, dtype=np.float32)
    except (TypeError, ValueError) as exc:
        raise BadRequest(f"'data' must be a numeric array shaped {expected}") from exc
    if array.ndim == 3:
        array = array[np.newaxis]
    if array.ndim != 4 or array.shape[1:] != (3, size, size):
        raise BadRequest(f"'data' must be shaped {expected}, got {list(array.shape)}")
    if not 1 <= array.shape[0] <= MAX_IMAGES:
        raise BadRequest(f"'data' must hold 1 to {MAX_IMAGES} images, got {array.shape[0]}")
    if not np.isfinite(array).all():
        raise BadRequest("'data' contains NaN or infinite values")
    return torch.from_numpy(array)


def _predict(batch: torch.Tensor) -> dict[str, list]:
    artifacts = _state["artifacts"]
    probabilities = predict_proba(artifacts.model, batch)
    labels = [artifacts.classes[index] for index in probabilities.argmax(dim=1).tolist()]
    return {"predictions": labels, "probabilities": probabilities.tolist()}
