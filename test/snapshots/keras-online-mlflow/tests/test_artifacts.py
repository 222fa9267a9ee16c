"""Artifact lookup and the labels file, as the scoring scripts use them. Runs without Keras."""

from __future__ import annotations

import json

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

