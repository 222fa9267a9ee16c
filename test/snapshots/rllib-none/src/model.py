"""PPO on CartPole-v1 with RLlib's new API stack: configure, train, checkpoint, load, act.

No MLflow here, and Ray / torch are imported inside the functions, so the pure helpers (result
parsing, checkpoint lookup, greedy actions) are tested without them.

New API stack, on purpose (the default in current Ray; the old stack is deprecated):

* ``config.build_algo()``, not ``config.build()``;
* ``.env_runners(num_env_runners=...)``, not ``.rollouts(num_rollout_workers=...)``;
* ``algo.save_to_path(...)``, not ``algo.save()``;
* ``result["env_runners"]["episode_return_mean"]``, not ``result["episode_reward_mean"]``;
* the policy network is an ``RLModule`` (PyTorch only on this stack), used for inference via
  ``forward_inference`` without building an Algorithm or starting Ray.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from data import ENV_ID, NUM_ACTIONS

ENV_RUNNERS = "env_runners"
EPISODE_RETURN_MEAN = "episode_return_mean"
MODULE_ID = "default_policy"
DEFAULT_MINIBATCH_SIZE = 128  # PPO's default; must not exceed the train batch
# Where the trained RLModule sits inside an algorithm checkpoint. The layout moved between Ray
# releases; newest first. The env runner's copy (inference-only) is the last resort.
MODULE_PATHS = (
    ("learner_group", "learner", "rl_module", MODULE_ID),
    ("learner", "module_state", MODULE_ID),
    ("env_runner", "rl_module", MODULE_ID),
)

IterationCallback = Callable[[int, float | None, Mapping[str, Any]], None]


def training_options(lr: float, train_batch_size: int) -> dict[str, Any]:
    """PPO ``.training()`` options.

    On the new API stack the batch is set per learner (``train_batch_size_per_learner``); with
    the default single local learner that is the whole train batch. The minibatch is shrunk
    only for tiny batches (tests, quick sweeps), which PPO would otherwise reject.
    """
    options: dict[str, Any] = {"lr": lr, "train_batch_size_per_learner": train_batch_size}
    if train_batch_size < DEFAULT_MINIBATCH_SIZE:
        options["minibatch_size"] = train_batch_size
    return options


def make_config(num_env_runners: int, lr: float, train_batch_size: int, seed: int) -> Any:
    """``PPOConfig`` for CartPole-v1 on the new API stack (PyTorch)."""
    from ray.rllib.algorithms.ppo import PPOConfig

    return (
        PPOConfig()
        .api_stack(enable_rl_module_and_learner=True, enable_env_runner_and_connector_v2=True)
        .environment(ENV_ID)
        .framework("torch")
        .env_runners(num_env_runners=num_env_runners)
        .training(**training_options(lr, train_batch_size))
        .debugging(seed=seed)
    )


def episode_return_mean(result: Mapping[str, Any]) -> float | None:
    """``result["env_runners"]["episode_return_mean"]``; None until an episode has finished."""
    runners = result.get(ENV_RUNNERS)
    value = runners.get(EPISODE_RETURN_MEAN) if isinstance(runners, Mapping) else None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


@dataclass(frozen=True)
class TrainSummary:
    """Where the final checkpoint went and the last known mean episode return."""

    checkpoint: Path
    iterations: int
    episode_return_mean: float | None


def build_algorithm(config: Any) -> Any:
    """``config.build_algo()``; ``build()`` only on Ray releases that predate it."""
    build = getattr(config, "build_algo", None) or config.build
    return build()


def train(
    config: Any,
    iterations: int,
    on_iteration: IterationCallback | None = None,
    checkpoint_dir: str | Path = "outputs/checkpoint",
) -> TrainSummary:
    """Run ``iterations`` training steps, then save the algorithm to ``checkpoint_dir``."""
    algo = build_algorithm(config)
    last: float | None = None
    try:
        for iteration in range(1, iterations + 1):
            result = algo.train()
            value = episode_return_mean(result)
            last = value if value is not None else last
            if on_iteration is not None:
                on_iteration(iteration, value, result)
        saved = algo.save_to_path(str(Path(checkpoint_dir).resolve()))
    finally:
        algo.stop()
    return TrainSummary(Path(str(saved)), iterations, last)


def copy_checkpoint(checkpoint: str | Path, target: str | Path) -> Path:
    """Copy the checkpoint folder into ``target`` (which may be an existing, empty mount)."""
    shutil.copytree(checkpoint, target, dirs_exist_ok=True)
    return Path(target)


def find_module_dir(root: str | Path) -> Path:
    """The RLModule folder inside a checkpoint found anywhere below ``root``.

    Azure ML inserts the registered folder name into ``AZUREML_MODEL_DIR``, so the checkpoint's
    depth is not known in advance. Known layouts are tried in order, shallowest match first.
    """
    base = Path(root)
    candidates = [base, *(p for p in base.rglob(MODULE_ID) if p.is_dir())]
    for pattern in MODULE_PATHS:
        matches = [p for p in candidates if p.parts[-len(pattern) :] == pattern and p.is_dir()]
        if matches:
            return min(matches, key=lambda p: (len(p.parts), str(p)))
    looked_for = ", ".join("/".join(pattern) for pattern in MODULE_PATHS)
    raise FileNotFoundError(f"no RLModule checkpoint under {base} (looked for {looked_for})")


def load_policy(checkpoint_dir: str | Path) -> Any:
    """Restore the trained policy network (``RLModule``) from an algorithm checkpoint.

    Only the module is restored, not the whole Algorithm: no Ray cluster, env runners or
    learners are started, which keeps scoring containers light and fast to boot.
    """
    from ray.rllib.core.rl_module.rl_module import RLModule

    return RLModule.from_checkpoint(str(find_module_dir(checkpoint_dir)))


def greedy_actions(logits: Any) -> list[int]:
    """Best action per row of action-distribution inputs (logits) ``(N, NUM_ACTIONS)``."""
    values = np.asarray(logits)
    if values.ndim != 2 or values.shape[1] != NUM_ACTIONS:
        raise ValueError(f"expected logits of shape (N, {NUM_ACTIONS}), got {values.shape}")
    return [int(action) for action in values.argmax(axis=1)]


def compute_actions(module: Any, observations: np.ndarray) -> list[int]:
    """Deterministic actions: ``forward_inference`` then argmax over ``action_dist_inputs``."""
    import torch
    from ray.rllib.core.columns import Columns

    batch = {Columns.OBS: torch.as_tensor(np.asarray(observations, dtype=np.float32))}
    with torch.no_grad():
        outputs = module.forward_inference(batch)
    return greedy_actions(outputs[Columns.ACTION_DIST_INPUTS].detach().cpu().numpy())
