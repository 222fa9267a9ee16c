"""Extension points of train.py: one ``extra_<id>.py`` module per extra chosen at generation.

train.py calls these at fixed points, so adding an extra (``aml-scaffold add <extra>``) adds a
module here instead of editing the training code. Each module may define any of:

- ``add_arguments(parser)``: extra command-line flags;
- ``make_classifier(args)``: scikit-learn only; a classifier to train instead of the default
  logistic regression (the first extra that returns one wins);
- ``on_epoch_end(ctx, epoch, metrics)``: per-epoch hook for iterative frameworks;
- ``after_training(ctx) -> dict | None``: runs once on the main process after the model is trained;
  returns extra metrics, which are logged to ``ctx.mlflow`` here and returned to train.py.

``ctx`` is a ``types.SimpleNamespace`` built by train.py. Extra modules import their own
libraries inside these functions, so importing this file stays cheap.
"""

from __future__ import annotations

import argparse
from typing import Any

EXTRAS: list[Any] = []


def add_arguments(parser: argparse.ArgumentParser) -> None:
    for extra in EXTRAS:
        if hasattr(extra, "add_arguments"):
            extra.add_arguments(parser)


def make_classifier(args: argparse.Namespace) -> Any:
    for extra in EXTRAS:
        if hasattr(extra, "make_classifier"):
            classifier = extra.make_classifier(args)
            if classifier is not None:
                return classifier
    return None


def on_epoch_end(ctx: Any, epoch: int, metrics: dict[str, float]) -> None:
    for extra in EXTRAS:
        if hasattr(extra, "on_epoch_end"):
            extra.on_epoch_end(ctx, epoch, metrics)


def after_training(ctx: Any) -> dict[str, float]:
    metrics: dict[str, float] = {}
    for extra in EXTRAS:
        if hasattr(extra, "after_training"):
            metrics.update(extra.after_training(ctx) or {})
    if metrics:
        ctx.mlflow.log_metrics(metrics)
    return metrics
