"""Train PPO for one tiny iteration, checkpoint like train.py, act with the restored policy.

Needs Ray RLlib (with torch and gymnasium), which is not installable on every machine; the
project's CI installs it. Scoring through ``score.py`` / ``batch_score.py`` is tested in
``test_score.py`` and ``test_batch_score.py`` (generated only for targets that deploy them).
"""

from __future__ import annotations

import pytest

pytest.importorskip("ray", reason="ray is not installed here; the project's CI installs ray[rllib]")
pytest.importorskip(
    "ray.rllib", reason="ray[rllib] is not installed here; the project's CI installs it"
)

from model import compute_actions, find_module_dir, load_policy  # noqa: E402


def test_training_reports_each_iteration(training):
    summary, seen = training
    assert len(seen) == 1 and seen[0][0] == 1
    assert summary.iterations == 1 and summary.checkpoint.is_dir()


def test_checkpoint_has_a_loadable_module_that_acts_in_the_env(checkpoint):
    from data import make_env

    module = load_policy(checkpoint)
    assert find_module_dir(checkpoint).name == "default_policy"
    env = make_env(seed=0)
    observation, _ = env.reset(seed=0)
    for _ in range(20):
        (action,) = compute_actions(module, [observation.tolist()])
        assert action in (0, 1)
        observation, _, terminated, truncated, _ = env.step(action)
        if terminated or truncated:
            observation, _ = env.reset()
    env.close()
