"""Smoke-test a Triton deployment over the KServe v2 HTTP protocol (``tritonclient[http]``).

    TRITON_TOKEN=<token> python src/triton_client.py --url <scoring_uri> --model <name>

The token comes from ``az ml online-endpoint get-credentials`` (``auth_mode: aml_token``) and is
sent as ``Authorization: Bearer <token>``; it is never printed. The client checks that the server
is live and ready and that the model is ready, reads the model's metadata, sends a float32 batch
of zeros shaped from that metadata, checks the shape of the output it reads, prints one line and
exits 0. Any failure prints one line on stderr and exits 1 (2 for a bad command line).

Which output is read: ``--output`` when given, else the first FP32 output in the metadata. That
is ``output`` (class scores) for PyTorch/TensorFlow/Keras and ``probabilities`` for scikit-learn,
whose other output, ``label``, is a string tensor.

The pure parts (URI parsing, input construction, output checks) need neither tritonclient nor a
server, so the project's tests run them offline.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any
from urllib.parse import urlsplit

import numpy as np

TOKEN_VARIABLE = "TRITON_TOKEN"
NUMPY_TYPES: dict[str, Any] = {
    "FP16": np.float16,
    "FP32": np.float32,
    "FP64": np.float64,
    "INT8": np.int8,
    "INT16": np.int16,
    "INT32": np.int32,
    "INT64": np.int64,
    "UINT8": np.uint8,
    "BOOL": np.bool_,
}


class SmokeTestError(Exception):
    """A check failed; the message is one line for the workflow log."""


def parse_scoring_uri(uri: str) -> tuple[str, bool]:
    """``(url for tritonclient, use SSL)``: the scoring URI without scheme and ``/score``.

    Managed endpoints (``https://<name>.<region>.inference.ml.azure.com/score``) answer the v2
    routes at the host's root; a Kubernetes endpoint behind a path prefix keeps that prefix.
    """
    parts = urlsplit(uri.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) scoring URI: {uri!r}")
    path = parts.path.rstrip("/")
    if path.endswith("/score"):
        path = path[: -len("/score")]
    return parts.netloc + path, parts.scheme == "https"


def concrete_shape(shape: list[int], batch: int) -> list[int]:
    """Replace dynamic dims: the first (batch) by ``batch``, any other by 1."""
    return [batch if (i == 0 and d < 0) else (1 if d < 0 else int(d)) for i, d in enumerate(shape)]


def build_inputs(metadata: dict[str, Any], batch: int = 1) -> dict[str, np.ndarray]:
    """A zero tensor per model input, with the datatype and shape the metadata reports."""
    if not metadata.get("inputs"):
        raise SmokeTestError("the model metadata lists no inputs")
    arrays = {}
    for spec in metadata["inputs"]:
        dtype = NUMPY_TYPES.get(spec["datatype"])
        if dtype is None:
            raise SmokeTestError(f"input {spec['name']} is {spec['datatype']}; numeric only")
        arrays[spec["name"]] = np.zeros(concrete_shape(spec["shape"], batch), dtype=dtype)
    return arrays


def pick_output(metadata: dict[str, Any], name: str | None = None) -> dict[str, Any]:
    """The output to read: ``name`` when given, else the first FP32 output, else the first."""
    outputs = metadata.get("outputs") or []
    if name is not None:
        for spec in outputs:
            if spec["name"] == name:
                return spec
        raise SmokeTestError(f"the model has no output {name!r}")
    if not outputs:
        raise SmokeTestError("the model metadata lists no outputs")
    return next((spec for spec in outputs if spec["datatype"] == "FP32"), outputs[0])


def check_output(array: np.ndarray | None, spec: dict[str, Any], batch: int) -> np.ndarray:
    """Fail unless ``array`` has the metadata's shape (batch first) and finite numbers."""
    if array is None:
        raise SmokeTestError(f"the response has no output {spec['name']}")
    expected = spec["shape"]
    shape = list(array.shape)
    matches = len(shape) == len(expected) and all(
        (want < 0 and (i > 0 or got == batch)) or got == want
        for i, (got, want) in enumerate(zip(shape, expected))
    )
    if not matches:
        raise SmokeTestError(f"output {spec['name']} has shape {shape}; expected {expected}")
    if array.dtype.kind == "f" and not np.all(np.isfinite(array)):
        raise SmokeTestError(f"output {spec['name']} holds NaN or infinity")
    return array


def summary(model: str, inputs: dict[str, np.ndarray], name: str, array: np.ndarray) -> str:
    """The one line printed on success."""
    sent = ", ".join(f"{key}{list(value.shape)}" for key, value in inputs.items())
    line = f"triton ok: model={model} inputs={sent} output={name}{list(array.shape)}"
    if array.ndim == 2 and array.dtype.kind == "f" and array.shape[1] > 0:
        line += f" top_class={int(np.argmax(array[0]))}"
    return line


def redact(text: str, token: str) -> str:
    """Never let the token reach a log, even inside an error message."""
    return text.replace(token, "***") if token else text


def connect(url: str, ssl: bool) -> Any:
    """A tritonclient HTTP client; certificates are verified as in the Azure ML examples."""
    import tritonclient.http as httpclient

    options: dict[str, Any] = {"connection_timeout": 60.0, "network_timeout": 300.0}
    if ssl:
        import gevent.ssl

        factory = getattr(gevent.ssl, "_create_default_https_context", None)
        options.update(ssl=True, ssl_context_factory=factory or gevent.ssl.create_default_context)
    return httpclient.InferenceServerClient(url=url, **options)


def wait_until_ready(client: Any, model: str, headers: dict[str, str], attempts: int) -> None:
    """Server live and ready, then the model ready. A fresh deployment may answer 502 or refuse
    connections for a moment, so errors are retried too; the last one is reported."""
    last = "not ready"
    for attempt in range(attempts):
        try:
            if (
                client.is_server_live(headers=headers)
                and client.is_server_ready(headers=headers)
                and client.is_model_ready(model, headers=headers)
            ):
                return
        except Exception as exc:  # noqa: BLE001 - transport and HTTP errors alike
            last = " ".join(str(exc).split()) or type(exc).__name__
        if attempt + 1 < attempts:
            time.sleep(10)
    raise SmokeTestError(f"server or model {model!r} not ready after {attempts} checks: {last}")


def smoke_test(
    client: Any,
    model: str,
    token: str,
    *,
    output: str | None = None,
    batch: int = 1,
    attempts: int = 12,
    http: Any = None,
) -> str:
    """Health, metadata, one inference, output check; returns the summary line.

    ``http`` is the ``tritonclient.http`` module (tests pass a stand-in).
    """
    if http is None:
        import tritonclient.http as http

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    wait_until_ready(client, model, headers, attempts)
    metadata = client.get_model_metadata(model, headers=headers)
    arrays = build_inputs(metadata, batch)
    inputs = []
    for spec in metadata["inputs"]:
        item = http.InferInput(spec["name"], list(arrays[spec["name"]].shape), spec["datatype"])
        item.set_data_from_numpy(arrays[spec["name"]], binary_data=True)
        inputs.append(item)
    wanted = pick_output(metadata, output)
    requested = [http.InferRequestedOutput(wanted["name"], binary_data=True)]
    result = client.infer(model, inputs, outputs=requested, headers=headers)
    array = check_output(result.as_numpy(wanted["name"]), wanted, batch)
    return summary(model, arrays, wanted["name"], array)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Smoke-test a Triton online deployment.")
    parser.add_argument("--url", required=True, help="the endpoint's scoring_uri")
    parser.add_argument("--model", required=True, help="Triton model name (its folder name)")
    parser.add_argument("--output", default=None, help="output to read; default: first FP32")
    parser.add_argument("--batch", type=int, default=1, help="rows in the zero batch")
    parser.add_argument("--attempts", type=int, default=12, help="readiness checks, 10 s apart")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    token = os.environ.get(TOKEN_VARIABLE, "")
    try:
        url, ssl = parse_scoring_uri(args.url)
    except ValueError as exc:
        print(f"triton client: {exc}", file=sys.stderr)
        return 2
    if not token:
        print(f"triton client: {TOKEN_VARIABLE} is empty; sending no Authorization header",
              file=sys.stderr)
    try:
        client = connect(url, ssl)
        print(smoke_test(client, args.model, token, output=args.output, batch=args.batch,
                         attempts=args.attempts))
        return 0
    except Exception as exc:  # noqa: BLE001 - one line, exit 1, whatever failed
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"triton client: FAILED: {redact(message, token)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
