"""model.py without TensorFlow: artifact lookup and labels (as scoring uses them), Keras checks."""

from __future__ import annotations

import json

import pytest

from model import (
    LABELS_FILE,
    SAVED_MODEL_DIR,
    find_artifacts_dir,
    multi_worker_keras_problem,
    read_labels,
    write_labels,
)


def fake_artifacts(folder):
    (folder / SAVED_MODEL_DIR).mkdir(parents=True)
    write_labels(folder)
    return folder


def test_finds_the_folder_azure_ml_nests_below_the_model_dir(tmp_path):
    version_dir = tmp_path / "azureml-models" / "mnist" / "3"
    inner = fake_artifacts(version_dir / "model")
    assert find_artifacts_dir(version_dir) == inner
    assert find_artifacts_dir(inner) == inner


def test_labels_file_alone_is_not_enough(tmp_path):
    write_labels(tmp_path)
    with pytest.raises(FileNotFoundError, match=SAVED_MODEL_DIR):
        find_artifacts_dir(tmp_path)


def test_labels_round_trip(tmp_path):
    write_labels(tmp_path)
    assert read_labels(tmp_path) == list(range(10))
    meta = json.loads((tmp_path / LABELS_FILE).read_text())
    assert meta["input_shape"] == [28, 28, 1] and meta["pixel_range"] == [0, 255]



def test_multi_worker_needs_keras_2_as_tf_keras():
    assert multi_worker_keras_problem("2.16.0") is None  # tf-keras, TF_USE_LEGACY_KERAS=1
    problem = multi_worker_keras_problem("3.10.0")
    assert problem is not None and "TF_USE_LEGACY_KERAS=1" in problem and "20585" in problem
    assert multi_worker_keras_problem("") is None  # unknown: let TensorFlow decide
