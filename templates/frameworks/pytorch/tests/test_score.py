"""Online scoring exactly as the endpoint runs it: AZUREML_MODEL_DIR, init(), run(json)."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import score
from conftest import CLASSES, IMAGE_SIZE


@pytest.fixture
def scorer(model_env: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(score, "AMLResponse", None)  # plain dicts, even where azureml is installed
    score.init()
    return score


@pytest.fixture
def sample_request(project_dir: Path) -> str:
    return (project_dir / "deploy" / "sample-request.json").read_text(encoding="utf-8")


def _assert_prediction(result: dict, count: int) -> None:
    assert set(result) == {"predictions", "probabilities"}
    assert len(result["predictions"]) == count
    assert all(label in CLASSES for label in result["predictions"])
    for row in result["probabilities"]:
        assert len(row) == len(CLASSES)
        assert sum(row) == pytest.approx(1.0, abs=1e-4)
    json.dumps(result)


def test_sample_request_from_disk(scorer, sample_request: str) -> None:
    _assert_prediction(scorer.run(sample_request), 1)


def test_several_images_and_data_url(scorer, sample_request: str) -> None:
    image = json.loads(sample_request)["image"]
    body = {"images": [image, "data:image/png;base64," + image]}
    _assert_prediction(scorer.run(json.dumps(body)), 2)


def test_jpeg_is_accepted(scorer) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 100, 50)).save(buffer, format="JPEG")
    body = {"image": base64.b64encode(buffer.getvalue()).decode()}
    _assert_prediction(scorer.run(json.dumps(body)), 1)


@pytest.mark.parametrize("shape", [(3, IMAGE_SIZE, IMAGE_SIZE), (2, 3, IMAGE_SIZE, IMAGE_SIZE)])
def test_tensor_payload(scorer, shape) -> None:
    data = np.random.default_rng(0).normal(size=shape).round(3).tolist()
    result = scorer.run(json.dumps({"data": data}))
    _assert_prediction(result, 1 if len(shape) == 3 else 2)


def _b64(blob: bytes) -> str:
    return base64.b64encode(blob).decode()


def _gif() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="GIF")
    return _b64(buffer.getvalue())


MALFORMED = {
    "not json": "this is not json",
    "json list": "[1, 2, 3]",
    "no known key": json.dumps({"inputs": [1]}),
    "two keys": json.dumps({"image": "aGk=", "data": [1]}),
    "image not a string": json.dumps({"image": 5}),
    "empty image": json.dumps({"image": ""}),
    "bad base64": json.dumps({"image": "%%% not base64 %%%"}),
    "base64 but not an image": json.dumps({"image": _b64(b"hello, world")}),
    "gif refused": json.dumps({"image": _gif()}),
    "images not a list": json.dumps({"images": "aGk="}),
    "images empty": json.dumps({"images": []}),
    "too many images": json.dumps({"images": ["aGk="] * (score.MAX_IMAGES + 1)}),
    "ragged tensor": json.dumps({"data": [[1.0, 2.0], [3.0]]}),
    "wrong tensor shape": json.dumps({"data": np.zeros((1, 3, 8, 8)).tolist()}),
    "tensor of strings": json.dumps({"data": [["a"]]}),
    "tensor with NaN": '{"data": '
    + json.dumps(np.zeros((3, IMAGE_SIZE, IMAGE_SIZE)).tolist()).replace("0.0", "NaN", 1)
    + "}",
    "too large": json.dumps({"image": "A" * (score.MAX_REQUEST_CHARS + 1)}),
    "not text": None,
    "binary body": b"\xff\xfe\x00",
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_requests_get_one_line_errors(scorer, body) -> None:
    result = scorer.run(body)
    assert isinstance(result, dict) and set(result) == {"error"}
    message = result["error"]
    assert isinstance(message, str) and message
    assert "\n" not in message and "Traceback" not in message


def test_deeply_nested_json_is_bad_input_not_an_internal_error(scorer) -> None:
    result = scorer.run("[" * 100_000 + "]" * 100_000)
    assert result == {"error": "request body is not valid JSON"}


def test_bytes_body_is_accepted(scorer, sample_request: str) -> None:
    _assert_prediction(scorer.run(sample_request.encode("utf-8")), 1)


def test_run_before_init_is_an_error(monkeypatch: pytest.MonkeyPatch, sample_request: str) -> None:
    monkeypatch.setattr(score, "_state", {})
    assert "error" in score.run(sample_request)


def test_init_needs_model_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AZUREML_MODEL_DIR", raising=False)
    with pytest.raises(RuntimeError, match="AZUREML_MODEL_DIR"):
        score.init()


class _FakeResponse:
    def __init__(self, message, status_code, json_str=False):
        self.message, self.status_code, self.json_str = message, status_code, json_str


def test_errors_carry_http_400_when_served_by_azure_ml(
    scorer, monkeypatch: pytest.MonkeyPatch, sample_request: str
) -> None:
    monkeypatch.setattr(score, "AMLResponse", _FakeResponse)
    response = scorer.run("{broken")
    assert isinstance(response, _FakeResponse)
    assert response.status_code == 400 and response.json_str
    assert set(response.message) == {"error"}
    _assert_prediction(scorer.run(sample_request), 1)  # successes stay plain dicts
