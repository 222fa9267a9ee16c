"""Training entry point: arguments, MLflow tracking and saving around the pure ``model.fit``.

Runs unchanged on a laptop (one process, local paths) and as an Azure ML job with
``distribution: {type: pytorch}`` (one process per GPU). Only rank 0 talks to MLflow and writes
outputs; MLflow is imported inside ``main`` so the other modules and the tests never need it.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from types import ModuleType, SimpleNamespace

import numpy as np
import torch

import distributed
import extensions
from data import DataBundle, make_loaders
from model import EpochCallback, Metrics, build_model, export_onnx, fit, save_artifacts

MONITORING_REQUIREMENT = "azureml-ai-monitoring"


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1: {text}")
    return value


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0: {text}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be > 0: {text}")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The job YAML and the sweep call exactly these flags."""
    parser = argparse.ArgumentParser(description="Fine-tune ResNet-18 on an image folder.")
    parser.add_argument(
        "--data", required=True, help="folder (or .zip) containing train/<class>/ and val/<class>/"
    )
    parser.add_argument("--epochs", type=_positive_int, default=5)
    parser.add_argument("--batch-size", type=_positive_int, default=32)
    parser.add_argument("--learning-rate", type=_positive_float, default=0.001)
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--image-size", type=_positive_int, default=224)
    parser.add_argument("--num-workers", type=_non_negative_int, default=4)
    parser.add_argument(
        "--pretrained",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="start from ImageNet weights (downloaded once by rank 0)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--checkpoint-dir", default="outputs/checkpoints")
    parser.add_argument(
        "--model-output",
        default="outputs/model",
        help="MLflow model folder (job output of type mlflow_model)",
    )
    parser.add_argument(
        "--onnx-output", default=None, help="optional Triton model repository for the ONNX export"
    )
    parser.add_argument("--triton-model-name", default="model")
    extensions.add_arguments(parser)
    return parser.parse_args(argv)


def _params(args: argparse.Namespace, bundle: DataBundle, world_size: int) -> dict[str, object]:
    """Hyperparameters worth comparing between runs (and sweep trials)."""
    return {
        "epochs": args.epochs,
        "batch_size": args.batch_size,
        "learning_rate": args.learning_rate,
        "momentum": args.momentum,
        "image_size": args.image_size,
        "pretrained": args.pretrained,
        "seed": args.seed,
        "num_classes": len(bundle.classes),
        "world_size": world_size,
    }


def _input_example(bundle: DataBundle) -> np.ndarray:
    """One real, normalised validation image shaped [1, 3, H, W] for the MLflow signature."""
    image, _label = bundle.val_loader.dataset[0]
    return image.unsqueeze(0).numpy().astype(np.float32)


def save_mlflow_model(
    mlflow: ModuleType, model: torch.nn.Module, example: np.ndarray, output_dir: str
) -> None:
    """``save_model`` (never ``log_model``: 404 on Azure ML with MLflow 3) into the job output.

    Saving into a fresh temp folder and copying works whether Azure ML mounted an existing
    empty folder or a local re-run left files behind, on MLflow 2 and 3 alike.
    """
    from mlflow.models import infer_signature

    with torch.no_grad():
        prediction = model(torch.from_numpy(example)).numpy()
    signature = infer_signature(example, prediction)
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / "model"
        mlflow.pytorch.save_model(
            model,
            str(staged),
            signature=signature,
            # No input_example: Azure ML's no-code scorer casts requests to the stored example's
            # dtype, which JSON turns into float64, and the float32 signature then rejects them.
            extra_pip_requirements=[MONITORING_REQUIREMENT],
        )
        Path(output_dir).mkdir(parents=True, exist_ok=True)
        shutil.copytree(staged, output_dir, dirs_exist_ok=True)


def _epoch_logger(mlflow: ModuleType, ctx: SimpleNamespace) -> EpochCallback:
    """Per-epoch metrics; ``val_accuracy`` is the objective a sweep reads."""

    def log(epoch: int, metrics: Metrics) -> None:
        values = {name: value for name, value in metrics.items() if name != "epoch"}
        mlflow.log_metrics(values, step=epoch)
        extensions.on_epoch_end(ctx, epoch, values)
        print(f"epoch {epoch}: " + ", ".join(f"{k}={v:.4f}" for k, v in values.items()))

    return log


def _fit(
    args: argparse.Namespace,
    bundle: DataBundle,
    model: torch.nn.Module,
    device: torch.device,
    on_epoch_end: EpochCallback | None = None,
) -> tuple[torch.nn.Module, Metrics]:
    """The pure training call with this run's hyperparameters."""
    return fit(
        model,
        bundle.train_loader,
        bundle.val_loader,
        epochs=args.epochs,
        learning_rate=args.learning_rate,
        momentum=args.momentum,
        device=device,
        checkpoint_dir=args.checkpoint_dir,
        on_epoch_end=on_epoch_end,
    )


def _train(args: argparse.Namespace, env: distributed.DistEnv) -> Metrics:
    """Every rank trains; rank 0 alone tracks with MLflow and writes the model outputs."""
    torch.manual_seed(args.seed)
    device = distributed.device_for(env)
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
    bundle = make_loaders(
        args.data,
        args.image_size,
        args.batch_size,
        args.num_workers,
        rank=env.rank,
        world_size=env.world_size,
        seed=args.seed,
    )
    main_process = env.rank == 0
    # Only rank 0 downloads the pretrained weights; DDP broadcasts rank 0's state to the others.
    model = build_model(len(bundle.classes), pretrained=args.pretrained and main_process)
    if not main_process:
        return _fit(args, bundle, model, device)[1]

    import mlflow.pytorch  # binds ``mlflow`` with the pytorch flavor loaded

    ctx = SimpleNamespace(
        framework="pytorch", args=args, bundle=bundle, model=model, device=device,
        mlflow=mlflow, outputs_dir=Path("outputs"), metrics={},
    )
    with mlflow.start_run():
        mlflow.log_params(_params(args, bundle, env.world_size))
        model, metrics = _fit(args, bundle, model, device, on_epoch_end=_epoch_logger(mlflow, ctx))
        model = model.cpu().to(memory_format=torch.contiguous_format).eval()
        save_mlflow_model(mlflow, model, _input_example(bundle), args.model_output)
        save_artifacts(model, bundle.classes, args.image_size, args.model_output)
        if args.onnx_output:
            export_onnx(model, args.image_size, args.onnx_output, args.triton_model_name)
        ctx.model, ctx.metrics = model, metrics
        metrics = {**metrics, **extensions.after_training(ctx)}
    return metrics


def main(argv: list[str] | None = None) -> Metrics:
    """Parse, join the process group if launched distributed, train, save; always clean up."""
    args = parse_args(argv)
    env = distributed.init_distributed()
    try:
        return _train(args, env)
    finally:
        distributed.cleanup()


if __name__ == "__main__":
    main()
