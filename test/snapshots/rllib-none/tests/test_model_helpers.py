"""model.py's pure parts: options, result parsing, checkpoint lookup, greedy actions. No Ray."""

from __future__ import annotations

import numpy as np
import pytest

from model import (
    MODULE_ID,
    copy_checkpoint,
    episode_return_mean,
    find_module_dir,
    greedy_actions,
    training_options,
)


def test_training_options_use_the_new_stack_batch_name():
    assert training_options(3e-4, 4000) == {"lr": 3e-4, "train_batch_size_per_learner": 4000}
    tiny = training_options(1e-3, 64)
    assert tiny["minibatch_size"] == 64  # PPO rejects a minibatch larger than the batch


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        ({"env_runners": {"episode_return_mean": 21.5}}, 21.5),
        ({"env_runners": {"episode_return_mean": float("nan")}}, None),
        ({"env_runners": {}}, None),
        ({"episode_reward_mean": 30.0}, None),  # the old stack's key is not read
        ({}, None),
    ],
)
def test_episode_return_mean(result, expected):
    assert episode_return_mean(result) == expected


def make_module_dir(root, *parts):
    folder = root.joinpath(*parts)
    folder.mkdir(parents=True)
    (folder / "module_state.pt").write_bytes(b"x")
    return folder


def test_finds_the_learner_module_below_the_registered_folder(tmp_path):
    version_dir = tmp_path / "azureml-models" / "cartpole" / "1"
    checkpoint = version_dir / "model"
    make_module_dir(checkpoint, "env_runner", "rl_module", MODULE_ID)
    learner = make_module_dir(checkpoint, "learner_group", "learner", "rl_module", MODULE_ID)
    assert find_module_dir(version_dir) == learner
    assert find_module_dir(learner) == learner


def test_older_layout_and_env_runner_fallback(tmp_path):
    old = make_module_dir(tmp_path / "a", "learner", "module_state", MODULE_ID)
    assert find_module_dir(tmp_path / "a") == old
    runner = make_module_dir(tmp_path / "b", "env_runner", "rl_module", MODULE_ID)
    assert find_module_dir(tmp_path / "b") == runner


def test_no_checkpoint_is_a_clear_error(tmp_path):
    (tmp_path / MODULE_ID).mkdir()  # right name, wrong place
    with pytest.raises(FileNotFoundError, match="learner_group/learner/rl_module"):
        find_module_dir(tmp_path)


def test_greedy_actions():
    assert greedy_actions(np.array([[0.1, 2.0], [3.0, -1.0]])) == [1, 0]
    with pytest.raises(ValueError, match="shape"):
        greedy_actions(np.zeros((2, 3)))


def test_copy_checkpoint_into_an_existing_empty_mount(tmp_path):
    source = make_module_dir(tmp_path / "ckpt", "learner_group", "learner", "rl_module", MODULE_ID)
    target = tmp_path / "model"
    target.mkdir()
    copy_checkpoint(tmp_path / "ckpt", target)
    assert find_module_dir(target).relative_to(target) == source.relative_to(tmp_path / "ckpt")
