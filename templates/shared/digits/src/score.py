"""Online scoring entry script for Azure ML managed / Kubernetes endpoints.

Request:  ``{"data": [image, ...]}``, each image 28x28 (or 784 flat) pixels in 0-255.
Response: ``{"predictions": [digit, ...], "probabilities": [[p0, ..., p9], ...]}``.
Bad input returns ``{"error": "<one line>"}`` (HTTP 400 under the Azure ML inference server).
``run()`` never raises: details of unexpected failures go to the server log, not to the caller.
Loads what ``model.save_artifacts`` wrote (a SavedModel for TensorFlow, ``model.keras`` for
Keras); MLflow is not needed here.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from model import Predictor, find_artifacts_dir, load_artifacts
from payload import RequestError, parse_request

logger = logging.getLogger(__name__)

_predictor: Predictor | None = None


def init() -> None:
    """Load the model once per worker from below ``AZUREML_MODEL_DIR``."""
    global _predictor
    directory = find_artifacts_dir(os.environ.get("AZUREML_MODEL_DIR", "."))
    _predictor = load_artifacts(directory)
    logger.info("loaded model from %s", directory)


def _error(message: str, status: int = 400) -> Any:
    """Build an error reply, with an HTTP status when the inference server allows it.

    Under the Azure ML inference server ``AMLResponse`` carries the status code; elsewhere (tests,
    a plain Python call) the plain dict is returned.
    """
    payload = {"error": message}
    try:
        from azureml.contrib.services.aml_response import AMLResponse
    except ImportError:
        return payload
    return AMLResponse(json.dumps(payload), status)


def run(raw_data: Any) -> Any:
    """Score one request; returns predictions or an error payload, never raises."""
    try:
        if _predictor is None:
            return _error("model is not loaded (init() failed or was not called)", 503)
        images = parse_request(raw_data)
        labels, probabilities = _predictor.predict(images)
        return {
            "predictions": labels,
            "probabilities": [[round(float(p), 6) for p in row] for row in probabilities],
        }
    except RequestError as exc:
        return _error(str(exc))
    except Exception:  # noqa: BLE001 - the caller must never see a traceback
        logger.exception("scoring failed")
        return _error("internal error while scoring; see the deployment logs", 500)
