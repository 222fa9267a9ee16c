"""Privacy extra: differentially private training with IBM diffprivlib and an epsilon budget.

With ``--epsilon`` (the job always passes it), ``make_classifier`` returns diffprivlib's
``LogisticRegression(epsilon=..., data_norm=...)``, which train.py puts after the StandardScaler
in place of the plain logistic regression: the model is still linear, so scoring (and the
encryption extra) work unchanged. diffprivlib perturbs the training objective (Chaudhuri et al.,
2011) and splits epsilon across the one-vs-rest classes; its accountant records what was spent.

``data_norm`` bounds the L2 norm of one (scaled) row: rows beyond it are clipped by diffprivlib,
which bounds any single person's influence, as the guarantee requires. After the scaler every
feature has mean 0 and variance 1, so a row's squared norm averages n_features; the default
``2 * sqrt(n_features)`` keeps typical rows intact. It depends only on the number of columns (the
schema), never on data values, so choosing it spends no budget (a norm measured on the data
would leak, and diffprivlib warns about exactly that).

Limit: the StandardScaler's per-feature mean and standard deviation are computed without noise,
so the guarantee covers the coefficients given that scaling, not the scaler's statistics (for
those, see diffprivlib.models.StandardScaler). Why diffprivlib and not SmartNoise: SmartNoise
needs pandas 2, which clashes with the pandas 1.5 of the scikit-learn 1.5 stack this project uses.
"""

from __future__ import annotations

import argparse
import csv
import inspect
import math
from typing import Any

from data import FEATURE_NAMES, resolve_csv

ROWS_NORM_FACTOR = 2.0  # data_norm = ROWS_NORM_FACTOR * sqrt(n_features)


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0 or not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number > 0: {text}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--epsilon",
        type=_positive_float,
        default=None,
        help="differential-privacy budget (smaller = more private, noisier model); "
        "omitted: ordinary training without differential privacy",
    )
    parser.add_argument(
        "--dp-data-norm",
        type=_positive_float,
        default=None,
        help="bound on the L2 norm of a scaled row (rows beyond it are clipped); "
        "default: 2 * sqrt(number of features)",
    )


def default_data_norm(n_features: int) -> float:
    """``2 * sqrt(n_features)``: from the schema only, so it costs no privacy budget."""
    if n_features < 1:
        raise ValueError("need at least one feature")
    return ROWS_NORM_FACTOR * math.sqrt(n_features)


def feature_count(data: str | None, label_column: str | None = None) -> int:
    """Number of feature columns, read from the CSV header only (bundled iris: 4)."""
    if not data:
        return len(FEATURE_NAMES)
    with resolve_csv(data).open(newline="", encoding="utf-8-sig") as handle:
        header = next((row for row in csv.reader(handle) if any(c.strip() for c in row)), [])
    names = [name.strip() for name in header]
    label = label_column or (names[-1] if names else None)
    if label not in names:
        raise ValueError(f"label column {label!r} not in the CSV header {names}")
    return len(names) - 1


def make_classifier(args: argparse.Namespace) -> Any:
    """diffprivlib's logistic regression when ``--epsilon`` is given, else None (the default)."""
    epsilon = getattr(args, "epsilon", None)
    if epsilon is None:
        return None
    try:
        from diffprivlib.accountant import BudgetAccountant
        from diffprivlib.models import LogisticRegression
    except ImportError as exc:
        # Never fall back to plain training: a model the user believes private must not be.
        raise ModuleNotFoundError(
            f"--epsilon needs diffprivlib ({exc}); it is pinned in environment/conda.yaml, "
            "locally: pip install -r requirements-dev.txt",
            name="diffprivlib",
        ) from exc
    data_norm = args.dp_data_norm or default_data_norm(
        feature_count(getattr(args, "data", None), getattr(args, "label_column", None))
    )
    kwargs: dict[str, Any] = {
        "epsilon": epsilon,
        "data_norm": data_norm,
        "C": getattr(args, "C", 1.0),
        "max_iter": getattr(args, "max_iter", 200),
        # Its own accountant: fit() refuses to spend more than this run's budget.
        "accountant": BudgetAccountant(epsilon=epsilon, delta=0.0),
    }
    if "random_state" in inspect.signature(LogisticRegression.__init__).parameters:
        kwargs["random_state"] = getattr(args, "random_state", None)
    print(f"privacy: differentially private training, epsilon={epsilon:g}, data_norm={data_norm:g}")
    return LogisticRegression(**kwargs)


def after_training(ctx: Any) -> dict[str, float] | None:
    """Log the budget with the run and return the epsilon actually spent."""
    epsilon = getattr(ctx.args, "epsilon", None)
    if epsilon is None or ctx.framework != "sklearn":
        return None
    classifier = ctx.model[-1]  # the pipeline's last step: diffprivlib's LogisticRegression
    spent_epsilon, _spent_delta = classifier.accountant.spent
    ctx.mlflow.log_param("epsilon", epsilon)
    ctx.mlflow.log_param("dp_data_norm", classifier.data_norm)
    ctx.mlflow.log_param("dp_library", "diffprivlib")
    return {"epsilon_spent": float(spent_epsilon)}
