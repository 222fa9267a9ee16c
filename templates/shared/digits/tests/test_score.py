"""score.py, the online endpoint's entry script, on ``deploy/sample-request.json``.

Generated only for online and Kubernetes targets with script serving, together with ``score.py``
and the sample request. The round trip needs the framework (skipped where it is not installed).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from payload import parse_request


@pytest.fixture(scope="module")
def sample_request(project_root: Path) -> str:
    """The body the smoke test and the workflow send to the endpoint."""
    return (project_root / "deploy" / "sample-request.json").read_text(encoding="utf-8")


def test_sample_request_is_valid(sample_request):
    images = parse_request(sample_request)
    assert images.shape == (2, 28, 28, 1) and images.dtype == np.float32
    assert images.min() >= 0 and images.max() <= 255


def test_score_without_init_returns_an_error(fresh_module, sample_request):
    score = fresh_module("score")
    assert "error" in score.run(sample_request)


def test_score_round_trip(model_dir, fresh_module, sample_request):
    score = fresh_module("score")
    score.init()
    result = score.run(sample_request)
    assert set(result) == {"predictions", "probabilities"}
    assert len(result["predictions"]) == 2
    assert all(label in range(10) for label in result["predictions"])
    assert np.allclose(np.sum(result["probabilities"], axis=1), 1.0, atol=1e-4)
    json.dumps(result)  # JSON-serialisable, as the inference server needs


def test_score_malformed_request_is_an_error_payload(model_dir, fresh_module):
    score = fresh_module("score")
    score.init()
    assert "error" in score.run('{"data": [[1, 2, 3]]}')
    assert "error" in score.run("not json")
