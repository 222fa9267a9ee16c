"""Batch scoring entry script for Azure ML batch deployments (``output_action: append_row``).

Each mini-batch is a list of ``.json`` file paths; a file holds a list of CartPole observations
(``[[x, v, theta, omega], ...]``), a single observation, or ``{"observations": [...]}``.
Every file gets exactly one output row: ``<file name>,<n observations>,<actions separated by
spaces>`` or ``<file name>,error,<reason>``. A bad file never fails the whole job.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from model import compute_actions, find_module_dir, load_policy
from payload import MAX_BYTES, parse_file

logger = logging.getLogger(__name__)

_module: Any = None


def init() -> None:
    """Load the policy once per worker from below ``AZUREML_MODEL_DIR``."""
    global _module
    root = os.environ.get("AZUREML_MODEL_DIR", ".")
    _module = load_policy(root)
    logger.info("loaded RLModule from %s", find_module_dir(root))


def _field(text: str) -> str:
    """Keep one output field on one line and free of commas (rows are written without quoting)."""
    return " ".join(str(text).split()).replace(",", ";")


def read_observations(path: str | Path) -> Any:
    """Read and validate one file; ValueError (or OSError) with a reason if unusable."""
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"file is larger than {MAX_BYTES} bytes")
    return parse_file(path.read_text(encoding="utf-8"))


def score_file(path: str | Path) -> str:
    """One output row for one file."""
    if _module is None:
        raise RuntimeError("model is not loaded (init() failed or was not called)")
    observations = read_observations(path)
    actions = compute_actions(_module, observations)
    return f"{_field(Path(path).name)},{len(actions)},{' '.join(str(a) for a in actions)}"


def _error_row(path: Any, exc: Exception) -> str:
    """One-line error row; unexpected exception types keep their class name for diagnosis."""
    reason = str(exc) if isinstance(exc, (ValueError, OSError)) else f"{type(exc).__name__}: {exc}"
    return f"{_field(Path(str(path)).name)},error,{_field(reason)}"


def run(mini_batch: list[str]) -> list[str]:
    """Return one string row per input file, in input order; never raises."""
    rows = []
    for path in mini_batch:
        try:
            rows.append(score_file(path))
        except Exception as exc:  # noqa: BLE001 - one bad file must not fail the batch
            logger.warning("scoring %s failed: %s", path, exc)
            rows.append(_error_row(path, exc))
    return rows
