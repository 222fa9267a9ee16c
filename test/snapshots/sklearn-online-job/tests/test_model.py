"""Data loading and the pure model code: what train.py and the scorers rely on."""

from __future__ import annotations

import numpy as np
import pytest

from data import FEATURE_NAMES, load_dataset
from model import (
    build_model,
    find_artifacts_dir,
    load_artifacts,
    save_artifacts,
    train_and_evaluate,
)

SPECIES = {"setosa", "versicolor", "virginica"}


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_iris_has_species_labels(iris):
    X, y, features = iris
    assert X.shape == (150, 4) and X.dtype == np.float64
    assert set(y) == SPECIES
    assert features == FEATURE_NAMES


def test_training_reaches_accuracy(trained):
    _, metrics, _ = trained
    assert metrics["val_accuracy"] >= 0.8
    assert 0.0 <= metrics["val_f1_macro"] <= 1.0
    assert metrics["train_rows"] + metrics["val_rows"] == 150
    assert metrics["val_rows"] == 30


def test_split_is_stratified_and_returns_validation_rows(iris):
    X, y, _ = iris
    _, metrics, X_val = train_and_evaluate(X, y, test_size=0.2, random_state=0)
    assert X_val.shape == (metrics["val_rows"], 4)


def test_model_is_linear_for_encrypted_inference(trained):
    model, _, _ = trained
    steps = [type(step).__name__ for _, step in model.steps]
    assert steps == ["StandardScaler", "LogisticRegression"]
    assert model[-1].coef_.shape == (3, 4)


def test_build_model_passes_hyperparameters():
    classifier = build_model(C=0.5, max_iter=50, random_state=7)[-1]
    assert (classifier.C, classifier.max_iter, classifier.random_state) == (0.5, 50, 7)


def test_project_csv_matches_bundled_data(iris, project_root):
    X, y, features = load_dataset(str(project_root / "data" / "iris.csv"), None)
    assert features == FEATURE_NAMES
    np.testing.assert_allclose(X, iris[0])
    assert list(y) == list(iris[1])


def test_csv_label_defaults_to_last_column(tmp_path):
    csv = write(tmp_path / "d.csv", "a,b,kind\n1,2,x\n3,4,y\n")
    X, y, features = load_dataset(str(csv), None)
    assert features == ["a", "b"]
    assert X.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert y.tolist() == ["x", "y"]


def test_csv_named_label_column_anywhere(tmp_path):
    csv = write(tmp_path / "d.csv", "kind,a,b\nx,1,2\ny,3,4\n")
    X, y, features = load_dataset(str(csv), "kind")
    assert features == ["a", "b"] and y.tolist() == ["x", "y"]
    assert X.tolist() == [[1.0, 2.0], [3.0, 4.0]]


def test_folder_with_one_csv(tmp_path):
    write(tmp_path / "only.csv", "a,b,kind\n1,2,x\n")
    X, y, _ = load_dataset(str(tmp_path), None)
    assert X.shape == (1, 2) and y.tolist() == ["x"]


@pytest.mark.parametrize("count", [0, 2])
def test_folder_needs_exactly_one_csv(tmp_path, count):
    for i in range(count):
        write(tmp_path / f"f{i}.csv", "a,kind\n1,x\n")
    with pytest.raises(ValueError, match="exactly one .csv"):
        load_dataset(str(tmp_path), None)


@pytest.mark.parametrize(
    ("text", "label", "message"),
    [
        ("", None, "empty"),
        ("a,b,kind\n", None, "no data rows"),
        ("a,b,kind\n1,2,x\n", "species", "label column 'species' not found"),
        ("a,b,kind\n1,oops,x\n", None, "not a number"),
        ("a,b,kind\n1,nan,x\n", None, "not finite"),
        ("a,b,kind\n1,2\n", None, "has 2 values"),
    ],
)
def test_csv_errors_are_clear(tmp_path, text, label, message):
    csv = write(tmp_path / "bad.csv", text)
    with pytest.raises(ValueError, match=message):
        load_dataset(str(csv), label)


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        load_dataset(str(tmp_path / "nope.csv"), None)


def test_tiny_data_trains_without_stratification():
    X = np.array([[0.0], [0.1], [1.0], [1.1], [2.0]])
    y = np.array(["a", "a", "b", "b", "c"])
    model, metrics, _ = train_and_evaluate(X, y, test_size=0.2)
    assert metrics["train_rows"] == 4 and set(model.classes_) <= {"a", "b", "c"}


def test_save_find_load_roundtrip(tmp_path, trained):
    model, _, features = trained
    save_artifacts(model, features, tmp_path / "azureml-models" / "m" / "3" / "model")
    found = find_artifacts_dir(tmp_path / "azureml-models" / "m" / "3")
    assert found.name == "model"
    assert (found / "model.pkl").read_bytes()[:2] == b"\x80\x04"  # pickle protocol 4
    loaded, meta = load_artifacts(found)
    assert meta == {"features": features, "classes": sorted(SPECIES)}
    assert loaded.predict([[5.1, 3.5, 1.4, 0.2]]).tolist() == ["setosa"]


def test_find_artifacts_dir_reports_missing_model(tmp_path):
    with pytest.raises(FileNotFoundError, match="model.pkl"):
        find_artifacts_dir(tmp_path)
