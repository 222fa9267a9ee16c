"""Pure helpers of the responsible-AI report: sensitive groups, JSON rows and the HTML page.

numpy and the standard library only, so the offline tests run them anywhere. The Fairlearn,
InterpretML and matplotlib calls live in ``extra_responsible_ai.py``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

SYNTHETIC = "synthetic"
MAX_GROUPS = 10  # a column with more distinct values is split at its median instead
SYNTHETIC_NOTE = (
    "SYNTHETIC group for demonstration only: the data has no sensitive attribute, so rows are "
    "split at the median of a feature. Pass --sensitive-column <column> for a real one."
)


def _median_split(
    all_values: np.ndarray, eval_values: np.ndarray, name: str
) -> tuple[np.ndarray, float]:
    """Two groups, ``<name> <= m`` and ``<name> > m``, with ``m`` the median over all rows."""
    threshold = float(np.median(all_values))
    low, high = f"{name} <= {threshold:g}", f"{name} > {threshold:g}"
    return np.where(eval_values <= threshold, low, high).astype(str), threshold


def sensitive_groups(
    X: np.ndarray, X_eval: np.ndarray, feature_names: Sequence[str], column: str
) -> tuple[np.ndarray, dict[str, Any]]:
    """Return a group label per row of ``X_eval`` and a description of how groups were made.

    ``column`` is ``synthetic`` (the first feature split at its median), ``synthetic:<feature>``
    (that feature split at its median), or a feature column's name: its values are the groups
    when it has at most ``MAX_GROUPS`` distinct values, otherwise it is split at its median.
    """
    names = list(feature_names)
    synthetic = column == SYNTHETIC or column.startswith(SYNTHETIC + ":")
    name = column
    if synthetic:
        name = column[len(SYNTHETIC) + 1:] or names[0]
    if name not in names:
        raise ValueError(
            f"--sensitive-column {column!r}: no feature column {name!r}; use one of "
            f"{', '.join(names)}, or {SYNTHETIC!r} / '{SYNTHETIC}:<column>' for a synthetic group"
        )
    index = names.index(name)
    all_values = np.asarray(X, dtype=np.float64)[:, index]
    eval_values = np.asarray(X_eval, dtype=np.float64)[:, index]
    info: dict[str, Any] = {"column": column, "feature": name, "synthetic": synthetic}
    distinct = np.unique(all_values)
    if not synthetic and len(distinct) <= MAX_GROUPS:
        info["rule"] = "one group per value"
        return np.array([f"{name}={value:g}" for value in eval_values]), info
    groups, threshold = _median_split(all_values, eval_values, name)
    info["rule"] = f"split at the median ({threshold:g})"
    if synthetic:
        info["note"] = SYNTHETIC_NOTE
    return groups, info


def validation_labels(X: np.ndarray, y: np.ndarray, X_val: np.ndarray) -> np.ndarray:
    """Recover the labels of ``X_val`` by looking its rows up in ``(X, y)``.

    train.py hands the hooks ``X``, ``y`` and ``X_val`` but not ``y_val``; a lookup does not
    depend on how the split was drawn. Identical feature rows with different labels (rare) take
    the label of the first such row.
    """
    first: dict[bytes, Any] = {}
    for row, label in zip(np.asarray(X, dtype=np.float64), np.asarray(y)):
        first.setdefault(row.tobytes(), label)
    rows = np.asarray(X_val, dtype=np.float64)
    missing = [i for i, row in enumerate(rows) if row.tobytes() not in first]
    if missing:
        raise ValueError(f"{len(missing)} validation rows are not in the training data")
    return np.array([first[row.tobytes()] for row in rows])


def json_number(value: Any) -> float | int | None:
    """A JSON-safe number: numpy scalars become Python numbers, NaN and infinity become None."""
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    number = float(value)
    return number if math.isfinite(number) else None


def by_group_rows(
    groups: Sequence[Any], metric_names: Sequence[str], values: Any
) -> list[dict[str, Any]]:
    """Turn a by-group table (one row per group, one column per metric) into JSON records."""
    table = np.asarray(values, dtype=np.float64).reshape(len(groups), len(metric_names))
    return [
        {"group": str(group), **{m: json_number(v) for m, v in zip(metric_names, row)}}
        for group, row in zip(groups, table)
    ]


def named_numbers(names: Sequence[str], values: Any) -> dict[str, float | int | None]:
    """``{name: number}`` from parallel sequences (e.g. a pandas Series' index and values)."""
    return {str(n): json_number(v) for n, v in zip(names, np.asarray(values, dtype=np.float64))}


def importance_rows(names: Sequence[str], importances: Any) -> list[dict[str, Any]]:
    """Feature importances as records, most important first."""
    pairs = zip(names, np.asarray(importances, dtype=np.float64))
    rows = [{"feature": str(n), "importance": json_number(v)} for n, v in pairs]
    return sorted(rows, key=lambda r: -(r["importance"] or 0.0))


def agreement(a: Any, b: Any) -> float:
    """Fraction of positions where two label arrays agree (a surrogate's fidelity)."""
    left, right = np.asarray(a).astype(str), np.asarray(b).astype(str)
    return float(np.mean(left == right)) if len(left) else 0.0


_STYLE = (
    "body { font-family: sans-serif; margin: 2em; } table { border-collapse: collapse; } "
    "td, th { border: 1px solid #ccc; padding: 4px 8px; text-align: right; } "
    ".note { background: #fff4ce; padding: 8px; }"
)


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "<p>(no rows)</p>"
    columns = list(rows[0])
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(r.get(c)))}</td>" for c in columns) + "</tr>"
        for r in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _cell(value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def render_html(report: dict[str, Any]) -> str:
    """A static page with the tables and plots of ``report`` (every value HTML-escaped)."""
    sensitive = report["sensitive_feature"]
    fairness, explanation = report["fairness"], report["explanation"]
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Responsible AI report</title>",
        f"<style>{_STYLE}</style></head><body><h1>Responsible AI report</h1>",
        f"<h2>Fairness by {html.escape(str(sensitive['feature']))}</h2>",
        f"<p>Groups: {html.escape(str(sensitive['rule']))}.</p>",
    ]
    if sensitive.get("note"):
        parts.append(f"<p class='note'>{html.escape(sensitive['note'])}</p>")
    differences = [{"metric": k, "difference": v} for k, v in fairness["difference"].items()]
    parts += [_table(fairness["by_group"]), "<h3>Largest gap between groups</h3>"]
    parts += [_table(differences)]
    parts.append(f"<h2>Explanation: {html.escape(str(explanation['method']))}</h2>")
    parts.append(f"<p>Fidelity to the model: {_cell(explanation.get('fidelity'))}</p>")
    parts.append(_table(explanation["importances"]))
    for image in report.get("images", []):
        parts.append(f"<p><img src='{html.escape(image)}' alt='{html.escape(image)}'></p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
