"""score.py, the online endpoint's entry script, on ``deploy/sample-request.json``.

Generated only for online and Kubernetes targets with script serving, together with ``score.py``
and the sample request. The round trip needs Ray RLlib (skipped where it is not installed).
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
    observations = parse_request(sample_request)
    assert observations.shape == (2, 4) and observations.dtype == np.float32


def test_score_without_a_model_returns_an_error(fresh_module, sample_request):
    score = fresh_module("score")
    assert "error" in score.run(sample_request)


def test_score_round_trip(model_dir, fresh_module, sample_request):
    score = fresh_module("score")
    score.init()
    result = score.run(sample_request)
    assert set(result) == {"actions", "predictions"}
    assert len(result["actions"]) == 2 and set(result["actions"]) <= {0, 1}
    json.dumps(result)
    assert "error" in score.run('{"observations": [[1, 2, 3]]}')
