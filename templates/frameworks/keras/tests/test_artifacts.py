"""Artifact lookup, labels and scoring scripts before a model exists. Runs without Keras."""

from __future__ import annotations

import json

import numpy as np
import pytest

from model import LABELS_FILE, MODEL_FILE, find_artifacts_dir, read_labels, write_labels


def fake_artifacts(folder):
    folder.mkdir(parents=True)
    (folder / MODEL_FILE).write_bytes(b"zip")
    write_labels(folder)
    return folder


def test_finds_the_folder_azure_ml_nests_below_the_model_dir(tmp_path):
    version_dir = tmp_path / "azureml-models" / "mnist" / "3"
    inner = fake_artifacts(version_dir / "model")
    fake_artifacts(version_dir / "model" / "artifacts" / "copy")  # deeper copies lose
    assert find_artifacts_dir(version_dir) == inner
    assert find_artifacts_dir(inner) == inner


def test_labels_file_alone_is_not_enough(tmp_path):
    write_labels(tmp_path)
    with pytest.raises(FileNotFoundError, match=MODEL_FILE):
        find_artifacts_dir(tmp_path)


def test_labels_round_trip(tmp_path):
    write_labels(tmp_path)
    assert read_labels(tmp_path) == list(range(10))
    meta = json.loads((tmp_path / LABELS_FILE).read_text())
    assert meta["input_shape"] == [28, 28, 1] and meta["pixel_range"] == [0, 255]


def test_score_without_init_returns_an_error(fresh_module, sample_request):
    score = fresh_module("score")
    assert "error" in score.run(sample_request)


def test_batch_rows_without_model_are_errors_one_per_file(fresh_module, project_root, tmp_path):
    batch_score = fresh_module("batch_score")
    bad = tmp_path / "notes.txt"
    bad.write_text("x")
    files = sorted(str(p) for p in (project_root / "deploy" / "sample-batch").glob("*.npy"))
    rows = batch_score.run([*files, str(bad)])
    assert len(rows) == len(files) + 1
    assert all(",error," in row for row in rows)
    assert "unsupported file type .txt" in rows[-1]


def test_batch_reads_npy_and_png(fresh_module, project_root, tmp_path):
    pil = pytest.importorskip("PIL.Image", reason="Pillow is not installed here")
    batch_score = fresh_module("batch_score")
    npy = sorted((project_root / "deploy" / "sample-batch").glob("*.npy"))
    assert len(npy) == 2
    image = batch_score.read_image(npy[0])
    assert image.shape == (1, 28, 28, 1)
    png = tmp_path / "digit.png"
    pil.fromarray(np.load(npy[0])).save(png)
    np.testing.assert_allclose(batch_score.read_image(png), image)
    np.save(tmp_path / "two.npy", np.zeros((2, 28, 28)))
    with pytest.raises(ValueError, match="one 28x28 image"):
        batch_score.read_image(tmp_path / "two.npy")
