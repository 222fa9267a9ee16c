"""Train the iris classifier and save it as an MLflow model plus plain pickle artifacts.

Runs unchanged locally (``python src/train.py``) and as an Azure ML command job, where
``--model-output`` is the job output declared ``type: mlflow_model``. MLflow is imported inside
``main()`` so that tests can import this module (for its argument parser) without MLflow.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import SimpleNamespace

import extensions
from data import load_dataset
from model import export_onnx, save_artifacts, train_and_evaluate


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line the generated job YAML (and sweep) passes."""
    parser = argparse.ArgumentParser(description="Train the iris classifier.")
    parser.add_argument("--data", default=None,
                        help="CSV file, or folder holding one CSV; default: bundled iris")
    parser.add_argument("--label-column", default=None,
                        help="label column name; default: the last column")
    parser.add_argument("--C", type=float, default=1.0,
                        help="inverse regularisation strength")
    parser.add_argument("--max-iter", type=int, default=200)
    parser.add_argument("--test-size", type=float, default=0.2)
    parser.add_argument("--random-state", type=int, default=42)
    parser.add_argument("--model-output", default="outputs/model",
                        help="folder for the MLflow model (must be missing or empty)")
    parser.add_argument("--onnx-output", default=None,
                        help="also export ONNX (skl2onnx) as a Triton model repository here")
    parser.add_argument("--triton-model-name", default="model",
                        help="model folder name inside the Triton repository")
    extensions.add_arguments(parser)
    return parser.parse_args(argv)


def check_output_dir(path: str | Path) -> None:
    """Refuse a non-empty output folder before training, not after.

    ``mlflow.sklearn.save_model`` rejects a non-empty directory, while Azure ML mounts the job
    output as an existing EMPTY folder, which is fine. The folder is never deleted here: on Azure
    ML it is a mount point.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"--model-output {folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise FileExistsError(
            f"--model-output {folder} exists and is not empty; MLflow will not overwrite a "
            "model. Pass a new or empty folder (or delete the old model first)."
        )


def main(argv: list[str] | None = None) -> dict[str, float | int]:
    """Train, log params/metrics to MLflow, save the model; return the metrics."""
    import mlflow
    import mlflow.sklearn
    from mlflow.models import infer_signature

    args = parse_args(argv)
    check_output_dir(args.model_output)
    X, y, feature_names = load_dataset(args.data, args.label_column)

    # log_models=False: autologged models lack azureml-ai-monitoring and, on MLflow 3, hit the
    # logged-models API that the Azure ML tracking server does not implement (404).
    mlflow.sklearn.autolog(log_models=False)
    with mlflow.start_run():
        mlflow.log_params({
            "C": args.C,
            "max_iter": args.max_iter,
            "test_size": args.test_size,
            "random_state": args.random_state,
            "data": args.data or "sklearn.datasets.load_iris",
            "n_features": len(feature_names),
        })
        model, metrics, X_val = train_and_evaluate(
            X, y, C=args.C, max_iter=args.max_iter,
            test_size=args.test_size, random_state=args.random_state,
            classifier=extensions.make_classifier(args),
        )
        mlflow.log_metric("val_accuracy", metrics["val_accuracy"])
        mlflow.log_metric("val_f1_macro", metrics["val_f1_macro"])
        mlflow.log_metrics({"train_rows": metrics["train_rows"], "val_rows": metrics["val_rows"]})

        signature = infer_signature(X_val, model.predict(X_val))
        # save_model, never log_model: log_model returns 404 on Azure ML with MLflow 3.
        mlflow.sklearn.save_model(
            model,
            args.model_output,
            serialization_format=mlflow.sklearn.SERIALIZATION_FORMAT_PICKLE,
            signature=signature,
            input_example=X_val[:5],
            extra_pip_requirements=["azureml-ai-monitoring"],
        )
        # Plain pickle + features.json next to MLmodel: score.py never needs MLflow.
        save_artifacts(model, feature_names, args.model_output)
        if args.onnx_output:
            # <onnx-output>/<name>/1/model.onnx + config.pbtxt: registered as a triton_model.
            export_onnx(model, len(feature_names), args.onnx_output, args.triton_model_name)

        ctx = SimpleNamespace(
            framework="sklearn", args=args, model=model, X=X, y=y, X_val=X_val,
            feature_names=feature_names, metrics=metrics, mlflow=mlflow,
            outputs_dir=Path("outputs"),
        )
        metrics.update(extensions.after_training(ctx))

    print(json.dumps(metrics, indent=2))
    return metrics


if __name__ == "__main__":
    main()
