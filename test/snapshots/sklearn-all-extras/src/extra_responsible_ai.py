"""Responsible-AI extra: Fairlearn metrics by a sensitive feature and an InterpretML explanation.

After training, ``after_training`` scores the validation rows by group with Fairlearn's
``MetricFrame`` (accuracy, row count, and the selection rate of each class: demographic parity
needs a binary outcome, so a multiclass model is looked at one class at a time). It explains the
trained pipeline with an InterpretML Explainable Boosting Machine fitted as a global surrogate: the
EBM learns the pipeline's own predictions, so its term importances describe the deployed model,
not just the data; EBMs handle multiclass with interpret-core alone (the blackbox explainers need
shap or lime and explain one output at a time); and the surrogate's agreement with the pipeline on
the validation rows ("fidelity") says how far to trust the explanation.

Everything lands in ``outputs/responsible_ai/`` (JSON, PNG, HTML) and in the MLflow run under
``responsible_ai/``. The job passes ``--sensitive-column`` (default ``synthetic``: iris has no
sensitive attribute, see responsible_ai.py). Without the flag, or without the libraries (a bare
local run), training still finishes and no report is made.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from responsible_ai import (
    agreement,
    by_group_rows,
    importance_rows,
    named_numbers,
    render_html,
    sensitive_groups,
    validation_labels,
)

REPORT_DIR = "responsible_ai"
EXPLAINER = "EBM global surrogate (interpret.glassbox.ExplainableBoostingClassifier)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sensitive-column",
        default=None,
        help="feature column to group fairness metrics by; 'synthetic' or 'synthetic:<column>' "
        "derives a labelled demo group from a feature; omitted: no responsible-AI report",
    )


def fairness(y_true: np.ndarray, y_pred: np.ndarray, groups: np.ndarray) -> dict[str, Any]:
    """MetricFrame by group: overall values, one row per group, and the between-group gaps."""
    from fairlearn.metrics import MetricFrame, count, selection_rate
    from sklearn.metrics import accuracy_score

    metrics: dict[str, Any] = {"accuracy": accuracy_score, "count": count}
    for label in np.unique(np.concatenate([y_true, y_pred])):
        metrics[f"selection_rate[{label}]"] = functools.partial(selection_rate, pos_label=label)
    # Keyword-only arguments: MetricFrame takes no positional ones since Fairlearn 0.7.
    frame = MetricFrame(metrics=metrics, y_true=y_true, y_pred=y_pred, sensitive_features=groups)
    table = frame.by_group

    def series(values: Any) -> dict[str, Any]:
        return named_numbers(list(values.index), values.to_numpy())

    return {
        "overall": series(frame.overall),
        "by_group": by_group_rows(list(table.index), list(table.columns), table.to_numpy()),
        "difference": series(frame.difference(method="between_groups")),
        "ratio": series(frame.ratio(method="between_groups")),
    }


def explanation(model: Any, X: np.ndarray, X_val: np.ndarray, feature_names: list[str],
                seed: int) -> dict[str, Any]:
    """Fit an EBM to the model's predictions; return its term importances and fidelity."""
    from interpret.glassbox import ExplainableBoostingClassifier

    predicted = np.asarray(model.predict(X)).astype(str)
    if len(np.unique(predicted)) < 2:
        return {"method": EXPLAINER, "fidelity": None, "importances": [],
                "note": "the model predicts a single class; there is nothing to explain"}
    # interactions=0: main effects only, which every interpret-core release supports for
    # multiclass; n_jobs=1 keeps the job and the tests from spawning worker processes.
    surrogate = ExplainableBoostingClassifier(
        feature_names=list(feature_names), interactions=0, random_state=seed, n_jobs=1
    )
    surrogate.fit(X, predicted)
    fidelity = agreement(surrogate.predict(X_val), np.asarray(model.predict(X_val)).astype(str))
    importances = importance_rows(surrogate.term_names_, surrogate.term_importances())
    return {"method": EXPLAINER, "fidelity": fidelity, "importances": importances}


def _bar_chart(labels: list[str], values: list[float], title: str, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")  # no display in a job
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 0.5 * len(labels) + 1.5))
    ax.barh(labels, values, color="#4472c4")
    ax.set_title(title)
    ax.invert_yaxis()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def write_report(report: dict[str, Any], folder: Path) -> list[Path]:
    """Write the JSON files, the two plots and the HTML page; return every path written."""
    folder.mkdir(parents=True, exist_ok=True)
    rows, ranks = report["fairness"]["by_group"], report["explanation"]["importances"]
    images = [
        _bar_chart([r["group"] for r in rows], [r["accuracy"] or 0.0 for r in rows],
                   "Accuracy by group", folder / "fairness.png"),
    ]
    if ranks:
        images.append(_bar_chart([r["feature"] for r in ranks],
                                 [r["importance"] or 0.0 for r in ranks],
                                 "Term importance (EBM surrogate)", folder / "importance.png"))
    report["images"] = [p.name for p in images]
    files = list(images)
    for name in ("fairness", "explanation"):
        payload = {"sensitive_feature": report["sensitive_feature"], **report[name]}
        path = folder / f"{name}.json"
        path.write_text(json.dumps(payload, indent=2, allow_nan=False) + "\n", encoding="utf-8")
        files.append(path)
    page = folder / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    return files + [page]


def summary_metrics(report: dict[str, Any]) -> dict[str, float]:
    """The scalars worth comparing between runs (MLflow metric names allow no brackets)."""
    gaps = report["fairness"]["difference"]
    rates = [v for k, v in gaps.items() if k.startswith("selection_rate[") and v is not None]
    metrics = {
        "fairness_accuracy_difference": gaps.get("accuracy"),
        "fairness_selection_rate_difference_max": max(rates) if rates else None,
        "explanation_fidelity": report["explanation"].get("fidelity"),
    }
    return {k: float(v) for k, v in metrics.items() if v is not None}


def _log(mlflow: Any, column: str, files: list[Path]) -> None:
    """Log the report to the MLflow run (the offline tests' stand-in has no artifact API)."""
    mlflow.log_param("sensitive_column", column)
    log_artifact = getattr(mlflow, "log_artifact", None)
    for path in files if log_artifact else []:
        log_artifact(str(path), artifact_path=REPORT_DIR)


def _missing_library() -> str | None:
    """Why the report cannot be made here (a library is not installed), or None."""
    for name in ("fairlearn.metrics", "interpret.glassbox", "matplotlib"):
        try:
            importlib.import_module(name)
        except ImportError as exc:
            return str(exc)
    return None


def after_training(ctx: Any) -> dict[str, float] | None:
    """Build, write and log the report; return its summary metrics for train.py to log."""
    column = getattr(ctx.args, "sensitive_column", None)
    if not column or ctx.framework != "sklearn":
        return None
    missing = _missing_library()
    if missing:
        warnings.warn(
            f"responsible-AI report skipped: {missing}. The job environment installs fairlearn, "
            "interpret-core and matplotlib (environment/conda.yaml); locally: "
            "pip install -r requirements-dev.txt",
            RuntimeWarning,
            stacklevel=2,
        )
        return None
    y_val = validation_labels(ctx.X, ctx.y, ctx.X_val)
    groups, info = sensitive_groups(ctx.X, ctx.X_val, ctx.feature_names, column)
    y_pred = np.asarray(ctx.model.predict(ctx.X_val)).astype(str)
    seed = int(getattr(ctx.args, "random_state", 0))
    report = {
        "sensitive_feature": info,
        "fairness": fairness(y_val.astype(str), y_pred, groups),
        "explanation": explanation(ctx.model, ctx.X, ctx.X_val, list(ctx.feature_names), seed),
    }
    files = write_report(report, Path(ctx.outputs_dir) / REPORT_DIR)
    _log(ctx.mlflow, column, files)
    return summary_metrics(report)
