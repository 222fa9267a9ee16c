"""train.py: the command line the job YAML uses, the one-node check, MLflow glue (fakes)."""

from __future__ import annotations

import json

import pytest

from train import (
    check_output_dir,
    check_single_worker,
    enable_autolog,
    epoch_logger,
    final_metrics,
    model_requirements,
    parse_args,
)


def test_defaults_match_the_job_yaml_contract():
    args = parse_args(["--data", "mnist"])
    assert args.data == "mnist"
    assert (args.epochs, args.batch_size, args.learning_rate) == (5, 64, 0.001)
    assert args.model_output == "outputs/model"
    assert args.onnx_output is None and args.triton_model_name == "model"


def test_data_is_required(capsys):
    with pytest.raises(SystemExit):
        parse_args([])
    assert "--data" in capsys.readouterr().err


def test_hyperparameters_parse_and_are_checked():
    argv = ["--data", "d", "--epochs", "2", "--batch-size", "8", "--learning-rate", "0.1"]
    args = parse_args(argv)
    assert (args.epochs, args.batch_size, args.learning_rate) == (2, 8, 0.1)
    with pytest.raises(SystemExit):
        parse_args(["--data", "d", "--learning-rate", "0"])


def test_output_dir_rules(tmp_path):
    check_output_dir(tmp_path / "new")
    (tmp_path / "mounted").mkdir()
    check_output_dir(tmp_path / "mounted")  # what Azure ML mounts for a job output
    (tmp_path / "mounted" / "old.txt").write_text("x")
    with pytest.raises(FileExistsError, match="not empty"):
        check_output_dir(tmp_path / "mounted")


def test_one_node_runs_and_a_multi_worker_tf_config_is_refused():
    check_single_worker({})  # local run, CI, a one-node job
    check_single_worker({"TF_CONFIG": json.dumps({"cluster": {"worker": ["h0:2222"]}})})
    check_single_worker({"TF_CONFIG": "not json"})  # nothing reads it without a strategy
    two = {"cluster": {"worker": ["h0:2222", "h1:2222"], "ps": []}, "task": {"index": 1}}
    with pytest.raises(SystemExit, match=r"2 workers.*keras-team/keras#20585"):
        check_single_worker({"TF_CONFIG": json.dumps(two)})


def test_autolog_never_logs_models_and_copes_with_old_mlflow():
    seen = []

    def old_autolog(log_models):
        seen.append(log_models)

    enable_autolog(old_autolog)
    assert seen == [False]
    options = {}
    enable_autolog(lambda **kwargs: options.update(kwargs))
    assert options == {"log_models": False, "log_datasets": False}


def test_epoch_logger_logs_the_objective_per_epoch():
    logged = []
    callback = epoch_logger(lambda name, value, step: logged.append((name, value, step)))
    callback(1, {"loss": 1.0, "val_loss": 0.5, "val_accuracy": 0.9})
    assert logged == [("val_accuracy", 0.9, 1), ("val_loss", 0.5, 1)]
    assert final_metrics({"val_accuracy": [0.5, 0.8]}) == {"val_accuracy": 0.8}


def test_model_requirements_pin_keras_and_backend():
    assert model_requirements("3.15.1", "tensorflow", "2.16.2") == [
        "azureml-ai-monitoring",
        "keras==3.15.1",
        "tensorflow==2.16.2",
    ]
    assert model_requirements("3.15.1", "torch", "2.13.0+cu126")[-1] == "torch==2.13.0"
    assert model_requirements("3.15.1", "tensorflow", None) == [
        "azureml-ai-monitoring",
        "keras==3.15.1",
    ]
