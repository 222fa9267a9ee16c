"""Batch-endpoint scoring: ``init()`` once per worker, ``run(mini_batch)`` per mini-batch.

``mini_batch`` is a list of image file paths. ``run`` returns exactly one CSV-style row per file,
``"<file name>,<label>,<probability>"``, or ``"<file name>,error,<reason>"`` for a file that is
not a readable image, so one bad file never fails the whole job. With ``output_action:
append_row`` Azure ML writes these rows (no header) to ``predictions.csv``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import torch

from data import eval_transform, open_rgb
from model import find_artifacts_dir, load_artifacts, predict_proba

CHUNK_SIZE = 32  # images per forward pass: bounds memory whatever mini_batch_size is
_state: dict[str, Any] = {}


def init() -> None:
    """Load the artifacts saved by ``model.save_artifacts`` from below ``AZUREML_MODEL_DIR``."""
    root = os.environ.get("AZUREML_MODEL_DIR")
    if not root:
        raise RuntimeError("AZUREML_MODEL_DIR is not set")
    artifacts = load_artifacts(find_artifacts_dir(root))
    _state["artifacts"] = artifacts
    _state["transform"] = eval_transform(artifacts.image_size)


def run(mini_batch: Iterable[Any]) -> list[str]:
    """Score every file; rows keep the input order."""
    paths = [str(path) for path in mini_batch]
    rows: list[str | None] = [None] * len(paths)
    ready: list[int] = []
    tensors: list[torch.Tensor] = []
    for position, path in enumerate(paths):
        try:
            tensors.append(_state["transform"](open_rgb(path)))
            ready.append(position)
        except Exception as exc:  # unreadable or corrupt file: report it, keep going
            rows[position] = _row(path, "error", _reason(exc))
    for start in range(0, len(ready), CHUNK_SIZE):
        chunk = slice(start, start + CHUNK_SIZE)
        _score_chunk(paths, rows, ready[chunk], tensors[chunk])
    return [row or _row(path, "error", "not scored") for row, path in zip(rows, paths, strict=True)]


def _score_chunk(
    paths: list[str], rows: list[str | None], positions: list[int], tensors: list[torch.Tensor]
) -> None:
    artifacts = _state["artifacts"]
    confidence, index = predict_proba(artifacts.model, torch.stack(tensors)).max(dim=1)
    for position, prob, label_index in zip(
        positions, confidence.tolist(), index.tolist(), strict=True
    ):
        rows[position] = _row(paths[position], artifacts.classes[label_index], f"{prob:.6f}")


def _reason(exc: Exception) -> str:
    """Short and path-free: PIL messages repeat the full path, which the row already names."""
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, OSError):
        return "not a readable image"
    return type(exc).__name__


def _clean(text: str) -> str:
    """Keep each row a single line with exactly three comma-separated fields."""
    return " ".join(text.replace(",", ";").split())


def _row(path: str, label: str, value: str) -> str:
    return f"{_clean(os.path.basename(path))},{_clean(label)},{_clean(value)}"
