"""Shared fixtures: put ``src/`` on the path, train once, and stage a "registered model" folder.

``pyproject.toml`` already sets ``pythonpath = ["src"]``; the explicit insert below keeps the
tests working when pytest runs without it (e.g. ``pytest tests/`` from another folder).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SRC = PROJECT_ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

MODEL_NAME = "iris-classifier"


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The generated project's root (holds ``deploy/`` and ``data/``)."""
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def iris():
    """The bundled iris data ``(X, y, feature_names)``: offline, no download."""
    from data import load_dataset

    return load_dataset(None, None)


@pytest.fixture(scope="session")
def trained(iris):
    """``(model, metrics, feature_names)`` trained once per session (it takes milliseconds)."""
    from model import train_and_evaluate

    X, y, feature_names = iris
    model, metrics, _ = train_and_evaluate(X, y)
    return model, metrics, feature_names


@pytest.fixture
def model_dir(tmp_path, monkeypatch, trained):
    """Save like ``train.py`` does into ``azureml-models/<name>/1/model/`` and point
    ``AZUREML_MODEL_DIR`` at the version folder, exactly as an Azure ML deployment does."""
    from model import save_artifacts

    model, _, feature_names = trained
    version_dir = tmp_path / "azureml-models" / MODEL_NAME / "1"
    save_artifacts(model, feature_names, version_dir / "model")
    monkeypatch.setenv("AZUREML_MODEL_DIR", str(version_dir))
    return version_dir


def _fresh(name: str):
    """Import ``name`` anew so module globals (the loaded model) never leak between tests."""
    module = importlib.import_module(name)
    return importlib.reload(module)


@pytest.fixture
def score_module(model_dir):
    """A freshly loaded ``score`` module, not yet initialised."""
    return _fresh("score")


@pytest.fixture
def scorer(score_module):
    """``score`` after ``init()``, ready to ``run()``."""
    score_module.init()
    return score_module


@pytest.fixture
def batch_scorer(model_dir):
    """A freshly loaded ``batch_score`` module after ``init()``."""
    module = _fresh("batch_score")
    module.init()
    return module
