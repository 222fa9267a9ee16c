"""Client of the encrypted endpoint: it owns the keys, encrypts, sends, decrypts (demo-grade).

    python src/encrypted_client.py --scoring-uri https://<endpoint>/score --key <key>
    python src/encrypted_client.py --local-model-dir outputs/model     # no network: score.py here

Steps: fetch the public scaling parameters (``{"public_parameters": true}``), scale the rows of
``deploy/sample-request.json``, make a CKKS context (TenSEAL), encrypt each scaled feature as a
vector holding it once per class, send the ciphertexts with the context's PUBLIC part, decrypt the
returned logits with the secret key and take the argmax. CKKS is approximate: decrypted logits
differ from the plaintext ones by tiny amounts (the tests allow 1e-3), so compare argmaxes.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
import urllib.request
from pathlib import Path
from typing import Any, Callable

import numpy as np

# CKKS parameters: polynomial degree 8192 with a 60/40/60-bit modulus chain allows one rescale,
# exactly what one ciphertext-times-plaintext layer needs; 160 bits of modulus stay within SEAL's
# 128-bit-security limit for that degree (218 bits).
POLY_MODULUS_DEGREE = 8192
COEFF_MOD_BIT_SIZES = [60, 40, 60]
GLOBAL_SCALE = 2**40


def scale_rows(rows: Any, params: dict[str, Any]) -> np.ndarray:
    """Apply the model's StandardScaler (public mean and scale) to plaintext rows."""
    X = np.asarray(rows, dtype=np.float64)
    mean, scale = np.asarray(params["mean"]), np.asarray(params["scale"])
    if X.ndim != 2 or X.shape[1] != len(mean):
        raise ValueError(f"rows must have {len(mean)} features, got shape {X.shape}")
    return (X - mean) / scale


def make_context() -> Any:
    """A fresh CKKS context with its secret key; it never leaves this process."""
    import tenseal as ts

    context = ts.context(
        ts.SCHEME_TYPE.CKKS,
        poly_modulus_degree=POLY_MODULUS_DEGREE,
        coeff_mod_bit_sizes=COEFF_MOD_BIT_SIZES,
    )
    context.global_scale = GLOBAL_SCALE
    return context


def encrypt_request(context: Any, scaled_rows: np.ndarray, n_outputs: int) -> dict[str, Any]:
    """The ``{"encrypted": ...}`` request: the public context and one ciphertext per feature."""
    import tenseal as ts

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    public = context.serialize(
        save_public_key=True, save_secret_key=False, save_galois_keys=False, save_relin_keys=False
    )
    rows = [
        [b64(ts.ckks_vector(context, [float(value)] * n_outputs).serialize()) for value in row]
        for row in np.asarray(scaled_rows, dtype=np.float64)
    ]
    return {"encrypted": {"context": b64(public), "rows": rows}}


def decrypt_reply(context: Any, reply: dict[str, Any]) -> np.ndarray:
    """Decrypt ``encrypted_logits`` with the secret key held by ``context``."""
    import tenseal as ts

    if "error" in reply:
        raise RuntimeError(f"the endpoint refused the request: {reply['error']}")
    blobs = reply["encrypted_logits"]
    return np.array([ts.ckks_vector_from(context, base64.b64decode(b)).decrypt() for b in blobs])


def predict_labels(logits: np.ndarray, classes: list[str]) -> list[str]:
    return [classes[i] for i in np.argmax(np.asarray(logits), axis=1)]


def http_sender(uri: str, key: str, timeout: float = 120.0) -> Callable[[dict], dict]:
    """POST JSON to the endpoint with its key (``az ml online-endpoint get-credentials``)."""

    def send(payload: dict) -> dict:
        request = urllib.request.Request(
            uri,
            data=json.dumps(payload).encode("utf-8"),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))

    return send


def local_sender(model_dir: str) -> Callable[[dict], dict]:
    """Score in this process through score_encrypted.py, exactly as the endpoint would."""
    os.environ["AZUREML_MODEL_DIR"] = str(model_dir)
    import score_encrypted

    score_encrypted.init()
    return lambda payload: score_encrypted.run(json.dumps(payload))


def classify(rows: Any, send: Callable[[dict], dict]) -> dict[str, Any]:
    """The whole round trip: parameters, scale, encrypt, send, decrypt, argmax."""
    params = send({"public_parameters": True})
    if "error" in params:
        raise RuntimeError(f"the endpoint refused the request: {params['error']}")
    context = make_context()
    payload = encrypt_request(context, scale_rows(rows, params), len(params["classes"]))
    logits = decrypt_reply(context, send(payload))
    return {"predictions": predict_labels(logits, params["classes"]), "logits": logits.tolist()}


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description="Score rows through the encrypted endpoint.")
    parser.add_argument("--scoring-uri", help="the endpoint's scoring URI")
    parser.add_argument("--key", default=os.environ.get("ENDPOINT_KEY"),
                        help="endpoint key (default: $ENDPOINT_KEY)")
    parser.add_argument("--local-model-dir", help="score locally from this model folder instead")
    parser.add_argument("--data", default=str(root / "deploy" / "sample-request.json"),
                        help='JSON file with {"data": [[...], ...]}')
    args = parser.parse_args(argv)
    if args.local_model_dir:
        send = local_sender(args.local_model_dir)
    elif args.scoring_uri and args.key:
        send = http_sender(args.scoring_uri, args.key)
    else:
        parser.error("pass --scoring-uri and --key (or $ENDPOINT_KEY), or --local-model-dir")
    rows = json.loads(Path(args.data).read_text(encoding="utf-8"))["data"]
    try:
        print(json.dumps(classify(rows, send), indent=2))
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
