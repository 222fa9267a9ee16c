"""payload.py: request and batch-file validation shared by both scoring scripts. No Ray."""

from __future__ import annotations

import json

import numpy as np
import pytest

from payload import MAX_BYTES, MAX_ROWS, RequestError, parse_file, parse_request


def test_a_request_of_two_observations_is_valid():
    # Inline: deploy/sample-request.json exists only for online targets (see test_score.py).
    observations = parse_request('{"observations": [[0.02, 0.01, -0.03, 0.04], [0, 0, 0, 0]]}')
    assert observations.shape == (2, 4) and observations.dtype == np.float32


def test_bytes_and_dict_bodies():
    body = {"observations": [[0, 0.5, -0.1, 1e-3]]}
    assert parse_request(json.dumps(body).encode()).shape == (1, 4)
    assert parse_request(body).shape == (1, 4)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", "not valid JSON"),
        ("[" * 100_000, "not valid JSON"),
        ("[[0, 0, 0, 0]]", '"observations" key'),
        ('{"data": [[0, 0, 0, 0]]}', '"observations" key'),
        ('{"observations": []}', "non-empty"),
        ('{"observations": [0, 0, 0, 0]}', "list of 4 numbers"),
        ('{"observations": [[0, 0, 0]]}', "list of 4 numbers"),
        ('{"observations": [[0, 0, 0, "a"]]}', "must be a number"),
        ('{"observations": [[0, 0, 0, true]]}', "must be a number"),
        ('{"observations": [[0, 0, 0, NaN]]}', "finite"),
        ('{"observations": [[0, 0, 0, 1e999]]}', "finite"),
    ],
)
def test_bad_requests_give_clear_errors(body, message):
    with pytest.raises(RequestError, match=message):
        parse_request(body)


def test_limits():
    with pytest.raises(RequestError, match="larger than"):
        parse_request(" " * (MAX_BYTES + 1))
    with pytest.raises(RequestError, match="limit"):
        parse_request({"observations": [[0, 0, 0, 0]] * (MAX_ROWS + 1)})


def test_batch_files_accept_three_shapes():
    assert parse_file("[[0, 0, 0, 0], [1, 1, 1, 1]]").shape == (2, 4)
    assert parse_file("[0, 0, 0, 0]").shape == (1, 4)
    assert parse_file('{"observations": [[0, 0, 0, 0]]}').shape == (1, 4)
    with pytest.raises(RequestError, match="observations"):
        parse_file('{"rows": []}')
