"""src/triton_client.py offline: URI parsing, inputs built from metadata, output checks, and the
whole smoke test against a fake server (the token is sent, never printed).
tests/test_triton_export.py checks the client against this project's own ONNX export.
"""

from __future__ import annotations

import sys
import types
import numpy as np
import pytest

import triton_client as client

MANAGED = "ep.westeurope.inference.ml.azure.com"
K8S = "10.0.0.4:8080/api/v1/endpoint/ep"
TOKEN = "s3cret-token-value"
IMAGE_METADATA = {
    "name": "m",
    "inputs": [{"name": "input", "datatype": "FP32", "shape": [-1, 3, 8, 8]}],
    "outputs": [{"name": "output", "datatype": "FP32", "shape": [-1, 2]}],
}
TABULAR_METADATA = {
    "name": "m",
    "inputs": [{"name": "input", "datatype": "FP32", "shape": [-1, 4]}],
    "outputs": [
        {"name": "label", "datatype": "BYTES", "shape": [-1]},
        {"name": "probabilities", "datatype": "FP32", "shape": [-1, 3]},
    ],
}


# --------------------------------------------------------------------------- pure parts


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        (f"https://{MANAGED}/score", (MANAGED, True)),
        (f"https://{MANAGED}/", (MANAGED, True)),
        # Kubernetes endpoints may route by path: the prefix before /score stays.
        (f"http://{K8S}/score", (K8S, False)),
    ],
)
def test_scoring_uri_becomes_host_without_scheme_and_score(uri, expected):
    assert client.parse_scoring_uri(uri) == expected


@pytest.mark.parametrize("uri", ["ep.inference.ml.azure.com/score", "ftp://host/score", "https://"])
def test_bad_scoring_uri_is_refused(uri):
    with pytest.raises(ValueError):
        client.parse_scoring_uri(uri)


def test_inputs_follow_the_metadata():
    arrays = client.build_inputs(IMAGE_METADATA, batch=2)
    assert list(arrays) == ["input"]
    assert arrays["input"].shape == (2, 3, 8, 8) and arrays["input"].dtype == np.float32
    assert client.concrete_shape([-1, 4, -1], 3) == [3, 4, 1]


def test_non_numeric_input_is_refused():
    metadata = {"inputs": [{"name": "text", "datatype": "BYTES", "shape": [-1]}]}
    with pytest.raises(client.SmokeTestError, match="BYTES"):
        client.build_inputs(metadata)


def test_reads_the_first_fp32_output_unless_told():
    assert client.pick_output(TABULAR_METADATA)["name"] == "probabilities"
    assert client.pick_output(TABULAR_METADATA, "label")["name"] == "label"
    with pytest.raises(client.SmokeTestError, match="no output"):
        client.pick_output(TABULAR_METADATA, "scores")


@pytest.mark.parametrize(
    ("shape", "ok"),
    [((1, 2), True), ((2, 2), False), ((1, 3), False), ((1, 2, 1), False), ((2,), False)],
)
def test_output_shape_is_checked(shape, ok):
    spec = IMAGE_METADATA["outputs"][0]
    array = np.zeros(shape, dtype=np.float32)
    if ok:
        assert client.check_output(array, spec, batch=1) is array
    else:
        with pytest.raises(client.SmokeTestError, match="shape"):
            client.check_output(array, spec, batch=1)


def test_nan_output_and_missing_output_fail():
    spec = IMAGE_METADATA["outputs"][0]
    with pytest.raises(client.SmokeTestError, match="NaN"):
        client.check_output(np.full((1, 2), np.nan, dtype=np.float32), spec, batch=1)
    with pytest.raises(client.SmokeTestError, match="no output"):
        client.check_output(None, spec, batch=1)


# --------------------------------------------------------------------------- against a fake server


class FakeInferInput:
    def __init__(self, name, shape, datatype):
        self.name, self.shape, self.datatype = name, shape, datatype

    def set_data_from_numpy(self, array, binary_data=True):
        assert list(array.shape) == self.shape
        self.array = array


class FakeRequestedOutput:
    def __init__(self, name, binary_data=True):
        self.name = name


class FakeServer:
    """Answers like Triton: health, metadata, then ``answer(inputs)`` for an inference."""

    def __init__(self, metadata, answer, ready=True):
        self.metadata, self.answer, self.ready = metadata, answer, ready
        self.headers: list[dict] = []
        self.sent: dict[str, np.ndarray] = {}

    def _seen(self, headers):
        self.headers.append(headers)
        return self.ready

    def is_server_live(self, headers=None):
        return self._seen(headers)

    def is_server_ready(self, headers=None):
        return self._seen(headers)

    def is_model_ready(self, model, headers=None):
        return self._seen(headers)

    def get_model_metadata(self, model, headers=None):
        self._seen(headers)
        return self.metadata

    def infer(self, model, inputs, outputs=None, headers=None):
        self._seen(headers)
        self.sent = {item.name: item.array for item in inputs}
        arrays = self.answer(self.sent)
        return types.SimpleNamespace(as_numpy=arrays.get)


FAKE_HTTP = types.SimpleNamespace(
    InferInput=FakeInferInput, InferRequestedOutput=FakeRequestedOutput
)


def test_smoke_test_sends_the_token_and_checks_the_answer():
    server = FakeServer(IMAGE_METADATA, lambda sent: {"output": np.ones((1, 2), np.float32)})
    line = client.smoke_test(server, "m", TOKEN, attempts=1, http=FAKE_HTTP)
    assert line.startswith("triton ok: model=m inputs=input[1, 3, 8, 8] output=output[1, 2]")
    assert server.sent["input"].shape == (1, 3, 8, 8)
    assert server.headers and all(h == {"Authorization": f"Bearer {TOKEN}"} for h in server.headers)
    assert TOKEN not in line


def test_smoke_test_fails_on_a_wrong_answer_or_a_model_not_ready():
    wrong = FakeServer(IMAGE_METADATA, lambda sent: {"output": np.ones((1, 5), np.float32)})
    with pytest.raises(client.SmokeTestError, match="shape"):
        client.smoke_test(wrong, "m", TOKEN, attempts=1, http=FAKE_HTTP)
    down = FakeServer(IMAGE_METADATA, lambda sent: {}, ready=False)
    with pytest.raises(client.SmokeTestError, match="not ready"):
        client.smoke_test(down, "m", TOKEN, attempts=1, http=FAKE_HTTP)


def test_readiness_errors_are_retried_then_reported(monkeypatch):
    server = FakeServer(IMAGE_METADATA, lambda sent: {"output": np.ones((1, 2), np.float32)})
    calls = []

    def flaky(headers=None):
        calls.append(headers)
        if len(calls) == 1:
            raise ConnectionError("502 Bad Gateway")
        return True

    server.is_server_live = flaky
    monkeypatch.setattr(client.time, "sleep", lambda seconds: None)
    assert client.smoke_test(server, "m", TOKEN, attempts=2, http=FAKE_HTTP).startswith("triton ok")
    calls.clear()
    with pytest.raises(client.SmokeTestError, match="after 1 checks: 502 Bad Gateway"):
        client.smoke_test(server, "m", TOKEN, attempts=1, http=FAKE_HTTP)


def _install_fake_tritonclient(monkeypatch, server, seen):
    package = types.ModuleType("tritonclient")
    http = types.ModuleType("tritonclient.http")
    http.InferInput, http.InferRequestedOutput = FakeInferInput, FakeRequestedOutput
    package.http = http
    monkeypatch.setitem(sys.modules, "tritonclient", package)
    monkeypatch.setitem(sys.modules, "tritonclient.http", http)
    monkeypatch.setattr(client, "connect", lambda url, ssl: seen.append((url, ssl)) or server)


def test_main_prints_one_line_and_never_the_token(monkeypatch, capsys):
    seen: list = []
    server = FakeServer(TABULAR_METADATA, lambda sent: {"probabilities": np.ones((1, 3), "f4")})
    _install_fake_tritonclient(monkeypatch, server, seen)
    monkeypatch.setenv("TRITON_TOKEN", TOKEN)
    url = f"https://{MANAGED}/score"
    assert client.main(["--url", url, "--model", "m", "--attempts", "1"]) == 0
    out, err = capsys.readouterr()
    assert seen == [(MANAGED, True)]
    assert out.count("\n") == 1 and "output=probabilities[1, 3]" in out
    assert TOKEN not in out + err


def test_main_fails_with_exit_1_and_redacts_the_token(monkeypatch, capsys):
    def leak(sent):
        raise RuntimeError(f"401 Unauthorized for Bearer {TOKEN}")

    _install_fake_tritonclient(monkeypatch, FakeServer(IMAGE_METADATA, leak), [])
    monkeypatch.setenv("TRITON_TOKEN", TOKEN)
    url = f"https://{MANAGED}/score"
    assert client.main(["--url", url, "--model", "m", "--attempts", "1"]) == 1
    out, err = capsys.readouterr()
    assert "FAILED" in err and "***" in err and err.count("\n") == 1
    assert TOKEN not in out + err


def test_main_rejects_a_bad_url_with_exit_2(monkeypatch, capsys):
    monkeypatch.setenv("TRITON_TOKEN", TOKEN)
    assert client.main(["--url", "not-a-uri", "--model", "m"]) == 2
    assert TOKEN not in capsys.readouterr().err
