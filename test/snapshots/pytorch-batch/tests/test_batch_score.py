"""Batch scoring over the sample images: one row per file, bad files reported, not fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

import batch_score
from conftest import CLASSES


@pytest.fixture
def sample_files(project_dir: Path) -> list:
    files = sorted((project_dir / "deploy" / "sample-batch").glob("*.png"))
    assert len(files) >= 2
    return files


def test_one_row_per_file(model_env: Path, sample_files: list, tmp_path: Path) -> None:
    broken = tmp_path / "broken,name.png"
    broken.write_bytes(b"definitely not a png")
    missing = tmp_path / "missing.png"
    batch_score.init()

    rows = batch_score.run([str(path) for path in sample_files] + [str(broken), str(missing)])

    assert len(rows) == len(sample_files) + 2
    assert all(isinstance(row, str) and row.count(",") == 2 for row in rows)
    for path, row in zip(sample_files, rows[: len(sample_files)], strict=True):
        name, label, probability = row.split(",")
        assert name == path.name
        assert label in CLASSES
        assert 0.0 <= float(probability) <= 1.0
    assert rows[-2] == "broken;name.png,error,not a readable image"
    assert rows[-1] == "missing.png,error,file not found"


def test_empty_mini_batch(model_env: Path) -> None:
    batch_score.init()
    assert batch_score.run([]) == []
