"""train.py: the command line the job YAML uses, and (with MLflow) a full local run."""

from __future__ import annotations

import os

import pytest

from fake_mlflow import mlflow_or_fake
from train import check_output_dir, parse_args


def test_defaults_match_the_job_yaml_contract():
    args = parse_args([])
    assert args.data is None and args.label_column is None
    assert (args.C, args.max_iter, args.test_size, args.random_state) == (1.0, 200, 0.2, 42)
    assert args.model_output == "outputs/model"


def test_hyperparameters_parse():
    args = parse_args(["--C", "0.5", "--max-iter", "50", "--data", "d.csv", "--label-column", "y"])
    assert (args.C, args.max_iter, args.data, args.label_column) == (0.5, 50, "d.csv", "y")


def test_output_dir_missing_or_empty_is_fine(tmp_path):
    check_output_dir(tmp_path / "new")
    (tmp_path / "mounted").mkdir()
    check_output_dir(tmp_path / "mounted")  # what Azure ML mounts for a job output


def test_output_dir_not_empty_is_a_clear_error(tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(FileExistsError, match="not empty"):
        check_output_dir(tmp_path)


def test_train_main_writes_mlflow_model(tmp_path, monkeypatch, project_root):
    recorder = mlflow_or_fake(monkeypatch, "sklearn")
    import train

    monkeypatch.chdir(tmp_path)  # any default artifact folder lands in tmp, never in the repo
    # A file store: mlflow-skinny (requirements-dev.txt) has no SQLAlchemy for a database store.
    monkeypatch.setenv("MLFLOW_TRACKING_URI", (tmp_path / "mlruns").as_uri())
    out = tmp_path / "model"
    out.mkdir()  # an existing empty folder, as Azure ML mounts it
    metrics = train.main(
        ["--data", str(project_root / "data" / "iris.csv"), "--model-output", str(out)]
    )
    assert metrics["val_accuracy"] >= 0.8
    for name in ("MLmodel", "model.pkl", "features.json"):
        assert os.path.isfile(out / name), name
    assert "azureml-ai-monitoring" in (out / "requirements.txt").read_text()
    if recorder is not None:
        assert "sklearn.log_model" not in recorder.names()  # 404 on Azure ML with MLflow 3
        assert recorder.kwargs("sklearn.autolog") == {"log_models": False}
        assert "val_accuracy" in recorder.metric_names()  # the sweep objective, logged by name
