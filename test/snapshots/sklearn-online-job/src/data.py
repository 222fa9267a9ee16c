"""Load the iris data set: a CSV from a job input, or the copy bundled with scikit-learn.

Only the standard ``csv`` module and numpy are used, so the same code runs in the training job,
in the batch scorer and in offline tests without pandas. Nothing is ever downloaded.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

FEATURE_NAMES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def resolve_csv(path: str | Path) -> Path:
    """Return the CSV file behind ``path``.

    Azure ML passes a ``uri_file`` input as a file path and a ``uri_folder`` input as a folder, so a
    folder is accepted when it holds exactly one ``.csv`` file (searched recursively).
    """
    target = Path(path)
    if target.is_file():
        return target
    if target.is_dir():
        found = sorted(p for p in target.rglob("*.csv") if p.is_file())
        if len(found) != 1:
            names = ", ".join(str(p.relative_to(target)) for p in found[:5]) or "none"
            raise ValueError(
                f"folder {target} must contain exactly one .csv file; found {len(found)} ({names})"
            )
        return found[0]
    raise ValueError(f"data path {target} does not exist")


def read_csv_table(path: str | Path) -> tuple[list[str], list[list[str]]]:
    """Read a CSV with a header row into ``(header, rows)`` of stripped strings.

    Blank lines are skipped; a row whose width differs from the header is an error, because a
    silently shifted column would train or score on the wrong feature.
    """
    file = Path(path)
    with file.open(newline="", encoding="utf-8-sig") as handle:
        lines = [row for row in csv.reader(handle) if any(cell.strip() for cell in row)]
    if not lines:
        raise ValueError(f"{file.name} is empty: expected a header row and data rows")
    header = [name.strip() for name in lines[0]]
    rows = [[cell.strip() for cell in row] for row in lines[1:]]
    if not rows:
        raise ValueError(f"{file.name} has a header but no data rows")
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise ValueError(
                f"{file.name} line {number} has {len(row)} values; the header has {len(header)}"
            )
    return header, rows


def to_float_matrix(
    header: list[str], rows: list[list[str]], columns: list[str], source: str
) -> np.ndarray:
    """Convert the named columns to a float matrix, naming the first bad cell if any.

    NaN and infinity are rejected here so that they never reach the scaler (which would propagate
    them silently into every prediction).
    """
    indices = [header.index(name) for name in columns]
    matrix = np.empty((len(rows), len(indices)), dtype=np.float64)
    for r, row in enumerate(rows):
        for c, index in enumerate(indices):
            matrix[r, c] = _parse_number(row[index], source, r + 2, columns[c])
    return matrix


def _parse_number(cell: str, source: str, line: int, column: str) -> float:
    """Parse one numeric cell with an error message a user can act on."""
    try:
        value = float(cell)
    except ValueError:
        raise ValueError(
            f"{source} line {line}, column {column!r}: {cell!r} is not a number "
            "(features must be numeric)"
        ) from None
    if not math.isfinite(value):
        raise ValueError(f"{source} line {line}, column {column!r}: {cell!r} is not finite")
    return value


def load_csv(
    path: str | Path, label_column: str | None = None
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Load features and labels from a CSV (or a folder holding one); label defaults to last."""
    file = resolve_csv(path)
    header, rows = read_csv_table(file)
    if len(header) < 2:
        raise ValueError(f"{file.name} needs at least one feature column and a label column")
    label = label_column or header[-1]
    if label not in header:
        raise ValueError(
            f"label column {label!r} not found in {file.name}; columns are: {', '.join(header)}"
        )
    label_index = header.index(label)
    features = [name for name in header if name != label]
    X = to_float_matrix(header, rows, features, file.name)
    y = np.array([row[label_index] for row in rows], dtype=str)
    if any(value == "" for value in y):
        raise ValueError(f"{file.name}: label column {label!r} has empty values")
    return X, y, features


def load_bundled_iris() -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Return scikit-learn's bundled iris (no download) with species names as labels.

    Feature names match the header of ``data/iris.csv`` so a model trained on either source
    accepts the same batch files.
    """
    from sklearn.datasets import load_iris

    iris = load_iris()
    X = np.asarray(iris.data, dtype=np.float64)
    y = np.asarray(iris.target_names, dtype=str)[iris.target]
    return X, y, list(FEATURE_NAMES)


def load_dataset(
    path: str | None = None, label_column: str | None = None
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Return ``(X, y, feature_names)``: from ``path`` when given, else the bundled iris.

    ``X`` is float64, ``y`` holds string labels (so predictions read as species names), and
    ``feature_names`` is the column order the model expects at scoring time.
    """
    if path:
        return load_csv(path, label_column)
    return load_bundled_iris()
