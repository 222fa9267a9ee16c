"""batch_score.py, the batch deployment's entry script, on the files in ``deploy/sample-batch/``.

Generated only for the batch target with script serving, together with ``batch_score.py`` and
the sample files. Scoring with a trained model needs the framework (skipped where it is missing).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest


@pytest.fixture(scope="module")
def sample_files(project_root: Path) -> list[Path]:
    """The digit images the batch smoke test sends (one ``.npy`` image per file)."""
    return sorted((project_root / "deploy" / "sample-batch").glob("*.npy"))


def test_batch_rows_without_model_are_errors_one_per_file(fresh_module, sample_files, tmp_path):
    batch_score = fresh_module("batch_score")
    bad = tmp_path / "notes.txt"
    bad.write_text("x")
    files = [str(p) for p in sample_files]
    rows = batch_score.run([*files, str(bad)])
    assert len(rows) == len(files) + 1
    assert all(",error," in row for row in rows)
    assert "unsupported file type .txt" in rows[-1]


def test_batch_reads_npy_and_png(fresh_module, sample_files, tmp_path):
    pil = pytest.importorskip("PIL.Image", reason="Pillow is not installed here")
    batch_score = fresh_module("batch_score")
    assert len(sample_files) == 2
    image = batch_score.read_image(sample_files[0])
    assert image.shape == (1, 28, 28, 1)
    png = tmp_path / "digit.png"
    pil.fromarray(np.load(sample_files[0])).save(png)
    np.testing.assert_allclose(batch_score.read_image(png), image)
    big = tmp_path / "big.png"
    pil.fromarray(np.zeros((56, 56), np.uint8)).save(big)
    assert batch_score.read_image(big).shape == (1, 28, 28, 1)
    np.save(tmp_path / "two.npy", np.zeros((2, 28, 28)))
    with pytest.raises(ValueError, match="one 28x28 image"):
        batch_score.read_image(tmp_path / "two.npy")


def test_batch_one_row_per_file(model_dir, fresh_module, sample_files, tmp_path):
    batch_score = fresh_module("batch_score")
    batch_score.init()
    bad = tmp_path / "broken.npy"
    bad.write_bytes(b"not numpy")
    rows = batch_score.run([*(str(p) for p in sample_files), str(bad)])
    assert len(rows) == 3
    name, label, probability = rows[0].split(",")
    assert name.endswith(".npy") and int(label) in range(10) and 0 <= float(probability) <= 1
    assert rows[2].startswith("broken.npy,error,")
