"""The pure part of the iris classifier: build, train, evaluate, save and load.

No MLflow here: tests, ``score.py`` and ``batch_score.py`` import this module, and none of them
may need MLflow. The model is deliberately linear (scaler + logistic regression) so that the
encrypted-inference extra can evaluate it on ciphertext as ``x @ W + b``.
"""

from __future__ import annotations

import json
import math
import pickle
import re
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

MODEL_FILE = "model.pkl"
META_FILE = "features.json"
PICKLE_PROTOCOL = 4  # readable by every Python the Azure ML images ship (3.8+)

# ONNX / Triton: fixed tensor names, so config.pbtxt, clients and tests never guess them.
ONNX_INPUT = "input"
ONNX_LABEL = "label"  # the predicted class (string, or int64 for integer class labels)
ONNX_PROBABILITIES = "probabilities"  # float32 [N, n_classes]: what src/triton_client.py reads
ONNX_OPSET = 17  # supported by skl2onnx 1.19 and by Triton's onnxruntime backend
_TRITON_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def build_model(
    C: float = 1.0, max_iter: int = 200, random_state: int = 42, classifier: Any = None
) -> Pipeline:
    """Return an untrained ``StandardScaler -> LogisticRegression`` pipeline.

    Scaling keeps the logistic regression well conditioned and keeps values small, which CKKS
    encrypted inference needs for precision. An extra may pass its own linear ``classifier``
    (e.g. a differentially private logistic regression) in place of the default one.
    """
    if classifier is None:
        classifier = LogisticRegression(C=C, max_iter=max_iter, random_state=random_state)
    return Pipeline([("scaler", StandardScaler()), ("classifier", classifier)])


def _stratify_labels(y: np.ndarray, test_size: float) -> np.ndarray | None:
    """Return ``y`` when a stratified split is possible, else ``None``.

    Stratification needs two members per class and room for every class on both sides; tiny
    CSVs (e.g. in tests or smoke runs) fall back to a plain random split instead of crashing.
    """
    _, counts = np.unique(y, return_counts=True)
    n_val = math.ceil(test_size * len(y))
    n_classes = len(counts)
    if counts.min() >= 2 and n_val >= n_classes and len(y) - n_val >= n_classes:
        return y
    return None


def _check_training_data(X: np.ndarray, y: np.ndarray, test_size: float) -> None:
    """Fail early with a readable message instead of a deep scikit-learn traceback."""
    if X.ndim != 2 or len(X) != len(y):
        raise ValueError(f"X must be 2-D with one row per label; got {X.shape} and {len(y)} labels")
    if not 0.0 < test_size < 1.0:
        raise ValueError(f"test_size must be between 0 and 1 (exclusive); got {test_size}")
    if len(np.unique(y)) < 2:
        raise ValueError("training needs at least two distinct labels")
    if len(y) < 4:
        raise ValueError(f"training needs at least 4 rows; got {len(y)}")


def train_and_evaluate(
    X: np.ndarray,
    y: np.ndarray,
    *,
    C: float = 1.0,
    max_iter: int = 200,
    test_size: float = 0.2,
    random_state: int = 42,
    classifier: Any = None,
) -> tuple[Pipeline, dict[str, float | int], np.ndarray]:
    """Train on a (stratified where possible) split and score the held-out part.

    Returns ``(model, metrics, X_val)``: ``metrics`` holds ``val_accuracy``, ``val_f1_macro``,
    ``train_rows`` and ``val_rows`` (plain numbers, ready for ``mlflow.log_metrics``); ``X_val``
    is returned separately for the MLflow signature and input example.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).astype(str)
    _check_training_data(X, y, test_size)
    X_train, X_val, y_train, y_val = train_test_split(
        X,
        y,
        test_size=test_size,
        random_state=random_state,
        stratify=_stratify_labels(y, test_size),
    )
    model = build_model(C=C, max_iter=max_iter, random_state=random_state, classifier=classifier)
    model.fit(X_train, y_train)
    predicted = model.predict(X_val)
    metrics: dict[str, float | int] = {
        "val_accuracy": float(accuracy_score(y_val, predicted)),
        "val_f1_macro": float(f1_score(y_val, predicted, average="macro", zero_division=0)),
        "train_rows": int(len(y_train)),
        "val_rows": int(len(y_val)),
    }
    return model, metrics, X_val


def save_artifacts(model: Pipeline, feature_names: list[str], out_dir: str | Path) -> Path:
    """Write ``model.pkl`` and ``features.json`` into ``out_dir`` (created if needed).

    ``train.py`` calls this after ``mlflow.sklearn.save_model`` into the same folder, so the
    scoring scripts load plain pickle + JSON and never need MLflow. MLflow's pickle flavor also
    names its file ``model.pkl``; overwriting it with the same estimator keeps both loaders happy.
    """
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / MODEL_FILE).open("wb") as handle:
        pickle.dump(model, handle, protocol=PICKLE_PROTOCOL)
    meta = {"features": list(feature_names), "classes": [str(c) for c in model.classes_]}
    (folder / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return folder


def find_artifacts_dir(root: str | Path) -> Path:
    """Return the folder below ``root`` holding ``model.pkl`` (the shallowest one).

    Azure ML inserts the registered folder name into ``AZUREML_MODEL_DIR``
    (``.../<model>/<version>/<folder>/model.pkl``), so the exact depth is not known in advance.
    """
    base = Path(root)
    if (base / MODEL_FILE).is_file():
        return base
    found = sorted(base.rglob(MODEL_FILE), key=lambda p: (len(p.parts), str(p)))
    if not found:
        raise FileNotFoundError(f"no {MODEL_FILE} found under {base}")
    return found[0].parent


def load_artifacts(directory: str | Path) -> tuple[Pipeline, dict[str, Any]]:
    """Load ``(model, meta)`` written by :func:`save_artifacts`; meta has features and classes."""
    folder = Path(directory)
    meta_path = folder / META_FILE
    if not meta_path.is_file():
        raise FileNotFoundError(f"{META_FILE} missing next to {MODEL_FILE} in {folder}")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    with (folder / MODEL_FILE).open("rb") as handle:
        model = pickle.load(handle)  # trusted: the file comes from our own registered model
    return model, meta


# --------------------------------------------------------------------------- ONNX / Triton


def triton_config(
    model_name: str, n_features: int, n_classes: int, label_type: str = "TYPE_STRING"
) -> str:
    """``config.pbtxt`` matching :func:`export_onnx`.

    ``max_batch_size: 0`` with ``-1`` spelled out: the graph's batch axis is dynamic, and the 1-D
    label output would otherwise need a reshape block. Outputs are listed in graph order.
    """

    def tensor(name: str, data_type: str, dims: list[int]) -> str:
        shape = ", ".join(str(d) for d in dims)
        return '  { name: "' + name + f'", data_type: {data_type}, dims: [ {shape} ] ' + "}"

    outputs = [
        tensor(ONNX_LABEL, label_type, [-1]),
        tensor(ONNX_PROBABILITIES, "TYPE_FP32", [-1, n_classes]),
    ]
    return (
        f'name: "{model_name}"\n'
        'platform: "onnxruntime_onnx"\n'
        "max_batch_size: 0\n"
        "input [\n" + tensor(ONNX_INPUT, "TYPE_FP32", [-1, n_features]) + "\n]\n"
        "output [\n" + ",\n".join(outputs) + "\n]\n"
    )


def export_onnx(
    model: Pipeline, n_features: int, repo_dir: str | Path, model_name: str = "model"
) -> Path:
    """Export with skl2onnx as a Triton repository: ``<repo>/<name>/1/model.onnx`` + config.pbtxt.

    Input ``input``: float32 ``[None, n_features]``. Outputs, in this order: ``label`` and
    ``probabilities`` (float32 ``[None, n_classes]``; ZipMap is switched off because Triton
    cannot return a sequence of maps). Returns the path of ``model.onnx``.
    skl2onnx is imported here, so training and scoring never need it unless ONNX is asked for.
    """
    if not _TRITON_NAME.match(model_name):
        raise ValueError(f"invalid Triton model name {model_name!r}: use letters, digits, _ . -")
    if getattr(model, "n_features_in_", n_features) != n_features:
        raise ValueError(f"the model takes {model.n_features_in_} features, not {n_features}")
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType, Int64TensorType, StringTensorType

    classes = np.asarray(model.classes_)
    integer_labels = classes.dtype.kind in "iu"
    classifier = model.steps[-1][1] if isinstance(model, Pipeline) else model
    onx = convert_sklearn(
        model,
        initial_types=[(ONNX_INPUT, FloatTensorType([None, n_features]))],
        final_types=[
            (ONNX_LABEL, Int64TensorType([None]) if integer_labels else StringTensorType([None])),
            (ONNX_PROBABILITIES, FloatTensorType([None, len(classes)])),
        ],
        options={id(classifier): {"zipmap": False}},
        target_opset=ONNX_OPSET,
    )
    names = [output.name for output in onx.graph.output]
    if names != [ONNX_LABEL, ONNX_PROBABILITIES]:
        raise ValueError(f"unexpected ONNX outputs {names}; config.pbtxt would not match")
    model_dir = Path(repo_dir) / model_name
    (model_dir / "1").mkdir(parents=True, exist_ok=True)
    onnx_path = model_dir / "1" / "model.onnx"
    onnx_path.write_bytes(onx.SerializeToString())
    label_type = "TYPE_INT64" if integer_labels else "TYPE_STRING"
    config = triton_config(model_name, n_features, len(classes), label_type)
    (model_dir / "config.pbtxt").write_text(config, encoding="utf-8")
    return onnx_path
