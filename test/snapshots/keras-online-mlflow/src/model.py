"""Build, train, save and load the digit network with backend-agnostic Keras 3. No MLflow.

Runtime contract: the generator writes the environment with ``keras==3.x`` next to
``tensorflow``, ``KERAS_BACKEND=tensorflow`` and ``TF_USE_LEGACY_KERAS=0``. The curated TF 2.16
image sets ``TF_USE_LEGACY_KERAS=1``, which turns ``tf.keras`` (used by TensorFlow and MLflow
internals) into Keras 2; overriding it keeps ``import keras`` here, ``tf.keras`` elsewhere and the
saved ``model.keras`` file all on Keras 3, so code and runtime agree.

The model code uses only ``keras`` and ``keras.ops``, so it runs on any Keras 3 backend.
Training is single-node: Keras 3 ``model.fit`` under ``tf.distribute.MultiWorkerMirroredStrategy``
fails (an open upstream issue, keras-team/keras#20585), so the generator refuses ``--nodes`` > 1
for Keras; the TensorFlow framework (``tf.keras`` on Keras 2) is the multi-node choice.

Keras is imported inside the functions, so the pure helpers here and the modules ``data`` and
``payload`` are tested without it.

Saved artifacts (what ``score.py`` and ``batch_score.py`` load, without MLflow):
``<dir>/model.keras`` (input float32 ``(N, 28, 28, 1)`` raw 0-255 pixels, output ``(N, 10)``
class probabilities) and ``<dir>/labels.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from data import IMAGE_SIZE, NUM_CLASSES, to_model_input

MODEL_FILE = "model.keras"  # Keras 3 refuses model.save() on a path without this extension
LABELS_FILE = "labels.json"
LABELS = list(range(NUM_CLASSES))
INPUT_SHAPE = (IMAGE_SIZE, IMAGE_SIZE, 1)
PREDICT_CHUNK = 256

EpochCallback = Callable[[int, dict[str, float]], None]


def _keras() -> Any:
    import keras

    return keras


def backend_name() -> str:
    """The active Keras backend (``tensorflow``, ``jax`` or ``torch``); imports Keras."""
    return str(_keras().backend.backend())


def build_model(learning_rate: float = 1e-3) -> Any:
    """A small conv net; rescaling is inside the model so every consumer sends 0-255 pixels."""
    keras = _keras()
    model = keras.Sequential(
        [
            keras.Input(shape=INPUT_SHAPE, name="image"),
            keras.layers.Rescaling(1.0 / 255),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(64, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(NUM_CLASSES, activation="softmax"),
        ],
        name="mnist_cnn",
    )
    model.compile(
        # learning_rate=, not lr= (removed from Keras optimizers; stale samples still use it).
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def train(
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_val: np.ndarray,
    y_val: np.ndarray,
    *,
    epochs: int = 5,
    batch_size: int = 64,
    learning_rate: float = 1e-3,
    on_epoch_end: EpochCallback | None = None,
) -> tuple[Any, dict[str, list[float]]]:
    """Train on in-memory arrays (every backend accepts numpy); return model and history."""
    keras = _keras()
    model = build_model(learning_rate)
    callbacks = []
    if on_epoch_end is not None:
        callbacks.append(
            keras.callbacks.LambdaCallback(
                on_epoch_end=lambda epoch, logs: on_epoch_end(epoch, _floats(logs))
            )
        )
    history = model.fit(
        to_model_input(x_train),
        np.asarray(y_train, np.int64),
        batch_size=batch_size,
        epochs=epochs,
        validation_data=(to_model_input(x_val), np.asarray(y_val, np.int64)),
        shuffle=True,
        callbacks=callbacks,
        verbose=2,
    )
    return model, {name: [float(v) for v in values] for name, values in history.history.items()}


def _floats(logs: dict[str, Any] | None) -> dict[str, float]:
    return {name: float(value) for name, value in (logs or {}).items()}


def predict_proba(model: Any, images: np.ndarray) -> np.ndarray:
    """Class probabilities ``(N, 10)``, computed in chunks through ``keras.ops`` (any backend)."""
    keras = _keras()
    batch = to_model_input(images)
    chunks = []
    for start in range(0, len(batch), PREDICT_CHUNK):
        inputs = keras.ops.convert_to_tensor(batch[start : start + PREDICT_CHUNK])
        chunks.append(keras.ops.convert_to_numpy(model(inputs, training=False)))
    if not chunks:
        return np.zeros((0, NUM_CLASSES), np.float32)
    return np.concatenate(chunks)


def write_labels(out_dir: str | Path) -> Path:
    """Write ``labels.json``: class labels plus the input contract, for humans and clients."""
    path = Path(out_dir) / LABELS_FILE
    meta = {"labels": LABELS, "input_shape": list(INPUT_SHAPE), "pixel_range": [0, 255]}
    path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return path


def read_labels(directory: str | Path) -> list[int]:
    """Read the class labels written by :func:`write_labels`."""
    path = Path(directory) / LABELS_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{LABELS_FILE} missing in {directory}")
    return [int(label) for label in json.loads(path.read_text(encoding="utf-8"))["labels"]]


def save_artifacts(model: Any, out_dir: str | Path) -> Path:
    """Save ``model.keras`` + ``labels.json`` into ``out_dir``; return the ``.keras`` path.

    Always a ``.keras`` file: Keras 3 raises "Invalid filepath extension" for a bare folder (the
    legacy SavedModel route of ``model.save(dir)`` only worked under Keras 2).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / MODEL_FILE
    model.save(str(target))
    write_labels(out)
    return target


def export_saved_model(model: Any, target: str | Path) -> Path:
    """Write an inference-only TF SavedModel (tensorflow backend only) for the ONNX export."""
    model.export(str(target))
    return Path(target)


def find_artifacts_dir(root: str | Path) -> Path:
    """Return the shallowest folder below ``root`` holding ``labels.json`` and ``model.keras``.

    Azure ML inserts the registered folder name into ``AZUREML_MODEL_DIR``
    (``.../<model>/<version>/<folder>/...``), so the depth is not known in advance.
    """
    base = Path(root)
    found = [p.parent for p in base.rglob(LABELS_FILE) if (p.parent / MODEL_FILE).is_file()]
    if (base / LABELS_FILE).is_file() and (base / MODEL_FILE).is_file():
        found.append(base)
    if not found:
        raise FileNotFoundError(f"no {LABELS_FILE} next to {MODEL_FILE} under {base}")
    return min(found, key=lambda p: (len(p.parts), str(p)))


class Predictor:
    """A loaded Keras model plus labels; what ``score.py`` and ``batch_score.py`` call."""

    def __init__(self, model: Any, labels: list[int]) -> None:
        self.model = model
        self.labels = labels

    def predict_proba(self, images: np.ndarray) -> np.ndarray:
        """Probabilities ``(N, 10)`` for float32 ``(N, 28, 28, 1)`` images in 0-255."""
        return np.asarray(predict_proba(self.model, images), dtype=np.float64)

    def predict(self, images: np.ndarray) -> tuple[list[int], np.ndarray]:
        """Predicted labels and the probabilities behind them."""
        probabilities = self.predict_proba(images)
        labels = [self.labels[int(i)] for i in probabilities.argmax(axis=1)]
        return labels, probabilities


def load_model_file(path: str | Path) -> Any:
    """Load a ``.keras`` file for inference (no optimizer state needed)."""
    return _keras().saving.load_model(str(path), compile=False)


def load_artifacts(directory: str | Path) -> Predictor:
    """Load what :func:`save_artifacts` wrote (Keras only, no MLflow needed)."""
    folder = Path(directory)
    return Predictor(load_model_file(folder / MODEL_FILE), read_labels(folder))
