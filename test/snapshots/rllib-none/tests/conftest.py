"""Shared fixtures: put ``src/`` on the path; train a tiny policy once for the Ray tests.

``pyproject.toml`` may already set ``pythonpath = ["src"]``; the explicit insert below keeps the
tests working when pytest runs without it (e.g. ``pytest tests/`` from another folder).
Nothing is imported from Ray at collection time: the fixtures that need it call
``pytest.importorskip``, so the tests using them skip (with the reason) where it is missing.
Files below ``deploy/`` exist only for some targets, so the tests that read them live in
``test_score.py`` / ``test_batch_score.py``, which are generated only together with those files.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SRC = PROJECT_ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

MODEL_NAME = "cartpole-ppo"


def require_rllib() -> Any:
    """Import Ray with RLlib or skip the calling test, naming the missing package."""
    ray = pytest.importorskip(
        "ray", reason="ray is not installed here; the project's CI installs ray[rllib]"
    )
    pytest.importorskip(
        "ray.rllib", reason="ray[rllib] is not installed here; the project's CI installs it"
    )
    return ray


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The generated project's root (holds ``deploy/``)."""
    return PROJECT_ROOT


@pytest.fixture
def fresh_module():
    """Import a module anew so its globals (the loaded policy) never leak between tests."""
    return lambda name: importlib.reload(importlib.import_module(name))


@pytest.fixture(scope="session")
def training(tmp_path_factory):
    """One PPO iteration with a tiny batch and no remote env runners: seconds, not minutes.

    Returns ``(summary, calls seen by the iteration callback)``.
    """
    ray = require_rllib()
    from model import make_config, train

    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True)
    try:
        seen: list = []
        config = make_config(num_env_runners=0, lr=3e-4, train_batch_size=256, seed=0)
        target = tmp_path_factory.mktemp("outputs") / "checkpoint"
        summary = train(config, 1, lambda *call: seen.append(call), checkpoint_dir=target)
    finally:
        ray.shutdown()
    return summary, seen


@pytest.fixture(scope="session")
def checkpoint(training) -> Path:
    """The checkpoint folder written by ``model.train`` (what train.py copies to the output)."""
    return training[0].checkpoint


@pytest.fixture
def model_dir(tmp_path, monkeypatch, checkpoint) -> Path:
    """Copy like train.py into ``azureml-models/<name>/1/model/``; point AZUREML_MODEL_DIR at it."""
    from model import copy_checkpoint

    version_dir = tmp_path / "azureml-models" / MODEL_NAME / "1"
    copy_checkpoint(checkpoint, version_dir / "model")
    monkeypatch.setenv("AZUREML_MODEL_DIR", str(version_dir))
    return version_dir
