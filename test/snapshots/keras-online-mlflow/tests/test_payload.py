"""payload.py: request validation shared by score.py and batch_score.py; no framework needed."""

from __future__ import annotations

import json

import numpy as np
import pytest

from payload import MAX_BYTES, MAX_ROWS, RequestError, parse_request


def test_nested_images_are_valid():
    # Inline: deploy/sample-request.json exists only for online targets (see test_score.py).
    body = json.dumps({"data": [[[0] * 28] * 28, [[255] * 28] * 28]})
    images = parse_request(body)
    assert images.shape == (2, 28, 28, 1) and images.dtype == np.float32
    assert images.min() == 0 and images.max() == 255


def test_flat_rows_bytes_and_dict_bodies():
    flat = {"data": [[0.0] * 784, [255] * 784]}
    assert parse_request(json.dumps(flat)).shape == (2, 28, 28, 1)
    assert parse_request(json.dumps(flat).encode()).shape == (2, 28, 28, 1)
    assert parse_request(flat).shape == (2, 28, 28, 1)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", "not valid JSON"),
        ("[" * 100_000, "not valid JSON"),
        ("[1, 2]", '"data" key'),
        ('{"rows": []}', '"data" key'),
        ('{"data": []}', "non-empty"),
        ('{"data": "abc"}', "non-empty"),
        (json.dumps({"data": [[1, 2, 3]]}), "28x28 or 784"),
        (json.dumps({"data": [[[0] * 28] * 27]}), "28x28 or 784"),
        (json.dumps({"data": [[0] * 784, [0] * 783]}), "rectangular|only numbers"),
        (json.dumps({"data": [["a"] * 784]}), "only numbers"),
        (json.dumps({"data": [[None] * 784]}), "only numbers"),
        (json.dumps({"data": [[True] * 784]}), "not true/false"),
        (json.dumps({"data": [[300] * 784]}), "0-255"),
        (json.dumps({"data": [[-1] * 784]}), "0-255"),
        ('{"data": [[NaN' + ", 0" * 783 + "]]}", "finite"),
    ],
)
def test_bad_requests_give_clear_errors(body, message):
    with pytest.raises(RequestError, match=message):
        parse_request(body)


def test_limits():
    with pytest.raises(RequestError, match="larger than"):
        parse_request(" " * (MAX_BYTES + 1))
    with pytest.raises(RequestError, match="limit"):
        parse_request({"data": [[0]] * (MAX_ROWS + 1)})
