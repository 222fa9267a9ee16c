"""Train PPO for one tiny iteration, checkpoint like train.py, score like the endpoint does.

Needs Ray RLlib (with torch and gymnasium), which is not installable on every machine; the
project's CI installs it.
"""

from __future__ import annotations

import json

import pytest

ray = pytest.importorskip(
    "ray", reason="ray is not installed here; the project's CI installs ray[rllib]"
)
pytest.importorskip(
    "ray.rllib", reason="ray[rllib] is not installed here; the project's CI installs it"
)

from model import (  # noqa: E402
    compute_actions,
    find_module_dir,
    load_policy,
    make_config,
    train,
)

MODEL_NAME = "cartpole-ppo"


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    """One PPO iteration with a tiny batch and no remote env runners: seconds, not minutes."""
    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True)
    try:
        seen = []
        config = make_config(num_env_runners=0, lr=3e-4, train_batch_size=256, seed=0)
        target = tmp_path_factory.mktemp("outputs") / "checkpoint"
        summary = train(config, 1, lambda *call: seen.append(call), checkpoint_dir=target)
    finally:
        ray.shutdown()
    assert len(seen) == 1 and seen[0][0] == 1
    return summary.checkpoint


@pytest.fixture
def model_dir(tmp_path, monkeypatch, checkpoint):
    """Copy like train.py into ``azureml-models/<name>/1/model/``; point AZUREML_MODEL_DIR at it."""
    from model import copy_checkpoint

    version_dir = tmp_path / "azureml-models" / MODEL_NAME / "1"
    copy_checkpoint(checkpoint, version_dir / "model")
    monkeypatch.setenv("AZUREML_MODEL_DIR", str(version_dir))
    return version_dir


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


def test_score_round_trip(model_dir, fresh_module, sample_request):
    score = fresh_module("score")
    score.init()
    result = score.run(sample_request)
    assert set(result) == {"actions", "predictions"}
    assert len(result["actions"]) == 2 and set(result["actions"]) <= {0, 1}
    json.dumps(result)
    assert "error" in score.run('{"observations": [[1, 2, 3]]}')


def test_batch_one_row_per_file(model_dir, fresh_module, project_root, tmp_path):
    batch_score = fresh_module("batch_score")
    batch_score.init()
    files = sorted(str(p) for p in (project_root / "deploy" / "sample-batch").glob("*.json"))
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    rows = batch_score.run([*files, str(bad)])
    assert len(rows) == 3
    name, count, actions = rows[0].split(",")
    assert name == "episode-start.json" and int(count) == 3
    assert all(a in ("0", "1") for a in actions.split())
    assert rows[2].startswith("bad.json,error,")
