"""TF_CONFIG handling for Azure ML's ``distribution: {type: tensorflow}``. Pure: no TensorFlow.

Used only with the ``tensorflow`` Keras backend: ``MultiWorkerMirroredStrategy`` is a TensorFlow
strategy, and the other backends have no TF_CONFIG-based multi-node training.

Azure ML writes ``TF_CONFIG`` on every node, e.g.
``{"cluster": {"worker": ["host0:2222", "host1:2222"]}, "task": {"type": "worker", "index": 1}}``.
Three rules follow from it, and each one is a known failure when ignored:

* No ``TF_CONFIG`` at all means a single worker (a laptop, CI, a one-node job). Reading
  ``os.environ["TF_CONFIG"]`` unguarded, as the official sample does, crashes there.
* Since TF 2.13 the variable may carry an empty ``"ps": []``, which makes
  ``MultiWorkerMirroredStrategy`` reject the cluster. It must be removed and ``TF_CONFIG``
  written back BEFORE the strategy is created (the strategy reads the environment once).
* Worker 0 is the chief: only it writes the real model and logs to MLflow. The other workers
  must still run the same save code (it may involve collective ops), into a throw-away folder.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

TF_CONFIG = "TF_CONFIG"


def read_tf_config(environ: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """Parse ``TF_CONFIG``; None when it is unset or blank (single worker)."""
    env = os.environ if environ is None else environ
    raw = env.get(TF_CONFIG, "").strip()
    if not raw:
        return None
    try:
        config = json.loads(raw)
    except ValueError as exc:
        raise ValueError(f"{TF_CONFIG} is not valid JSON: {exc}") from exc
    if not isinstance(config, dict):
        raise ValueError(f"{TF_CONFIG} must be a JSON object, got {type(config).__name__}")
    return config


def without_empty_ps(config: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of ``config`` without an empty ``cluster.ps`` list (the TF >= 2.13 fix)."""
    cluster = config.get("cluster")
    if not isinstance(cluster, dict) or "ps" not in cluster or cluster["ps"]:
        return config
    fixed = dict(config)
    fixed["cluster"] = {role: hosts for role, hosts in cluster.items() if role != "ps"}
    return fixed


def prepare_tf_config(
    environ: MutableMapping[str, str] | None = None,
) -> dict[str, Any] | None:
    """Read ``TF_CONFIG``, drop an empty ``ps`` and write it back; call before any strategy."""
    env = os.environ if environ is None else environ
    config = read_tf_config(env)
    if config is None:
        return None
    fixed = without_empty_ps(config)
    if fixed is not config:
        env[TF_CONFIG] = json.dumps(fixed)
    return fixed


def _cluster(config: Mapping[str, Any] | None) -> dict[str, list[str]]:
    cluster = (config or {}).get("cluster") or {}
    return cluster if isinstance(cluster, dict) else {}


def worker_count(config: Mapping[str, Any] | None) -> int:
    """Number of training workers (``chief`` + ``worker`` entries); 1 without a cluster."""
    cluster = _cluster(config)
    count = len(cluster.get("worker") or []) + len(cluster.get("chief") or [])
    return max(count, 1)


def is_chief(config: Mapping[str, Any] | None) -> bool:
    """True for the task that writes outputs: a ``chief`` task, else worker 0, else no cluster."""
    if not _cluster(config):
        return True
    task = (config or {}).get("task") or {}
    task_type = task.get("type", "worker")
    if task_type == "chief":
        return True
    if "chief" in _cluster(config):
        return False
    return task_type == "worker" and int(task.get("index", 0)) == 0


def save_dir_for(out_dir: str | Path, chief: bool) -> Path:
    """Where this task saves: ``out_dir`` on the chief, a fresh temp folder elsewhere."""
    if chief:
        return Path(out_dir)
    return Path(tempfile.mkdtemp(prefix="non-chief-model-"))
