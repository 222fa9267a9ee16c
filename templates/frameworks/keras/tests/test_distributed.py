"""distributed.py: TF_CONFIG as Azure ML writes it. Runs without TensorFlow."""

from __future__ import annotations

import json

import pytest

from distributed import (
    TF_CONFIG,
    is_chief,
    prepare_tf_config,
    read_tf_config,
    save_dir_for,
    worker_count,
)

HOSTS = ["10.0.0.4:2222", "10.0.0.5:2222"]


def tf_config(index: int, **cluster) -> dict:
    return {
        "cluster": {"worker": HOSTS, **cluster},
        "task": {"type": "worker", "index": index},
        "environment": "cloud",
    }


def test_missing_tf_config_means_single_worker():
    env: dict[str, str] = {}
    assert prepare_tf_config(env) is None
    assert env == {}  # nothing written
    assert worker_count(None) == 1 and is_chief(None)


def test_empty_ps_is_removed_and_written_back():
    env = {TF_CONFIG: json.dumps(tf_config(1, ps=[]))}
    fixed = prepare_tf_config(env)
    assert fixed is not None and "ps" not in fixed["cluster"]
    written = json.loads(env[TF_CONFIG])
    assert written["cluster"] == {"worker": HOSTS}
    assert written["task"] == {"type": "worker", "index": 1}


def test_non_empty_ps_and_clean_config_are_left_alone():
    original = json.dumps(tf_config(0, ps=["10.0.0.6:2222"]))
    env = {TF_CONFIG: original}
    assert prepare_tf_config(env)["cluster"]["ps"] == ["10.0.0.6:2222"]
    assert env[TF_CONFIG] == original


def test_worker_zero_is_chief_and_counts():
    assert is_chief(tf_config(0)) and not is_chief(tf_config(1))
    assert worker_count(tf_config(0)) == 2


def test_explicit_chief_task_wins():
    config = {
        "cluster": {"chief": ["c:2222"], "worker": HOSTS},
        "task": {"type": "worker", "index": 0},
    }
    assert not is_chief(config)
    assert is_chief({**config, "task": {"type": "chief", "index": 0}})
    assert worker_count(config) == 3


def test_blank_and_invalid_tf_config():
    assert read_tf_config({TF_CONFIG: "  "}) is None
    with pytest.raises(ValueError, match="not valid JSON"):
        read_tf_config({TF_CONFIG: "{oops"})
    with pytest.raises(ValueError, match="JSON object"):
        read_tf_config({TF_CONFIG: "[1]"})


def test_save_dir_chief_uses_output_others_a_temp_dir(tmp_path):
    assert save_dir_for(tmp_path / "model", chief=True) == tmp_path / "model"
    other = save_dir_for(tmp_path / "model", chief=False)
    assert other.is_dir() and other != tmp_path / "model"
    other.rmdir()
