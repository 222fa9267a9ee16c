"""Shared fixtures: put ``src/`` on the path; expose the project root and the sample request.

``pyproject.toml`` may already set ``pythonpath = ["src"]``; the explicit insert below keeps the
tests working when pytest runs without it (e.g. ``pytest tests/`` from another folder).
Nothing here imports Ray: framework tests import it through ``pytest.importorskip``.
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


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The generated project's root (holds ``deploy/``)."""
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def sample_request(project_root: Path) -> str:
    """The body the smoke test and the workflow send to the endpoint."""
    return (project_root / "deploy" / "sample-request.json").read_text(encoding="utf-8")


@pytest.fixture
def fresh_module():
    """Import a module anew so its globals (the loaded policy) never leak between tests."""
    return lambda name: importlib.reload(importlib.import_module(name))
