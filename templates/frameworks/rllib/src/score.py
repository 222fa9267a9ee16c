"""Online scoring entry script for Azure ML managed / Kubernetes endpoints.

Request:  ``{"observations": [[cart_position, cart_velocity, pole_angle, pole_velocity], ...]}``
Response: ``{"actions": [0 | 1, ...], "predictions": [...]}``; ``actions`` is the domain name,
``predictions`` the same list under the key every generated smoke test reads.
Bad input returns ``{"error": "<one line>"}`` (HTTP 400 under the Azure ML inference server).
``run()`` never raises: details of unexpected failures go to the server log, not to the caller.

Loads only the trained ``RLModule`` from the checkpoint (no Ray cluster is started); actions are
greedy (argmax), as a deployed policy should be. MLflow is not needed here.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from model import compute_actions, find_module_dir, load_policy
from payload import RequestError, parse_request

logger = logging.getLogger(__name__)

_module: Any = None


def init() -> None:
    """Load the policy once per worker from below ``AZUREML_MODEL_DIR``."""
    global _module
    root = os.environ.get("AZUREML_MODEL_DIR", ".")
    _module = load_policy(root)
    logger.info("loaded RLModule from %s", find_module_dir(root))


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
    """Score one request; returns actions or an error payload, never raises."""
    try:
        if _module is None:
            return _error("model is not loaded (init() failed or was not called)", 503)
        actions = compute_actions(_module, parse_request(raw_data))
        return {"actions": actions, "predictions": actions}
    except RequestError as exc:
        return _error(str(exc))
    except Exception:  # noqa: BLE001 - the caller must never see a traceback
        logger.exception("scoring failed")
        return _error("internal error while scoring; see the deployment logs", 500)
