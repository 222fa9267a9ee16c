"""Train the MNIST digit classifier (tf.keras + tf.data); save an MLflow model and a SavedModel.

Runs unchanged locally (``python src/train.py --data <mnist folder>``) and as an Azure ML command
job, on one node or several (``distribution: {type: tensorflow}``, which sets ``TF_CONFIG``).

``--data`` is required: the job mounts MNIST as a ``uri_folder`` (IDX files or ``mnist.npz``, see
``data.py``). Nothing is downloaded at run time, and there is no scikit-learn fallback because
scikit-learn is not part of the TensorFlow image.

Only the chief (worker 0) tracks with MLflow and writes ``--model-output``; the other workers
train in lock-step and save to a temp folder. MLflow and TensorFlow are imported inside
functions so tests can import this module for its argument parser without either.
"""

from __future__ import annotations

import argparse
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import extensions
from data import NUM_CLASSES, Mnist, load_mnist, to_model_input
from distributed import is_chief, prepare_tf_config, save_dir_for, worker_count
from model import (
    INPUT_SHAPE,
    make_strategy,
    predict_proba,
    save_artifacts,
    serving_module,
    standalone_copy,
    train,
)

OBJECTIVE_METRICS = ("val_accuracy", "val_loss")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line the generated job YAML (and sweep) passes."""
    parser = argparse.ArgumentParser(description="Train the MNIST digit classifier.")
    parser.add_argument(
        "--data", required=True, help="folder with the MNIST IDX files or mnist.npz (job input)"
    )
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=64, help="per worker (replica)")
    parser.add_argument("--learning-rate", type=float, default=0.001)
    parser.add_argument(
        "--model-output",
        default="outputs/model",
        help="folder for the MLflow model (must be missing or empty)",
    )
    parser.add_argument(
        "--onnx-output", default=None, help="also export ONNX in the Triton layout here"
    )
    parser.add_argument("--triton-model-name", default="model")
    extensions.add_arguments(parser)
    args = parser.parse_args(argv)
    if args.epochs < 1 or args.batch_size < 1 or args.learning_rate <= 0:
        parser.error("--epochs and --batch-size must be >= 1 and --learning-rate > 0")
    return args


def check_output_dir(path: str | Path) -> None:
    """Refuse a non-empty output folder before training, not after.

    ``mlflow.tensorflow.save_model`` rejects a non-empty directory, while Azure ML mounts the
    job output as an existing EMPTY folder, which is fine. The folder is never deleted here: on
    Azure ML it is a mount point.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"--model-output {folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise FileExistsError(
            f"--model-output {folder} exists and is not empty; MLflow will not overwrite a "
            "model. Pass a new or empty folder (or delete the old model first)."
        )


def enable_autolog(autolog: Callable[..., Any]) -> None:
    """Metrics/params autologging without models, dataset digests or per-epoch checkpoints.

    ``log_models=False``: autologged models lack ``azureml-ai-monitoring`` and, on MLflow 3, hit
    the logged-models API that the Azure ML tracking server does not implement (404). The other
    two options only exist in newer MLflow, hence the fallback.
    """
    try:
        autolog(log_models=False, log_datasets=False, checkpoint=False)
    except TypeError:
        autolog(log_models=False)


def epoch_logger(log_metric: Callable[..., Any]) -> Callable[[int, dict[str, float]], None]:
    """Keras epoch callback that logs the sweep objective explicitly (autolog may be off)."""

    def on_epoch_end(epoch: int, logs: dict[str, float]) -> None:
        for name in OBJECTIVE_METRICS:
            if name in logs:
                log_metric(name, float(logs[name]), step=epoch)

    return on_epoch_end


def _epoch_hooks(mlflow: Any, ctx: SimpleNamespace) -> Callable[[int, dict[str, float]], None]:
    """Log the objective, then give the extras (src/extensions.py) their per-epoch turn."""
    log_epoch = epoch_logger(mlflow.log_metric)

    def on_epoch_end(epoch: int, logs: dict[str, float]) -> None:
        log_epoch(epoch, logs)
        extensions.on_epoch_end(ctx, epoch, {k: float(v) for k, v in logs.items()})

    return on_epoch_end


def final_metrics(history: dict[str, list[float]]) -> dict[str, float]:
    """Last-epoch values of the objective metrics."""
    return {name: history[name][-1] for name in OBJECTIVE_METRICS if history.get(name)}


def _fit(args: argparse.Namespace, mnist: Mnist, strategy: Any, on_epoch_end: Any = None) -> Any:
    return train(
        mnist.x_train,
        mnist.y_train,
        mnist.x_test,
        mnist.y_test,
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        strategy=strategy,
        on_epoch_end=on_epoch_end,
    )


def run_worker(args: argparse.Namespace, mnist: Mnist, strategy: Any) -> dict[str, float]:
    """Non-chief: train in lock-step with the chief, save to a temp folder, delete it."""
    model, history = _fit(args, mnist, strategy)
    target = save_dir_for(args.model_output, chief=False)
    try:
        save_artifacts(standalone_copy(model, args.learning_rate), target)
    finally:
        shutil.rmtree(target, ignore_errors=True)
    return final_metrics(history)


def run_chief(
    args: argparse.Namespace, mnist: Mnist, strategy: Any, workers: int
) -> dict[str, float]:
    """Chief: track with MLflow, train, save the MLflow model + SavedModel (+ ONNX)."""
    import mlflow
    import mlflow.tensorflow
    from mlflow.models import infer_signature

    enable_autolog(mlflow.tensorflow.autolog)
    with mlflow.start_run():
        mlflow.log_params(
            {
                "epochs": args.epochs,
                "batch_size": args.batch_size,
                "learning_rate": args.learning_rate,
                "workers": workers,
                "train_images": len(mnist.y_train),
                "val_images": len(mnist.y_test),
            }
        )
        ctx = SimpleNamespace(
            framework="tensorflow", args=args, model=None, mnist=mnist, mlflow=mlflow,
            outputs_dir=Path("outputs"), metrics={},
        )
        model, history = _fit(args, mnist, strategy, _epoch_hooks(mlflow, ctx))
        metrics = final_metrics(history)

        plain = standalone_copy(model, args.learning_rate)
        sample = to_model_input(mnist.x_test[:5])
        # save_model, never log_model: log_model returns 404 on Azure ML with MLflow 3.
        # A tf.Module (not the Keras model): see model.serving_module for why.
        mlflow.tensorflow.save_model(
            serving_module(plain),
            args.model_output,
            signature=infer_signature(sample, predict_proba(plain, sample)),
            # No input_example: Azure ML's no-code scorer casts requests to the stored example's
            # dtype, which JSON turns into float64, and the float32 signature then rejects them.
            extra_pip_requirements=["azureml-ai-monitoring"],
        )
        # SavedModel + labels.json next to MLmodel: score.py never needs MLflow or Keras.
        saved_model = save_artifacts(plain, args.model_output)
        if args.onnx_output:
            from onnx_export import export_saved_model

            onnx_path = export_saved_model(
                saved_model, args.onnx_output, args.triton_model_name, INPUT_SHAPE, NUM_CLASSES
            )
            mlflow.set_tag("onnx_model", str(onnx_path))
        ctx.model, ctx.metrics = plain, metrics
        metrics.update(extensions.after_training(ctx))
    return metrics


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Train (single- or multi-worker) and return the final validation metrics."""
    args = parse_args(argv)
    tf_config = prepare_tf_config()  # drop an empty "ps" BEFORE the strategy reads TF_CONFIG
    chief, workers = is_chief(tf_config), worker_count(tf_config)
    strategy = make_strategy(workers)
    if chief:
        check_output_dir(args.model_output)
    mnist = load_mnist(args.data)
    if chief:
        metrics = run_chief(args, mnist, strategy, workers)
    else:
        metrics = run_worker(args, mnist, strategy)
    print(json.dumps(metrics, indent=2))
    return metrics


if __name__ == "__main__":
    main()
