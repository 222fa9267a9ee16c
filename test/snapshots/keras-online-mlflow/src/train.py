"""Train the MNIST digit classifier with Keras 3; save an MLflow (pyfunc) model and model.keras.

Runs unchanged locally (``python src/train.py --data <mnist folder>``) and as an Azure ML command
job. ``--data`` is required: the job mounts MNIST as a ``uri_folder`` (IDX files or
``mnist.npz``, see ``data.py``); nothing is downloaded at run time.

Training is single-node: Keras 3 ``model.fit`` fails under ``MultiWorkerMirroredStrategy``
(keras-team/keras#20585), so the generator refuses ``--nodes`` > 1 for Keras and this script stops
with a clear message if a job gives it a multi-worker ``TF_CONFIG`` anyway.

The environment (written by the generator) pins ``keras==3.x`` with ``tensorflow`` and sets
``KERAS_BACKEND=tensorflow`` and ``TF_USE_LEGACY_KERAS=0``; see ``model.py`` for why.
MLflow and Keras are imported inside functions so tests can import this module without them.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import extensions
from data import NUM_CLASSES, Mnist, load_mnist, to_model_input
from model import (
    INPUT_SHAPE,
    backend_name,
    export_saved_model,
    predict_proba,
    save_artifacts,
    train,
)

OBJECTIVE_METRICS = ("val_accuracy", "val_loss")
SRC = Path(__file__).resolve().parent
# Shipped inside the MLflow model (code_paths) so the pyfunc wrapper can import them at load time.
PYFUNC_CODE = ("pyfunc_model.py", "model.py", "data.py", "payload.py")
BACKEND_PACKAGES = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line the generated job YAML (and sweep) passes."""
    parser = argparse.ArgumentParser(description="Train the MNIST digit classifier (Keras 3).")
    parser.add_argument(
        "--data", required=True, help="folder with the MNIST IDX files or mnist.npz (job input)"
    )
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=64)
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

    ``mlflow.pyfunc.save_model`` rejects a non-empty directory, while Azure ML mounts the job
    output as an existing EMPTY folder, which is fine. The folder is never deleted here: on
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


def check_single_worker(environ: Mapping[str, str] | None = None) -> None:
    """Stop with a clear message when ``TF_CONFIG`` lists several workers.

    Azure ML sets ``TF_CONFIG`` for ``distribution: {type: tensorflow}``. Keras 3 cannot train
    under ``MultiWorkerMirroredStrategy`` (keras-team/keras#20585: ``model.fit`` fails on
    ``PerReplica`` inputs), and training the same model independently on every node would only
    race on the output, so a multi-worker job is refused before any work is done.
    """
    env = os.environ if environ is None else environ
    try:
        config = json.loads(env.get("TF_CONFIG", "").strip() or "{}")
    except ValueError:
        config = {}  # nothing here reads TF_CONFIG otherwise (no tf.distribute strategy)
    cluster = config.get("cluster") if isinstance(config, dict) else None
    if not isinstance(cluster, dict):
        return
    workers = len(cluster.get("worker") or []) + len(cluster.get("chief") or [])
    if workers > 1:
        raise SystemExit(
            f"TF_CONFIG lists {workers} workers, but Keras 3 trains on one node only "
            "(keras-team/keras#20585); remove the job's distribution block and set "
            "resources.instance_count to 1, or use the tensorflow framework for multi-node."
        )


def enable_autolog(autolog: Callable[..., Any]) -> None:
    """Metrics/params autologging without models or dataset digests.

    ``log_models=False``: autologged models lack ``azureml-ai-monitoring`` and, on MLflow 3, hit
    the logged-models API that the Azure ML tracking server does not implement (404).
    ``log_datasets`` only exists in newer MLflow, hence the fallback.
    """
    try:
        autolog(log_models=False, log_datasets=False)
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


def model_requirements(keras_version: str, backend: str, backend_version: str | None) -> list[str]:
    """Pip requirements of the MLflow model beyond what MLflow infers.

    Keras and its backend are pinned explicitly because MLflow's requirement inference for a
    pyfunc model can silently fall back to "mlflow only"; a local version tag (``+cu121``) is
    dropped because no package index serves it.
    """
    requirements = ["azureml-ai-monitoring", f"keras=={keras_version}"]
    package = BACKEND_PACKAGES.get(backend)
    if package and backend_version:
        requirements.append(f"{package}=={backend_version.split('+')[0]}")
    return requirements


def _installed_version(package: str | None) -> str | None:
    if package is None:
        return None
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _fit(args: argparse.Namespace, mnist: Mnist, on_epoch_end: Any = None) -> Any:
    return train(
        mnist.x_train,
        mnist.y_train,
        mnist.x_test,
        mnist.y_test,
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        on_epoch_end=on_epoch_end,
    )


def export_onnx(model: Any, args: argparse.Namespace, backend: str) -> Path:
    """ONNX in the Triton layout: SavedModel + tf2onnx on tensorflow, Keras' exporter otherwise.

    The native exporter picks its own tensor names, so no ``config.pbtxt`` is written for it
    (the file is optional for ONNX: Triton reads names and shapes from the model).
    """
    from onnx_export import export_saved_model as saved_model_to_onnx
    from onnx_export import triton_paths

    if backend == "tensorflow":
        with tempfile.TemporaryDirectory() as tmp:
            saved_model = export_saved_model(model, Path(tmp) / "saved_model")
            return saved_model_to_onnx(
                saved_model, args.onnx_output, args.triton_model_name, INPUT_SHAPE, NUM_CLASSES
            )
    onnx_path, _ = triton_paths(args.onnx_output, args.triton_model_name)
    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    model.export(str(onnx_path), format="onnx")
    return onnx_path


def save_mlflow_model(model: Any, out_dir: str, sample: Any, backend: str) -> None:
    """Save the pyfunc MLflow model (see ``pyfunc_model.py`` for why not a Keras flavor)."""
    import keras
    import mlflow.pyfunc
    from mlflow.models import infer_signature

    from pyfunc_model import DigitClassifier

    with tempfile.TemporaryDirectory() as tmp:
        keras_file = save_artifacts(model, tmp)
        # save_model, never log_model: log_model returns 404 on Azure ML with MLflow 3.
        mlflow.pyfunc.save_model(
            path=out_dir,
            python_model=DigitClassifier(backend=backend),
            artifacts={"model": str(keras_file)},
            code_paths=[str(SRC / name) for name in PYFUNC_CODE],
            signature=infer_signature(sample, predict_proba(model, sample)),
            # No input_example: Azure ML's no-code scorer casts requests to the stored example's
            # dtype, which JSON turns into float64, and the float32 signature then rejects them.
            extra_pip_requirements=model_requirements(
                keras.__version__, backend, _installed_version(BACKEND_PACKAGES.get(backend))
            ),
        )


def run_training(args: argparse.Namespace, mnist: Mnist) -> dict[str, float]:
    """Track with MLflow, train, save the MLflow model + model.keras (+ ONNX)."""
    import mlflow

    enable_autolog(mlflow.autolog)
    backend = backend_name()
    with mlflow.start_run():
        mlflow.log_params(
            {
                "epochs": args.epochs,
                "batch_size": args.batch_size,
                "learning_rate": args.learning_rate,
                "keras_backend": backend,
                "train_images": len(mnist.y_train),
                "val_images": len(mnist.y_test),
            }
        )
        ctx = SimpleNamespace(
            framework="keras", args=args, model=None, mnist=mnist, mlflow=mlflow,
            outputs_dir=Path("outputs"), metrics={},
        )
        model, history = _fit(args, mnist, _epoch_hooks(mlflow, ctx))
        metrics = final_metrics(history)

        save_mlflow_model(model, args.model_output, to_model_input(mnist.x_test[:5]), backend)
        # model.keras + labels.json next to MLmodel: score.py never needs MLflow.
        save_artifacts(model, args.model_output)
        if args.onnx_output:
            mlflow.set_tag("onnx_model", str(export_onnx(model, args, backend)))
        ctx.model, ctx.metrics = model, metrics
        metrics.update(extensions.after_training(ctx))
    return metrics


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Train on one node and return the final validation metrics."""
    args = parse_args(argv)
    check_single_worker()
    check_output_dir(args.model_output)
    metrics = run_training(args, load_mnist(args.data))
    print(json.dumps(metrics, indent=2))
    return metrics


if __name__ == "__main__":
    main()
