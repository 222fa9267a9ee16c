"""train.py: the command line the job YAML uses, metric names, output checks. No Ray/MLflow."""

from __future__ import annotations

import pytest

from train import check_output_dir, iteration_logger, iteration_metrics, parse_args


def test_defaults_match_the_job_yaml_contract():
    args = parse_args([])
    assert (args.iterations, args.num_env_runners, args.learning_rate) == (10, 2, 0.0003)
    assert (args.train_batch_size, args.seed) == (4000, 0)
    assert args.checkpoint_dir == "outputs/checkpoint"
    assert args.model_output == "outputs/model"


def test_hyperparameters_parse_and_are_checked():
    args = parse_args(["--iterations", "3", "--num-env-runners", "0", "--train-batch-size", "500"])
    assert (args.iterations, args.num_env_runners, args.train_batch_size) == (3, 0, 500)
    for bad in (["--iterations", "0"], ["--learning-rate", "-1"], ["--num-env-runners", "-1"]):
        with pytest.raises(SystemExit):
            parse_args(bad)


def test_output_dir_rules(tmp_path):
    check_output_dir(tmp_path / "new", "--model-output")
    (tmp_path / "mounted").mkdir()
    check_output_dir(tmp_path / "mounted", "--model-output")
    (tmp_path / "mounted" / "old").write_text("x")
    with pytest.raises(FileExistsError, match=r"--checkpoint-dir .* not empty"):
        check_output_dir(tmp_path / "mounted", "--checkpoint-dir")


def test_metric_names_and_no_nan_before_the_first_episode():
    assert iteration_metrics(42.0) == {
        "env_runners/episode_return_mean": 42.0,
        "episode_return_mean": 42.0,
    }
    assert iteration_metrics(None) == {}


def test_iteration_logger_steps_by_iteration(capsys):
    logged = []
    callback = iteration_logger(lambda metrics, step: logged.append((metrics, step)))
    callback(1, None, {})
    callback(2, 30.0, {})
    assert logged == [({"env_runners/episode_return_mean": 30.0, "episode_return_mean": 30.0}, 2)]
    assert "iteration 2" in capsys.readouterr().out

