"""Scoring script of the deployment when encrypted inference is on (demonstration-grade).

It answers three kinds of request:

- ``{"data": [[...], ...]}``: plaintext, handed unchanged to ``score.run`` (same contract, same
  limits, same errors);
- ``{"public_parameters": true}``: the scaler's mean and scale, the feature names and classes,
  which a client needs to prepare its rows (they are part of the model, not secret);
- ``{"encrypted": {"context": <b64>, "rows": [[<b64 per feature>, ...], ...]}}``: CKKS
  ciphertexts (TenSEAL) of the client's SCALED features, one ciphertext per feature holding that
  value repeated once per class. The server computes ``logits = sum_i x_i * W[i] + b`` with the
  logistic regression's weights: ciphertext-times-plaintext products and additions only, so no
  relinearisation or Galois (rotation) keys are needed, and the context the client sends is just
  parameters plus a public key. It returns ``{"encrypted_logits": [<b64>, ...], "classes": [...]}``;
  only the client, holding the secret key, can decrypt them. The server never sees the features,
  the logits or the predicted class.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from typing import Any, NamedTuple

import numpy as np

import score

MAX_ENCRYPTED_BYTES = 16_000_000  # a context plus a few ciphertexts is a few MB (see README)
MAX_ENCRYPTED_ROWS = 8

logger = logging.getLogger(__name__)


class LinearLayer(NamedTuple):
    """What the server evaluates: ``(x - mean) / scale`` on the client, then ``x @ W + b``."""

    features: list[str]
    classes: list[str]
    mean: np.ndarray  # (n_features,)
    scale: np.ndarray  # (n_features,)
    weights: np.ndarray  # (n_features, n_outputs)
    bias: np.ndarray  # (n_outputs,)


_layer: LinearLayer | None = None


def linear_layer(pipeline: Any, meta: dict[str, Any]) -> LinearLayer:
    """Split a ``scaler -> linear classifier`` pipeline into public scaling and a linear layer.

    A binary logistic regression has one weight row (the score of the second class); it becomes
    two outputs ``[0, z]`` so that the argmax still names the class.
    """
    steps = getattr(pipeline, "steps", None)
    if not steps or len(steps) != 2:
        raise TypeError("encrypted inference needs a two-step pipeline: scaler -> classifier")
    scaler, classifier = steps[0][1], steps[1][1]
    if not hasattr(classifier, "coef_") or not hasattr(classifier, "intercept_"):
        raise TypeError(f"{type(classifier).__name__} is not linear (no coef_/intercept_)")
    coef = np.atleast_2d(np.asarray(classifier.coef_, dtype=np.float64))
    intercept = np.ravel(np.asarray(classifier.intercept_, dtype=np.float64))
    n_features = coef.shape[1]
    if coef.shape[0] == 1:
        coef, intercept = np.vstack([np.zeros(n_features), coef]), np.array([0.0, intercept[0]])
    mean = getattr(scaler, "mean_", None)
    scale = getattr(scaler, "scale_", None)
    return LinearLayer(
        features=[str(f) for f in meta["features"]],
        classes=[str(c) for c in meta["classes"]],
        mean=np.zeros(n_features) if mean is None else np.asarray(mean, dtype=np.float64),
        scale=np.ones(n_features) if scale is None else np.asarray(scale, dtype=np.float64),
        weights=coef.T.copy(),
        bias=intercept,
    )


def plain_logits(layer: LinearLayer, scaled_rows: np.ndarray) -> np.ndarray:
    """The same computation in plaintext (for tests and for comparing with decrypted logits)."""
    return np.asarray(scaled_rows, dtype=np.float64) @ layer.weights + layer.bias


def public_parameters(layer: LinearLayer) -> dict[str, Any]:
    return {
        "features": layer.features,
        "classes": layer.classes,
        "mean": layer.mean.tolist(),
        "scale": layer.scale.tolist(),
    }


def _b64(text: Any, where: str) -> bytes:
    if not isinstance(text, str) or not text:
        raise score.RequestError(f"{where} must be a non-empty base64 string")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise score.RequestError(f"{where} is not valid base64") from None


def parse_encrypted(body: Any, n_features: int) -> tuple[bytes, list[list[bytes]]]:
    """Validate the ``encrypted`` object; return the context bytes and per-row ciphertexts."""
    request = body.get("encrypted") if isinstance(body, dict) else None
    if not isinstance(request, dict):
        raise score.RequestError('"encrypted" must be an object with "context" and "rows"')
    context = _b64(request.get("context"), '"encrypted.context"')
    rows = request.get("rows")
    if not isinstance(rows, list) or not rows:
        raise score.RequestError('"encrypted.rows" must be a non-empty list')
    if len(rows) > MAX_ENCRYPTED_ROWS:
        raise score.RequestError(f'"encrypted.rows" has {len(rows)} rows; the limit is '
                                 f"{MAX_ENCRYPTED_ROWS}")
    parsed = []
    for r, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != n_features:
            raise score.RequestError(f"encrypted.rows[{r}] must hold {n_features} ciphertexts")
        parsed.append([_b64(c, f"encrypted.rows[{r}][{i}]") for i, c in enumerate(row)])
    return context, parsed


def evaluate_encrypted(layer: LinearLayer, context: bytes, rows: list[list[bytes]]) -> list[str]:
    """``sum_i x_i * W[i] + b`` on ciphertexts; returns the encrypted logits, base64 encoded."""
    import tenseal as ts

    try:
        ctx = ts.context_from(context)
    except Exception:  # noqa: BLE001 - any parse failure is the caller's malformed input
        raise score.RequestError("encrypted.context is not a TenSEAL context") from None
    if ctx.has_secret_key():
        raise score.RequestError("encrypted.context holds the SECRET key; send a public context")
    n_outputs = layer.weights.shape[1]
    results = []
    for r, row in enumerate(rows):
        total = None
        for i, blob in enumerate(row):
            try:
                vector = ts.ckks_vector_from(ctx, blob)
            except Exception:  # noqa: BLE001
                raise score.RequestError(f"encrypted.rows[{r}][{i}] is not a CKKS vector") from None
            if vector.size() != n_outputs:
                raise score.RequestError(f"encrypted.rows[{r}][{i}] must hold {n_outputs} slots "
                                         "(the feature value once per class)")
            if not layer.weights[i].any():
                continue  # SEAL refuses a product with an all-zero plaintext; it adds nothing
            term = vector * layer.weights[i].tolist()
            total = term if total is None else total + term
        if total is None:
            raise ValueError("every weight of the model is zero; nothing to evaluate")
        total = total + layer.bias.tolist()
        results.append(base64.b64encode(total.serialize()).decode("ascii"))
    return results


def init() -> None:
    """Load the model through score.py, then take its linear layer apart."""
    global _layer
    score.init()
    _layer = linear_layer(score._model, score._meta)
    logger.info("encrypted scoring ready: %d features, %d outputs", *_layer.weights.shape)


def _decode(raw_data: Any) -> Any:
    if isinstance(raw_data, dict):
        return raw_data
    size = len(raw_data) if isinstance(raw_data, (bytes, bytearray, str)) else 0
    if size > MAX_ENCRYPTED_BYTES:
        raise score.RequestError(f"request body is larger than {MAX_ENCRYPTED_BYTES} bytes")
    try:
        return json.loads(raw_data)
    except (TypeError, ValueError):
        raise score.RequestError("request body is not valid JSON") from None


def run(raw_data: Any) -> Any:
    """Encrypted or public-parameter requests here; everything else goes to ``score.run``."""
    try:
        body = _decode(raw_data)
        if not isinstance(body, dict) or not ({"encrypted", "public_parameters"} & set(body)):
            return score.run(raw_data)
        if _layer is None:
            return score._error("model is not loaded (init() failed or was not called)", 503)
        if "public_parameters" in body:
            return public_parameters(_layer)
        context, rows = parse_encrypted(body, len(_layer.features))
        return {"encrypted_logits": evaluate_encrypted(_layer, context, rows),
                "classes": _layer.classes}
    except score.RequestError as exc:
        return score._error(str(exc))
    except Exception:  # noqa: BLE001 - the caller must never see a traceback
        logger.exception("encrypted scoring failed")
        return score._error("internal error while scoring; see the deployment logs", 500)
