"""Train PPO on CartPole-v1 with RLlib and keep the final checkpoint as the model.

Runs unchanged locally (``python src/train.py``: local ``ray.init()``) and as an Azure ML command
job on one node or several (``distribution: {type: mpi, process_count_per_instance: 1}``; see
``cluster.py`` for how the Ray cluster is formed and why). On a multi-node job the head node
(rank 0) trains and tracks with MLflow; the other nodes join the Ray cluster and wait for it.

Outputs: the checkpoint in ``--checkpoint-dir`` and a copy in ``--model-output`` (the job output
to register). MLflow has no RLlib flavor, so the checkpoint folder is also logged with
``mlflow.log_artifacts``. Metrics per iteration: ``env_runners/episode_return_mean`` (RLlib's
own name; MLflow allows ``/``) and ``episode_return_mean`` (the sweep objective).
Ray and MLflow are imported inside functions so tests can import this module without them.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import extensions
from cluster import RayRole, detect_role, ray_cli, run_worker, start_head, stop_command, wait_until
from model import copy_checkpoint, make_config, train

OBJECTIVE = "episode_return_mean"
RLLIB_METRIC = "env_runners/episode_return_mean"
NODE_WAIT_SECONDS = 600.0

logger = logging.getLogger(__name__)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line the generated job YAML (and sweep) passes."""
    parser = argparse.ArgumentParser(description="Train PPO on CartPole-v1 with RLlib.")
    parser.add_argument("--iterations", type=int, default=10, help="algo.train() calls")
    parser.add_argument("--num-env-runners", type=int, default=2, help="sampling actors")
    parser.add_argument("--learning-rate", type=float, default=0.0003)
    parser.add_argument("--train-batch-size", type=int, default=4000, help="env steps per update")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--checkpoint-dir", default="outputs/checkpoint")
    parser.add_argument(
        "--model-output", default="outputs/model", help="copy of the final checkpoint (job output)"
    )
    extensions.add_arguments(parser)
    args = parser.parse_args(argv)
    if args.iterations < 1 or args.num_env_runners < 0 or args.train_batch_size < 1:
        parser.error("--iterations and --train-batch-size must be >= 1, --num-env-runners >= 0")
    if args.learning_rate <= 0:
        parser.error("--learning-rate must be > 0")
    return args


def check_output_dir(path: str | Path, flag: str) -> None:
    """Refuse a non-empty output folder before training, so old files never mix with new ones.

    Azure ML mounts a job output as an existing EMPTY folder, which is fine. Nothing is deleted
    here: on Azure ML the folder is a mount point.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"{flag} {folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise FileExistsError(
            f"{flag} {folder} exists and is not empty; pass a new or empty folder "
            "(or delete the old checkpoint first)."
        )


def iteration_metrics(episode_return: float | None) -> dict[str, float]:
    """Metrics for one iteration; nothing before the first episode has finished (no NaN)."""
    if episode_return is None:
        return {}
    return {RLLIB_METRIC: episode_return, OBJECTIVE: episode_return}


def iteration_logger(
    log_metrics: Callable[..., Any],
) -> Callable[[int, float | None, Mapping[str, Any]], None]:
    """``on_iteration`` callback that logs the metrics with the iteration as the step."""

    def on_iteration(iteration: int, episode_return: float | None, _: Mapping[str, Any]) -> None:
        metrics = iteration_metrics(episode_return)
        if metrics:
            log_metrics(metrics, step=iteration)
        print(f"iteration {iteration}: episode_return_mean={episode_return}")

    return on_iteration


def connect_ray(role: RayRole) -> None:
    """Start (head) or reuse (local) Ray, then connect this driver to it."""
    import ray

    if role.kind == "head":
        start_head(role)
        ray.init(address="auto")
        expected = role.size

        def all_nodes_joined() -> bool:
            return sum(1 for node in ray.nodes() if node.get("Alive")) >= expected

        if not wait_until(all_nodes_joined, NODE_WAIT_SECONDS):
            logger.warning("only some of %d nodes joined; training on those present", expected)
    else:
        ray.init()


def run_training(args: argparse.Namespace) -> dict[str, float]:
    """Train with MLflow tracking; save and copy the checkpoint; return the final metric."""
    import mlflow

    with mlflow.start_run():
        mlflow.log_params(
            {
                "iterations": args.iterations,
                "num_env_runners": args.num_env_runners,
                "learning_rate": args.learning_rate,
                "train_batch_size": args.train_batch_size,
                "seed": args.seed,
                "env": "CartPole-v1",
            }
        )
        config = make_config(
            args.num_env_runners, args.learning_rate, args.train_batch_size, args.seed
        )
        ctx = SimpleNamespace(
            framework="rllib", args=args, model=None, mlflow=mlflow,
            outputs_dir=Path("outputs"), metrics={},
        )
        log_iteration = iteration_logger(mlflow.log_metrics)

        def on_iteration(iteration: int, episode_return: float | None, result: Any) -> None:
            log_iteration(iteration, episode_return, result)
            extensions.on_epoch_end(ctx, iteration, iteration_metrics(episode_return))

        summary = train(config, args.iterations, on_iteration, args.checkpoint_dir)
        copy_checkpoint(summary.checkpoint, args.model_output)
        try:
            mlflow.log_artifacts(str(summary.checkpoint), artifact_path="checkpoint")
        except Exception as exc:  # noqa: BLE001 - the job output already holds the checkpoint
            logger.warning("could not log the checkpoint as run artifacts: %s", exc)
        metrics = iteration_metrics(summary.episode_return_mean)
        ctx.model, ctx.metrics = summary.checkpoint, metrics
        metrics.update(extensions.after_training(ctx))
    return metrics


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Join as a worker node, or train on the head / locally; return the final metrics."""
    args = parse_args(argv)
    role = detect_role()
    if role.kind == "worker":
        run_worker(role)
        print(f"rank {role.rank}: the Ray head at {role.address} has stopped; leaving")
        return {}
    check_output_dir(args.checkpoint_dir, "--checkpoint-dir")
    check_output_dir(args.model_output, "--model-output")
    connect_ray(role)
    try:
        metrics = run_training(args)
    finally:
        import ray

        ray.shutdown()
        if role.kind == "head":  # closes the head's port: the workers see it and stop too
            subprocess.run(stop_command(ray_cli()), check=False)
    print(json.dumps(metrics, indent=2))
    return metrics


if __name__ == "__main__":
    main()
