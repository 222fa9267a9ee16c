"""batch_score.py, the batch deployment's entry script, on the files in ``deploy/sample-batch/``.

Generated only for the batch target with script serving, together with ``batch_score.py`` and
the sample files. Scoring with a trained policy needs Ray RLlib (skipped where it is missing).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from payload import parse_file


@pytest.fixture(scope="module")
def sample_files(project_root: Path) -> list[Path]:
    """The observation files the batch smoke test sends."""
    return sorted((project_root / "deploy" / "sample-batch").glob("*.json"))


def test_sample_batch_files_are_valid(sample_files):
    assert len(sample_files) == 2
    for path in sample_files:
        assert parse_file(path.read_text()).shape[1] == 4


def test_batch_without_a_model_returns_error_rows(fresh_module, sample_files):
    batch_score = fresh_module("batch_score")
    rows = batch_score.run([str(p) for p in sample_files])
    assert len(rows) == len(sample_files) == 2
    assert all(",error," in row for row in rows)


def test_batch_one_row_per_file(model_dir, fresh_module, sample_files, tmp_path):
    batch_score = fresh_module("batch_score")
    batch_score.init()
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    rows = batch_score.run([*(str(p) for p in sample_files), str(bad)])
    assert len(rows) == 3
    name, count, actions = rows[0].split(",")
    assert name == "episode-start.json" and int(count) == 3
    assert all(a in ("0", "1") for a in actions.split())
    assert rows[2].startswith("bad.json,error,")
